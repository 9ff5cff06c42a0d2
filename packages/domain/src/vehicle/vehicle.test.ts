import { Result } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkReading,
  checkWindow,
  dueSoon,
  needsApproval,
  nextFreeWindows,
  type Occupant,
  overlaps,
  preempt,
  SLOT_MS,
  slotsOf,
  type TimeWindow,
} from './vehicle.ts'

const NOW = Date.parse('2026-12-07T00:00:00Z')
const H = 3_600_000
const w = (fromH: number, toH: number): TimeWindow => ({ start: NOW + fromH * H, end: NOW + toH * H })

const slotWindow = fc
  .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 20 }))
  .map(([s, n]) => ({ start: NOW + s * SLOT_MS, end: NOW + (s + n) * SLOT_MS }))

describe('booking window', () => {
  it('refuses a window ending before it starts, off the half hour, in the past or too long', () => {
    expect(Result.isFailure(checkWindow(w(3, 2), NOW))).toBe(true)
    expect(Result.isFailure(checkWindow(w(2, 2), NOW))).toBe(true)
    expect(Result.isFailure(checkWindow({ start: NOW + 60_000, end: NOW + H }, NOW))).toBe(true)
    expect(Result.isFailure(checkWindow(w(-2, 1), NOW))).toBe(true)
    expect(Result.isFailure(checkWindow(w(0, 24 * 8), NOW))).toBe(true)
    expect(Result.isSuccess(checkWindow(w(1, 3.5), NOW))).toBe(true)
    const bad = checkWindow(w(3, 2), NOW)
    if (Result.isFailure(bad)) expect(bad.failure.message).toBe('结束时间必须晚于开始时间')
  })
  it('occupies exactly the slots inside the window', () => {
    expect(slotsOf(w(1, 2.5))).toEqual([NOW + H, NOW + 1.5 * H, NOW + 2 * H])
  })
})

describe('overlap', () => {
  it('is symmetric, and two windows overlap exactly when they share a slot', () => {
    fc.assert(
      fc.property(slotWindow, slotWindow, (a, b) => {
        expect(overlaps(a, b)).toBe(overlaps(b, a))
        const shared = slotsOf(a).some((s) => slotsOf(b).includes(s))
        expect(overlaps(a, b)).toBe(shared)
      }),
    )
  })
  it('lets touching windows follow each other', () => {
    expect(overlaps(w(1, 2), w(2, 3))).toBe(false)
  })
})

describe('approval', () => {
  it("approves the owner squad's own bookings and wartime bookings at once, others wait for the leader", () => {
    expect(needsApproval({ kind: 'squad', code: 'lucun' }, 'lucun', false)).toBe(false)
    expect(needsApproval({ kind: 'office', code: 'lucun' }, 'lucun', false)).toBe(true)
    expect(needsApproval({ kind: 'squad', code: 'xili' }, 'lucun', false)).toBe(true)
    expect(needsApproval({ kind: 'brigade', code: 'brigade' }, 'lucun', true)).toBe(false)
  })
})

describe('wartime pre-emption', () => {
  const peace: Occupant = { id: 'p', wartime: false, window: w(2, 4) }
  const war: Occupant = { id: 'w', wartime: true, window: w(6, 8) }
  it('displaces an overlapping peacetime booking, never a wartime one', () => {
    expect(preempt({ wartime: true, window: w(3, 5) }, [peace, war])).toEqual(Result.succeed(['p']))
    expect(Result.isFailure(preempt({ wartime: true, window: w(3, 7) }, [peace, war]))).toBe(true)
  })
  it('never lets a peacetime booking displace anything', () => {
    expect(Result.isFailure(preempt({ wartime: false, window: w(3, 5) }, [peace]))).toBe(true)
    expect(preempt({ wartime: false, window: w(4, 6) }, [peace, war])).toEqual(Result.succeed([]))
  })
  it('property: after applying it, no two holding bookings overlap', () => {
    const occupant = fc.record({ wartime: fc.boolean(), window: slotWindow })
    fc.assert(
      fc.property(fc.array(occupant, { maxLength: 12 }), (asks) => {
        let held: Occupant[] = []
        asks.forEach((ask, i) => {
          const r = preempt(ask, held)
          if (Result.isSuccess(r)) {
            expect(r.success.every((id) => !held.find((h) => h.id === id)?.wartime)).toBe(true)
            held = [...held.filter((h) => !r.success.includes(h.id)), { id: String(i), ...ask }]
          }
        })
        for (const a of held)
          for (const b of held) if (a !== b) expect(overlaps(a.window, b.window)).toBe(false)
      }),
    )
  })
})

describe('next free windows', () => {
  it('offers windows of the same length around the busy ones', () => {
    const free = nextFreeWindows([w(0, 2), w(3, 4)], 2 * H, NOW)
    expect(free).toEqual([w(4, 6), w(6, 8), w(8, 10)])
  })
  it('property: every offer is free, as long as asked, and after `from`', () => {
    fc.assert(
      fc.property(fc.array(slotWindow, { maxLength: 8 }), fc.integer({ min: 1, max: 8 }), (busy, n) => {
        const free = nextFreeWindows(busy, n * SLOT_MS, NOW, 3)
        for (const f of free) {
          expect(f.end - f.start).toBe(n * SLOT_MS)
          expect(f.start).toBeGreaterThanOrEqual(NOW)
          expect(busy.some((b) => overlaps(b, f))).toBe(false)
        }
        expect(free.length).toBe(3)
      }),
    )
  })
})

describe('odometer and fuel', () => {
  it('refuses an odometer that goes backwards, and fuel outside 0–100', () => {
    expect(Result.isFailure(checkReading(1000, { odometerKm: 999, fuelPercent: 50 }))).toBe(true)
    expect(Result.isFailure(checkReading(1000, { odometerKm: 1000.5, fuelPercent: 50 }))).toBe(true)
    expect(Result.isFailure(checkReading(1000, { odometerKm: 1010, fuelPercent: 101 }))).toBe(true)
    expect(checkReading(1000, { odometerKm: 1042, fuelPercent: 60 })).toEqual(
      Result.succeed({ distanceKm: 42 }),
    )
  })
})

describe('service and insurance due dates', () => {
  it('are due soon within 14 days, or when past', () => {
    expect(dueSoon('2026-12-20', '2026-12-07')).toBe(true)
    expect(dueSoon('2026-12-22', '2026-12-07')).toBe(false)
    expect(dueSoon('2026-11-01', '2026-12-07')).toBe(true)
  })
})

describe('vehicle scope', async () => {
  const { Effect } = await import('effect')
  const { buildOrg } = await import('../org/org.ts')
  const { yiyuanOrgConfig } = await import('../org/yiyuan.ts')
  const { vehicleScope } = await import('./vehicle.ts')
  const org = Effect.runSync(buildOrg(yiyuanOrgConfig))
  it('gives a director the vehicle of their area, squad staff their squad, the bureau all, the admin none', () => {
    const a = (role: string, office: string | null, squad: string | null) =>
      ({ userId: 'u', role, office, squad }) as Parameters<typeof vehicleScope>[1]
    expect(vehicleScope(org, a('officeDirector', 'nanma', null))).toEqual({ kind: 'area', squad: 'lucun' })
    expect(vehicleScope(org, a('squadMember', null, 'xili'))).toEqual({ kind: 'area', squad: 'xili' })
    expect(vehicleScope(org, a('departmentStaff', null, null))).toEqual({ kind: 'all' })
    expect(vehicleScope(org, a('bureauAdmin', null, null))).toEqual({ kind: 'none' })
  })
})
