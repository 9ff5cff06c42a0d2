import { describe, expect, it } from '@effect/vitest'
import { Result } from 'effect'
import fc from 'fast-check'
import { yiyuanOrgConfig } from '../org/yiyuan.ts'
import { at, context, org } from './__fixtures__/activation-fixtures.ts'
import type { Activation } from './activation.ts'
import type { DeclineReason, ModeCommand } from './activation-commands.ts'
import type { ModeEvent } from './activation-events.ts'
import { type AreaState, areaModeOf, initialAreaState, openActivationsOf } from './area-mode.ts'
import { cooperationFacts } from './cooperation.ts'
import { replayArea, transition } from './transition.ts'

// Random command sequences against 鲁村中队辖区 of the Yiyuan org. Actors are drawn mostly from the people
// who can move an activation along (squad leader, brigade, a bureau leader, roster members) so that
// runs reach stand-down and review, with everyone in the org as the long tail.

const AREA = 'lucun'
const everyone = yiyuanOrgConfig.people.map((p) => p.code)
const areaPeople = new Set(org.assigneesOf(AREA).map((p) => p.code))
const likely = [
  'lead-lucun',
  'brigade',
  'liaison-lucun',
  'staff-lucun-1',
  'dir-nanma',
  'dir-lucun',
  'staff-xili-1',
]

const person = fc.oneof(
  { arbitrary: fc.constantFrom(...likely), weight: 4 },
  { arbitrary: fc.constantFrom(...everyone), weight: 1 },
)
const activationId = fc.constantFrom('a1', 'a2')
const taskId = fc.constantFrom('t1', 't2', 't3')
// mostly the good value, sometimes the bad one, so that rejections are exercised without starving the run
const mostly = <A>(good: A, bad: A): fc.Arbitrary<A> =>
  fc.oneof({ arbitrary: fc.constant(good), weight: 9 }, { arbitrary: fc.constant(bad), weight: 1 })
const note = mostly('情况说明', '')
const reason: fc.Arbitrary<DeclineReason> = fc.constantFrom(
  'leave',
  'sick',
  'otherAssignment',
  'divisionOfLabour',
  'other',
)

// who usually gives orders, and who usually answers them
const chief = fc.oneof(
  { arbitrary: fc.constantFrom('lead-lucun', 'brigade', 'liaison-lucun'), weight: 3 },
  { arbitrary: person, weight: 1 },
)
const member = fc.oneof(
  { arbitrary: fc.constantFrom(...areaPeople), weight: 3 },
  { arbitrary: person, weight: 1 },
)
// a few people carry most tasks, so that reports often come from the person tasked
const worker = fc.oneof(
  { arbitrary: fc.constantFrom('lead-lucun', 'staff-lucun-1', 'dir-nanma'), weight: 3 },
  { arbitrary: member, weight: 1 },
)

const command: fc.Arbitrary<ModeCommand> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant('Start' as const),
      activationId,
      by: person,
      duty: fc.constantFrom('squad.wartime.1', 'squad.wartime.3', 'office.wartime.3', 'office.peacetime.1'),
      reason: mostly('督导检查', ''),
      place: fc.constant('鲁村镇'),
      expectedMinutes: mostly(60, 0),
      peopleNeeded: mostly(6, 0),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('DesignateStandIn' as const),
      by: chief,
      person: fc.option(member, { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('Acknowledge' as const),
      activationId,
      by: member,
      eta: fc.constant(at(10_000)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ _tag: fc.constant('Decline' as const), activationId, by: member, reason, note }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('RuleDecline' as const),
      activationId,
      by: chief,
      person: member,
      ruling: fc.constantFrom('accept' as const, 'refusal' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ _tag: fc.constant('Borrow' as const), activationId, by: chief, person }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant('Assign' as const),
      activationId,
      by: chief,
      taskId,
      person: worker,
      title: mostly('现场保障', ''),
      duty: fc.constantFrom(null, null, 'office.wartime.2', 'squad.peacetime.1', 'nope'),
      dueAt: fc.constant(null),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant('ReportProgress' as const),
      activationId,
      by: worker,
      taskId,
      note,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant('ReportDone' as const),
      activationId,
      by: worker,
      taskId,
      note,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('Escalate' as const),
      activationId,
      by: chief,
      escalationId: fc.constantFrom('e1', 'e2'),
      to: fc.constantFrom('liaison' as const, 'partyGroup' as const),
      question: fc.constant('需局党组决策'),
      decisionDeadline: fc.constant(at(20_000)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('DecideEscalation' as const),
      activationId,
      by: fc.oneof(
        { arbitrary: fc.constantFrom('liaison-lucun', 'liaison-xili'), weight: 3 },
        { arbitrary: chief, weight: 1 },
      ),
      escalationId: fc.constantFrom('e1', 'e2'),
      decision: mostly('同意协调场地', ''),
    }),
  },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant('StandDown' as const), activationId, by: chief }) },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('SubmitSummary' as const),
      activationId,
      by: chief,
      summary: note,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant('Review' as const),
      activationId,
      by: chief,
      findings: fc.constant('复盘意见'),
    }),
  },
)

const COMMAND_TAGS = [
  'Acknowledge',
  'Assign',
  'Borrow',
  'DecideEscalation',
  'Decline',
  'DesignateStandIn',
  'Escalate',
  'ReportDone',
  'ReportProgress',
  'Review',
  'RuleDecline',
  'StandDown',
  'Start',
  'SubmitSummary',
]

const step = fc.record({
  command,
  minutes: fc.integer({ min: 0, max: 20 }),
  onLeave: fc.subarray(['lead-lucun', 'staff-lucun-1', 'brigade', 'dir-nanma']),
})

interface Played {
  readonly state: AreaState
  readonly events: ReadonlyArray<ModeEvent>
  /** for each accepted command, the state it was applied to */
  readonly accepted: ReadonlyArray<{ readonly before: AreaState; readonly command: ModeCommand }>
  readonly rejected: number
}

type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

const play = (steps: ReadonlyArray<Step>): Played => {
  let state = initialAreaState(AREA)
  let events: ReadonlyArray<ModeEvent> = []
  const accepted: Array<{ before: AreaState; command: ModeCommand }> = []
  let rejected = 0
  let minute = 0
  for (const s of steps) {
    minute += s.minutes
    const result = transition(state, s.command, at(minute), context(s.onLeave))
    if (Result.isSuccess(result)) {
      accepted.push({ before: state, command: s.command })
      state = result.success.state
      events = [...events, ...result.success.events]
    } else {
      // every rejection is a tagged error with a Chinese message
      expect(result.failure._tag).toMatch(/^[A-Z]/)
      expect(result.failure.message).toMatch(/[\u4e00-\u9fff]/)
      rejected += 1
    }
  }
  return { state, events, accepted, rejected }
}

// every run opens with a start that is usually valid, then anything goes
const opening = fc.record({
  command: fc.record({
    _tag: fc.constant('Start' as const),
    activationId: fc.constant('a1'),
    by: fc.constantFrom('lead-lucun', 'brigade', 'dir-nanma'),
    duty: fc.constantFrom('squad.wartime.2', 'office.wartime.4'),
    reason: fc.constant('上级业务部门督导检查'),
    place: fc.constant('鲁村镇'),
    expectedMinutes: fc.constant(90),
    peopleNeeded: fc.constant(8),
  }),
  minutes: fc.constant(0),
  onLeave: fc.subarray(['lead-lucun', 'brigade']),
})
const steps = fc
  .tuple(opening, fc.array(step, { maxLength: 80, size: 'max' }))
  .map(([first, rest]): ReadonlyArray<Step> => [first, ...rest])
const RUNS = { numRuns: 300 }

const borrowed = (events: ReadonlyArray<ModeEvent>, a: Activation, person: string) =>
  events.some((e) => e._tag === 'PersonBorrowed' && e.activationId === a.id && e.person === person)

describe('transition properties (policy 三.2, 四.1, 四.3)', () => {
  it('puts nobody from outside the area on a roster without a borrowing event', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { state, events } = play(s)
        for (const a of state.activations) {
          for (const m of a.roster) {
            if (!areaPeople.has(m.person)) expect(borrowed(events, a, m.person)).toBe(true)
            expect(m.borrowed).toBe(borrowed(events, a, m.person))
          }
        }
      }),
      RUNS,
    )
  })

  it('lets only the commander or the brigade leader stand down', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { accepted } = play(s)
        for (const { before, command } of accepted) {
          if (command._tag !== 'StandDown') continue
          const a = before.activations.find((x) => x.id === command.activationId)
          expect(command.by === a?.commander || command.by === 'brigade').toBe(true)
        }
      }),
      RUNS,
    )
  })

  it('records an escalation decision once, only by the liaison it went to or (party group) a bureau leader', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { accepted, state } = play(s)
        const seen = new Set<string>()
        for (const { before, command } of accepted) {
          if (command._tag !== 'DecideEscalation') continue
          const a = before.activations.find((x) => x.id === command.activationId)
          const e = a?.escalations.find((x) => x.escalationId === command.escalationId)
          expect(e?.decision).toBeNull()
          if (e?.to === 'liaison') expect(command.by).toBe('liaison-lucun')
          else expect(['liaison-lucun', 'liaison-xili', 'liaison-shiqiao']).toContain(command.by)
          const key = `${command.activationId}/${command.escalationId}`
          expect(seen.has(key)).toBe(false)
          seen.add(key)
        }
        const decided = state.activations.flatMap((a) => a.escalations.filter((e) => e.decision !== null))
        expect(decided.length).toBe(seen.size)
      }),
      RUNS,
    )
  })

  it('gives every roster member an outcome once closed', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { state } = play(s)
        for (const a of state.activations) {
          if (a.stage !== 'closed') {
            expect(a.outcomes).toBeNull()
            continue
          }
          expect(Object.keys(a.outcomes ?? {}).sort()).toEqual(a.roster.map((m) => m.person).sort())
          for (const outcome of Object.values(a.outcomes ?? {})) {
            expect(['acknowledged', 'declinedAccepted', 'refused', 'noResponse']).toContain(outcome)
          }
          expect(a.roster.some((m) => m.response.kind === 'declined')).toBe(false)
        }
      }),
      RUNS,
    )
  })

  it('derives cooperation facts consistent with the event log and the state', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 0, max: 60 }), (s, window) => {
        const { state, events } = play(s)
        for (const a of state.activations) {
          const facts = cooperationFacts(events, a.id, { ackWindowMinutes: window })
          if (facts === null) throw new Error('facts missing')
          const own = events.filter((e) => e._tag !== 'StandInDesignated' && e.activationId === a.id)
          expect(facts.refusals).toBe(own.filter((e) => e._tag === 'RefusalRecorded').length)
          expect(facts.refusals).toBe(
            facts.refusalsBySide.squad + facts.refusalsBySide.office + facts.refusalsBySide.other,
          )
          expect(facts.shareAcknowledgedWithinWindow).toBeGreaterThanOrEqual(0)
          expect(facts.shareAcknowledgedWithinWindow).toBeLessThanOrEqual(1)
          expect(facts.rosterSize).toBe(a.roster.length)
          expect(facts.tasksAssigned).toBe(a.tasks.length)
          expect(facts.tasksDone).toBe(a.tasks.filter((t) => t.done !== null).length)
          expect(facts.tasksDone).toBeLessThanOrEqual(facts.tasksAssigned)
          expect(facts.crossTasks).toBeLessThanOrEqual(facts.tasksAssigned)
          const acknowledged = a.roster.filter((m) => m.response.kind === 'acknowledged').length
          expect(facts.contributed.squad + facts.contributed.office + facts.contributed.other).toBe(
            acknowledged,
          )
          if (facts.firstAcknowledgementMs !== null)
            expect(facts.firstAcknowledgementMs).toBeGreaterThanOrEqual(0)
          if (facts.fullAcknowledgementMs !== null && facts.firstAcknowledgementMs !== null) {
            expect(facts.fullAcknowledgementMs).toBeGreaterThanOrEqual(facts.firstAcknowledgementMs)
          }
          expect(facts.summary === null).toBe(a.stoodDown === null)
          if (a.outcomes === null) expect(facts.outcomes).toBeNull()
          else {
            const counts = { acknowledged: 0, declinedAccepted: 0, refused: 0, noResponse: 0 }
            for (const o of Object.values(a.outcomes)) counts[o] += 1
            expect(facts.outcomes).toEqual(counts)
          }
        }
      }),
      RUNS,
    )
  })

  it('rebuilds the state by replaying the event log, and derives the mode from open activations', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const { state, events } = play(s)
        expect(replayArea(AREA, events)).toEqual(state)
        const mode = areaModeOf(state)
        expect(mode._tag).toBe(openActivationsOf(state).length > 0 ? 'wartime' : 'peacetime')
      }),
      RUNS,
    )
  })

  it('reaches every stage and accepts every kind of command (so the properties above mean something)', () => {
    const stages = new Set<string>()
    const tags = new Set<string>()
    fc.assert(
      fc.property(steps, (s) => {
        const { state, accepted } = play(s)
        for (const { before } of [...accepted, { before: state }]) {
          for (const a of before.activations) stages.add(a.stage)
        }
        for (const { command } of accepted) tags.add(command._tag)
      }),
      { numRuns: 300, seed: 20240506 },
    )
    expect([...tags].sort()).toEqual(COMMAND_TAGS)
    expect([...stages].sort()).toEqual(['active', 'closed', 'mobilising', 'standingDown'])
  })
})
