import type { CaseEvent, RecordScope } from '@pingzhan/domain'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type {
  LeaveRequestTable,
  ObligationTable,
  SuperviseeEventTable,
  SuperviseeTable,
} from '../db/corrections-types.ts'
import type { Database, DbOrTrx } from '../db/types.ts'

/** What a reader may see: the domain's scope, and whether minors' records are open to them. */
export interface CaseScope {
  readonly scope: RecordScope
  readonly minors: boolean
}

const where =
  <T extends 'supervisees' | 'obligations'>(table: T, s: CaseScope) =>
  (eb: ExpressionBuilder<Database, T>): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = []
    if (s.scope.kind === 'office') parts.push(eb(sql.ref(`${table}.office_code`), '=', s.scope.office))
    if (s.scope.kind === 'area') parts.push(eb(sql.ref(`${table}.area_code`), '=', s.scope.squad))
    if (!s.minors) parts.push(eb(sql.ref(`${table}.minor`), '=', 0))
    return parts.length === 0 ? sql<SqlBool>`1 = 1` : eb.and(parts)
  }

export type SuperviseeRow = Omit<SuperviseeTable, 'id_number_enc' | 'id_number_index'>

const COLUMNS = [
  'id',
  'name',
  'id_number_masked',
  'sex',
  'birth_date',
  'minor',
  'correction_type',
  'judgment_date',
  'term_start',
  'term_end',
  'town_code',
  'office_code',
  'area_code',
  'management_level',
  'prohibition_orders',
  'team_json',
  'status',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const

export const insertSupervisee = async (db: DbOrTrx, row: SuperviseeTable): Promise<void> => {
  await db.insertInto('supervisees').values(row).execute()
}

export const findSuperviseeInScope = async (
  db: DbOrTrx,
  s: CaseScope,
  id: string,
): Promise<SuperviseeRow | null> => {
  if (s.scope.kind === 'none') return null
  const row = await db
    .selectFrom('supervisees')
    .select(COLUMNS)
    .where('id', '=', id)
    .where(where('supervisees', s))
    .executeTakeFirst()
  return row ? { ...row, minor: Number(row.minor), version: Number(row.version) } : null
}

/** Newest first, keyset on id; `q` matches the name or (through the blind index) the exact ID number. */
export const listSupervisees = async (
  db: DbOrTrx,
  s: CaseScope,
  filter: {
    status?: SuperviseeTable['status'] | undefined
    nameLike?: string | undefined
    idIndex?: string | undefined
    afterId?: string | undefined
    limit: number
  },
): Promise<ReadonlyArray<SuperviseeRow>> => {
  if (s.scope.kind === 'none') return []
  let q = db.selectFrom('supervisees').select(COLUMNS).where(where('supervisees', s))
  if (filter.status) q = q.where('status', '=', filter.status)
  if (filter.nameLike !== undefined || filter.idIndex !== undefined) {
    const nameLike = filter.nameLike
    const idIndex = filter.idIndex
    q = q.where((eb) =>
      eb.or([
        ...(nameLike !== undefined ? [eb('name', 'like', `%${nameLike.replace(/[%_\\]/g, '')}%`)] : []),
        ...(idIndex !== undefined ? [eb('id_number_index', '=', idIndex)] : []),
      ]),
    )
  }
  if (filter.afterId) q = q.where('id', '<', filter.afterId)
  const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map((r) => ({ ...r, minor: Number(r.minor), version: Number(r.version) }))
}

export const idNumberCipher = async (db: DbOrTrx, id: string): Promise<string | null> =>
  (await db.selectFrom('supervisees').select('id_number_enc').where('id', '=', id).executeTakeFirst())
    ?.id_number_enc ?? null

export const updateSuperviseeIfVersion = async (
  db: DbOrTrx,
  id: string,
  version: number,
  set: Partial<Omit<SuperviseeTable, 'id' | 'version'>>,
): Promise<boolean> => {
  const r = await db
    .updateTable('supervisees')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export const insertSuperviseeEvent = async (db: DbOrTrx, row: SuperviseeEventTable): Promise<void> => {
  await db.insertInto('supervisee_events').values(row).execute()
}

export interface EventRow extends SuperviseeEventTable {
  readonly actor_name: string | null
}

export const eventsOfSupervisee = async (db: DbOrTrx, id: string): Promise<ReadonlyArray<EventRow>> =>
  db
    .selectFrom('supervisee_events')
    .leftJoin('users', 'users.id', 'supervisee_events.actor_id')
    .selectAll('supervisee_events')
    .select('users.display_name as actor_name')
    .where('supervisee_id', '=', id)
    .orderBy('supervisee_events.id')
    .execute()

/** The stored events the deadline engine reads, decoded into the domain's CaseEvent. */
export const toCaseEvent = (r: SuperviseeEventTable): CaseEvent | null => {
  const data = JSON.parse(r.data_json) as Record<string, unknown>
  const base = { id: r.id, on: r.on_date, atMs: Date.parse(r.at) }
  switch (r.kind) {
    case 'investigationCommissioned':
      return { ...base, kind: r.kind, fast: data.fast === true }
    case 'judgment':
      return { ...base, kind: r.kind, termStart: String(data.termStart), termEnd: String(data.termEnd) }
    case 'monitoringStarted':
      return { ...base, kind: r.kind, until: String(data.until) }
    case 'transferApplied':
      return { ...base, kind: r.kind, destination: String(data.destination), moveOn: String(data.moveOn) }
    case 'transferReplied':
      return { ...base, kind: r.kind, agreed: data.agreed === true }
    case 'transferDecided':
      return { ...base, kind: r.kind, approved: data.approved === true }
    case 'transferConsulted':
    case 'transferFilesSent':
    case 'transferCompleted':
    case 'investigationOpinion':
    case 'documentsReceived':
    case 'receiptSent':
    case 'reported':
    case 'intakeAnnounced':
    case 'planMade':
    case 'homeVisit':
    case 'lostContact':
    case 'contactRestored':
    case 'monitoringEnded':
    case 'discharged':
      return { ...base, kind: r.kind }
    default:
      return null
  }
}

export const insertLeave = async (db: DbOrTrx, row: LeaveRequestTable): Promise<void> => {
  await db.insertInto('leave_requests').values(row).execute()
}

export const leavesOf = async (db: DbOrTrx, superviseeId: string) =>
  db
    .selectFrom('leave_requests')
    .leftJoin('users', 'users.id', 'leave_requests.decided_by')
    .selectAll('leave_requests')
    .select('users.display_name as decided_by_name')
    .where('supervisee_id', '=', superviseeId)
    .orderBy('leave_requests.from_date')
    .execute()

export const findLeave = async (db: DbOrTrx, id: string) =>
  db.selectFrom('leave_requests').selectAll().where('id', '=', id).executeTakeFirst()

export const decideLeaveIfVersion = async (
  db: DbOrTrx,
  id: string,
  version: number,
  set: Pick<
    LeaveRequestTable,
    'status' | 'decided_by' | 'decided_at' | 'decision_note' | 'filed_with_county'
  >,
): Promise<boolean> => {
  const r = await db
    .updateTable('leave_requests')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export const obligationsOfCase = async (
  db: DbOrTrx,
  superviseeId: string,
): Promise<ReadonlyArray<ObligationTable>> =>
  db
    .selectFrom('obligations')
    .selectAll()
    .where('supervisee_id', '=', superviseeId)
    .orderBy('due_at')
    .execute()

export const insertObligation = async (db: DbOrTrx, row: ObligationTable): Promise<void> => {
  await db.insertInto('obligations').values(row).execute()
}

export const updateObligation = async (
  db: DbOrTrx,
  id: string,
  set: Partial<
    Pick<
      ObligationTable,
      'due_date' | 'due_at' | 'satisfied' | 'provisional' | 'title' | 'task_id' | 'updated_at' | 'minor'
    >
  >,
): Promise<void> => {
  await db.updateTable('obligations').set(set).where('id', '=', id).execute()
}

/** Open obligations due before `untilIso`, in the reader's scope, soonest first. */
export const pressingObligations = async (db: DbOrTrx, s: CaseScope, untilIso: string, limit: number) => {
  if (s.scope.kind === 'none') return []
  return db
    .selectFrom('obligations')
    .innerJoin('supervisees', 'supervisees.id', 'obligations.supervisee_id')
    .select([
      'obligations.id',
      'obligations.supervisee_id',
      'obligations.kind',
      'obligations.title',
      'obligations.due_date',
      'obligations.due_at',
      'obligations.provisional',
      'obligations.task_id',
      'obligations.area_code',
      'obligations.rule',
      'supervisees.name',
      'supervisees.minor as supervisee_minor',
    ])
    .where(where('obligations', s))
    .where('obligations.satisfied', '=', 0)
    .where('obligations.due_at', '<=', untilIso)
    .orderBy('obligations.due_at')
    .limit(limit)
    .execute()
}

/** The statutory task's due instant follows its obligation when rules or the calendar change. */
export const moveStatutoryTaskDue = async (
  db: DbOrTrx,
  taskId: string,
  dueAt: string,
  title: string,
): Promise<void> => {
  await db
    .updateTable('tasks')
    .set({ due_at: dueAt, title })
    .where('id', '=', taskId)
    .where('source', '=', 'statutory')
    .where('status', 'in', ['open', 'in_progress'])
    .execute()
}

export const activeCaseIds = async (db: DbOrTrx): Promise<ReadonlyArray<string>> =>
  (
    await db
      .selectFrom('supervisees')
      .select('id')
      .where('status', 'not in', ['discharged', 'transferred'])
      .orderBy('id')
      .execute()
  ).map((r) => r.id)
