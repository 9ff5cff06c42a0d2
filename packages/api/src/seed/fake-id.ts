import { idNumberCheckChar } from '@pingzhan/domain'

/**
 * ID numbers of demo people: valid in form (GB 11643: region code, a real birth date, sequence, MOD 11-2
 * check character) but visibly fake. Every one is `370323` (沂源县) + birth date + `99` + one digit
 * whose parity gives the sex + the check character, so the masked form the screens show
 * (`3703**********99…`) always carries the `99` marker. The birth date is chosen by the caller; the
 * generators keep them distinct so no two demo people share a number.
 */
export const DEMO_REGION = '370323'

export const demoIdNumber = (birthDate: string, sex: 'M' | 'F', digit: number): string => {
  const d = Math.abs(Math.trunc(digit)) % 5
  const last = sex === 'M' ? 2 * d + 1 : 2 * d
  const first17 = `${DEMO_REGION}${birthDate.replaceAll('-', '')}99${last}`
  return first17 + idNumberCheckChar(first17)
}

/** True for a number of the demo pattern (used by tests to prove no demo number looks real). */
export const isDemoIdNumber = (id: string): boolean => /^370323\d{8}99\d[\dX]$/.test(id)
