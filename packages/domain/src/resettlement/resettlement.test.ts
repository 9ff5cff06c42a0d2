import { describe, expect, it } from '@effect/vitest'
import { Result } from 'effect'
import { SCHEDULE_2025, SCHEDULE_2026 } from '../corrections/__fixtures__/calendar-2025-2026.ts'
import { buildCalendar } from '../corrections/calendar.ts'
import { ruleSetOf } from '../corrections/rules.ts'
import {
  aftercareEndOf,
  checkReleaseeEvent,
  noticeLate,
  type ReleaseeEvent,
  type ReleaseeFacts,
  releaseeObligationsOf,
} from './resettlement.ts'

const rules = ruleSetOf([])
const cal = buildCalendar([SCHEDULE_2025, SCHEDULE_2026])
const notice: ReleaseeEvent = { id: 'e1', on: '2026-09-24', kind: 'noticeReceived', releaseOn: '2026-10-09' }
const facts = (over: Partial<ReleaseeFacts> = {}): ReleaseeFacts => ({
  category: 'general',
  releaseOn: '2026-10-09',
  status: 'notified',
  ...over,
})
const byKey = (list: ReadonlyArray<{ key: string; dueDate: string; satisfied: boolean }>) =>
  Object.fromEntries(list.map((o) => [o.key, [o.dueDate, o.satisfied]]))

describe('released prisoners: obligations (安置帮教; rules resettlement.*)', () => {
  it('counts handover from the notice, the file and entry from release, with the adjusted working Saturday', () => {
    // Notice Thu 09-24 + 5 days = Tue 09-29, a working day.
    // Release Fri 10-09 + 10 days = Mon 10-19. Entry: 5 working days, Sat 10-10 (调休上班) counts → Thu 10-15.
    const list = releaseeObligationsOf(facts(), [notice], rules, cal)
    expect(byKey(list)).toEqual({
      handover: ['2026-09-29', false],
      file: ['2026-10-19', false],
      entry: ['2026-10-15', false],
      aftercareEnd: ['2031-10-08', false],
      'visit:0': ['2027-01-07', false],
    })
    expect(list.find((o) => o.key === 'aftercareEnd')?.provisional).toBeNull()
    // 2027 is outside the calendar: a day count reaching into it is flagged, never a silent guess.
    expect(list.find((o) => o.key === 'visit:0')?.provisional).toBeNull()
  })

  it('rolls a handover deadline ending in the Spring Festival holiday and flags years the calendar lacks', () => {
    // Notice 2026-02-12 + 5 = 02-17, inside 春节 (02-15 … 02-23 off): rolls to Tue 02-24.
    const n: ReleaseeEvent = { ...notice, on: '2026-02-12', releaseOn: '2026-03-10' }
    const list = releaseeObligationsOf(facts({ releaseOn: '2026-03-10' }), [n], rules, cal)
    expect(byKey(list).handover).toEqual(['2026-02-24', false])
    const late: ReleaseeEvent = { ...notice, on: '2026-12-28', releaseOn: '2026-12-30' }
    const flagged = releaseeObligationsOf(facts({ releaseOn: '2026-12-30' }), [late], rules, cal)
    expect(flagged.find((o) => o.key === 'file')?.provisional).toContain('2027')
  })

  it('takes the aftercare period and visit frequency from the category settings', () => {
    const key = releaseeObligationsOf(facts({ category: 'key' }), [notice], rules, cal)
    expect(byKey(key)['visit:0']).toEqual(['2026-11-08', false])
    const shorter = ruleSetOf([{ code: 'resettlement.aftercareYears.key', amount: 3, roll: false }])
    expect(aftercareEndOf(shorter, 'key', '2026-10-09')).toBe('2029-10-08')
    expect(aftercareEndOf(shorter, 'general', '2026-10-09')).toBe('2031-10-08')
  })

  it('is satisfied by the recorded steps, moves the visit on after each visit, and is idempotent', () => {
    const events: ReleaseeEvent[] = [
      notice,
      { id: 'e2', on: '2026-10-09', kind: 'handedOver' },
      { id: 'e3', on: '2026-10-12', kind: 'fileOpened' },
      { id: 'e4', on: '2026-10-12', kind: 'infoEntered' },
      { id: 'e5', on: '2026-11-02', kind: 'visit' },
    ]
    const a = releaseeObligationsOf(facts({ status: 'aftercare' }), events, rules, cal)
    expect(byKey(a)).toMatchObject({
      handover: ['2026-09-29', true],
      file: ['2026-10-19', true],
      entry: ['2026-10-15', true],
      'visit:1': ['2027-01-31', false],
    })
    expect(releaseeObligationsOf(facts({ status: 'aftercare' }), events, rules, cal)).toEqual(a)
    const closed = releaseeObligationsOf(facts({ status: 'closed' }), events, rules, cal)
    expect(closed.some((o) => o.kind === 'releaseeVisit')).toBe(false)
  })

  it('flags a prison notice later than about a month before release (1999 司法部 notice, S)', () => {
    expect(noticeLate(rules, '2026-09-24', '2026-10-09')).toBe(true)
    expect(noticeLate(rules, '2026-09-09', '2026-10-09')).toBe(false)
  })

  it('orders the steps: handover first, not before release; closing only at the end of the period', () => {
    const tag = (r: Result.Result<unknown, { problem: string }>) =>
      Result.isFailure(r) ? r.failure.problem : 'ok'
    expect(tag(checkReleaseeEvent(facts(), [notice], 'visit', '2026-10-10', rules))).toBe('请先登记衔接到位')
    expect(tag(checkReleaseeEvent(facts(), [notice], 'handedOver', '2026-10-08', rules))).toContain(
      '不能早于释放日期',
    )
    expect(checkReleaseeEvent(facts(), [notice], 'handedOver', '2026-10-09', rules)).toEqual(
      Result.succeed('aftercare'),
    )
    const after = [notice, { kind: 'handedOver' as const }]
    expect(
      tag(checkReleaseeEvent(facts({ status: 'aftercare' }), after, 'closed', '2031-10-07', rules)),
    ).toContain('2031-10-08')
    expect(checkReleaseeEvent(facts({ status: 'aftercare' }), after, 'closed', '2031-10-08', rules)).toEqual(
      Result.succeed('closed'),
    )
  })
})
