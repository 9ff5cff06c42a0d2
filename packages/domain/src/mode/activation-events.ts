import { Schema } from 'effect'
import { DeclineReason } from './activation-commands.ts'

// What happened in an area's wartime (policy 三.2, 四.1): the append-only log the API persists. Each
// event carries everything needed to rebuild state by folding (`replayArea`), so folding needs no org.
// Times are epoch milliseconds; `by` is always the person who acted.

const id = Schema.String
const text = Schema.String
const instant = Schema.Number

/** Which side a roster member comes from: squad staff, an office, or (borrowed) anyone else. */
export const RosterSide = Schema.Literals(['squad', 'office', 'other'])
export type RosterSide = typeof RosterSide.Type

/**
 * Why this person commands (the stand-in rule, see `commanderFor`): the squad leader, the brigade's
 * designated stand-in, the brigade leader, or as last resort the bureau leader liaising the area.
 */
export const CommanderBasis = Schema.Literals(['squadLeader', 'standIn', 'brigadeLeader', 'liaison'])
export type CommanderBasis = typeof CommanderBasis.Type

/** Wartime entered; the roster and the commander are fixed here, resolved from the org at `at`. */
export const ActivationStarted = Schema.TaggedStruct('ActivationStarted', {
  activationId: id,
  area: id,
  at: instant,
  by: id,
  duty: id,
  catalogVersion: id,
  reason: text,
  place: text,
  expectedMinutes: Schema.Number,
  peopleNeeded: Schema.Number,
  commander: id,
  commanderBasis: CommanderBasis,
  roster: Schema.Array(Schema.Struct({ person: id, side: RosterSide })),
  /** roster members on leave when wartime started: excused from the outset */
  onLeave: Schema.Array(id),
})
export type ActivationStarted = typeof ActivationStarted.Type

/** The brigade leader's standing designation of the area's stand-in commander changed. */
export const StandInDesignated = Schema.TaggedStruct('StandInDesignated', {
  area: id,
  at: instant,
  by: id,
  person: Schema.NullOr(id),
})
export type StandInDesignated = typeof StandInDesignated.Type

/** The brigade added a person from outside the area to the roster. */
export const PersonBorrowed = Schema.TaggedStruct('PersonBorrowed', {
  activationId: id,
  at: instant,
  by: id,
  person: id,
  side: RosterSide,
  /** the area the person normally works in; `null` for bureau-wide positions */
  fromArea: Schema.NullOr(id),
})
export type PersonBorrowed = typeof PersonBorrowed.Type

export const Acknowledged = Schema.TaggedStruct('Acknowledged', {
  activationId: id,
  at: instant,
  by: id,
  person: id,
  eta: instant,
})
export type Acknowledged = typeof Acknowledged.Type

/** A decline awaiting the commander's ruling. */
export const DeclineRecorded = Schema.TaggedStruct('DeclineRecorded', {
  activationId: id,
  at: instant,
  by: id,
  person: id,
  reason: DeclineReason,
  note: text,
})
export type DeclineRecorded = typeof DeclineRecorded.Type

export const DeclineAccepted = Schema.TaggedStruct('DeclineAccepted', {
  activationId: id,
  at: instant,
  by: id,
  person: id,
})
export type DeclineAccepted = typeof DeclineAccepted.Type

/** A refusal (推诿): declined on grounds of division of labour, or a decline the commander rejected. */
export const RefusalRecorded = Schema.TaggedStruct('RefusalRecorded', {
  activationId: id,
  at: instant,
  by: id,
  person: id,
  reason: DeclineReason,
  note: text,
  basis: Schema.Literals(['divisionOfLabour', 'declineRejected']),
})
export type RefusalRecorded = typeof RefusalRecorded.Type

export const TaskAssigned = Schema.TaggedStruct('TaskAssigned', {
  activationId: id,
  at: instant,
  by: id,
  taskId: id,
  person: id,
  title: text,
  duty: id,
  dueAt: Schema.NullOr(instant),
})
export type TaskAssigned = typeof TaskAssigned.Type

export const ProgressReported = Schema.TaggedStruct('ProgressReported', {
  activationId: id,
  at: instant,
  by: id,
  taskId: id,
  note: text,
})
export type ProgressReported = typeof ProgressReported.Type

export const TaskDone = Schema.TaggedStruct('TaskDone', {
  activationId: id,
  at: instant,
  by: id,
  taskId: id,
  note: text,
})
export type TaskDone = typeof TaskDone.Type

export const Escalated = Schema.TaggedStruct('Escalated', {
  activationId: id,
  at: instant,
  by: id,
  escalationId: id,
  to: Schema.Literals(['liaison', 'partyGroup']),
  /** the liaising bureau leader; `null` when raised to the party group as a body */
  recipient: Schema.NullOr(id),
  question: text,
  decisionDeadline: instant,
})
export type Escalated = typeof Escalated.Type

/** The liaising bureau leader's or the party group's decision on an escalation (四.1). */
export const EscalationDecided = Schema.TaggedStruct('EscalationDecided', {
  activationId: id,
  at: instant,
  by: id,
  escalationId: id,
  decision: text,
})
export type EscalationDecided = typeof EscalationDecided.Type

export const StoodDown = Schema.TaggedStruct('StoodDown', { activationId: id, at: instant, by: id })
export type StoodDown = typeof StoodDown.Type

export const SummarySubmitted = Schema.TaggedStruct('SummarySubmitted', {
  activationId: id,
  at: instant,
  by: id,
  summary: text,
})
export type SummarySubmitted = typeof SummarySubmitted.Type

/** The after-action review; the activation is closed and every roster member's outcome fixed. */
export const Reviewed = Schema.TaggedStruct('Reviewed', {
  activationId: id,
  at: instant,
  by: id,
  findings: text,
})
export type Reviewed = typeof Reviewed.Type

/** Every event of the wartime model. */
export const ModeEvent = Schema.Union([
  ActivationStarted,
  StandInDesignated,
  PersonBorrowed,
  Acknowledged,
  DeclineRecorded,
  DeclineAccepted,
  RefusalRecorded,
  TaskAssigned,
  ProgressReported,
  TaskDone,
  Escalated,
  EscalationDecided,
  StoodDown,
  SummarySubmitted,
  Reviewed,
])
export type ModeEvent = typeof ModeEvent.Type

/** The events that belong to one activation (all but the area-level `StandInDesignated`). */
export type ActivationEvent = Exclude<ModeEvent, StandInDesignated>
