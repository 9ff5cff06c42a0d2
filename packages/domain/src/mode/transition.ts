import { Result } from 'effect'
import { CURRENT_CATALOG_VERSION, catalogOf, dutiesOf } from '../duty/catalog.ts'
import type { UnitKind } from '../duty/duty.ts'
import { DutyNotInCatalogue } from '../duty/duty-errors.ts'
import type { Org } from '../org/org.ts'
import type { Position } from '../org/org-config.ts'
import {
  type Activation,
  type ActivationStage,
  activationFromStart,
  evolveActivation,
  type RosterMember,
} from './activation.ts'
import type {
  Acknowledge,
  Assign,
  Borrow,
  DecideEscalation,
  Decline,
  DesignateStandIn,
  Escalate,
  ModeCommand,
  ReportDone,
  ReportProgress,
  Review,
  RuleDecline,
  StandDown,
  Start,
  SubmitSummary,
} from './activation-commands.ts'
import type { ModeEvent, RosterSide } from './activation-events.ts'
import { type AreaState, activationOf, commanderFor, initialAreaState } from './area-mode.ts'
import {
  ActivationClosed,
  ActivationExists,
  AlreadyOnRoster,
  AlreadyResponded,
  DeclinesAwaitingRuling,
  DutyNotInWartimeCatalogue,
  EscalationAlreadyDecided,
  EscalationExists,
  InvalidInput,
  type ModeError,
  NoCommander,
  NoDeclineToRule,
  NotAllowedToStart,
  NotAssignee,
  NotBrigadeLeader,
  NotCommander,
  NotDecider,
  NotOnRoster,
  NotReviewer,
  OutsideArea,
  PersonUnavailable,
  RefusalNotAllowed,
  SummaryAlreadySubmitted,
  SummaryMissing,
  TaskAlreadyDone,
  TaskExists,
  UnknownActivation,
  UnknownArea,
  UnknownEscalation,
  UnknownPerson,
  UnknownTask,
  WrongStage,
} from './mode-errors.ts'

/** What a command is checked against besides the area's state: the organisation and who is away. */
export interface ModeContext {
  readonly org: Org
  /** people on leave at the command's time (from leave records); they are excused, and never made commander */
  readonly onLeave: ReadonlyArray<string>
  /** the duty catalogue version new activations are filed under; the current one by default */
  readonly catalogVersion?: string
}

/** A successful transition: the new state and the events to append to the area's log. */
export interface Transitioned {
  readonly state: AreaState
  readonly events: ReadonlyArray<ModeEvent>
}

type Decision = Result.Result<ReadonlyArray<ModeEvent>, ModeError>

const ok = Result.succeed(undefined)
const check = (holds: boolean, error: () => ModeError): Result.Result<void, ModeError> =>
  holds ? ok : Result.fail(error())

const filled = (field: string, value: string, what: string) =>
  check(value.trim().length > 0, () => new InvalidInput({ field, problem: `${what}不能为空` }))

const sideOf = (position: Position): RosterSide => {
  switch (position.kind) {
    case 'squadLeader':
    case 'squadMember':
      return 'squad'
    case 'officeDirector':
      return 'office'
    default:
      return 'other'
  }
}

const isBrigadeLeader = (org: Org, person: string): boolean =>
  org.positionOf(person)?.kind === 'brigadeLeader'

const openActivation = (
  state: AreaState,
  activationId: string,
  action: string,
  stages: ReadonlyArray<ActivationStage> = ['mobilising', 'active'],
): Result.Result<Activation, ModeError> => {
  const activation = activationOf(state, activationId)
  if (activation === undefined) return Result.fail(new UnknownActivation({ activationId }))
  if (activation.stage === 'closed') return Result.fail(new ActivationClosed({ activationId }))
  if (!stages.includes(activation.stage)) {
    return Result.fail(new WrongStage({ activationId, stage: activation.stage, action }))
  }
  return Result.succeed(activation)
}

const memberOf = (activation: Activation, person: string): Result.Result<RosterMember, ModeError> => {
  const member = activation.roster.find((m) => m.person === person)
  return member
    ? Result.succeed(member)
    : Result.fail(new NotOnRoster({ activationId: activation.id, person }))
}

const stillAnswerable = (activation: Activation, member: RosterMember): Result.Result<void, ModeError> => {
  const kind = member.response.kind
  return kind === 'declinedAccepted' || kind === 'refused'
    ? Result.fail(
        new AlreadyResponded({ activationId: activation.id, person: member.person, response: kind }),
      )
    : ok
}

const commanding = (activation: Activation, by: string, action: string) =>
  check(by === activation.commander, () => new NotCommander({ person: by, action, brigadeMayToo: false }))

const commandingOrBrigade = (org: Org, activation: Activation, by: string, action: string) =>
  check(
    by === activation.commander || isBrigadeLeader(org, by),
    () => new NotCommander({ person: by, action, brigadeMayToo: true }),
  )

const wartimeItems = (version: string, kinds: ReadonlyArray<UnitKind>): ReadonlyArray<string> =>
  kinds.flatMap(
    (kind) =>
      catalogOf(version, kind, 'wartime')
        ?.duties.filter((d) => d.parent === null)
        .map((d) => d.code) ?? [],
  )

// Whose wartime catalogue an initiator chooses from (三.3): a director the office's, a squad leader the
// squad's, the brigade leader and bureau leaders either.
const startCatalogues = (
  org: Org,
  area: string,
  by: string,
): Result.Result<ReadonlyArray<UnitKind>, ModeError> => {
  const position = org.positionOf(by)
  if (position === undefined) return Result.fail(new UnknownPerson({ person: by }))
  switch (position.kind) {
    case 'officeDirector':
      return org.office(position.office) !== undefined && org.areaOfOffice(position.office) === area
        ? Result.succeed(['office'])
        : Result.fail(new OutsideArea({ person: by, area }))
    case 'squadLeader':
      return position.squad === area
        ? Result.succeed(['squad'])
        : Result.fail(new OutsideArea({ person: by, area }))
    case 'brigadeLeader':
    case 'bureauLeader':
      return Result.succeed(['office', 'squad'])
    default:
      return Result.fail(new NotAllowedToStart({ person: by }))
  }
}

const start = (state: AreaState, c: Start, now: number, context: ModeContext): Decision =>
  Result.gen(function* () {
    const { org } = context
    yield* check(
      activationOf(state, c.activationId) === undefined,
      () => new ActivationExists({ activationId: c.activationId }),
    )
    yield* check(org.squad(state.area) !== undefined, () => new UnknownArea({ area: state.area }))
    const kinds = yield* startCatalogues(org, state.area, c.by)
    const version = context.catalogVersion ?? CURRENT_CATALOG_VERSION
    const allowed = wartimeItems(version, kinds)
    yield* check(allowed.includes(c.duty), () => new DutyNotInWartimeCatalogue({ duty: c.duty, allowed }))
    yield* filled('reason', c.reason, '启动事由')
    yield* filled('place', c.place, '地点')
    yield* check(
      Number.isFinite(c.expectedMinutes) && c.expectedMinutes > 0,
      () => new InvalidInput({ field: 'expectedMinutes', problem: '预计时长必须大于零' }),
    )
    yield* check(
      Number.isInteger(c.peopleNeeded) && c.peopleNeeded > 0,
      () => new InvalidInput({ field: 'peopleNeeded', problem: '所需人数必须是正整数' }),
    )
    const command = commanderFor(state, org, context.onLeave)
    if (command === null) return yield* Result.fail(new NoCommander({ area: state.area }))
    const roster = org.assigneesOf(state.area).map((p) => ({ person: p.code, side: sideOf(p.position) }))
    const away = new Set(context.onLeave)
    return [
      {
        _tag: 'ActivationStarted',
        activationId: c.activationId,
        area: state.area,
        at: now,
        by: c.by,
        duty: c.duty,
        catalogVersion: version,
        reason: c.reason,
        place: c.place,
        expectedMinutes: c.expectedMinutes,
        peopleNeeded: c.peopleNeeded,
        commander: command.commander,
        commanderBasis: command.basis,
        roster,
        onLeave: roster.filter((m) => away.has(m.person)).map((m) => m.person),
      },
    ]
  })

const designateStandIn = (
  state: AreaState,
  c: DesignateStandIn,
  now: number,
  { org }: ModeContext,
): Decision =>
  Result.gen(function* () {
    yield* check(
      isBrigadeLeader(org, c.by),
      () => new NotBrigadeLeader({ person: c.by, action: '指定代理指挥' }),
    )
    if (c.person !== null) {
      const person = c.person
      yield* check(org.person(person) !== undefined, () => new UnknownPerson({ person }))
      yield* check(
        org.assigneesOf(state.area).some((p) => p.code === person),
        () => new OutsideArea({ person, area: state.area }),
      )
      yield* check(
        org.leaderOf(state.area)?.code !== person,
        () => new InvalidInput({ field: 'person', problem: '中队长本人就是指挥人员，无需指定为代理' }),
      )
    }
    return [{ _tag: 'StandInDesignated', area: state.area, at: now, by: c.by, person: c.person }]
  })

const acknowledge = (state: AreaState, c: Acknowledge, now: number): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '响应')
    const member = yield* memberOf(activation, c.by)
    yield* stillAnswerable(activation, member)
    yield* check(
      Number.isFinite(c.eta) && c.eta >= now,
      () => new InvalidInput({ field: 'eta', problem: '预计到达时间不能早于现在' }),
    )
    return [
      { _tag: 'Acknowledged', activationId: activation.id, at: now, by: c.by, person: c.by, eta: c.eta },
    ]
  })

const decline = (state: AreaState, c: Decline, now: number): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '请辞')
    const member = yield* memberOf(activation, c.by)
    yield* stillAnswerable(activation, member)
    if (c.reason === 'other') yield* filled('note', c.note, '请辞理由')
    const base = {
      activationId: activation.id,
      at: now,
      by: c.by,
      person: c.by,
      reason: c.reason,
      note: c.note,
    }
    // 不得以业务分工互相推诿 (三.2): "not our work" is recorded as a refusal at once, never as a decline.
    return c.reason === 'divisionOfLabour'
      ? [{ _tag: 'RefusalRecorded', ...base, basis: 'divisionOfLabour' }]
      : [{ _tag: 'DeclineRecorded', ...base }]
  })

const ruleDecline = (state: AreaState, c: RuleDecline, now: number, { org }: ModeContext): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '处理请辞')
    yield* commandingOrBrigade(org, activation, c.by, '处理请辞')
    const member = yield* memberOf(activation, c.person)
    const response = member.response
    const ids = { activationId: activation.id, person: c.person }
    if (response.kind === 'refused') {
      return yield* Result.fail(
        c.ruling === 'accept'
          ? new RefusalNotAllowed(ids)
          : new AlreadyResponded({ ...ids, response: 'refused' }),
      )
    }
    if (response.kind !== 'declined') return yield* Result.fail(new NoDeclineToRule(ids))
    const base = { ...ids, at: now, by: c.by }
    return c.ruling === 'accept'
      ? [{ _tag: 'DeclineAccepted', ...base }]
      : [
          {
            _tag: 'RefusalRecorded',
            ...base,
            reason: response.reason,
            note: response.note,
            basis: 'declineRejected',
          },
        ]
  })

const borrow = (state: AreaState, c: Borrow, now: number, { org }: ModeContext): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '抽调人员')
    yield* check(
      isBrigadeLeader(org, c.by),
      () => new NotBrigadeLeader({ person: c.by, action: '跨辖区抽调人员' }),
    )
    const position = org.positionOf(c.person)
    if (position === undefined) return yield* Result.fail(new UnknownPerson({ person: c.person }))
    yield* check(
      !activation.roster.some((m) => m.person === c.person),
      () => new AlreadyOnRoster({ activationId: activation.id, person: c.person }),
    )
    return [
      {
        _tag: 'PersonBorrowed',
        activationId: activation.id,
        at: now,
        by: c.by,
        person: c.person,
        side: sideOf(position),
        fromArea: org.areaOfPosition(position),
      },
    ]
  })

const assign = (state: AreaState, c: Assign, now: number): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '分派任务')
    yield* commanding(activation, c.by, '分派任务')
    yield* check(
      !activation.tasks.some((t) => t.taskId === c.taskId),
      () => new TaskExists({ taskId: c.taskId }),
    )
    const member = yield* memberOf(activation, c.person)
    yield* check(
      member.response.kind !== 'declinedAccepted' && member.response.kind !== 'refused',
      () => new PersonUnavailable({ activationId: activation.id, person: c.person }),
    )
    yield* filled('title', c.title, '任务内容')
    const duty = c.duty ?? activation.duty
    const version = activation.catalogVersion
    yield* check(
      dutiesOf(version).some((d) => d.code === duty),
      () => new DutyNotInCatalogue({ version, code: duty }),
    )
    yield* check(
      c.dueAt === null || Number.isFinite(c.dueAt),
      () => new InvalidInput({ field: 'dueAt', problem: '完成时限无效' }),
    )
    return [
      {
        _tag: 'TaskAssigned',
        activationId: activation.id,
        at: now,
        by: c.by,
        taskId: c.taskId,
        person: c.person,
        title: c.title,
        duty,
        dueAt: c.dueAt,
      },
    ]
  })

const report = (state: AreaState, c: ReportProgress | ReportDone, now: number): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '报告任务进展')
    const task = activation.tasks.find((t) => t.taskId === c.taskId)
    if (task === undefined) return yield* Result.fail(new UnknownTask({ taskId: c.taskId }))
    const commanderMay = c._tag === 'ReportDone' && c.by === activation.commander
    yield* check(
      c.by === task.person || commanderMay,
      () => new NotAssignee({ taskId: c.taskId, person: c.by }),
    )
    yield* check(task.done === null, () => new TaskAlreadyDone({ taskId: c.taskId }))
    const base = { activationId: activation.id, at: now, by: c.by, taskId: c.taskId, note: c.note }
    if (c._tag === 'ReportDone') return [{ _tag: 'TaskDone', ...base }]
    yield* filled('note', c.note, '进展情况')
    return [{ _tag: 'ProgressReported', ...base }]
  })

const escalate = (state: AreaState, c: Escalate, now: number, { org }: ModeContext): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '提报')
    yield* commandingOrBrigade(org, activation, c.by, '提报局领导或局党组')
    yield* check(
      !activation.escalations.some((e) => e.escalationId === c.escalationId),
      () => new EscalationExists({ escalationId: c.escalationId }),
    )
    yield* filled('question', c.question, '提报事项')
    yield* check(
      Number.isFinite(c.decisionDeadline) && c.decisionDeadline > now,
      () => new InvalidInput({ field: 'decisionDeadline', problem: '决策时限必须晚于现在' }),
    )
    return [
      {
        _tag: 'Escalated',
        activationId: activation.id,
        at: now,
        by: c.by,
        escalationId: c.escalationId,
        to: c.to,
        recipient: c.to === 'liaison' ? (org.liaisonOf(activation.area)?.code ?? null) : null,
        question: c.question,
        decisionDeadline: c.decisionDeadline,
      },
    ]
  })

// 四.1: questions needing the party group's decision are raised at once; the decision closes the loop.
// The liaising bureau leader decides what was raised to them; any bureau leader records the party group's.
const decideEscalation = (
  state: AreaState,
  c: DecideEscalation,
  now: number,
  { org }: ModeContext,
): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '登记提报决策', [
      'mobilising',
      'active',
      'standingDown',
    ])
    const escalation = activation.escalations.find((e) => e.escalationId === c.escalationId)
    if (escalation === undefined) {
      return yield* Result.fail(new UnknownEscalation({ escalationId: c.escalationId }))
    }
    const mayDecide =
      escalation.to === 'liaison'
        ? c.by === escalation.recipient
        : org.positionOf(c.by)?.kind === 'bureauLeader'
    yield* check(mayDecide, () => new NotDecider({ person: c.by, to: escalation.to }))
    yield* check(
      escalation.decision === null,
      () => new EscalationAlreadyDecided({ escalationId: c.escalationId }),
    )
    yield* filled('decision', c.decision, '决策意见')
    return [
      {
        _tag: 'EscalationDecided',
        activationId: activation.id,
        at: now,
        by: c.by,
        escalationId: c.escalationId,
        decision: c.decision,
      },
    ]
  })

const standDown = (state: AreaState, c: StandDown, now: number, { org }: ModeContext): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '收队')
    yield* commandingOrBrigade(org, activation, c.by, '收队')
    const awaiting = activation.roster.filter((m) => m.response.kind === 'declined').map((m) => m.person)
    yield* check(
      awaiting.length === 0,
      () => new DeclinesAwaitingRuling({ activationId: activation.id, people: awaiting }),
    )
    return [{ _tag: 'StoodDown', activationId: activation.id, at: now, by: c.by }]
  })

const submitSummary = (state: AreaState, c: SubmitSummary, now: number, { org }: ModeContext): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '提交收队总结', ['standingDown'])
    yield* commandingOrBrigade(org, activation, c.by, '提交收队总结')
    yield* check(
      activation.summary === null,
      () => new SummaryAlreadySubmitted({ activationId: c.activationId }),
    )
    yield* filled('summary', c.summary, '收队总结')
    return [{ _tag: 'SummarySubmitted', activationId: activation.id, at: now, by: c.by, summary: c.summary }]
  })

const review = (state: AreaState, c: Review, now: number, { org }: ModeContext): Decision =>
  Result.gen(function* () {
    const activation = yield* openActivation(state, c.activationId, '复盘', ['standingDown'])
    const kind = org.positionOf(c.by)?.kind
    yield* check(kind === 'brigadeLeader' || kind === 'bureauLeader', () => new NotReviewer({ person: c.by }))
    yield* check(activation.summary !== null, () => new SummaryMissing({ activationId: c.activationId }))
    yield* filled('findings', c.findings, '复盘意见')
    return [{ _tag: 'Reviewed', activationId: activation.id, at: now, by: c.by, findings: c.findings }]
  })

const decide = (state: AreaState, command: ModeCommand, now: number, context: ModeContext): Decision => {
  switch (command._tag) {
    case 'Start':
      return start(state, command, now, context)
    case 'DesignateStandIn':
      return designateStandIn(state, command, now, context)
    case 'Acknowledge':
      return acknowledge(state, command, now)
    case 'Decline':
      return decline(state, command, now)
    case 'RuleDecline':
      return ruleDecline(state, command, now, context)
    case 'Borrow':
      return borrow(state, command, now, context)
    case 'Assign':
      return assign(state, command, now)
    case 'ReportProgress':
    case 'ReportDone':
      return report(state, command, now)
    case 'Escalate':
      return escalate(state, command, now, context)
    case 'DecideEscalation':
      return decideEscalation(state, command, now, context)
    case 'StandDown':
      return standDown(state, command, now, context)
    case 'SubmitSummary':
      return submitSummary(state, command, now, context)
    case 'Review':
      return review(state, command, now, context)
  }
}

/**
 * Applies one event to the area's state. Events are decided facts, so this never fails; folding an
 * area's log with it (`replayArea`) rebuilds the state `transition` returned (policy 三.2 进入战时 … 收队).
 */
export const evolveArea = (state: AreaState, event: ModeEvent): AreaState => {
  switch (event._tag) {
    case 'StandInDesignated':
      return { ...state, standIn: event.person }
    case 'ActivationStarted':
      return { ...state, activations: [...state.activations, activationFromStart(event)] }
    default:
      return {
        ...state,
        activations: state.activations.map((a) =>
          a.id === event.activationId ? evolveActivation(a, event) : a,
        ),
      }
  }
}

/**
 * Rebuilds an area's state from its event log, oldest first (the API persists events, not state), so
 * the record of every wartime episode (policy 三.2) and of its coordination (四.3) is the log itself.
 */
export const replayArea = (area: string, events: ReadonlyArray<ModeEvent>): AreaState =>
  events.reduce(evolveArea, initialAreaState(area))

/**
 * The wartime rules of policy 三.2 and 四.1 as one pure step: checks `command` against the area's state,
 * the organisation and who is on leave at `now` (epoch ms), and returns the events it causes with the
 * state after them — or the tagged error saying why it is refused. Who may do what:
 * - start: an office director or squad leader of the area, from their own unit's wartime catalogue
 *   (三.3); the brigade leader or a bureau leader, from either (四.1);
 * - acknowledge / decline: each roster member for themselves; declining by division of labour is a
 *   refusal (推诿, 三.2); the commander or brigade leader accepts a decline or rules it a refusal;
 * - assign: the commander, to any roster member, on any duty (squad staff on office work and back);
 * - report progress: the person tasked; report done: they or the commander;
 * - borrow / designate a stand-in: the brigade leader;
 * - escalate (四.1 提报), stand down, submit the summary: the commander or the brigade leader;
 * - decide an escalation: the liaising bureau leader it was raised to; for the party group, a bureau leader;
 * - review: the brigade leader or a bureau leader (四.3).
 */
export const transition = (
  state: AreaState,
  command: ModeCommand,
  now: number,
  context: ModeContext,
): Result.Result<Transitioned, ModeError> =>
  Number.isFinite(now)
    ? Result.map(decide(state, command, now, context), (events) => ({
        state: events.reduce(evolveArea, state),
        events,
      }))
    : Result.fail(new InvalidInput({ field: 'now', problem: '时间无效' }))
