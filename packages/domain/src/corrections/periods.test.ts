import { describe, expect, it } from '@effect/vitest'
import { Result } from 'effect'
import fc from 'fast-check'
import {
  designationDeadline,
  detainedForwardDeadline,
  legalAidDecisionDeadline,
} from '../legal-aid/legal-aid.ts'
import { confirmationDeadline, mediationTargetDate } from '../mediation/mediation.ts'
import { SCHEDULE_2025, SCHEDULE_2026 } from './__fixtures__/calendar-2025-2026.ts'
import { buildCalendar, isWorkingDay } from './calendar.ts'
import { addDays, addMonths, dayNumber, fromDayNumber } from './civil-date.ts'
import {
  countingOf,
  deadlineOf,
  dueInstantOf,
  isPeriodRule,
  PERIOD_RULE_CODES,
  PERIOD_USES,
} from './periods.ts'
import { DEFAULT_RULES, type RuleCode, ruleOf, ruleSetOf } from './rules.ts'

// Every source of the package, to find where civil-date arithmetic is done.
const sources = import.meta.glob(['../**/*.ts', '!../**/*.test.ts', '!../**/*.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

/**
 * Where the domain does civil-date arithmetic besides the engine (calendar.ts, periods.ts, civil-date.ts),
 * and why it is not a period of its own: everything else must count through `deadlineOf`.
 */
const ARITHMETIC_ELSEWHERE: Readonly<Record<string, string>> = {
  './obligations.ts': 'the monitoring reminder N days before its end (use reminder); due-soon look-ahead',
  './sanctions.ts': 'monitoringUntil: the end of a capped monitoring period (use cap), never rolled',
  './leave.ts': 'outing days and overlaps, the 2-month cumulative window, apply-ahead (use ahead)',
  './residence-transfer.ts': 'apply one month ahead (use ahead)',
  './supervisee.ts': 'age: whether a person is under 18 on a day',
  '../resettlement/resettlement.ts':
    'the aftercare period in years (a count rule) and the prison notice ahead (use ahead)',
  '../legal-aid/legal-aid.ts': 'the days the decision clock stood still for materials, shifting the trigger',
  '../scoring/period.ts': 'assessment periods: Beijing midnight of a date',
}

const cal = buildCalendar([SCHEDULE_2025, SCHEDULE_2026])
const rules = ruleSetOf([])
const working = (d: string): boolean => {
  const r = isWorkingDay(cal, d)
  if (Result.isFailure(r)) throw new Error(`calendar lacks ${d}`)
  return r.success
}
const plainOf = (code: RuleCode, trigger: string): string => {
  const r = ruleOf(rules, code)
  return r.unit === 'month' ? addMonths(trigger, r.amount) : addDays(trigger, r.amount)
}
const forward = PERIOD_RULE_CODES.filter((c) => {
  const use = PERIOD_USES[c as keyof typeof PERIOD_USES] as string
  return use === 'deadline' || use === 'cycle'
})
const hours = PERIOD_RULE_CODES.filter((c) => ruleOf(rules, c).unit === 'hour')
// Triggers from 2025-01-01 up to a day whose longest count (90 days, 3 months, 10 working days plus a
// holiday run) still ends inside 2026, the last year the fixture calendar holds.
const trigger = fc
  .integer({ min: dayNumber('2025-01-01'), max: dayNumber('2026-09-15') })
  .map((n) => fromDayNumber(n))

describe('the period registry (every period rule goes through the engine)', () => {
  it('classifies every period rule of the rule table, and nothing else', () => {
    expect([...PERIOD_RULE_CODES].sort()).toEqual(Object.keys(PERIOD_USES).sort())
    for (const r of DEFAULT_RULES) {
      if (!isPeriodRule(r)) expect(Object.keys(PERIOD_USES)).not.toContain(r.code)
    }
  })

  it('does civil-date arithmetic only in the engine and the listed places', () => {
    const engine = ['./calendar.ts', './periods.ts', './civil-date.ts']
    const found = Object.entries(sources)
      .filter(
        ([path, text]) =>
          !engine.includes(path) && /\b(addDays|addMonths|daysBetween|dayNumber)\(/.test(text),
      )
      .map(([path]) => path)
      .sort()
    expect(found.length).toBeGreaterThan(0)
    expect(found).toEqual(Object.keys(ARITHMETIC_ELSEWHERE).sort())
  })

  it('says how each rule counts and cites its article', () => {
    for (const code of PERIOD_RULE_CODES) {
      const r = ruleOf(rules, code)
      expect(countingOf(r), code).not.toBe('非期间（次数、天数上限或开关）')
      expect(r.source, code).toMatch(/第\d+条|本局设定|通知|规定/)
    }
    expect(countingOf({ unit: 'hour', roll: true })).toBe('按小时计算，不因节假日顺延')
    expect(countingOf({ unit: 'day', roll: false })).toBe('自然日，不顺延')
  })

  it('a rolling rule ends on a working day, never before the plain count, at most at the next working day', () =>
    fc.assert(
      fc.property(trigger, (t) => {
        for (const code of forward) {
          const r = ruleOf(rules, code)
          const d = deadlineOf(cal, rules, code, t)
          expect(d.provisional, code).toBeNull()
          if (r.unit === 'workingDay') {
            expect(working(d.date), code).toBe(true)
            expect(d.date >= addDays(t, r.amount), code).toBe(true)
            continue
          }
          const plain = plainOf(code, t)
          expect(d.date >= plain, `${code} from ${t}`).toBe(true)
          if (r.roll) {
            expect(working(d.date), `${code} from ${t}`).toBe(true)
            // every day between the plain count and the result is a rest day
            for (let x = plain; x < d.date; x = addDays(x, 1)) expect(working(x), `${code} ${x}`).toBe(false)
          } else {
            expect(d.date, code).toBe(plain)
          }
        }
      }),
      { numRuns: 300 },
    ))

  it('an hour rule ends exactly that many hours later, never rolled', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1_735_689_600_000, max: 1_798_675_200_000 }), (ms) => {
        expect(hours.length).toBeGreaterThan(0)
        for (const code of hours) {
          expect(dueInstantOf(rules, code, ms)).toBe(ms + ruleOf(rules, code).amount * 3_600_000)
        }
      }),
    ))

  it('refuses to count an hour rule as days or a day rule as hours', () => {
    expect(() => deadlineOf(cal, rules, 'legalAid.detainedForward', '2026-10-01')).toThrow()
    expect(() => dueInstantOf(rules, 'mediation.confirmation', 0)).toThrow()
  })

  it('falls back visibly to the plain count when the calendar lacks the year', () => {
    expect(deadlineOf(cal, rules, 'mediation.target', '2026-12-06')).toEqual({
      date: '2027-01-06',
      provisional: expect.stringContaining('2027 年的节假日安排尚未录入'),
    })
  })
})

// Worked examples, written by hand from the State Council's 2026 notice (国办发明电〔2025〕7号) as
// chinese-days 1.5.7 carries it: 春节 2026-02-15 (Sun) – 02-23 (Mon) off, 调休上班 Sat 02-14 and Sat
// 02-28; 中秋 09-25 (Fri) – 09-27 off; 国庆 10-01 (Thu) – 10-07 off, 调休上班 Sun 09-20 and Sat 10-10.
describe('worked examples around the 2026 holidays', () => {
  const dl = (code: RuleCode, t: string) => deadlineOf(cal, rules, code, t).date

  it('mediation (人民调解法33; 人民调解工作若干规定33)', () => {
    // accepted Tue 09-01: one month is Thu 10-01, National Day → Thu 10-08
    expect(mediationTargetDate(cal, rules, '2026-09-01').date).toBe('2026-10-08')
    // accepted Thu 09-10: one month is Sat 10-10, a 调休 working Saturday → stays
    expect(mediationTargetDate(cal, rules, '2026-09-10').date).toBe('2026-10-10')
    // agreement effective Sat 09-05: 30 days is Mon 10-05 (holiday) → Thu 10-08
    expect(confirmationDeadline(cal, rules, '2026-09-05').date).toBe('2026-10-08')
    // agreement effective Fri 01-16: 30 days is Sun 02-15, first day of 春节 → Tue 02-24
    expect(confirmationDeadline(cal, rules, '2026-01-16').date).toBe('2026-02-24')
    // agreement effective Thu 01-15: 30 days is Sat 02-14, a 调休 working Saturday → stays
    expect(confirmationDeadline(cal, rules, '2026-01-15').date).toBe('2026-02-14')
  })

  it('legal aid (法律援助法39, 43)', () => {
    // received Wed 09-30: 7 days is Wed 10-07 (holiday) → Thu 10-08
    expect(legalAidDecisionDeadline(cal, '2026-09-30').date).toBe('2026-10-08')
    // granted Mon 09-28: 3 days is Thu 10-01 → Thu 10-08
    expect(designationDeadline(cal, '2026-09-28').date).toBe('2026-10-08')
    // granted Thu 02-12: 3 days is Sun 02-15 (春节) → Tue 02-24
    expect(designationDeadline(cal, '2026-02-12').date).toBe('2026-02-24')
    // granted Wed 10-07: 3 days is Sat 10-10, 调休 working → stays
    expect(designationDeadline(cal, '2026-10-07').date).toBe('2026-10-10')
    // detained applicant, Wed 09-30 10:00 Shanghai: forwarded by Thu 10-01 10:00, a holiday — no roll
    expect(new Date(detainedForwardDeadline(Date.parse('2026-09-30T02:00:00Z'))).toISOString()).toBe(
      '2026-10-01T02:00:00.000Z',
    )
  })

  it('corrections (社区矫正法21; 实施办法14, 16)', () => {
    // judgment effective Thu 09-24: report within 10 days, Sun 10-04 → Thu 10-08
    expect(dl('report.deadline', '2026-09-24')).toBe('2026-10-08')
    // commission received Thu 09-24: 10 working days — 09-28, 29, 30, 10-08, 09, 10 (调休 Sat),
    // 12, 13, 14, 15 → Thu 10-15 (the 中秋 and 国庆 days and Sun 10-11 do not count)
    expect(dl('investigation.normal', '2026-09-24')).toBe('2026-10-15')
    // 速裁 commission Wed 02-11: 5 working days — 02-12, 13, 14 (调休 Sat), 24, 25 → Wed 02-25
    expect(dl('investigation.fast', '2026-02-11')).toBe('2026-02-25')
    // documents received Sat 02-14: receipt within 5 days, Thu 02-19 (春节) → Tue 02-24
    expect(dl('documents.receipt', '2026-02-14')).toBe('2026-02-24')
    // lost contact Wed 09-30 20:00: search within 24 hours, Thu 10-01 20:00 — no roll
    expect(dueInstantOf(rules, 'lossOfContact.searchHours', Date.parse('2026-09-30T12:00:00Z'))).toBe(
      Date.parse('2026-10-01T12:00:00Z'),
    )
  })

  it('transfers of the place of execution (实施办法29, 30)', () => {
    // application Sat 09-26: consult within 5 days, Thu 10-01 → Thu 10-08
    expect(dl('transfer.consult', '2026-09-26')).toBe('2026-10-08')
    // decision received Sun 02-08: report within 7 days, Sun 02-15 (春节) → Tue 02-24
    expect(dl('transfer.report', '2026-02-08')).toBe('2026-02-24')
    // approval Mon 10-05: files within 5 days, Sat 10-10, 调休 working → stays
    expect(dl('transfer.files', '2026-10-05')).toBe('2026-10-10')
    // approval Mon 02-23: files within 5 days, Sat 02-28, 调休 working → stays
    expect(dl('transfer.files', '2026-02-23')).toBe('2026-02-28')
  })
})
