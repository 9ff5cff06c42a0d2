import { describe, expect, it } from '@effect/vitest'
import { Result } from 'effect'
import { SCHEDULE_2025, SCHEDULE_2026 } from './__fixtures__/calendar-2025-2026.ts'
import {
  buildCalendar,
  dueInstantOfHours,
  exceeds,
  isWorkingDay,
  lastDayOf,
  lessThan,
  type Period,
  validateYearSchedule,
  within,
} from './calendar.ts'
import { addDays, dayNumber, fromDayNumber, weekday } from './civil-date.ts'

const cal = buildCalendar([SCHEDULE_2025, SCHEDULE_2026])
const day = (amount: number, roll = true): Period => ({ amount, unit: 'day', roll })
const wd = (amount: number): Period => ({ amount, unit: 'workingDay', roll: false })
const month = (amount: number): Period => ({ amount, unit: 'month', roll: true })

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${String(r.failure)}`)
  return r.success
}

describe('civil dates (no Date object in the domain)', () => {
  it('round-trips day numbers and knows the weekday', () => {
    for (let n = dayNumber('1999-12-25'); n < dayNumber('2030-01-10'); n += 37) {
      expect(dayNumber(fromDayNumber(n))).toBe(n)
    }
    expect(weekday('2026-11-26')).toBe(4) // Thursday
    expect(weekday('2026-02-14')).toBe(6) // Saturday
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
})

describe('working days (行政许可法82; 全国年节及纪念日放假办法; 国务院放假通知)', () => {
  const rows: ReadonlyArray<readonly [date: string, working: boolean, why: string]> = [
    ['2026-01-02', false, 'Friday, 元旦 day off'],
    ['2026-01-04', true, 'Sunday, 调休上班'],
    ['2026-02-14', true, 'Saturday, 调休上班 before 春节'],
    ['2026-02-28', true, 'Saturday, 调休上班 after 春节'],
    ['2026-02-23', false, 'Monday, 春节 day off'],
    ['2026-10-08', true, 'Thursday after 国庆'],
    ['2026-10-10', true, 'Saturday, 调休上班'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-11-26', true, 'ordinary Thursday'],
    ['2025-09-28', true, 'Sunday, 调休上班 (2025)'],
  ]
  it.each(rows)('%s working=%s (%s)', (date, working) => {
    expect(ok(isWorkingDay(cal, date))).toBe(working)
  })

  it('fails loudly for a year the calendar does not hold — never a silent Mon–Fri guess', () => {
    const r = isWorkingDay(cal, '2027-01-04')
    expect(Result.isFailure(r) && r.failure._tag).toBe('CalendarYearUnknown')
    expect(Result.isFailure(r) && r.failure.message).toContain('2027 年的节假日安排尚未录入')
  })
})

describe('period counting (LEGAL-RULES.md: 刑事诉讼法105, 民事诉讼法85, 民法典201–203, 1259)', () => {
  const rows: ReadonlyArray<readonly [source: string, trigger: string, period: Period, last: string]> = [
    ['刑事诉讼法105: trigger day not counted, 10 days', '2026-03-02', day(10), '2026-03-12'],
    [
      '社区矫正法21 + 刑事诉讼法105: report within 10 days, lands on a Saturday → Monday',
      '2026-03-04',
      day(10),
      '2026-03-16',
    ],
    ['民法典203: last day in 国庆 → first working day after', '2026-09-21', day(10), '2026-10-08'],
    ['民法典203: last day a 调休 Saturday is a working day — no roll', '2026-02-04', day(10), '2026-02-14'],
    [
      'policy flag: a non-rolling day period ends on the rest day',
      '2026-03-04',
      day(10, false),
      '2026-03-14',
    ],
    ['实施办法14: 5 working days across an adjusted working Saturday', '2026-02-09', wd(5), '2026-02-14'],
    ['实施办法14: 10 working days across 春节 and two 调休 Saturdays', '2026-02-12', wd(10), '2026-03-04'],
    [
      '实施办法14: 10 working days across 国庆 and the 10-10 调休 Saturday',
      '2026-09-28',
      wd(10),
      '2026-10-16',
    ],
    [
      '刑事诉讼法105: a month ends on the corresponding day; short month → its last day (a 调休 Saturday: no roll)',
      '2026-01-31',
      month(1),
      '2026-02-28',
    ],
    ['民法典203: a month period ending on a Sunday rolls to Monday', '2026-02-08', month(1), '2026-03-09'],
    ['民法典203: a month period ending in 清明 rolls past it', '2026-03-05', month(1), '2026-04-07'],
    ['社区矫正法29: three months, corresponding day', '2026-03-10', month(3), '2026-06-10'],
  ]
  it.each(rows)('%s', (_source, trigger, period, last) => {
    expect(ok(lastDayOf(cal, trigger, period))).toBe(last)
  })

  it('hour periods never roll (法律援助法39: 24 hours, into a holiday)', () => {
    const start = Date.parse('2026-09-30T10:00:00+08:00')
    expect(new Date(dueInstantOfHours(start, 24)).toISOString()).toBe('2026-10-01T02:00:00.000Z')
  })

  it('以内 includes the number, 超过 and 不满 exclude it (民法典1259)', () => {
    expect(within(7, 7)).toBe(true) // 七日以内: day 7 is inside
    expect(within(8, 7)).toBe(false)
    expect(exceeds(10, 10)).toBe(false) // 超过十日: 10 is not more than 10
    expect(exceeds(11, 10)).toBe(true)
    expect(lessThan(18, 18)).toBe(false) // 不满十八周岁
  })

  it('a count reaching into an unknown year fails with the year, for working and day periods alike', () => {
    const w = lastDayOf(cal, '2026-12-24', wd(10))
    expect(Result.isFailure(w) && w.failure.year).toBe(2027)
    const d = lastDayOf(cal, '2026-12-28', day(10))
    expect(Result.isFailure(d) && d.failure.year).toBe(2027)
  })

  it("uses the bureau's 2027 schedule once entered, and a bureau entry overrides the package's year", () => {
    const y2027 = ok(
      validateYearSchedule({
        year: 2027,
        source: 'bureau',
        daysOff: ['2027-01-01', '2027-01-04'],
        workdays: ['2027-01-09'],
      }),
    )
    const extended = buildCalendar([SCHEDULE_2025, SCHEDULE_2026, y2027])
    // 2026-12-24 Thu: 25(1) 28(2) 29(3) 30(4) 31(5) [1-1 off, 1-2/1-3 weekend, 1-4 off] 1-5(6) 6(7) 7(8) 8(9) 1-9 Sat 调休(10)
    expect(ok(lastDayOf(extended, '2026-12-24', wd(10)))).toBe('2027-01-09')
    const overridden = buildCalendar([
      SCHEDULE_2026,
      { ...SCHEDULE_2026, source: 'bureau', daysOff: [...SCHEDULE_2026.daysOff, '2026-11-27'] },
    ])
    expect(ok(isWorkingDay(overridden, '2026-11-27'))).toBe(false)
    expect(overridden.years.get(2026)).toBe('bureau')
  })

  it('refuses an inconsistent schedule', () => {
    const bad = (daysOff: string[], workdays: string[]) =>
      Result.isFailure(validateYearSchedule({ year: 2027, source: 'bureau', daysOff, workdays }))
    expect(bad(['2027-02-30'], [])).toBe(true)
    expect(bad(['2026-10-01'], [])).toBe(true)
    expect(bad(['2027-01-01'], ['2027-01-01'])).toBe(true)
    expect(bad(['2027-01-01'], ['2027-01-05'])).toBe(true) // a Tuesday is already a working day
    expect(bad([], [])).toBe(true)
  })
})
