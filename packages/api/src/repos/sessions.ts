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
  s: {
    id: string
    tokenHash: string
    userId: string
    now: Date
    limits: SessionLimits
    ip: string | null
    userAgent?: string | null
    pendingTotp?: boolean
  },
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
      user_agent: s.userAgent ?? null,
      pending_totp: s.pendingTotp ? 1 : 0,
    })
    .execute()
}

export interface ActiveSession {
  readonly sessionId: string
  readonly user: User
  /** signed in with the password, the second factor not yet given: only auth.verifyTotp works */
  readonly pendingTotp: boolean
}

interface CachedSession extends ActiveSession {
  readonly lastSeenMs: number
  readonly expiresMs: number
  readonly cachedAtMs: number
}

/**
 * The sessions this process has just read, so that an authenticated request is not a database query
 * before its real work (the board bench: one query in two). The database stays the truth:
 * - an entry is used for at most `ttlMs` (5 s) and never past the session's idle or absolute limit,
 *   and `last_seen_at` is still refreshed through the database once a minute;
 * - every end of a session (logout, a new login replacing the token, disabling an account, a role or
 *   unit change, a new password) goes through `endSessions` (services/session-end.ts), which evicts
 *   the entries on every API process through the cluster bus;
 * - `forget…` bumps a generation, and a read that began before it is not cached, so a request in
 *   flight during a logout cannot put the ended session back.
 * What changes without `endSessions` (a maintenance script editing rows) is seen within `ttlMs`.
 */
export class SessionCache {
  readonly #entries = new Map<string, CachedSession>()
  readonly #ttlMs: number
  readonly #max: number
  #generation = 0

  constructor(ttlMs = 5_000, max = 10_000) {
    this.#ttlMs = ttlMs
    this.#max = max
  }

  get size(): number {
    return this.#entries.size
  }

  /** Invalidation counter: pass the value read before a database read to `set`. */
  get generation(): number {
    return this.#generation
  }

  get(tokenHash: string, nowMs: number): CachedSession | undefined {
    const entry = this.#entries.get(tokenHash)
    if (entry === undefined) return undefined
    if (nowMs - entry.cachedAtMs >= this.#ttlMs || nowMs < entry.cachedAtMs) {
      this.#entries.delete(tokenHash)
      return undefined
    }
    return entry
  }

  set(tokenHash: string, entry: CachedSession, generation: number): void {
    if (generation !== this.#generation) return
    this.#entries.delete(tokenHash)
    if (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.set(tokenHash, entry)
  }

  #forgetWhere(match: (key: string, entry: CachedSession) => boolean): void {
    this.#generation += 1
    for (const [key, entry] of this.#entries) if (match(key, entry)) this.#entries.delete(key)
  }

  forgetToken(tokenHash: string): void {
    this.#forgetWhere((key) => key === tokenHash)
  }

  forgetSession(sessionId: string): void {
    this.#forgetWhere((_, entry) => entry.sessionId === sessionId)
  }

  forgetUser(userId: string): void {
    this.#forgetWhere((_, entry) => entry.user.id === userId)
  }

  /** Forgets everything (after the cross-process bus reconnected: endings may have been missed). */
  clear(): void {
    this.#forgetWhere(() => true)
  }
}

/**
 * The live session for a token hash, or null (expired sessions are removed on sight). With a cache,
 * a session read in the last few seconds is answered from it (see SessionCache).
 */
export const findActiveSession = async (
  db: DbOrTrx,
  tokenHash: string,
  now: Date,
  limits: SessionLimits,
  cache?: SessionCache,
): Promise<ActiveSession | null> => {
  const nowMs = now.getTime()
  const hit = cache?.get(tokenHash, nowMs)
  if (
    hit !== undefined &&
    hit.expiresMs > nowMs &&
    hit.lastSeenMs + limits.idleMs > nowMs &&
    nowMs - hit.lastSeenMs < TOUCH_AFTER_MS
  ) {
    return { sessionId: hit.sessionId, user: hit.user, pendingTotp: hit.pendingTotp }
  }
  const generation = cache?.generation ?? 0
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      ...USER_COLUMNS,
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.pending_totp',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst()
  if (!row) {
    cache?.forgetToken(tokenHash)
    return null
  }
  const lastSeen = Date.parse(row.last_seen_at)
  const expiresMs = Date.parse(row.expires_at)
  if (expiresMs <= nowMs || lastSeen + limits.idleMs <= nowMs) {
    await deleteSession(db, row.session_id)
    cache?.forgetToken(tokenHash)
    return null
  }
  const user = decodeUser(row)
  if (user.disabled) {
    cache?.forgetToken(tokenHash)
    return null
  }
  const touch = nowMs - lastSeen >= TOUCH_AFTER_MS
  if (touch) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', row.session_id)
      .execute()
  }
  const session = { sessionId: row.session_id, user, pendingTotp: Number(row.pending_totp) === 1 }
  cache?.set(
    tokenHash,
    { ...session, lastSeenMs: touch ? nowMs : lastSeen, expiresMs, cachedAtMs: nowMs },
    generation,
  )
  return session
}

export const deleteSession = async (db: DbOrTrx, id: string): Promise<void> => {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}
