// 执法车辆 (issue 11, policy 四.2 一队一车) through the vehicle services: the brigade registers each
// squad's vehicle on the first day; over the months squad staff book it (approved at once), the offices
// of the area, the brigade and the bureau's department borrow it (the squad leader approves, now and then
// refuses); every approved booking is checked out and in with its odometer and fuel; a wartime booking of
// an open activation displaces an office's booking (平战融合); today some vehicles are out, some bookings
// wait for the squad leader.
import type { User } from '../../repos/users.ts'
import {
  applyVehicleAction,
  bookVehicle,
  cancelBooking,
  decideBooking,
  registerVehicle,
} from '../../services/vehicles.ts'
import { newId } from '../../shared.ts'
import { addDays, shanghaiAt } from '../names.ts'
import type { Sim } from './sim.ts'

const PLATES: Record<string, string> = { lucun: '鲁C·J1001', xili: '鲁C·J1002', shiqiao: '鲁C·J1003' }

/** The day of the past 西里 activation (wartime.ts) on which its commander requisitions the vehicle. */
const DISPLACEMENT_DAY = 83

const SQUAD_PURPOSES: ReadonlyArray<readonly [string, string]> = [
  ['squad.peacetime.1.8', '社区矫正对象入户走访'],
  ['squad.peacetime.1.1', '调查评估走访村居、邻里'],
  ['squad.peacetime.1.5', '社区矫正对象日常监督管理，现场核查'],
  ['squad.peacetime.2.4', '刑满释放人员走访排查'],
  ['squad.peacetime.1.10', '协助查找失联人员'],
]
const OFFICE_PURPOSES: ReadonlyArray<readonly [string, string]> = [
  ['office.peacetime.2.2', '赴村调处矛盾纠纷'],
  ['office.peacetime.3.2', '送法进村普法宣传'],
  ['office.peacetime.4.4', '指导村（社区）公共法律服务工作室'],
  ['office.peacetime.1.2', '重大事项合法性审查现场调查'],
]
const DEPT_PURPOSES: ReadonlyArray<readonly [string, string]> = [
  ['office.peacetime.5.1', '司法所规范化建设督导检查'],
  ['office.peacetime.3.4', '法治文化阵地建设调研'],
]

const isWeekday = (date: string): boolean => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay()
  return d !== 0 && d !== 6
}

const bookingVersion = async (sim: Sim, id: string): Promise<number> =>
  Number(
    (
      await sim.ctx.deps.db
        .selectFrom('vehicle_bookings')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).version,
  )

const vehicleOf = async (sim: Sim, squad: string) =>
  sim.ctx.deps.db
    .selectFrom('vehicles')
    .select(['id', 'odometer_km', 'fuel_percent'])
    .where('squad_code', '=', squad)
    .executeTakeFirstOrThrow()

interface Plan {
  readonly squad: string
  readonly requester: User
  readonly driver: User
  readonly start: Date
  readonly end: Date
  readonly dutyCode: string
  readonly note: string
  readonly towns: ReadonlyArray<string>
  /** when the booking is made */
  readonly bookAt: number
  /** the squad leader's answer to a borrowing: 'approve' | 'reject' | 'wait' */
  readonly decision: 'approve' | 'reject' | 'wait'
  readonly cancel: boolean
  readonly km: number
  readonly passengers?: string
  /** false: approved but never driven (the booking the wartime requisition displaces) */
  readonly drive?: boolean
}

export const seedVehicles = (sim: Sim): void => {
  const org = sim.ctx.deps.org
  const brigade = sim.user('brigade')
  const dept = sim.users.find((u) => u.role === 'departmentStaff')
  // registered on the first morning, before anyone books
  for (const [i, squad] of org.config.squads.entries()) {
    sim.at(shanghaiAt(sim.firstDay, 8, 10 + i), async () => {
      // a database made in plain demo mode before has the squad's vehicle already (seedDemoVehicles)
      const existing = await sim.ctx.deps.db
        .selectFrom('vehicles')
        .select('id')
        .where('squad_code', '=', squad.code)
        .executeTakeFirst()
      if (existing !== undefined) return
      await sim.call('vehicle.register', () =>
        registerVehicle(sim.ctx, brigade, {
          squadCode: squad.code,
          plate: PLATES[squad.code] ?? `鲁C·J10${String(i + 11)}`,
          model: '执法执勤车（5座）',
          seats: 5,
          odometerKm: 12_000 + i * 3100,
          fuelPercent: 80,
          // the 鲁村 vehicle's service falls due next week: its squad leader gets the task today
          serviceDue: addDays(sim.today, i === 0 ? 10 : 90 + i * 30),
          insuranceDue: addDays(sim.today, 200 + i * 20),
        }),
      )
    })
  }
  for (const squad of org.config.squads) {
    const members = sim.users.filter((u) => u.role === 'squadMember' && u.squadCode === squad.code)
    const directors = org.config.offices
      .filter((o) => org.areaOfOffice(o.code) === squad.code)
      .map((o) => sim.user(`dir-${o.code}`))
    const plans: Plan[] = []
    const plan = (day: number, half: 'am' | 'pm', forced?: 'pending' | 'deptToday') => {
      const on = addDays(sim.firstDay, day)
      const start = half === 'am' ? shanghaiAt(on, 8, 30) : shanghaiAt(on, 14, 0)
      const end = half === 'am' ? shanghaiAt(on, 11, 30) : shanghaiAt(on, 17, 30)
      const who =
        forced === 'pending'
          ? 'office'
          : forced === 'deptToday'
            ? 'dept'
            : sim.rng.weighted([
                ['squad', 60],
                ['office', 25],
                ['brigade', 6],
                ['dept', 9],
              ] as const)
      const requester =
        who === 'squad'
          ? sim.rng.pick(members)
          : who === 'office'
            ? sim.rng.pick(directors)
            : who === 'brigade' || dept === undefined
              ? brigade
              : dept
      const [dutyCode, note] = sim.rng.pick(
        who === 'squad' || who === 'brigade'
          ? SQUAD_PURPOSES
          : who === 'office'
            ? OFFICE_PURPOSES
            : DEPT_PURPOSES,
      )
      const town = who === 'office' && requester.officeCode ? requester.officeCode : sim.rng.pick(squad.towns)
      const bookOn = addDays(on, -sim.rng.int(1, 3))
      // nothing is booked before the vehicles are registered on the first morning
      const bookAt = Math.max(
        shanghaiAt(sim.firstDay, 9, 0).getTime(),
        forced === 'pending'
          ? sim.recent(sim.today, 8, 9).getTime()
          : Math.min(sim.workTime(bookOn, 8, 16).getTime(), start.getTime() - 3_600_000),
      )
      plans.push({
        squad: squad.code,
        requester,
        driver: requester,
        start,
        end,
        dutyCode,
        note: `${note}（演示）`,
        towns: [town],
        bookAt,
        decision:
          who === 'squad' || forced === 'deptToday'
            ? 'approve'
            : forced === 'pending'
              ? 'wait'
              : sim.rng.chance(0.12)
                ? 'reject'
                : 'approve',
        cancel: who === 'squad' && sim.rng.chance(0.05),
        km: sim.rng.int(18, 85),
        ...(who === 'squad' ? { passengers: sim.rng.pick(members).displayName } : {}),
      })
    }
    for (let day = 1; day <= 182; day++) {
      const on = addDays(sim.firstDay, day)
      if (on > sim.today || (!isWeekday(on) && day !== 182)) continue
      if (squad.code === 'xili' && day === DISPLACEMENT_DAY) continue
      if (day === 182) {
        // today: the morning trip (the 鲁村 one lent to the bureau's department), and an office's
        // borrowing for tomorrow morning, asked for this morning, waits for the squad leader
        plan(day, 'am', squad.code === 'lucun' ? 'deptToday' : undefined)
        if (sim.rng.chance(0.6)) plan(day, 'pm')
        plan(183, 'am', 'pending')
        continue
      }
      if (sim.rng.chance(0.55)) plan(day, 'am')
      if (sim.rng.chance(0.4)) plan(day, 'pm')
    }
    for (const p of plans) booking(sim, p)
  }
  displacement(sim, directorsOf(sim, 'xili'))
}

const directorsOf = (sim: Sim, area: string): ReadonlyArray<User> =>
  sim.ctx.deps.org.config.offices
    .filter((o) => sim.ctx.deps.org.areaOfOffice(o.code) === area)
    .map((o) => sim.user(`dir-${o.code}`))

const booking = (sim: Sim, p: Plan, after?: (id: string) => void): void => {
  const leader = sim.user(`lead-${p.squad}`)
  sim.at(p.bookAt, async () => {
    const vehicle = await vehicleOf(sim, p.squad)
    const { id, status } = await sim.call('vehicle.book', () =>
      bookVehicle(sim.ctx, p.requester, {
        vehicleId: vehicle.id,
        startsAt: p.start.toISOString(),
        endsAt: p.end.toISOString(),
        purposeKind: 'duty',
        dutyCode: p.dutyCode,
        purposeNote: p.note,
        towns: p.towns,
        driver: p.driver.displayName,
        ...(p.passengers ? { passengers: p.passengers } : {}),
      }),
    )
    after?.(id)
    if (p.cancel) {
      sim.at(sim.later(p.bookAt, sim.rng.int(60, 600)), async () => {
        await sim.call('vehicle.cancel', async () =>
          cancelBooking(sim.ctx, p.requester, {
            id,
            version: await bookingVersion(sim, id),
            reason: '工作安排调整，取消用车',
          }),
        )
      })
      return
    }
    let ready = sim.now()
    if (status === 'pending') {
      if (p.decision === 'wait') return
      ready = Math.min(sim.later(p.bookAt, sim.rng.int(20, 240)), p.start.getTime() - 600_000)
      sim.at(ready, async () => {
        await sim.call(p.decision === 'approve' ? 'vehicle.approve' : 'vehicle.reject', async () =>
          decideBooking(sim.ctx, leader, {
            id,
            version: await bookingVersion(sim, id),
            approve: p.decision === 'approve',
            ...(p.decision === 'reject' ? { note: '该时段中队有社区矫正集中走访任务，请改约其他时段' } : {}),
          }),
        )
      })
      if (p.decision === 'reject') return
    }
    if (p.drive === false) return
    trip(sim, p.squad, id, p.driver, p.start.getTime() + sim.rng.int(0, 20) * 60_000, p.end.getTime(), p.km)
  })
}

/** Check-out near the window's start and check-in before its end, with odometer and fuel readings. */
const trip = (
  sim: Sim,
  squad: string,
  id: string,
  driver: User,
  outMs: number,
  endMs: number,
  km: number,
) => {
  sim.at(outMs, async () => {
    const v = await vehicleOf(sim, squad)
    const fuel = Number(v.fuel_percent) < 35 ? 95 : Number(v.fuel_percent)
    const out = Number(v.odometer_km)
    await sim.call('vehicle.checkout', () =>
      applyVehicleAction(sim.ctx, driver, {
        key: newId(),
        bookingId: id,
        kind: 'checkout',
        at: new Date(sim.now()).toISOString(),
        odometerKm: out,
        fuelPercent: fuel,
        note: fuel === 95 ? '出车前已加油' : undefined,
      }),
    )
    const inMs = Math.max(sim.now() + 30 * 60_000, endMs - sim.rng.int(5, 40) * 60_000)
    sim.at(inMs, async () => {
      await sim.call('vehicle.checkin', () =>
        applyVehicleAction(sim.ctx, driver, {
          key: newId(),
          bookingId: id,
          kind: 'checkin',
          at: new Date(sim.now()).toISOString(),
          odometerKm: out + km,
          fuelPercent: Math.max(10, fuel - Math.ceil(km / 6)),
        }),
      )
    })
  })
}

/**
 * On the day of the past 西里 activation (wartime.ts) the 西里所 has the vehicle booked for the day; the
 * squad leader requisitions it for the activation as soon as it is open, which displaces that booking.
 */
const displacement = (sim: Sim, offices: ReadonlyArray<User>): void => {
  const on = addDays(sim.firstDay, DISPLACEMENT_DAY)
  if (on > sim.today) return
  const director = offices.find((u) => u.officeCode === 'lishan') ?? (offices[0] as User)
  const leader = sim.user('lead-xili')
  booking(sim, {
    squad: 'xili',
    requester: director,
    driver: director,
    start: shanghaiAt(on, 8, 0),
    end: shanghaiAt(on, 20, 0),
    dutyCode: 'office.peacetime.3.2',
    note: '全天送法进村巡回普法（演示）',
    towns: [director.officeCode ?? 'lishan'],
    bookAt: sim.workTime(addDays(on, -3), 9, 11).getTime(),
    decision: 'approve',
    cancel: false,
    km: 60,
    drive: false,
  })
  let done = false
  for (let k = 0; k < 22; k++) {
    const at = shanghaiAt(on, 8, 45).getTime() + k * 30 * 60_000
    sim.at(at, async () => {
      if (done) return
      const open = await sim.ctx.deps.db
        .selectFrom('activations')
        .select('id')
        .where('area_code', '=', 'xili')
        .where('stage', 'in', ['mobilising', 'active'])
        .executeTakeFirst()
      if (open === undefined) return
      done = true
      const vehicle = await vehicleOf(sim, 'xili')
      const start = Math.ceil(sim.now() / 1_800_000) * 1_800_000
      const { id } = await sim.call('vehicle.bookWartime', () =>
        bookVehicle(sim.ctx, leader, {
          vehicleId: vehicle.id,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 3 * 3_600_000).toISOString(),
          purposeKind: 'activation',
          activationId: open.id,
          purposeNote: '战时行动现场用车：接送参战人员、运送宣传资料',
          towns: ['xili'],
          driver: leader.displayName,
        }),
      )
      trip(sim, 'xili', id, leader, start + 5 * 60_000, start + 3 * 3_600_000, 34)
    })
  }
}
