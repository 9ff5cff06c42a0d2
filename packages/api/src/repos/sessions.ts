import type { DbOrTrx } from '../db/types.ts'
import { decodeUser, USER_COLUMNS, type User } from './users.ts'

export interface SessionLimits {
  readonly idleMs: number
  readonly absoluteMs: number
}

/** Refresh `last_seen_at` at most this often, so a read-heavy session is not a write per request. */
const TOUCH_AFTER_MS = 60_000

export const createSession = async (
  db: DbOrTrx,
  s: { id: string; tokenHash: string; userId: string; now: Date; limits: SessionLimits; ip: string | null },
): Promise<void> => {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      token_hash: s.tokenHash,
      user_id: s.userId,
      created_at: s.now.toISOString(),
      last_seen_at: s.now.toISOString(),
      expires_at: new Date(s.now.getTime() + s.limits.absoluteMs).toISOString(),
      ip: s.ip,
    })
    .execute()
}

export interface ActiveSession {
  readonly sessionId: string
  readonly user: User
}

/** The live session for a token hash, or null (expired sessions are removed on sight). */
export const findActiveSession = async (
  db: DbOrTrx,
  tokenHash: string,
  now: Date,
  limits: SessionLimits,
): Promise<ActiveSession | null> => {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([...USER_COLUMNS, 'sessions.id as session_id', 'sessions.last_seen_at', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!row) return null
  const nowMs = now.getTime()
  const lastSeen = Date.parse(row.last_seen_at)
  if (Date.parse(row.expires_at) <= nowMs || lastSeen + limits.idleMs <= nowMs) {
    await deleteSession(db, row.session_id)
    return null
  }
  const user = decodeUser(row)
  if (user.disabled) return null
  if (nowMs - lastSeen >= TOUCH_AFTER_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', row.session_id)
      .execute()
  }
  return { sessionId: row.session_id, user }
}

export const deleteSession = async (db: DbOrTrx, id: string): Promise<void> => {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

export const deleteSessionByTokenHash = async (db: DbOrTrx, tokenHash: string): Promise<void> => {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}
