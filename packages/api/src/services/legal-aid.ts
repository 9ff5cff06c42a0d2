// 法律援助 intake register (issue 4; office peacetime duty ④, sub-item “协助开展法律援助”). A town office
// takes the application nearby (法律援助法13, 38) and forwards it to the county legal aid centre, which
// decides. Rules (LEGAL-RULES.md): 法31 / 24 / 25 matters; 法32 no economic test and 法42 no hardship
// verification, each with its ground; 法43 missing materials listed once in one notice, not supplied =
// deemed withdrawn; 法43 decision within 7 days (calendar days, a last rest day rolls); 法39 a detained
// applicant's application forwarded within 24 hours (hours never roll).
import {
  daysBetween,
  designationDeadline,
  detainedForwardDeadline,
  ECONOMIC_TEST_WAIVERS,
  type EconomicTestWaiver,
  HARDSHIP_CHECK_WAIVERS,
  type HardshipCheckWaiver,
  LEGAL_AID_MATTERS,
  type LegalAidMatter,
  legalAidDecisionDeadline,
  materialsPauseDays,
  materialsPauseInForce,
  mayDeemWithdrawn,
  waiverNeedsNote,
} from '@pingzhan/domain'
import { appendAudit } from '../audit/audit.ts'
import type { LegalAidCaseTable, LegalAidStatus } from '../db/registers-types.ts'
import type { Trx } from '../db/types.ts'
import type { User } from '../repos/users.ts'
import { newId, shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, notFound } from '../trpc/errors.ts'
import {
  auditContext,
  badField,
  changesOf,
  createRegisterTask,
  exportWorkbook,
  finishTask,
  historyOf,
  moveTaskDue,
  REGISTER_EXPORT_LIMIT,
  readScope,
  recordEvent,
  recordNumber,
  scopeOf,
  writableOffice,
} from './registers.ts'
import { endOfShanghaiDay, escapeCell } from './task-work.ts'
import { officeName, officeUnit } from './units.ts'
import { loadCalendar, loadRules } from './work-calendar.ts'

export const LEGAL_AID_STATUSES: ReadonlyArray<LegalAidStatus> = [
  'received',
  'awaiting_materials',
  'forwarded',
  'granted',
  'refused',
  'withdrawn',
]
export const LEGAL_AID_STATUS_TEXT: Record<LegalAidStatus, string> = {
  received: '已接收',
  awaiting_materials: '待补充材料',
  forwarded: '已转交县法律援助中心',
  granted: '决定给予援助',
  refused: '决定不予援助',
  withdrawn: '视为撤回',
}
export const MATTER_CODES = Object.keys(LEGAL_AID_MATTERS) as LegalAidMatter[]
export const ECONOMIC_WAIVER_CODES = Object.keys(ECONOMIC_TEST_WAIVERS) as EconomicTestWaiver[]
export const HARDSHIP_WAIVER_CODES = Object.keys(HARDSHIP_CHECK_WAIVERS) as HardshipCheckWaiver[]

const OPEN: ReadonlyArray<LegalAidStatus> = ['received', 'awaiting_materials', 'forwarded']
const DUTY = 'office.peacetime.4.2'
const WHAT = '法律援助申请'

export interface LegalAidItem {
  readonly id: string
  readonly caseNo: string
  readonly officeCode: string
  readonly officeName: string
  readonly applicantName: string
  readonly matterType: LegalAidMatter
  readonly matterLabel: string
  readonly summary: string
  readonly detained: boolean
  readonly economicWaiver: EconomicTestWaiver | null
  readonly economicWaiverLabel: string | null
  readonly hardshipWaiver: HardshipCheckWaiver | null
  readonly hardshipWaiverLabel: string | null
  readonly waiverNote: string | null
  readonly status: LegalAidStatus
  readonly receivedAt: string
  readonly receivedDate: string
  /** 法43: last day for the centre's decision */
  readonly decisionDeadline: string
  /** the calendar lacked the year: the deadline is not rolled past rest days */
  readonly deadlineProvisional: boolean
  /** the clock stands still while the listed materials are awaited */
  readonly clockPaused: boolean
  /** days from today to the decision deadline (negative: overdue); null once decided or closed */
  readonly daysLeft: number | null
  readonly decisionOverdue: boolean
  /** 法39: detained applicant, forward by this instant */
  readonly forwardDueAt: string | null
  readonly forwardOverdue: boolean
  readonly missingMaterials: ReadonlyArray<string> | null
  readonly materialsNotifiedOn: string | null
  readonly materialsDue: string | null
  readonly materialsSuppliedOn: string | null
  readonly forwardedAt: string | null
  readonly decisionDate: string | null
  readonly decisionNote: string | null
  readonly taskId: string | null
  /** 法43: after a grant, the last day to designate legal-aid personnel (null before a grant) */
  readonly designationDue: string | null
  readonly designationProvisional: boolean
  readonly designationOverdue: boolean
  readonly designationTaskId: string | null
  readonly designatedPerson: string | null
  readonly designatedOn: string | null
  readonly applicantNotifiedOn: string | null
  /** 法43: the day the written refusal with its reason was issued */
  readonly refusalNotifiedOn: string | null
  readonly version: number
}

/** Whether the decision clock stops while materials are awaited: the bureau's rule (R, see the domain). */
const pauseInForce = async (ctx: Context): Promise<boolean> =>
  materialsPauseInForce(await loadRules(ctx.deps.db))

/** 法39: a detained applicant's application not forwarded in time (or forwarded late). */
const forwardOverdueOf = (
  r: Pick<LegalAidCaseTable, 'forward_due_at' | 'forwarded_at' | 'status'>,
  now: Date,
): boolean =>
  r.forward_due_at !== null &&
  (r.forwarded_at === null
    ? OPEN.includes(r.status) && now.getTime() > Date.parse(r.forward_due_at)
    : Date.parse(r.forwarded_at) > Date.parse(r.forward_due_at))

/** What the register's list shows (issue 15: lean pages); everything else comes from `getLegalAid`. */
export interface LegalAidListItem {
  readonly id: string
  readonly caseNo: string
  readonly officeCode: string
  readonly officeName: string
  readonly applicantName: string
  readonly matterType: LegalAidMatter
  readonly matterLabel: string
  readonly detained: boolean
  readonly status: LegalAidStatus
  readonly decisionDeadline: string
  readonly clockPaused: boolean
  readonly daysLeft: number | null
  readonly decisionOverdue: boolean
  readonly forwardOverdue: boolean
}

const LIST_COLUMNS = [
  'id',
  'case_no',
  'office_code',
  'applicant_name',
  'matter_type',
  'detained',
  'status',
  'decision_deadline',
  'forward_due_at',
  'forwarded_at',
] as const satisfies ReadonlyArray<keyof LegalAidCaseTable>

type ListRow = Pick<LegalAidCaseTable, (typeof LIST_COLUMNS)[number]>

const toListItem = (ctx: Context, r: ListRow, now: Date, pause: boolean): LegalAidListItem => {
  const today = shanghaiDate(now)
  const awaitingDecision =
    r.status === 'received' || r.status === 'forwarded' || (r.status === 'awaiting_materials' && !pause)
  const matter = r.matter_type as LegalAidMatter
  return {
    id: r.id,
    caseNo: r.case_no,
    officeCode: r.office_code,
    officeName: officeName(ctx.deps.org, r.office_code),
    applicantName: r.applicant_name,
    matterType: matter,
    matterLabel: LEGAL_AID_MATTERS[matter] ?? r.matter_type,
    detained: Number(r.detained) === 1,
    status: r.status,
    decisionDeadline: r.decision_deadline,
    clockPaused: r.status === 'awaiting_materials' && pause,
    daysLeft: awaitingDecision ? daysBetween(today, r.decision_deadline) : null,
    decisionOverdue: awaitingDecision && today > r.decision_deadline,
    forwardOverdue: forwardOverdueOf(r, now),
  }
}

/** `pause`: the rule in force; without it the clock keeps running while materials are awaited. */
const toItem = (ctx: Context, r: LegalAidCaseTable, now: Date, pause: boolean): LegalAidItem => {
  const today = shanghaiDate(now)
  const economic = r.economic_waiver as EconomicTestWaiver | null
  const hardship = r.hardship_waiver as HardshipCheckWaiver | null
  return {
    ...toListItem(ctx, r, now, pause),
    summary: r.summary,
    economicWaiver: economic,
    economicWaiverLabel: economic ? (ECONOMIC_TEST_WAIVERS[economic] ?? economic) : null,
    hardshipWaiver: hardship,
    hardshipWaiverLabel: hardship ? (HARDSHIP_CHECK_WAIVERS[hardship] ?? hardship) : null,
    waiverNote: r.waiver_note,
    receivedAt: r.received_at,
    receivedDate: r.received_date,
    deadlineProvisional: Number(r.deadline_provisional) === 1,
    forwardDueAt: r.forward_due_at,
    missingMaterials: r.missing_materials_json
      ? (JSON.parse(r.missing_materials_json) as ReadonlyArray<string>)
      : null,
    materialsNotifiedOn: r.materials_notified_on,
    materialsDue: r.materials_due,
    materialsSuppliedOn: r.materials_supplied_on,
    forwardedAt: r.forwarded_at,
    decisionDate: r.decision_date,
    decisionNote: r.decision_note,
    taskId: r.task_id,
    designationDue: r.designation_due,
    designationProvisional: Number(r.designation_provisional) === 1,
    designationOverdue:
      r.designation_due !== null &&
      (r.designated_on === null ? today > r.designation_due : r.designated_on > r.designation_due),
    designationTaskId: r.designation_task_id,
    designatedPerson: r.designated_person,
    designatedOn: r.designated_on,
    applicantNotifiedOn: r.applicant_notified_on,
    refusalNotifiedOn: r.refusal_notified_on,
    version: Number(r.version),
  }
}

const scoped = (ctx: Context, user: User) => {
  const scope = readScope(user)
  return scope === null
    ? null
    : ctx.deps.db.selectFrom('legal_aid_cases').where(scopeOf('legal_aid_cases', scope))
}

export interface LegalAidFilter {
  readonly status?: LegalAidStatus | undefined
  readonly officeCode?: string | undefined
  readonly matterType?: LegalAidMatter | undefined
}

const filtered = (ctx: Context, user: User, f: LegalAidFilter) => {
  let q = scoped(ctx, user)
  if (q === null) return null
  if (f.status) q = q.where('status', '=', f.status)
  if (f.officeCode) q = q.where('office_code', '=', f.officeCode)
  if (f.matterType) q = q.where('matter_type', '=', f.matterType)
  return q
}

export const listLegalAid = async (
  ctx: Context,
  user: User,
  input: LegalAidFilter & { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ReadonlyArray<LegalAidListItem>; nextCursor: string | null }> => {
  const limit = input.limit ?? 50
  let q = filtered(ctx, user, input)
  if (q === null) return { items: [], nextCursor: null }
  if (input.cursor) q = q.where('id', '<', input.cursor)
  const rows = await q.select(LIST_COLUMNS).orderBy('id', 'desc').limit(limit).execute()
  const now = ctx.deps.clock()
  const pause = await pauseInForce(ctx)
  const last = rows.at(-1)
  return {
    items: rows.map((r) => toListItem(ctx, r, now, pause)),
    nextCursor: rows.length === limit && last ? last.id : null,
  }
}

const findInScope = async (ctx: Context, user: User, id: string): Promise<LegalAidCaseTable> => {
  const q = scoped(ctx, user)
  const row = q ? await q.selectAll().where('id', '=', id).executeTakeFirst() : undefined
  if (!row) throw notFound(WHAT)
  return row
}

export const getLegalAid = async (ctx: Context, user: User, id: string) => {
  const row = await findInScope(ctx, user, id)
  return {
    ...toItem(ctx, row, ctx.deps.clock(), await pauseInForce(ctx)),
    history: await historyOf(ctx.deps.db, id),
  }
}

const checkWaivers = (input: {
  economicWaiver?: EconomicTestWaiver | null | undefined
  hardshipWaiver?: HardshipCheckWaiver | null | undefined
  waiverNote?: string | null | undefined
}) => {
  if (
    (waiverNeedsNote(input.economicWaiver ?? null) || waiverNeedsNote(input.hardshipWaiver ?? null)) &&
    !input.waiverNote
  ) {
    throw badField('waiverNote', '选择“法律、法规、规章规定的其他情形”时，请注明所依据的规定')
  }
}

const checkMaterials = (
  materials: ReadonlyArray<string> | undefined,
  due: string | undefined,
  today: string,
) => {
  if (!materials || materials.length === 0) throw badField('missingMaterials', '请列明需要补充的材料')
  if (!due) throw badField('materialsDue', '请填写补充材料的截止日期')
  if (due < today) throw badField('materialsDue', '补充材料截止日期不能早于今天')
}

export const createLegalAid = async (
  ctx: Context,
  user: User,
  input: {
    officeCode?: string | undefined
    applicantName: string
    matterType: LegalAidMatter
    summary: string
    detained: boolean
    economicWaiver?: EconomicTestWaiver | undefined
    hardshipWaiver?: HardshipCheckWaiver | undefined
    waiverNote?: string | undefined
    missingMaterials?: ReadonlyArray<string> | undefined
    materialsDue?: string | undefined
    handlerId: string
  },
  /**
   * From the kiosk (issue 14): `receivedAt` is the kiosk receipt, when the office received the
   * application (法43: the 7 days count from receipt, 法39: the 24 hours too); `within` runs inside the
   * transaction (the intake's decision), so both happen or neither.
   */
  from?: {
    readonly receivedAt: Date
    readonly within: (trx: Trx, created: { id: string; caseNo: string; taskId: string }) => Promise<void>
  },
): Promise<{ id: string; caseNo: string; taskId: string; decisionDeadline: string }> => {
  const office = writableOffice(ctx, user, input.officeCode, '只有司法所长可以登记法律援助申请')
  const { deps } = ctx
  const now = deps.clock()
  const at = now.toISOString()
  const today = shanghaiDate(now)
  const received = from?.receivedAt ?? now
  const receivedDate = shanghaiDate(received)
  checkWaivers(input)
  const missing = input.missingMaterials !== undefined && input.missingMaterials.length > 0
  if (missing) checkMaterials(input.missingMaterials, input.materialsDue, today)
  const deadline = legalAidDecisionDeadline(await loadCalendar(deps.db), receivedDate)
  const forwardDueAt = input.detained
    ? new Date(detainedForwardDeadline(received.getTime())).toISOString()
    : null
  const id = newId()
  const caseNo = recordNumber('FY', today)
  const audit = auditContext(ctx, user, now)
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('legal_aid_cases')
      .values({
        id,
        case_no: caseNo,
        office_code: office,
        area_code: deps.org.areaOfOffice(office),
        applicant_name: input.applicantName,
        matter_type: input.matterType,
        summary: input.summary,
        detained: input.detained ? 1 : 0,
        economic_waiver: input.economicWaiver ?? null,
        hardship_waiver: input.hardshipWaiver ?? null,
        waiver_note: input.waiverNote ?? null,
        status: missing ? 'awaiting_materials' : 'received',
        received_at: received.toISOString(),
        received_date: receivedDate,
        decision_deadline: deadline.date,
        deadline_provisional: deadline.provisional ? 1 : 0,
        forward_due_at: forwardDueAt,
        missing_materials_json: missing ? JSON.stringify(input.missingMaterials) : null,
        materials_notified_on: missing ? today : null,
        materials_due: missing ? (input.materialsDue ?? null) : null,
        materials_supplied_on: null,
        forwarded_at: null,
        decision_date: null,
        decision_note: null,
        closed_at: null,
        task_id: null,
        created_by: user.id,
        created_at: at,
        updated_at: at,
        version: 1,
        designation_due: null,
        designation_provisional: 0,
        designation_task_id: null,
        designated_person: null,
        designated_on: null,
        applicant_notified_on: null,
        refusal_notified_on: null,
      })
      .execute()
    const taskId = await createRegisterTask(
      trx,
      deps,
      {
        unit: { kind: 'office', code: office },
        dutyCode: DUTY,
        title: `法律援助：${input.applicantName}（${input.detained ? '在押，24小时内转交' : '受理并转交'}）`,
        description:
          `${input.summary}\n申请编号：${caseNo}；事项：${LEGAL_AID_MATTERS[input.matterType]}\n` +
          (input.detained
            ? '申请人被羁押，应在二十四小时内将申请转交县法律援助中心（法律援助法第三十九条）'
            : `县法律援助中心应在 ${deadline.date} 前作出是否给予法律援助的决定（法律援助法第四十三条）`),
        dueAt: forwardDueAt ?? endOfShanghaiDay(deadline.date),
        priority: input.detained ? 'high' : 'normal',
        assigneeIds: [input.handlerId],
        source: 'manual',
        sourceId: id,
        createdBy: user.id,
      },
      audit,
      'handlerId',
    )
    await trx.updateTable('legal_aid_cases').set({ task_id: taskId }).where('id', '=', id).execute()
    await recordEvent(
      trx,
      'legalAid',
      id,
      at,
      user.id,
      'received',
      missing ? { missing_materials_json: [null, JSON.stringify(input.missingMaterials)] } : {},
    )
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: 'legalAid.create',
      unit: officeUnit(deps.org, office),
      subjectType: 'legalAid',
      subjectId: id,
      after: {
        caseNo,
        matterType: input.matterType,
        detained: input.detained,
        economicWaiver: input.economicWaiver ?? null,
        hardshipWaiver: input.hardshipWaiver ?? null,
        missingMaterials: missing ? input.missingMaterials : null,
        decisionDeadline: deadline.date,
        taskId,
        ...(from ? { receivedAt: received.toISOString() } : {}),
      },
    })
    if (from) await from.within(trx, { id, caseNo, taskId })
    return { id, caseNo, taskId, decisionDeadline: deadline.date }
  })
}

export type LegalAidAction =
  | 'edit'
  | 'notifyMissing'
  | 'supplyMaterials'
  | 'deemWithdrawn'
  | 'forward'
  | 'decide'

export const updateLegalAid = async (
  ctx: Context,
  user: User,
  input: {
    id: string
    version: number
    action: LegalAidAction
    applicantName?: string | undefined
    summary?: string | undefined
    matterType?: LegalAidMatter | undefined
    economicWaiver?: EconomicTestWaiver | 'none' | undefined
    hardshipWaiver?: HardshipCheckWaiver | 'none' | undefined
    waiverNote?: string | undefined
    missingMaterials?: ReadonlyArray<string> | undefined
    materialsDue?: string | undefined
    decision?: 'granted' | 'refused' | undefined
    decisionDate?: string | undefined
    decisionNote?: string | undefined
  },
): Promise<{ ok: true; status: LegalAidStatus; decisionDeadline: string }> => {
  const row = await findInScope(ctx, user, input.id)
  writableOffice(ctx, user, row.office_code, '只有司法所长可以办理法律援助申请')
  if (!OPEN.includes(row.status)) throw conflict('该申请已办结，不能再修改', 'LegalAidClosed')
  if (Number(row.version) !== input.version) throw conflict('该申请已被他人修改，请刷新后重试')
  const { deps } = ctx
  const now = deps.clock()
  const at = now.toISOString()
  const today = shanghaiDate(now)
  const set: Partial<LegalAidCaseTable> = {}
  let taskNote: string | null = null
  switch (input.action) {
    case 'edit': {
      if (input.applicantName) set.applicant_name = input.applicantName
      if (input.summary) set.summary = input.summary
      if (input.matterType) set.matter_type = input.matterType
      if (input.economicWaiver)
        set.economic_waiver = input.economicWaiver === 'none' ? null : input.economicWaiver
      if (input.hardshipWaiver)
        set.hardship_waiver = input.hardshipWaiver === 'none' ? null : input.hardshipWaiver
      if (input.waiverNote !== undefined) set.waiver_note = input.waiverNote || null
      checkWaivers({
        economicWaiver: (set.economic_waiver ?? row.economic_waiver) as EconomicTestWaiver | null,
        hardshipWaiver: (set.hardship_waiver ?? row.hardship_waiver) as HardshipCheckWaiver | null,
        waiverNote: 'waiver_note' in set ? set.waiver_note : row.waiver_note,
      })
      break
    }
    case 'notifyMissing':
      // 法43: listed once, in one notice — a second list is refused.
      if (row.materials_notified_on !== null)
        throw conflict(
          '补充材料已一次性告知过，不能再次告知（法律援助法第四十三条）',
          'MaterialsAlreadyNotified',
        )
      if (row.status !== 'received') throw conflict('已转交的申请不能再要求补充材料', 'LegalAidStateInvalid')
      checkMaterials(input.missingMaterials, input.materialsDue, today)
      set.status = 'awaiting_materials'
      set.missing_materials_json = JSON.stringify(input.missingMaterials)
      set.materials_notified_on = today
      set.materials_due = input.materialsDue ?? null
      break
    case 'supplyMaterials': {
      if (row.status !== 'awaiting_materials')
        throw conflict('该申请没有待补充的材料', 'LegalAidStateInvalid')
      const deadline = legalAidDecisionDeadline(
        await loadCalendar(deps.db),
        row.received_date,
        materialsPauseDays(await loadRules(deps.db), row.materials_notified_on ?? today, today),
      )
      set.status = 'received'
      set.materials_supplied_on = today
      set.decision_deadline = deadline.date
      set.deadline_provisional = deadline.provisional ? 1 : 0
      break
    }
    case 'deemWithdrawn':
      if (row.status !== 'awaiting_materials' || row.materials_due === null)
        throw conflict('只有待补充材料的申请才能视为撤回', 'LegalAidStateInvalid')
      if (!mayDeemWithdrawn(today, row.materials_due))
        throw conflict(`补充材料截止日期（${row.materials_due}）未过，不能视为撤回`, 'LegalAidStateInvalid')
      set.status = 'withdrawn'
      set.closed_at = at
      taskNote = '申请人未按要求补充材料，视为撤回申请（法律援助法第四十三条）'
      break
    case 'forward':
      if (row.status !== 'received')
        throw conflict(
          row.status === 'awaiting_materials' ? '材料尚未补齐，不能转交' : '该申请已转交',
          'LegalAidStateInvalid',
        )
      set.status = 'forwarded'
      set.forwarded_at = at
      taskNote = '已将申请转交县法律援助中心'
      break
    case 'decide':
      if (row.status !== 'forwarded')
        throw conflict('申请转交县法律援助中心后才能登记决定', 'LegalAidStateInvalid')
      if (!input.decision) throw badField('decision', '请选择援助决定')
      if (!input.decisionDate) throw badField('decisionDate', '请填写决定日期')
      if (input.decisionDate > today) throw badField('decisionDate', '决定日期不能晚于今天')
      if (input.decisionDate < row.received_date) throw badField('decisionDate', '决定日期不能早于申请日期')
      // 法43: a refusal is given in writing with reasons.
      if (input.decision === 'refused' && !input.decisionNote)
        throw badField('decisionNote', '决定不予援助的，应书面告知申请人并说明理由')
      set.status = input.decision
      set.decision_date = input.decisionDate
      set.decision_note = input.decisionNote ?? null
      set.closed_at = at
      if (input.decision === 'granted') {
        // 法43: designate legal-aid personnel within 3 days of the decision (rule legalAid.designation)
        const due = designationDeadline(await loadCalendar(deps.db), input.decisionDate)
        set.designation_due = due.date
        set.designation_provisional = due.provisional === null ? 0 : 1
      }
      break
  }
  const changes = changesOf(row, set, ['closed_at', 'deadline_provisional', 'designation_provisional'])
  if (Object.keys(changes).length === 0) throw badField('summary', '没有需要保存的修改')
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('legal_aid_cases')
      .set({ ...set, updated_at: at, version: Number(row.version) + 1 })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw conflict('该申请已被他人修改，请刷新后重试')
    await recordEvent(trx, 'legalAid', row.id, at, user.id, input.action, changes)
    if (taskNote) await finishTask(trx, row.task_id, user.id, at, taskNote)
    if (set.designation_due) {
      // the office's task of seeing the personnel designated, for the person who handled the application
      const handlers = await trx
        .selectFrom('task_assignees')
        .select('user_id')
        .where('task_id', '=', row.task_id ?? '')
        .execute()
      const designationTaskId = await createRegisterTask(
        trx,
        deps,
        {
          unit: { kind: 'office', code: row.office_code },
          dutyCode: DUTY,
          title: `指派法律援助人员：${row.applicant_name}（${set.designation_due} 前）`,
          description:
            `申请编号：${row.case_no}；${input.decisionDate} 决定给予法律援助。\n` +
            `应自作出决定之日起三日内指派法律援助人员为受援人提供法律援助（法律援助法第四十三条），` +
            `登记被指派的人员并将指派情况通知申请人。`,
          dueAt: endOfShanghaiDay(set.designation_due),
          priority: 'high',
          assigneeIds: handlers.length > 0 ? handlers.map((h) => h.user_id) : [row.created_by],
          source: 'manual',
          sourceId: row.id,
          createdBy: user.id,
        },
        auditContext(ctx, user, now),
        'decision',
      )
      await trx
        .updateTable('legal_aid_cases')
        .set({ designation_task_id: designationTaskId })
        .where('id', '=', row.id)
        .execute()
    }
    if (set.decision_deadline && row.forward_due_at === null)
      await moveTaskDue(trx, row.task_id, endOfShanghaiDay(set.decision_deadline), user.id, at)
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: `legalAid.${input.action}`,
      unit: officeUnit(deps.org, row.office_code),
      subjectType: 'legalAid',
      subjectId: row.id,
      before: Object.fromEntries(Object.entries(changes).map(([k, [b]]) => [k, b])),
      after: Object.fromEntries(Object.entries(changes).map(([k, [, a]]) => [k, a])),
    })
  })
  return {
    ok: true,
    status: set.status ?? row.status,
    decisionDeadline: set.decision_deadline ?? row.decision_deadline,
  }
}

export const exportLegalAid = async (ctx: Context, user: User, input: LegalAidFilter) => {
  const q = filtered(ctx, user, input)
  const rows =
    q === null ? [] : await q.selectAll().orderBy('id', 'desc').limit(REGISTER_EXPORT_LIMIT).execute()
  const now = ctx.deps.clock()
  const pause = await pauseInForce(ctx)
  return exportWorkbook(ctx, user, {
    register: 'legalAid',
    title: '法律援助申请登记',
    filters: {
      status: input.status ?? null,
      officeCode: input.officeCode ?? null,
      matterType: input.matterType ?? null,
    },
    columns: [
      { header: '申请编号', key: 'no', width: 20 },
      { header: '司法所', key: 'office', width: 14 },
      { header: '申请人', key: 'applicant', width: 12 },
      { header: '事项', key: 'matter', width: 40 },
      { header: '案情', key: 'summary', width: 40 },
      { header: '在押', key: 'detained', width: 6 },
      { header: '免予经济困难条件（第三十二条）', key: 'economic', width: 30 },
      { header: '免予核查经济困难（第四十二条）', key: 'hardship', width: 30 },
      { header: '状态', key: 'status', width: 16 },
      { header: '接收日期', key: 'received', width: 12 },
      { header: '决定期限', key: 'deadline', width: 12 },
      { header: '需补充材料', key: 'materials', width: 30 },
      { header: '转交时间', key: 'forwarded', width: 18 },
      { header: '决定日期', key: 'decision', width: 12 },
      { header: '指派期限（第四十三条）', key: 'designationDue', width: 14 },
      { header: '被指派的法律援助人员', key: 'designated', width: 24 },
      { header: '指派日期', key: 'designatedOn', width: 12 },
    ],
    rows: rows.map((r) => {
      const i = toItem(ctx, r, now, pause)
      return {
        no: i.caseNo,
        office: i.officeName,
        applicant: escapeCell(i.applicantName),
        matter: i.matterLabel,
        summary: escapeCell(i.summary),
        detained: i.detained ? '是' : '否',
        economic: i.economicWaiverLabel ?? '',
        hardship: i.hardshipWaiverLabel ?? '',
        status: LEGAL_AID_STATUS_TEXT[i.status],
        received: i.receivedDate,
        deadline: i.decisionDeadline,
        materials: escapeCell((i.missingMaterials ?? []).join('；')),
        forwarded: i.forwardedAt ? shanghaiDate(new Date(i.forwardedAt)) : '',
        decision: i.decisionDate ?? '',
        designationDue: i.designationDue ?? '',
        designated: escapeCell(i.designatedPerson ?? ''),
        designatedOn: i.designatedOn ?? '',
      }
    }),
  })
}

/**
 * 法律援助法43: records the legal-aid personnel designated after a grant — who, on which day, and the day
 * the applicant was told — and finishes the office's designation task. A designation after the 3-day
 * period is recorded and shown overdue; it is never refused (the aid must still be given).
 */
export const designateLegalAid = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; designatedPerson: string; designatedOn: string },
): Promise<{ ok: true; overdue: boolean }> => {
  const row = await findInScope(ctx, user, input.id)
  writableOffice(ctx, user, row.office_code, '只有司法所长可以办理法律援助申请')
  if (row.status !== 'granted' || row.decision_date === null || row.designation_due === null)
    throw conflict('只有决定给予法律援助的申请才能登记指派', 'LegalAidStateInvalid')
  if (row.designated_on !== null)
    throw conflict(`已于 ${row.designated_on} 登记指派（${row.designated_person}）`, 'LegalAidStateInvalid')
  const { deps } = ctx
  const now = deps.clock()
  const today = shanghaiDate(now)
  if (input.designatedOn > today) throw badField('designatedOn', '指派日期不能晚于今天')
  if (input.designatedOn < row.decision_date) throw badField('designatedOn', '指派日期不能早于决定日期')
  if (Number(row.version) !== input.version) throw conflict('该申请已被他人修改，请刷新后重试')
  const at = now.toISOString()
  const overdue = input.designatedOn > row.designation_due
  const set = { designated_person: input.designatedPerson, designated_on: input.designatedOn }
  const changes = changesOf(row, set, [])
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('legal_aid_cases')
      .set({ ...set, updated_at: at, version: Number(row.version) + 1 })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .where('designated_on', 'is', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw conflict('该申请已被他人修改，请刷新后重试')
    await recordEvent(trx, 'legalAid', row.id, at, user.id, 'designate', changes)
    await finishTask(
      trx,
      row.designation_task_id,
      user.id,
      at,
      `已指派法律援助人员：${input.designatedPerson}（${input.designatedOn}${overdue ? '，超过三日期限' : ''}）`,
    )
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: 'legalAid.designate',
      unit: officeUnit(deps.org, row.office_code),
      subjectType: 'legalAid',
      subjectId: row.id,
      before: { designatedPerson: null, designatedOn: null },
      after: { designatedPerson: input.designatedPerson, designatedOn: input.designatedOn, overdue },
    })
  })
  return { ok: true, overdue }
}

export type LegalAidNoticeKind = 'designation' | 'refusal'

/**
 * The written notice to the applicant (法律援助法43): of the designation after a grant, or of a refusal
 * with its reason. Issuing it records the day of notice (first issue) in the same transaction as its
 * audit row; a reprint changes nothing but the audit.
 */
export const legalAidNotice = async (
  ctx: Context,
  user: User,
  input: { id: string; kind: LegalAidNoticeKind },
): Promise<{ filename: string; contentBase64: string; notifiedOn: string }> => {
  const row = await findInScope(ctx, user, input.id)
  writableOffice(ctx, user, row.office_code, '只有司法所长可以出具法律援助通知')
  if (input.kind === 'refusal' && (row.status !== 'refused' || !row.decision_note))
    throw conflict('只有决定不予法律援助的申请才能出具不予法律援助通知书', 'LegalAidStateInvalid')
  if (input.kind === 'designation' && (row.status !== 'granted' || !row.designated_person))
    throw conflict('请先登记被指派的法律援助人员', 'LegalAidStateInvalid')
  const { deps } = ctx
  const now = deps.clock()
  const today = shanghaiDate(now)
  const column = input.kind === 'refusal' ? 'refusal_notified_on' : 'applicant_notified_on'
  const notifiedOn = row[column] ?? today
  const { legalAidNoticeBlocks } = await import('./legal-aid-notice.ts')
  const { renderDocx } = await import('./corrections-docx.ts')
  const bytes = await renderDocx(
    legalAidNoticeBlocks(input.kind, {
      caseNo: row.case_no,
      applicantName: row.applicant_name,
      matter: LEGAL_AID_MATTERS[row.matter_type as LegalAidMatter] ?? row.matter_type,
      receivedDate: row.received_date,
      decisionDate: row.decision_date ?? today,
      reason: row.decision_note ?? '',
      designatedPerson: row.designated_person ?? '',
      designatedOn: row.designated_on ?? '',
      officeName: officeName(deps.org, row.office_code),
      issuedOn: notifiedOn,
    }),
  )
  await deps.db.transaction().execute(async (trx) => {
    if (row[column] === null) {
      await trx
        .updateTable('legal_aid_cases')
        .set({ [column]: today, updated_at: now.toISOString() })
        .where('id', '=', row.id)
        .where(column, 'is', null)
        .execute()
      await recordEvent(trx, 'legalAid', row.id, now.toISOString(), user.id, `notice.${input.kind}`, {
        [column]: [null, today],
      })
    }
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: `legalAid.notice.${input.kind}`,
      unit: officeUnit(deps.org, row.office_code),
      subjectType: 'legalAid',
      subjectId: row.id,
      before: { [column]: row[column] },
      after: { [column]: notifiedOn },
    })
  })
  const title = input.kind === 'refusal' ? '不予法律援助通知书' : '法律援助人员指派通知书'
  return {
    filename: `${title}-${row.case_no}.docx`,
    contentBase64: Buffer.from(bytes).toString('base64'),
    notifiedOn,
  }
}
