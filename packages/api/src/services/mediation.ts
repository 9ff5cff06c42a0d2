// 人民调解 register (issue 4; office peacetime duty ②, 指导辖区调解工作). Rules from LEGAL-RULES.md:
// refusal at intake when a court, public security or another administrative organ already handles the
// matter (人民调解工作若干规定22); a one-month target that warns and never blocks (规定33); failure
// ends the case and tells the parties the other routes (人民调解法26); an agreement opens the 30-day
// window for joint judicial confirmation (人民调解法33). Both periods come from the calendar engine
// (rules mediation.target, mediation.confirmation); a party's express refusal ends the case at intake
// or at the first contact (人民调解法17) with the other routes shown (法26); a confirmation application
// by one party alone is refused (法33).
import { randomBytes } from 'node:crypto'
import {
  type ConfirmationApplicants,
  checkConfirmationApplication,
  confirmationDeadline,
  intakeScope,
  MEDIATION_ALTERNATIVES,
  mediationTargetDate,
  PARTY_REFUSAL_REASON,
} from '@pingzhan/domain'
import { Result } from 'effect'
import { appendAudit } from '../audit/audit.ts'
import type { DisputeType } from '../client/dispute-types.ts'
import type { MediationCaseTable, Trx } from '../db/types.ts'
import { scopeWhere } from '../repos/scope.ts'
import { findTaskInScope, insertTaskEvent, updateTaskIfVersion } from '../repos/tasks.ts'
import type { User } from '../repos/users.ts'
import { newId, shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { createTask, endOfShanghaiDay, escapeCell } from './task-work.ts'
import { auditActor, officeName, officeUnit } from './units.ts'
import { loadCalendar, loadRules } from './work-calendar.ts'

export { DISPUTE_TYPES, type DisputeType } from '../client/dispute-types.ts'

export const HANDLED_ELSEWHERE = { court: '人民法院', police: '公安机关', agency: '其他行政机关' } as const
export type HandledElsewhere = keyof typeof HANDLED_ELSEWHERE

export type MediationStatus = MediationCaseTable['status']
const ACTIVE: ReadonlyArray<MediationStatus> = ['accepted', 'mediating']

/** The routes a party is told of when mediation does not happen or fails (人民调解法26). */
export type Alternatives = ReadonlyArray<{ readonly route: string; readonly detail: string }>

/**
 * The one-month target of a case accepted today (人民调解工作若干规定33), counted by the engine: a
 * month from the day of acceptance, a last day on a rest day rolls; provisional without the year.
 */
export const targetOf = async (
  db: Context['deps']['db'],
  acceptedOn: string,
): Promise<{ date: string; provisional: boolean }> => {
  const d = mediationTargetDate(await loadCalendar(db), await loadRules(db), acceptedOn)
  return { date: d.date, provisional: d.provisional !== null }
}

export interface MediationItem {
  readonly id: string
  readonly caseNo: string
  readonly officeCode: string
  readonly officeName: string
  readonly source: MediationCaseTable['source']
  readonly applicantName: string
  readonly otherParty: string
  readonly disputeType: string
  readonly summary: string
  readonly status: MediationStatus
  readonly refusalReason: string | null
  readonly acceptedAt: string
  readonly targetDate: string
  /** the target was counted without the year's holiday schedule (plain month) */
  readonly targetProvisional: boolean
  /** still open after the one-month target: a warning, never a block */
  readonly overTarget: boolean
  readonly agreementText: string | null
  readonly agreementDate: string | null
  readonly confirmationDeadline: string | null
  readonly confirmationProvisional: boolean
  /** the day both parties jointly applied for judicial confirmation */
  readonly confirmationAppliedOn: string | null
  /** 人民调解法17: a party expressly refused mediation */
  readonly refusedByParty: boolean
  /** 人民调解法26: the other routes, for a case that ended without mediation or failed */
  readonly alternatives: Alternatives | null
  readonly failureNote: string | null
  readonly taskId: string | null
  readonly version: number
}

/** What the register's list shows (issue 15: lean pages); everything else comes from `getMediation`. */
export interface MediationListItem {
  readonly id: string
  readonly caseNo: string
  readonly officeCode: string
  readonly officeName: string
  readonly applicantName: string
  readonly otherParty: string
  readonly disputeType: string
  readonly status: MediationStatus
  readonly targetDate: string
  readonly targetProvisional: boolean
  readonly overTarget: boolean
  readonly confirmationDeadline: string | null
}

const LIST_COLUMNS = [
  'id',
  'case_no',
  'office_code',
  'applicant_name',
  'other_party',
  'dispute_type',
  'status',
  'target_date',
  'target_provisional',
  'confirmation_deadline',
] as const satisfies ReadonlyArray<keyof MediationCaseTable>

type ListRow = Pick<MediationCaseTable, (typeof LIST_COLUMNS)[number]>

const toListItem = (ctx: Context, r: ListRow, today: string): MediationListItem => ({
  id: r.id,
  caseNo: r.case_no,
  officeCode: r.office_code,
  officeName: officeName(ctx.deps.org, r.office_code),
  applicantName: r.applicant_name,
  otherParty: r.other_party,
  disputeType: r.dispute_type,
  status: r.status,
  targetDate: r.target_date,
  targetProvisional: Number(r.target_provisional) === 1,
  overTarget: ACTIVE.includes(r.status) && today > r.target_date,
  confirmationDeadline: r.confirmation_deadline,
})

const toItem = (ctx: Context, r: MediationCaseTable, today: string): MediationItem => ({
  ...toListItem(ctx, r, today),
  source: r.source,
  summary: r.summary,
  refusalReason: r.refusal_reason,
  acceptedAt: r.accepted_at,
  agreementText: r.agreement_text,
  agreementDate: r.agreement_date,
  confirmationProvisional: Number(r.confirmation_provisional) === 1,
  confirmationAppliedOn: r.confirmation_applied_on,
  refusedByParty: Number(r.refused_by_party) === 1,
  alternatives:
    r.status === 'failed' || (r.status === 'refused' && Number(r.refused_by_party) === 1)
      ? MEDIATION_ALTERNATIVES
      : null,
  failureNote: r.failure_note,
  taskId: r.task_id,
  version: Number(r.version),
})

const scoped = (ctx: Context, user: User) => {
  const scope = intakeScope(actorOf(user))
  return scope.kind === 'none'
    ? null
    : ctx.deps.db.selectFrom('mediation_cases').where(scopeWhere('mediation_cases', scope))
}

export const listMediation = async (
  ctx: Context,
  user: User,
  input: { status?: MediationStatus | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ReadonlyArray<MediationListItem>; nextCursor: string | null }> => {
  const limit = input.limit ?? 50
  let q = scoped(ctx, user)
  if (q === null) return { items: [], nextCursor: null }
  if (input.status) q = q.where('status', '=', input.status)
  if (input.cursor) q = q.where('id', '<', input.cursor)
  const rows = await q.select(LIST_COLUMNS).orderBy('id', 'desc').limit(limit).execute()
  const today = shanghaiDate(ctx.deps.clock())
  const last = rows.at(-1)
  return {
    items: rows.map((r) => toListItem(ctx, r, today)),
    nextCursor: rows.length === limit && last ? last.id : null,
  }
}

const findInScope = async (ctx: Context, user: User, id: string): Promise<MediationCaseTable> => {
  const q = scoped(ctx, user)
  const row = q ? await q.selectAll().where('id', '=', id).executeTakeFirst() : undefined
  if (!row) throw notFound('调解案件')
  return row
}

export const getMediation = async (ctx: Context, user: User, id: string) => {
  const row = await findInScope(ctx, user, id)
  const history = await ctx.deps.db
    .selectFrom('mediation_case_events')
    .innerJoin('users', 'users.id', 'mediation_case_events.actor_id')
    .select([
      'mediation_case_events.at',
      'mediation_case_events.kind',
      'mediation_case_events.changes_json',
      'users.display_name',
    ])
    .where('mediation_case_events.case_id', '=', id)
    .orderBy('mediation_case_events.id')
    .execute()
  return {
    ...toItem(ctx, row, shanghaiDate(ctx.deps.clock())),
    history: history.map((h) => ({
      at: h.at,
      kind: h.kind,
      actorName: h.display_name,
      changes: JSON.parse(h.changes_json) as Record<string, [unknown, unknown]>,
    })),
  }
}

/** Directors keep their office's register; the administrator any. Bureau leaders only read. */
const writableOffice = (user: User, officeCode: string | undefined): string => {
  if (user.role === 'officeDirector') {
    if (officeCode !== undefined && officeCode !== user.officeCode) throw notFound('司法所')
    if (user.officeCode === null) throw forbidden()
    return user.officeCode
  }
  if (user.role === 'bureauAdmin') {
    if (!officeCode)
      throw fail('BAD_REQUEST', 'InvalidInput', '输入有误：请选择司法所', { officeCode: '请选择司法所' })
    return officeCode
  }
  throw forbidden('只有司法所长可以登记人民调解案件')
}

const event = async (
  trx: Trx,
  caseId: string,
  at: string,
  actorId: string,
  kind: string,
  changes: object,
) => {
  await trx
    .insertInto('mediation_case_events')
    .values({
      id: newId(),
      case_id: caseId,
      at,
      actor_id: actorId,
      kind,
      changes_json: JSON.stringify(changes),
    })
    .execute()
}

export const createMediation = async (
  ctx: Context,
  user: User,
  input: {
    officeCode?: string | undefined
    source: 'walk_in' | 'kiosk'
    applicantName: string
    otherParty: string
    disputeType: DisputeType
    summary: string
    handledElsewhere?: HandledElsewhere | undefined
    /** 人民调解法17: the other party has expressly refused mediation */
    otherPartyRefused?: boolean | undefined
    assigneeId?: string | undefined
  },
): Promise<{ id: string; caseNo: string; taskId: string | null; alternatives: Alternatives | null }> => {
  const office = writableOffice(user, input.officeCode)
  const { deps, req } = ctx
  if (!deps.org.office(office)) throw notFound('司法所')
  const partyRefused = input.otherPartyRefused === true
  if (partyRefused && input.handledElsewhere)
    throw fail('BAD_REQUEST', 'InvalidInput', '输入有误：不予受理的理由只能选择一项', {
      otherPartyRefused: '已选择“已由其他机关受理”，无需再选择对方拒绝调解',
    })
  if (!input.handledElsewhere && !partyRefused && !input.assigneeId) {
    throw fail('BAD_REQUEST', 'InvalidInput', '输入有误：请选择承办人员', { assigneeId: '请选择承办人员' })
  }
  const now = deps.clock()
  const at = now.toISOString()
  const today = shanghaiDate(now)
  const id = newId()
  const caseNo = `TJ${today.replaceAll('-', '')}-${randomBytes(4).toString('hex').toUpperCase().slice(0, 6)}`
  const refused = input.handledElsewhere !== undefined || partyRefused
  const target = await targetOf(deps.db, today)
  const targetDate = target.date
  const audit = { actor: auditActor(user), correlationId: req.correlationId, ip: req.ip, at: now }
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('mediation_cases')
      .values({
        id,
        case_no: caseNo,
        office_code: office,
        area_code: deps.org.areaOfOffice(office),
        source: input.source,
        intake_id: null,
        applicant_name: input.applicantName,
        other_party: input.otherParty,
        dispute_type: input.disputeType,
        summary: input.summary,
        status: refused ? 'refused' : 'accepted',
        handled_elsewhere: input.handledElsewhere ?? null,
        refusal_reason: input.handledElsewhere
          ? `该纠纷已由${HANDLED_ELSEWHERE[input.handledElsewhere]}受理或处理，依照《人民调解工作若干规定》第二十二条不予受理`
          : partyRefused
            ? PARTY_REFUSAL_REASON
            : null,
        refused_by_party: partyRefused ? 1 : 0,
        confirmation_applied_on: null,
        confirmation_provisional: 0,
        target_provisional: target.provisional ? 1 : 0,
        accepted_at: at,
        target_date: targetDate,
        agreement_text: null,
        agreement_date: null,
        confirmation_deadline: null,
        failure_note: null,
        closed_at: refused ? at : null,
        task_id: null,
        created_by: user.id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute()
    let taskId: string | null = null
    if (!refused && input.assigneeId) {
      taskId = (
        await createTask(
          trx,
          deps,
          {
            unit: { kind: 'office', code: office },
            dutyCode: 'office.peacetime.2',
            title: `人民调解：${input.applicantName}与${input.otherParty}（${input.disputeType}）`,
            description: `${input.summary}\n案件编号：${caseNo}；一般应在 ${targetDate} 前调结（人民调解工作若干规定第三十三条）`,
            dueAt: endOfShanghaiDay(targetDate),
            assigneeIds: [input.assigneeId],
            source: input.source === 'kiosk' ? 'kiosk' : 'manual',
            sourceId: id,
            createdBy: user.id,
          },
          audit,
        )
      ).taskId
      await trx.updateTable('mediation_cases').set({ task_id: taskId }).where('id', '=', id).execute()
    }
    await event(trx, id, at, user.id, refused ? 'refused' : 'accepted', {})
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: refused ? 'mediation.refuse' : 'mediation.create',
      unit: officeUnit(deps.org, office),
      subjectType: 'mediation',
      subjectId: id,
      after: {
        caseNo,
        status: refused ? 'refused' : 'accepted',
        disputeType: input.disputeType,
        taskId,
        refusedByParty: partyRefused,
      },
    })
    return { id, caseNo, taskId, alternatives: partyRefused ? MEDIATION_ALTERNATIVES : null }
  })
}

type UpdateAction = 'start' | 'agree' | 'fail' | 'edit' | 'partyRefused'

export const updateMediation = async (
  ctx: Context,
  user: User,
  input: {
    id: string
    version: number
    action: UpdateAction
    otherParty?: string | undefined
    disputeType?: DisputeType | undefined
    summary?: string | undefined
    agreementText?: string | undefined
    agreementDate?: string | undefined
    failureNote?: string | undefined
    refusalNote?: string | undefined
  },
): Promise<{ ok: true; confirmationDeadline: string | null; alternatives: Alternatives | null }> => {
  const row = await findInScope(ctx, user, input.id)
  writableOffice(user, row.office_code)
  if (!ACTIVE.includes(row.status)) throw conflict('该案件已结案，不能再修改', 'MediationClosed')
  if (Number(row.version) !== input.version) throw conflict('该案件已被他人修改，请刷新后重试')
  const { deps, req } = ctx
  const now = deps.clock()
  const at = now.toISOString()
  const set: Partial<MediationCaseTable> = {}
  const missing = (field: string, message: string) =>
    fail('BAD_REQUEST', 'InvalidInput', `输入有误：${message}`, { [field]: message })
  switch (input.action) {
    case 'start':
      if (row.status !== 'accepted') throw conflict('案件已在调解中', 'MediationClosed')
      set.status = 'mediating'
      break
    case 'agree': {
      if (!input.agreementText) throw missing('agreementText', '请填写调解协议内容')
      if (!input.agreementDate) throw missing('agreementDate', '请填写协议生效日期')
      if (input.agreementDate > shanghaiDate(now)) throw missing('agreementDate', '协议生效日期不能晚于今天')
      set.status = 'agreement'
      set.agreement_text = input.agreementText
      set.agreement_date = input.agreementDate
      // 人民调解法33: both parties may jointly apply for judicial confirmation within 30 days of the
      // agreement taking effect; the day it takes effect is not counted and a last day on a rest day
      // rolls (民事诉讼法85) — the engine's rule mediation.confirmation.
      const window = confirmationDeadline(
        await loadCalendar(deps.db),
        await loadRules(deps.db),
        input.agreementDate,
      )
      set.confirmation_deadline = window.date
      set.confirmation_provisional = window.provisional === null ? 0 : 1
      set.closed_at = at
      break
    }
    case 'partyRefused':
      // 人民调解法17: at the first contact the other party expressly refuses — no mediation.
      if (row.status !== 'accepted')
        throw conflict('调解已经开始；调解中一方不愿继续的，请按“调解不成”终止调解', 'MediationClosed')
      set.status = 'refused'
      set.refused_by_party = 1
      set.refusal_reason = input.refusalNote
        ? `${PARTY_REFUSAL_REASON}。${input.refusalNote}`
        : PARTY_REFUSAL_REASON
      set.closed_at = at
      break
    case 'fail':
      if (!input.failureNote) throw missing('failureNote', '请填写终止调解的情况及告知当事人的其他救济途径')
      set.status = 'failed'
      set.failure_note = input.failureNote
      set.closed_at = at
      break
    case 'edit':
      if (input.otherParty) set.other_party = input.otherParty
      if (input.disputeType) set.dispute_type = input.disputeType
      if (input.summary) set.summary = input.summary
      if (Object.keys(set).length === 0) throw missing('summary', '没有需要保存的修改')
      break
  }
  const changes: Record<string, [unknown, unknown]> = {}
  for (const [k, v] of Object.entries(set)) {
    if (k === 'closed_at' || k === 'confirmation_provisional') continue
    changes[k] = [row[k as keyof MediationCaseTable], v]
  }
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('mediation_cases')
      .set({ ...set, updated_at: at, version: Number(row.version) + 1 })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw conflict('该案件已被他人修改，请刷新后重试')
    await event(trx, row.id, at, user.id, input.action, changes)
    // Closing the case finishes the work item it produced.
    if (set.closed_at && row.task_id) {
      const task = await findTaskInScope(trx, { kind: 'all' }, row.task_id)
      if (task && (task.status === 'open' || task.status === 'in_progress')) {
        const note =
          set.status === 'agreement'
            ? '调解成功，已达成调解协议'
            : set.status === 'refused'
              ? '当事人一方明确拒绝调解，不予调解（人民调解法第十七条）'
              : '调解不成，已终止调解'
        await updateTaskIfVersion(trx, task.id, task.version, {
          status: 'done',
          completed_at: at,
          completed_by: user.id,
          completion_note: note,
        })
        await insertTaskEvent(trx, {
          id: newId(),
          task_id: task.id,
          at,
          actor_id: user.id,
          kind: 'completed',
          note,
        })
      }
    }
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: `mediation.${input.action}`,
      unit: officeUnit(deps.org, row.office_code),
      subjectType: 'mediation',
      subjectId: row.id,
      before: Object.fromEntries(Object.entries(changes).map(([k, [b]]) => [k, b])),
      after: Object.fromEntries(Object.entries(changes).map(([k, [, a]]) => [k, a])),
    })
  })
  return {
    ok: true,
    confirmationDeadline: set.confirmation_deadline ?? null,
    alternatives: set.status === 'failed' || set.status === 'refused' ? MEDIATION_ALTERNATIVES : null,
  }
}

/**
 * Records the parties' application for judicial confirmation of the agreement (人民调解法33): only a
 * joint application of both parties, within the 30-day window; one party alone is refused with the
 * reason and nothing changes.
 */
export const applyConfirmation = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; applicants: ConfirmationApplicants; appliedOn: string },
): Promise<{ ok: true; appliedOn: string }> => {
  const row = await findInScope(ctx, user, input.id)
  writableOffice(user, row.office_code)
  if (row.status !== 'agreement' || row.agreement_date === null || row.confirmation_deadline === null)
    throw conflict('只有达成调解协议的案件才能申请司法确认', 'MediationStateInvalid')
  if (row.confirmation_applied_on !== null)
    throw conflict(`已于 ${row.confirmation_applied_on} 登记司法确认申请`, 'MediationStateInvalid')
  const { deps, req } = ctx
  const now = deps.clock()
  if (input.appliedOn > shanghaiDate(now))
    throw fail('BAD_REQUEST', 'InvalidInput', '输入有误：申请日期不能晚于今天', {
      appliedOn: '申请日期不能晚于今天',
    })
  const checked = checkConfirmationApplication({
    applicants: input.applicants,
    appliedOn: input.appliedOn,
    agreementDate: row.agreement_date,
    deadline: row.confirmation_deadline,
  })
  if (Result.isFailure(checked)) throw fail('BAD_REQUEST', checked.failure._tag, checked.failure.message)
  if (Number(row.version) !== input.version) throw conflict('该案件已被他人修改，请刷新后重试')
  const at = now.toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('mediation_cases')
      .set({ confirmation_applied_on: input.appliedOn, updated_at: at, version: Number(row.version) + 1 })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .where('confirmation_applied_on', 'is', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw conflict('该案件已被他人修改，请刷新后重试')
    await event(trx, row.id, at, user.id, 'confirmationApplied', {
      confirmation_applied_on: [null, input.appliedOn],
    })
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'mediation.applyConfirmation',
      unit: officeUnit(deps.org, row.office_code),
      subjectType: 'mediation',
      subjectId: row.id,
      before: { confirmationAppliedOn: null },
      after: { confirmationAppliedOn: input.appliedOn, applicants: 'joint' },
    })
  })
  return { ok: true, appliedOn: input.appliedOn }
}

const STATUS_TEXT: Record<MediationStatus, string> = {
  accepted: '已受理',
  mediating: '调解中',
  agreement: '达成协议',
  failed: '调解不成',
  refused: '不予受理',
}

export const exportMediation = async (
  ctx: Context,
  user: User,
  input: { status?: MediationStatus | undefined },
) => {
  const q = scoped(ctx, user)
  const filtered = q !== null && input.status ? q.where('status', '=', input.status) : q
  const rows = filtered === null ? [] : await filtered.selectAll().orderBy('id', 'desc').limit(5000).execute()
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('人民调解登记')
  ws.columns = [
    { header: '案件编号', key: 'caseNo', width: 20 },
    { header: '司法所', key: 'office', width: 14 },
    { header: '申请人', key: 'applicant', width: 12 },
    { header: '对方当事人', key: 'other', width: 12 },
    { header: '纠纷类型', key: 'type', width: 10 },
    { header: '纠纷概况', key: 'summary', width: 40 },
    { header: '状态', key: 'status', width: 10 },
    { header: '受理日期', key: 'accepted', width: 12 },
    { header: '调解期限', key: 'target', width: 12 },
    { header: '协议生效日期', key: 'agreementDate', width: 12 },
    { header: '司法确认申请截止', key: 'confirm', width: 14 },
    { header: '双方申请司法确认日期', key: 'applied', width: 16 },
    { header: '不予受理（调解）理由', key: 'refusal', width: 40 },
  ]
  for (const r of rows) {
    ws.addRow({
      caseNo: r.case_no,
      office: officeName(ctx.deps.org, r.office_code),
      applicant: escapeCell(r.applicant_name),
      other: escapeCell(r.other_party),
      type: r.dispute_type,
      summary: escapeCell(r.summary),
      status: STATUS_TEXT[r.status],
      accepted: shanghaiDate(new Date(r.accepted_at)),
      target: r.target_date,
      agreementDate: r.agreement_date ?? '',
      confirm: r.confirmation_deadline ?? '',
      applied: r.confirmation_applied_on ?? '',
      refusal: escapeCell(r.refusal_reason ?? ''),
    })
  }
  ws.getRow(1).font = { bold: true }
  const now = ctx.deps.clock()
  await ctx.deps.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.deps.keys, {
      actor: auditActor(user),
      correlationId: ctx.req.correlationId,
      ip: ctx.req.ip,
      at: now,
      action: 'mediation.export',
      unit: null,
      subjectType: 'mediation',
      subjectId: null,
      after: { status: input.status ?? null, rows: rows.length },
    }),
  )
  return {
    filename: `人民调解登记-${shanghaiDate(now)}.xlsx`,
    contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    rows: rows.length,
  }
}
