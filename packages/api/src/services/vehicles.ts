// The squad vehicle (issue 11, policy 四.2: 一队一车, borrowable by the offices of the area, the brigade
// and the bureau's departments). Bookings hold 30-minute slot rows whose primary key (vehicle, slot)
// makes two overlapping bookings impossible under concurrency on both dialects (see the migration).
// A booking for an open activation of the vehicle's area displaces overlapping peacetime bookings in the
// same transaction; the displaced requester is told at once on the live event stream.
import {
  BOOKING_STATUS_LABELS,
  type BookingStatus,
  CURRENT_CATALOG_VERSION,
  checkReading,
  checkWindow,
  DUE_NOTICE_DAYS,
  dueSoon,
  findDuty,
  mayBookVehicle,
  mayDecideBooking,
  mayManageVehicle,
  needsApproval,
  nextFreeWindows,
  type Occupant,
  preempt,
  type RequesterKind,
  SLOT_MS,
  slotsOf,
  type TimeWindow,
  taskScope,
  vehicleScope,
} from '@pingzhan/domain'
import { Effect, Exit, Result } from 'effect'
import { appendAudit } from '../audit/audit.ts'
import { busOf, preciseNow } from '../realtime/activation-bus.ts'
import { findActivationRef, isOnRoster, usersByPersonCodes } from '../repos/activations.ts'
import { findTaskInScope } from '../repos/tasks.ts'
import type { User } from '../repos/users.ts'
import {
  type BookingRow,
  bookingsBetween,
  bookingsOfRequester,
  busyWindows,
  findBooking,
  findTripOfBooking,
  findVehicle,
  findVehicleAction,
  inScope,
  insertSlots,
  listVehicles,
  occupantsOfSlots,
  releaseSlots,
  type TripWithBooking,
  tripsBetween,
  updateBookingIf,
  type VehicleRow,
} from '../repos/vehicles.ts'
import { newId } from '../shared.ts'
import type { Context, Deps } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { createTask, EXPORT_LIMIT, endOfShanghaiDay, escapeCell } from './task-work.ts'
import { auditActor, officeName, squadName, userUnit } from './units.ts'

const badInput = (field: string, message: string) =>
  fail('BAD_REQUEST', 'InvalidInput', `输入有误：${message}`, { [field]: message })

export const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: unknown; message?: unknown }
  return e?.code === '23505' || (typeof e?.message === 'string' && /UNIQUE constraint failed/.test(e.message))
}
/** PostgreSQL deadlock / serialization failures: the transaction rolled back and may be retried. */
const isRetryable = (error: unknown): boolean => {
  const code = (error as { code?: unknown })?.code
  return code === '40P01' || code === '40001'
}

const BEIJING_MS = 8 * 3_600_000
/** '12月08日 09:00' in Beijing time. */
export const beijing = (ms: number): string => {
  const d = new Date(ms + BEIJING_MS).toISOString()
  return `${d.slice(5, 7)}月${d.slice(8, 10)}日 ${d.slice(11, 16)}`
}
const windowText = (w: TimeWindow): string => {
  const a = beijing(w.start)
  const b = beijing(w.end)
  return a.slice(0, 6) === b.slice(0, 6) ? `${a}–${b.slice(7)}` : `${a}–${b}`
}
const todayInBeijing = (now: Date): string => new Date(now.getTime() + BEIJING_MS).toISOString().slice(0, 10)

const scopeOf = (ctx: Context, user: User) => vehicleScope(ctx.deps.org, actorOf(user))

/** The unit a user books for (requester unit). */
const requesterOf = (ctx: Context, user: User): { kind: RequesterKind; code: string } | null => {
  switch (user.role) {
    case 'squadLeader':
    case 'squadMember':
      return user.squadCode ? { kind: 'squad', code: user.squadCode } : null
    case 'officeDirector':
      return user.officeCode ? { kind: 'office', code: user.officeCode } : null
    case 'brigadeLeader':
      return { kind: 'brigade', code: ctx.deps.org.config.brigade.code }
    case 'departmentStaff':
      return user.departmentCode ? { kind: 'department', code: user.departmentCode } : null
    default:
      return null
  }
}

const requesterUnitName = (ctx: Context, kind: RequesterKind, code: string): string => {
  const org = ctx.deps.org
  switch (kind) {
    case 'office':
      return officeName(org, code)
    case 'squad':
      return squadName(org, code)
    case 'brigade':
      return org.config.brigade.name
    case 'department':
      return org.department(code)?.name ?? code
  }
}

const dutyTitle = (version: string | null, code: string | null): string => {
  if (code === null) return ''
  const exit = Effect.runSyncExit(findDuty(version ?? CURRENT_CATALOG_VERSION, code))
  return Exit.isSuccess(exit) ? exit.value.title : code
}

const vehicleUnit = (ctx: Context, squad: string) => ({
  code: squad,
  name: squadName(ctx.deps.org, squad),
  area: squad,
})

const namesOf = async (ctx: Context, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> => {
  const list = [...new Set(ids.filter((x): x is string => x !== null))]
  const map = new Map<string, string>()
  if (list.length === 0) return map
  const rows = await ctx.deps.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', list)
    .execute()
  for (const r of rows) map.set(r.id, r.display_name)
  return map
}

// ── vehicles ──

export interface VehicleItem {
  readonly id: string
  readonly plate: string
  readonly squadCode: string
  readonly squadName: string
  readonly model: string
  readonly seats: number
  readonly odometerKm: number
  readonly fuelPercent: number
  readonly serviceDue: string
  readonly insuranceDue: string
  readonly serviceDueSoon: boolean
  readonly insuranceDueSoon: boolean
  readonly version: number
  readonly mayManage: boolean
  readonly mayBook: boolean
  /** the towns of the owner squad's area (where the vehicle mostly goes) */
  readonly areaTowns: ReadonlyArray<{ readonly code: string; readonly name: string }>
}

const vehicleItem = (ctx: Context, user: User, v: VehicleRow): VehicleItem => {
  const today = todayInBeijing(ctx.deps.clock())
  return {
    id: v.id,
    plate: v.plate,
    squadCode: v.squad_code,
    squadName: squadName(ctx.deps.org, v.squad_code),
    model: v.model,
    seats: v.seats,
    odometerKm: v.odometer_km,
    fuelPercent: v.fuel_percent,
    serviceDue: v.service_due,
    insuranceDue: v.insurance_due,
    serviceDueSoon: dueSoon(v.service_due, today),
    insuranceDueSoon: dueSoon(v.insurance_due, today),
    version: v.version,
    mayManage: mayManageVehicle(actorOf(user), v.squad_code),
    mayBook: mayBookVehicle(user.role),
    areaTowns: ctx.deps.org.townsOfArea(v.squad_code).map((t) => ({ code: t.code, name: t.name })),
  }
}

export const listVehiclesFor = async (ctx: Context, user: User): Promise<ReadonlyArray<VehicleItem>> =>
  (await listVehicles(ctx.deps.db, scopeOf(ctx, user))).map((v) => vehicleItem(ctx, user, v))

/** A vehicle the user may see, or NOT_FOUND. */
const visibleVehicle = async (ctx: Context, user: User, id: string): Promise<VehicleRow> => {
  const v = await findVehicle(ctx.deps.db, id)
  if (v === null || !inScope(scopeOf(ctx, user), v.squad_code)) throw notFound('车辆')
  return v
}

export interface VehicleInput {
  readonly plate: string
  readonly model: string
  readonly seats: number
  readonly odometerKm: number
  readonly fuelPercent: number
  readonly serviceDue: string
  readonly insuranceDue: string
}

export const registerVehicle = async (
  ctx: Context,
  user: User,
  input: VehicleInput & { squadCode: string },
): Promise<{ id: string }> => {
  const { deps, req } = ctx
  if (user.role !== 'brigadeLeader' && user.role !== 'squadLeader') throw forbidden()
  if (deps.org.squad(input.squadCode) === undefined || !mayManageVehicle(actorOf(user), input.squadCode))
    throw notFound('中队')
  const now = deps.clock()
  const id = newId()
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('vehicles')
        .values({
          id,
          plate: input.plate,
          squad_code: input.squadCode,
          model: input.model,
          seats: input.seats,
          odometer_km: input.odometerKm,
          fuel_percent: input.fuelPercent,
          service_due: input.serviceDue,
          insurance_due: input.insuranceDue,
          created_at: now.toISOString(),
          created_by: user.id,
          version: 1,
        })
        .execute()
      await appendAudit(trx, deps.keys, {
        actor: auditActor(user),
        correlationId: req.correlationId,
        ip: req.ip,
        at: now,
        action: 'vehicle.register',
        unit: vehicleUnit(ctx, input.squadCode),
        subjectType: 'vehicle',
        subjectId: id,
        after: input,
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict('该中队已登记执法车辆（一队一车），或车牌号已被登记', 'VehicleExists')
    }
    throw error
  }
  return { id }
}

export const updateVehicle = async (
  ctx: Context,
  user: User,
  input: Omit<VehicleInput, 'plate' | 'odometerKm' | 'fuelPercent'> & { id: string; version: number },
): Promise<{ ok: true }> => {
  const { deps, req } = ctx
  if (user.role !== 'brigadeLeader' && user.role !== 'squadLeader') throw forbidden()
  const v = await visibleVehicle(ctx, user, input.id)
  if (!mayManageVehicle(actorOf(user), v.squad_code)) throw notFound('车辆')
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('vehicles')
      .set({
        model: input.model,
        seats: input.seats,
        service_due: input.serviceDue,
        insurance_due: input.insuranceDue,
        version: input.version + 1,
      })
      .where('id', '=', v.id)
      .where('version', '=', input.version)
      .executeTakeFirst()
    if (Number(r.numUpdatedRows) !== 1) throw conflict('车辆信息已被他人修改，请刷新后重试')
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'vehicle.update',
      unit: vehicleUnit(ctx, v.squad_code),
      subjectType: 'vehicle',
      subjectId: v.id,
      before: { model: v.model, seats: v.seats, serviceDue: v.service_due, insuranceDue: v.insurance_due },
      after: {
        model: input.model,
        seats: input.seats,
        serviceDue: input.serviceDue,
        insuranceDue: input.insuranceDue,
      },
    })
  })
  return { ok: true }
}

// ── bookings ──

export interface BookingItem {
  readonly id: string
  readonly vehicleId: string
  readonly plate: string
  readonly squadCode: string
  readonly squadName: string
  readonly requesterId: string
  readonly requesterName: string
  readonly requesterKind: RequesterKind
  readonly requesterUnitName: string
  readonly purposeKind: BookingRow['purpose_kind']
  readonly dutyCode: string | null
  readonly dutyTitle: string
  readonly taskId: string | null
  readonly activationId: string | null
  readonly wartime: boolean
  readonly purposeNote: string
  readonly startsAt: string
  readonly endsAt: string
  readonly towns: ReadonlyArray<{ readonly code: string; readonly name: string }>
  readonly driver: string
  readonly passengers: string
  readonly status: BookingStatus
  readonly statusLabel: string
  readonly decidedByName: string | null
  readonly decidedAt: string | null
  readonly decisionNote: string | null
  readonly displacedAt: string | null
  readonly displacedReason: string | null
  readonly createdAt: string
  readonly version: number
  readonly mayDecide: boolean
  readonly mayCancel: boolean
  readonly mayDrive: boolean
  readonly trip: {
    readonly outAt: string
    readonly outKm: number
    readonly outFuel: number
    readonly inAt: string | null
    readonly inKm: number | null
    readonly inFuel: number | null
  } | null
}

/** The owner squad's staff and the requester check the vehicle out and in. */
const mayDrive = (user: User, b: BookingRow): boolean =>
  b.requester_id === user.id ||
  ((user.role === 'squadLeader' || user.role === 'squadMember') && user.squadCode === b.squad_code)

const mayCancelBooking = (user: User, b: BookingRow): boolean =>
  (b.status === 'pending' || b.status === 'approved') &&
  (b.requester_id === user.id || mayDecideBooking(actorOf(user), b.squad_code))

const bookingItems = async (
  ctx: Context,
  user: User,
  rows: ReadonlyArray<BookingRow>,
): Promise<ReadonlyArray<BookingItem>> => {
  const names = await namesOf(ctx, [...rows.map((r) => r.requester_id), ...rows.map((r) => r.decided_by)])
  const vehicles = new Map<string, VehicleRow | null>()
  for (const id of new Set(rows.map((r) => r.vehicle_id)))
    vehicles.set(id, await findVehicle(ctx.deps.db, id))
  const trips =
    rows.length === 0
      ? []
      : await ctx.deps.db
          .selectFrom('vehicle_trips')
          .selectAll()
          .where(
            'booking_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
  const tripOf = new Map(trips.map((t) => [t.booking_id, t]))
  const org = ctx.deps.org
  return rows.map((b) => {
    const t = tripOf.get(b.id)
    return {
      id: b.id,
      vehicleId: b.vehicle_id,
      plate: vehicles.get(b.vehicle_id)?.plate ?? '',
      squadCode: b.squad_code,
      squadName: squadName(org, b.squad_code),
      requesterId: b.requester_id,
      requesterName: names.get(b.requester_id) ?? '',
      requesterKind: b.requester_kind,
      requesterUnitName: requesterUnitName(ctx, b.requester_kind, b.requester_code),
      purposeKind: b.purpose_kind,
      dutyCode: b.duty_code,
      dutyTitle: dutyTitle(b.duty_version, b.duty_code),
      taskId: b.task_id,
      activationId: b.activation_id,
      wartime: b.wartime === 1,
      purposeNote: b.purpose_note,
      startsAt: b.starts_at,
      endsAt: b.ends_at,
      towns: (JSON.parse(b.towns) as string[]).map((code) => ({ code, name: org.town(code)?.name ?? code })),
      driver: b.driver,
      passengers: b.passengers,
      status: b.status,
      statusLabel: BOOKING_STATUS_LABELS[b.status],
      decidedByName: b.decided_by ? (names.get(b.decided_by) ?? '') : null,
      decidedAt: b.decided_at,
      decisionNote: b.decision_note,
      displacedAt: b.displaced_at,
      displacedReason: b.displaced_reason,
      createdAt: b.created_at,
      version: b.version,
      mayDecide: b.status === 'pending' && mayDecideBooking(actorOf(user), b.squad_code),
      mayCancel: mayCancelBooking(user, b),
      mayDrive: (b.status === 'approved' || b.status === 'out') && mayDrive(user, b),
      trip: t
        ? {
            outAt: t.out_at,
            outKm: t.out_km,
            outFuel: t.out_fuel,
            inAt: t.in_at,
            inKm: t.in_km,
            inFuel: t.in_fuel,
          }
        : null,
    }
  })
}

/** Every booking of a visible vehicle meeting [from, to) — the calendar, displaced ones included. */
export const vehicleBookings = async (
  ctx: Context,
  user: User,
  input: { vehicleId: string; from: string; to: string },
): Promise<ReadonlyArray<BookingItem>> => {
  const v = await visibleVehicle(ctx, user, input.vehicleId)
  const from = new Date(input.from)
  const to = new Date(input.to)
  if (to.getTime() <= from.getTime()) throw badInput('to', '结束时间必须晚于开始时间')
  if (to.getTime() - from.getTime() > 93 * 86_400_000) throw badInput('to', '一次最多查看三个月')
  return bookingItems(
    ctx,
    user,
    await bookingsBetween(ctx.deps.db, v.id, from.toISOString(), to.toISOString()),
  )
}

/** The caller's own bookings that have not ended more than 7 days ago (where a displacement shows). */
export const myBookings = async (ctx: Context, user: User): Promise<ReadonlyArray<BookingItem>> => {
  const since = new Date(ctx.deps.clock().getTime() - 7 * 86_400_000).toISOString()
  return bookingItems(ctx, user, await bookingsOfRequester(ctx.deps.db, user.id, since))
}

/** Bookings waiting for the caller's decision (the owner squad leader). */
export const pendingBookings = async (ctx: Context, user: User): Promise<ReadonlyArray<BookingItem>> => {
  if (user.role !== 'squadLeader' || user.squadCode === null) return []
  const rows = await ctx.deps.db
    .selectFrom('vehicle_bookings')
    .selectAll()
    .where('squad_code', '=', user.squadCode)
    .where('status', '=', 'pending')
    .orderBy('starts_at')
    .limit(200)
    .execute()
  return bookingItems(ctx, user, rows)
}

export const freeWindows = async (
  ctx: Context,
  user: User,
  input: { vehicleId: string; from: string; durationMinutes: number },
): Promise<ReadonlyArray<{ startsAt: string; endsAt: string }>> => {
  const v = await visibleVehicle(ctx, user, input.vehicleId)
  const from = Math.max(Date.parse(input.from), ctx.deps.clock().getTime())
  const busy = await busyWindows(ctx.deps.db, v.id, new Date(from).toISOString())
  return nextFreeWindows(busy, input.durationMinutes * 60_000, from, 5).map((w) => ({
    startsAt: new Date(w.start).toISOString(),
    endsAt: new Date(w.end).toISOString(),
  }))
}

export interface BookInput {
  readonly vehicleId: string
  readonly startsAt: string
  readonly endsAt: string
  readonly purposeKind: 'duty' | 'task' | 'activation'
  readonly dutyCode?: string | undefined
  readonly taskId?: string | undefined
  readonly activationId?: string | undefined
  readonly purposeNote: string
  readonly towns: ReadonlyArray<string>
  readonly driver: string
  readonly passengers?: string | undefined
}

/** The duty a booking serves, checked against what the requester may name. */
const purposeOf = async (
  ctx: Context,
  user: User,
  v: VehicleRow,
  input: BookInput,
): Promise<{ dutyVersion: string | null; dutyCode: string | null; wartime: boolean }> => {
  const { deps } = ctx
  switch (input.purposeKind) {
    case 'duty': {
      if (!input.dutyCode) throw badInput('dutyCode', '请选择用车服务的职责事项')
      const exit = Effect.runSyncExit(findDuty(CURRENT_CATALOG_VERSION, input.dutyCode))
      if (!Exit.isSuccess(exit)) throw badInput('dutyCode', '职责事项不在职责清单中')
      return { dutyVersion: CURRENT_CATALOG_VERSION, dutyCode: exit.value.code, wartime: false }
    }
    case 'task': {
      if (!input.taskId) throw badInput('taskId', '请选择用车服务的工作任务')
      const task = await findTaskInScope(deps.db, taskScope(actorOf(user)), input.taskId)
      if (task === null) throw notFound('任务')
      return { dutyVersion: task.dutyVersion, dutyCode: task.dutyCode, wartime: false }
    }
    case 'activation': {
      if (!input.activationId) throw badInput('activationId', '请选择战时行动')
      const a = await findActivationRef(deps.db, input.activationId)
      if (a === null || a.area !== v.squad_code) throw notFound('本辖区的战时行动')
      if (a.stage !== 'mobilising' && a.stage !== 'active') {
        throw conflict('该战时行动已收队，不能再征用车辆', 'ActivationClosed')
      }
      const onRoster = user.personCode !== null && (await isOnRoster(deps.db, a.id, user.personCode))
      const leads =
        user.role === 'brigadeLeader' || (user.role === 'squadLeader' && user.squadCode === a.area)
      if (!onRoster && !leads) throw forbidden('只有参加该战时行动的人员可以为其用车')
      const row = await deps.db
        .selectFrom('activations')
        .select(['duty_code', 'catalog_version'])
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow()
      return { dutyVersion: row.catalog_version, dutyCode: row.duty_code, wartime: true }
    }
  }
}

export interface BookResult {
  readonly id: string
  readonly status: BookingStatus
  readonly statusLabel: string
  readonly displaced: number
}

export const bookVehicle = async (ctx: Context, user: User, input: BookInput): Promise<BookResult> => {
  const { deps, req } = ctx
  if (!mayBookVehicle(user.role)) throw forbidden()
  const requester = requesterOf(ctx, user)
  if (requester === null) throw forbidden()
  const v = await visibleVehicle(ctx, user, input.vehicleId)
  const now = deps.clock()
  const window = { start: Date.parse(input.startsAt), end: Date.parse(input.endsAt) }
  const checked = checkWindow(window, now.getTime())
  if (Result.isFailure(checked)) throw badInput(checked.failure.field, checked.failure.problem)
  for (const town of input.towns) if (deps.org.town(town) === undefined) throw badInput('towns', '镇街无效')
  const purpose = await purposeOf(ctx, user, v, input)
  const status: BookingStatus = needsApproval(requester, v.squad_code, purpose.wartime)
    ? 'pending'
    : 'approved'
  const slots = slotsOf(window).map((s) => new Date(s).toISOString())
  const id = newId()
  const reason = `战时征用：${input.purposeNote}（战时行动用车优先，平战融合）`
  const row: BookingRow = {
    id,
    vehicle_id: v.id,
    squad_code: v.squad_code,
    requester_id: user.id,
    requester_kind: requester.kind,
    requester_code: requester.code,
    purpose_kind: input.purposeKind,
    duty_version: purpose.dutyVersion,
    duty_code: purpose.dutyCode,
    task_id: input.purposeKind === 'task' ? (input.taskId ?? null) : null,
    activation_id: input.purposeKind === 'activation' ? (input.activationId ?? null) : null,
    wartime: purpose.wartime ? 1 : 0,
    purpose_note: input.purposeNote,
    starts_at: new Date(window.start).toISOString(),
    ends_at: new Date(window.end).toISOString(),
    towns: JSON.stringify([...new Set(input.towns)]),
    driver: input.driver,
    passengers: input.passengers ?? '',
    status,
    decided_by: status === 'approved' ? user.id : null,
    decided_at: status === 'approved' ? now.toISOString() : null,
    decision_note:
      status === 'approved' ? (purpose.wartime ? '战时用车，直接生效' : '本中队用车，直接生效') : null,
    displaced_by: null,
    displaced_at: null,
    displaced_reason: null,
    created_at: now.toISOString(),
    version: 1,
  }
  let displaced: BookingRow[] = []
  // A wartime booking retries when a concurrent booking won a shared slot (it may displace that one);
  // a peacetime booking that loses the race is refused.
  for (let attempt = 0; ; attempt++) {
    displaced = []
    try {
      await deps.db.transaction().execute(async (trx) => {
        const occupants = await occupantsOfSlots(trx, v.id, slots)
        const asOccupants: Occupant[] = occupants.map((o) => ({
          id: o.id,
          // a vehicle already on the road cannot be taken back
          wartime: o.wartime === 1 || o.status === 'out',
          window: { start: Date.parse(o.starts_at), end: Date.parse(o.ends_at) },
        }))
        const verdict = preempt({ wartime: purpose.wartime, window }, asOccupants)
        if (Result.isFailure(verdict)) throw conflict(verdict.failure.message, 'BookingOverlap')
        for (const displacedId of verdict.success) {
          const o = occupants.find((x) => x.id === displacedId)
          if (o === undefined) continue
          const moved = await updateBookingIf(trx, o.id, o.version, ['pending', 'approved'], {
            status: 'displaced',
            displaced_by: id,
            displaced_at: now.toISOString(),
            displaced_reason: reason,
          })
          if (!moved) throw conflict('车辆预约刚被他人修改，请重试', 'BookingOverlap')
          await releaseSlots(trx, o.id)
          await appendAudit(trx, deps.keys, {
            actor: auditActor(user),
            correlationId: req.correlationId,
            ip: req.ip,
            at: now,
            action: 'vehicle.displace',
            unit: vehicleUnit(ctx, v.squad_code),
            subjectType: 'vehicleBooking',
            subjectId: o.id,
            before: { status: o.status, version: o.version },
            after: { status: 'displaced', version: o.version + 1, displacedBy: id, reason },
          })
          displaced.push(o)
        }
        await trx.insertInto('vehicle_bookings').values(row).execute()
        await insertSlots(trx, v.id, id, slots)
        await appendAudit(trx, deps.keys, {
          actor: auditActor(user),
          correlationId: req.correlationId,
          ip: req.ip,
          at: now,
          action: 'vehicle.book',
          unit: vehicleUnit(ctx, v.squad_code),
          subjectType: 'vehicleBooking',
          subjectId: id,
          after: {
            vehicleId: v.id,
            startsAt: row.starts_at,
            endsAt: row.ends_at,
            status,
            purposeKind: input.purposeKind,
            dutyCode: row.duty_code,
            activationId: row.activation_id,
            displaced: displaced.map((d) => d.id),
          },
        })
      })
      break
    } catch (error) {
      if (isUniqueViolation(error) || isRetryable(error)) {
        if (purpose.wartime && attempt < 3) continue
        throw conflict('该时段车辆已被预约，请选择其他空闲时段', 'BookingOverlap')
      }
      throw error
    }
  }
  if (displaced.length > 0) await tellDisplaced(ctx, v, row, displaced)
  return { id, status, statusLabel: BOOKING_STATUS_LABELS[status], displaced: displaced.length }
}

/**
 * Tells each displaced requester at once, on the same live stream the phones and the console follow,
 * addressed to that person only, with the next free windows of the same length.
 */
const tellDisplaced = async (
  ctx: Context,
  v: VehicleRow,
  by: BookingRow,
  displaced: ReadonlyArray<BookingRow>,
): Promise<void> => {
  const { deps } = ctx
  const bus = busOf(deps)
  const now = deps.clock().getTime()
  const busy = await busyWindows(deps.db, v.id, new Date(now).toISOString())
  for (const d of displaced) {
    const start = Date.parse(d.starts_at)
    const end = Date.parse(d.ends_at)
    const free = nextFreeWindows(busy, end - start, Math.max(now, start), 3)
    const text =
      `您预约的${v.plate}（${windowText({ start, end })}）已被战时征用：${by.purpose_note}。` +
      (free.length > 0
        ? `可改约空闲时段：${free.map(windowText).join('；')}`
        : '近两周暂无同样长度的空闲时段')
    const wire = {
      activationId: by.activation_id ?? '',
      area: v.squad_code,
      kind: 'VehicleBookingDisplaced',
      at: by.created_at,
      text,
      publishedAt: preciseNow(),
    }
    bus.publish({ ...wire, roster: [], recipients: [d.requester_id], wire })
  }
}

export const decideBooking = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; approve: boolean; note?: string | undefined },
): Promise<{ ok: true }> => {
  const { deps, req } = ctx
  if (user.role !== 'squadLeader') throw forbidden()
  const b = await findBooking(deps.db, input.id)
  if (b === null || !inScope(scopeOf(ctx, user), b.squad_code)) throw notFound('用车预约')
  if (!mayDecideBooking(actorOf(user), b.squad_code)) throw forbidden('只有车辆所属中队的中队长可以审批')
  if (!input.approve && !input.note?.trim()) throw badInput('note', '不批准时请填写理由')
  if (b.status !== 'pending')
    throw conflict(`该预约当前为“${BOOKING_STATUS_LABELS[b.status]}”，无需审批`, 'BookingStateInvalid')
  const now = deps.clock()
  const status = input.approve ? 'approved' : 'rejected'
  await deps.db.transaction().execute(async (trx) => {
    const moved = await updateBookingIf(trx, b.id, input.version, ['pending'], {
      status,
      decided_by: user.id,
      decided_at: now.toISOString(),
      decision_note: input.note?.trim() || null,
    })
    if (!moved) throw conflict('该预约已被他人处理，请刷新后重试')
    if (!input.approve) await releaseSlots(trx, b.id)
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: input.approve ? 'vehicle.approve' : 'vehicle.reject',
      unit: vehicleUnit(ctx, b.squad_code),
      subjectType: 'vehicleBooking',
      subjectId: b.id,
      before: { status: b.status, version: b.version },
      after: { status, version: input.version + 1, note: input.note ?? null },
    })
  })
  return { ok: true }
}

export const cancelBooking = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; reason: string },
): Promise<{ ok: true }> => {
  const { deps, req } = ctx
  const b = await findBooking(deps.db, input.id)
  if (b === null || !inScope(scopeOf(ctx, user), b.squad_code)) throw notFound('用车预约')
  if (b.requester_id !== user.id && !mayDecideBooking(actorOf(user), b.squad_code)) {
    throw forbidden('只有预约人或车辆所属中队的中队长可以取消')
  }
  if (b.status !== 'pending' && b.status !== 'approved') {
    throw conflict(`该预约当前为“${BOOKING_STATUS_LABELS[b.status]}”，不能取消`, 'BookingStateInvalid')
  }
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const moved = await updateBookingIf(trx, b.id, input.version, ['pending', 'approved'], {
      status: 'cancelled',
      decision_note: input.reason,
    })
    if (!moved) throw conflict('该预约已被他人处理，请刷新后重试')
    await releaseSlots(trx, b.id)
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'vehicle.cancel',
      unit: vehicleUnit(ctx, b.squad_code),
      subjectType: 'vehicleBooking',
      subjectId: b.id,
      before: { status: b.status, version: b.version },
      after: { status: 'cancelled', version: input.version + 1, reason: input.reason },
    })
  })
  return { ok: true }
}

// ── check-out / check-in (from the console or the phone's outbox) ──

export interface VehicleAction {
  readonly key: string
  readonly bookingId: string
  readonly kind: 'checkout' | 'checkin'
  readonly at: string
  readonly odometerKm: number
  readonly fuelPercent: number
  readonly note?: string | undefined
}

export interface VehicleActionResult {
  readonly outcome: 'applied' | 'duplicate'
  readonly kind: VehicleAction['kind']
  readonly bookingId: string
  readonly status: BookingStatus
  readonly distanceKm: number | null
}

const MAX_AGE_MS = 30 * 86_400_000
const MAX_SKEW_MS = 10 * 60_000

const replayAction = async (ctx: Context, user: User, key: string): Promise<VehicleActionResult | null> => {
  const done = await findVehicleAction(ctx.deps.db, key)
  if (done === null) return null
  if (done.user_id !== user.id) throw badInput('key', '操作编号无效')
  return { ...(JSON.parse(done.result_json) as VehicleActionResult), outcome: 'duplicate' }
}

/** Applies one check-out or check-in exactly once per idempotency key. */
export const applyVehicleAction = async (
  ctx: Context,
  user: User,
  action: VehicleAction,
): Promise<VehicleActionResult> => {
  const previous = await replayAction(ctx, user, action.key)
  if (previous !== null) return previous
  const { deps, req } = ctx
  const now = deps.clock()
  const at = Date.parse(action.at)
  if (at > now.getTime() + MAX_SKEW_MS) throw badInput('at', '操作时间晚于当前时间，请校准手机时间')
  if (at < now.getTime() - MAX_AGE_MS) throw badInput('at', '操作时间已超过 30 天，无法补报')
  const b = await findBooking(deps.db, action.bookingId)
  if (b === null || !inScope(scopeOf(ctx, user), b.squad_code)) throw notFound('用车预约')
  if (!mayDrive(user, b)) throw forbidden('只有预约人或车辆所属中队的人员可以出车、还车')
  const v = await findVehicle(deps.db, b.vehicle_id)
  if (v === null) throw notFound('车辆')
  const stateError = (): never => {
    if (b.status === 'displaced')
      throw conflict(`该预约已被战时征用（${b.displaced_reason ?? ''}），不能出车`, 'BookingDisplaced')
    if (b.status === 'pending') throw conflict('该预约尚未批准，不能出车', 'BookingStateInvalid')
    if (action.kind === 'checkout' && b.status === 'out') throw conflict('该车已出车', 'AlreadyOut')
    if (action.kind === 'checkin' && b.status === 'returned') throw conflict('该车已还车', 'AlreadyReturned')
    throw conflict(`该预约当前为“${BOOKING_STATUS_LABELS[b.status]}”`, 'BookingStateInvalid')
  }
  const reading = { odometerKm: action.odometerKm, fuelPercent: action.fuelPercent }
  let result: VehicleActionResult
  try {
    if (action.kind === 'checkout') {
      if (b.status !== 'approved') stateError()
      if (at < Date.parse(b.starts_at) - 3_600_000 || at > Date.parse(b.ends_at)) {
        throw badInput('at', '只能在预约时段内（最早提前 1 小时）出车')
      }
      const r = checkReading(v.odometer_km, reading)
      if (Result.isFailure(r)) throw badInput(r.failure.field, r.failure.problem)
      result = { outcome: 'applied', kind: 'checkout', bookingId: b.id, status: 'out', distanceKm: null }
      await deps.db.transaction().execute(async (trx) => {
        if (!(await updateBookingIf(trx, b.id, b.version, ['approved'], { status: 'out' }))) stateError()
        const moved = await trx
          .updateTable('vehicles')
          .set({ odometer_km: reading.odometerKm, fuel_percent: reading.fuelPercent })
          .where('id', '=', v.id)
          .where('odometer_km', '<=', reading.odometerKm)
          .executeTakeFirst()
        if (Number(moved.numUpdatedRows) !== 1)
          throw badInput('odometerKm', '里程表读数不能小于上次记录的读数')
        await trx
          .insertInto('vehicle_trips')
          .values({
            id: newId(),
            booking_id: b.id,
            vehicle_id: v.id,
            out_at: new Date(at).toISOString(),
            out_km: reading.odometerKm,
            out_fuel: reading.fuelPercent,
            out_by: user.id,
            in_at: null,
            in_km: null,
            in_fuel: null,
            in_by: null,
            note: action.note?.trim() ?? '',
          })
          .execute()
        await recordAction(trx, user, action, result, now)
        await appendAudit(trx, deps.keys, {
          actor: auditActor(user),
          correlationId: req.correlationId,
          ip: req.ip,
          at: now,
          action: 'vehicle.checkout',
          unit: vehicleUnit(ctx, b.squad_code),
          subjectType: 'vehicleBooking',
          subjectId: b.id,
          before: { status: b.status, odometerKm: v.odometer_km },
          after: { status: 'out', key: action.key, at: action.at, ...reading },
        })
      })
    } else {
      if (b.status !== 'out') stateError()
      const trip = await findTripOfBooking(deps.db, b.id)
      if (trip === null) stateError()
      const outKm = trip?.out_km ?? 0
      if (at < Date.parse(trip?.out_at ?? '')) throw badInput('at', '还车时间不能早于出车时间')
      const r = checkReading(outKm, reading)
      if (Result.isFailure(r)) throw badInput(r.failure.field, r.failure.problem)
      result = {
        outcome: 'applied',
        kind: 'checkin',
        bookingId: b.id,
        status: 'returned',
        distanceKm: r.success.distanceKm,
      }
      await deps.db.transaction().execute(async (trx) => {
        if (!(await updateBookingIf(trx, b.id, b.version, ['out'], { status: 'returned' }))) stateError()
        await trx
          .updateTable('vehicle_trips')
          .set({
            in_at: new Date(at).toISOString(),
            in_km: reading.odometerKm,
            in_fuel: reading.fuelPercent,
            in_by: user.id,
          })
          .where('booking_id', '=', b.id)
          .execute()
        const moved = await trx
          .updateTable('vehicles')
          .set({ odometer_km: reading.odometerKm, fuel_percent: reading.fuelPercent })
          .where('id', '=', v.id)
          .where('odometer_km', '<=', reading.odometerKm)
          .executeTakeFirst()
        if (Number(moved.numUpdatedRows) !== 1)
          throw badInput('odometerKm', '里程表读数不能小于上次记录的读数')
        // an early return frees the rest of the window for others
        const freeFrom = Math.ceil(Math.max(at, now.getTime()) / SLOT_MS) * SLOT_MS
        await releaseSlots(trx, b.id, new Date(freeFrom).toISOString())
        await recordAction(trx, user, action, result, now)
        await appendAudit(trx, deps.keys, {
          actor: auditActor(user),
          correlationId: req.correlationId,
          ip: req.ip,
          at: now,
          action: 'vehicle.checkin',
          unit: vehicleUnit(ctx, b.squad_code),
          subjectType: 'vehicleBooking',
          subjectId: b.id,
          before: { status: b.status, odometerKm: outKm },
          after: {
            status: 'returned',
            key: action.key,
            at: action.at,
            ...reading,
            distanceKm: r.success.distanceKm,
          },
        })
      })
    }
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await replayAction(ctx, user, action.key)
      if (again !== null) return again
    }
    throw error
  }
  return result
}

const recordAction = async (
  trx: Parameters<typeof releaseSlots>[0],
  user: User,
  action: VehicleAction,
  result: VehicleActionResult,
  now: Date,
) =>
  trx
    .insertInto('vehicle_actions')
    .values({
      key: action.key,
      user_id: user.id,
      kind: action.kind,
      result_json: JSON.stringify(result),
      received_at: now.toISOString(),
    })
    .execute()

// ── trip log and utilisation ──

export interface TripItem {
  readonly id: string
  readonly bookingId: string
  readonly plate: string
  readonly squadName: string
  readonly requesterName: string
  readonly requesterUnitName: string
  readonly dutyTitle: string
  readonly wartime: boolean
  readonly purposeNote: string
  readonly towns: string
  readonly driver: string
  readonly outAt: string
  readonly outKm: number
  readonly inAt: string | null
  readonly inKm: number | null
  readonly distanceKm: number | null
  readonly fuelOut: number
  readonly fuelIn: number | null
}

const rangeOf = (input: { from: string; to: string }) => {
  const from = `${input.from}T00:00:00+08:00`
  const to = `${input.to}T00:00:00+08:00`
  const f = Date.parse(from)
  const t = Date.parse(to) + 86_400_000
  if (t <= f) throw badInput('to', '结束日期不能早于开始日期')
  if (t - f > 400 * 86_400_000) throw badInput('to', '统计区间不能超过一年')
  return { from: new Date(f).toISOString(), to: new Date(t).toISOString() }
}

const tripItems = async (
  ctx: Context,
  rows: ReadonlyArray<TripWithBooking>,
): Promise<ReadonlyArray<TripItem>> => {
  const names = await namesOf(
    ctx,
    rows.map((r) => r.requester_id),
  )
  const plates = new Map<string, string>()
  for (const id of new Set(rows.map((r) => r.vehicle_id)))
    plates.set(id, (await findVehicle(ctx.deps.db, id))?.plate ?? '')
  const org = ctx.deps.org
  return rows.map((r) => ({
    id: r.id,
    bookingId: r.booking_id,
    plate: plates.get(r.vehicle_id) ?? '',
    squadName: squadName(org, r.squad_code),
    requesterName: names.get(r.requester_id) ?? '',
    requesterUnitName: requesterUnitName(ctx, r.requester_kind, r.requester_code),
    dutyTitle: dutyTitle(null, r.duty_code),
    wartime: r.wartime === 1,
    purposeNote: r.purpose_note,
    towns: (JSON.parse(r.towns) as string[]).map((c) => org.town(c)?.name ?? c).join('、'),
    driver: r.driver,
    outAt: r.out_at,
    outKm: r.out_km,
    inAt: r.in_at,
    inKm: r.in_km,
    distanceKm: r.in_km === null ? null : r.in_km - r.out_km,
    fuelOut: r.out_fuel,
    fuelIn: r.in_fuel,
  }))
}

export const listTrips = async (
  ctx: Context,
  user: User,
  input: { from: string; to: string; vehicleId?: string | undefined },
): Promise<ReadonlyArray<TripItem>> => {
  const range = rangeOf(input)
  if (input.vehicleId) await visibleVehicle(ctx, user, input.vehicleId)
  return tripItems(
    ctx,
    await tripsBetween(ctx.deps.db, scopeOf(ctx, user), { ...range, vehicleId: input.vehicleId, limit: 500 }),
  )
}

export interface UtilisationRow {
  readonly key: string
  readonly label: string
  readonly trips: number
  readonly hours: number
  readonly km: number
}
export interface Utilisation {
  readonly bySquad: ReadonlyArray<UtilisationRow>
  readonly byDuty: ReadonlyArray<UtilisationRow>
  readonly byRequester: ReadonlyArray<UtilisationRow>
  readonly truncated: boolean
}

const group = (
  trips: ReadonlyArray<TripItem & { squadCode: string; dutyCode: string; unitKey: string }>,
  keyOf: (t: TripItem & { squadCode: string; dutyCode: string; unitKey: string }) => [string, string],
  now: number,
): ReadonlyArray<UtilisationRow> => {
  const map = new Map<string, { label: string; trips: number; ms: number; km: number }>()
  for (const t of trips) {
    const [key, label] = keyOf(t)
    const row = map.get(key) ?? { label, trips: 0, ms: 0, km: 0 }
    row.trips += 1
    row.ms += Math.max(0, Date.parse(t.inAt ?? new Date(now).toISOString()) - Date.parse(t.outAt))
    row.km += t.distanceKm ?? 0
    map.set(key, row)
  }
  return [...map.entries()]
    .map(([key, r]) => ({
      key,
      label: r.label,
      trips: r.trips,
      hours: Math.round(r.ms / 360_000) / 10,
      km: r.km,
    }))
    .sort((a, b) => b.trips - a.trips || a.key.localeCompare(b.key))
}

const utilisationTrips = async (ctx: Context, user: User, input: { from: string; to: string }) => {
  const range = rangeOf(input)
  const rows = await tripsBetween(ctx.deps.db, scopeOf(ctx, user), { ...range, limit: EXPORT_LIMIT + 1 })
  const truncated = rows.length > EXPORT_LIMIT
  const list = rows.slice(0, EXPORT_LIMIT)
  const items = await tripItems(ctx, list)
  return {
    truncated,
    trips: items.map((t, i) => {
      const r = list[i] as TripWithBooking
      return {
        ...t,
        squadCode: r.squad_code,
        dutyCode: r.duty_code ?? '',
        unitKey: `${r.requester_kind}:${r.requester_code}`,
      }
    }),
  }
}

export const utilisation = async (
  ctx: Context,
  user: User,
  input: { from: string; to: string },
): Promise<Utilisation> => {
  const { trips, truncated } = await utilisationTrips(ctx, user, input)
  const now = ctx.deps.clock().getTime()
  return {
    bySquad: group(trips, (t) => [t.squadCode, t.squadName], now),
    byDuty: group(trips, (t) => [t.dutyCode, t.dutyTitle || '未注明'], now),
    byRequester: group(trips, (t) => [t.unitKey, t.requesterUnitName], now),
    truncated,
  }
}

const shanghai = (iso: string | null): string =>
  iso ? new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 16).replace('T', ' ') : ''

export const exportUtilisation = async (
  ctx: Context,
  user: User,
  input: { from: string; to: string },
): Promise<{ filename: string; contentBase64: string; rows: number; truncated: boolean }> => {
  const { deps, req } = ctx
  const { trips, truncated } = await utilisationTrips(ctx, user, input)
  const now = deps.clock()
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '平战'
  const log = wb.addWorksheet('出车记录')
  log.columns = [
    { header: '车牌号', key: 'plate', width: 12 },
    { header: '所属中队', key: 'squad', width: 10 },
    { header: '用车单位', key: 'unit', width: 14 },
    { header: '用车人', key: 'requester', width: 18 },
    { header: '职责事项', key: 'duty', width: 24 },
    { header: '战时', key: 'wartime', width: 6 },
    { header: '事由', key: 'note', width: 30 },
    { header: '镇街', key: 'towns', width: 20 },
    { header: '驾驶员', key: 'driver', width: 10 },
    { header: '出车时间', key: 'outAt', width: 17 },
    { header: '还车时间', key: 'inAt', width: 17 },
    { header: '出车里程', key: 'outKm', width: 10 },
    { header: '还车里程', key: 'inKm', width: 10 },
    { header: '行驶公里', key: 'km', width: 10 },
  ]
  for (const t of trips) {
    log.addRow({
      plate: escapeCell(t.plate),
      squad: t.squadName,
      unit: escapeCell(t.requesterUnitName),
      requester: escapeCell(t.requesterName),
      duty: escapeCell(t.dutyTitle),
      wartime: t.wartime ? '是' : '',
      note: escapeCell(t.purposeNote),
      towns: escapeCell(t.towns),
      driver: escapeCell(t.driver),
      outAt: shanghai(t.outAt),
      inAt: shanghai(t.inAt),
      outKm: t.outKm,
      inKm: t.inKm ?? '',
      km: t.distanceKm ?? '',
    })
  }
  log.getRow(1).font = { bold: true }
  const sums = wb.addWorksheet('使用统计')
  sums.columns = [
    { header: '分组', key: 'group', width: 10 },
    { header: '名称', key: 'label', width: 28 },
    { header: '出车次数', key: 'trips', width: 10 },
    { header: '用车小时', key: 'hours', width: 10 },
    { header: '行驶公里', key: 'km', width: 10 },
  ]
  const at = now.getTime()
  const blocks: Array<[string, ReadonlyArray<UtilisationRow>]> = [
    ['按中队', group(trips, (t) => [t.squadCode, t.squadName], at)],
    ['按职责', group(trips, (t) => [t.dutyCode, t.dutyTitle || '未注明'], at)],
    ['按用车单位', group(trips, (t) => [t.unitKey, t.requesterUnitName], at)],
  ]
  for (const [name, rows] of blocks) {
    for (const r of rows)
      sums.addRow({ group: name, label: escapeCell(r.label), trips: r.trips, hours: r.hours, km: r.km })
  }
  sums.getRow(1).font = { bold: true }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer())
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'vehicle.export',
      unit: userUnit(deps.org, user),
      subjectType: 'vehicle',
      subjectId: null,
      after: { from: input.from, to: input.to, rows: trips.length },
    }),
  )
  return {
    filename: `车辆使用统计-${input.from}至${input.to}.xlsx`,
    contentBase64: buffer.toString('base64'),
    rows: trips.length,
    truncated,
  }
}

// ── service and insurance due dates → a task for the squad leader (run by the hourly deadline sweep) ──

const SWEEP_ACTOR = { id: null, name: '系统（车辆到期提醒）', role: 'system' } as const
const DUE_KIND_LABELS = { service: '保养', insurance: '保险' } as const

/**
 * For every vehicle whose service or insurance falls due within DUE_NOTICE_DAYS (or is past), makes one
 * task for its squad leader through createTask, once per vehicle, kind and due date (the primary key of
 * vehicle_due_tasks; a concurrent second run loses on it and changes nothing).
 */
export const sweepVehicleDues = async (deps: Deps, correlationId: string): Promise<{ created: number }> => {
  const now = deps.clock()
  const today = todayInBeijing(now)
  const vehicles = await deps.db.selectFrom('vehicles').selectAll().execute()
  let created = 0
  for (const v of vehicles) {
    for (const kind of ['service', 'insurance'] as const) {
      const due = kind === 'service' ? v.service_due : v.insurance_due
      if (!dueSoon(due, today, DUE_NOTICE_DAYS)) continue
      const leader = deps.org.leaderOf(v.squad_code)
      const account = leader ? (await usersByPersonCodes(deps.db, [leader.code])).get(leader.code) : undefined
      if (account === undefined) continue
      const exists = await deps.db
        .selectFrom('vehicle_due_tasks')
        .select('task_id')
        .where('vehicle_id', '=', v.id)
        .where('kind', '=', kind)
        .where('due_date', '=', due)
        .executeTakeFirst()
      if (exists) continue
      try {
        await deps.db.transaction().execute(async (trx) => {
          const { taskId } = await createTask(
            trx,
            deps,
            {
              unit: { kind: 'squad', code: v.squad_code },
              // 执法中队平时职责 ③: 完成……执法大队交办的其他事务
              dutyCode: 'squad.peacetime.3',
              title: `执法车辆${v.plate}${DUE_KIND_LABELS[kind]}到期（${due}）`,
              description: `${squadName(deps.org, v.squad_code)}执法车辆${v.plate}（${v.model}）的${DUE_KIND_LABELS[kind]}于 ${due} 到期，请及时办理，办理后在“车辆”中更新到期日期。`,
              dueAt: endOfShanghaiDay(due),
              priority: due <= today ? 'high' : 'normal',
              assigneeIds: [account.id],
              source: 'vehicle',
              sourceId: v.id,
              createdBy: account.id,
            },
            { actor: SWEEP_ACTOR, correlationId, ip: null, at: now },
          )
          await trx
            .insertInto('vehicle_due_tasks')
            .values({ vehicle_id: v.id, kind, due_date: due, task_id: taskId, created_at: now.toISOString() })
            .execute()
        })
        created += 1
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
      }
    }
  }
  return { created }
}

/** Demo mode: one vehicle per squad (一队一车), so the console and the phone have something to book. */
export const seedDemoVehicles = async (deps: Deps): Promise<void> => {
  const now = deps.clock()
  const plus = (days: number) =>
    new Date(now.getTime() + BEIJING_MS + days * 86_400_000).toISOString().slice(0, 10)
  const admin = await deps.db.selectFrom('users').select('id').orderBy('username').executeTakeFirst()
  if (admin === undefined) return
  const plates: Record<string, string> = { lucun: '鲁C·J1001', xili: '鲁C·J1002', shiqiao: '鲁C·J1003' }
  for (const [i, s] of deps.org.config.squads.entries()) {
    await deps.db
      .insertInto('vehicles')
      .values({
        id: newId(),
        plate: plates[s.code] ?? `鲁C·J10${String(i + 11)}`,
        squad_code: s.code,
        model: '执法执勤车（5座）',
        seats: 5,
        odometer_km: 12_000 + i * 3100,
        fuel_percent: 80,
        service_due: plus(i === 0 ? 10 : 90 + i * 30),
        insurance_due: plus(200 + i * 20),
        created_at: now.toISOString(),
        created_by: admin.id,
        version: 1,
      })
      .onConflict((oc) => oc.column('squad_code').doNothing())
      .execute()
  }
}
