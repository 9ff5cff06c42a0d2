import { CURRENT_CATALOG_VERSION, type Duty, dutiesOf, type Position, taskScope } from '@pingzhan/domain'
import { appendAudit } from '../audit/audit.ts'
import type { Trx } from '../db/types.ts'
import { evidenceOf } from '../repos/task-evidence.ts'
import {
  type Assignee,
  assigneesOf,
  eventsOf,
  findTaskInScope,
  insertTaskEvent,
  isAssignee,
  LIST_NOTE_CHARS,
  listBoardRows,
  type TaskFilter,
  type TaskRow,
  type TaskStatus,
  updateTaskIfVersion,
} from '../repos/tasks.ts'
import type { User } from '../repos/users.ts'
import { decodeCursor, encodeCursor, newId } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { spawnNextOccurrence, unitAudit } from './task-work.ts'
import { auditActor, officeName, squadName } from './units.ts'

export { createTask, type NewTask } from './task-work.ts'

const dutyIndex = new Map<string, Duty>()
const dutyOf = (version: string, code: string): Duty | undefined => {
  if (dutyIndex.size === 0) {
    for (const version of [CURRENT_CATALOG_VERSION]) {
      for (const d of dutiesOf(version)) dutyIndex.set(`${version}|${d.code}`, d)
    }
  }
  return dutyIndex.get(`${version}|${code}`) ?? dutiesOf(version).find((d) => d.code === code)
}

export interface TaskItem {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly dutyCode: string
  readonly dutyTitle: string
  readonly dutyVersion: string
  readonly unitName: string
  readonly officeCode: string | null
  readonly squadCode: string
  readonly status: TaskStatus
  readonly priority: 'normal' | 'high'
  readonly dueAt: string
  readonly overdue: boolean
  readonly assignees: ReadonlyArray<Assignee>
  readonly source: TaskRow['source']
  readonly sourceId: string | null
  readonly createdAt: string
  readonly completedAt: string | null
  readonly completedByName: string | null
  readonly completionNote: string | null
  readonly version: number
  readonly recurrence: string | null
  readonly cancelledAt: string | null
  readonly cancelReason: string | null
}

/**
 * A row of the board and of the phone's list: what they show, nothing more (issue 15). The full task
 * (description, source record, dates, version, cancellation) comes from `task.get`.
 */
export interface TaskListItem {
  readonly id: string
  readonly title: string
  readonly dutyCode: string
  readonly dutyTitle: string
  readonly dutyVersion: string
  readonly unitName: string
  readonly status: TaskStatus
  readonly priority: 'normal' | 'high'
  readonly dueAt: string
  readonly overdue: boolean
  readonly assignees: ReadonlyArray<Assignee>
  readonly source: TaskRow['source']
  readonly completedAt: string | null
  readonly completedByName: string | null
  /** at most LIST_NOTE_CHARS characters, ending in … when the note is longer */
  readonly completionNote: string | null
}

const toItem = (ctx: Context, t: TaskRow, assignees: ReadonlyArray<Assignee>, nowIso: string): TaskItem => ({
  id: t.id,
  title: t.title,
  description: t.description,
  dutyCode: t.dutyCode,
  dutyTitle: dutyOf(t.dutyVersion, t.dutyCode)?.title ?? t.dutyCode,
  dutyVersion: t.dutyVersion,
  unitName: t.officeCode ? officeName(ctx.deps.org, t.officeCode) : squadName(ctx.deps.org, t.squadCode),
  officeCode: t.officeCode,
  squadCode: t.squadCode,
  status: t.status,
  priority: t.priority,
  dueAt: t.dueAt,
  overdue: (t.status === 'open' || t.status === 'in_progress') && t.dueAt < nowIso,
  assignees,
  source: t.source,
  sourceId: t.sourceId,
  createdAt: t.createdAt,
  completedAt: t.completedAt,
  completedByName: t.completedByName,
  completionNote: t.completionNote,
  version: t.version,
  recurrence: t.recurrence,
  cancelledAt: t.cancelledAt,
  cancelReason: t.cancelReason,
})

export const listTaskItems = async (
  ctx: Context,
  user: User,
  input: TaskFilter & {
    mine?: boolean | undefined
    overdue?: boolean | undefined
    cursor?: string | undefined
    limit?: number | undefined
  },
): Promise<{ items: ReadonlyArray<TaskListItem>; nextCursor: string | null }> => {
  const limit = input.limit ?? 50
  const parts = input.cursor ? decodeCursor(input.cursor, 2) : null
  if (input.cursor && parts === null)
    throw fail('BAD_REQUEST', 'InvalidInput', '分页参数无效', { cursor: '分页参数无效' })
  const rows = await listBoardRows(ctx.deps.db, ctx.deps.dialect, taskScope(actorOf(user)), {
    ...input,
    assigneeId: input.mine ? user.id : input.assigneeId,
    overdueAt: input.overdue ? ctx.deps.clock().toISOString() : undefined,
    after: parts ? { dueAt: parts[0] ?? '', id: parts[1] ?? '' } : undefined,
    limit,
  })
  const nowIso = ctx.deps.clock().toISOString()
  const org = ctx.deps.org
  const items = rows.map(
    (t): TaskListItem => ({
      id: t.id,
      title: t.title,
      dutyCode: t.dutyCode,
      dutyTitle: dutyOf(t.dutyVersion, t.dutyCode)?.title ?? t.dutyCode,
      dutyVersion: t.dutyVersion,
      unitName: t.officeCode ? officeName(org, t.officeCode) : squadName(org, t.squadCode),
      status: t.status,
      priority: t.priority,
      dueAt: t.dueAt,
      overdue: (t.status === 'open' || t.status === 'in_progress') && t.dueAt < nowIso,
      assignees: t.assignees,
      source: t.source,
      completedAt: t.completedAt,
      completedByName: t.completedByName,
      completionNote:
        t.completionNote !== null && t.completionNote.length > LIST_NOTE_CHARS
          ? `${t.completionNote.slice(0, LIST_NOTE_CHARS)}…`
          : t.completionNote,
    }),
  )
  const last = rows.at(-1)
  return { items, nextCursor: rows.length === limit && last ? encodeCursor([last.dueAt, last.id]) : null }
}

const loadItem = async (ctx: Context, user: User, id: string): Promise<TaskItem> => {
  const row = await findTaskInScope(ctx.deps.db, taskScope(actorOf(user)), id)
  if (row === null) throw notFound('任务')
  const assignees = await assigneesOf(ctx.deps.db, [row.id])
  return toItem(ctx, row, assignees.get(row.id) ?? [], ctx.deps.clock().toISOString())
}

export const getTaskItem = async (ctx: Context, user: User, id: string) => {
  const item = await loadItem(ctx, user, id)
  return {
    ...item,
    history: await eventsOf(ctx.deps.db, id),
    evidence: await evidenceOf(ctx.deps.db, id),
  }
}

/** Whoever carries the task, the head of its office or squad, or the administrator may work on it. */
export const mayWorkOn = async (ctx: Context, user: User, task: TaskRow): Promise<boolean> => {
  switch (user.role) {
    case 'bureauAdmin':
      return true
    case 'officeDirector':
      if (task.officeCode !== null && task.officeCode === user.officeCode) return true
      break
    case 'squadLeader':
      if (task.squadCode === user.squadCode) return true
      break
    default:
      break
  }
  return isAssignee(ctx.deps.db, task.id, user.id)
}

/**
 * Refuses a start or completion the task's status does not allow. A start of a task already in
 * progress has its own tag (`TaskAlreadyStarted`): the phone's outbox settles such a queued start
 * instead of keeping it for the person (see `sync` in apps/field/src/lib/outbox.ts).
 */
export const checkTransition = (task: TaskRow, kind: 'started' | 'completed'): void => {
  if (kind === 'started' && task.status !== 'open') {
    throw conflict(
      '任务不是“待办”状态，不能开始办理',
      task.status === 'in_progress' ? 'TaskAlreadyStarted' : 'TaskStateInvalid',
    )
  }
  if (kind === 'completed' && task.status !== 'open' && task.status !== 'in_progress') {
    throw conflict('任务已办结或已撤销，不能再次办结', 'TaskStateInvalid')
  }
}

/**
 * Moves a task on inside the caller's transaction: the versioned update (false, with nothing written,
 * when someone changed the task meanwhile), its `task_events` row, the `task.start`/`task.complete`
 * audit row with the status and version before and after (plus `after`, e.g. the field action's key),
 * and a recurring task's next occurrence. Shared by `task.start`/`task.complete` and `task.act`.
 */
export const recordTransition = async (
  trx: Trx,
  ctx: Context,
  user: User,
  task: TaskRow,
  change: {
    kind: 'started' | 'completed'
    now: Date
    note?: string | null | undefined
    after?: Readonly<Record<string, unknown>>
  },
): Promise<boolean> => {
  const { deps, req } = ctx
  const { kind, now } = change
  const at = now.toISOString()
  const note = change.note?.trim() ? change.note.trim() : null
  const status: TaskStatus = kind === 'started' ? 'in_progress' : 'done'
  const updated = await updateTaskIfVersion(
    trx,
    task.id,
    task.version,
    kind === 'started'
      ? { status, started_at: at }
      : { status, completed_at: at, completed_by: user.id, completion_note: note },
  )
  if (!updated) return false
  await insertTaskEvent(trx, {
    id: newId(),
    task_id: task.id,
    at,
    actor_id: user.id,
    kind,
    note: kind === 'completed' ? note : null,
  })
  await appendAudit(trx, deps.keys, {
    correlationId: req.correlationId,
    ip: req.ip,
    at: now,
    actor: auditActor(user),
    action: kind === 'started' ? 'task.start' : 'task.complete',
    unit: unitAudit(deps, task),
    subjectType: 'task',
    subjectId: task.id,
    before: { status: task.status, version: task.version },
    after: { status, version: task.version + 1, ...(note ? { note } : {}), ...change.after },
  })
  if (kind === 'completed') await spawnNextOccurrence(trx, deps, task, auditActor(user), req)
  return true
}

const transition = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; note?: string },
  kind: 'started' | 'completed',
): Promise<TaskItem> => {
  const { deps } = ctx
  const task = await findTaskInScope(deps.db, taskScope(actorOf(user)), input.id)
  if (task === null) throw notFound('任务')
  if (!(await mayWorkOn(ctx, user, task))) throw forbidden('只有任务承办人或其所长、中队长可以办理该任务')
  if (task.version !== input.version) throw conflict('该任务已被他人修改，请刷新后重试')
  checkTransition(task, kind)
  await deps.db.transaction().execute(async (trx: Trx) => {
    if (!(await recordTransition(trx, ctx, user, task, { kind, now: deps.clock(), note: input.note }))) {
      throw conflict('该任务已被他人修改，请刷新后重试')
    }
  })
  return loadItem(ctx, user, task.id)
}

export const startTask = (ctx: Context, user: User, input: { id: string; version: number }) =>
  transition(ctx, user, input, 'started')

export const completeTask = (
  ctx: Context,
  user: User,
  input: { id: string; version: number; note: string },
) => transition(ctx, user, input, 'completed')

/** The organisational position a user holds, as the domain describes it. */
export const positionOfUser = (user: User): Position | null => {
  switch (user.role) {
    case 'bureauAdmin':
      return { kind: 'bureauAdmin' }
    case 'securityAdmin':
      return { kind: 'securityAdmin' }
    case 'auditAdmin':
      return { kind: 'auditAdmin' }
    case 'brigadeLeader':
      return { kind: 'brigadeLeader' }
    case 'bureauLeader':
      return user.squadCode ? { kind: 'bureauLeader', liaisonSquad: user.squadCode } : null
    case 'squadLeader':
    case 'squadMember':
      return user.squadCode ? { kind: user.role, squad: user.squadCode } : null
    case 'officeDirector':
      return user.officeCode ? { kind: 'officeDirector', office: user.officeCode } : null
    case 'departmentStaff':
      return user.departmentCode ? { kind: 'departmentStaff', department: user.departmentCode } : null
  }
}
