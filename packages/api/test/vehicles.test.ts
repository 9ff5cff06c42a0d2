// Issue 11, the squad vehicle: bookings never overlap under concurrency (database slots), wartime
// pre-emption with a personal live notice, approvals, check-out / check-in with idempotency keys,
// scopes, bad input, and the due-date tasks of the hourly sweep. Every suite on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ActivationSignal, busOf } from '../src/realtime/activation-bus.ts'
import { sweepVehicleDues } from '../src/services/vehicles.ts'
import { newId } from '../src/shared.ts'
import { faultOf } from '../src/trpc/errors.ts'
import { type Agent, dialects, outcome, setupApp, signedIn, type TestApp, userId } from './harness.ts'

const CHINESE = /[\u4e00-\u9fa5]/
const H = 3_600_000

const rejection = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (error) {
    const e = error as { code: string; message: string }
    return {
      code: e.code,
      message: e.message,
      tag: faultOf(error)?.tag,
      fieldErrors: faultOf(error)?.fieldErrors,
    }
  }
  throw new Error('expected a rejection')
}

describe.each(dialects)('squad vehicle (%s)', (dialect) => {
  let app: TestApp
  let director: Agent
  let leader: Agent
  let staff: Agent
  let vehicleId: string
  /** hours from the test clock's start (2026-11-26 10:00 Beijing), on the half hour */
  const at = (h: number) => new Date(Date.parse('2026-11-26T02:00:00.000Z') + h * H).toISOString()
  const booking = (fromH: number, toH: number, extra: Record<string, unknown> = {}) => ({
    vehicleId,
    startsAt: at(fromH),
    endsAt: at(toH),
    purposeKind: 'duty' as const,
    dutyCode: 'office.peacetime.2',
    purposeNote: '调解矛盾纠纷入户',
    towns: ['nanma'],
    driver: '鲁村中队队员一',
    ...extra,
  })
  const count = async () =>
    Number(
      (
        await app.deps.db
          .selectFrom('vehicle_bookings')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  /** Moves the clock and signs everyone in again (sessions idle out after 30 minutes). */
  const advance = async (ms: number) => {
    app.clock.advance(ms)
    director = await signedIn(app, 'dir-nanma')
    leader = await signedIn(app, 'lead-lucun')
    staff = await signedIn(app, 'staff-lucun-1')
  }

  beforeAll(async () => {
    app = await setupApp(dialect)
    await advance(0)
    const list = await director.call.vehicle.list()
    expect(list.map((v) => v.plate)).toEqual(['鲁C·J1001'])
    vehicleId = list[0]?.id ?? ''
  })
  afterAll(async () => {
    await app?.close()
  })

  it('a director borrows the vehicle, the owner squad leader approves; the squad books its own at once', async () => {
    const { id, status } = await director.call.vehicle.book(booking(24, 26))
    expect(status).toBe('pending')
    expect((await leader.call.vehicle.pending()).map((b) => b.id)).toContain(id)
    // only the owner squad's leader decides: another squad's leader does not even see it
    expect(
      await outcome(
        (await signedIn(app, 'lead-xili')).call.vehicle.decide({ id, version: 1, approve: true }),
      ),
    ).toBe('NOT_FOUND')
    expect(await outcome(staff.call.vehicle.decide({ id, version: 1, approve: true }))).toBe('FORBIDDEN')
    expect(await rejection(leader.call.vehicle.decide({ id, version: 1, approve: false }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(CHINESE),
    })
    await leader.call.vehicle.decide({ id, version: 1, approve: true, note: '同意' })
    const mine = await director.call.vehicle.myBookings()
    expect(mine.find((b) => b.id === id)).toMatchObject({
      status: 'approved',
      statusLabel: '已批准',
      decidedByName: '鲁村中队长（演示）',
    })
    const own = await staff.call.vehicle.book(booking(27, 28, { dutyCode: 'squad.peacetime.1.5' }))
    expect(own.status).toBe('approved')
  })

  it('two concurrent bookings of one window: exactly one wins, by the database', async () => {
    const others = await Promise.all(
      ['dir-lucun', 'dir-nanlushan', 'dir-dazhangzhuang', 'staff-lucun-2'].map((u) => signedIn(app, u)),
    )
    const before = await count()
    const results = await Promise.allSettled(
      [director, ...others].map((a) => a.call.vehicle.book(booking(48, 50))),
    )
    const won = results.filter((r) => r.status === 'fulfilled')
    expect(won).toHaveLength(1)
    for (const r of results) {
      if (r.status === 'rejected') {
        expect(r.reason).toMatchObject({ code: 'CONFLICT' })
        expect(faultOf(r.reason)?.tag).toBe('BookingOverlap')
      }
    }
    expect(await count()).toBe(before + 1)
    // a window touching it is free; one overlapping by half an hour is not
    await director.call.vehicle.book(booking(50, 51))
    expect(await outcome(director.call.vehicle.book(booking(47.5, 48.5)))).toBe('CONFLICT')
    // the slot rows themselves refuse a second holder, whatever the service checked before
    const slot = await app.deps.db
      .selectFrom('vehicle_booking_slots')
      .selectAll()
      .where('slot_start', '=', at(48))
      .executeTakeFirstOrThrow()
    await expect(
      app.deps.db
        .insertInto('vehicle_booking_slots')
        .values({ ...slot, booking_id: slot.booking_id })
        .execute(),
    ).rejects.toThrow()
  })

  it('refuses bad input in Chinese and changes nothing', async () => {
    const before = await count()
    const backwards = await rejection(director.call.vehicle.book(booking(30, 29)))
    expect(backwards).toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { endsAt: '结束时间必须晚于开始时间' },
    })
    const odd = await rejection(director.call.vehicle.book(booking(30.25, 31)))
    expect(odd.message).toContain('整点或半点')
    expect((await rejection(director.call.vehicle.book(booking(-3, -1)))).message).toContain('不能早于现在')
    expect(
      (await rejection(director.call.vehicle.book({ ...booking(30, 31), towns: ['nowhere'] }))).code,
    ).toBe('BAD_REQUEST')
    expect(
      (await rejection(director.call.vehicle.book({ ...booking(30, 31), dutyCode: 'office.peacetime.99' })))
        .code,
    ).toBe('BAD_REQUEST')
    expect(await count()).toBe(before)
  })

  it('scopes: a director of another area gets NOT_FOUND; the admin sees no vehicle', async () => {
    const foreign = await signedIn(app, 'dir-xili')
    expect((await foreign.call.vehicle.list()).map((v) => v.plate)).toEqual(['鲁C·J1002'])
    expect(await outcome(foreign.call.vehicle.bookings({ vehicleId, from: at(0), to: at(100) }))).toBe(
      'NOT_FOUND',
    )
    expect(await outcome(foreign.call.vehicle.book(booking(60, 61)))).toBe('NOT_FOUND')
    expect(await outcome((await signedIn(app, 'admin')).call.vehicle.list())).toBe('FORBIDDEN')
    // the brigade and a department borrow any squad's vehicle
    const dept = await signedIn(app, 'dept-1')
    expect((await dept.call.vehicle.list()).length).toBe(3)
    expect((await dept.call.vehicle.book(booking(62, 63))).status).toBe('pending')
  })

  it('an activation of the area displaces a peacetime booking; the requester alone is told at once, with free windows', async () => {
    const { id: peaceId } = await director.call.vehicle.book(booking(4, 6))
    await leader.call.vehicle.decide({ id: peaceId, version: 1, approve: true })
    const { id: activationId } = await director.call.activation.start({
      dutyCode: 'office.wartime.3',
      reason: '群体性矛盾纠纷',
      place: '南麻街道',
      expectedMinutes: 60,
      peopleNeeded: 4,
    })
    const heard: ActivationSignal[] = []
    const stop = busOf(app.deps).subscribe((s) => heard.push(s))
    const directorId = await userId(app, 'dir-nanma')
    const war = await leader.call.vehicle.book(
      booking(5, 7, {
        purposeKind: 'activation',
        activationId,
        dutyCode: undefined,
        purposeNote: '战时处置群体性纠纷',
      }),
    )
    stop()
    expect(war).toMatchObject({ status: 'approved', displaced: 1 })
    const notice = heard.find((s) => s.kind === 'VehicleBookingDisplaced')
    expect(notice?.recipients).toEqual([directorId])
    expect(notice?.text).toContain('已被战时征用')
    expect(notice?.text).toContain('可改约空闲时段')
    // the displaced booking stays visible with its reason; its slots are free for the wartime one
    const mine = (await director.call.vehicle.myBookings()).find((b) => b.id === peaceId)
    expect(mine).toMatchObject({ status: 'displaced', statusLabel: '已被战时征用' })
    expect(mine?.displacedReason).toContain('战时处置群体性纠纷')
    const calendar = await leader.call.vehicle.bookings({ vehicleId, from: at(0), to: at(12) })
    expect(calendar.map((b) => b.status).sort()).toEqual(['approved', 'displaced'])
    // a peacetime booking never displaces a wartime one
    expect(await outcome(staff.call.vehicle.book(booking(6, 8, { dutyCode: 'squad.peacetime.1.5' })))).toBe(
      'CONFLICT',
    )
    // the personal notice reaches only its addressee's stream
    const { entitledTo } = await import('../src/services/activations.ts')
    const users = await import('../src/repos/users.ts')
    const asUser = async (name: string) =>
      (await users.findUser(app.deps.db, await userId(app, name))) as NonNullable<
        Awaited<ReturnType<typeof users.findUser>>
      >
    const ctx = { deps: app.deps, req: {} as never }
    expect(entitledTo(ctx, await asUser('dir-nanma'))(notice as ActivationSignal)).toBe(true)
    expect(entitledTo(ctx, await asUser('lead-lucun'))(notice as ActivationSignal)).toBe(false)
  })

  it('checks out and in once per key, refusing an odometer that goes backwards', async () => {
    const { id } = await staff.call.vehicle.book(booking(1, 3, { dutyCode: 'squad.peacetime.1.5' }))
    await advance(1 * H)
    const v = (await staff.call.vehicle.list())[0]
    const start = v?.odometerKm ?? 0
    const key = newId()
    const act = (k: string, kind: 'checkout' | 'checkin', km: number) =>
      staff.call.vehicle.act({
        key: k,
        bookingId: id,
        kind,
        at: app.deps.clock().toISOString(),
        odometerKm: km,
        fuelPercent: 70,
      })
    expect((await rejection(act(newId(), 'checkout', start - 1))).message).toContain('不能小于')
    expect(await act(key, 'checkout', start)).toMatchObject({ outcome: 'applied', status: 'out' })
    expect(await act(key, 'checkout', start)).toMatchObject({ outcome: 'duplicate', status: 'out' })
    expect((await rejection(act(newId(), 'checkout', start))).tag).toBe('AlreadyOut')
    await advance(H / 2)
    expect((await rejection(act(newId(), 'checkin', start - 5))).code).toBe('BAD_REQUEST')
    const back = newId()
    expect(await act(back, 'checkin', start + 42)).toMatchObject({ status: 'returned', distanceKm: 42 })
    expect(await act(back, 'checkin', start + 42)).toMatchObject({ outcome: 'duplicate' })
    expect((await staff.call.vehicle.list())[0]?.odometerKm).toBe(start + 42)
    // the early return freed the rest of the window
    await staff.call.vehicle.book(booking(2.5, 3, { dutyCode: 'squad.peacetime.1.5' }))
    const trips = await leader.call.vehicle.trips({ from: '2026-11-26', to: '2026-11-26' })
    expect(trips[0]).toMatchObject({ distanceKm: 42, requesterUnitName: '鲁村中队' })
    const use = await leader.call.vehicle.utilisation({ from: '2026-11-26', to: '2026-11-30' })
    expect(use.bySquad).toEqual([{ key: 'lucun', label: '鲁村中队', trips: 1, hours: 0.5, km: 42 }])
    expect(use.byDuty[0]?.label).toBe('日常监督管理')
    const file = await leader.call.vehicle.export({ from: '2026-11-26', to: '2026-11-30' })
    expect(file.rows).toBe(1)
    expect(Buffer.from(file.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK')
    // a director of the area cannot drive the squad's vehicle on someone else's booking
    expect(
      await outcome(
        director.call.vehicle.act({
          key: newId(),
          bookingId: id,
          kind: 'checkin',
          at: app.deps.clock().toISOString(),
          odometerKm: start + 50,
          fuelPercent: 50,
        }),
      ),
    ).toBe('FORBIDDEN')
  })

  it('a service due date within 14 days makes one task for the squad leader, once', async () => {
    const v = (await leader.call.vehicle.list())[0]
    if (v === undefined) throw new Error('no vehicle')
    await leader.call.vehicle.update({
      id: v.id,
      version: v.version,
      model: v.model,
      seats: v.seats,
      serviceDue: '2026-12-05',
      insuranceDue: '2027-06-30',
    })
    const first = await sweepVehicleDues(app.deps, newId())
    expect(first.created).toBeGreaterThanOrEqual(1)
    expect((await sweepVehicleDues(app.deps, newId())).created).toBe(0)
    const tasks = await leader.call.task.list({ mine: true, limit: 100 })
    const task = tasks.items.find((t) => t.title.includes('鲁C·J1001保养到期'))
    expect(task).toMatchObject({ source: 'vehicle', dutyCode: 'squad.peacetime.3' })
    expect(
      await outcome(
        (await signedIn(app, 'lead-xili')).call.vehicle.update({
          id: v.id,
          version: v.version + 1,
          model: v.model,
          seats: 5,
          serviceDue: '2026-12-05',
          insuranceDue: '2027-06-30',
        }),
      ),
    ).toBe('NOT_FOUND')
  })
})
