import { describe, expect, it } from '@effect/vitest'
import { Result } from 'effect'
import { SCHEDULE_2025, SCHEDULE_2026 } from './__fixtures__/calendar-2025-2026.ts'
import { buildCalendar } from './calendar.ts'
import { type CaseEvent, obligationsOf } from './obligations.ts'
import { checkTransferStep, transferStateOf } from './residence-transfer.ts'
import { ruleSetOf } from './rules.ts'

const rules = ruleSetOf([])
const cal = buildCalendar([SCHEDULE_2025, SCHEDULE_2026])
const outcome = (r: Result.Result<{ late: boolean }, { problem: string }>) =>
  Result.isSuccess(r) ? (r.success.late ? 'late' : 'ok') : r.failure.problem

describe('change of residence (变更执行地: 社区矫正法27; 实施办法29–30, recalled R)', () => {
  const judgment: CaseEvent = {
    id: 'j',
    on: '2026-06-01',
    atMs: 0,
    kind: 'judgment',
    termStart: '2026-06-01',
    termEnd: '2027-05-31',
  }
  const reported: CaseEvent = { id: 'r', on: '2026-06-05', atMs: 0, kind: 'reported' }
  const applied: CaseEvent = {
    id: 'a',
    on: '2026-09-24',
    atMs: 0,
    kind: 'transferApplied',
    destination: '淄博市淄川区',
    moveOn: '2026-11-01',
  }
  const facts = { correctionType: 'probation', managementLevel: 'normal', status: 'active' } as const
  const due = (events: CaseEvent[], status: 'active' | 'transferred' = 'active') =>
    Object.fromEntries(
      obligationsOf({ ...facts, status }, events, rules, cal)
        .filter((o) => o.kind.startsWith('transfer') || o.kind === 'discharge' || o.kind === 'visit')
        .map((o) => [o.kind, [o.dueDate, o.satisfied]]),
    )

  it('consult within 5 days of the application, rolling past the National Day holiday', () => {
    // 09-24 + 5 = 09-29 (Tue): a working day.
    expect(due([judgment, reported, applied]).transferConsult).toEqual(['2026-09-29', false])
    // Applied 09-28: + 5 = 10-03, inside 国庆 (10-01 … 10-07 off) → rolls to Thu 10-08.
    expect(due([judgment, reported, { ...applied, on: '2026-09-28' }]).transferConsult).toEqual([
      '2026-10-08',
      false,
    ])
  })

  it('the reply within 5 days, then files within 5 days and reporting within 7 days of the decision', () => {
    const consulted: CaseEvent = { id: 'c', on: '2026-09-25', atMs: 0, kind: 'transferConsulted' }
    expect(due([judgment, reported, applied, consulted])).toMatchObject({
      transferConsult: ['2026-09-29', true],
      transferReply: ['2026-09-30', false],
    })
    const replied: CaseEvent = { id: 'p', on: '2026-09-29', atMs: 0, kind: 'transferReplied', agreed: true }
    const decided: CaseEvent = { id: 'd', on: '2026-11-16', atMs: 0, kind: 'transferDecided', approved: true }
    // Decision Mon 11-16: files by Sat 11-21 → rolls to Mon 11-23; reporting 7 days → Mon 11-23.
    expect(due([judgment, reported, applied, consulted, replied, decided])).toMatchObject({
      transferReply: ['2026-09-30', true],
      transferFiles: ['2026-11-23', false],
      transferReport: ['2026-11-23', false],
    })
    const refused: CaseEvent = { ...decided, approved: false }
    expect(due([judgment, reported, applied, consulted, replied, refused]).transferFiles).toBeUndefined()
    // Once moved out, no visits and no discharge here any more.
    const done: CaseEvent[] = [
      judgment,
      reported,
      applied,
      consulted,
      replied,
      decided,
      { id: 'f', on: '2026-11-18', atMs: 0, kind: 'transferFilesSent' },
      { id: 'x', on: '2026-11-20', atMs: 0, kind: 'transferCompleted' },
    ]
    const moved = due(done, 'transferred')
    expect(moved).toMatchObject({ transferFiles: ['2026-11-23', true], transferReport: ['2026-11-23', true] })
    expect(moved.visit).toBeUndefined()
    expect(moved.discharge).toBeUndefined()
  })

  it('keeps the steps in order and approves only what the new county agreed to', () => {
    const none = transferStateOf([])
    expect(outcome(checkTransferStep(rules, none, { step: 'consult', on: '2026-09-25' }))).toBe(
      '请先登记变更执行地申请',
    )
    // about a month ahead (实施办法29): 10-01 → 11-01 is in time; 10-02 is late (flagged, not refused)
    const apply = (on: string) =>
      outcome(
        checkTransferStep(rules, none, { step: 'apply', on, destination: '淄川区', moveOn: '2026-11-01' }),
      )
    expect(apply('2026-10-01')).toBe('ok')
    expect(apply('2026-10-02')).toBe('late')
    const replied = transferStateOf([
      { kind: 'transferApplied', destination: '淄川区' },
      { kind: 'transferConsulted' },
      { kind: 'transferReplied', agreed: false },
    ])
    expect(
      outcome(checkTransferStep(rules, replied, { step: 'decide', on: '2026-10-05', approve: true })),
    ).toBe('新执行地不同意接收，不能批准变更执行地')
    expect(
      outcome(checkTransferStep(rules, replied, { step: 'decide', on: '2026-10-05', approve: false })),
    ).toBe('ok')
    const approved = transferStateOf([
      { kind: 'transferApplied', destination: '淄川区' },
      { kind: 'transferConsulted' },
      { kind: 'transferReplied', agreed: true },
      { kind: 'transferDecided', approved: true },
    ])
    expect(approved).toEqual({ stage: 'approved', destination: '淄川区', filesSent: false })
    expect(outcome(checkTransferStep(rules, approved, { step: 'complete', on: '2026-10-09' }))).toBe(
      '请先移交档案材料',
    )
    expect(
      outcome(
        checkTransferStep(rules, approved, {
          step: 'apply',
          on: '2026-10-09',
          destination: 'x',
          moveOn: '2026-12-01',
        }),
      ),
    ).toBe('已有正在办理的变更执行地申请')
  })
})
