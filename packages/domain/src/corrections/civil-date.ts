// Civil-date arithmetic on 'YYYY-MM-DD' strings, without the JavaScript Date (the domain reads no
// clock). Days are counted from 1970-01-01 with Howard Hinnant's days_from_civil algorithm.

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export const isCivilDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

/** Day number (days since 1970-01-01) of a civil date. */
export const dayNumber = (date: string): number => {
  const y0 = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  const y = m <= 2 ? y0 - 1 : y0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The civil date of a day number. */
export const fromDayNumber = (n: number): string => {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
}

export const addDays = (date: string, n: number): string => fromDayNumber(dayNumber(date) + n)

export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from)

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (date: string): number => (((dayNumber(date) + 4) % 7) + 7) % 7

/**
 * Calendar months added the way the criminal procedure counts them (刑事诉讼法105: a month ends on
 * the corresponding day of the later month; without one, on that month's last day).
 */
export const addMonths = (date: string, months: number): string => {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  const total = y * 12 + (m - 1) + months
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  return `${pad(ny, 4)}-${pad(nm, 2)}-${pad(Math.min(d, daysInMonth(ny, nm)), 2)}`
}

export const yearOf = (date: string): number => Number(date.slice(0, 4))

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** The civil date and minute of an instant in China Standard Time, 'YYYY-MM-DD HH:mm'. */
export const chinaDateTimeOf = (ms: number): string => {
  const local = ms + CHINA_OFFSET_MS
  const day = Math.floor(local / DAY_MS)
  const minute = Math.floor((local - day * DAY_MS) / 60_000)
  return `${fromDayNumber(day)} ${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}`
}
