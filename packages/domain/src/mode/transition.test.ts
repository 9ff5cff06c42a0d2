import { describe, expect, it } from '@effect/vitest'
import { Schema } from 'effect'
import { at, context, rejection, run, startBy } from './__fixtures__/activation-fixtures.ts'
import { ModeEvent } from './activation-events.ts'
import { activationOf, areaModeOf, initialAreaState, openAssignmentsOf } from './area-mode.ts'
import { replayArea } from './transition.ts'

const AREA_PEOPLE = [
  'lead-lucun',
  'staff-lucun-1',
  'staff-lucun-2',
  'staff-lucun-3',
  'staff-lucun-4',
  'dir-nanma',
  'dir-nanlushan',
  'dir-lucun',
  'dir-dazhangzhuang',
]

const started = () => run([[startBy('lead-lucun'), 0]])
const a1 = (r: { state: Parameters<typeof activationOf>[0] }) => {
  const a = activationOf(r.state, 'a1')
  if (!a) throw new Error('a1 missing')
  return a
}

describe('start (policy 三.2 进入战时, 三.3 战时职责清单)', () => {
  it('puts the area into wartime under its squad leader, with squad staff and office directors on the roster', () => {
    const r = started()
    const a = a1(r)
    expect(a.stage).toBe('mobilising')
    expect(a.commander).toBe('lead-lucun')
    expect(a.commanderBasis).toBe('squadLeader')
    expect(a.roster.map((m) => m.person)).toEqual(AREA_PEOPLE)
    expect(a.roster.map((m) => m.side)).toEqual([...Array(5).fill('squad'), ...Array(4).fill('office')])
    expect(a.roster.every((m) => m.response.kind === 'pending' && !m.borrowed)).toBe(true)
    expect(r.events).toHaveLength(1)
    expect(r.events[0]).toMatchObject({
      _tag: 'ActivationStarted',
      at: at(0),
      by: 'lead-lucun',
      duty: 'squad.wartime.1',
    })
    expect(areaModeOf(r.state)).toMatchObject({ _tag: 'wartime', area: 'lucun' })
    expect(areaModeOf(initialAreaState('lucun'))).toEqual({ _tag: 'peacetime', area: 'lucun' })
  })

  it('lets an office director pick only from the office wartime catalogue, a squad leader only from the squad one', () => {
    const empty = run([])
    expect(a1(run([[startBy('dir-nanma', { duty: 'office.wartime.3' }), 0]])).duty).toBe('office.wartime.3')
    const e1 = rejection(empty, startBy('dir-nanma', { duty: 'squad.wartime.1' }), 0)
    expect(e1._tag).toBe('DutyNotInWartimeCatalogue')
    expect(e1.message).toMatch(/^只能选择本单位战时职责清单中的事项/)
    expect(e1).toMatchObject({
      allowed: [
        'office.wartime.1',
        'office.wartime.2',
        'office.wartime.3',
        'office.wartime.4',
        'office.wartime.5',
      ],
    })
    expect(rejection(empty, startBy('lead-lucun', { duty: 'office.wartime.1' }), 0)).toMatchObject({
      _tag: 'DutyNotInWartimeCatalogue',
      allowed: ['squad.wartime.1', 'squad.wartime.2', 'squad.wartime.3', 'squad.wartime.4'],
    })
    expect(rejection(empty, startBy('lead-lucun', { duty: 'squad.peacetime.1' }), 0)._tag).toBe(
      'DutyNotInWartimeCatalogue',
    )
  })

  it('lets the brigade leader and any bureau leader pick from either catalogue', () => {
    expect(a1(run([[startBy('brigade', { duty: 'office.wartime.5' }), 0]])).commander).toBe('lead-lucun')
    expect(a1(run([[startBy('liaison-xili', { duty: 'squad.wartime.4' }), 0]])).startedBy).toBe(
      'liaison-xili',
    )
  })

  it('refuses anyone else, and people of another area', () => {
    const empty = run([])
    expect(rejection(empty, startBy('staff-lucun-1'), 0)._tag).toBe('NotAllowedToStart')
    expect(rejection(empty, startBy('dept-1'), 0)._tag).toBe('NotAllowedToStart')
    expect(rejection(empty, startBy('lead-xili'), 0)._tag).toBe('OutsideArea')
    expect(rejection(empty, startBy('dir-lishan', { duty: 'office.wartime.1' }), 0)._tag).toBe('OutsideArea')
    expect(rejection(empty, startBy('nobody'), 0)._tag).toBe('UnknownPerson')
    expect(
      rejection(run([], { state: initialAreaState('nowhere'), events: [] }), startBy('brigade'), 0)._tag,
    ).toBe('UnknownArea')
  })

  it('requires reason, place, a positive duration and head count, and a fresh id', () => {
    const empty = run([])
    expect(rejection(empty, startBy('lead-lucun', { reason: ' ' }), 0)).toMatchObject({
      _tag: 'InvalidInput',
      field: 'reason',
      message: '启动事由不能为空',
    })
    expect(rejection(empty, startBy('lead-lucun', { place: '' }), 0)).toMatchObject({ field: 'place' })
    expect(rejection(empty, startBy('lead-lucun', { expectedMinutes: 0 }), 0)).toMatchObject({
      field: 'expectedMinutes',
    })
    expect(rejection(empty, startBy('lead-lucun', { peopleNeeded: 1.5 }), 0)).toMatchObject({
      field: 'peopleNeeded',
    })
    expect(rejection(started(), startBy('brigade'), 1)._tag).toBe('ActivationExists')
  })
})

describe('the stand-in rule (policy 三.2, 四.1)', () => {
  it('has the brigade leader command when the squad leader is on leave and nobody is designated', () => {
    const r = run(
      [[startBy('dir-nanma', { duty: 'office.wartime.1' }), 0]],
      undefined,
      context(['lead-lucun']),
    )
    expect(a1(r)).toMatchObject({ commander: 'brigade', commanderBasis: 'brigadeLeader' })
    // the absent leader is excused from the outset, not counted as no response
    expect(a1(r).roster[0]?.response).toMatchObject({ kind: 'declinedAccepted', reason: 'leave' })
  })

  it('uses the brigade designation when the squad leader is on leave or commanding another activation', () => {
    const designated = run([[{ _tag: 'DesignateStandIn', by: 'brigade', person: 'staff-lucun-1' }, 0]])
    expect(designated.state.standIn).toBe('staff-lucun-1')
    const onLeave = run(
      [[startBy('dir-nanma', { duty: 'office.wartime.1' }), 1]],
      designated,
      context(['lead-lucun']),
    )
    expect(a1(onLeave)).toMatchObject({ commander: 'staff-lucun-1', commanderBasis: 'standIn' })

    const two = run(
      [
        [startBy('lead-lucun'), 1],
        [startBy('dir-nanma', { activationId: 'a2', duty: 'office.wartime.3' }), 2],
        [startBy('dir-lucun', { activationId: 'a3', duty: 'office.wartime.4' }), 3],
      ],
      designated,
    )
    expect(two.state.activations.map((a) => [a.commander, a.commanderBasis])).toEqual([
      ['lead-lucun', 'squadLeader'],
      ['staff-lucun-1', 'standIn'],
      ['brigade', 'brigadeLeader'],
    ])
    const mode = areaModeOf(two.state)
    expect(mode._tag === 'wartime' ? mode.activations.map((a) => a.id) : []).toEqual(['a1', 'a2', 'a3'])
  })

  it('falls back to the liaising bureau leader when the brigade leader is away too', () => {
    const r = run(
      [[startBy('dir-nanma', { duty: 'office.wartime.1' }), 0]],
      undefined,
      context(['lead-lucun', 'brigade']),
    )
    expect(a1(r)).toMatchObject({ commander: 'liaison-lucun', commanderBasis: 'liaison' })
  })

  it('lets only the brigade leader designate, and only someone of the area other than the squad leader', () => {
    const empty = run([])
    expect(
      rejection(empty, { _tag: 'DesignateStandIn', by: 'lead-lucun', person: 'staff-lucun-1' }, 0),
    ).toMatchObject({
      _tag: 'NotBrigadeLeader',
      message: '只有执法大队长可以指定代理指挥',
    })
    expect(
      rejection(empty, { _tag: 'DesignateStandIn', by: 'brigade', person: 'staff-xili-1' }, 0)._tag,
    ).toBe('OutsideArea')
    expect(rejection(empty, { _tag: 'DesignateStandIn', by: 'brigade', person: 'lead-lucun' }, 0)._tag).toBe(
      'InvalidInput',
    )
    expect(run([[{ _tag: 'DesignateStandIn', by: 'brigade', person: null }, 0]]).state.standIn).toBeNull()
  })
})

describe('acknowledge, decline and rulings (policy 三.2 不得以业务分工互相推诿)', () => {
  it('records an acknowledgement with its ETA; only roster members, not in the past', () => {
    const r = run([[{ _tag: 'Acknowledge', activationId: 'a1', by: 'dir-nanma', eta: at(30) }, 5]], started())
    expect(a1(r).roster.find((m) => m.person === 'dir-nanma')?.response).toEqual({
      kind: 'acknowledged',
      at: at(5),
      eta: at(30),
    })
    expect(
      rejection(r, { _tag: 'Acknowledge', activationId: 'a1', by: 'staff-xili-1', eta: at(30) }, 6),
    ).toMatchObject({
      _tag: 'NotOnRoster',
      message: '人员“staff-xili-1”不在本次战时行动的人员名单中',
    })
    expect(
      rejection(r, { _tag: 'Acknowledge', activationId: 'a1', by: 'dir-lucun', eta: at(1) }, 6)._tag,
    ).toBe('InvalidInput')
    expect(
      rejection(r, { _tag: 'Acknowledge', activationId: 'zz', by: 'dir-lucun', eta: at(9) }, 6)._tag,
    ).toBe('UnknownActivation')
  })

  it('records a decline by division of labour as a refusal that cannot be excused', () => {
    const r = run(
      [
        [
          {
            _tag: 'Decline',
            activationId: 'a1',
            by: 'dir-nanma',
            reason: 'divisionOfLabour',
            note: '这是中队的事',
          },
          3,
        ],
      ],
      started(),
    )
    expect(r.events.at(-1)).toMatchObject({
      _tag: 'RefusalRecorded',
      person: 'dir-nanma',
      basis: 'divisionOfLabour',
    })
    const e = rejection(
      r,
      { _tag: 'RuleDecline', activationId: 'a1', by: 'lead-lucun', person: 'dir-nanma', ruling: 'accept' },
      4,
    )
    expect(e._tag).toBe('RefusalNotAllowed')
    expect(e.message).toMatch(/不得以业务分工互相推诿/)
    expect(
      rejection(r, { _tag: 'Acknowledge', activationId: 'a1', by: 'dir-nanma', eta: at(9) }, 4)._tag,
    ).toBe('AlreadyResponded')
  })

  it('lets the commander or brigade accept a legitimate decline, or rule it a refusal', () => {
    const r = run(
      [
        [{ _tag: 'Decline', activationId: 'a1', by: 'staff-lucun-2', reason: 'leave', note: '年假' }, 2],
        [{ _tag: 'Decline', activationId: 'a1', by: 'dir-lucun', reason: 'other', note: '在开会' }, 3],
        [
          {
            _tag: 'RuleDecline',
            activationId: 'a1',
            by: 'lead-lucun',
            person: 'staff-lucun-2',
            ruling: 'accept',
          },
          4,
        ],
        [
          { _tag: 'RuleDecline', activationId: 'a1', by: 'brigade', person: 'dir-lucun', ruling: 'refusal' },
          5,
        ],
      ],
      started(),
    )
    const roster = a1(r).roster
    expect(roster.find((m) => m.person === 'staff-lucun-2')?.response).toMatchObject({
      kind: 'declinedAccepted',
      reason: 'leave',
      note: '年假',
    })
    expect(roster.find((m) => m.person === 'dir-lucun')?.response).toMatchObject({
      kind: 'refused',
      basis: 'declineRejected',
      note: '在开会',
    })
    const base = { _tag: 'RuleDecline', activationId: 'a1', ruling: 'accept' } as const
    expect(rejection(r, { ...base, by: 'staff-lucun-1', person: 'dir-nanma' }, 6)).toMatchObject({
      _tag: 'NotCommander',
      message: '只有本次战时行动的指挥人员或执法大队长可以处理请辞',
    })
    expect(rejection(r, { ...base, by: 'lead-lucun', person: 'dir-nanma' }, 6)._tag).toBe('NoDeclineToRule')
    expect(
      rejection(r, { _tag: 'Decline', activationId: 'a1', by: 'dir-nanma', reason: 'other', note: '' }, 6)
        ._tag,
    ).toBe('InvalidInput')
  })
})

describe('assign and report (policy 三.2 统一指挥, 队所融合)', () => {
  const tasked = () =>
    run(
      [
        [
          {
            _tag: 'Assign',
            activationId: 'a1',
            by: 'lead-lucun',
            taskId: 't1',
            person: 'dir-nanma',
            title: '组织矫正对象集中学习',
            duty: null,
            dueAt: at(90),
          },
          10,
        ],
        [
          {
            _tag: 'Assign',
            activationId: 'a1',
            by: 'lead-lucun',
            taskId: 't2',
            person: 'staff-lucun-3',
            title: '协助调解群体性纠纷',
            duty: 'office.wartime.3',
            dueAt: null,
          },
          11,
        ],
      ],
      started(),
    )

  it('lets the commander task office staff with squad work and squad staff with office work; the force is active', () => {
    const a = a1(tasked())
    expect(a.stage).toBe('active')
    expect(a.tasks.map((t) => [t.taskId, t.person, t.duty])).toEqual([
      ['t1', 'dir-nanma', 'squad.wartime.1'],
      ['t2', 'staff-lucun-3', 'office.wartime.3'],
    ])
  })

  it('refuses tasking by anyone but the commander, of people off the roster or excused, on unknown duties', () => {
    const r = tasked()
    const assign = {
      _tag: 'Assign',
      activationId: 'a1',
      by: 'lead-lucun',
      taskId: 't9',
      person: 'dir-lucun',
      title: '现场保障',
      duty: null,
      dueAt: null,
    } as const
    expect(rejection(r, { ...assign, by: 'brigade' }, 12)).toMatchObject({
      _tag: 'NotCommander',
      message: '只有本次战时行动的指挥人员可以分派任务',
    })
    expect(rejection(r, { ...assign, taskId: 't1' }, 12)._tag).toBe('TaskExists')
    expect(rejection(r, { ...assign, person: 'staff-xili-1' }, 12)._tag).toBe('NotOnRoster')
    expect(rejection(r, { ...assign, duty: 'office.wartime.99' }, 12)._tag).toBe('DutyNotInCatalogue')
    expect(rejection(r, { ...assign, title: '' }, 12)._tag).toBe('InvalidInput')
    const refused = run(
      [[{ _tag: 'Decline', activationId: 'a1', by: 'dir-lucun', reason: 'divisionOfLabour', note: '' }, 12]],
      r,
    )
    expect(rejection(refused, assign, 13)._tag).toBe('PersonUnavailable')
  })

  it('takes progress from the person tasked, and done from them or the commander, once', () => {
    const r = run(
      [
        [
          {
            _tag: 'ReportProgress',
            activationId: 'a1',
            by: 'dir-nanma',
            taskId: 't1',
            note: '已通知12名对象',
          },
          20,
        ],
        [{ _tag: 'ReportDone', activationId: 'a1', by: 'dir-nanma', taskId: 't1', note: '学习完成' }, 60],
        [{ _tag: 'ReportDone', activationId: 'a1', by: 'lead-lucun', taskId: 't2', note: '纠纷已化解' }, 61],
      ],
      tasked(),
    )
    const [t1, t2] = a1(r).tasks
    expect(t1?.progress).toEqual([{ at: at(20), by: 'dir-nanma', note: '已通知12名对象' }])
    expect(t1?.done).toEqual({ at: at(60), by: 'dir-nanma', note: '学习完成' })
    expect(t2?.done?.by).toBe('lead-lucun')
    const progress = { _tag: 'ReportProgress', activationId: 'a1', taskId: 't2', note: '进行中' } as const
    expect(rejection(tasked(), { ...progress, by: 'lead-lucun' }, 20)._tag).toBe('NotAssignee')
    expect(rejection(r, { ...progress, by: 'staff-lucun-3' }, 62)._tag).toBe('TaskAlreadyDone')
    expect(rejection(r, { ...progress, by: 'staff-lucun-3', taskId: 'tx' }, 62)._tag).toBe('UnknownTask')
  })

  it("lists a person's open assignments across activations and areas", () => {
    const lucun = run(
      [
        [startBy('lead-lucun', { activationId: 'a2', duty: 'squad.wartime.3' }), 12],
        [{ _tag: 'Borrow', activationId: 'a2', by: 'brigade', person: 'staff-xili-2' }, 13],
        [
          {
            _tag: 'Assign',
            activationId: 'a2',
            by: 'brigade',
            taskId: 't1',
            person: 'dir-nanma',
            title: '公益劳动现场管理',
            duty: null,
            dueAt: null,
          },
          14,
        ],
      ],
      tasked(),
    )
    // a2's commander: the squad leader already commands a1, so the brigade leader
    expect(activationOf(lucun.state, 'a2')?.commander).toBe('brigade')
    const xili = run(
      [
        [startBy('lead-xili', { duty: 'squad.wartime.2' }), 0],
        [
          {
            _tag: 'Assign',
            activationId: 'a1',
            by: 'lead-xili',
            taskId: 'x1',
            person: 'staff-xili-2',
            title: '迎检材料',
            duty: null,
            dueAt: null,
          },
          1,
        ],
      ],
      { state: initialAreaState('xili'), events: [] },
    )
    expect(
      openAssignmentsOf([lucun.state, xili.state], 'dir-nanma').map((o) => [
        o.area,
        o.activationId,
        o.taskId,
      ]),
    ).toEqual([
      ['lucun', 'a1', 't1'],
      ['lucun', 'a2', 't1'],
    ])
    expect(openAssignmentsOf([lucun.state, xili.state], 'staff-xili-2').map((o) => o.area)).toEqual(['xili'])
    expect(openAssignmentsOf([lucun.state], 'staff-lucun-4')).toEqual([])
  })
})

describe('borrowing and escalation (policy 三.2, 四.1 提报)', () => {
  it('lets only the brigade leader borrow people from other areas, recorded as an event', () => {
    const r = run(
      [[{ _tag: 'Borrow', activationId: 'a1', by: 'brigade', person: 'dir-lishan' }, 5]],
      started(),
    )
    expect(r.events.at(-1)).toEqual({
      _tag: 'PersonBorrowed',
      activationId: 'a1',
      at: at(5),
      by: 'brigade',
      person: 'dir-lishan',
      side: 'office',
      fromArea: 'xili',
    })
    expect(a1(r).roster.at(-1)).toMatchObject({ person: 'dir-lishan', borrowed: true, joinedAt: at(5) })
    expect(
      rejection(r, { _tag: 'Borrow', activationId: 'a1', by: 'lead-lucun', person: 'dir-yanya' }, 6)._tag,
    ).toBe('NotBrigadeLeader')
    expect(
      rejection(r, { _tag: 'Borrow', activationId: 'a1', by: 'brigade', person: 'dir-lishan' }, 6)._tag,
    ).toBe('AlreadyOnRoster')
    expect(rejection(r, { _tag: 'Borrow', activationId: 'a1', by: 'brigade', person: 'ghost' }, 6)._tag).toBe(
      'UnknownPerson',
    )
  })

  it('escalates to the liaising bureau leader or the party group with a deadline', () => {
    const escalate = {
      _tag: 'Escalate',
      activationId: 'a1',
      by: 'lead-lucun',
      escalationId: 'e1',
      to: 'liaison',
      question: '是否需要协调镇政府场地',
      decisionDeadline: at(60),
    } as const
    const r = run(
      [
        [escalate, 5],
        [{ ...escalate, escalationId: 'e2', to: 'partyGroup', by: 'brigade' }, 6],
      ],
      started(),
    )
    expect(a1(r).escalations.map((e) => [e.escalationId, e.recipient])).toEqual([
      ['e1', 'liaison-lucun'],
      ['e2', null],
    ])
    expect(rejection(r, escalate, 7)._tag).toBe('EscalationExists')
    expect(rejection(r, { ...escalate, escalationId: 'e3', decisionDeadline: at(7) }, 7)._tag).toBe(
      'InvalidInput',
    )
    expect(rejection(r, { ...escalate, escalationId: 'e3', by: 'dir-nanma' }, 7)._tag).toBe('NotCommander')
  })

  it('records the liaison’s or the party group’s decision on an escalation once (四.1)', () => {
    const escalate = {
      _tag: 'Escalate',
      activationId: 'a1',
      by: 'lead-lucun',
      escalationId: 'e1',
      to: 'liaison',
      question: '是否需要协调镇政府场地',
      decisionDeadline: at(60),
    } as const
    const r = run(
      [
        [escalate, 5],
        [{ ...escalate, escalationId: 'e2', to: 'partyGroup' }, 6],
        [
          {
            _tag: 'DecideEscalation',
            activationId: 'a1',
            by: 'liaison-lucun',
            escalationId: 'e1',
            decision: '同意',
          },
          8,
        ],
        // any bureau leader records the party group's decision, also after stand-down
        [{ _tag: 'StandDown', activationId: 'a1', by: 'lead-lucun' }, 9],
        [
          {
            _tag: 'DecideEscalation',
            activationId: 'a1',
            by: 'liaison-xili',
            escalationId: 'e2',
            decision: '局党组研究同意',
          },
          10,
        ],
      ],
      started(),
    )
    expect(a1(r).escalations.map((e) => [e.escalationId, e.decision])).toEqual([
      ['e1', { at: at(8), by: 'liaison-lucun', text: '同意' }],
      ['e2', { at: at(10), by: 'liaison-xili', text: '局党组研究同意' }],
    ])
    const decide = {
      _tag: 'DecideEscalation',
      activationId: 'a1',
      by: 'liaison-lucun',
      escalationId: 'e1',
      decision: '再议',
    } as const
    expect(rejection(r, decide, 11)._tag).toBe('EscalationAlreadyDecided')
    expect(rejection(r, { ...decide, escalationId: 'e9' }, 11)._tag).toBe('UnknownEscalation')
    const fresh = run(
      [
        [escalate, 5],
        [{ ...escalate, escalationId: 'e2', to: 'partyGroup' }, 6],
      ],
      started(),
    )
    // a liaison question is for the liaison of this area only; the party group's is recorded by a bureau leader
    expect(rejection(fresh, { ...decide, by: 'liaison-xili' }, 7)._tag).toBe('NotDecider')
    expect(rejection(fresh, { ...decide, by: 'brigade', escalationId: 'e2' }, 7)._tag).toBe('NotDecider')
    expect(rejection(fresh, { ...decide, decision: ' ' }, 7)._tag).toBe('InvalidInput')
  })
})

describe('stand-down, summary and review (policy 三.2, 四.3)', () => {
  it('walks mobilising → standingDown → closed, fixing every roster outcome', () => {
    const pending = run(
      [
        [{ _tag: 'Acknowledge', activationId: 'a1', by: 'lead-lucun', eta: at(1) }, 1],
        [{ _tag: 'Decline', activationId: 'a1', by: 'dir-nanma', reason: 'sick', note: '发烧' }, 2],
        [{ _tag: 'Decline', activationId: 'a1', by: 'dir-lucun', reason: 'divisionOfLabour', note: '' }, 3],
      ],
      started(),
    )
    const standDown = { _tag: 'StandDown', activationId: 'a1', by: 'lead-lucun' } as const
    expect(rejection(pending, standDown, 4)).toMatchObject({
      _tag: 'DeclinesAwaitingRuling',
      people: ['dir-nanma'],
    })
    expect(rejection(pending, { ...standDown, by: 'staff-lucun-1' }, 4)).toMatchObject({
      _tag: 'NotCommander',
      message: '只有本次战时行动的指挥人员或执法大队长可以收队',
    })
    const stood = run(
      [
        [
          {
            _tag: 'RuleDecline',
            activationId: 'a1',
            by: 'lead-lucun',
            person: 'dir-nanma',
            ruling: 'accept',
          },
          4,
        ],
        [{ ...standDown, by: 'brigade' }, 5],
      ],
      pending,
    )
    expect(a1(stood).stage).toBe('standingDown')
    expect(areaModeOf(stood.state)._tag).toBe('peacetime')
    expect(
      rejection(stood, { _tag: 'Acknowledge', activationId: 'a1', by: 'dir-lishan', eta: at(9) }, 6),
    ).toMatchObject({
      _tag: 'WrongStage',
      message: '战时行动当前收队中，不能响应',
    })
    const review = { _tag: 'Review', activationId: 'a1', by: 'liaison-lucun', findings: '配合顺畅' } as const
    expect(rejection(stood, review, 6)._tag).toBe('SummaryMissing')
    expect(
      rejection(stood, { _tag: 'SubmitSummary', activationId: 'a1', by: 'dir-nanma', summary: '总结' }, 6)
        ._tag,
    ).toBe('NotCommander')
    const summarised = run(
      [[{ _tag: 'SubmitSummary', activationId: 'a1', by: 'lead-lucun', summary: '督导检查顺利完成' }, 60]],
      stood,
    )
    expect(
      rejection(
        summarised,
        { _tag: 'SubmitSummary', activationId: 'a1', by: 'lead-lucun', summary: '再交' },
        61,
      )._tag,
    ).toBe('SummaryAlreadySubmitted')
    expect(rejection(summarised, { ...review, by: 'lead-lucun' }, 61)._tag).toBe('NotReviewer')
    const closed = run([[review, 120]], summarised)
    const a = a1(closed)
    expect(a.stage).toBe('closed')
    expect(a.outcomes).toEqual({
      'lead-lucun': 'acknowledged',
      'staff-lucun-1': 'noResponse',
      'staff-lucun-2': 'noResponse',
      'staff-lucun-3': 'noResponse',
      'staff-lucun-4': 'noResponse',
      'dir-nanma': 'declinedAccepted',
      'dir-nanlushan': 'noResponse',
      'dir-lucun': 'refused',
      'dir-dazhangzhuang': 'noResponse',
    })
    const after = rejection(closed, standDown, 121)
    expect(after._tag).toBe('ActivationClosed')
    expect(after.message).toBe('战时行动“a1”已经结束，不能再作任何记录')
    expect(rejection(closed, { ...review, findings: '又一次' }, 121)._tag).toBe('ActivationClosed')
  })

  it('rejects a time that is not a number', () => {
    expect(
      rejection(started(), { _tag: 'StandDown', activationId: 'a1', by: 'lead-lucun' }, Number.NaN)._tag,
    ).toBe('InvalidInput')
  })
})

describe('the event log', () => {
  it('replays to the same state and survives JSON and the ModeEvent schema', () => {
    const r = run(
      [
        [{ _tag: 'DesignateStandIn', by: 'brigade', person: 'dir-lucun' }, 0],
        [startBy('lead-lucun'), 1],
        [{ _tag: 'Borrow', activationId: 'a1', by: 'brigade', person: 'staff-shiqiao-1' }, 2],
        [{ _tag: 'Acknowledge', activationId: 'a1', by: 'staff-shiqiao-1', eta: at(40) }, 3],
        [
          {
            _tag: 'Assign',
            activationId: 'a1',
            by: 'lead-lucun',
            taskId: 't1',
            person: 'staff-shiqiao-1',
            title: '入户走访',
            duty: null,
            dueAt: null,
          },
          4,
        ],
        [{ _tag: 'StandDown', activationId: 'a1', by: 'lead-lucun' }, 50],
      ],
      undefined,
      context([]),
    )
    expect(replayArea('lucun', r.events)).toEqual(r.state)
    const decoded = Schema.decodeUnknownSync(Schema.Array(ModeEvent))(JSON.parse(JSON.stringify(r.events)))
    expect(decoded).toEqual(r.events)
    expect(replayArea('lucun', decoded)).toEqual(r.state)
  })
})
