import { Schema } from 'effect'

// What people ask of a wartime activation (policy 三.2 战时, 四.1). Plain data, decodable from an API
// request; ids (activation, task, escalation) come from the caller so the domain needs no randomness.
// Times are epoch milliseconds.

const id = Schema.String
const text = Schema.String
const instant = Schema.Number

/** Why a roster member says they cannot come; `divisionOfLabour` ("not our work") is a refusal (推诿, 三.2). */
export const DeclineReason = Schema.Literals([
  'leave',
  'sick',
  'otherAssignment',
  'divisionOfLabour',
  'other',
])
export type DeclineReason = typeof DeclineReason.Type

/** Enter wartime for one duty item: by an office director or squad leader of the area, the brigade leader or a bureau leader. */
export const Start = Schema.TaggedStruct('Start', {
  activationId: id,
  by: id,
  /** a duty code of the initiator's own wartime catalogue, e.g. `office.wartime.3` */
  duty: id,
  reason: text,
  place: text,
  expectedMinutes: Schema.Number,
  peopleNeeded: Schema.Number,
})
export type Start = typeof Start.Type

/** The brigade leader names who commands in the area when the squad leader is absent (`null` clears it). */
export const DesignateStandIn = Schema.TaggedStruct('DesignateStandIn', {
  by: id,
  person: Schema.NullOr(id),
})
export type DesignateStandIn = typeof DesignateStandIn.Type

/** A roster member confirms they are coming, with an expected time of arrival. */
export const Acknowledge = Schema.TaggedStruct('Acknowledge', { activationId: id, by: id, eta: instant })
export type Acknowledge = typeof Acknowledge.Type

/** A roster member says they cannot come, with a reason. */
export const Decline = Schema.TaggedStruct('Decline', {
  activationId: id,
  by: id,
  reason: DeclineReason,
  note: text,
})
export type Decline = typeof Decline.Type

/** The commander (or brigade leader) accepts a decline or rules it a refusal (推诿). */
export const RuleDecline = Schema.TaggedStruct('RuleDecline', {
  activationId: id,
  by: id,
  person: id,
  ruling: Schema.Literals(['accept', 'refusal']),
})
export type RuleDecline = typeof RuleDecline.Type

/** The brigade leader adds a person from outside the area to the roster. */
export const Borrow = Schema.TaggedStruct('Borrow', { activationId: id, by: id, person: id })
export type Borrow = typeof Borrow.Type

/** The commander tasks a roster member; `duty` defaults to the activation's duty. */
export const Assign = Schema.TaggedStruct('Assign', {
  activationId: id,
  by: id,
  taskId: id,
  person: id,
  title: text,
  duty: Schema.NullOr(id),
  dueAt: Schema.NullOr(instant),
})
export type Assign = typeof Assign.Type

/** The person tasked reports how the task is going. */
export const ReportProgress = Schema.TaggedStruct('ReportProgress', {
  activationId: id,
  by: id,
  taskId: id,
  note: text,
})
export type ReportProgress = typeof ReportProgress.Type

/** The person tasked (or the commander) reports the task done. */
export const ReportDone = Schema.TaggedStruct('ReportDone', {
  activationId: id,
  by: id,
  taskId: id,
  note: text,
})
export type ReportDone = typeof ReportDone.Type

/** Raise a question for decision to the liaising bureau leader or the party group, with a deadline (四.1 提报). */
export const Escalate = Schema.TaggedStruct('Escalate', {
  activationId: id,
  by: id,
  escalationId: id,
  to: Schema.Literals(['liaison', 'partyGroup']),
  question: text,
  decisionDeadline: instant,
})
export type Escalate = typeof Escalate.Type

/**
 * Record the decision on an escalation (四.1 需要局党组研究决策的问题): the liaising bureau leader for a
 * question raised to them; any bureau leader, as member of the party group, records the party group's.
 */
export const DecideEscalation = Schema.TaggedStruct('DecideEscalation', {
  activationId: id,
  by: id,
  escalationId: id,
  decision: text,
})
export type DecideEscalation = typeof DecideEscalation.Type

/** End the joint operation: the commander or the brigade leader. */
export const StandDown = Schema.TaggedStruct('StandDown', { activationId: id, by: id })
export type StandDown = typeof StandDown.Type

/** The commander's (or brigade leader's) summary after stand-down; required before the review. */
export const SubmitSummary = Schema.TaggedStruct('SubmitSummary', { activationId: id, by: id, summary: text })
export type SubmitSummary = typeof SubmitSummary.Type

/** The after-action review by the brigade leader or a bureau leader; closes the activation. */
export const Review = Schema.TaggedStruct('Review', { activationId: id, by: id, findings: text })
export type Review = typeof Review.Type

/** Every command of the wartime model. */
export const ModeCommand = Schema.Union([
  Start,
  DesignateStandIn,
  Acknowledge,
  Decline,
  RuleDecline,
  Borrow,
  Assign,
  ReportProgress,
  ReportDone,
  Escalate,
  DecideEscalation,
  StandDown,
  SubmitSummary,
  Review,
])
export type ModeCommand = typeof ModeCommand.Type
