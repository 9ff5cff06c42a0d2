import type { DbOrTrx } from '../db/types.ts'
import { sweeperOf } from '../realtime/session-sweep.ts'
import type { Deps } from '../trpc/context.ts'

/** Which sessions to end: one, the one holding a token, or all of a user's (optionally but one). */
export type SessionTarget =
  | { readonly sessionId: string }
  | { readonly tokenHash: string }
  | { readonly userId: string; readonly exceptSessionId?: string }

/** What every process hears when sessions end (the cluster bus's `sessions` topic). */
export interface SessionsEnded {
  readonly sessionIds: ReadonlyArray<string>
  /** set when all of a user's sessions (but `exceptSessionId`) ended: cached reads of the user go too */
  readonly userId?: string
}

/**
 * THE way to end sessions (logout, a login replacing a token, disabling an account, a role or unit
 * change, a new password, a forced logout): deletes the session rows in the caller's transaction and
 * tells every API process, so that each evicts them from its session cache and ends their event
 * streams. This process acts at once; the others (PostgreSQL) when the transaction commits — within
 * milliseconds, well inside a second. Returns the ids of the sessions ended. With `{ userId }` the
 * cached user is evicted everywhere even when no row was deleted (the user then signs in again and
 * gets the changed account).
 */
export const endSessions = async (
  deps: Deps,
  trx: DbOrTrx,
  target: SessionTarget,
): Promise<ReadonlyArray<string>> => {
  let query = trx.deleteFrom('sessions')
  if ('sessionId' in target) query = query.where('id', '=', target.sessionId)
  else if ('tokenHash' in target) query = query.where('token_hash', '=', target.tokenHash)
  else {
    query = query.where('user_id', '=', target.userId)
    if (target.exceptSessionId !== undefined) query = query.where('id', '<>', target.exceptSessionId)
  }
  const rows = await query.returning('id').execute()
  const message: SessionsEnded = {
    sessionIds: rows.map((r) => r.id),
    ...('userId' in target ? { userId: target.userId } : {}),
  }
  if (message.sessionIds.length > 0 || message.userId !== undefined) {
    await deps.bus.publishInTransaction(trx, 'sessions', message)
  }
  return message.sessionIds
}

/** Subscribes this process to ended sessions (startApp calls it once per app). */
export const listenForEndedSessions = (deps: Deps): (() => void) => {
  const off = deps.bus.subscribe('sessions', (raw) => {
    const message = raw as SessionsEnded
    const ids = new Set(message.sessionIds)
    for (const id of ids) deps.sessions.forgetSession(id)
    if (message.userId !== undefined) deps.sessions.forgetUser(message.userId)
    sweeperOf(deps).endSessions(ids)
  })
  // After the bus was disconnected, endings may have been missed: forget every cached session and
  // re-check every open stream against the database now.
  const offResync = deps.bus.onResync(() => {
    deps.sessions.clear()
    void sweeperOf(deps)
      .sweep()
      .catch(() => {})
  })
  return () => {
    off()
    offResync()
  }
}
