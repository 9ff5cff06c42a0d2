import { Schema } from 'effect'
import type { DutyNotInCatalogue } from '../duty/duty-errors.ts'
import { ACTIVATION_STAGE_LABELS } from './activation.ts'

// Every rejection of a wartime command (policy 三.2, 四.1). Each says in Chinese what went wrong; the
// UI keys its own table by `_tag`, the message is for logs and the API's fallback.

const id = Schema.String
const stage = Schema.Literals(['mobilising', 'active', 'standingDown', 'closed'])

/** An activation with this id was already started (ids come from the caller). */
export class ActivationExists extends Schema.TaggedError<ActivationExists>()('ActivationExists', {
  activationId: id,
}) {
  override get message(): string {
    return `战时行动“${this.activationId}”已经存在`
  }
}

/** No activation with this id in the area. */
export class UnknownActivation extends Schema.TaggedError<UnknownActivation>()('UnknownActivation', {
  activationId: id,
}) {
  override get message(): string {
    return `本辖区没有战时行动“${this.activationId}”`
  }
}

/** The area (squad code) is not part of the organisation. */
export class UnknownArea extends Schema.TaggedError<UnknownArea>()('UnknownArea', { area: id }) {
  override get message(): string {
    return `辖区“${this.area}”不存在`
  }
}

/** The person code is not part of the organisation. */
export class UnknownPerson extends Schema.TaggedError<UnknownPerson>()('UnknownPerson', { person: id }) {
  override get message(): string {
    return `人员“${this.person}”不存在`
  }
}

/** Only an office director or squad leader of the area, the brigade leader or a bureau leader may start wartime (三.2, 四.1). */
export class NotAllowedToStart extends Schema.TaggedError<NotAllowedToStart>()('NotAllowedToStart', {
  person: id,
}) {
  override get message(): string {
    return '只有本辖区的司法所长、中队长，执法大队长或局领导可以启动战时状态'
  }
}

/** The person works in another area than the one the command is about. */
export class OutsideArea extends Schema.TaggedError<OutsideArea>()('OutsideArea', {
  person: id,
  area: id,
}) {
  override get message(): string {
    return `人员“${this.person}”不属于本辖区（${this.area}）`
  }
}

/** The duty named is not an item of the initiator's own wartime catalogue (三.3 战时工作职责). */
export class DutyNotInWartimeCatalogue extends Schema.TaggedError<DutyNotInWartimeCatalogue>()(
  'DutyNotInWartimeCatalogue',
  { duty: id, allowed: Schema.Array(id) },
) {
  override get message(): string {
    return `只能选择本单位战时职责清单中的事项（“${this.duty}”不在其中）`
  }
}

/** Only the activation's commander (for some actions also the brigade leader) may do this (三.2, 四.1). */
export class NotCommander extends Schema.TaggedError<NotCommander>()('NotCommander', {
  person: id,
  action: Schema.String,
  brigadeMayToo: Schema.Boolean,
}) {
  override get message(): string {
    return this.brigadeMayToo
      ? `只有本次战时行动的指挥人员或执法大队长可以${this.action}`
      : `只有本次战时行动的指挥人员可以${this.action}`
  }
}

/** Only the brigade leader may do this (the brigade leads the squads, 三.2). */
export class NotBrigadeLeader extends Schema.TaggedError<NotBrigadeLeader>()('NotBrigadeLeader', {
  person: id,
  action: Schema.String,
}) {
  override get message(): string {
    return `只有执法大队长可以${this.action}`
  }
}

/** The after-action review is for the levels above the squad: the brigade leader or a bureau leader (四.1, 四.3). */
export class NotReviewer extends Schema.TaggedError<NotReviewer>()('NotReviewer', { person: id }) {
  override get message(): string {
    return '只有执法大队长或局领导可以进行战时行动复盘'
  }
}

/** The activation is closed; nothing more can be recorded on it. */
export class ActivationClosed extends Schema.TaggedError<ActivationClosed>()('ActivationClosed', {
  activationId: id,
}) {
  override get message(): string {
    return `战时行动“${this.activationId}”已经结束，不能再作任何记录`
  }
}

/** The command does not fit the activation's current stage (e.g. acknowledging after stand-down). */
export class WrongStage extends Schema.TaggedError<WrongStage>()('WrongStage', {
  activationId: id,
  stage,
  action: Schema.String,
}) {
  override get message(): string {
    return `战时行动当前${ACTIVATION_STAGE_LABELS[this.stage]}，不能${this.action}`
  }
}

/** The person is not on the activation's roster. */
export class NotOnRoster extends Schema.TaggedError<NotOnRoster>()('NotOnRoster', {
  activationId: id,
  person: id,
}) {
  override get message(): string {
    return `人员“${this.person}”不在本次战时行动的人员名单中`
  }
}

/** The person to borrow is already on the roster. */
export class AlreadyOnRoster extends Schema.TaggedError<AlreadyOnRoster>()('AlreadyOnRoster', {
  activationId: id,
  person: id,
}) {
  override get message(): string {
    return `人员“${this.person}”已在本次战时行动的人员名单中`
  }
}

/** The person's response is final (excused or refused) and cannot change. */
export class AlreadyResponded extends Schema.TaggedError<AlreadyResponded>()('AlreadyResponded', {
  activationId: id,
  person: id,
  response: Schema.Literals(['declinedAccepted', 'refused']),
}) {
  override get message(): string {
    return this.response === 'refused' ? '该人员已被记录为推诿，不能再更改' : '该人员的请辞已获准，不能再更改'
  }
}

/** There is no decline of this person awaiting a ruling. */
export class NoDeclineToRule extends Schema.TaggedError<NoDeclineToRule>()('NoDeclineToRule', {
  activationId: id,
  person: id,
}) {
  override get message(): string {
    return `人员“${this.person}”没有待处理的请辞`
  }
}

/** A refusal on grounds of division of labour cannot be excused (不得以业务分工互相推诿, 三.2). */
export class RefusalNotAllowed extends Schema.TaggedError<RefusalNotAllowed>()('RefusalNotAllowed', {
  activationId: id,
  person: id,
}) {
  override get message(): string {
    return '司法所和执法中队不得以业务分工互相推诿，此项推诿不能准予'
  }
}

/** The person was excused or refused and cannot be tasked. */
export class PersonUnavailable extends Schema.TaggedError<PersonUnavailable>()('PersonUnavailable', {
  activationId: id,
  person: id,
}) {
  override get message(): string {
    return `人员“${this.person}”已请辞获准或推诿，不能分派任务`
  }
}

/** A task with this id already exists in the activation. */
export class TaskExists extends Schema.TaggedError<TaskExists>()('TaskExists', { taskId: id }) {
  override get message(): string {
    return `任务“${this.taskId}”已经存在`
  }
}

/** No task with this id in the activation. */
export class UnknownTask extends Schema.TaggedError<UnknownTask>()('UnknownTask', { taskId: id }) {
  override get message(): string {
    return `本次战时行动没有任务“${this.taskId}”`
  }
}

/** Only the person tasked (for completion also the commander) reports on a task. */
export class NotAssignee extends Schema.TaggedError<NotAssignee>()('NotAssignee', {
  taskId: id,
  person: id,
}) {
  override get message(): string {
    return `只有任务承担人可以报告任务“${this.taskId}”的进展`
  }
}

/** The task is already done. */
export class TaskAlreadyDone extends Schema.TaggedError<TaskAlreadyDone>()('TaskAlreadyDone', {
  taskId: id,
}) {
  override get message(): string {
    return `任务“${this.taskId}”已经完成`
  }
}

/** An escalation with this id already exists in the activation. */
export class EscalationExists extends Schema.TaggedError<EscalationExists>()('EscalationExists', {
  escalationId: id,
}) {
  override get message(): string {
    return `提报“${this.escalationId}”已经存在`
  }
}

/** Declines still await a ruling; every roster member must end with an outcome before stand-down. */
export class DeclinesAwaitingRuling extends Schema.TaggedError<DeclinesAwaitingRuling>()(
  'DeclinesAwaitingRuling',
  { activationId: id, people: Schema.Array(id) },
) {
  override get message(): string {
    return `还有${this.people.length}人的请辞未处理，处理后才能收队`
  }
}

/** The stand-down summary has not been submitted yet. */
export class SummaryMissing extends Schema.TaggedError<SummaryMissing>()('SummaryMissing', {
  activationId: id,
}) {
  override get message(): string {
    return '尚未提交收队总结，不能复盘'
  }
}

/** The stand-down summary was already submitted. */
export class SummaryAlreadySubmitted extends Schema.TaggedError<SummaryAlreadySubmitted>()(
  'SummaryAlreadySubmitted',
  { activationId: id },
) {
  override get message(): string {
    return '收队总结已经提交'
  }
}

/** Nobody can command in the area: no squad leader, brigade leader or liaison is configured. */
export class NoCommander extends Schema.TaggedError<NoCommander>()('NoCommander', { area: id }) {
  override get message(): string {
    return '本辖区没有可以担任战时指挥的人员'
  }
}

/** No escalation with this id in the activation. */
export class UnknownEscalation extends Schema.TaggedError<UnknownEscalation>()('UnknownEscalation', {
  escalationId: id,
}) {
  override get message(): string {
    return '该提报事项不存在'
  }
}

/** The escalation already has its decision; a decision is recorded once (四.1). */
export class EscalationAlreadyDecided extends Schema.TaggedError<EscalationAlreadyDecided>()(
  'EscalationAlreadyDecided',
  { escalationId: id },
) {
  override get message(): string {
    return '该提报事项已经作出决策'
  }
}

/** Only the liaising bureau leader (or, for the party group, a bureau leader) records the decision (四.1). */
export class NotDecider extends Schema.TaggedError<NotDecider>()('NotDecider', {
  person: id,
  to: Schema.Literals(['liaison', 'partyGroup']),
}) {
  override get message(): string {
    return this.to === 'liaison'
      ? '只有联系本辖区的局领导可以对该提报作出决策'
      : '只有局领导（局党组成员）可以登记局党组的决策'
  }
}

/** A field of a command is empty or out of range; `problem` says how, in Chinese. */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()('InvalidInput', {
  field: Schema.String,
  problem: Schema.String,
}) {
  override get message(): string {
    return this.problem
  }
}

/** Every way a wartime command can be rejected. */
export type ModeError =
  | ActivationExists
  | UnknownActivation
  | UnknownArea
  | UnknownPerson
  | NotAllowedToStart
  | OutsideArea
  | DutyNotInWartimeCatalogue
  | DutyNotInCatalogue
  | NotCommander
  | NotBrigadeLeader
  | NotReviewer
  | ActivationClosed
  | WrongStage
  | NotOnRoster
  | AlreadyOnRoster
  | AlreadyResponded
  | NoDeclineToRule
  | RefusalNotAllowed
  | PersonUnavailable
  | TaskExists
  | UnknownTask
  | NotAssignee
  | TaskAlreadyDone
  | EscalationExists
  | DeclinesAwaitingRuling
  | SummaryMissing
  | SummaryAlreadySubmitted
  | NoCommander
  | UnknownEscalation
  | EscalationAlreadyDecided
  | NotDecider
  | InvalidInput

export type ModeErrorTag = ModeError['_tag']
