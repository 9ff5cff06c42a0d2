import type { Trx } from '../db/types.ts'
import { sweeperOf } from '../realtime/session-sweep.ts'
import type { Deps } from '../trpc/context.ts'

/** Which sessions to end: some by id, or every session of a user (optionally but one, their own). */
export type SessionSelector =
  | { readonly sessionIds: ReadonlyArray<string> }
  | { readonly userId: string; readonly exceptSessionId?: string | undefined }

export interface EndedSessions {
  readonly sessionIds: ReadonlyArray<string>
  /** users whose account changed or whose sessions ended: their cached sessions are dropped too */
  readonly userIds: ReadonlyArray<string>
}

/**
 * THE way a session ends (logout, force logout, disabling an account, a role or unit change, a new
 * password): in one transaction the session rows are deleted and `work` runs (the account change, the
 * audit and login-log rows); after the commit, `releaseEndedSessions` drops them from this process's
 * session cache and ends their live event streams at once. Returns what was ended.
 */
export const endSessions = async (
  deps: Deps,
  selector: SessionSelector,
  work?: (trx: Trx, ended: ReadonlyArray<string>) => Promise<void>,
): Promise<EndedSessions> => {
  const ended = await deps.db.transaction().execute(async (trx) => {
    let q = trx.deleteFrom('sessions')
    if ('sessionIds' in selector) {
      if (selector.sessionIds.length === 0) {
        await work?.(trx, [])
        return { sessionIds: [], userIds: [] }
      }
      q = q.where('id', 'in', [...selector.sessionIds])
    } else {
      q = q.where('user_id', '=', selector.userId)
      if (selector.exceptSessionId) q = q.where('id', '<>', selector.exceptSessionId)
    }
    const rows = await q.returning(['id', 'user_id']).execute()
    const sessionIds = rows.map((r) => r.id)
    await work?.(trx, sessionIds)
    const userIds = new Set(rows.map((r) => r.user_id))
    if ('userId' in selector) userIds.add(selector.userId)
    return { sessionIds, userIds: [...userIds] }
  })
  releaseEndedSessions(deps, ended)
  return ended
}

/**
 * The in-process half of ending sessions, after their rows are gone from the database: forget them in
 * the session cache (and every cached session of `userIds`, whose account may have changed) and end
 * their event streams now. A channel that carries ended sessions between API processes calls this in
 * each receiving process.
 */
export const releaseEndedSessions = (deps: Deps, ended: EndedSessions): void => {
  for (const id of ended.sessionIds) deps.sessions.forgetSession(id)
  for (const id of ended.userIds) deps.sessions.forgetUser(id)
  if (ended.sessionIds.length > 0) sweeperOf(deps).endNow(new Set(ended.sessionIds))
}
