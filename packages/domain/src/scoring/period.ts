import { Effect } from 'effect'
import { addDays } from '../corrections/civil-date.ts'
import { PeriodInvalid } from './scoring-errors.ts'

// Assessment periods (平时考核 by month and quarter, 年底考核 for the year), in Beijing time: a period
// runs from 00:00 of its first day to 00:00 of the day after its last, as UTC instants.

export type PeriodKind = 'month' | 'quarter' | 'year'

export interface AssessmentPeriod {
  readonly kind: PeriodKind
  /** '2026-11', '2026-Q4' or '2026' */
  readonly key: string
  readonly year: number
  /** first and last month (1–12) */
  readonly fromMonth: number
  readonly toMonth: number
  readonly label: string
  /** ISO UTC instants: [from, to) */
  readonly from: string
  readonly to: string
  /** civil dates (Beijing): [fromDate, toDate) */
  readonly fromDate: string
  readonly toDate: string
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** 00:00 Beijing time of a civil date, as an ISO UTC instant. */
const beijingMidnight = (date: string): string => `${addDays(date, -1)}T16:00:00.000Z`

const firstOfMonth = (year: number, month: number): string =>
  month === 13 ? `${year + 1}-01-01` : `${year}-${pad2(month)}-01`

const make = (
  kind: PeriodKind,
  key: string,
  year: number,
  fromMonth: number,
  toMonth: number,
): AssessmentPeriod => {
  const label =
    kind === 'year'
      ? `${year}年度`
      : kind === 'quarter'
        ? `${year}年第${'一二三四'[(fromMonth - 1) / 3]}季度`
        : `${year}年${fromMonth}月`
  return {
    kind,
    key,
    year,
    fromMonth,
    toMonth,
    label,
    from: beijingMidnight(firstOfMonth(year, fromMonth)),
    to: beijingMidnight(firstOfMonth(year, toMonth + 1)),
    fromDate: firstOfMonth(year, fromMonth),
    toDate: firstOfMonth(year, toMonth + 1),
  }
}

/** The period of a key: '2026' (year), '2026-Q4' (quarter), '2026-11' (month). */
export const parsePeriod = (key: string): Effect.Effect<AssessmentPeriod, PeriodInvalid> => {
  const y = /^(\d{4})$/.exec(key)
  if (y) return Effect.succeed(make('year', key, Number(y[1]), 1, 12))
  const q = /^(\d{4})-Q([1-4])$/.exec(key)
  if (q) {
    const quarter = Number(q[2])
    return Effect.succeed(make('quarter', key, Number(q[1]), quarter * 3 - 2, quarter * 3))
  }
  const m = /^(\d{4})-(\d{2})$/.exec(key)
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    return Effect.succeed(make('month', key, Number(m[1]), Number(m[2]), Number(m[2])))
  }
  return Effect.fail(new PeriodInvalid({ key }))
}

/** The months of a period, in order (for the trend over months). */
export const monthsOf = (period: AssessmentPeriod): ReadonlyArray<AssessmentPeriod> => {
  const months: AssessmentPeriod[] = []
  for (let m = period.fromMonth; m <= period.toMonth; m++) {
    months.push(make('month', `${period.year}-${pad2(m)}`, period.year, m, m))
  }
  return months
}
