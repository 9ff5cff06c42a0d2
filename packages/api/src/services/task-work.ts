// Peacetime task work (issue 4): create, reassign, bulk-assign, cancel, recurrence, roll-ups and the
// Excel export. `createTask` is the one way any feature (kiosk intake, statutory deadlines, wartime
// activations) makes a task: it validates, inserts, records history and audits inside the caller's
// transaction.
import { CURRENT_CATALOG_VERSION, canAssignTo, dutiesOf, findDuty, taskScope } from '@pingzhan/domain'
import { Effect, Exit } from 'effect'
import { type AuditActor, appendAudit } from '../audit/audit.ts'
import type { TaskTable, Trx } from '../db/types.ts'
import { countsByUnitAndDuty } from '../repos/task-counts.ts'
import {
  assigneesOf,
  findTaskInScope,
  insertAssignee,
  insertTask,
  insertTaskEvent,
  listTasks,
  type TaskFilter,
  type TaskRow,
  updateTaskIfVersion,
} from '../repos/tasks.ts'
import { findUser, type User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import type { Context, Deps } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { positionOfUser } from './tasks.ts'
import { auditActor, officeName, officeUnit, squadName } from './units.ts'

export type TaskSource = TaskTable['source']
export type Recurrence = 'weekly' | 'monthly'
export const RECURRENCES: ReadonlyArray<Recurrence> = ['weekly', 'monthly']

export type TaskUnit =
  | { readonly kind: 'office'; readonly code: string }
  | { readonly kind: 'squad'; readonly code: string }

export interface NewTask {
  readonly unit: TaskUnit
  readonly dutyCode: string
  /** the catalogue version the task is created under; the current one when omitted */
  readonly dutyVersion?: string
  readonly title: string
  readonly description?: string
  /** ISO instant */
  readonly dueAt: string
  readonly priority?: 'normal' | 'high'
  readonly assigneeIds: ReadonlyArray<string>
  readonly source: TaskSource
  readonly sourceId?: string | null
  readonly recurrence?: Recurrence | null
  readonly recurrenceOf?: string | null
  /** the user recorded as creator */
  readonly createdBy: string
}

export interface AuditContext {
  readonly actor: AuditActor
  readonly correlationId: string
  readonly ip: string | null
  readonly at: Date
}

const badInput = (fieldErrors: Record<string, string>) =>
  fail('BAD_REQUEST', 'InvalidInput', `输入有误：${Object.values(fieldErrors).join('；')}`, fieldErrors)

const areaOfUnit = (deps: Deps, unit: TaskUnit): string | null => {
  if (unit.kind === 'office') return deps.org.office(unit.code) ? deps.org.areaOfOffice(unit.code) : null
  return deps.org.squad(unit.code) ? unit.code : null
}

/** The unit of a task as the audit log records it. */
export const unitAudit = (deps: Deps, task: { officeCode: string | null; squadCode: string }) =>
  task.officeCode
    ? officeUnit(deps.org, task.officeCode)
    : { code: task.squadCode, name: squadName(deps.org, task.squadCode), area: task.squadCode }

/** Checks the assignees may carry work of `area` (一定五动: the area's squad staff and directors). */
const checkAssignees = async (
  trx: Trx,
  deps: Deps,
  area: string,
  ids: ReadonlyArray<string>,
): Promise<ReadonlyArray<User> | null> => {
  const users: User[] = []
  for (const id of new Set(ids)) {
    const u = await findUser(trx, id)
    const position = u && !u.disabled ? positionOfUser(u) : null
    if (u === null || position === null || !canAssignTo(deps.org, { area }, position)) return null
    users.push(u)
  }
  return users
}

/**
 * Creates a task inside the caller's transaction: the duty must be an item of the unit's catalogue
 * (policy 三.3), assignees must work in the unit's area (三.1). Fails with BAD_REQUEST and per-field
 * Chinese messages otherwise. Backward-compatible entry point for every task source.
 */
export const createTask = async (
  trx: Trx,
  deps: Deps,
  input: NewTask,
  audit: AuditContext,
): Promise<{ taskId: string }> => {
  const errors: Record<string, string> = {}
  const version = input.dutyVersion ?? CURRENT_CATALOG_VERSION
  const area = areaOfUnit(deps, input.unit)
  if (area === null) errors.unit = '承办单位不存在'
  const dutyExit = Effect.runSyncExit(findDuty(version, input.dutyCode))
  const duty = Exit.isSuccess(dutyExit) ? dutyExit.value : null
  if (duty === null) errors.dutyCode = '职责事项不在职责清单中'
  else if (duty.kind !== input.unit.kind) {
    errors.dutyCode =
      input.unit.kind === 'office' ? '请选择司法所职责清单中的事项' : '请选择执法中队职责清单中的事项'
  }
  if (Number.isNaN(Date.parse(input.dueAt))) errors.dueDate = '办理期限无效'
  if (input.title.trim() === '') errors.title = '请填写任务名称'
  const assignees = area === null ? [] : await checkAssignees(trx, deps, area, input.assigneeIds)
  if (assignees === null) errors.assigneeIds = '只能指派给本辖区中队工作人员或司法所长'
  if (Object.keys(errors).length > 0 || area === null || duty === null || assignees === null) {
    throw badInput(errors)
  }
  const taskId = newId()
  const at = audit.at.toISOString()
  const dueAt = new Date(input.dueAt).toISOString()
  await insertTask(trx, {
    id: taskId,
    title: input.title.trim(),
    description: input.description?.trim() ?? '',
    duty_version: version,
    duty_code: duty.code,
    unit_code: input.unit.code,
    office_code: input.unit.kind === 'office' ? input.unit.code : null,
    squad_code: area,
    status: 'open',
    priority: input.priority ?? 'normal',
    due_at: dueAt,
    source: input.source,
    source_id: input.sourceId ?? null,
    created_by: input.createdBy,
    created_at: at,
    started_at: null,
    completed_at: null,
    completed_by: null,
    completion_note: null,
    version: 1,
    recurrence: input.recurrence ?? null,
    recurrence_of: input.recurrenceOf ?? null,
  })
  await insertTaskEvent(trx, {
    id: newId(),
    task_id: taskId,
    at,
    actor_id: audit.actor.id,
    kind: 'created',
    note: input.recurrenceOf ? '周期任务自动生成' : null,
  })
  for (const a of assignees) {
    await insertAssignee(trx, { taskId, userId: a.id, at, by: audit.actor.id ?? input.createdBy })
  }
  if (assignees.length > 0) {
    await insertTaskEvent(trx, {
      id: newId(),
      task_id: taskId,
      at,
      actor_id: audit.actor.id,
      kind: 'assigned',
      note: assignees.map((a) => a.displayName).join('、'),
    })
  }
  await appendAudit(trx, deps.keys, {
    ...audit,
    action: 'task.create',
    unit: unitAudit(deps, {
      officeCode: input.unit.kind === 'office' ? input.unit.code : null,
      squadCode: area,
    }),
    subjectType: 'task',
    subjectId: taskId,
    after: {
      title: input.title.trim(),
      dutyVersion: version,
      dutyCode: duty.code,
      dueAt,
      assigneeIds: assignees.map((a) => a.id),
      source: input.source,
      sourceId: input.sourceId ?? null,
      recurrence: input.recurrence ?? null,
    },
  })
  return { taskId }
}

/** Due dates are whole days in China Standard Time: due at the end of that day. */
export const endOfShanghaiDay = (date: string): string => new Date(`${date}T23:59:59.999+08:00`).toISOString()

/** The next due instant of a recurring task: same clock time, one week or one calendar month later. */
export const nextDue = (dueAt: string, recurrence: Recurrence): string => {
  const local = new Date(Date.parse(dueAt) + 8 * 3600_000)
  if (recurrence === 'weekly') return new Date(Date.parse(dueAt) + 7 * 86_400_000).toISOString()
  const y = local.getUTCFullYear()
  const m = local.getUTCMonth() + 1
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  const day = Math.min(local.getUTCDate(), lastDay)
  const next = Date.UTC(
    y,
    m,
    day,
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  )
  return new Date(next - 8 * 3600_000).toISOString()
}

/** When a recurring task is done, its next occurrence is created for the same people. */
export const spawnNextOccurrence = async (
  trx: Trx,
  deps: Deps,
  task: TaskRow,
  actor: AuditActor,
  req: { correlationId: string; ip: string | null },
): Promise<string | null> => {
  if (task.recurrence !== 'weekly' && task.recurrence !== 'monthly') return null
  const assignees = (await assigneesOf(trx, [task.id])).get(task.id) ?? []
  const { taskId } = await createTask(
    trx,
    deps,
    {
      unit: task.officeCode
        ? { kind: 'office', code: task.officeCode }
        : { kind: 'squad', code: task.squadCode },
      dutyCode: task.dutyCode,
      dutyVersion: task.dutyVersion,
      title: task.title,
      description: task.description,
      dueAt: nextDue(task.dueAt, task.recurrence),
      priority: task.priority,
      assigneeIds: assignees.map((a) => a.id),
      source: task.source,
      sourceId: task.sourceId,
      recurrence: task.recurrence,
      recurrenceOf: task.id,
      createdBy: task.createdBy,
    },
    { actor, correlationId: req.correlationId, ip: req.ip, at: deps.clock() },
  )
  return taskId
}

/**
 * Who heads a unit's work (所长负责制 in the office, the squad leader in the squad, the brigade over
 * the squads, 三.1–三.2); the administrator everywhere. Bureau leaders and departments only read.
 */
export const managesUnit = (user: User, unit: TaskUnit): boolean => {
  switch (user.role) {
    case 'bureauAdmin':
      return true
    case 'officeDirector':
      return unit.kind === 'office' && unit.code === user.officeCode
    case 'squadLeader':
      return unit.kind === 'squad' && unit.code === user.squadCode
    case 'brigadeLeader':
      return unit.kind === 'squad'
    default:
      return false
  }
}

const MANAGER_ROLES = new Set<User['role']>(['bureauAdmin', 'officeDirector', 'squadLeader', 'brigadeLeader'])

const unitOfTask = (t: TaskRow): TaskUnit =>
  t.officeCode ? { kind: 'office', code: t.officeCode } : { kind: 'squad', code: t.squadCode }

export const createTaskByUser = async (
  ctx: Context,
  user: User,
  input: {
    unitKind: 'office' | 'squad'
    unitCode: string
    dutyCode: string
    title: string
    description?: string | undefined
    dueDate: string
    priority?: 'normal' | 'high' | undefined
    assigneeIds: ReadonlyArray<string>
    recurrence?: Recurrence | undefined
  },
): Promise<{ taskId: string }> => {
  if (!MANAGER_ROLES.has(user.role)) throw forbidden('只有所长、中队长、执法大队长可以创建任务')
  const unit: TaskUnit = { kind: input.unitKind, code: input.unitCode }
  if (!managesUnit(user, unit)) throw notFound('单位')
  const { deps, req } = ctx
  const now = deps.clock()
  const dueAt = endOfShanghaiDay(input.dueDate)
  if (dueAt < now.toISOString()) throw badInput({ dueDate: '办理期限不能早于今天' })
  return deps.db.transaction().execute((trx) =>
    createTask(
      trx,
      deps,
      {
        unit,
        dutyCode: input.dutyCode,
        title: input.title,
        description: input.description ?? '',
        dueAt,
        priority: input.priority ?? 'normal',
        assigneeIds: input.assigneeIds,
        source: 'manual',
        recurrence: input.recurrence ?? null,
        createdBy: user.id,
      },
      { actor: auditActor(user), correlationId: req.correlationId, ip: req.ip, at: now },
    ),
  )
}

const ACTIVE: ReadonlyArray<TaskRow['status']> = ['open', 'in_progress']

const managedTask = async (ctx: Context, user: User, id: string): Promise<TaskRow> => {
  const task = await findTaskInScope(ctx.deps.db, taskScope(actorOf(user)), id)
  if (task === null) throw notFound('任务')
  if (!managesUnit(user, unitOfTask(task))) throw forbidden('只有该单位的所长、中队长可以分派或撤销任务')
  return task
}

const replaceAssignees = async (
  trx: Trx,
  deps: Deps,
  task: TaskRow,
  users: ReadonlyArray<User>,
  by: User,
  reason: string | null,
  audit: AuditContext,
): Promise<void> => {
  const before = (await assigneesOf(trx, [task.id])).get(task.id) ?? []
  const at = audit.at.toISOString()
  await trx.deleteFrom('task_assignees').where('task_id', '=', task.id).execute()
  for (const u of users) await insertAssignee(trx, { taskId: task.id, userId: u.id, at, by: by.id })
  const names = (xs: ReadonlyArray<{ displayName: string }>) => xs.map((x) => x.displayName).join('、')
  const reassigned = before.length > 0
  await insertTaskEvent(trx, {
    id: newId(),
    task_id: task.id,
    at,
    actor_id: by.id,
    kind: reassigned ? 'reassigned' : 'assigned',
    note: reassigned ? `${names(before)} → ${names(users)}；理由：${reason ?? ''}` : names(users),
  })
  await appendAudit(trx, deps.keys, {
    ...audit,
    action: reassigned ? 'task.reassign' : 'task.assign',
    unit: unitAudit(deps, task),
    subjectType: 'task',
    subjectId: task.id,
    before: { assigneeIds: before.map((a) => a.id), version: task.version },
    after: { assigneeIds: users.map((u) => u.id), version: task.version + 1, ...(reason ? { reason } : {}) },
  })
}

/** Reassigning asks for a reason and is kept in the task's history (issue 4). */
export const reassignTask = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; assigneeIds: ReadonlyArray<string>; reason: string },
) => {
  const { deps, req } = ctx
  const task = await managedTask(ctx, user, input.id)
  if (!ACTIVE.includes(task.status)) throw conflict('任务已办结或已撤销，不能改派', 'TaskStateInvalid')
  if (task.version !== input.version) throw conflict('该任务已被他人修改，请刷新后重试')
  const audit = { actor: auditActor(user), correlationId: req.correlationId, ip: req.ip, at: deps.clock() }
  await deps.db.transaction().execute(async (trx) => {
    const users = await checkAssignees(trx, deps, task.squadCode, input.assigneeIds)
    if (users === null) throw badInput({ assigneeIds: '只能指派给本辖区中队工作人员或司法所长' })
    if (!(await updateTaskIfVersion(trx, task.id, input.version, {}))) {
      throw conflict('该任务已被他人修改，请刷新后重试')
    }
    await replaceAssignees(trx, deps, task, users, user, input.reason, audit)
  })
  return { ok: true as const }
}

/** Gives many tasks to one person at once; tasks that already had someone need a reason. */
export const bulkAssignTasks = async (
  ctx: Context,
  user: User,
  input: { ids: ReadonlyArray<string>; assigneeId: string; reason?: string | undefined },
) => {
  const { deps, req } = ctx
  const tasks: TaskRow[] = []
  for (const id of new Set(input.ids)) tasks.push(await managedTask(ctx, user, id))
  if (tasks.some((t) => !ACTIVE.includes(t.status))) {
    throw conflict('所选任务中有已办结或已撤销的任务，不能分派', 'TaskStateInvalid')
  }
  const audit = { actor: auditActor(user), correlationId: req.correlationId, ip: req.ip, at: deps.clock() }
  await deps.db.transaction().execute(async (trx) => {
    const current = await assigneesOf(
      trx,
      tasks.map((t) => t.id),
    )
    if (
      !input.reason &&
      tasks.some((t) => (current.get(t.id) ?? []).some((a) => a.id !== input.assigneeId))
    ) {
      throw badInput({ reason: '所选任务中有已分派给他人的任务，改派请填写理由' })
    }
    for (const task of tasks) {
      const users = await checkAssignees(trx, deps, task.squadCode, [input.assigneeId])
      if (users === null) throw badInput({ assigneeId: '只能指派给本辖区中队工作人员或司法所长' })
      if (!(await updateTaskIfVersion(trx, task.id, task.version, {}))) {
        throw conflict('所选任务已被他人修改，请刷新后重试')
      }
      await replaceAssignees(trx, deps, task, users, user, input.reason ?? null, audit)
    }
  })
  return { count: tasks.length }
}

export const cancelTask = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; reason: string },
) => {
  const { deps, req } = ctx
  const task = await managedTask(ctx, user, input.id)
  if (!ACTIVE.includes(task.status)) throw conflict('任务已办结或已撤销，不能再撤销', 'TaskStateInvalid')
  if (task.version !== input.version) throw conflict('该任务已被他人修改，请刷新后重试')
  const now = deps.clock()
  const at = now.toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const ok = await updateTaskIfVersion(trx, task.id, input.version, {
      status: 'cancelled',
      cancelled_at: at,
      cancelled_by: user.id,
      cancel_reason: input.reason,
    })
    if (!ok) throw conflict('该任务已被他人修改，请刷新后重试')
    await insertTaskEvent(trx, {
      id: newId(),
      task_id: task.id,
      at,
      actor_id: user.id,
      kind: 'cancelled',
      note: input.reason,
    })
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'task.cancel',
      unit: unitAudit(deps, task),
      subjectType: 'task',
      subjectId: task.id,
      before: { status: task.status, version: task.version },
      after: { status: 'cancelled', version: task.version + 1, reason: input.reason },
    })
  })
  return { ok: true as const }
}

export interface RollupRow {
  readonly unitKind: 'office' | 'squad'
  readonly unitCode: string
  readonly unitName: string
  readonly area: string
  readonly dutyCode: string
  readonly dutyTitle: string
  readonly open: number
  readonly inProgress: number
  readonly done: number
  readonly cancelled: number
  readonly overdue: number
}

const dutyTitles = new Map(dutiesOf(CURRENT_CATALOG_VERSION).map((d) => [d.code, d.title]))

/**
 * Counts by unit and duty within the caller's scope: the brigade's and bureau's roll-up (四.3), read
 * from the counts the database keeps with every task change (repos/task-counts.ts).
 */
export const rollupTasks = async (ctx: Context, user: User): Promise<ReadonlyArray<RollupRow>> => {
  const scope = taskScope(actorOf(user))
  if (scope.kind === 'none') return []
  const rows = await countsByUnitAndDuty(ctx.deps.db, ctx.deps.dialect, scope, ctx.deps.clock().toISOString())
  const org = ctx.deps.org
  return rows.map((r) => ({
    unitKind: r.officeCode ? 'office' : 'squad',
    unitCode: r.officeCode ?? r.squadCode,
    unitName: r.officeCode ? officeName(org, r.officeCode) : squadName(org, r.squadCode),
    area: squadName(org, r.squadCode),
    dutyCode: r.dutyCode,
    dutyTitle: dutyTitles.get(r.dutyCode) ?? r.dutyCode,
    open: r.open,
    inProgress: r.inProgress,
    done: r.done,
    cancelled: r.cancelled,
    overdue: r.overdue,
  }))
}

export const EXPORT_LIMIT = 5000

/** Export cells never start a formula (= + - @ tab CR): SECURITY.md, Files and spreadsheets. */
export const escapeCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

const STATUS_TEXT: Record<TaskRow['status'], string> = {
  open: '待办',
  in_progress: '办理中',
  done: '已完成',
  cancelled: '已撤销',
}
const SOURCE_TEXT: Record<TaskSource, string> = {
  manual: '手工创建',
  kiosk: '自助终端',
  statutory: '法定期限',
  activation: '战时任务',
  vehicle: '车辆提醒',
}

const shanghai = (iso: string | null): string =>
  iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : ''

/** The filtered board as an Excel workbook (exceljs), at most EXPORT_LIMIT rows; the export is audited. */
export const exportTasks = async (
  ctx: Context,
  user: User,
  filter: TaskFilter & { overdue?: boolean | undefined },
): Promise<{ filename: string; contentBase64: string; rows: number; truncated: boolean }> => {
  const { deps, req } = ctx
  const now = deps.clock()
  const rows = await listTasks(deps.db, deps.dialect, taskScope(actorOf(user)), {
    ...filter,
    overdueAt: filter.overdue ? now.toISOString() : undefined,
    limit: EXPORT_LIMIT + 1,
  })
  const truncated = rows.length > EXPORT_LIMIT
  const list = rows.slice(0, EXPORT_LIMIT)
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '平战'
  const ws = wb.addWorksheet('工作任务')
  ws.columns = [
    { header: '任务名称', key: 'title', width: 30 },
    { header: '职责事项', key: 'duty', width: 24 },
    { header: '承办单位', key: 'unit', width: 14 },
    { header: '办理人员', key: 'assignees', width: 24 },
    { header: '状态', key: 'status', width: 8 },
    { header: '紧急', key: 'priority', width: 6 },
    { header: '截止时间', key: 'due', width: 18 },
    { header: '是否逾期', key: 'overdue', width: 8 },
    { header: '来源', key: 'source', width: 10 },
    { header: '完成时间', key: 'completed', width: 18 },
    { header: '办理情况', key: 'note', width: 40 },
  ]
  const nowIso = now.toISOString()
  for (const t of list) {
    ws.addRow({
      title: escapeCell(t.title),
      duty: escapeCell(dutyTitles.get(t.dutyCode) ?? t.dutyCode),
      unit: t.officeCode ? officeName(deps.org, t.officeCode) : squadName(deps.org, t.squadCode),
      assignees: escapeCell(t.assignees.map((a) => a.displayName).join('、')),
      status: STATUS_TEXT[t.status],
      priority: t.priority === 'high' ? '是' : '',
      due: shanghai(t.dueAt),
      overdue: ACTIVE.includes(t.status) && t.dueAt < nowIso ? '是' : '',
      source: SOURCE_TEXT[t.source],
      completed: shanghai(t.completedAt),
      note: escapeCell(t.completionNote ?? t.cancelReason ?? ''),
    })
  }
  ws.getRow(1).font = { bold: true }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer())
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'task.export',
      unit: null,
      subjectType: 'task',
      subjectId: null,
      after: { filter, rows: list.length },
    }),
  )
  const stamp = shanghai(nowIso).slice(0, 10)
  return {
    filename: `工作任务-${stamp}.xlsx`,
    contentBase64: buffer.toString('base64'),
    rows: list.length,
    truncated,
  }
}
