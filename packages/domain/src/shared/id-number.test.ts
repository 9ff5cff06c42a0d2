import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ageOn, guardianRequired, idNumberCheckChar, maskIdNumber, validateIdNumber } from './id-number.ts'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')
const lastDay = (y: number, m: number): number => {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(m) ? 30 : 31
}

const TODAY = '2026-11-26'

/** Valid ID numbers with their expected birth date and sex. */
const validId = fc
  .record({
    province: fc.integer({ min: 1, max: 8 }),
    region: fc.integer({ min: 0, max: 99999 }),
    year: fc.integer({ min: 1900, max: 2025 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, region, year, month, dayFraction, seq }) => {
    const day = 1 + Math.min(lastDay(year, month) - 1, Math.floor(dayFraction * lastDay(year, month)))
    const first17 = `${province}${pad(region, 5)}${year}${pad(month, 2)}${pad(day, 2)}${pad(seq, 3)}`
    return {
      id: first17 + idNumberCheckChar(first17),
      birthDate: `${year}-${pad(month, 2)}-${pad(day, 2)}`,
      sex: seq % 2 === 1 ? 'M' : 'F',
    }
  })

describe('validateIdNumber', () => {
  it('accepts a known-good number (GB 11643-1999 example)', () => {
    expect(validateIdNumber('11010519491231002X')).toEqual({ ok: true, birthDate: '1949-12-31', sex: 'F' })
    expect(validateIdNumber('440524188001010014')).toEqual({
      ok: false,
      reason: '身份证号中的出生日期不正确',
    })
    expect(validateIdNumber(' 11010519491231002x ')).toMatchObject({ ok: true })
  })

  it('accepts every number with a correct check character, and reads birth date and sex', () => {
    fc.assert(
      fc.property(validId, ({ id, birthDate, sex }) => {
        expect(validateIdNumber(id, TODAY)).toEqual({ ok: true, birthDate, sex })
      }),
    )
  })

  it('rejects a number with any single character changed', () => {
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (v, pos, shift) => {
          const alphabet = pos === 17 ? '0123456789X' : '0123456789'
          const current = alphabet.indexOf(v.id.charAt(pos))
          const replacement = alphabet.charAt((current + shift) % alphabet.length)
          fc.pre(replacement !== v.id.charAt(pos))
          const mutated = v.id.slice(0, pos) + replacement + v.id.slice(pos + 1)
          expect(validateIdNumber(mutated, TODAY).ok).toBe(false)
        },
      ),
    )
  })

  it('names the wrong check character', () => {
    expect(validateIdNumber('110105194912310021')).toEqual({ ok: false, reason: '身份证号校验位不正确' })
  })

  it('rejects wrong length, letters, bad region, impossible and future birth dates', () => {
    expect(validateIdNumber('')).toEqual({ ok: false, reason: '请填写身份证号' })
    expect(validateIdNumber('1101051949123100')).toEqual({ ok: false, reason: '身份证号应为18位' })
    expect(validateIdNumber('1101051949123100A2').ok).toBe(false)
    const withCheck = (first17: string) => first17 + idNumberCheckChar(first17)
    expect(validateIdNumber(withCheck('01010519491231002'))).toEqual({
      ok: false,
      reason: '身份证号地区码不正确',
    })
    expect(validateIdNumber(withCheck('91010519491231002')).ok).toBe(false)
    expect(validateIdNumber(withCheck('11010520230229002'))).toEqual({
      ok: false,
      reason: '身份证号中的出生日期不正确',
    })
    expect(validateIdNumber(withCheck('11010520240229002')).ok).toBe(true)
    expect(validateIdNumber(withCheck('11010520261127002'), TODAY)).toEqual({
      ok: false,
      reason: '身份证号中的出生日期晚于今天',
    })
    expect(validateIdNumber(withCheck('11010520261126002'), TODAY).ok).toBe(true)
  })
})

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X')
  })

  it('never reveals the birth date of any valid number', () => {
    fc.assert(
      fc.property(validId, ({ id }) => {
        const masked = maskIdNumber(id)
        expect(masked).toHaveLength(18)
        expect(masked.slice(0, 4) + masked.slice(14)).toBe(id.slice(0, 4) + id.slice(14))
        expect(masked.slice(4, 14)).toBe('*'.repeat(10))
      }),
    )
  })

  it('masks malformed input entirely', () => {
    expect(maskIdNumber('12345')).toBe('*****')
  })
})

describe('guardian age (个人信息保护法31)', () => {
  it('counts whole years and turns 14 on the birthday itself', () => {
    expect(ageOn('2012-11-26', '2026-11-25')).toBe(13)
    expect(ageOn('2012-11-26', '2026-11-26')).toBe(14)
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13)
    expect(guardianRequired('2012-11-26', '2026-11-25')).toMatch(/监护人/)
    expect(guardianRequired('2012-11-26', '2026-11-26')).toBeNull()
  })
})
