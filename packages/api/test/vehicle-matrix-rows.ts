// Authorization-matrix rows of the squad vehicle (issue 11). `own` users work in 鲁村 (the vehicle
// 鲁C·J1001 of 鲁村中队), `foreign` in 西里 (see matrix.test.ts). Every booking gets its own window.
import type { Role } from '@pingzhan/domain'
import { SLOT_MS } from '@pingzhan/domain'
import { type Agent, signedIn, type TestApp } from './harness.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'
type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }
interface Row {
  readonly call: (a: Agent, f: unknown, app: TestApp) => Promise<unknown>
  readonly sees?: (result: unknown, f: unknown) => boolean
  readonly expect: Expect
}

const same = (o: Outcome) => [o, o] as const
const scoped = (foreign: Outcome) => ['OK', foreign] as const
const F = same('FORBIDDEN')
const U: Outcome = 'UNAUTHORIZED'

const lucunVehicle = async (app: TestApp) =>
  app.deps.db.selectFrom('vehicles').selectAll().where('squad_code', '=', 'lucun').executeTakeFirstOrThrow()

const counters = new WeakMap<TestApp, number>()
/** A fresh half-hour window a day or more ahead, never used before in this app. */
const nextWindow = (app: TestApp) => {
  const n = counters.get(app) ?? 0
  counters.set(app, n + 1)
  const base = Math.ceil((app.deps.clock().getTime() + 86_400_000) / SLOT_MS) * SLOT_MS
  return {
    startsAt: new Date(base + n * SLOT_MS).toISOString(),
    endsAt: new Date(base + (n + 1) * SLOT_MS).toISOString(),
  }
}

const bookingInput = async (app: TestApp, window = nextWindow(app)) => ({
  vehicleId: (await lucunVehicle(app)).id,
  ...window,
  purposeKind: 'duty' as const,
  dutyCode: 'office.peacetime.2',
  purposeNote: '矩阵测试用车',
  towns: ['nanma'],
  driver: '矩阵驾驶员',
})

/** A booking of the 南麻 director, waiting for the 鲁村 squad leader. */
const pendingBooking = async (app: TestApp): Promise<string> => {
  const director = await signedIn(app, 'dir-nanma')
  return (await director.call.vehicle.book(await bookingInput(app))).id
}

/** 鲁村中队队员二 books the vehicle from now for half an hour (the squad's own: approved at once). */
const bookingNow = async (app: TestApp): Promise<{ id: string; staff: Agent; km: number }> => {
  const staff = await signedIn(app, 'staff-lucun-2')
  const start = Math.floor(app.deps.clock().getTime() / SLOT_MS) * SLOT_MS
  const window = { startsAt: new Date(start).toISOString(), endsAt: new Date(start + SLOT_MS).toISOString() }
  const { id } = await staff.call.vehicle.book({
    ...(await bookingInput(app, window)),
    dutyCode: 'squad.peacetime.1.5',
  })
  return { id, staff, km: (await lucunVehicle(app)).odometer_km }
}

/** Frees the booking's window again: checked in if it went out, otherwise cancelled. */
const release = async (app: TestApp, b: { id: string; staff: Agent; km: number }) => {
  const row = await app.deps.db
    .selectFrom('vehicle_bookings')
    .selectAll()
    .where('id', '=', b.id)
    .executeTakeFirstOrThrow()
  const at = app.deps.clock().toISOString()
  if (row.status === 'out') {
    await b.staff.call.vehicle.act({
      key: crypto.randomUUID(),
      bookingId: b.id,
      kind: 'checkin',
      at,
      odometerKm: b.km + 3,
      fuelPercent: 60,
    })
  } else {
    await b.staff.call.vehicle.cancel({ id: b.id, version: row.version, reason: '矩阵测试取消' })
  }
}

/** Reading vehicles: squad staff and directors their area's, the brigade, departments and bureau leaders all. */
const READS: Expect = {
  bureauAdmin: F,
  securityAdmin: F,
  auditAdmin: F,
  bureauLeader: same('OK'),
  brigadeLeader: same('OK'),
  squadLeader: scoped('NOT_FOUND'),
  squadMember: scoped('NOT_FOUND'),
  officeDirector: scoped('NOT_FOUND'),
  departmentStaff: same('OK'),
  anonymous: U,
}
const LISTS: Expect = {
  bureauAdmin: F,
  securityAdmin: F,
  auditAdmin: F,
  bureauLeader: same('OK'),
  brigadeLeader: same('OK'),
  squadLeader: scoped('EMPTY'),
  squadMember: scoped('EMPTY'),
  officeDirector: scoped('EMPTY'),
  departmentStaff: same('OK'),
  anonymous: U,
}
const REPORTS: Expect = {
  bureauAdmin: F,
  securityAdmin: F,
  auditAdmin: F,
  bureauLeader: same('OK'),
  brigadeLeader: same('OK'),
  squadLeader: same('OK'),
  squadMember: same('OK'),
  officeDirector: same('OK'),
  departmentStaff: same('OK'),
  anonymous: U,
}
const MANAGE: Expect = {
  bureauAdmin: F,
  securityAdmin: F,
  auditAdmin: F,
  bureauLeader: F,
  brigadeLeader: same('OK'),
  squadLeader: scoped('NOT_FOUND'),
  squadMember: F,
  officeDirector: F,
  departmentStaff: F,
  anonymous: U,
}
const ids = (r: unknown) => (r as Array<{ id: string }>).map((x) => x.id)

export const VEHICLE_ROWS: Record<string, Row> = {
  'vehicle.list': {
    call: (a) => a.call.vehicle.list(),
    sees: (r) => (r as Array<{ plate: string }>).some((v) => v.plate === '鲁C·J1001'),
    expect: LISTS,
  },
  'vehicle.register': {
    // 鲁村 already has its vehicle (一队一车): reaching that refusal means the caller was allowed
    call: (a) =>
      a.call.vehicle
        .register({
          squadCode: 'lucun',
          plate: '鲁C·J9999',
          model: '矩阵测试车',
          seats: 5,
          odometerKm: 1,
          fuelPercent: 50,
          serviceDue: '2027-06-01',
          insuranceDue: '2027-06-01',
        })
        .catch((e: { code?: string }) => {
          if (e.code === 'CONFLICT') return null
          throw e
        }),
    expect: MANAGE,
  },
  'vehicle.update': {
    call: async (a, _f, app) => {
      const v = await lucunVehicle(app)
      return a.call.vehicle.update({
        id: v.id,
        version: v.version,
        model: v.model,
        seats: v.seats,
        serviceDue: v.service_due,
        insuranceDue: v.insurance_due,
      })
    },
    expect: MANAGE,
  },
  'vehicle.bookings': {
    call: async (a, _f, app) => {
      const now = app.deps.clock().getTime()
      return a.call.vehicle.bookings({
        vehicleId: (await lucunVehicle(app)).id,
        from: new Date(now).toISOString(),
        to: new Date(now + 30 * 86_400_000).toISOString(),
      })
    },
    expect: READS,
  },
  'vehicle.freeWindows': {
    call: async (a, _f, app) =>
      a.call.vehicle.freeWindows({
        vehicleId: (await lucunVehicle(app)).id,
        from: app.deps.clock().toISOString(),
        durationMinutes: 60,
      }),
    expect: READS,
  },
  'vehicle.myBookings': {
    call: async (a, _f, app) => ({ id: await pendingBooking(app), list: await a.call.vehicle.myBookings() }),
    sees: (r) => {
      const { id, list } = r as { id: string; list: unknown }
      return ids(list).includes(id)
    },
    expect: {
      bureauAdmin: F,
      securityAdmin: F,
      auditAdmin: F,
      bureauLeader: same('EMPTY'),
      brigadeLeader: same('EMPTY'),
      squadLeader: same('EMPTY'),
      squadMember: same('EMPTY'),
      officeDirector: scoped('EMPTY'),
      departmentStaff: same('EMPTY'),
      anonymous: U,
    },
  },
  'vehicle.pending': {
    call: async (a, _f, app) => ({ id: await pendingBooking(app), list: await a.call.vehicle.pending() }),
    sees: (r) => {
      const { id, list } = r as { id: string; list: unknown }
      return ids(list).includes(id)
    },
    expect: {
      bureauAdmin: F,
      securityAdmin: F,
      auditAdmin: F,
      bureauLeader: same('EMPTY'),
      brigadeLeader: same('EMPTY'),
      squadLeader: scoped('EMPTY'),
      squadMember: same('EMPTY'),
      officeDirector: same('EMPTY'),
      departmentStaff: same('EMPTY'),
      anonymous: U,
    },
  },
  'vehicle.book': {
    call: async (a, _f, app) => a.call.vehicle.book(await bookingInput(app)),
    expect: {
      bureauAdmin: F,
      securityAdmin: F,
      auditAdmin: F,
      bureauLeader: F,
      brigadeLeader: same('OK'),
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: same('OK'),
      anonymous: U,
    },
  },
  'vehicle.decide': {
    call: async (a, _f, app) =>
      a.call.vehicle.decide({ id: await pendingBooking(app), version: 1, approve: true }),
    expect: {
      bureauAdmin: F,
      securityAdmin: F,
      auditAdmin: F,
      bureauLeader: F,
      brigadeLeader: F,
      squadLeader: scoped('NOT_FOUND'),
      squadMember: F,
      officeDirector: F,
      departmentStaff: F,
      anonymous: U,
    },
  },
  'vehicle.cancel': {
    call: async (a, _f, app) =>
      a.call.vehicle.cancel({ id: await pendingBooking(app), version: 1, reason: '矩阵测试取消' }),
    expect: {
      bureauAdmin: F,
      securityAdmin: F,
      auditAdmin: F,
      bureauLeader: F,
      brigadeLeader: F,
      // the owner squad's leader and the requester (南麻所长) cancel
      squadLeader: scoped('NOT_FOUND'),
      squadMember: ['FORBIDDEN', 'NOT_FOUND'],
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: F,
      anonymous: U,
    },
  },
  'vehicle.act': {
    call: async (a, _f, app) => {
      const b = await bookingNow(app)
      try {
        return await a.call.vehicle.act({
          key: crypto.randomUUID(),
          bookingId: b.id,
          kind: 'checkout',
          at: app.deps.clock().toISOString(),
          odometerKm: b.km,
          fuelPercent: 70,
        })
      } finally {
        await release(app, b)
      }
    },
    expect: {
      bureauAdmin: F,
      securityAdmin: F,
      auditAdmin: F,
      bureauLeader: F,
      brigadeLeader: F,
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: ['FORBIDDEN', 'NOT_FOUND'],
      departmentStaff: F,
      anonymous: U,
    },
  },
  'vehicle.trips': {
    call: async (a, _f, app) => {
      const b = await bookingNow(app)
      await b.staff.call.vehicle.act({
        key: crypto.randomUUID(),
        bookingId: b.id,
        kind: 'checkout',
        at: app.deps.clock().toISOString(),
        odometerKm: b.km,
        fuelPercent: 70,
      })
      await release(app, b)
      const day = new Date(app.deps.clock().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
      return { id: b.id, list: await a.call.vehicle.trips({ from: day, to: day }) }
    },
    sees: (r) => {
      const { id, list } = r as { id: string; list: Array<{ bookingId: string }> }
      return list.some((t) => t.bookingId === id)
    },
    expect: LISTS,
  },
  'vehicle.utilisation': {
    call: (a) => a.call.vehicle.utilisation({ from: '2026-11-01', to: '2026-12-31' }),
    expect: REPORTS,
  },
  'vehicle.export': {
    call: (a) => a.call.vehicle.export({ from: '2026-11-01', to: '2026-12-31' }),
    expect: REPORTS,
  },
}
