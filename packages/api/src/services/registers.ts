// Shared plumbing of the office casework registers (issue 4): legal aid, legality reviews, legal
// education. Access follows the mediation register: `intakeScope` decides what a user reads (director:
// own office; liaison bureau leader: own area, read only; administrator: all); directors write their
// office's records, the administrator any office's. Every change is versioned, kept in
// `register_events` and audited in the same transaction.
import { randomBytes } from 'node:crypto'
import { intakeScope, type RecordScope } from '@pingzhan/domain'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import { appendAudit } from '../audit/audit.ts'
import type { RegisterName } from '../db/registers-types.ts'
import type { Database, DbOrTrx, Trx } from '../db/types.ts'
import { findTaskInScope, insertTaskEvent, updateTaskIfVersion } from '../repos/tasks.ts'
import type { User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { fail, faultOf, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { type AuditContext, createTask, type NewTask } from './task-work.ts'
import { auditActor, officeUnit } from './units.ts'

export type RegisterTable = 'legal_aid_cases' | 'legality_reviews' | 'legal_education_events'

export type ReadScope = Exclude<RecordScope, { kind: 'none' }>

/** The records a user may read, or null: nothing at all. */
export const readScope = (user: User): ReadScope | null => {
  const scope = intakeScope(actorOf(user))
  return scope.kind === 'none' ? null : scope
}

export const scopeOf =
  <T extends RegisterTable>(table: T, scope: ReadScope) =>
  (eb: ExpressionBuilder<Database, T>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return sql<SqlBool>`1 = 1`
      case 'office':
        return eb(sql.ref(`${table}.office_code`), '=', scope.office)
      case 'area':
        return eb(sql.ref(`${table}.area_code`), '=', scope.squad)
    }
  }

export const badField = (field: string, message: string) =>
  fail('BAD_REQUEST', 'InvalidInput', `输入有误：${message}`, { [field]: message })

/** Directors keep their own office's registers; the administrator any. Bureau leaders only read. */
export const writableOffice = (
  ctx: Context,
  user: User,
  officeCode: string | undefined,
  forbiddenMessage: string,
): string => {
  if (user.role === 'officeDirector') {
    if (officeCode !== undefined && officeCode !== user.officeCode) throw notFound('司法所')
    if (user.officeCode === null) throw forbidden()
    return user.officeCode
  }
  if (user.role === 'bureauAdmin') {
    if (!officeCode) throw badField('officeCode', '请选择司法所')
    if (!ctx.deps.org.office(officeCode)) throw notFound('司法所')
    return officeCode
  }
  throw forbidden(forbiddenMessage)
}

/** A register number: prefix, the Shanghai date and six random hex digits (e.g. FY20261126-3A9C01). */
export const recordNumber = (prefix: string, today: string): string =>
  `${prefix}${today.replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`

export const auditContext = (ctx: Context, user: User, at: Date): AuditContext => ({
  actor: auditActor(user),
  correlationId: ctx.req.correlationId,
  ip: ctx.req.ip,
  at,
})

/** [before, after] of each column the update sets. */
export const changesOf = <R extends object>(
  row: R,
  set: Partial<R>,
  skip: ReadonlyArray<string> = [],
): Record<string, [unknown, unknown]> => {
  const changes: Record<string, [unknown, unknown]> = {}
  for (const [k, v] of Object.entries(set)) {
    if (skip.includes(k)) continue
    const before = (row as Record<string, unknown>)[k] ?? null
    if (before !== v) changes[k] = [before, v ?? null]
  }
  return changes
}

export const recordEvent = async (
  trx: Trx,
  register: RegisterName,
  recordId: string,
  at: string,
  actorId: string,
  kind: string,
  changes: object = {},
): Promise<void> => {
  await trx
    .insertInto('register_events')
    .values({
      id: newId(),
      register,
      record_id: recordId,
      at,
      actor_id: actorId,
      kind,
      changes_json: JSON.stringify(changes),
    })
    .execute()
}

export interface HistoryEntry {
  readonly at: string
  readonly kind: string
  readonly actorName: string
  readonly changes: Record<string, [unknown, unknown]>
}

export const historyOf = async (db: DbOrTrx, recordId: string): Promise<ReadonlyArray<HistoryEntry>> => {
  const rows = await db
    .selectFrom('register_events')
    .innerJoin('users', 'users.id', 'register_events.actor_id')
    .select([
      'register_events.at',
      'register_events.kind',
      'register_events.changes_json',
      'users.display_name',
    ])
    .where('register_events.record_id', '=', recordId)
    .orderBy('register_events.id')
    .execute()
  return rows.map((h) => ({
    at: h.at,
    kind: h.kind,
    actorName: h.display_name,
    changes: JSON.parse(h.changes_json) as Record<string, [unknown, unknown]>,
  }))
}

/** Closing a register record finishes the work item it produced (if still open). */
export const finishTask = async (
  trx: Trx,
  taskId: string | null,
  userId: string,
  at: string,
  note: string,
): Promise<void> => {
  if (taskId === null) return
  const task = await findTaskInScope(trx, { kind: 'all' }, taskId)
  if (!task || (task.status !== 'open' && task.status !== 'in_progress')) return
  await updateTaskIfVersion(trx, task.id, task.version, {
    status: 'done',
    completed_at: at,
    completed_by: userId,
    completion_note: note,
  })
  await insertTaskEvent(trx, { id: newId(), task_id: task.id, at, actor_id: userId, kind: 'completed', note })
}

/** A changed register deadline moves the due time of the record's open task with it. */
export const moveTaskDue = async (
  trx: Trx,
  taskId: string | null,
  dueAt: string,
  userId: string,
  at: string,
): Promise<void> => {
  if (taskId === null) return
  const task = await findTaskInScope(trx, { kind: 'all' }, taskId)
  if (!task || (task.status !== 'open' && task.status !== 'in_progress') || task.dueAt === dueAt) return
  await trx
    .updateTable('tasks')
    .set((eb) => ({ due_at: dueAt, version: eb('version', '+', 1) }))
    .where('id', '=', task.id)
    .execute()
  await insertTaskEvent(trx, {
    id: newId(),
    task_id: task.id,
    at,
    actor_id: userId,
    kind: 'due_changed',
    note: `登记簿期限变更，办理期限改为 ${dueAt}`,
  })
}

export interface SheetColumn {
  readonly header: string
  readonly key: string
  readonly width: number
}

/**
 * The register as an Excel workbook (exceljs); every text cell already escaped by the caller with
 * `escapeCell`. The export itself is audited.
 */
export const exportWorkbook = async (
  ctx: Context,
  user: User,
  input: {
    register: RegisterName
    title: string
    columns: ReadonlyArray<SheetColumn>
    rows: ReadonlyArray<Record<string, string | number>>
    filters: object
  },
): Promise<{ filename: string; contentBase64: string; rows: number }> => {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(input.title)
  ws.columns = input.columns.map((c) => ({ ...c }))
  for (const r of input.rows) ws.addRow(r)
  ws.getRow(1).font = { bold: true }
  const now = ctx.deps.clock()
  await ctx.deps.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.deps.keys, {
      ...auditContext(ctx, user, now),
      action: `${input.register}.export`,
      unit: user.officeCode ? officeUnit(ctx.deps.org, user.officeCode) : null,
      subjectType: input.register,
      subjectId: null,
      after: { ...input.filters, rows: input.rows.length },
    }),
  )
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  return {
    filename: `${input.title}-${today}.xlsx`,
    contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    rows: input.rows.length,
  }
}

export const REGISTER_EXPORT_LIMIT = 5000

/**
 * Creates the record's task through `createTask` (which checks the duty and that the person works in
 * the office's area) and reports a refused person under the register's own field name.
 */
export const createRegisterTask = async (
  trx: Trx,
  deps: Context['deps'],
  task: NewTask,
  audit: AuditContext,
  personField: string,
): Promise<string> => {
  try {
    return (await createTask(trx, deps, task, audit)).taskId
  } catch (error) {
    if (faultOf(error)?.fieldErrors?.assigneeIds)
      throw badField(personField, '承办人员只能是本辖区中队工作人员或司法所长')
    throw error
  }
}
