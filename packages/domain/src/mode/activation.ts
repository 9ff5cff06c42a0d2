import type { DeclineReason } from './activation-commands.ts'
import type { ActivationEvent, ActivationStarted, CommanderBasis, RosterSide } from './activation-events.ts'

/**
 * The stages of one wartime activation (进入战时, policy 三.2):
 *
 * ```
 *   Start ──▶ mobilising ──first Assign──▶ active
 *                 │                          │
 *                 └────────StandDown─────────┘   (commander or brigade leader; no decline awaiting a ruling)
 *                              ▼
 *                        standingDown ──SubmitSummary──▶ (summary on file) ──Review──▶ closed
 * ```
 *
 * - `mobilising`: the roster is called up; members acknowledge (with an ETA) or decline.
 * - `active`: the commander has tasked someone; acknowledging, declining, borrowing and tasking go on.
 * - `standingDown`: the joint force is released; the summary is due, then the after-action review.
 * - `closed`: reviewed; every roster member's outcome is fixed. Nothing more can be recorded.
 *
 * `mobilising` and `active` are *open*: while one is open the area is in wartime.
 */
export type ActivationStage = 'mobilising' | 'active' | 'standingDown' | 'closed'

/** Chinese label of each stage. */
export const ACTIVATION_STAGE_LABELS: Readonly<Record<ActivationStage, string>> = {
  mobilising: '集结中',
  active: '行动中',
  standingDown: '收队中',
  closed: '已结束',
}

/** A roster member's answer to the call-up. `declined` awaits the commander's ruling. */
export type RosterResponse =
  | { readonly kind: 'pending' }
  | { readonly kind: 'acknowledged'; readonly at: number; readonly eta: number }
  | {
      readonly kind: 'declined' | 'declinedAccepted'
      readonly at: number
      readonly reason: DeclineReason
      readonly note: string
    }
  | {
      readonly kind: 'refused'
      readonly at: number
      readonly reason: DeclineReason
      readonly note: string
      readonly basis: 'divisionOfLabour' | 'declineRejected'
    }

/** How a roster member's part ended, fixed when the activation closes (四.3 融合联动 assessment reads it). */
export type RosterOutcome = 'acknowledged' | 'declinedAccepted' | 'refused' | 'noResponse'

/** Chinese label of each outcome. */
export const ROSTER_OUTCOME_LABELS: Readonly<Record<RosterOutcome, string>> = {
  acknowledged: '已响应',
  declinedAccepted: '请辞获准',
  refused: '推诿',
  noResponse: '未响应',
}

export interface RosterMember {
  readonly person: string
  readonly side: RosterSide
  /** added by the brigade from outside the area (a `PersonBorrowed` event) */
  readonly borrowed: boolean
  /** when the person was called up: the start, or the borrowing */
  readonly joinedAt: number
  readonly response: RosterResponse
}

export interface ActivationTask {
  readonly taskId: string
  readonly person: string
  readonly title: string
  readonly duty: string
  readonly dueAt: number | null
  readonly assignedAt: number
  readonly assignedBy: string
  readonly progress: ReadonlyArray<{ readonly at: number; readonly by: string; readonly note: string }>
  readonly done: { readonly at: number; readonly by: string; readonly note: string } | null
}

export interface ActivationEscalation {
  readonly escalationId: string
  readonly at: number
  readonly by: string
  readonly to: 'liaison' | 'partyGroup'
  readonly recipient: string | null
  readonly question: string
  readonly decisionDeadline: number
  /** the decision, once recorded (四.1); `null` while awaited */
  readonly decision: { readonly at: number; readonly by: string; readonly text: string } | null
}

/** One wartime episode: trigger, duty item, commander, roster, tasks, stand-down. Plain data. */
export interface Activation {
  readonly id: string
  readonly area: string
  readonly duty: string
  readonly catalogVersion: string
  readonly reason: string
  readonly place: string
  readonly expectedMinutes: number
  readonly peopleNeeded: number
  readonly startedAt: number
  readonly startedBy: string
  readonly commander: string
  readonly commanderBasis: CommanderBasis
  readonly stage: ActivationStage
  /** area people first (squad staff, then office directors), then the borrowed in order */
  readonly roster: ReadonlyArray<RosterMember>
  readonly tasks: ReadonlyArray<ActivationTask>
  readonly escalations: ReadonlyArray<ActivationEscalation>
  readonly stoodDown: { readonly at: number; readonly by: string } | null
  readonly summary: { readonly at: number; readonly by: string; readonly text: string } | null
  readonly review: { readonly at: number; readonly by: string; readonly findings: string } | null
  /** every roster member's outcome, by person; set when closed, `null` before */
  readonly outcomes: Readonly<Record<string, RosterOutcome>> | null
}

/** Whether the joint force is still out: `mobilising` or `active` (policy 三.2 "战时"). */
export const isOpen = (activation: Activation): boolean =>
  activation.stage === 'mobilising' || activation.stage === 'active'

/**
 * The outcome a roster member's response amounts to (policy 三.2: declining by division of labour is
 * 推诿). A decline still awaiting a ruling counts as no response; stand-down is refused while any is
 * pending, so a closed activation never holds one.
 */
export const outcomeOf = (response: RosterResponse): RosterOutcome => {
  switch (response.kind) {
    case 'acknowledged':
      return 'acknowledged'
    case 'declinedAccepted':
      return 'declinedAccepted'
    case 'refused':
      return 'refused'
    default:
      return 'noResponse'
  }
}

/**
 * The activation as it stands right after `ActivationStarted` (policy 三.2 进入战时): mobilising, the
 * whole roster called up, members on leave excused from the outset.
 */
export const activationFromStart = (event: ActivationStarted): Activation => {
  const onLeave = new Set(event.onLeave)
  return {
    id: event.activationId,
    area: event.area,
    duty: event.duty,
    catalogVersion: event.catalogVersion,
    reason: event.reason,
    place: event.place,
    expectedMinutes: event.expectedMinutes,
    peopleNeeded: event.peopleNeeded,
    startedAt: event.at,
    startedBy: event.by,
    commander: event.commander,
    commanderBasis: event.commanderBasis,
    stage: 'mobilising',
    roster: event.roster.map(
      ({ person, side }): RosterMember => ({
        person,
        side,
        borrowed: false,
        joinedAt: event.at,
        response: onLeave.has(person)
          ? { kind: 'declinedAccepted', at: event.at, reason: 'leave', note: '启动时在休假' }
          : { kind: 'pending' },
      }),
    ),
    tasks: [],
    escalations: [],
    stoodDown: null,
    summary: null,
    review: null,
    outcomes: null,
  }
}

const respond = (activation: Activation, person: string, response: RosterResponse): Activation => ({
  ...activation,
  roster: activation.roster.map((m) => (m.person === person ? { ...m, response } : m)),
})

const updateTask = (
  activation: Activation,
  taskId: string,
  f: (task: ActivationTask) => ActivationTask,
): Activation => ({
  ...activation,
  tasks: activation.tasks.map((t) => (t.taskId === taskId ? f(t) : t)),
})

/**
 * Applies one event of this activation, moving it through the stages of policy 三.2 drawn above.
 * Events are facts already decided by `transition`, so this never rejects; `replayArea` folds it.
 */
export const evolveActivation = (activation: Activation, event: ActivationEvent): Activation => {
  switch (event._tag) {
    case 'ActivationStarted':
      return activationFromStart(event)
    case 'PersonBorrowed':
      return {
        ...activation,
        roster: [
          ...activation.roster,
          {
            person: event.person,
            side: event.side,
            borrowed: true,
            joinedAt: event.at,
            response: { kind: 'pending' },
          },
        ],
      }
    case 'Acknowledged':
      return respond(activation, event.person, { kind: 'acknowledged', at: event.at, eta: event.eta })
    case 'DeclineRecorded':
      return respond(activation, event.person, {
        kind: 'declined',
        at: event.at,
        reason: event.reason,
        note: event.note,
      })
    case 'DeclineAccepted': {
      const member = activation.roster.find((m) => m.person === event.person)
      const declined = member?.response.kind === 'declined' ? member.response : null
      return respond(activation, event.person, {
        kind: 'declinedAccepted',
        at: event.at,
        reason: declined?.reason ?? 'other',
        note: declined?.note ?? '',
      })
    }
    case 'RefusalRecorded':
      return respond(activation, event.person, {
        kind: 'refused',
        at: event.at,
        reason: event.reason,
        note: event.note,
        basis: event.basis,
      })
    case 'TaskAssigned':
      return {
        ...activation,
        stage: activation.stage === 'mobilising' ? 'active' : activation.stage,
        tasks: [
          ...activation.tasks,
          {
            taskId: event.taskId,
            person: event.person,
            title: event.title,
            duty: event.duty,
            dueAt: event.dueAt,
            assignedAt: event.at,
            assignedBy: event.by,
            progress: [],
            done: null,
          },
        ],
      }
    case 'ProgressReported':
      return updateTask(activation, event.taskId, (t) => ({
        ...t,
        progress: [...t.progress, { at: event.at, by: event.by, note: event.note }],
      }))
    case 'TaskDone':
      return updateTask(activation, event.taskId, (t) => ({
        ...t,
        done: { at: event.at, by: event.by, note: event.note },
      }))
    case 'Escalated':
      return {
        ...activation,
        escalations: [
          ...activation.escalations,
          {
            escalationId: event.escalationId,
            at: event.at,
            by: event.by,
            to: event.to,
            recipient: event.recipient,
            question: event.question,
            decisionDeadline: event.decisionDeadline,
            decision: null,
          },
        ],
      }
    case 'EscalationDecided':
      return {
        ...activation,
        escalations: activation.escalations.map((e) =>
          e.escalationId === event.escalationId
            ? { ...e, decision: { at: event.at, by: event.by, text: event.decision } }
            : e,
        ),
      }
    case 'StoodDown':
      return { ...activation, stage: 'standingDown', stoodDown: { at: event.at, by: event.by } }
    case 'SummarySubmitted':
      return { ...activation, summary: { at: event.at, by: event.by, text: event.summary } }
    case 'Reviewed':
      return {
        ...activation,
        stage: 'closed',
        review: { at: event.at, by: event.by, findings: event.findings },
        outcomes: Object.fromEntries(activation.roster.map((m) => [m.person, outcomeOf(m.response)])),
      }
  }
}
