import { describe, expect, it } from 'vitest'
import { SCHEDULE_2026 } from '../corrections/__fixtures__/calendar-2025-2026.ts'
import { buildCalendar } from '../corrections/calendar.ts'
import { DEFAULT_RULES, ruleSetOf } from '../corrections/rules.ts'
import {
  detainedForwardDeadline,
  legalAidDecisionDeadline,
  materialsPauseDays,
  mayDeemWithdrawn,
  pausedDaysOf,
  waiverNeedsNote,
} from './legal-aid.ts'

// the State Council's 2026 schedule (fixture of the corrections calendar tests)
const cal = buildCalendar([SCHEDULE_2026])

describe('legal aid decision clock (法律援助法43)', () => {
  it('ends on the 7th day after receipt, the day of receipt not counted', () => {
    expect(legalAidDecisionDeadline(cal, '2026-11-26')).toEqual({ date: '2026-12-03', provisional: false })
  })
  it('rolls a last day on a weekend to the next working day', () => {
    // 2026-11-21 (Sat) + 7 = 11-28 (Sat) → Monday 11-30
    expect(legalAidDecisionDeadline(cal, '2026-11-21').date).toBe('2026-11-30')
  })
  it('rolls past the National Day holiday, and a 调休 Saturday is a working day', () => {
    // 09-26 + 7 = 10-03 (holiday) → 10-08 (Thu, first working day)
    expect(legalAidDecisionDeadline(cal, '2026-09-26').date).toBe('2026-10-08')
    // 10-03 + 7 = 10-10, an adjusted working Saturday: no roll
    expect(legalAidDecisionDeadline(cal, '2026-10-03').date).toBe('2026-10-10')
  })
  it('excludes the days spent supplying missing materials', () => {
    expect(pausedDaysOf('2026-11-26', '2026-11-30')).toBe(4)
    expect(legalAidDecisionDeadline(cal, '2026-11-26', 4).date).toBe('2026-12-07')
    expect(pausedDaysOf('2026-11-30', '2026-11-26')).toBe(0)
  })
  it("pauses only while the bureau's rule says so (recalled source, so it is data, not a constant)", () => {
    const shipped = DEFAULT_RULES.find((r) => r.code === 'legalAid.materialsPause')
    expect(shipped).toMatchObject({ amount: 1, unit: 'flag', confidence: 'R', min: 0, max: 1 })
    expect(materialsPauseDays(ruleSetOf([]), '2026-11-26', '2026-11-30')).toBe(4)
    const off = ruleSetOf([{ code: 'legalAid.materialsPause', amount: 0, roll: false }])
    expect(materialsPauseDays(off, '2026-11-26', '2026-11-30')).toBe(0)
    expect(
      legalAidDecisionDeadline(cal, '2026-11-26', materialsPauseDays(off, '2026-11-26', '2026-11-30')).date,
    ).toBe('2026-12-03')
  })
  it('falls back visibly, never silently, for a year the calendar lacks', () => {
    expect(legalAidDecisionDeadline(cal, '2026-12-28')).toEqual({ date: '2027-01-04', provisional: true })
  })
})

describe('detained applicant (法律援助法39)', () => {
  it('is forwarded within exactly 24 hours, even into a holiday', () => {
    const received = Date.parse('2026-09-30T10:00:00+08:00')
    expect(new Date(detainedForwardDeadline(received)).toISOString()).toBe('2026-10-01T02:00:00.000Z')
  })
})

describe('missing materials (法律援助法43)', () => {
  it('deems the application withdrawn only after the supply date has passed', () => {
    expect(mayDeemWithdrawn('2026-12-03', '2026-12-03')).toBe(false)
    expect(mayDeemWithdrawn('2026-12-04', '2026-12-03')).toBe(true)
  })
  it('asks a note for the “other” grounds only', () => {
    expect(waiverNeedsNote('32.5')).toBe(true)
    expect(waiverNeedsNote('42.4')).toBe(true)
    expect(waiverNeedsNote('32.4')).toBe(false)
    expect(waiverNeedsNote(null)).toBe(false)
  })
})
