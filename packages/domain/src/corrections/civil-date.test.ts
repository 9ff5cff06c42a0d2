import { describe, expect, it } from '@effect/vitest'
import fc from 'fast-check'
import { chinaDateTimeOf } from './civil-date.ts'

// Intl knows the zone; the domain may not use it (no clock, no locale data), so it is the oracle here.
const shanghai = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

describe('chinaDateTimeOf', () => {
  it('writes the instant as China Standard Time', () => {
    expect(chinaDateTimeOf(Date.UTC(2026, 11, 31, 16, 0))).toBe('2027-01-01 00:00')
    expect(chinaDateTimeOf(Date.UTC(2026, 11, 31, 15, 59, 59))).toBe('2026-12-31 23:59')
    expect(chinaDateTimeOf(Date.UTC(1969, 11, 31, 15, 30))).toBe('1969-12-31 23:30')
  })

  it('agrees with the Asia/Shanghai zone for any instant since 1992', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(chinaDateTimeOf(ms)).toBe(shanghai.format(ms))
      }),
    )
  })
})
