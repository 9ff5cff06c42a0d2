import { Result } from 'effect'
import { addDays, addMonths as addMonthsCivil, isCivilDate, weekday, yearOf } from './civil-date.ts'
import { CalendarYearInvalid, CalendarYearUnknown } from './corrections-errors.ts'

/** One year's official schedule (国务院办公厅关于部分节假日安排的通知). */
export interface YearSchedule {
  readonly year: number
  /** statutory holiday days off, weekdays and weekends alike */
  readonly daysOff: ReadonlyArray<string>
  /** adjusted working days (调休上班), usually Saturdays or Sundays */
  readonly workdays: ReadonlyArray<string>
  /** 'package': the chinese-days data; 'bureau': entered in the admin console (overrides the package) */
  readonly source: 'package' | 'bureau'
}

/** The working-day calendar: only the years it holds can be counted in. */
export interface WorkCalendar {
  readonly years: ReadonlyMap<number, YearSchedule['source']>
  readonly daysOff: ReadonlySet<string>
  readonly workdays: ReadonlySet<string>
}

/**
 * Builds the calendar from yearly schedules; a later schedule for the same year replaces an earlier one
 * (the bureau's entry overrides the package's data).
 */
export const buildCalendar = (schedules: ReadonlyArray<YearSchedule>): WorkCalendar => {
  const byYear = new Map<number, YearSchedule>()
  for (const s of schedules) byYear.set(s.year, s)
  const years = new Map<number, YearSchedule['source']>()
  const daysOff = new Set<string>()
  const workdays = new Set<string>()
  for (const s of byYear.values()) {
    years.set(s.year, s.source)
    for (const d of s.daysOff) daysOff.add(d)
    for (const d of s.workdays) workdays.add(d)
  }
  return { years, daysOff, workdays }
}

/**
 * Checks a schedule the bureau enters: real dates of that year, no day both off and working, adjusted
 * working days on weekends and days off not on a weekend-only list (the notice gives weekday days off).
 */
export const validateYearSchedule = (s: YearSchedule): Result.Result<YearSchedule, CalendarYearInvalid> => {
  if (!Number.isInteger(s.year) || s.year < 2000 || s.year > 2100)
    return Result.fail(new CalendarYearInvalid({ problem: '年份应在 2000–2100 之间' }))
  for (const d of [...s.daysOff, ...s.workdays]) {
    if (!isCivilDate(d)) return Result.fail(new CalendarYearInvalid({ problem: `“${d}”不是有效日期` }))
    if (yearOf(d) !== s.year)
      return Result.fail(new CalendarYearInvalid({ problem: `${d} 不在 ${s.year} 年内` }))
  }
  const off = new Set(s.daysOff)
  const both = s.workdays.find((d) => off.has(d))
  if (both) return Result.fail(new CalendarYearInvalid({ problem: `${both} 不能既放假又上班` }))
  const weekdayWork = s.workdays.find((d) => weekday(d) !== 0 && weekday(d) !== 6)
  if (weekdayWork)
    return Result.fail(new CalendarYearInvalid({ problem: `${weekdayWork} 是工作日，无需列为调休上班日` }))
  if (s.daysOff.length === 0)
    return Result.fail(new CalendarYearInvalid({ problem: '至少应有一个法定节假日放假日' }))
  return Result.succeed({
    ...s,
    daysOff: [...new Set(s.daysOff)].sort(),
    workdays: [...new Set(s.workdays)].sort(),
  })
}

/**
 * Whether a day is a working day (工作日, 行政许可法82; 全国年节及纪念日放假办法): Monday–Friday,
 * minus the State Council's holiday days off, plus its adjusted working weekend days. A day in a year
 * the calendar does not hold fails with CalendarYearUnknown — never a silent Mon–Fri guess.
 */
export const isWorkingDay = (
  cal: WorkCalendar,
  date: string,
): Result.Result<boolean, CalendarYearUnknown> => {
  const year = yearOf(date)
  if (!cal.years.has(year)) return Result.fail(new CalendarYearUnknown({ year }))
  if (cal.workdays.has(date)) return Result.succeed(true)
  if (cal.daysOff.has(date)) return Result.succeed(false)
  const w = weekday(date)
  return Result.succeed(w !== 0 && w !== 6)
}

/** How a period is measured. */
export type PeriodUnit = 'day' | 'workingDay' | 'month' | 'hour'

export interface Period {
  readonly amount: number
  readonly unit: PeriodUnit
  /**
   * Whether a last day that is a rest day moves to the next working day (刑事诉讼法105, 民事诉讼法85,
   * 民法典203). Default for day and month periods: yes. Hour periods never roll.
   */
  readonly roll: boolean
}

/** The first working day on or after `date`. */
export const nextWorkingDayFrom = (
  cal: WorkCalendar,
  date: string,
): Result.Result<string, CalendarYearUnknown> => {
  let d = date
  for (let i = 0; i < 60; i++) {
    const w = isWorkingDay(cal, d)
    if (Result.isFailure(w)) return Result.fail(w.failure)
    if (w.success) return Result.succeed(d)
    d = addDays(d, 1)
  }
  return Result.succeed(d)
}

/**
 * The last day of a period counted from a trigger day (刑事诉讼法105, 民事诉讼法85, 民法典201: the
 * day of the trigger is not counted). Day and month periods end on the Nth day / corresponding day and
 * roll to the next working day when that is a rest day and the rule rolls (民法典203). Working-day
 * periods count only working days. Hour periods are not handled here: see `dueInstantOfHours`.
 */
export const lastDayOf = (
  cal: WorkCalendar,
  trigger: string,
  period: Period,
): Result.Result<string, CalendarYearUnknown> => {
  switch (period.unit) {
    case 'workingDay': {
      let d = trigger
      let counted = 0
      while (counted < period.amount) {
        d = addDays(d, 1)
        const w = isWorkingDay(cal, d)
        if (Result.isFailure(w)) return Result.fail(w.failure)
        if (w.success) counted++
      }
      return Result.succeed(d)
    }
    case 'day':
    case 'month': {
      const end =
        period.unit === 'day' ? addDays(trigger, period.amount) : addMonthsCivil(trigger, period.amount)
      return period.roll ? nextWorkingDayFrom(cal, end) : Result.succeed(end)
    }
    case 'hour':
      return Result.succeed(trigger)
  }
}

/**
 * An hour period ends exactly `hours` after the trigger instant (milliseconds since the epoch) and
 * never rolls over a rest day (LEGAL-RULES.md: periods in hours never roll; e.g. 法律援助法39, 24 小时).
 */
export const dueInstantOfHours = (triggerMs: number, hours: number): number => triggerMs + hours * 3_600_000

/**
 * Whether a count satisfies a statutory limit (民法典1259): 以上/以下/以内/届满 include the number,
 * 不满/超过/以外 exclude it. `within(7, 7)` — "七日以内" — is true;
 * `exceeds(11, 10)` — "超过十日" — is true, `exceeds(10, 10)` is false.
 */
export const within = (count: number, limit: number): boolean => count <= limit

export const exceeds = (count: number, limit: number): boolean => count > limit

export const lessThan = (count: number, limit: number): boolean => count < limit
