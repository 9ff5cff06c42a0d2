import type { RecordScope } from '@pingzhan/domain'
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres'
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite'
import type { Dialect } from '../db/database.ts'
import type { Database, DbOrTrx, TaskEventTable, TaskTable, UserTable } from '../db/types.ts'
import { scopeWhere } from './scope.ts'

export type TaskStatus = TaskTable['status']

export interface TaskRow {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly dutyVersion: string
  readonly dutyCode: string
  readonly unitCode: string
  readonly officeCode: string | null
  readonly squadCode: string
  readonly status: TaskStatus
  readonly priority: TaskTable['priority']
  readonly dueAt: string
  readonly source: TaskTable['source']
  readonly sourceId: string | null
  readonly createdAt: string
  readonly completedAt: string | null
  readonly completedByName: string | null
  readonly completionNote: string | null
  readonly version: number
  readonly recurrence: string | null
  readonly recurrenceOf: string | null
  readonly cancelledAt: string | null
  readonly cancelReason: string | null
  readonly createdBy: string
}

const COLUMNS = [
  'tasks.id',
  'tasks.title',
  'tasks.description',
  'tasks.duty_version',
  'tasks.duty_code',
  'tasks.unit_code',
  'tasks.office_code',
  'tasks.squad_code',
  'tasks.status',
  'tasks.priority',
  'tasks.due_at',
  'tasks.source',
  'tasks.source_id',
  'tasks.created_at',
  'tasks.completed_at',
  'tasks.completion_note',
  'tasks.version',
  'tasks.recurrence',
  'tasks.recurrence_of',
  'tasks.cancelled_at',
  'tasks.cancel_reason',
  'tasks.created_by',
  'completer.display_name as completed_by_name',
] as const

type Row = Omit<TaskTable, 'started_at' | 'completed_by' | 'cancelled_by'> & {
  completed_by_name: string | null
}

const decode = (r: Row): TaskRow => ({
  id: r.id,
  title: r.title,
  description: r.description,
  dutyVersion: r.duty_version,
  dutyCode: r.duty_code,
  unitCode: r.unit_code,
  officeCode: r.office_code,
  squadCode: r.squad_code,
  status: r.status,
  priority: r.priority,
  dueAt: r.due_at,
  source: r.source,
  sourceId: r.source_id,
  createdAt: r.created_at,
  completedAt: r.completed_at,
  completedByName: r.completed_by_name,
  completionNote: r.completion_note,
  version: Number(r.version),
  recurrence: r.recurrence,
  recurrenceOf: r.recurrence_of,
  cancelledAt: r.cancelled_at,
  cancelReason: r.cancel_reason,
  createdBy: r.created_by,
})

const base = (db: DbOrTrx) =>
  db.selectFrom('tasks').leftJoin('users as completer', 'completer.id', 'tasks.completed_by').select(COLUMNS)

type Issue4Columns = 'recurrence' | 'recurrence_of' | 'cancelled_at' | 'cancelled_by' | 'cancel_reason'

/** A new task row; the recurrence and cancellation columns default to null. */
export type NewTaskRow = Omit<TaskTable, Issue4Columns> & Partial<Pick<TaskTable, Issue4Columns>>

export const insertTask = async (db: DbOrTrx, row: NewTaskRow): Promise<void> => {
  await db
    .insertInto('tasks')
    .values({
      recurrence: null,
      recurrence_of: null,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
      ...row,
    })
    .execute()
}

export const insertAssignee = async (
  db: DbOrTrx,
  a: { taskId: string; userId: string; at: string; by: string },
): Promise<void> => {
  await db
    .insertInto('task_assignees')
    .values({ task_id: a.taskId, user_id: a.userId, assigned_at: a.at, assigned_by: a.by })
    .execute()
}

export const insertTaskEvent = async (db: DbOrTrx, e: TaskEventTable): Promise<void> => {
  await db.insertInto('task_events').values(e).execute()
}

/** Board filters (issue 4); every one optional and combined with AND inside the caller's scope. */
export interface TaskFilter {
  /** one status, or 'unfinished' for open and in progress */
  readonly status?: TaskStatus | 'unfinished' | undefined
  readonly assigneeId?: string | undefined
  readonly officeCode?: string | undefined
  /** squad tasks only (no office) */
  readonly squadOnly?: boolean | undefined
  readonly areaCode?: string | undefined
  readonly dutyCode?: string | undefined
  readonly dueFrom?: string | undefined
  readonly dueBefore?: string | undefined
  /** open or in progress and due before this instant */
  readonly overdueAt?: string | undefined
}

/** Open or in progress, and cancelled, as literals: the partial indexes' own predicates. */
const UNFINISHED = sql<SqlBool>`tasks.status in ('open', 'in_progress')`
const CANCELLED = sql<SqlBool>`tasks.status = 'cancelled'`

/** A board row: the task with its assignees, read in the same statement. */
export type ListedTask = TaskRow & { readonly assignees: ReadonlyArray<Assignee> }

/** What a board page shows of a task (issue 15: list rows carry what the list shows). */
export interface BoardRow {
  readonly id: string
  readonly title: string
  readonly dutyVersion: string
  readonly dutyCode: string
  readonly officeCode: string | null
  readonly squadCode: string
  readonly status: TaskStatus
  readonly priority: TaskTable['priority']
  readonly dueAt: string
  readonly source: TaskTable['source']
  readonly completedAt: string | null
  readonly completedByName: string | null
  /** the first LIST_NOTE_CHARS characters, and one more when there is more (the list cuts it) */
  readonly completionNote: string | null
  readonly assignees: ReadonlyArray<Assignee>
}

/** How much of a completion note a list row carries; the detail has all of it. */
export const LIST_NOTE_CHARS = 80

const parseAssignees = (value: unknown): Assignee[] =>
  // SQLite hands the JSON back as text, PostgreSQL already parsed
  (typeof value === 'string' ? JSON.parse(value) : value) as Assignee[]

/**
 * One keyset page of the board, next-due first, keyset on (due_at, id), assignees included through a
 * JSON subquery (json_agg on PostgreSQL, json_group_array on SQLite: Kysely's jsonArrayFrom helpers),
 * so a page is one round trip. (On PostgreSQL two plain queries cost the database less, 0.38 against
 * 0.64 ms per page in pgbench, but the board bench did not get faster: the Node side is the limit.)
 * Every column of each task: the Excel export. The board itself reads `listBoardRows`.
 */
export const listTasks = async (
  db: DbOrTrx,
  dialect: Dialect,
  scope: RecordScope,
  filter: BoardFilter,
): Promise<ReadonlyArray<ListedTask>> => {
  if (scope.kind === 'none') return []
  const rows = await boardQuery(db, dialect, scope, filter).execute()
  return rows.map((r) => ({ ...decode(r), assignees: parseAssignees(r.assignees) }))
}

/** The same page with only the columns the board and the phone's list show. */
export const listBoardRows = async (
  db: DbOrTrx,
  dialect: Dialect,
  scope: RecordScope,
  filter: BoardFilter,
): Promise<ReadonlyArray<BoardRow>> => {
  if (scope.kind === 'none') return []
  const rows = await boardListQuery(db, dialect, scope, filter).execute()
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    dutyVersion: r.duty_version,
    dutyCode: r.duty_code,
    officeCode: r.office_code,
    squadCode: r.squad_code,
    status: r.status,
    priority: r.priority,
    dueAt: r.due_at,
    source: r.source,
    completedAt: r.completed_at,
    completedByName: r.completed_by_name,
    completionNote: r.completion_note,
    assignees: parseAssignees(r.assignees),
  }))
}

export type BoardFilter = TaskFilter & {
  after?: { dueAt: string; id: string } | undefined
  limit: number
}

const assigneesJson = (dialect: Dialect) => {
  const jsonArrayFrom = dialect === 'postgres' ? pgJsonArrayFrom : sqliteJsonArrayFrom
  return (eb: ExpressionBuilder<Database & { completer: UserTable }, 'tasks' | 'completer'>) =>
    jsonArrayFrom(
      eb
        .selectFrom('task_assignees')
        .innerJoin('users', 'users.id', 'task_assignees.user_id')
        .select(['users.id', 'users.display_name as displayName'])
        .whereRef('task_assignees.task_id', '=', 'tasks.id')
        .orderBy('users.username'),
    ).as('assignees')
}

/** The filters, order and limit of a board page, before its columns are chosen. */
const boardPage = (db: DbOrTrx, scope: Exclude<RecordScope, { kind: 'none' }>, filter: BoardFilter) => {
  let q = db
    .selectFrom('tasks')
    .leftJoin('users as completer', 'completer.id', 'tasks.completed_by')
    .where(scopeWhere('tasks', scope))
  // Unfinished and cancelled work is read through the partial indexes of migration 2026120500, which
  // the planner uses only when the query names the same literal statuses (never bound parameters).
  const unfinishedOnly =
    filter.status === 'unfinished' ||
    filter.status === 'open' ||
    filter.status === 'in_progress' ||
    filter.overdueAt !== undefined
  if (unfinishedOnly) q = q.where(UNFINISHED)
  if (filter.status === 'cancelled') q = q.where(CANCELLED)
  else if (filter.status && filter.status !== 'unfinished') q = q.where('tasks.status', '=', filter.status)
  if (filter.officeCode) q = q.where('tasks.office_code', '=', filter.officeCode)
  if (filter.squadOnly) q = q.where('tasks.office_code', 'is', null)
  if (filter.areaCode) q = q.where('tasks.squad_code', '=', filter.areaCode)
  if (filter.dutyCode) {
    const code = filter.dutyCode
    // a duty and its sub-duties (office.peacetime.2 covers office.peacetime.2.1 …)
    q = q.where((eb) => eb.or([eb('tasks.duty_code', '=', code), eb('tasks.duty_code', 'like', `${code}.%`)]))
  }
  if (filter.dueFrom) q = q.where('tasks.due_at', '>=', filter.dueFrom)
  if (filter.dueBefore) q = q.where('tasks.due_at', '<', filter.dueBefore)
  if (filter.overdueAt) q = q.where('tasks.due_at', '<', filter.overdueAt)
  if (filter.assigneeId) {
    const userId = filter.assigneeId
    // Checked row by row as the board's index walks the unit's tasks in due order (EXISTS), not driven
    // by the person's own tasks (IN): those grow with every year of history and then all had to be read
    // and sorted for one page (65 ms on SQLite for a member with 66k tasks; now under 1 ms). A person's
    // share of their unit's tasks keeps the walk short.
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('task_assignees')
          .select('task_assignees.task_id')
          .whereRef('task_assignees.task_id', '=', 'tasks.id')
          .where('task_assignees.user_id', '=', userId),
      ),
    )
  }
  if (filter.after) {
    const { dueAt, id } = filter.after
    q = q.where((eb) =>
      eb.or([
        eb('tasks.due_at', '>', dueAt),
        eb.and([eb('tasks.due_at', '=', dueAt), eb('tasks.id', '>', id)]),
      ]),
    )
  }
  return q.orderBy('tasks.due_at').orderBy('tasks.id').limit(filter.limit)
}

/** The statement of one board page with every column (exported so tests can ask the planner how it runs). */
export const boardQuery = (
  db: DbOrTrx,
  dialect: Dialect,
  scope: Exclude<RecordScope, { kind: 'none' }>,
  filter: BoardFilter,
) => boardPage(db, scope, filter).select(COLUMNS).select(assigneesJson(dialect))

/** The statement of one board page as the list shows it. */
export const boardListQuery = (
  db: DbOrTrx,
  dialect: Dialect,
  scope: Exclude<RecordScope, { kind: 'none' }>,
  filter: BoardFilter,
) =>
  boardPage(db, scope, filter)
    .select([
      'tasks.id',
      'tasks.title',
      'tasks.duty_version',
      'tasks.duty_code',
      'tasks.office_code',
      'tasks.squad_code',
      'tasks.status',
      'tasks.priority',
      'tasks.due_at',
      'tasks.source',
      'tasks.completed_at',
      'completer.display_name as completed_by_name',
      sql<string | null>`substr(tasks.completion_note, 1, ${sql.lit(LIST_NOTE_CHARS + 1)})`.as(
        'completion_note',
      ),
    ])
    .select(assigneesJson(dialect))

export const findTaskInScope = async (
  db: DbOrTrx,
  scope: RecordScope,
  id: string,
): Promise<TaskRow | null> => {
  if (scope.kind === 'none') return null
  const row = await base(db).where('tasks.id', '=', id).where(scopeWhere('tasks', scope)).executeTakeFirst()
  return row ? decode(row) : null
}

export interface Assignee {
  readonly id: string
  readonly displayName: string
}

export const assigneesOf = async (
  db: DbOrTrx,
  taskIds: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, ReadonlyArray<Assignee>>> => {
  const map = new Map<string, Assignee[]>()
  if (taskIds.length === 0) return map
  const rows = await db
    .selectFrom('task_assignees')
    .innerJoin('users', 'users.id', 'task_assignees.user_id')
    .select(['task_assignees.task_id', 'users.id', 'users.display_name'])
    .where('task_assignees.task_id', 'in', taskIds)
    .orderBy('task_assignees.task_id')
    .orderBy('users.username')
    .execute()
  for (const r of rows) {
    const list = map.get(r.task_id) ?? []
    list.push({ id: r.id, displayName: r.display_name })
    map.set(r.task_id, list)
  }
  return map
}

export const eventsOf = async (db: DbOrTrx, taskId: string) => {
  const rows = await db
    .selectFrom('task_events')
    .leftJoin('users', 'users.id', 'task_events.actor_id')
    .select(['task_events.at', 'task_events.kind', 'task_events.note', 'users.display_name'])
    .where('task_events.task_id', '=', taskId)
    .orderBy('task_events.id')
    .execute()
  return rows.map((r) => ({ at: r.at, actorName: r.display_name ?? '系统', kind: r.kind, note: r.note }))
}

/** Optimistic update: applies only when the stored version still equals `expectedVersion`. */
export const updateTaskIfVersion = async (
  db: DbOrTrx,
  id: string,
  expectedVersion: number,
  set: Partial<
    Pick<
      TaskTable,
      | 'status'
      | 'started_at'
      | 'completed_at'
      | 'completed_by'
      | 'completion_note'
      | 'cancelled_at'
      | 'cancelled_by'
      | 'cancel_reason'
    >
  >,
): Promise<boolean> => {
  const result = await db
    .updateTable('tasks')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export const isAssignee = async (db: DbOrTrx, taskId: string, userId: string): Promise<boolean> =>
  (await db
    .selectFrom('task_assignees')
    .select('task_id')
    .where('task_id', '=', taskId)
    .where('user_id', '=', userId)
    .executeTakeFirst()) !== undefined
