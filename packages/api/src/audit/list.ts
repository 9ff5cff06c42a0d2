import type { DbOrTrx } from '../db/types.ts'

export interface AuditFilter {
  readonly area?: string | undefined
  readonly action?: string | undefined
  readonly actor?: string | undefined
  readonly subjectType?: string | undefined
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly beforeSeq?: number | undefined
  readonly limit: number
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json))

/** Newest first, keyset on seq. `from`/`to` are dates (whole days, China time) or ISO instants. */
export const listAudit = async (db: DbOrTrx, f: AuditFilter) => {
  let q = db.selectFrom('audit_log').selectAll()
  if (f.area !== undefined) q = q.where('area_code', '=', f.area)
  if (f.action) q = q.where('action', '=', f.action)
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType)
  if (f.actor) {
    const actor = f.actor
    q = q.where((eb) =>
      eb.or([eb('actor_id', '=', actor), eb('actor_name', 'like', `%${actor.replace(/[%_\\]/g, '')}%`)]),
    )
  }
  if (f.from)
    q = q.where(
      'at',
      '>=',
      f.from.length === 10 ? new Date(`${f.from}T00:00:00+08:00`).toISOString() : f.from,
    )
  if (f.to)
    q = q.where('at', '<=', f.to.length === 10 ? new Date(`${f.to}T23:59:59.999+08:00`).toISOString() : f.to)
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq)
  const rows = await q.orderBy('seq', 'desc').limit(f.limit).execute()
  const items = rows.map((r) => ({
    id: r.id,
    seq: Number(r.seq),
    at: r.at,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    unitName: r.unit_name ?? '',
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    before: parse(r.before_json),
    after: parse(r.after_json),
    correlationId: r.correlation_id,
    ip: r.ip,
  }))
  const last = items.at(-1)
  return { items, nextCursor: items.length === f.limit && last ? String(last.seq) : null }
}
