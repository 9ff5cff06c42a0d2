// Community corrections casework (issue 5; 社区矫正法, 社区矫正法实施办法): register, record events,
// team, outings, sanctions, electronic monitoring, discharge. Every write is one transaction with its
// audit row, followed by the deadline engine's recompute in the same transaction.
import {
  CASE_EVENT_LABELS,
  CORRECTION_TYPE_LABELS,
  type CorrectionType,
  checkLeaveApprover,
  checkMonitoring,
  checkSanction,
  checkTeam,
  currentMonitoring,
  groundsOnRecord,
  isMinorOn,
  LEAVE_LEVEL_LABELS,
  MANAGEMENT_LEVEL_LABELS,
  type ManagementLevel,
  MONITORING_FACT_LABELS,
  MONITORING_SITUATION_LABELS,
  type MonitoringFactKind,
  mayReadMinors,
  mayWorkCases,
  monitoringUntil,
  routeLeave,
  SANCTION_LABELS,
  type SanctionKind,
  SUPERVISEE_STATUS_LABELS,
  type SuperviseeRecord,
  superviseeScope,
  type TeamMember,
  transferStateOf,
  urgencyOf,
} from '@pingzhan/domain'
import { maskIdNumber, validateIdNumber } from '@pingzhan/domain/id-number'
import { Result } from 'effect'
import { appendAudit } from '../audit/audit.ts'
import { blindIndex, decryptField, encryptField } from '../crypto/keys.ts'
import type { Trx } from '../db/types.ts'
import {
  type CaseScope,
  decideLeaveIfVersion,
  eventsOfSupervisee,
  findLeave,
  findSuperviseeInScope,
  idNumberCipher,
  insertLeave,
  insertSupervisee,
  insertSuperviseeEvent,
  leavesOf,
  listSupervisees,
  obligationsOfCase,
  type SuperviseeRow,
  updateSuperviseeIfVersion,
} from '../repos/supervisees.ts'
import type { User } from '../repos/users.ts'
import { newId, shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { recomputeCase } from './obligations.ts'
import { auditActor, officeName, squadName } from './units.ts'
import { loadRules } from './work-calendar.ts'

export const caseScopeOf = (user: User): CaseScope => {
  const actor = actorOf(user)
  return { scope: superviseeScope(actor), minors: mayReadMinors(actor) }
}

const badInput = (fieldErrors: Record<string, string>) =>
  fail('BAD_REQUEST', 'InvalidInput', `输入有误：${Object.values(fieldErrors).join('；')}`, fieldErrors)

const domainFail = (
  e: { _tag: string; message: string },
  code: 'BAD_REQUEST' | 'FORBIDDEN' | 'CONFLICT' = 'BAD_REQUEST',
) => fail(code, e._tag, e.message)

export interface SuperviseeItem {
  readonly id: string
  readonly name: string
  readonly idNumberMasked: string
  readonly sex: 'M' | 'F'
  readonly birthDate: string
  readonly minor: boolean
  readonly correctionType: CorrectionType
  readonly correctionTypeLabel: string
  readonly judgmentDate: string | null
  readonly termStart: string | null
  readonly termEnd: string | null
  readonly townCode: string
  readonly townName: string
  readonly officeCode: string
  readonly officeName: string
  readonly areaCode: string
  readonly squadName: string
  readonly managementLevel: ManagementLevel
  readonly managementLevelLabel: string
  readonly prohibitionOrders: ReadonlyArray<string>
  readonly team: ReadonlyArray<TeamMember>
  readonly status: SuperviseeRow['status']
  readonly statusLabel: string
  readonly version: number
}

const toItem = (ctx: Context, r: SuperviseeRow): SuperviseeItem => ({
  id: r.id,
  name: r.name,
  idNumberMasked: r.id_number_masked,
  sex: r.sex,
  birthDate: r.birth_date,
  minor: r.minor === 1,
  correctionType: r.correction_type,
  correctionTypeLabel: CORRECTION_TYPE_LABELS[r.correction_type],
  judgmentDate: r.judgment_date,
  termStart: r.term_start,
  termEnd: r.term_end,
  townCode: r.town_code,
  townName: ctx.deps.org.town(r.town_code)?.name ?? r.town_code,
  officeCode: r.office_code,
  officeName: officeName(ctx.deps.org, r.office_code),
  areaCode: r.area_code,
  squadName: squadName(ctx.deps.org, r.area_code),
  managementLevel: r.management_level,
  managementLevelLabel: MANAGEMENT_LEVEL_LABELS[r.management_level],
  prohibitionOrders: JSON.parse(r.prohibition_orders) as string[],
  team: JSON.parse(r.team_json) as TeamMember[],
  status: r.status,
  statusLabel: SUPERVISEE_STATUS_LABELS[r.status],
  version: r.version,
})

const inScope = async (ctx: Context, user: User, id: string): Promise<SuperviseeRow> => {
  const row = await findSuperviseeInScope(ctx.deps.db, caseScopeOf(user), id)
  if (row === null) throw notFound('社区矫正对象')
  return row
}

const auditBase = (ctx: Context, user: User) => ({
  correlationId: ctx.req.correlationId,
  ip: ctx.req.ip,
  at: ctx.deps.clock(),
  actor: auditActor(user),
})

const caseUnit = (ctx: Context, r: { area_code: string }) => ({
  code: r.area_code,
  name: squadName(ctx.deps.org, r.area_code),
  area: r.area_code,
})

export const listSuperviseeItems = async (
  ctx: Context,
  user: User,
  input: {
    status?: SuperviseeRow['status'] | undefined
    q?: string | undefined
    cursor?: string | undefined
    limit?: number | undefined
  },
) => {
  const limit = input.limit ?? 50
  const q = input.q?.trim()
  const looksLikeId = q !== undefined && /^\d{17}[\dXx]$/.test(q)
  const rows = await listSupervisees(ctx.deps.db, caseScopeOf(user), {
    status: input.status,
    nameLike: q && !looksLikeId ? q : undefined,
    idIndex: looksLikeId ? blindIndex(ctx.deps.keys, q) : undefined,
    afterId: input.cursor,
    limit,
  })
  const last = rows.at(-1)
  return {
    items: rows.map((r) => toListItem(toItem(ctx, r))),
    nextCursor: rows.length === limit && last ? last.id : null,
  }
}

/** A row of the 社区矫正 list: what the list shows (issue 15); the rest comes from `supervisee.get`. */
export type SuperviseeListItem = Pick<
  SuperviseeItem,
  | 'id'
  | 'name'
  | 'idNumberMasked'
  | 'minor'
  | 'correctionTypeLabel'
  | 'termStart'
  | 'termEnd'
  | 'townName'
  | 'squadName'
  | 'managementLevelLabel'
  | 'status'
  | 'statusLabel'
>

const toListItem = (i: SuperviseeItem): SuperviseeListItem => ({
  id: i.id,
  name: i.name,
  idNumberMasked: i.idNumberMasked,
  minor: i.minor,
  correctionTypeLabel: i.correctionTypeLabel,
  termStart: i.termStart,
  termEnd: i.termEnd,
  townName: i.townName,
  squadName: i.squadName,
  managementLevelLabel: i.managementLevelLabel,
  status: i.status,
  statusLabel: i.statusLabel,
})

export const getSuperviseeDetail = async (ctx: Context, user: User, id: string) => {
  const row = await inScope(ctx, user, id)
  const now = ctx.deps.clock()
  const today = shanghaiDate(now)
  const rules = await loadRules(ctx.deps.db)
  const events = (await eventsOfSupervisee(ctx.deps.db, id)).map((e) => {
    const data = JSON.parse(e.data_json) as Record<string, unknown>
    const label =
      e.kind === 'sanction'
        ? (SANCTION_LABELS[data.sanction as SanctionKind] ?? '处理')
        : (CASE_EVENT_LABELS[e.kind as keyof typeof CASE_EVENT_LABELS] ??
          MONITORING_FACT_LABELS[e.kind as MonitoringFactKind] ??
          e.kind)
    return {
      id: e.id,
      kind: e.kind,
      label,
      on: e.on_date,
      at: e.at,
      actorName: e.actor_name ?? '',
      note: e.note,
      data,
    }
  })
  const leaves = (await leavesOf(ctx.deps.db, id)).map((l) => ({
    id: l.id,
    from: l.from_date,
    to: l.to_date,
    days: Number(l.days),
    destination: l.destination,
    reason: l.reason,
    appliedOn: l.applied_on,
    level: l.level,
    levelLabel: LEAVE_LEVEL_LABELS[l.level],
    routeReason: l.route_reason,
    late: Number(l.late) === 1,
    status: l.status,
    statusLabel: l.status === 'pending' ? '待审批' : l.status === 'approved' ? '已批准' : '不予批准',
    decidedByName: l.decided_by_name,
    decidedAt: l.decided_at,
    decisionNote: l.decision_note,
    filedWithCounty: Number(l.filed_with_county) === 1,
    version: Number(l.version),
  }))
  const obligations = (await obligationsOfCase(ctx.deps.db, id)).map((o) => ({
    id: o.id,
    key: o.key,
    kind: o.kind,
    title: o.title,
    dueDate: o.due_date,
    dueAt: o.due_at,
    satisfied: Number(o.satisfied) === 1,
    urgency: urgencyOf(
      {
        dueDate: o.due_date,
        dueAtMs: o.kind === 'search' ? Date.parse(o.due_at) : null,
        satisfied: Number(o.satisfied) === 1,
      },
      today,
      now.getTime(),
    ),
    provisional: o.provisional,
    taskId: o.task_id,
    source: rules.get(o.rule)?.source ?? o.rule,
  }))
  const plans = events
    .filter((e) => e.kind === 'planMade')
    .map((e, i) => ({ version: i + 1, on: e.on, text: e.note ?? '' }))
  const transfer = transferStateOf(events.map((e) => ({ ...e.data, kind: e.kind })))
  // 社区矫正法29: the grounds the record supports now, and the period in force (for an extension)
  const record = recordOf(row, events)
  const monitoring = {
    grounds: groundsOnRecord(record).map((g) => ({ value: g, label: MONITORING_SITUATION_LABELS[g] })),
    current: currentMonitoring(record),
  }
  return { ...toItem(ctx, row), events, leaves, obligations, plans, transfer, monitoring }
}

/** The record electronic monitoring rests on: the judgment's 禁止令 and the events in order. */
const recordOf = (
  row: SuperviseeRow,
  events: ReadonlyArray<{ kind: string; on: string; data: Record<string, unknown> }>,
): SuperviseeRecord => ({
  prohibitionOrders: (JSON.parse(row.prohibition_orders) as string[]).length,
  entries: events.map((e) => ({
    kind: e.kind,
    on: e.on,
    sanction: e.data.sanction as SanctionKind | undefined,
    until: typeof e.data.until === 'string' ? e.data.until : undefined,
  })),
})

const townsOfUser = (ctx: Context, user: User): ReadonlyArray<string> | null => {
  if (user.role === 'brigadeLeader') return null
  if ((user.role === 'squadLeader' || user.role === 'squadMember') && user.squadCode)
    return ctx.deps.org.townsOfArea(user.squadCode).map((t) => t.code)
  return []
}

export interface RegisterInput {
  readonly name: string
  readonly idNumber: string
  readonly correctionType: CorrectionType
  readonly townCode: string
  readonly managementLevel: ManagementLevel
  readonly prohibitionOrders?: string | undefined
}

/** Registers a supervisee (社区矫正法22: 登记建档). Squad staff register residents of their area's towns. */
export const registerSupervisee = async (
  ctx: Context,
  user: User,
  input: RegisterInput,
): Promise<{ id: string }> => {
  if (!mayWorkCases(actorOf(user))) throw forbidden('只有执法中队工作人员或执法大队可以登记社区矫正对象')
  const { deps } = ctx
  const now = deps.clock()
  const today = shanghaiDate(now)
  const errors: Record<string, string> = {}
  const idCheck = validateIdNumber(input.idNumber, today)
  if (!idCheck.ok) errors.idNumber = idCheck.reason
  const town = deps.org.town(input.townCode)
  const office = town ? deps.org.officeOfTown(town.code) : undefined
  const allowed = townsOfUser(ctx, user)
  if (!town || !office) errors.townCode = '居住镇街不存在'
  else if (allowed !== null && !allowed.includes(town.code))
    throw forbidden('只能登记本中队辖区镇街的社区矫正对象')
  if (!idCheck.ok || !town || !office || Object.keys(errors).length > 0) throw badInput(errors)
  const idNumber = input.idNumber.trim().toUpperCase()
  const existing = await deps.db
    .selectFrom('supervisees')
    .select('id')
    .where('id_number_index', '=', blindIndex(deps.keys, idNumber))
    .where('status', '!=', 'discharged')
    .executeTakeFirst()
  if (existing) throw conflict('该身份证号已有在册的社区矫正对象', 'SuperviseeExists')
  const id = newId()
  const area = deps.org.areaOfTown(town.code)
  const orders = (input.prohibitionOrders ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  const minor = isMinorOn(idCheck.birthDate, today)
  await deps.db.transaction().execute(async (trx) => {
    await insertSupervisee(trx, {
      id,
      name: input.name,
      id_number_enc: encryptField(deps.keys, idNumber),
      id_number_index: blindIndex(deps.keys, idNumber),
      id_number_masked: maskIdNumber(idNumber),
      sex: idCheck.sex,
      birth_date: idCheck.birthDate,
      minor: minor ? 1 : 0,
      correction_type: input.correctionType,
      judgment_date: null,
      term_start: null,
      term_end: null,
      town_code: town.code,
      office_code: office.code,
      area_code: area,
      management_level: input.managementLevel,
      prohibition_orders: JSON.stringify(orders),
      team_json: '[]',
      status: 'pending',
      created_by: user.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      version: 1,
    })
    await appendAudit(trx, deps.keys, {
      ...auditBase(ctx, user),
      action: 'supervisee.register',
      unit: caseUnit(ctx, { area_code: area }),
      subjectType: 'supervisee',
      subjectId: id,
      after: {
        idNumberMasked: maskIdNumber(idNumber),
        correctionType: input.correctionType,
        town: town.code,
        minor,
      },
    })
  })
  return { id }
}

/** Shows the full ID number to a reader of the record; every reveal is audited (SECURITY.md). */
export const revealIdNumber = async (ctx: Context, user: User, id: string): Promise<{ idNumber: string }> => {
  const row = await inScope(ctx, user, id)
  const cipher = await idNumberCipher(ctx.deps.db, row.id)
  if (cipher === null) throw notFound('社区矫正对象')
  const idNumber = decryptField(ctx.deps.keys, cipher)
  await ctx.deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, ctx.deps.keys, {
      ...auditBase(ctx, user),
      action: 'supervisee.revealIdNumber',
      unit: caseUnit(ctx, row),
      subjectType: 'supervisee',
      subjectId: row.id,
      after: { idNumberMasked: row.id_number_masked },
    })
  })
  return { idNumber }
}

/** Loads a case for a write: in scope (else NOT_FOUND), by someone who works cases (else FORBIDDEN). */
export const forWork = async (ctx: Context, user: User, id: string): Promise<SuperviseeRow> => {
  const row = await inScope(ctx, user, id)
  if (!mayWorkCases(actorOf(user))) throw forbidden('只有执法中队工作人员或执法大队可以办理社区矫正事项')
  return row
}

export const within = async <T>(
  ctx: Context,
  user: User,
  row: SuperviseeRow,
  action: string,
  work: (trx: Trx) => Promise<T>,
  after: unknown,
) =>
  ctx.deps.db.transaction().execute(async (trx) => {
    const out = await work(trx)
    const audit = auditBase(ctx, user)
    await appendAudit(trx, ctx.deps.keys, {
      ...audit,
      action,
      unit: caseUnit(ctx, row),
      subjectType: 'supervisee',
      subjectId: row.id,
      after,
    })
    await recomputeCase(trx, ctx.deps, row.id, audit)
    return out
  })

export const addEvent = (
  trx: Trx,
  user: User,
  row: SuperviseeRow,
  kind: string,
  on: string,
  at: Date,
  data: unknown,
  note: string | null,
) =>
  insertSuperviseeEvent(trx, {
    id: newId(),
    supervisee_id: row.id,
    kind,
    on_date: on,
    at: at.toISOString(),
    actor_id: user.id,
    data_json: JSON.stringify(data ?? {}),
    note,
  })

export const bump = async (
  trx: Trx,
  row: SuperviseeRow,
  set: Parameters<typeof updateSuperviseeIfVersion>[3],
  at: Date,
) => {
  if (!(await updateSuperviseeIfVersion(trx, row.id, row.version, { ...set, updated_at: at.toISOString() })))
    throw conflict('该对象的记录已被他人修改，请刷新后重试')
}

export type RecordableKind =
  | 'investigationCommissioned'
  | 'investigationOpinion'
  | 'judgment'
  | 'documentsReceived'
  | 'receiptSent'
  | 'reported'
  | 'intakeAnnounced'
  | 'planMade'
  | 'homeVisit'
  | 'lostContact'
  | 'contactRestored'
  | 'monitoringEnded'
  // facts that ground electronic monitoring (社区矫正法29; issue 16)
  | 'prohibitionBreach'
  | 'leftWithoutApproval'
  | 'publicSecurityPenalty'
  | 'revocationRejected'

export interface RecordEventInput {
  readonly id: string
  readonly kind: RecordableKind
  readonly on: string
  readonly fast?: boolean | undefined
  readonly termStart?: string | undefined
  readonly termEnd?: string | undefined
  readonly note?: string | undefined
}

/** Records one step of the case; the engine then recomputes its deadlines (tasks, warnings). */
export const recordEvent = async (
  ctx: Context,
  user: User,
  input: RecordEventInput,
): Promise<{ ok: true }> => {
  const row = await forWork(ctx, user, input.id)
  const now = ctx.deps.clock()
  const today = shanghaiDate(now)
  if (input.on > today) throw badInput({ on: '日期不能晚于今天' })
  if (row.status === 'discharged' || row.status === 'transferred')
    throw fail(
      'CONFLICT',
      'CaseStateInvalid',
      row.status === 'discharged'
        ? '该对象已解除社区矫正，不能再登记事项'
        : '该对象已变更执行地（移出），不能再登记事项',
    )
  const kinds = new Set((await eventsOfSupervisee(ctx.deps.db, row.id)).map((e) => e.kind))
  const state = (problem: string) => fail('CONFLICT', 'CaseStateInvalid', problem)
  let set: Parameters<typeof updateSuperviseeIfVersion>[3] = {}
  let data: Record<string, unknown> = {}
  switch (input.kind) {
    case 'judgment': {
      if (kinds.has('judgment')) throw state('已登记判决、裁定生效，不能重复登记')
      const termStart = input.termStart ?? input.on
      const termEnd = input.termEnd
      if (!termEnd || termEnd <= termStart) throw badInput({ termEnd: '矫正期满日期应晚于起始日期' })
      data = { termStart, termEnd }
      // 法58: a minor when supervision begins stays under the minors' regime.
      set = {
        judgment_date: input.on,
        term_start: termStart,
        term_end: termEnd,
        minor: row.minor === 1 || isMinorOn(row.birth_date, termStart) ? 1 : 0,
      }
      break
    }
    case 'reported':
      if (!kinds.has('judgment')) throw state('请先登记判决、裁定生效日期')
      if (kinds.has('reported')) throw state('已登记报到')
      set = { status: 'active' }
      break
    case 'investigationCommissioned':
      data = { fast: input.fast === true }
      break
    case 'planMade':
      if (!input.note?.trim()) throw badInput({ note: '请填写矫正方案内容' })
      break
    case 'intakeAnnounced':
    case 'homeVisit':
      if (!kinds.has('reported')) throw state('对象尚未报到')
      break
    case 'prohibitionBreach':
      if ((JSON.parse(row.prohibition_orders) as string[]).length === 0)
        throw state('该对象的判决、裁定未宣告禁止令，不能登记违反禁止令')
      if (!input.note?.trim()) throw badInput({ note: '请填写违反禁止令的事实' })
      break
    case 'leftWithoutApproval':
    case 'publicSecurityPenalty':
      if (!input.note?.trim()) throw badInput({ note: '请填写事实和依据（如治安管理处罚决定书文号）' })
      break
    case 'revocationRejected': {
      const events = await eventsOfSupervisee(ctx.deps.db, row.id)
      const proposed = events.some(
        (e) =>
          e.kind === 'sanction' &&
          (JSON.parse(e.data_json) as { sanction?: string }).sanction === 'revocation',
      )
      if (!proposed) throw state('该对象没有提请撤销缓刑、假释或收监执行的记录')
      break
    }
    default:
      break
  }
  await within(
    ctx,
    user,
    row,
    `supervisee.${input.kind}`,
    async (trx) => {
      await addEvent(trx, user, row, input.kind, input.on, now, data, input.note?.trim() || null)
      await bump(trx, row, set, now)
    },
    { kind: input.kind, on: input.on, ...data },
  )
  return { ok: true }
}

/** Sets the correction team, checked against 社区矫正法25 and 52. */
export const setTeam = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; team: ReadonlyArray<TeamMember> },
) => {
  const row = await forWork(ctx, user, input.id)
  const checked = checkTeam({ sex: row.sex, minor: row.minor === 1 }, input.team)
  if (Result.isFailure(checked)) throw domainFail(checked.failure)
  if (row.version !== input.version) throw conflict('该对象的记录已被他人修改，请刷新后重试')
  const now = ctx.deps.clock()
  await within(
    ctx,
    user,
    row,
    'supervisee.setTeam',
    (trx) => bump(trx, row, { team_json: JSON.stringify(input.team) }, now),
    {
      team: input.team.map((m) => ({ role: m.role, sex: m.sex, familiarWithMinors: m.familiarWithMinors })),
    },
  )
  return { ok: true as const }
}

/** Records an outing application and routes it to the approval level the law requires. */
export const requestLeave = async (
  ctx: Context,
  user: User,
  input: { id: string; from: string; to: string; destination: string; reason: string },
) => {
  const row = await inScope(ctx, user, input.id)
  const actor = actorOf(user)
  if (!mayWorkCases(actor) && user.role !== 'officeDirector')
    throw forbidden('只有执法中队、执法大队或司法所可以登记外出申请')
  if (row.status !== 'active') throw fail('CONFLICT', 'CaseStateInvalid', '对象报到入矫后才能申请外出')
  const rules = await loadRules(ctx.deps.db)
  const now = ctx.deps.clock()
  const approved = (await leavesOf(ctx.deps.db, row.id))
    .filter((l) => l.status === 'approved')
    .map((l) => ({ from: l.from_date, to: l.to_date }))
  const routed = routeLeave(rules, { from: input.from, to: input.to, appliedOn: shanghaiDate(now) }, approved)
  if (Result.isFailure(routed)) throw domainFail(routed.failure)
  const r = routed.success
  const id = newId()
  await within(
    ctx,
    user,
    row,
    'leave.request',
    (trx) =>
      insertLeave(trx, {
        id,
        supervisee_id: row.id,
        from_date: input.from,
        to_date: input.to,
        days: r.days,
        destination: input.destination,
        reason: input.reason,
        applied_on: shanghaiDate(now),
        level: r.level,
        route_reason: r.reason,
        late: r.late ? 1 : 0,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
        filed_with_county: 0,
        created_by: user.id,
        created_at: now.toISOString(),
        version: 1,
      }),
    {
      leaveId: id,
      from: input.from,
      to: input.to,
      days: r.days,
      level: r.level,
      cumulativeDays: r.cumulativeDays,
    },
  )
  return { id, level: r.level, levelLabel: LEAVE_LEVEL_LABELS[r.level], reason: r.reason, late: r.late }
}

/**
 * Decides an outing at its level (社区矫正法27; 实施办法26). A director's approval under delegation is
 * filed with the county agency (备案) in the same transaction.
 */
export const decideLeave = async (
  ctx: Context,
  user: User,
  input: { leaveId: string; version: number; approve: boolean; note: string },
) => {
  const leave = await findLeave(ctx.deps.db, input.leaveId)
  if (!leave) throw notFound('外出申请')
  const row = await inScope(ctx, user, leave.supervisee_id)
  const ok = checkLeaveApprover(leave.level, { role: user.role, office: user.officeCode }, row.office_code)
  if (Result.isFailure(ok)) throw domainFail(ok.failure, 'FORBIDDEN')
  if (leave.status !== 'pending') throw conflict('该外出申请已审批', 'LeaveAlreadyDecided')
  const now = ctx.deps.clock()
  const filed = input.approve && user.role === 'officeDirector' ? 1 : 0
  await within(
    ctx,
    user,
    row,
    input.approve ? 'leave.approve' : 'leave.reject',
    async (trx) => {
      const done = await decideLeaveIfVersion(trx, leave.id, input.version, {
        status: input.approve ? 'approved' : 'rejected',
        decided_by: user.id,
        decided_at: now.toISOString(),
        decision_note: input.note || null,
        filed_with_county: filed,
      })
      if (!done) throw conflict('该外出申请已被他人处理，请刷新后重试')
    },
    { leaveId: leave.id, level: leave.level, approve: input.approve, filedWithCounty: filed === 1 },
  )
  return { ok: true as const, filedWithCounty: filed === 1 }
}

/** 训诫 → 警告 → 提请撤销/收监 (实施办法34, 35, 46; 刑诉解释543): only the next step the facts allow. */
export const imposeSanction = async (
  ctx: Context,
  user: User,
  input: { id: string; kind: SanctionKind; on: string; absentDays: number; serious: boolean; reason: string },
) => {
  const row = await forWork(ctx, user, input.id)
  if (row.status !== 'active') throw fail('CONFLICT', 'CaseStateInvalid', '对象不在矫正期内')
  const events = await eventsOfSupervisee(ctx.deps.db, row.id)
  const sanctions = events
    .filter((e) => e.kind === 'sanction')
    .map((e) => (JSON.parse(e.data_json) as { sanction: string }).sanction)
  const history = {
    reprimands: sanctions.filter((s) => s === 'reprimand').length,
    warnings: sanctions.filter((s) => s === 'warning').length,
  }
  const checked = checkSanction(await loadRules(ctx.deps.db), row.correction_type, history, input)
  if (Result.isFailure(checked)) throw domainFail(checked.failure)
  const now = ctx.deps.clock()
  const data = { sanction: input.kind, absentDays: input.absentDays, serious: input.serious }
  await within(
    ctx,
    user,
    row,
    `supervisee.sanction.${input.kind}`,
    (trx) => addEvent(trx, user, row, 'sanction', input.on, now, data, input.reason),
    data,
  )
  return { ok: true as const, label: SANCTION_LABELS[input.kind] }
}

/**
 * Electronic monitoring (社区矫正法29), approved by the bureau head for at most three months, on a
 * ground the supervisee's record supports; a decision while a period is in force extends it from the
 * day after it ends, and is refused where no ground stands any longer.
 */
export const startMonitoring = async (
  ctx: Context,
  user: User,
  input: { id: string; situation: string; months: number; from: string; reason: string },
) => {
  const row = await inScope(ctx, user, input.id)
  const record = recordOf(
    row,
    (await eventsOfSupervisee(ctx.deps.db, row.id)).map((e) => ({
      kind: e.kind,
      on: e.on_date,
      data: JSON.parse(e.data_json) as Record<string, unknown>,
    })),
  )
  const checked = checkMonitoring(await loadRules(ctx.deps.db), {
    situation: input.situation,
    months: input.months,
    approverRole: user.role,
    from: input.from,
    record,
  })
  if (Result.isFailure(checked))
    throw domainFail(checked.failure, user.role === 'bureauLeader' ? 'BAD_REQUEST' : 'FORBIDDEN')
  if (row.status !== 'active') throw fail('CONFLICT', 'CaseStateInvalid', '对象不在矫正期内')
  const { situation, extension } = checked.success
  const until = monitoringUntil(input.from, input.months)
  const now = ctx.deps.clock()
  const data = {
    situation,
    situationLabel: MONITORING_SITUATION_LABELS[situation],
    months: input.months,
    until,
    extension,
  }
  await within(
    ctx,
    user,
    row,
    extension ? 'supervisee.monitoringExtended' : 'supervisee.monitoringStarted',
    (trx) => addEvent(trx, user, row, 'monitoringStarted', input.from, now, data, input.reason),
    data,
  )
  return { ok: true as const, until, extension }
}

/** Discharge at term end (社区矫正法44): certificate, notices to the court, procuratorate and police. */
export const dischargeSupervisee = async (ctx: Context, user: User, input: { id: string; on: string }) => {
  const row = await forWork(ctx, user, input.id)
  const today = shanghaiDate(ctx.deps.clock())
  if (row.status !== 'active') throw fail('CONFLICT', 'CaseStateInvalid', '只有在矫对象可以解除社区矫正')
  if (!row.term_end || input.on < row.term_end)
    throw fail(
      'CONFLICT',
      'CaseStateInvalid',
      `矫正期至 ${row.term_end ?? '（未登记）'} 届满，期满前不能解除社区矫正`,
    )
  if (input.on > today) throw badInput({ on: '日期不能晚于今天' })
  const now = ctx.deps.clock()
  const data = { notified: ['作出判决、裁定、决定的机关', '人民检察院', '公安机关'], certificate: true }
  await within(
    ctx,
    user,
    row,
    'supervisee.discharge',
    async (trx) => {
      await addEvent(trx, user, row, 'discharged', input.on, now, data, null)
      await bump(trx, row, { status: 'discharged' }, now)
    },
    { on: input.on, ...data },
  )
  return { ok: true as const }
}
