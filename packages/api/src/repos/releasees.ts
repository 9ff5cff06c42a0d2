// Released prisoners (安置帮教, issue 5): rows, events and the engine's obligations, scoped like
// supervisees (area / office, minors only for those who may read them).
import type { ReleaseeEvent } from '@pingzhan/domain'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { ReleaseeEventTable, ReleaseeObligationTable, ReleaseeTable } from '../db/resettlement-types.ts'
import type { Database, DbOrTrx } from '../db/types.ts'
import type { CaseScope } from './supervisees.ts'

const where =
  <T extends 'releasees' | 'releasee_obligations'>(table: T, s: CaseScope) =>
  (eb: ExpressionBuilder<Database, T>): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = []
    if (s.scope.kind === 'office') parts.push(eb(sql.ref(`${table}.office_code`), '=', s.scope.office))
    if (s.scope.kind === 'area') parts.push(eb(sql.ref(`${table}.area_code`), '=', s.scope.squad))
    if (!s.minors) parts.push(eb(sql.ref(`${table}.minor`), '=', 0))
    return parts.length === 0 ? sql<SqlBool>`1 = 1` : eb.and(parts)
  }

export type ReleaseeRow = Omit<ReleaseeTable, 'id_number_enc' | 'id_number_index'>

const COLUMNS = [
  'id',
  'name',
  'id_number_masked',
  'sex',
  'birth_date',
  'minor',
  'category',
  'prison',
  'notice_date',
  'release_date',
  'notice_late',
  'town_code',
  'office_code',
  'area_code',
  'status',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const

const decode = <R extends { minor: number; notice_late: number; version: number }>(r: R): R => ({
  ...r,
  minor: Number(r.minor),
  notice_late: Number(r.notice_late),
  version: Number(r.version),
})

export const insertReleasee = async (db: DbOrTrx, row: ReleaseeTable): Promise<void> => {
  await db.insertInto('releasees').values(row).execute()
}

export const findReleaseeInScope = async (
  db: DbOrTrx,
  s: CaseScope,
  id: string,
): Promise<ReleaseeRow | null> => {
  if (s.scope.kind === 'none') return null
  const row = await db
    .selectFrom('releasees')
    .select(COLUMNS)
    .where('id', '=', id)
    .where(where('releasees', s))
    .executeTakeFirst()
  return row ? decode(row) : null
}

/** Newest first, keyset on id; `nameLike` or (through the blind index) the exact ID number. */
export const listReleasees = async (
  db: DbOrTrx,
  s: CaseScope,
  filter: {
    status?: ReleaseeTable['status'] | undefined
    nameLike?: string | undefined
    idIndex?: string | undefined
    afterId?: string | undefined
    limit: number
  },
): Promise<ReadonlyArray<ReleaseeRow>> => {
  if (s.scope.kind === 'none') return []
  let q = db.selectFrom('releasees').select(COLUMNS).where(where('releasees', s))
  if (filter.status) q = q.where('status', '=', filter.status)
  const { nameLike, idIndex } = filter
  if (nameLike !== undefined) q = q.where('name', 'like', `%${nameLike.replace(/[%_\\]/g, '')}%`)
  if (idIndex !== undefined) q = q.where('id_number_index', '=', idIndex)
  if (filter.afterId) q = q.where('id', '<', filter.afterId)
  return (await q.orderBy('id', 'desc').limit(filter.limit).execute()).map(decode)
}

export const openReleaseeWithIdIndex = async (db: DbOrTrx, idIndex: string) =>
  db
    .selectFrom('releasees')
    .select('id')
    .where('id_number_index', '=', idIndex)
    .where('status', '!=', 'closed')
    .executeTakeFirst()

export const releaseeIdCipher = async (db: DbOrTrx, id: string): Promise<string | null> =>
  (await db.selectFrom('releasees').select('id_number_enc').where('id', '=', id).executeTakeFirst())
    ?.id_number_enc ?? null

export const updateReleaseeIfVersion = async (
  db: DbOrTrx,
  id: string,
  version: number,
  set: Partial<Pick<ReleaseeTable, 'status' | 'category' | 'updated_at'>>,
): Promise<boolean> => {
  const r = await db
    .updateTable('releasees')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export const insertReleaseeEvent = async (db: DbOrTrx, row: ReleaseeEventTable): Promise<void> => {
  await db.insertInto('releasee_events').values(row).execute()
}

export const eventsOfReleasee = async (db: DbOrTrx, id: string) =>
  db
    .selectFrom('releasee_events')
    .leftJoin('users', 'users.id', 'releasee_events.actor_id')
    .selectAll('releasee_events')
    .select('users.display_name as actor_name')
    .where('releasee_id', '=', id)
    .orderBy('releasee_events.id')
    .execute()

/** A stored event decoded into the domain's ReleaseeEvent. */
export const toReleaseeEvent = (r: ReleaseeEventTable): ReleaseeEvent | null => {
  const data = JSON.parse(r.data_json) as Record<string, unknown>
  const base = { id: r.id, on: r.on_date }
  switch (r.kind) {
    case 'noticeReceived':
      return { ...base, kind: r.kind, releaseOn: String(data.releaseOn) }
    case 'assisted':
      return { ...base, kind: r.kind, assistance: data.assistance as 'placement' }
    case 'handedOver':
    case 'fileOpened':
    case 'infoEntered':
    case 'visit':
    case 'closed':
      return { ...base, kind: r.kind }
    default:
      return null
  }
}

export const obligationsOfReleasee = async (
  db: DbOrTrx,
  releaseeId: string,
): Promise<ReadonlyArray<ReleaseeObligationTable>> =>
  db
    .selectFrom('releasee_obligations')
    .selectAll()
    .where('releasee_id', '=', releaseeId)
    .orderBy('due_at')
    .execute()

export const insertReleaseeObligation = async (db: DbOrTrx, row: ReleaseeObligationTable): Promise<void> => {
  await db.insertInto('releasee_obligations').values(row).execute()
}

export const updateReleaseeObligation = async (
  db: DbOrTrx,
  id: string,
  set: Partial<
    Pick<
      ReleaseeObligationTable,
      'due_date' | 'due_at' | 'satisfied' | 'provisional' | 'title' | 'updated_at'
    >
  >,
): Promise<void> => {
  await db.updateTable('releasee_obligations').set(set).where('id', '=', id).execute()
}

/** Open obligations due before `untilIso`, in the reader's scope, soonest first. */
export const pressingReleaseeObligations = async (
  db: DbOrTrx,
  s: CaseScope,
  untilIso: string,
  limit: number,
) => {
  if (s.scope.kind === 'none') return []
  return db
    .selectFrom('releasee_obligations')
    .innerJoin('releasees', 'releasees.id', 'releasee_obligations.releasee_id')
    .select([
      'releasee_obligations.id',
      'releasee_obligations.releasee_id',
      'releasee_obligations.kind',
      'releasee_obligations.title',
      'releasee_obligations.due_date',
      'releasee_obligations.due_at',
      'releasee_obligations.provisional',
      'releasee_obligations.task_id',
      'releasee_obligations.area_code',
      'releasees.name',
    ])
    .where(where('releasee_obligations', s))
    .where('releasee_obligations.satisfied', '=', 0)
    .where('releasee_obligations.due_at', '<=', untilIso)
    .orderBy('releasee_obligations.due_at')
    .limit(limit)
    .execute()
}

export const openReleaseeIds = async (db: DbOrTrx): Promise<ReadonlyArray<string>> =>
  (await db.selectFrom('releasees').select('id').where('status', '!=', 'closed').orderBy('id').execute()).map(
    (r) => r.id,
  )
