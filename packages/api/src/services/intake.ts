import { CURRENT_CATALOG_VERSION, canAssignTo, findDuty, intakeScope } from '@pingzhan/domain'
import { Effect, Exit } from 'effect'
import { appendAudit } from '../audit/audit.ts'
import {
  decideIntake,
  findIntakeInScope,
  type Intake,
  type IntakeStatus,
  listIntakes,
} from '../repos/intakes.ts'
import { insertAssignee, insertTask, insertTaskEvent } from '../repos/tasks.ts'
import { findUser, type User } from '../repos/users.ts'
import { newId, shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { positionOfUser } from './tasks.ts'
import { auditActor, officeName, officeUnit } from './units.ts'

export interface IntakeItem {
  readonly id: string
  readonly receiptNo: string
  readonly officeCode: string
  readonly officeName: string
  readonly createdAt: string
  readonly applicantName: string
  readonly phoneMasked: string
  readonly idNumberMasked: string
  readonly summary: string
  readonly otherParty: string
  readonly groupDispute: boolean
  readonly status: IntakeStatus
  readonly taskId: string | null
}

const toItem = (ctx: Context, i: Intake): IntakeItem => ({
  id: i.id,
  receiptNo: i.receiptNo,
  officeCode: i.officeCode,
  officeName: officeName(ctx.deps.org, i.officeCode),
  createdAt: i.createdAt,
  applicantName: i.applicantName,
  phoneMasked: i.phoneMasked,
  idNumberMasked: i.idNumberMasked,
  summary: i.summary,
  otherParty: i.otherParty,
  groupDispute: i.groupDispute,
  status: i.status,
  taskId: i.taskId,
})

export const listIntakeItems = async (
  ctx: Context,
  user: User,
  input: { status?: IntakeStatus | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ReadonlyArray<IntakeItem>; nextCursor: string | null }> => {
  const limit = input.limit ?? 50
  const rows = await listIntakes(ctx.deps.db, intakeScope(actorOf(user)), {
    status: input.status,
    afterId: input.cursor,
    limit,
  })
  const last = rows.at(-1)
  return {
    items: rows.map((r) => toItem(ctx, r)),
    nextCursor: rows.length === limit && last ? last.id : null,
  }
}

const inScope = async (ctx: Context, user: User, id: string): Promise<Intake> => {
  const intake = await findIntakeInScope(ctx.deps.db, intakeScope(actorOf(user)), id)
  if (intake === null) throw notFound('申请')
  return intake
}

export const getIntakeItem = async (ctx: Context, user: User, id: string): Promise<IntakeItem> =>
  toItem(ctx, await inScope(ctx, user, id))

const ALREADY_DECIDED = '该申请已被处理，请刷新后查看'

/** Due dates are whole days in China Standard Time: due at the end of that day. */
const endOfShanghaiDay = (date: string): string => new Date(`${date}T23:59:59.999+08:00`).toISOString()

export const acceptIntake = async (
  ctx: Context,
  user: User,
  input: { id: string; dutyCode: string; title: string; dueDate: string; assigneeId: string },
): Promise<{ taskId: string }> => {
  const { deps, req } = ctx
  const intake = await inScope(ctx, user, input.id)
  if (intake.status !== 'new') throw conflict(ALREADY_DECIDED, 'IntakeAlreadyDecided')
  const now = deps.clock()
  const fieldErrors: Record<string, string> = {}

  const dutyExit = Effect.runSyncExit(findDuty(CURRENT_CATALOG_VERSION, input.dutyCode))
  const duty = Exit.isSuccess(dutyExit) ? dutyExit.value : null
  if (duty === null) fieldErrors.dutyCode = '职责事项不在现行职责清单中'
  else if (duty.kind !== 'office') fieldErrors.dutyCode = '请选择司法所职责清单中的事项'

  const assignee = await findUser(deps.db, input.assigneeId)
  const position = assignee && !assignee.disabled ? positionOfUser(assignee) : null
  if (position === null || !canAssignTo(deps.org, { area: intake.areaCode }, position)) {
    fieldErrors.assigneeId = '只能指派给本辖区中队工作人员或司法所长'
  }
  if (input.dueDate < shanghaiDate(now)) fieldErrors.dueDate = '办理期限不能早于今天'
  const messages = Object.values(fieldErrors)
  if (messages.length > 0 || duty === null || assignee === null) {
    throw fail('BAD_REQUEST', 'InvalidInput', `输入有误：${messages.join('；')}`, fieldErrors)
  }

  const taskId = newId()
  const at = now.toISOString()
  const unit = officeUnit(deps.org, intake.officeCode)
  const audit = { correlationId: req.correlationId, ip: req.ip, at: now, actor: auditActor(user), unit }
  await deps.db.transaction().execute(async (trx) => {
    await insertTask(trx, {
      id: taskId,
      title: input.title,
      description: `${intake.summary}\n对方当事人：${intake.otherParty}${intake.groupDispute ? '\n（群体性纠纷）' : ''}`,
      duty_version: CURRENT_CATALOG_VERSION,
      duty_code: duty.code,
      unit_code: intake.officeCode,
      office_code: intake.officeCode,
      squad_code: intake.areaCode,
      status: 'open',
      priority: intake.groupDispute ? 'high' : 'normal',
      due_at: endOfShanghaiDay(input.dueDate),
      source: 'kiosk',
      source_id: intake.id,
      created_by: user.id,
      created_at: at,
      started_at: null,
      completed_at: null,
      completed_by: null,
      completion_note: null,
      version: 1,
    })
    await insertAssignee(trx, { taskId, userId: assignee.id, at, by: user.id })
    await insertTaskEvent(trx, {
      id: newId(),
      task_id: taskId,
      at,
      actor_id: user.id,
      kind: 'created',
      note: null,
    })
    await insertTaskEvent(trx, {
      id: newId(),
      task_id: taskId,
      at,
      actor_id: user.id,
      kind: 'assigned',
      note: assignee.displayName,
    })
    if (
      !(await decideIntake(trx, intake.id, { status: 'accepted', taskId, by: user.id, at, reason: null }))
    ) {
      throw conflict(ALREADY_DECIDED, 'IntakeAlreadyDecided')
    }
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: 'intake.accept',
      subjectType: 'intake',
      subjectId: intake.id,
      before: { status: 'new' },
      after: { status: 'accepted', taskId },
    })
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: 'task.create',
      subjectType: 'task',
      subjectId: taskId,
      after: {
        title: input.title,
        dutyVersion: CURRENT_CATALOG_VERSION,
        dutyCode: duty.code,
        dueAt: endOfShanghaiDay(input.dueDate),
        assigneeId: assignee.id,
        source: 'kiosk',
        sourceId: intake.id,
      },
    })
  })
  return { taskId }
}

export const rejectIntake = async (
  ctx: Context,
  user: User,
  input: { id: string; reason: string },
): Promise<{ ok: true }> => {
  const { deps, req } = ctx
  const intake = await inScope(ctx, user, input.id)
  if (intake.status !== 'new') throw conflict(ALREADY_DECIDED, 'IntakeAlreadyDecided')
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const at = now.toISOString()
    if (
      !(await decideIntake(trx, intake.id, {
        status: 'rejected',
        taskId: null,
        by: user.id,
        at,
        reason: input.reason,
      }))
    ) {
      throw conflict(ALREADY_DECIDED, 'IntakeAlreadyDecided')
    }
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: auditActor(user),
      unit: officeUnit(deps.org, intake.officeCode),
      action: 'intake.reject',
      subjectType: 'intake',
      subjectId: intake.id,
      before: { status: 'new' },
      after: { status: 'rejected', reason: input.reason },
    })
  })
  return { ok: true }
}
