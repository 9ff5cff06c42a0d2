import { randomBytes } from 'node:crypto'
import {
  CURRENT_CATALOG_VERSION,
  canAssignTo,
  findDuty,
  intakeScope,
  MEDIATION_ALTERNATIVES,
} from '@pingzhan/domain'
import { Effect, Exit } from 'effect'
import { appendAudit } from '../audit/audit.ts'
import {
  decideIntake,
  findIntakeInScope,
  type Intake,
  type IntakeStatus,
  listIntakes,
} from '../repos/intakes.ts'
import { findUser, type User } from '../repos/users.ts'
import { newId, shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { guardiansOf, type IntakeGuardianView } from './kiosk-guardian.ts'
import { type IntakeLegalAidView, legalAidDetails } from './kiosk-legal-aid.ts'
import { lockedReceipts } from './kiosk-receipts.ts'
import { type Alternatives, type DisputeType, targetOf } from './mediation.ts'
import { createTask, endOfShanghaiDay } from './task-work.ts'
import { positionOfUser } from './tasks.ts'
import { auditActor, officeName, officeUnit } from './units.ts'

export interface IntakeItem {
  readonly id: string
  readonly receiptNo: string
  /** issue 14: kiosk mediation requests and legal-aid applications share the queue */
  readonly kind: 'mediation' | 'legalAid'
  /** the legal-aid answers, pre-check and checklist (kind 'legalAid'), else null */
  readonly legalAid: IntakeLegalAidView | null
  /** 个人信息保护法31: the guardian who applied and consented for an applicant under 14, else null */
  readonly guardian: IntakeGuardianView | null
  /** issue 14: wrong secrets locked the receipt (the director may unlock it); null where not shown */
  readonly receiptLocked: boolean | null
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
  readonly rejectReason: string | null
  /** 人民调解法17 as the applicant stated it at the kiosk */
  readonly otherPartyConsent: 'agreed' | 'refused' | 'unsure' | null
  /** 人民调解法26: the routes the applicant was shown when the other party refuses mediation */
  readonly alternatives: Alternatives | null
}

const toItem = (
  ctx: Context,
  i: Intake,
  legalAid: IntakeLegalAidView | null,
  guardian: IntakeGuardianView | null,
  locked: ReadonlySet<string>,
): IntakeItem => ({
  id: i.id,
  receiptNo: i.receiptNo,
  kind: i.kind === 'legalAid' ? 'legalAid' : 'mediation',
  legalAid,
  guardian,
  receiptLocked: locked.has(i.receiptNo),
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
  rejectReason: i.rejectReason,
  otherPartyConsent: i.otherPartyConsent,
  alternatives: i.otherPartyConsent === 'refused' ? MEDIATION_ALTERNATIVES : null,
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
  const details = await legalAidDetails(
    ctx,
    rows.filter((r) => r.kind === 'legalAid').map((r) => r.id),
  )
  const guardians = await guardiansOf(
    ctx,
    rows.map((r) => r.id),
  )
  const locked = await lockedReceipts(
    ctx.deps.db,
    rows.map((r) => r.receiptNo),
  )
  return {
    items: rows.map((r) => toItem(ctx, r, details.get(r.id) ?? null, guardians.get(r.id) ?? null, locked)),
    nextCursor: rows.length === limit && last ? last.id : null,
  }
}

const inScope = async (ctx: Context, user: User, id: string): Promise<Intake> => {
  const intake = await findIntakeInScope(ctx.deps.db, intakeScope(actorOf(user)), id)
  if (intake === null) throw notFound('申请')
  return intake
}

export const getIntakeItem = async (ctx: Context, user: User, id: string): Promise<IntakeItem> => {
  const intake = await inScope(ctx, user, id)
  return toItem(
    ctx,
    intake,
    (await legalAidDetails(ctx, [intake.id])).get(intake.id) ?? null,
    (await guardiansOf(ctx, [intake.id])).get(intake.id) ?? null,
    await lockedReceipts(ctx.deps.db, [intake.receiptNo]),
  )
}

const ALREADY_DECIDED = '该申请已被处理，请刷新后查看'

export const acceptIntake = async (
  ctx: Context,
  user: User,
  input: {
    id: string
    dutyCode: string
    title: string
    dueDate: string
    assigneeId: string
    disputeType?: DisputeType | undefined
  },
): Promise<{ taskId: string; mediationId: string }> => {
  const { deps, req } = ctx
  const intake = await inScope(ctx, user, input.id)
  if (intake.kind === 'legalAid')
    throw fail('BAD_REQUEST', 'IntakeIsLegalAid', '这是法律援助申请，请受理为法律援助申请')
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

  const at = now.toISOString()
  const today = shanghaiDate(now)
  const unit = officeUnit(deps.org, intake.officeCode)
  const audit = { correlationId: req.correlationId, ip: req.ip, at: now, actor: auditActor(user), unit }
  const mediationId = newId()
  const caseNo = `TJ${today.replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`
  const disputeType = input.disputeType ?? '其他'
  // 人民调解工作若干规定33: generally concluded within one month (warns, never blocks) — the engine's
  // rule mediation.target.
  const target = await targetOf(deps.db, today)
  // Accepting a kiosk request opens its case in the 人民调解 register (issue 4) and makes the task
  // through createTask, the one way every feature creates work.
  const taskId = await deps.db.transaction().execute(async (trx) => {
    if (
      !(await decideIntake(trx, intake.id, {
        status: 'accepted',
        taskId: null,
        by: user.id,
        at,
        reason: null,
      }))
    ) {
      throw conflict(ALREADY_DECIDED, 'IntakeAlreadyDecided')
    }
    const { taskId } = await createTask(
      trx,
      deps,
      {
        unit: { kind: 'office', code: intake.officeCode },
        dutyCode: duty.code,
        title: input.title,
        description: `${intake.summary}\n对方当事人：${intake.otherParty}${intake.groupDispute ? '\n（群体性纠纷）' : ''}\n调解案件编号：${caseNo}`,
        dueAt: endOfShanghaiDay(input.dueDate),
        priority: intake.groupDispute ? 'high' : 'normal',
        assigneeIds: [assignee.id],
        source: 'kiosk',
        sourceId: intake.id,
        createdBy: user.id,
      },
      audit,
    )
    await trx.updateTable('intakes').set({ task_id: taskId }).where('id', '=', intake.id).execute()
    await trx
      .insertInto('mediation_cases')
      .values({
        id: mediationId,
        case_no: caseNo,
        office_code: intake.officeCode,
        area_code: intake.areaCode,
        source: 'kiosk',
        intake_id: intake.id,
        applicant_name: intake.applicantName,
        other_party: intake.otherParty,
        dispute_type: disputeType,
        summary: intake.summary,
        status: 'accepted',
        handled_elsewhere: null,
        refusal_reason: null,
        accepted_at: at,
        target_date: target.date,
        target_provisional: target.provisional ? 1 : 0,
        confirmation_provisional: 0,
        refused_by_party: 0,
        confirmation_applied_on: null,
        agreement_text: null,
        agreement_date: null,
        confirmation_deadline: null,
        failure_note: null,
        closed_at: null,
        task_id: taskId,
        created_by: user.id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute()
    await trx
      .insertInto('mediation_case_events')
      .values({
        id: newId(),
        case_id: mediationId,
        at,
        actor_id: user.id,
        kind: 'accepted',
        changes_json: JSON.stringify({}),
      })
      .execute()
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: 'intake.accept',
      subjectType: 'intake',
      subjectId: intake.id,
      before: { status: 'new' },
      after: { status: 'accepted', taskId, mediationId },
    })
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: 'mediation.create',
      subjectType: 'mediation',
      subjectId: mediationId,
      after: { caseNo, status: 'accepted', disputeType, taskId, intakeId: intake.id },
    })
    return taskId
  })
  return { taskId, mediationId }
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
