import { describe, expect, it } from '@effect/vitest'
import { Result } from 'effect'
import { SCHEDULE_2025, SCHEDULE_2026 } from './__fixtures__/calendar-2025-2026.ts'
import { buildCalendar } from './calendar.ts'
import { checkLeaveApprover, routeLeave } from './leave.ts'
import { type CaseEvent, obligationsOf, urgencyOf } from './obligations.ts'
import { checkRuleChange, DEFAULT_RULES, ruleSetOf } from './rules.ts'
import {
  checkMonitoring,
  checkSanction,
  currentMonitoring,
  groundsOnRecord,
  monitoringUntil,
  type SuperviseeRecord,
} from './sanctions.ts'
import { checkTeam, isMinorOn } from './supervisee.ts'

const rules = ruleSetOf([])
const cal = buildCalendar([SCHEDULE_2025, SCHEDULE_2026])
const tagOf = (r: Result.Result<unknown, { _tag: string }>) => (Result.isFailure(r) ? r.failure._tag : 'ok')
const levelOf = (r: ReturnType<typeof routeLeave>) => (Result.isSuccess(r) ? r.success.level : r.failure._tag)

describe('outing approval routing (社区矫正法27; 实施办法26)', () => {
  const ask = (from: string, to: string) => ({ from, to, appliedOn: '2026-11-20' })
  const rows: ReadonlyArray<
    readonly [
      why: string,
      from: string,
      to: string,
      prior: Array<{ from: string; to: string }>,
      level: string,
    ]
  > = [
    ['7 days, 七日以内 includes day 7: delegated office', '2026-12-01', '2026-12-07', [], 'office'],
    ['1 day: office', '2026-12-01', '2026-12-01', [], 'office'],
    ['8 days, more than 7: county', '2026-12-01', '2026-12-08', [], 'county'],
    ['30 days, not 超过三十日: county', '2026-12-01', '2026-12-30', [], 'county'],
    ['31 days, 超过三十日: next level up', '2026-12-01', '2026-12-31', [], 'upper'],
    [
      '5 days but 26 approved in the two months before: 31 cumulative → upper',
      '2026-12-20',
      '2026-12-24',
      [{ from: '2026-11-01', to: '2026-11-26' }],
      'upper',
    ],
    [
      '5 days with 25 approved: exactly 30 cumulative → office',
      '2026-12-20',
      '2026-12-24',
      [{ from: '2026-11-01', to: '2026-11-25' }],
      'office',
    ],
    [
      'an approved outing older than two months does not count',
      '2026-12-20',
      '2026-12-24',
      [{ from: '2026-08-01', to: '2026-09-30' }],
      'office',
    ],
    [
      'only the part of an outing inside the window counts',
      '2026-12-20',
      '2026-12-24',
      [{ from: '2026-10-01', to: '2026-10-31' }],
      'office',
    ],
  ]
  it.each(rows)('%s', (_why, from, to, prior, level) => {
    expect(levelOf(routeLeave(rules, ask(from, to), prior))).toBe(level)
  })

  it('routes ≤7 days to the county when the county has not delegated (bureau rule leave.officeDelegated)', () => {
    const undelegated = ruleSetOf([{ code: 'leave.officeDelegated', amount: 0, roll: false }])
    expect(levelOf(routeLeave(undelegated, ask('2026-12-01', '2026-12-03'), []))).toBe('county')
  })

  it('flags a late application (≈3 days ahead, 实施办法26) without refusing it, and refuses nonsense dates', () => {
    const r = routeLeave(rules, { from: '2026-11-21', to: '2026-11-22', appliedOn: '2026-11-20' }, [])
    expect(Result.isSuccess(r) && r.success.late).toBe(true)
    expect(levelOf(routeLeave(rules, ask('2026-12-05', '2026-12-01'), []))).toBe('LeaveNotAllowed')
    expect(
      levelOf(routeLeave(rules, { from: '2026-11-19', to: '2026-11-22', appliedOn: '2026-11-20' }, [])),
    ).toBe('LeaveNotAllowed')
  })

  it('lets only the right approver decide each level', () => {
    const director = (office: string) => ({ role: 'officeDirector' as const, office })
    const role = (r: 'brigadeLeader' | 'bureauLeader' | 'squadLeader' | 'squadMember') => ({
      role: r,
      office: null,
    })
    expect(tagOf(checkLeaveApprover('office', director('nanma'), 'nanma'))).toBe('ok')
    expect(tagOf(checkLeaveApprover('office', director('xili'), 'nanma'))).toBe('WrongApprover')
    expect(tagOf(checkLeaveApprover('office', role('squadLeader'), 'nanma'))).toBe('WrongApprover')
    expect(tagOf(checkLeaveApprover('county', director('nanma'), 'nanma'))).toBe('WrongApprover')
    expect(tagOf(checkLeaveApprover('county', role('brigadeLeader'), 'nanma'))).toBe('ok')
    expect(tagOf(checkLeaveApprover('county', role('squadMember'), 'nanma'))).toBe('WrongApprover')
    expect(tagOf(checkLeaveApprover('upper', role('bureauLeader'), 'nanma'))).toBe('WrongApprover')
    expect(tagOf(checkLeaveApprover('upper', role('brigadeLeader'), 'nanma'))).toBe('ok')
  })
})

describe('electronic monitoring (社区矫正法29)', () => {
  type Entry = SuperviseeRecord['entries'][number]
  const rec = (entries: ReadonlyArray<Entry>, prohibitionOrders = 0): SuperviseeRecord => ({
    prohibitionOrders,
    entries,
  })
  const everything = rec(
    [
      { kind: 'leftWithoutApproval', on: '2026-11-01' },
      { kind: 'sanction', on: '2026-11-02', sanction: 'revocation' },
    ],
    0,
  )
  const m = (
    situation: string,
    months: number,
    approverRole: 'bureauLeader' | 'brigadeLeader',
    record = everything,
    from = '2026-11-26',
  ) => tagOf(checkMonitoring(rules, { situation, months, approverRole, from, record }))

  it('needs one of the five situations, the bureau head, and at most three months', () => {
    expect(m('leftWithoutApproval', 3, 'bureauLeader')).toBe('ok')
    expect(m('revocationPending', 1, 'bureauLeader')).toBe('ok')
    expect(m('leftWithoutApproval', 4, 'bureauLeader')).toBe('MonitoringNotAllowed')
    expect(m('leftWithoutApproval', 0, 'bureauLeader')).toBe('MonitoringNotAllowed')
    expect(m('leftWithoutApproval', 3, 'brigadeLeader')).toBe('MonitoringNotAllowed')
    expect(m('convenience', 1, 'bureauLeader')).toBe('MonitoringNotAllowed')
  })

  it('takes a ground only when the record supports it', () => {
    // only a 训诫 on record: the ground that presupposes a 警告 is refused, with what it needs
    const reprimandOnly = rec([{ kind: 'sanction', on: '2026-11-01', sanction: 'reprimand' }])
    expect(m('refusedReportAfterWarning', 3, 'bureauLeader', reprimandOnly)).toBe('MonitoringNotAllowed')
    const refused = checkMonitoring(rules, {
      situation: 'refusedReportAfterWarning',
      months: 3,
      approverRole: 'bureauLeader',
      from: '2026-11-26',
      record: reprimandOnly,
    })
    expect(Result.isFailure(refused) && refused.failure.message).toContain('须已对该对象给予警告')
    const warned = rec([{ kind: 'sanction', on: '2026-11-01', sanction: 'warning' }])
    expect(m('refusedReportAfterWarning', 3, 'bureauLeader', warned)).toBe('ok')
    // a 禁止令 breach needs both the order and the recorded breach
    const breach = [{ kind: 'prohibitionBreach', on: '2026-11-01' }]
    expect(m('prohibitionBreach', 1, 'bureauLeader', rec(breach, 0))).toBe('MonitoringNotAllowed')
    expect(m('prohibitionBreach', 1, 'bureauLeader', rec([], 1))).toBe('MonitoringNotAllowed')
    expect(m('prohibitionBreach', 1, 'bureauLeader', rec(breach, 1))).toBe('ok')
    expect(m('publicSecurityPenalty', 1, 'bureauLeader', rec([]))).toBe('MonitoringNotAllowed')
    expect(
      m(
        'publicSecurityPenalty',
        1,
        'bureauLeader',
        rec([{ kind: 'publicSecurityPenalty', on: '2026-11-01' }]),
      ),
    ).toBe('ok')
    expect(
      m('leftWithoutApproval', 1, 'bureauLeader', rec([{ kind: 'lostContact', on: '2026-11-01' }])),
    ).toBe('MonitoringNotAllowed')
    expect(groundsOnRecord(everything)).toEqual(['leftWithoutApproval', 'revocationPending'])
  })

  it('drops the revocation ground once the proposal is refused', () => {
    const proposed = [{ kind: 'sanction', on: '2026-11-01', sanction: 'revocation' as const }]
    expect(groundsOnRecord(rec(proposed))).toEqual(['revocationPending'])
    expect(groundsOnRecord(rec([...proposed, { kind: 'revocationRejected', on: '2026-11-10' }]))).toEqual([])
  })

  it('extends from the day after the period ends, up to three months, only while a ground stands', () => {
    const running = (extra: ReadonlyArray<Entry> = []) =>
      rec([
        { kind: 'sanction', on: '2026-08-20', sanction: 'revocation' },
        { kind: 'monitoringStarted', on: '2026-09-01', until: '2026-11-30' },
        ...extra,
      ])
    expect(currentMonitoring(running())).toEqual({ from: '2026-09-01', until: '2026-11-30' })
    const ext = checkMonitoring(rules, {
      situation: 'revocationPending',
      months: 3,
      approverRole: 'bureauLeader',
      from: '2026-12-01',
      record: running(),
    })
    expect(Result.isSuccess(ext) && ext.success).toEqual({ situation: 'revocationPending', extension: true })
    // overlapping the running period
    expect(m('revocationPending', 3, 'bureauLeader', running(), '2026-11-15')).toBe('MonitoringNotAllowed')
    // more than three months per extension
    expect(m('revocationPending', 4, 'bureauLeader', running(), '2026-12-01')).toBe('MonitoringNotAllowed')
    // the proposal was refused meanwhile: no ground stands any longer
    const gone = checkMonitoring(rules, {
      situation: 'revocationPending',
      months: 1,
      approverRole: 'bureauLeader',
      from: '2026-12-01',
      record: running([{ kind: 'revocationRejected', on: '2026-11-20' }]),
    })
    expect(Result.isFailure(gone) && gone.failure.message).toContain(
      '已无社区矫正法第29条规定的任何情形，不能延长',
    )
    // ended: a new decision, no longer an extension
    expect(currentMonitoring(running([{ kind: 'monitoringEnded', on: '2026-11-20' }]))).toBeNull()
  })

  it('ends a period the day before the corresponding day, never rolled', () => {
    expect(monitoringUntil('2026-03-01', 1)).toBe('2026-03-31')
    expect(monitoringUntil('2026-11-26', 3)).toBe('2027-02-25')
    // from 2026-07-08 for three months: through Wed 10-07, a National Day holiday — not lengthened
    expect(monitoringUntil('2026-07-08', 3)).toBe('2026-10-07')
  })
})

describe('sanction ladder 训诫 → 警告 → 提请撤销/收监 (实施办法34, 35, 46; 刑诉解释543)', () => {
  const none = { reprimands: 0, warnings: 0 }
  const s = (
    kind: 'reprimand' | 'warning' | 'revocation',
    history = none,
    absentDays = 0,
    serious = false,
    type: 'probation' | 'control' | 'medicalParole' = 'probation',
  ) => tagOf(checkSanction(rules, type, history, { kind, absentDays, serious }))
  it.each([
    ['训诫 for 10 days absent (不超过十日 includes 10)', s('reprimand', none, 10), 'ok'],
    ['no 训诫 for 11 days absent: that is a 警告 case', s('reprimand', none, 11), 'SanctionNotAllowed'],
    ['警告 for 11 days absent (超过十日)', s('warning', none, 11), 'ok'],
    ['no 警告 for 10 days absent and no reprimand', s('warning', none, 10), 'SanctionNotAllowed'],
    ['警告 after two 训诫 without correction', s('warning', { reprimands: 2, warnings: 0 }), 'ok'],
    ['no 警告 after one 训诫', s('warning', { reprimands: 1, warnings: 0 }), 'SanctionNotAllowed'],
    ['警告 for a serious breach', s('warning', none, 0, true), 'ok'],
    ['revocation after two 警告', s('revocation', { reprimands: 0, warnings: 2 }), 'ok'],
    ['no revocation after one 警告', s('revocation', { reprimands: 2, warnings: 1 }), 'SanctionNotAllowed'],
    ['revocation for more than a month absent', s('revocation', none, 31), 'ok'],
    [
      '收监 proposal for 暂予监外执行 likewise',
      s('revocation', { reprimands: 0, warnings: 2 }, 0, false, 'medicalParole'),
      'ok',
    ],
    [
      'nothing to revoke for 管制',
      s('revocation', { reprimands: 0, warnings: 3 }, 40, true, 'control'),
      'SanctionNotAllowed',
    ],
  ])('%s', (_why, actual, expected) => {
    expect(actual).toBe(expected)
  })
})

describe('minors and the correction team (社区矫正法25, 52, 58)', () => {
  it('derives the minor flag from the birth date (不满十八周岁)', () => {
    expect(isMinorOn('2008-12-01', '2026-11-30')).toBe(true)
    expect(isMinorOn('2008-12-01', '2026-12-01')).toBe(false) // turns 18 that day
  })
  it('wants a woman for a female supervisee and someone familiar with minors for a minor', () => {
    const man = { name: '甲', sex: 'M' as const, role: '司法所工作人员', familiarWithMinors: false }
    const woman = { name: '乙', sex: 'F' as const, role: '村（居）委会人员', familiarWithMinors: false }
    const teacher = { name: '丙', sex: 'M' as const, role: '教师', familiarWithMinors: true }
    expect(tagOf(checkTeam({ sex: 'F', minor: false }, [man, teacher]))).toBe('TeamInvalid')
    expect(tagOf(checkTeam({ sex: 'F', minor: false }, [man, woman]))).toBe('ok')
    expect(tagOf(checkTeam({ sex: 'M', minor: true }, [man, woman]))).toBe('TeamInvalid')
    expect(tagOf(checkTeam({ sex: 'M', minor: true }, [man, teacher]))).toBe('ok')
    expect(tagOf(checkTeam({ sex: 'M', minor: false }, [man]))).toBe('TeamInvalid')
  })
})

describe('rules as data', () => {
  it('every rule names a source and a confidence; V rules cannot be changed, others only within range', () => {
    for (const r of DEFAULT_RULES) {
      expect(r.source.length).toBeGreaterThan(3)
      expect(['V', 'S', 'R', 'B']).toContain(r.confidence)
    }
    const report = rules.get('report.deadline')
    const fast = rules.get('investigation.fast')
    if (!report || !fast) throw new Error('rules missing')
    expect(tagOf(checkRuleChange(report, { amount: 15, roll: true }))).toBe('RuleChangeRefused')
    expect(tagOf(checkRuleChange(fast, { amount: 7, roll: false }))).toBe('ok')
    expect(tagOf(checkRuleChange(fast, { amount: 31, roll: false }))).toBe('RuleChangeRefused')
    // A stored override of a V rule is ignored.
    expect(
      ruleSetOf([{ code: 'report.deadline', amount: 3, roll: true }]).get('report.deadline')?.amount,
    ).toBe(10)
  })
})

describe('obligations engine', () => {
  let seq = 0
  const ev = (e: Record<string, unknown> & { kind: CaseEvent['kind']; on: string }): CaseEvent =>
    ({ id: `e${++seq}`, atMs: Date.parse(`${e.on}T09:00:00+08:00`), ...e }) as CaseEvent
  const facts = {
    correctionType: 'probation' as const,
    managementLevel: 'normal' as const,
    status: 'active' as const,
  }

  it('derives report and discharge from the judgment; reporting satisfies it and starts announcement, plan and visits', () => {
    const judgment = ev({
      kind: 'judgment',
      on: '2026-09-21',
      termStart: '2026-09-21',
      termEnd: '2027-09-20',
    })
    const before = obligationsOf({ ...facts, status: 'pending' }, [judgment], rules, cal)
    expect(before.map((o) => [o.key, o.dueDate, o.satisfied])).toEqual([
      ['report', '2026-10-08', false], // 10 days → 10-01 in 国庆 → 10-08 (社区矫正法21; 民法典203)
      ['discharge', '2027-09-20', false],
    ])
    const reported = ev({ kind: 'reported', on: '2026-09-30' })
    const after = obligationsOf(facts, [judgment, reported], rules, cal)
    expect(after.find((o) => o.key === 'report')?.satisfied).toBe(true)
    // 3 working days from 09-30: 10-08, 10-09, 10-10 (调休 Saturday)
    expect(after.find((o) => o.key === 'announcement')?.dueDate).toBe('2026-10-10')
    expect(after.find((o) => o.key === 'visit:0')).toMatchObject({ dueDate: '2026-11-29', satisfied: false })
    // the same input gives the same output (idempotent recompute)
    expect(obligationsOf(facts, [judgment, reported], rules, cal)).toEqual(after)
  })

  it('uses the 暂予监外执行 handover rule and the 速裁 investigation period', () => {
    const j = ev({ kind: 'judgment', on: '2026-03-02', termStart: '2026-03-02', termEnd: '2026-12-01' })
    expect(obligationsOf({ ...facts, correctionType: 'medicalParole' }, [j], rules, cal)[0]).toMatchObject({
      rule: 'report.handover',
      dueDate: '2026-03-12',
    })
    const c = ev({ kind: 'investigationCommissioned', on: '2026-02-09', fast: true })
    expect(obligationsOf(facts, [c], rules, cal)[0]).toMatchObject({
      rule: 'investigation.fast',
      dueDate: '2026-02-14',
    })
  })

  it('gives a conservative, flagged due date when the calendar lacks the year', () => {
    const c = ev({ kind: 'investigationCommissioned', on: '2026-12-24', fast: false })
    const [o] = obligationsOf(facts, [c], rules, cal)
    expect(o?.dueDate).toBe('2027-01-03') // 10 calendar days: never later than the true last day
    expect(o?.provisional).toContain('2027 年')
  })

  it('orders an immediate search on loss of contact, due in hours, never rolled', () => {
    const lost = ev({ kind: 'lostContact', on: '2026-09-30' })
    const [o] = obligationsOf(facts, [lost], rules, cal)
    expect(o?.dueAtMs).toBe(lost.atMs + 24 * 3_600_000)
    expect(urgencyOf(o ?? { dueDate: '', dueAtMs: 0, satisfied: true }, '2026-09-30', lost.atMs)).toBe(
      'dueSoon',
    )
    const found = obligationsOf(facts, [lost, ev({ kind: 'contactRestored', on: '2026-10-01' })], rules, cal)
    expect(found[0]?.satisfied).toBe(true)
  })
})
