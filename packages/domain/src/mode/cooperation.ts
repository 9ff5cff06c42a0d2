import { dutiesOf } from '../duty/catalog.ts'
import type { RosterOutcome } from './activation.ts'
import type { ActivationStarted, ModeEvent, RosterSide } from './activation-events.ts'

/** Settings of the cooperation facts; the defaults are the platform's, a county may set its own. */
export interface CooperationOptions {
  /** a roster member who acknowledges within this many minutes of being called up counts as prompt (default 15) */
  readonly ackWindowMinutes?: number
  /** the summary is due this many minutes after stand-down (default 24 h) */
  readonly summaryDeadlineMinutes?: number
  /** when the facts are read (epoch ms): lets a summary not yet in be judged late once overdue */
  readonly asOf?: number
}

/** How squad and offices worked together in one activation (融合联动, policy 三.2 / 四.3), from its events alone. */
export interface CooperationFacts {
  readonly activationId: string
  readonly area: string
  readonly duty: string
  readonly startedAt: number
  readonly rosterSize: number
  /** ms from start to the first acknowledgement; `null` if nobody acknowledged */
  readonly firstAcknowledgementMs: number | null
  /** ms from start to the first moment every roster member had acknowledged or been excused; `null` if never */
  readonly fullAcknowledgementMs: number | null
  /** roster members whose first acknowledgement came within the window of being called up */
  readonly acknowledgedWithinWindow: number
  /** `acknowledgedWithinWindow / rosterSize`, in [0, 1] (0 for an empty roster) */
  readonly shareAcknowledgedWithinWindow: number
  /** people who answered the call (last response: acknowledged), by the side they come from */
  readonly contributed: Readonly<Record<RosterSide, number>>
  /** refusals (推诿) recorded, in all and by side; each counts against coordination */
  readonly refusals: number
  readonly refusalsBySide: Readonly<Record<RosterSide, number>>
  readonly tasksAssigned: number
  readonly tasksDone: number
  /** tasks given across the line: squad staff on office duties, office staff on squad duties */
  readonly crossTasks: number
  readonly escalations: number
  /** `null` until the activation is stood down */
  readonly summary: {
    readonly due: number
    readonly submittedAt: number | null
    /** `null` while not yet submitted and not yet overdue (or `asOf` not given) */
    readonly onTime: boolean | null
  } | null
  /** every roster member's outcome, counted; `null` until closed */
  readonly outcomes: Readonly<Record<RosterOutcome, number>> | null
}

const MINUTE = 60_000

const bySide = (): Record<RosterSide, number> => ({ squad: 0, office: 0, other: 0 })

type Answer = 'pending' | 'acknowledged' | 'declined' | 'declinedAccepted' | 'refused'

interface Member {
  readonly side: RosterSide
  readonly joinedAt: number
  answer: Answer
  firstAckAt: number | null
}

const outcomeOfAnswer = (answer: Answer): RosterOutcome =>
  answer === 'acknowledged' || answer === 'declinedAccepted' || answer === 'refused' ? answer : 'noResponse'

/**
 * The cooperation facts of one activation, derived from the area's event log only (events of other
 * activations are ignored), for the coordination part of the assessment (policy 四.3: 考核内容…还包括中队
 * 与司法所融合联动情况; 三.2: 不得以业务分工互相推诿). `null` when the log has no such activation.
 */
export const cooperationFacts = (
  events: ReadonlyArray<ModeEvent>,
  activationId: string,
  options: CooperationOptions = {},
): CooperationFacts | null => {
  const window = (options.ackWindowMinutes ?? 15) * MINUTE
  const summaryDeadline = (options.summaryDeadlineMinutes ?? 24 * 60) * MINUTE
  const own = events.filter((e) => e._tag !== 'StandInDesignated' && e.activationId === activationId)
  const started = own.find((e): e is ActivationStarted => e._tag === 'ActivationStarted')
  if (started === undefined) return null

  const members = new Map<string, Member>()
  const sideOfTask = new Map<string, RosterSide>()
  const dutyKind = new Map(dutiesOf(started.catalogVersion).map((d) => [d.code, d.kind] as const))
  const refusalsBySide = bySide()
  let refusals = 0
  let firstAckAt: number | null = null
  let fullAt: number | null = null
  let tasksAssigned = 0
  let tasksDone = 0
  let crossTasks = 0
  let escalations = 0
  let stoodDownAt: number | null = null
  let summaryAt: number | null = null
  let closed = false

  for (const e of own) {
    switch (e._tag) {
      case 'ActivationStarted': {
        const onLeave = new Set(e.onLeave)
        for (const m of e.roster) {
          members.set(m.person, {
            side: m.side,
            joinedAt: e.at,
            answer: onLeave.has(m.person) ? 'declinedAccepted' : 'pending',
            firstAckAt: null,
          })
        }
        break
      }
      case 'PersonBorrowed':
        members.set(e.person, { side: e.side, joinedAt: e.at, answer: 'pending', firstAckAt: null })
        break
      case 'Acknowledged': {
        const m = members.get(e.person)
        if (m) {
          m.answer = 'acknowledged'
          m.firstAckAt ??= e.at
        }
        firstAckAt ??= e.at
        break
      }
      case 'DeclineRecorded':
      case 'DeclineAccepted': {
        const m = members.get(e.person)
        if (m) m.answer = e._tag === 'DeclineRecorded' ? 'declined' : 'declinedAccepted'
        break
      }
      case 'RefusalRecorded': {
        const m = members.get(e.person)
        if (m) m.answer = 'refused'
        refusals += 1
        refusalsBySide[m?.side ?? 'other'] += 1
        break
      }
      case 'TaskAssigned': {
        tasksAssigned += 1
        const side = members.get(e.person)?.side ?? 'other'
        sideOfTask.set(e.taskId, side)
        const kind = dutyKind.get(e.duty)
        if (side !== 'other' && kind !== undefined && kind !== side) crossTasks += 1
        break
      }
      case 'TaskDone':
        tasksDone += 1
        break
      case 'Escalated':
        escalations += 1
        break
      case 'StoodDown':
        stoodDownAt = e.at
        break
      case 'SummarySubmitted':
        summaryAt ??= e.at
        break
      case 'Reviewed':
        closed = true
        break
      case 'ProgressReported':
      case 'EscalationDecided':
        break
    }
    if (fullAt === null && members.size > 0) {
      const all = [...members.values()]
      const full = all.every((m) => m.answer === 'acknowledged' || m.answer === 'declinedAccepted')
      if (full && all.some((m) => m.answer === 'acknowledged')) fullAt = e.at
    }
  }

  const all = [...members.values()]
  const prompt = all.filter((m) => m.firstAckAt !== null && m.firstAckAt - m.joinedAt <= window).length
  const contributed = bySide()
  for (const m of all) if (m.answer === 'acknowledged') contributed[m.side] += 1
  const outcomes: Record<RosterOutcome, number> = {
    acknowledged: 0,
    declinedAccepted: 0,
    refused: 0,
    noResponse: 0,
  }
  for (const m of all) outcomes[outcomeOfAnswer(m.answer)] += 1
  const summary = (() => {
    if (stoodDownAt === null) return null
    const due = stoodDownAt + summaryDeadline
    if (summaryAt !== null) return { due, submittedAt: summaryAt, onTime: summaryAt <= due }
    return { due, submittedAt: null, onTime: options.asOf !== undefined && options.asOf > due ? false : null }
  })()

  return {
    activationId,
    area: started.area,
    duty: started.duty,
    startedAt: started.at,
    rosterSize: all.length,
    firstAcknowledgementMs: firstAckAt === null ? null : firstAckAt - started.at,
    fullAcknowledgementMs: fullAt === null ? null : fullAt - started.at,
    acknowledgedWithinWindow: prompt,
    shareAcknowledgedWithinWindow: all.length === 0 ? 0 : prompt / all.length,
    contributed,
    refusals,
    refusalsBySide,
    tasksAssigned,
    tasksDone,
    crossTasks,
    escalations,
    summary,
    outcomes: closed ? outcomes : null,
  }
}
