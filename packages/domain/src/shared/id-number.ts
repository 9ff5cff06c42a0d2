// Imports nothing on purpose: the kiosk bundles this file on its own.

/** Result of checking a resident ID number. */
export type IdNumberResult =
  | { readonly ok: true; readonly birthDate: string; readonly sex: 'M' | 'F' }
  | { readonly ok: false; readonly reason: string }

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'
const SHAPE = /^[0-9]{17}[0-9X]$/
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/

/**
 * The check character of an 18-digit ID number from its first 17 digits
 * (GB 11643-1999 §7: ISO 7064 MOD 11-2).
 */
export const idNumberCheckChar = (first17: string): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS.charAt(sum % 11)
}

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

/**
 * Checks a citizen ID number (公民身份号码) as GB 11643-1999 defines it: 18 characters, a 6-digit
 * address code (the province digit must be 1–8), an 8-digit birth date that exists and is not later
 * than `today` (YYYY-MM-DD, when given: the caller supplies the date, this module reads no clock),
 * a 3-digit sequence whose parity gives the sex, and the MOD 11-2 check character (X allowed,
 * lower-case x accepted). Surrounding spaces are ignored.
 */
export const validateIdNumber = (s: string, today?: string): IdNumberResult => {
  const id = s.trim().toUpperCase()
  if (id.length === 0) return { ok: false, reason: '请填写身份证号' }
  if (id.length !== 18) return { ok: false, reason: '身份证号应为18位' }
  if (!SHAPE.test(id)) return { ok: false, reason: '身份证号格式不正确（前17位应为数字，末位为数字或X）' }
  const province = Number(id.charAt(0))
  if (province < 1 || province > 8) return { ok: false, reason: '身份证号地区码不正确' }
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: '身份证号中的出生日期不正确' }
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (today !== undefined && ISO_DATE.test(today) && birthDate > today) {
    return { ok: false, reason: '身份证号中的出生日期晚于今天' }
  }
  if (idNumberCheckChar(id) !== id.charAt(17)) return { ok: false, reason: '身份证号校验位不正确' }
  return { ok: true, birthDate, sex: Number(id.charAt(16)) % 2 === 1 ? 'M' : 'F' }
}

/**
 * Masks an ID number for display: first 4 and last 4 characters kept, the 10 between as `*`
 * (personal information shown only as far as the work needs it). Anything not 18 long is masked whole.
 */
export const maskIdNumber = (s: string): string => {
  const id = s.trim()
  if (id.length !== 18) return '*'.repeat(id.length)
  return `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`
}

/** Age in whole years on `today` of someone born on `birthDate` (both YYYY-MM-DD). */
export const ageOn = (birthDate: string, today: string): number => {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number)
  const [ty = 0, tm = 0, td = 0] = today.split('-').map(Number)
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

/** Under this age a guardian applies and consents for the child (个人信息保护法 第三十一条). */
export const GUARDIAN_CONSENT_AGE = 14

/**
 * A resident may apply in their own name only from 14 years on (个人信息保护法 第三十一条): below that
 * the guardian is the applicant. Returns the Chinese refusal, or null.
 */
export const guardianRequired = (birthDate: string, today: string): string | null =>
  ageOn(birthDate, today) < GUARDIAN_CONSENT_AGE ? '申请人未满十四周岁，请由其监护人作为申请人填写' : null
