import type { DbOrTrx } from '../db/types.ts'

/**
 * The sessions among `sessionIds` still valid at `now` — not logged out, revoked, expired (absolute or
 * idle), their account not disabled — in one query per 500 ids, WITHOUT touching `last_seen_at`: the
 * long-lived event streams re-check their sessions with this and must not keep an idle session alive.
 */
export const aliveSessions = async (
  db: DbOrTrx,
  sessionIds: ReadonlyArray<string>,
  now: Date,
  limits: { readonly idleMs: number },
): Promise<ReadonlySet<string>> => {
  const alive = new Set<string>()
  const ids = [...new Set(sessionIds)]
  const nowMs = now.getTime()
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id', 'sessions.expires_at', 'sessions.last_seen_at', 'users.disabled'])
      .where('sessions.id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const r of rows) {
      const valid =
        Number(r.disabled) !== 1 &&
        Date.parse(r.expires_at) > nowMs &&
        Date.parse(r.last_seen_at) + limits.idleMs > nowMs
      if (valid) alive.add(r.id)
    }
  }
  return alive
}
