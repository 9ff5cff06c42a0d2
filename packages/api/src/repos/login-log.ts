import type { LoginLogKind } from '../db/accounts-types.ts'
import type { DbOrTrx } from '../db/types.ts'
import { decodeCursor, encodeCursor, newId } from '../shared.ts'

export interface LoginEvent {
  readonly kind: LoginLogKind
  readonly at: Date
  readonly userId: string | null
  readonly username: string
  readonly displayName: string | null
  readonly ip: string | null
  readonly userAgent: string | null
  readonly reason?: string | null
  readonly by?: { readonly id: string; readonly name: string } | null
}

export const appendLoginLog = async (db: DbOrTrx, e: LoginEvent): Promise<void> => {
  await db
    .insertInto('login_log')
    .values({
      id: newId(),
      at: e.at.toISOString(),
      kind: e.kind,
      user_id: e.userId,
      username: e.username.slice(0, 64),
      display_name: e.displayName,
      ip: e.ip,
      user_agent: e.userAgent?.slice(0, 300) ?? null,
      reason: e.reason ?? null,
      by_user_id: e.by?.id ?? null,
      by_name: e.by?.name ?? null,
    })
    .execute()
}

export interface LoginLogFilter {
  readonly username?: string | undefined
  readonly kind?: LoginLogKind | undefined
  readonly ip?: string | undefined
  /** ISO instants */
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly cursor?: string | undefined
  readonly limit: number
}

export interface LoginLogItem {
  readonly id: string
  readonly at: string
  readonly kind: LoginLogKind
  readonly username: string
  readonly displayName: string | null
  readonly ip: string | null
  readonly userAgent: string | null
  readonly reason: string | null
  readonly byName: string | null
}

const likeText = (s: string) => `%${s.replace(/[%_\\]/g, '')}%`

/** Newest first, keyset on (at, id). */
export const listLoginLog = async (
  db: DbOrTrx,
  f: LoginLogFilter,
): Promise<{ items: ReadonlyArray<LoginLogItem>; nextCursor: string | null }> => {
  let q = db.selectFrom('login_log').selectAll()
  if (f.username) {
    const u = likeText(f.username)
    q = q.where((eb) => eb.or([eb('username', 'like', u), eb('display_name', 'like', u)]))
  }
  if (f.kind) q = q.where('kind', '=', f.kind)
  if (f.ip) q = q.where('ip', '=', f.ip)
  if (f.from) q = q.where('at', '>=', f.from)
  if (f.to) q = q.where('at', '<=', f.to)
  const after = f.cursor ? decodeCursor(f.cursor, 2) : null
  if (after) {
    const [at, id] = after as [string, string]
    q = q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]))
  }
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()
  const items = rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind,
    username: r.username,
    displayName: r.display_name,
    ip: r.ip,
    userAgent: r.user_agent,
    reason: r.reason,
    byName: r.by_name,
  }))
  const last = items.at(-1)
  return { items, nextCursor: items.length === f.limit && last ? encodeCursor([last.at, last.id]) : null }
}
