import { describe, expect, it } from '@effect/vitest'
import { at, context, run, startBy, T0 } from './__fixtures__/activation-fixtures.ts'
import { cooperationFacts } from './cooperation.ts'

// 鲁村中队辖区: 5 squad staff + 4 office directors, one director from 西里 borrowed.
const scenario = () =>
  run(
    [
      [startBy('dir-nanma', { duty: 'office.wartime.3', reason: '群体性矛盾纠纷调解' }), 0],
      [{ _tag: 'Acknowledge', activationId: 'a1', by: 'lead-lucun', eta: at(20) }, 2],
      [{ _tag: 'Acknowledge', activationId: 'a1', by: 'staff-lucun-1', eta: at(30) }, 10],
      [{ _tag: 'Acknowledge', activationId: 'a1', by: 'dir-nanma', eta: at(25) }, 15],
      [{ _tag: 'Acknowledge', activationId: 'a1', by: 'staff-lucun-2', eta: at(40) }, 16],
      [
        {
          _tag: 'Decline',
          activationId: 'a1',
          by: 'dir-lucun',
          reason: 'divisionOfLabour',
          note: '中队的活',
        },
        17,
      ],
      [
        {
          _tag: 'Decline',
          activationId: 'a1',
          by: 'staff-lucun-3',
          reason: 'otherAssignment',
          note: '调查评估',
        },
        18,
      ],
      [
        {
          _tag: 'RuleDecline',
          activationId: 'a1',
          by: 'lead-lucun',
          person: 'staff-lucun-3',
          ruling: 'accept',
        },
        19,
      ],
      [{ _tag: 'Borrow', activationId: 'a1', by: 'brigade', person: 'dir-lishan' }, 30],
      [{ _tag: 'Acknowledge', activationId: 'a1', by: 'dir-lishan', eta: at(60) }, 40],
      [
        {
          _tag: 'Assign',
          activationId: 'a1',
          by: 'lead-lucun',
          taskId: 't1',
          person: 'staff-lucun-1',
          title: '现场调解',
          duty: null,
          dueAt: null,
        },
        41,
      ],
      [
        {
          _tag: 'Assign',
          activationId: 'a1',
          by: 'lead-lucun',
          taskId: 't2',
          person: 'dir-nanma',
          title: '整理卷宗',
          duty: 'office.wartime.3',
          dueAt: null,
        },
        42,
      ],
      [{ _tag: 'ReportDone', activationId: 'a1', by: 'staff-lucun-1', taskId: 't1', note: '达成协议' }, 90],
      [
        {
          _tag: 'Escalate',
          activationId: 'a1',
          by: 'lead-lucun',
          escalationId: 'e1',
          to: 'partyGroup',
          question: '是否启动法律援助',
          decisionDeadline: at(120),
        },
        91,
      ],
      [{ _tag: 'StandDown', activationId: 'a1', by: 'lead-lucun' }, 100],
    ],
    undefined,
    context(['staff-lucun-4']),
  )

describe('cooperationFacts (policy 三.2 融合联动, 四.3 协调配合情况考核)', () => {
  it('derives the facts of an activation from its events', () => {
    const facts = cooperationFacts(scenario().events, 'a1')
    expect(facts).toEqual({
      activationId: 'a1',
      area: 'lucun',
      duty: 'office.wartime.3',
      startedAt: T0,
      rosterSize: 10,
      firstAcknowledgementMs: 2 * 60_000,
      fullAcknowledgementMs: null, // several never answered, one refused
      acknowledgedWithinWindow: 4, // lead (2), staff-1 (10), dir-nanma (15), dir-lishan (10 after borrowing)
      shareAcknowledgedWithinWindow: 0.4,
      contributed: { squad: 3, office: 2, other: 0 },
      refusals: 1,
      refusalsBySide: { squad: 0, office: 1, other: 0 },
      tasksAssigned: 2,
      tasksDone: 1,
      crossTasks: 1, // staff-lucun-1 on office.wartime.3; dir-nanma on an office duty is not cross
      escalations: 1,
      summary: { due: at(100 + 24 * 60), submittedAt: null, onTime: null },
      outcomes: null,
    })
  })

  it('takes the window and the summary deadline as options, and judges an overdue summary late', () => {
    const events = scenario().events
    expect(cooperationFacts(events, 'a1', { ackWindowMinutes: 2 })?.acknowledgedWithinWindow).toBe(1)
    expect(cooperationFacts(events, 'a1', { summaryDeadlineMinutes: 60, asOf: at(161) })?.summary).toEqual({
      due: at(160),
      submittedAt: null,
      onTime: false,
    })
    const late = run(
      [
        [{ _tag: 'SubmitSummary', activationId: 'a1', by: 'lead-lucun', summary: '纠纷化解' }, 200],
        [{ _tag: 'Review', activationId: 'a1', by: 'brigade', findings: '所长推诿一次' }, 300],
      ],
      scenario(),
    )
    const facts = cooperationFacts(late.events, 'a1', { summaryDeadlineMinutes: 60 })
    expect(facts?.summary).toEqual({ due: at(160), submittedAt: at(200), onTime: false })
    expect(cooperationFacts(late.events, 'a1')?.summary?.onTime).toBe(true)
    expect(facts?.outcomes).toEqual({ acknowledged: 5, declinedAccepted: 2, refused: 1, noResponse: 2 })
  })

  it('times full acknowledgement from the moment nobody is left outstanding', () => {
    const base = run([[startBy('lead-lucun'), 0]], undefined, context(['dir-nanma']))
    const people = ['lead-lucun', 'staff-lucun-1', 'staff-lucun-2', 'staff-lucun-3', 'staff-lucun-4']
    const directors = ['dir-nanlushan', 'dir-lucun', 'dir-dazhangzhuang']
    const all = run(
      [...people, ...directors].map(
        (by, i) => [{ _tag: 'Acknowledge', activationId: 'a1', by, eta: at(60) }, i + 1] as const,
      ),
      base,
    )
    const facts = cooperationFacts(all.events, 'a1')
    expect(facts?.fullAcknowledgementMs).toBe(8 * 60_000)
    expect(facts?.shareAcknowledgedWithinWindow).toBeCloseTo(8 / 9)
  })

  it('is null for an activation not in the log, and ignores other activations', () => {
    expect(cooperationFacts(scenario().events, 'zz')).toBeNull()
    const two = run([[startBy('brigade', { activationId: 'a2', duty: 'office.wartime.1' }), 200]], scenario())
    expect(cooperationFacts(two.events, 'a2')).toMatchObject({ rosterSize: 9, refusals: 0, tasksAssigned: 0 })
  })
})
