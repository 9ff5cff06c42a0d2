import { PostgresAdapter, sql } from 'kysely'
import { type DataKeys, hmacSm3 } from '../crypto/keys.ts'
import type { AuditLogTable, DbOrTrx, Trx } from '../db/types.ts'
import { newId } from '../shared.ts'

export const GENESIS_MAC = '0'.repeat(64)

export interface AuditActor {
  readonly id: string | null
  readonly name: string
  readonly role: string
}

export interface AuditEntry {
  readonly actor: AuditActor
  readonly action: string
  readonly unit: { readonly code: string; readonly name: string; readonly area: string | null } | null
  readonly subjectType: string
  readonly subjectId: string | null
  readonly before?: unknown
  readonly after?: unknown
  readonly correlationId: string
  readonly ip: string | null
  readonly at: Date
}

type Chained = Omit<AuditLogTable, 'mac'>

/** The exact bytes the MAC covers, field order fixed. */
const canonical = (row: Chained): string =>
  JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.actor_role,
    row.action,
    row.unit_code,
    row.unit_name,
    row.area_code,
    row.subject_type,
    row.subject_id,
    row.before_json,
    row.after_json,
    row.correlation_id,
    row.ip,
    row.prev_mac,
  ])

export const macOf = (key: Buffer, row: Chained): string => hmacSm3(key, canonical(row)).toString('hex')

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value))

/**
 * Appends one audit row inside the caller's transaction, so the row exists exactly when the change
 * does. Each row's HMAC-SM3 covers its content and the previous row's MAC (a chain).
 */
export const appendAudit = async (trx: Trx, keys: DataKeys, entry: AuditEntry): Promise<void> => {
  // Serialise appenders on PostgreSQL (SQLite transactions are already serialised).
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`SELECT pg_advisory_xact_lock(7157001)`.execute(trx)
  }
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'mac'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  const row: Chained = {
    id: newId(),
    seq: (last ? Number(last.seq) : 0) + 1,
    at: entry.at.toISOString(),
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    actor_role: entry.actor.role,
    action: entry.action,
    unit_code: entry.unit?.code ?? null,
    unit_name: entry.unit?.name ?? null,
    area_code: entry.unit?.area ?? null,
    subject_type: entry.subjectType,
    subject_id: entry.subjectId,
    before_json: json(entry.before),
    after_json: json(entry.after),
    correlation_id: entry.correlationId,
    ip: entry.ip,
    prev_mac: last?.mac ?? GENESIS_MAC,
  }
  await trx
    .insertInto('audit_log')
    .values({ ...row, mac: macOf(keys.audit, row) })
    .execute()
}

export interface VerifyResult {
  readonly ok: boolean
  readonly checked: number
  readonly brokenAt: number | null
}

/** Walks the whole chain in seq order; reports the first row whose seq, link or MAC is wrong. */
export const verifyAudit = async (db: DbOrTrx, keys: DataKeys): Promise<VerifyResult> => {
  let expectedSeq = 1
  let prevMac = GENESIS_MAC
  let checked = 0
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(1000)
      .execute()
    if (rows.length === 0) return { ok: true, checked, brokenAt: null }
    for (const raw of rows) {
      const row = { ...raw, seq: Number(raw.seq) }
      const { mac, ...rest } = row
      if (row.seq !== expectedSeq || row.prev_mac !== prevMac || macOf(keys.audit, rest) !== mac) {
        return { ok: false, checked, brokenAt: expectedSeq }
      }
      checked++
      expectedSeq++
      prevMac = mac
    }
  }
}
