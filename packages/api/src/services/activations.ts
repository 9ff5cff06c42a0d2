import {
  ACTIVATION_STAGE_LABELS,
  type Activation,
  type AreaState,
  activationOf,
  areaModeOf,
  type CooperationFacts,
  CURRENT_CATALOG_VERSION,
  catalogOf,
  cooperationFacts,
  dutiesOf,
  intakeScope,
  isOpen,
  MEDIATION_ALTERNATIVES,
  type ModeCommand,
  type ModeError,
  type ModeErrorTag,
  type ModeEvent,
  openAssignmentsOf,
  ROSTER_OUTCOME_LABELS,
  replayArea,
  transition,
} from '@pingzhan/domain'
import { Result } from 'effect'
import { appendAudit } from '../audit/audit.ts'
import { type ActivationSignal, busOf, preciseNow } from '../realtime/activation-bus.ts'
import {
  type ActivationRef,
  activationIdsOfPerson,
  appendModeEvents,
  findActivationRef,
  hasPartyGroupEscalation,
  isOnRoster,
  listActivationRefs,
  loadAllEvents,
  loadAreaEvents,
  lockArea,
  saveActivationProjection,
  usersByPersonCodes,
} from '../repos/activations.ts'
import { findIntakeInScope, type Intake } from '../repos/intakes.ts'
import { peopleOnLeaveAt } from '../repos/staff-leaves.ts'
import { findUser, type User } from '../repos/users.ts'
import { decodeCursor, encodeCursor, newId } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import type { IntakeItem } from './intake.ts'
import { auditActor, officeName, squadName } from './units.ts'

type Code = Parameters<typeof fail>[0]

/** Everyone who can be on a roster or oversee one (平战融合, policy 三.2); departments have no part. */
export const WARTIME_ROLES: ReadonlyArray<User['role']> = [
  'bureauAdmin',
  'bureauLeader',
  'brigadeLeader',
  'squadLeader',
  'squadMember',
  'officeDirector',
]

/** How each wartime rejection reaches the client; adding a domain error without a row fails typecheck. */
const MODE_ERROR_CODES = {
  ActivationExists: 'CONFLICT',
  UnknownActivation: 'NOT_FOUND',
  UnknownArea: 'BAD_REQUEST',
  UnknownPerson: 'BAD_REQUEST',
  NotAllowedToStart: 'FORBIDDEN',
  OutsideArea: 'BAD_REQUEST',
  DutyNotInWartimeCatalogue: 'BAD_REQUEST',
  DutyNotInCatalogue: 'BAD_REQUEST',
  NotCommander: 'FORBIDDEN',
  NotBrigadeLeader: 'FORBIDDEN',
  NotReviewer: 'FORBIDDEN',
  ActivationClosed: 'CONFLICT',
  WrongStage: 'CONFLICT',
  NotOnRoster: 'FORBIDDEN',
  AlreadyOnRoster: 'CONFLICT',
  AlreadyResponded: 'CONFLICT',
  NoDeclineToRule: 'CONFLICT',
  RefusalNotAllowed: 'CONFLICT',
  PersonUnavailable: 'CONFLICT',
  TaskExists: 'CONFLICT',
  UnknownTask: 'NOT_FOUND',
  NotAssignee: 'FORBIDDEN',
  TaskAlreadyDone: 'CONFLICT',
  EscalationExists: 'CONFLICT',
  DeclinesAwaitingRuling: 'CONFLICT',
  SummaryMissing: 'CONFLICT',
  SummaryAlreadySubmitted: 'CONFLICT',
  NoCommander: 'CONFLICT',
  UnknownEscalation: 'NOT_FOUND',
  EscalationAlreadyDecided: 'CONFLICT',
  NotDecider: 'FORBIDDEN',
  InvalidInput: 'BAD_REQUEST',
} as const satisfies Record<ModeErrorTag, Code>

const modeFailure = (error: ModeError) =>
  fail(
    MODE_ERROR_CODES[error._tag],
    error._tag,
    error.message,
    error._tag === 'InvalidInput' ? { [error.field]: error.problem } : undefined,
  )

// ---------------------------------------------------------------- labels

const circled = (n: number): string => (n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : `(${n})`)

const dutyOf = (version: string, code: string) => dutiesOf(version).find((d) => d.code === code)

/** '司法所战时工作职责③ 需多人参与配合的重大工作' */
export const dutyLabel = (version: string, code: string): string => {
  const duty = dutyOf(version, code)
  if (duty === undefined) return code
  const catalog = catalogOf(version, duty.kind, duty.mode)
  return `${catalog?.title ?? ''}${circled(duty.number)} ${duty.title}`
}

const SIDE_LABELS = { squad: '中队', office: '司法所', other: '抽调' } as const
const RESPONSE_LABELS = {
  pending: '待响应',
  acknowledged: '已响应',
  declined: '请辞待定',
  declinedAccepted: '请辞获准',
  refused: '推诿',
} as const
export const DECLINE_REASON_LABELS = {
  leave: '请假',
  sick: '病假',
  otherAssignment: '另有任务',
  divisionOfLabour: '分工不同',
  other: '其他',
} as const
const BASIS_LABELS = {
  squadLeader: '中队长',
  standIn: '大队指定的代理指挥',
  brigadeLeader: '执法大队长（中队长不在岗）',
  liaison: '联系局领导（中队长不在岗）',
} as const

const hhmm = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16)

const nameOf = (ctx: Context, person: string): string => ctx.deps.org.person(person)?.name ?? person

/** One line of Chinese per event, for the timeline and the phone banner. */
export const describeEvent = (ctx: Context, e: ModeEvent): string => {
  const n = (p: string) => nameOf(ctx, p)
  switch (e._tag) {
    case 'ActivationStarted':
      return `${n(e.by)}启动战时：${dutyLabel(e.catalogVersion, e.duty)}（${e.reason}，地点：${e.place}），由${n(e.commander)}统一指挥`
    case 'StandInDesignated':
      return e.person ? `${n(e.by)}指定${n(e.person)}为代理指挥` : `${n(e.by)}取消了代理指挥的指定`
    case 'PersonBorrowed':
      return `${n(e.by)}从其他辖区抽调${n(e.person)}参战`
    case 'Acknowledged':
      return `${n(e.person)}已响应，预计 ${hhmm(e.eta)} 到达`
    case 'DeclineRecorded':
      return `${n(e.person)}请辞（${DECLINE_REASON_LABELS[e.reason]}）${e.note ? `：${e.note}` : ''}`
    case 'DeclineAccepted':
      return `${n(e.by)}批准了${n(e.person)}的请辞`
    case 'RefusalRecorded':
      return e.basis === 'divisionOfLabour'
        ? `${n(e.person)}以业务分工为由推辞，记为推诿`
        : `${n(e.by)}驳回${n(e.person)}的请辞，记为推诿`
    case 'TaskAssigned':
      return `${n(e.by)}向${n(e.person)}分派任务：${e.title}`
    case 'ProgressReported':
      return `${n(e.by)}报告进展：${e.note}`
    case 'TaskDone':
      return `${n(e.by)}报告任务完成${e.note ? `：${e.note}` : ''}`
    case 'Escalated':
      return `${n(e.by)}提报${e.to === 'liaison' ? '联系局领导' : '局党组'}：${e.question}（${hhmm(e.decisionDeadline)} 前决策）`
    case 'EscalationDecided':
      return `${n(e.by)}对提报作出决策：${e.decision}`
    case 'StoodDown':
      return `${n(e.by)}宣布收队，战时状态结束`
    case 'SummarySubmitted':
      return `${n(e.by)}提交了收队总结`
    case 'Reviewed':
      return `${n(e.by)}完成复盘：${e.findings}`
  }
}

// ---------------------------------------------------------------- access

/**
 * The areas whose activations a user reads (policy 三.2 / 四.1): the brigade and the administrator all;
 * a bureau leader the area they liaise; squad staff their squad's; a director their office's area.
 * Besides these, anyone on an activation's roster (a borrowed person) reads that activation.
 */
const readAreas = (ctx: Context, user: User): ReadonlyArray<string> => {
  const org = ctx.deps.org
  switch (user.role) {
    case 'bureauAdmin':
    case 'brigadeLeader':
      return org.config.squads.map((s) => s.code)
    case 'bureauLeader':
    case 'squadLeader':
    case 'squadMember':
      return user.squadCode ? [user.squadCode] : []
    case 'officeDirector':
      return user.officeCode && org.office(user.officeCode) ? [org.areaOfOffice(user.officeCode)] : []
    case 'departmentStaff':
    case 'securityAdmin':
    case 'auditAdmin':
      return []
  }
}

const readable = async (ctx: Context, user: User, id: string): Promise<ActivationRef> => {
  const ref = await findActivationRef(ctx.deps.db, id)
  if (ref === null) throw notFound('战时行动')
  if (readAreas(ctx, user).includes(ref.area)) return ref
  if (user.personCode && (await isOnRoster(ctx.deps.db, id, user.personCode))) return ref
  // 四.1: a question raised to the party group is before every bureau leader (its members)
  if (user.role === 'bureauLeader' && (await hasPartyGroupEscalation(ctx.deps.db, id))) return ref
  throw notFound('战时行动')
}

const personOf = (user: User): string => {
  if (user.personCode === null) throw forbidden('您的账号未关联组织人员，不能参与战时行动')
  return user.personCode
}

const areaUnit = (ctx: Context, area: string) => ({ code: area, name: squadName(ctx.deps.org, area), area })

// ---------------------------------------------------------------- commands

interface CommandRun {
  readonly area: string
  /** the commands in order; all or none are recorded */
  readonly commands: ReadonlyArray<ModeCommand>
  readonly action: string
  readonly subjectId: string
  readonly source?: { type: string; id: string } | null
  readonly after?: unknown
}

/**
 * One wartime command end to end: serialise on the area, rebuild its state from the log, let the pure
 * `transition` decide, append the events, update the projection and the audit log in the same
 * transaction, and after the commit push the events to the connected subscribers.
 */
const run = async (ctx: Context, user: User, spec: CommandRun): Promise<ReadonlyArray<ModeEvent>> => {
  const { deps, req } = ctx
  const now = deps.clock()
  const recorded: ModeEvent[] = []
  let finalState: AreaState | null = null
  await deps.db.transaction().execute(async (trx) => {
    await lockArea(trx, spec.area)
    let state = replayArea(spec.area, await loadAreaEvents(trx, spec.area))
    // who is on leave now (请假/外出 records): excused from the call-up, never made commander
    const onLeave = await peopleOnLeaveAt(trx, now)
    for (const command of spec.commands) {
      const result = transition(state, command, now.getTime(), { org: deps.org, onLeave })
      if (Result.isFailure(result)) throw modeFailure(result.failure)
      state = result.success.state
      recorded.push(...result.success.events)
    }
    await appendModeEvents(trx, spec.area, recorded, user.id)
    const touched = new Set(recorded.flatMap((e) => (e._tag === 'StandInDesignated' ? [] : [e.activationId])))
    for (const id of touched) {
      const activation = activationOf(state, id)
      if (activation) await saveActivationProjection(trx, activation, user.id, spec.source ?? null)
    }
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: auditActor(user),
      unit: areaUnit(ctx, spec.area),
      action: spec.action,
      subjectType: 'activation',
      subjectId: spec.subjectId,
      after: spec.after ?? { events: recorded.map((e) => e._tag) },
    })
    finalState = state
  })
  const state = finalState as AreaState | null
  if (state !== null) {
    const bus = busOf(deps)
    const publishedAt = preciseNow()
    for (const e of recorded) {
      if (e._tag === 'StandInDesignated') continue
      const roster = activationOf(state, e.activationId)?.roster.map((m) => m.person) ?? []
      const wire = {
        activationId: e.activationId,
        area: spec.area,
        kind: e._tag,
        at: new Date(e.at).toISOString(),
        text: describeEvent(ctx, e),
        publishedAt,
      }
      bus.publish({ ...wire, roster, wire })
    }
  }
  return recorded
}

/** The area a user starts wartime in: their own (director, squad leader, liaising bureau leader) or the one named (brigade). */
const startArea = (ctx: Context, user: User, requested: string | undefined): string => {
  const org = ctx.deps.org
  const own = readAreas(ctx, user)
  if (user.role === 'brigadeLeader' || user.role === 'bureauAdmin') {
    if (requested === undefined || org.squad(requested) === undefined) {
      throw fail('BAD_REQUEST', 'InvalidInput', '请选择要进入战时的辖区', { area: '请选择辖区' })
    }
    return requested
  }
  const area = own[0]
  if (area === undefined) throw forbidden('您的角色不能启动战时状态')
  if (requested !== undefined && requested !== area) {
    throw fail('BAD_REQUEST', 'OutsideArea', '只能在本辖区启动战时状态', { area: '只能选择本辖区' })
  }
  return area
}

export interface StartInput {
  area?: string | undefined
  dutyCode: string
  reason: string
  place: string
  expectedMinutes: number
  peopleNeeded: number
  intakeId?: string | undefined
}

export const startActivation = async (
  ctx: Context,
  user: User,
  input: StartInput,
): Promise<{ id: string }> => {
  const person = personOf(user)
  const area = startArea(ctx, user, input.area)
  let source: { type: string; id: string } | null = null
  if (input.intakeId !== undefined) {
    // The triggering case must be one the initiator may read, in the same area.
    const intake = await findIntakeInScope(ctx.deps.db, intakeScope(actorOf(user)), input.intakeId)
    if (intake === null || intake.areaCode !== area) throw notFound('申请')
    source = { type: 'intake', id: intake.id }
  }
  const id = newId()
  await run(ctx, user, {
    area,
    commands: [
      {
        _tag: 'Start',
        activationId: id,
        by: person,
        duty: input.dutyCode,
        reason: input.reason,
        place: input.place,
        expectedMinutes: input.expectedMinutes,
        peopleNeeded: input.peopleNeeded,
      },
    ],
    action: 'activation.start',
    subjectId: id,
    source,
    after: { area, duty: input.dutyCode, reason: input.reason, place: input.place, source },
  })
  return { id }
}

/** Runs a command on an activation the user may read; another area's activation is NOT_FOUND. */
const onActivation = async (
  ctx: Context,
  user: User,
  id: string,
  action: string,
  build: (person: string, now: number) => ReadonlyArray<ModeCommand>,
  after?: unknown,
): Promise<{ ok: true }> => {
  const ref = await readable(ctx, user, id)
  const person = personOf(user)
  await run(ctx, user, {
    area: ref.area,
    commands: build(person, ctx.deps.clock().getTime()),
    action,
    subjectId: id,
    after,
  })
  return { ok: true }
}

const personOfUserId = async (ctx: Context, userId: string, field: string): Promise<string> => {
  const target = await findUser(ctx.deps.db, userId)
  if (target === null || target.disabled || target.personCode === null) {
    throw fail('BAD_REQUEST', 'InvalidInput', '所选人员不存在', { [field]: '所选人员不存在' })
  }
  return target.personCode
}

export const acknowledge = (ctx: Context, user: User, input: { id: string; etaMinutes: number }) =>
  onActivation(ctx, user, input.id, 'activation.acknowledge', (by, now) => [
    { _tag: 'Acknowledge', activationId: input.id, by, eta: now + input.etaMinutes * 60_000 },
  ])

export const decline = (
  ctx: Context,
  user: User,
  input: { id: string; reason: keyof typeof DECLINE_REASON_LABELS; note: string },
) =>
  onActivation(ctx, user, input.id, 'activation.decline', (by) => [
    { _tag: 'Decline', activationId: input.id, by, reason: input.reason, note: input.note },
  ])

export const ruleDecline = async (
  ctx: Context,
  user: User,
  input: { id: string; userId: string; ruling: 'accept' | 'refusal' },
) => {
  await readable(ctx, user, input.id)
  const person = await personOfUserId(ctx, input.userId, 'userId')
  return onActivation(ctx, user, input.id, 'activation.ruleDecline', (by) => [
    { _tag: 'RuleDecline', activationId: input.id, by, person, ruling: input.ruling },
  ])
}

export const borrow = async (ctx: Context, user: User, input: { id: string; userId: string }) => {
  await readable(ctx, user, input.id)
  const person = await personOfUserId(ctx, input.userId, 'userId')
  return onActivation(
    ctx,
    user,
    input.id,
    'activation.borrow',
    (by) => [{ _tag: 'Borrow', activationId: input.id, by, person }],
    { person },
  )
}

export const assign = async (
  ctx: Context,
  user: User,
  input: {
    id: string
    userId: string
    title: string
    dutyCode?: string | undefined
    dueMinutes?: number | undefined
  },
): Promise<{ taskId: string }> => {
  await readable(ctx, user, input.id)
  const person = await personOfUserId(ctx, input.userId, 'userId')
  const taskId = newId()
  await onActivation(
    ctx,
    user,
    input.id,
    'activation.assign',
    (by, now) => [
      {
        _tag: 'Assign',
        activationId: input.id,
        by,
        taskId,
        person,
        title: input.title,
        duty: input.dutyCode ?? null,
        dueAt: input.dueMinutes === undefined ? null : now + input.dueMinutes * 60_000,
      },
    ],
    { taskId, person, title: input.title },
  )
  return { taskId }
}

export const report = (
  ctx: Context,
  user: User,
  input: { id: string; taskId: string; note: string },
  done: boolean,
) =>
  onActivation(
    ctx,
    user,
    input.id,
    done ? 'activation.reportDone' : 'activation.reportProgress',
    (by) => [
      {
        _tag: done ? 'ReportDone' : 'ReportProgress',
        activationId: input.id,
        by,
        taskId: input.taskId,
        note: input.note,
      },
    ],
    { taskId: input.taskId, note: input.note },
  )

export const escalate = (
  ctx: Context,
  user: User,
  input: { id: string; to: 'liaison' | 'partyGroup'; question: string; deadlineHours: number },
) =>
  onActivation(ctx, user, input.id, 'activation.escalate', (by, now) => [
    {
      _tag: 'Escalate',
      activationId: input.id,
      by,
      escalationId: newId(),
      to: input.to,
      question: input.question,
      decisionDeadline: now + input.deadlineHours * 3_600_000,
    },
  ])

/** The liaison's or the party group's decision on an escalation (四.1 提报 → 决策). */
export const decideEscalation = (
  ctx: Context,
  user: User,
  input: { id: string; escalationId: string; decision: string },
) =>
  onActivation(
    ctx,
    user,
    input.id,
    'activation.decideEscalation',
    (by) => [
      {
        _tag: 'DecideEscalation',
        activationId: input.id,
        by,
        escalationId: input.escalationId,
        decision: input.decision,
      },
    ],
    { escalationId: input.escalationId, decision: input.decision },
  )

/** Stand-down with its summary, recorded together (policy 三.2: the episode ends with a 收队 and a summary). */
export const standDown = (ctx: Context, user: User, input: { id: string; summary: string }) =>
  onActivation(
    ctx,
    user,
    input.id,
    'activation.standDown',
    (by) => [
      { _tag: 'StandDown', activationId: input.id, by },
      { _tag: 'SubmitSummary', activationId: input.id, by, summary: input.summary },
    ],
    { summary: input.summary },
  )

export const review = (ctx: Context, user: User, input: { id: string; findings: string }) =>
  onActivation(ctx, user, input.id, 'activation.review', (by) => [
    { _tag: 'Review', activationId: input.id, by, findings: input.findings },
  ])

export const designateStandIn = async (
  ctx: Context,
  user: User,
  input: { area: string; userId?: string | undefined },
): Promise<{ ok: true }> => {
  if (ctx.deps.org.squad(input.area) === undefined) {
    throw fail('BAD_REQUEST', 'InvalidInput', '辖区不存在', { area: '辖区不存在' })
  }
  const by = personOf(user)
  const person = input.userId === undefined ? null : await personOfUserId(ctx, input.userId, 'userId')
  await run(ctx, user, {
    area: input.area,
    commands: [{ _tag: 'DesignateStandIn', by, person }],
    action: 'activation.designateStandIn',
    subjectId: input.area,
    after: { person },
  })
  return { ok: true }
}

// ---------------------------------------------------------------- reads

export interface RosterView {
  readonly personCode: string
  readonly userId: string | null
  readonly name: string
  readonly side: 'squad' | 'office' | 'other'
  readonly sideLabel: string
  readonly borrowed: boolean
  readonly response: keyof typeof RESPONSE_LABELS
  readonly responseLabel: string
  readonly respondedAt: string | null
  readonly eta: string | null
  readonly declineReason: string | null
  readonly note: string | null
  readonly outcomeLabel: string | null
  /** this person's unfinished tasks in other open activations (competing assignments) */
  readonly conflicts: ReadonlyArray<{ activationId: string; areaName: string; title: string }>
}

export interface TaskView {
  readonly taskId: string
  readonly userId: string | null
  readonly personCode: string
  readonly personName: string
  readonly title: string
  readonly dutyCode: string
  readonly dutyLabel: string
  readonly assignedAt: string
  readonly assignedByName: string
  readonly dueAt: string | null
  readonly progress: ReadonlyArray<{ at: string; byName: string; note: string }>
  readonly done: { at: string; byName: string; note: string } | null
}

export interface ActivationView {
  readonly id: string
  readonly area: string
  readonly areaName: string
  readonly dutyCode: string
  readonly dutyLabel: string
  readonly dutyText: string
  readonly reason: string
  readonly place: string
  readonly expectedMinutes: number
  readonly peopleNeeded: number
  readonly stage: Activation['stage']
  readonly stageLabel: string
  readonly open: boolean
  readonly startedAt: string
  readonly startedByName: string
  readonly commander: { personCode: string; name: string; userId: string | null }
  readonly commanderBasisLabel: string
  readonly roster: ReadonlyArray<RosterView>
  readonly tasks: ReadonlyArray<TaskView>
  readonly escalations: ReadonlyArray<{
    escalationId: string
    at: string
    byName: string
    toLabel: string
    question: string
    deadline: string
    decision: { at: string; byName: string; text: string } | null
    /** whether the caller records the decision: the liaison it went to, or a bureau leader for the party group */
    mayDecide: boolean
  }>
  readonly timeline: ReadonlyArray<{ at: string; kind: string; text: string }>
  readonly stoodDown: { at: string; byName: string } | null
  readonly summary: { at: string; byName: string; text: string } | null
  readonly review: { at: string; byName: string; findings: string } | null
  readonly facts: CooperationFacts
  readonly linkedCase: { type: 'intake'; id: string; receiptNo: string | null } | null
  readonly me: {
    readonly onRoster: boolean
    readonly response: RosterView['response'] | null
    readonly isCommander: boolean
    readonly mayCommand: boolean
    readonly mayReview: boolean
  }
}

const iso = (ms: number): string => new Date(ms).toISOString()

const buildView = async (
  ctx: Context,
  user: User,
  activation: Activation,
  areaEvents: ReadonlyArray<ModeEvent>,
  states: ReadonlyArray<AreaState>,
  source: { type: string | null; id: string | null },
): Promise<ActivationView> => {
  const { org, db } = ctx.deps
  const n = (p: string) => nameOf(ctx, p)
  const people = [activation.commander, ...activation.roster.map((m) => m.person)]
  const accounts = await usersByPersonCodes(db, people)
  const facts = cooperationFacts(areaEvents, activation.id, { asOf: ctx.deps.clock().getTime() })
  if (facts === null) throw notFound('战时行动')
  const own = areaEvents.filter((e) => e._tag !== 'StandInDesignated' && e.activationId === activation.id)
  const duty = dutyOf(activation.catalogVersion, activation.duty)
  let linkedCase: ActivationView['linkedCase'] = null
  if (source.type === 'intake' && source.id) {
    const row = await db
      .selectFrom('intakes')
      .select('receipt_no')
      .where('id', '=', source.id)
      .executeTakeFirst()
    linkedCase = { type: 'intake', id: source.id, receiptNo: row?.receipt_no ?? null }
  }
  const me = user.personCode
  const myMember = activation.roster.find((m) => m.person === me)
  const kind = me ? org.positionOf(me)?.kind : undefined
  return {
    id: activation.id,
    area: activation.area,
    areaName: squadName(org, activation.area),
    dutyCode: activation.duty,
    dutyLabel: dutyLabel(activation.catalogVersion, activation.duty),
    dutyText: duty?.text ?? '',
    reason: activation.reason,
    place: activation.place,
    expectedMinutes: activation.expectedMinutes,
    peopleNeeded: activation.peopleNeeded,
    stage: activation.stage,
    stageLabel: ACTIVATION_STAGE_LABELS[activation.stage],
    open: isOpen(activation),
    startedAt: iso(activation.startedAt),
    startedByName: n(activation.startedBy),
    commander: {
      personCode: activation.commander,
      name: n(activation.commander),
      userId: accounts.get(activation.commander)?.id ?? null,
    },
    commanderBasisLabel: BASIS_LABELS[activation.commanderBasis],
    roster: activation.roster.map((m): RosterView => {
      const r = m.response
      return {
        personCode: m.person,
        userId: accounts.get(m.person)?.id ?? null,
        name: n(m.person),
        side: m.side,
        sideLabel: SIDE_LABELS[m.side],
        borrowed: m.borrowed,
        response: r.kind,
        responseLabel: RESPONSE_LABELS[r.kind],
        respondedAt: r.kind === 'pending' ? null : iso(r.at),
        eta: r.kind === 'acknowledged' ? iso(r.eta) : null,
        declineReason:
          r.kind === 'pending' || r.kind === 'acknowledged' ? null : DECLINE_REASON_LABELS[r.reason],
        note: r.kind === 'pending' || r.kind === 'acknowledged' ? null : r.note,
        outcomeLabel: activation.outcomes?.[m.person]
          ? ROSTER_OUTCOME_LABELS[activation.outcomes[m.person] ?? 'noResponse']
          : null,
        conflicts: openAssignmentsOf(states, m.person)
          .filter((a) => a.activationId !== activation.id)
          .map((a) => ({ activationId: a.activationId, areaName: squadName(org, a.area), title: a.title })),
      }
    }),
    tasks: activation.tasks.map(
      (t): TaskView => ({
        taskId: t.taskId,
        userId: accounts.get(t.person)?.id ?? null,
        personCode: t.person,
        personName: n(t.person),
        title: t.title,
        dutyCode: t.duty,
        dutyLabel: dutyLabel(activation.catalogVersion, t.duty),
        assignedAt: iso(t.assignedAt),
        assignedByName: n(t.assignedBy),
        dueAt: t.dueAt === null ? null : iso(t.dueAt),
        progress: t.progress.map((p) => ({ at: iso(p.at), byName: n(p.by), note: p.note })),
        done: t.done ? { at: iso(t.done.at), byName: n(t.done.by), note: t.done.note } : null,
      }),
    ),
    escalations: activation.escalations.map((e) => ({
      escalationId: e.escalationId,
      at: iso(e.at),
      byName: n(e.by),
      toLabel: e.to === 'liaison' ? `联系局领导${e.recipient ? `（${n(e.recipient)}）` : ''}` : '局党组',
      question: e.question,
      deadline: iso(e.decisionDeadline),
      decision: e.decision
        ? { at: iso(e.decision.at), byName: n(e.decision.by), text: e.decision.text }
        : null,
      mayDecide:
        e.decision === null &&
        activation.stage !== 'closed' &&
        (e.to === 'liaison' ? me === e.recipient : kind === 'bureauLeader'),
    })),
    timeline: own.map((e) => ({ at: iso(e.at), kind: e._tag, text: describeEvent(ctx, e) })),
    stoodDown: activation.stoodDown
      ? { at: iso(activation.stoodDown.at), byName: n(activation.stoodDown.by) }
      : null,
    summary: activation.summary
      ? { at: iso(activation.summary.at), byName: n(activation.summary.by), text: activation.summary.text }
      : null,
    review: activation.review
      ? {
          at: iso(activation.review.at),
          byName: n(activation.review.by),
          findings: activation.review.findings,
        }
      : null,
    facts,
    linkedCase,
    me: {
      onRoster: myMember !== undefined,
      response: myMember?.response.kind ?? null,
      isCommander: me === activation.commander,
      mayCommand: me === activation.commander || kind === 'brigadeLeader',
      mayReview: kind === 'brigadeLeader' || kind === 'bureauLeader',
    },
  }
}

const statesOf = (all: ReadonlyMap<string, ReadonlyArray<ModeEvent>>): ReadonlyArray<AreaState> =>
  [...all.entries()].map(([area, events]) => replayArea(area, events))

export const getActivation = async (ctx: Context, user: User, id: string): Promise<ActivationView> => {
  const ref = await readable(ctx, user, id)
  const all = await loadAllEvents(ctx.deps.db)
  const events = all.get(ref.area) ?? []
  const activation = activationOf(replayArea(ref.area, events), id)
  if (activation === undefined) throw notFound('战时行动')
  return buildView(ctx, user, activation, events, statesOf(all), { type: ref.sourceType, id: ref.sourceId })
}

/** The open activations whose roster holds the caller (the phone's banner and task list). */
export const myActivations = async (ctx: Context, user: User): Promise<ReadonlyArray<ActivationView>> => {
  if (user.personCode === null) return []
  const refs = await activationIdsOfPerson(ctx.deps.db, user.personCode, true)
  if (refs.length === 0) return []
  const all = await loadAllEvents(ctx.deps.db)
  const states = statesOf(all)
  const out: ActivationView[] = []
  for (const ref of refs) {
    const full = await findActivationRef(ctx.deps.db, ref.id)
    const events = all.get(ref.area) ?? []
    const activation = activationOf(replayArea(ref.area, events), ref.id)
    if (activation && full) {
      out.push(
        await buildView(ctx, user, activation, events, states, { type: full.sourceType, id: full.sourceId }),
      )
    }
  }
  return out
}

export interface AreaOverview {
  readonly area: string
  readonly areaName: string
  readonly mode: 'peacetime' | 'wartime'
  readonly modeLabel: string
  readonly activations: ReadonlyArray<{
    readonly id: string
    readonly dutyLabel: string
    readonly reason: string
    readonly place: string
    readonly stage: Activation['stage']
    readonly stageLabel: string
    readonly startedAt: string
    readonly commanderName: string
    readonly rosterSize: number
    readonly acknowledged: number
    readonly pending: number
    readonly firstAcknowledgementMs: number | null
    readonly fullAcknowledgementMs: number | null
    readonly shareAcknowledgedWithinWindow: number
  }>
}

/** The county at a glance (policy 三.2 平时/战时 per area): each area in the caller's view with its open and standing-down activations. */
export const overview = async (ctx: Context, user: User): Promise<ReadonlyArray<AreaOverview>> => {
  const areas = readAreas(ctx, user)
  const all = await loadAllEvents(ctx.deps.db)
  return areas.map((area) => {
    const events = all.get(area) ?? []
    const state = replayArea(area, events)
    const mode = areaModeOf(state)
    return {
      area,
      areaName: squadName(ctx.deps.org, area),
      mode: mode._tag,
      modeLabel: mode._tag === 'wartime' ? '战时' : '平时',
      activations: state.activations
        .filter((a) => a.stage !== 'closed')
        .map((a) => {
          const facts = cooperationFacts(events, a.id)
          return {
            id: a.id,
            dutyLabel: dutyLabel(a.catalogVersion, a.duty),
            reason: a.reason,
            place: a.place,
            stage: a.stage,
            stageLabel: ACTIVATION_STAGE_LABELS[a.stage],
            startedAt: iso(a.startedAt),
            commanderName: nameOf(ctx, a.commander),
            rosterSize: a.roster.length,
            acknowledged: a.roster.filter((m) => m.response.kind === 'acknowledged').length,
            pending: a.roster.filter((m) => m.response.kind === 'pending').length,
            firstAcknowledgementMs: facts?.firstAcknowledgementMs ?? null,
            fullAcknowledgementMs: facts?.fullAcknowledgementMs ?? null,
            shareAcknowledgedWithinWindow: facts?.shareAcknowledgedWithinWindow ?? 0,
          }
        }),
    }
  })
}

/** The wartime duties a user may start from (三.3): a director the office's, a squad leader the squad's, brigade and bureau leaders both. */
export const startableDuties = (user: User) => {
  const kinds =
    user.role === 'officeDirector'
      ? (['office'] as const)
      : user.role === 'squadLeader'
        ? (['squad'] as const)
        : user.role === 'brigadeLeader' || user.role === 'bureauLeader'
          ? (['office', 'squad'] as const)
          : ([] as const)
  return kinds.flatMap((kind) =>
    (catalogOf(CURRENT_CATALOG_VERSION, kind, 'wartime')?.duties ?? [])
      .filter((d) => d.parent === null)
      .map((d) => ({ code: d.code, label: dutyLabel(CURRENT_CATALOG_VERSION, d.code), text: d.text })),
  )
}

/**
 * The case that triggered an activation, read across the office/squad line (policy 三.2 战时融合): while
 * the activation is open its roster may read it, and each such widened read is audited; after
 * stand-down only the ordinary scope applies (another unit's case is NOT_FOUND again).
 */
export const linkedCase = async (ctx: Context, user: User, id: string): Promise<IntakeItem> => {
  const ref = await readable(ctx, user, id)
  if (ref.sourceType !== 'intake' || ref.sourceId === null) throw notFound('关联案件')
  const intakeId = ref.sourceId
  const ordinary = await findIntakeInScope(ctx.deps.db, intakeScope(actorOf(user)), intakeId)
  if (ordinary !== null) return intakeItem(ctx, ordinary)
  const open = ref.stage === 'mobilising' || ref.stage === 'active'
  if (!open || user.personCode === null || !(await isOnRoster(ctx.deps.db, id, user.personCode))) {
    throw notFound('关联案件')
  }
  const row = await findIntakeInScope(ctx.deps.db, { kind: 'all' }, intakeId)
  if (row === null) throw notFound('关联案件')
  const now = ctx.deps.clock()
  await ctx.deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, ctx.deps.keys, {
      correlationId: ctx.req.correlationId,
      ip: ctx.req.ip,
      at: now,
      actor: auditActor(user),
      unit: areaUnit(ctx, ref.area),
      action: 'activation.widenedRead',
      subjectType: 'intake',
      subjectId: intakeId,
      after: { activationId: id },
    })
  })
  return intakeItem(ctx, row)
}

const intakeItem = (ctx: Context, i: Intake): IntakeItem => ({
  id: i.id,
  receiptNo: i.receiptNo,
  kind: i.kind === 'legalAid' ? 'legalAid' : 'mediation',
  legalAid: null,
  guardian: null,
  receiptLocked: null,
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

/** Whether a signal is for this user: their areas' activations, or one whose roster holds them. */
export const entitledTo = (ctx: Context, user: User): ((s: ActivationSignal) => boolean) => {
  const areas = new Set(readAreas(ctx, user))
  const person = user.personCode
  return (s) =>
    s.recipients !== undefined
      ? s.recipients.includes(user.id)
      : areas.has(s.area) || (person !== null && s.roster.includes(person))
}

export interface HistoryItem {
  readonly id: string
  readonly area: string
  readonly areaName: string
  readonly dutyLabel: string
  readonly reason: string
  readonly place: string
  readonly stage: Activation['stage']
  readonly stageLabel: string
  readonly startedAt: string
  readonly startedByName: string
  readonly commanderName: string
  readonly stoodDownAt: string | null
  readonly summary: string | null
  readonly findings: string | null
  readonly facts: CooperationFacts
}

/**
 * The activations that ended (stood down or reviewed) in the caller's areas, newest first, each with its
 * cooperation facts (四.3 融合联动 assessment reads them). Keyset on the start time.
 */
export const history = async (
  ctx: Context,
  user: User,
  input: { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ReadonlyArray<HistoryItem>; nextCursor: string | null }> => {
  const limit = input.limit ?? 20
  const decoded = input.cursor === undefined ? null : decodeCursor(input.cursor, 2)
  if (input.cursor !== undefined && decoded === null) {
    throw fail('BAD_REQUEST', 'InvalidInput', '分页参数无效', { cursor: '分页参数无效' })
  }
  const refs = await listActivationRefs(ctx.deps.db, {
    areas: readAreas(ctx, user),
    stages: ['standingDown', 'closed'],
    after: decoded === null ? null : [decoded[0] ?? '', decoded[1] ?? ''],
    limit: limit + 1,
  })
  const page = refs.slice(0, limit)
  const logs = new Map<string, ReadonlyArray<ModeEvent>>()
  for (const area of new Set(page.map((r) => r.area))) {
    logs.set(area, await loadAreaEvents(ctx.deps.db, area))
  }
  const asOf = ctx.deps.clock().getTime()
  const items: HistoryItem[] = []
  for (const ref of page) {
    const events = logs.get(ref.area) ?? []
    const a = activationOf(replayArea(ref.area, events), ref.id)
    const facts = cooperationFacts(events, ref.id, { asOf })
    if (a === undefined || facts === null) continue
    items.push({
      id: a.id,
      area: a.area,
      areaName: squadName(ctx.deps.org, a.area),
      dutyLabel: dutyLabel(a.catalogVersion, a.duty),
      reason: a.reason,
      place: a.place,
      stage: a.stage,
      stageLabel: ACTIVATION_STAGE_LABELS[a.stage],
      startedAt: iso(a.startedAt),
      startedByName: nameOf(ctx, a.startedBy),
      commanderName: nameOf(ctx, a.commander),
      stoodDownAt: a.stoodDown ? iso(a.stoodDown.at) : null,
      summary: a.summary?.text ?? null,
      findings: a.review?.findings ?? null,
      facts,
    })
  }
  const last = page.at(-1)
  return { items, nextCursor: refs.length > limit && last ? encodeCursor([last.startedAt, last.id]) : null }
}

export interface PendingDecision {
  readonly activationId: string
  readonly areaName: string
  readonly dutyLabel: string
  readonly escalationId: string
  readonly toLabel: string
  readonly question: string
  readonly byName: string
  readonly at: string
  readonly deadline: string
}

/**
 * Escalations awaiting the caller's decision (四.1 对需要局党组研究决策的问题、事项，第一时间提报): for a
 * bureau leader, those raised to them as liaison and every one raised to the party group.
 */
export const pendingDecisions = async (ctx: Context, user: User): Promise<ReadonlyArray<PendingDecision>> => {
  if (user.role !== 'bureauLeader' || user.personCode === null) return []
  const me = user.personCode
  const areas = new Set(readAreas(ctx, user))
  const all = await loadAllEvents(ctx.deps.db)
  const out: PendingDecision[] = []
  for (const [area, events] of all) {
    for (const a of replayArea(area, events).activations) {
      if (a.stage === 'closed') continue
      for (const e of a.escalations) {
        if (e.decision !== null) continue
        const mine = e.to === 'partyGroup' || (areas.has(area) && e.recipient === me)
        if (!mine) continue
        out.push({
          activationId: a.id,
          areaName: squadName(ctx.deps.org, area),
          dutyLabel: dutyLabel(a.catalogVersion, a.duty),
          escalationId: e.escalationId,
          toLabel: e.to === 'liaison' ? '联系局领导' : '局党组',
          question: e.question,
          byName: nameOf(ctx, e.by),
          at: iso(e.at),
          deadline: iso(e.decisionDeadline),
        })
      }
    }
  }
  return out.sort((x, y) => x.deadline.localeCompare(y.deadline))
}
