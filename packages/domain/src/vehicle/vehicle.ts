import { Result, Schema } from 'effect'
import type { Org } from '../org/org.ts'
import type { Actor, RecordScope } from '../scope/scope.ts'

// Shared means, policy 四.2: one enforcement vehicle per squad (执法车辆), borrowable by the offices of
// its area, the brigade and the bureau's departments. Pure rules: time is epoch milliseconds passed in.

/** A booking occupies whole slots of this length; the database's unique (vehicle, slot) enforces non-overlap. */
export const SLOT_MINUTES = 30
export const SLOT_MS = SLOT_MINUTES * 60_000
/** The longest single booking (a week) and how far ahead one may book (180 days). */
export const MAX_BOOKING_MS = 7 * 86_400_000
export const MAX_AHEAD_MS = 180 * 86_400_000

export interface TimeWindow {
  readonly start: number
  readonly end: number
}

export type RequesterKind = 'office' | 'squad' | 'brigade' | 'department'

export const REQUESTER_KIND_LABELS: Readonly<Record<RequesterKind, string>> = {
  office: '司法所',
  squad: '中队',
  brigade: '执法大队',
  department: '局科室',
}

export type BookingStatus =
  | 'pending'
  | 'approved'
  | 'rejected'
  | 'displaced'
  | 'cancelled'
  | 'out'
  | 'returned'

export const BOOKING_STATUS_LABELS: Readonly<Record<BookingStatus, string>> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '未批准',
  displaced: '已被战时征用',
  cancelled: '已取消',
  out: '已出车',
  returned: '已还车',
}

/** Statuses that hold the vehicle's slots. */
export const HOLDING_STATUSES: ReadonlyArray<BookingStatus> = ['pending', 'approved', 'out']

/** The booking window is not acceptable. */
export class BookingInvalid extends Schema.TaggedError<BookingInvalid>()('BookingInvalid', {
  field: Schema.String,
  problem: Schema.String,
}) {
  override get message(): string {
    return this.problem
  }
}

/** The window overlaps a booking that cannot give way. */
export class BookingOverlap extends Schema.TaggedError<BookingOverlap>()('BookingOverlap', {
  bookingIds: Schema.Array(Schema.String),
}) {
  override get message(): string {
    return '该时段车辆已被预约，请选择其他空闲时段'
  }
}

/** An odometer or fuel reading that cannot be right. */
export class ReadingInvalid extends Schema.TaggedError<ReadingInvalid>()('ReadingInvalid', {
  field: Schema.String,
  problem: Schema.String,
}) {
  override get message(): string {
    return this.problem
  }
}

const aligned = (t: number): boolean => t % SLOT_MS === 0

/**
 * A window is bookable when it ends after it starts, both ends sit on a slot boundary (整点或半点), it
 * does not start in the past (one slot of grace, so "now" rounded down is fine), lasts at most a week
 * and starts within 180 days.
 */
export const checkWindow = (w: TimeWindow, now: number): Result.Result<TimeWindow, BookingInvalid> => {
  if (!Number.isFinite(w.start) || !Number.isFinite(w.end))
    return Result.fail(new BookingInvalid({ field: 'startsAt', problem: '用车时间无效' }))
  if (w.end <= w.start)
    return Result.fail(new BookingInvalid({ field: 'endsAt', problem: '结束时间必须晚于开始时间' }))
  if (!aligned(w.start) || !aligned(w.end))
    return Result.fail(
      new BookingInvalid({
        field: 'startsAt',
        problem: `用车时间须按 ${SLOT_MINUTES} 分钟为单位（整点或半点）`,
      }),
    )
  if (w.start < now - SLOT_MS)
    return Result.fail(new BookingInvalid({ field: 'startsAt', problem: '开始时间不能早于现在' }))
  if (w.end - w.start > MAX_BOOKING_MS)
    return Result.fail(new BookingInvalid({ field: 'endsAt', problem: '一次用车不能超过 7 天' }))
  if (w.start > now + MAX_AHEAD_MS)
    return Result.fail(new BookingInvalid({ field: 'startsAt', problem: '最多只能预约 180 天以内的用车' }))
  return Result.succeed(w)
}

/** The slot starts a window occupies (a checked window: aligned, end after start). */
export const slotsOf = (w: TimeWindow): ReadonlyArray<number> => {
  const slots: number[] = []
  for (let t = w.start - (w.start % SLOT_MS); t < w.end; t += SLOT_MS) slots.push(t)
  return slots
}

/** Half-open windows [start, end): touching ends do not overlap. Symmetric. */
export const overlaps = (a: TimeWindow, b: TimeWindow): boolean => a.start < b.end && b.start < a.end

/** Bookings by the owner squad itself are approved at once; everyone else's needs its squad leader. */
export const needsApproval = (
  requester: { readonly kind: RequesterKind; readonly code: string },
  ownerSquad: string,
  wartime: boolean,
): boolean => !wartime && !(requester.kind === 'squad' && requester.code === ownerSquad)

/** Only the owner squad's leader approves or rejects a borrowing. */
export const mayDecideBooking = (
  actor: { readonly role: string; readonly squad: string | null },
  ownerSquad: string,
): boolean => actor.role === 'squadLeader' && actor.squad === ownerSquad

export interface Occupant {
  readonly id: string
  /** made for an open activation of the area (战时) */
  readonly wartime: boolean
  readonly window: TimeWindow
}

/**
 * Wartime pre-emption (平战融合): a booking for an open activation of the vehicle's area displaces every
 * overlapping peacetime booking; it never displaces another wartime booking. A peacetime booking never
 * displaces anything. Returns the ids to displace, or the overlap that blocks.
 */
export const preempt = (
  incoming: { readonly wartime: boolean; readonly window: TimeWindow },
  occupants: ReadonlyArray<Occupant>,
): Result.Result<ReadonlyArray<string>, BookingOverlap> => {
  const hit = occupants.filter((o) => overlaps(o.window, incoming.window))
  const blocking = hit.filter((o) => !incoming.wartime || o.wartime)
  if (blocking.length > 0) return Result.fail(new BookingOverlap({ bookingIds: blocking.map((o) => o.id) }))
  return Result.succeed(hit.map((o) => o.id))
}

/**
 * The next `count` free windows of `duration` (rounded up to whole slots), starting at or after `from`
 * (rounded up to a slot), stepping one slot at a time, within `horizon` ms. For the displaced requester.
 */
export const nextFreeWindows = (
  busy: ReadonlyArray<TimeWindow>,
  duration: number,
  from: number,
  count = 3,
  horizon = 14 * 86_400_000,
): ReadonlyArray<TimeWindow> => {
  const length = Math.max(SLOT_MS, Math.ceil(duration / SLOT_MS) * SLOT_MS)
  const first = Math.ceil(from / SLOT_MS) * SLOT_MS
  const sorted = [...busy].sort((a, b) => a.start - b.start)
  const found: TimeWindow[] = []
  let t = first
  while (found.length < count && t + length <= first + horizon) {
    const candidate = { start: t, end: t + length }
    const blocker = sorted.find((b) => overlaps(b, candidate))
    if (blocker === undefined) {
      found.push(candidate)
      t = candidate.end
    } else {
      t = Math.max(t + SLOT_MS, Math.ceil(blocker.end / SLOT_MS) * SLOT_MS)
    }
  }
  return found
}

/** Check-out reading: the odometer never goes backwards from the vehicle's last reading; fuel 0–100 %. */
export const checkReading = (
  previousKm: number,
  reading: { readonly odometerKm: number; readonly fuelPercent: number },
): Result.Result<{ readonly distanceKm: number }, ReadingInvalid> => {
  if (!Number.isInteger(reading.odometerKm) || reading.odometerKm < 0)
    return Result.fail(new ReadingInvalid({ field: 'odometerKm', problem: '里程表读数应为非负整数（公里）' }))
  if (reading.odometerKm < previousKm)
    return Result.fail(
      new ReadingInvalid({
        field: 'odometerKm',
        problem: `里程表读数不能小于上次记录的 ${previousKm} 公里`,
      }),
    )
  if (reading.odometerKm - previousKm > 5000)
    return Result.fail(
      new ReadingInvalid({ field: 'odometerKm', problem: '一次行程不能超过 5000 公里，请核对读数' }),
    )
  if (!Number.isInteger(reading.fuelPercent) || reading.fuelPercent < 0 || reading.fuelPercent > 100)
    return Result.fail(new ReadingInvalid({ field: 'fuelPercent', problem: '油量（电量）应为 0–100 的整数' }))
  return Result.succeed({ distanceKm: reading.odometerKm - previousKm })
}

/** Days ahead of a service or insurance due date at which the squad leader gets a task. */
export const DUE_NOTICE_DAYS = 14

/** Whether a due date (YYYY-MM-DD) is within the notice period of `today` (YYYY-MM-DD), or past. */
export const dueSoon = (dueDate: string, today: string, noticeDays = DUE_NOTICE_DAYS): boolean => {
  const due = Date.parse(`${dueDate}T00:00:00Z`)
  const now = Date.parse(`${today}T00:00:00Z`)
  return Number.isFinite(due) && Number.isFinite(now) && due - now <= noticeDays * 86_400_000
}

/**
 * Whose vehicles (and their bookings) an actor sees: squad staff their own squad's; a director the
 * vehicle of their office's area (to borrow it); the brigade, the bureau's departments (they borrow in
 * any area) and bureau leaders (oversight) every squad's; administrative roles none.
 */
export const vehicleScope = (org: Org, actor: Actor): RecordScope => {
  switch (actor.role) {
    case 'brigadeLeader':
    case 'departmentStaff':
    case 'bureauLeader':
      return { kind: 'all' }
    case 'squadLeader':
    case 'squadMember':
      return actor.squad === null ? { kind: 'none' } : { kind: 'area', squad: actor.squad }
    case 'officeDirector':
      return actor.office !== null && org.office(actor.office) !== undefined
        ? { kind: 'area', squad: org.areaOfOffice(actor.office) }
        : { kind: 'none' }
    default:
      return { kind: 'none' }
  }
}

/** Roles that may book a vehicle in their scope (bureau leaders oversee, they do not book). */
export const mayBookVehicle = (role: string): boolean =>
  role === 'squadLeader' ||
  role === 'squadMember' ||
  role === 'officeDirector' ||
  role === 'brigadeLeader' ||
  role === 'departmentStaff'

/** Who registers and edits a squad's vehicle: the brigade leader any, a squad leader their own. */
export const mayManageVehicle = (actor: Actor, squad: string): boolean =>
  actor.role === 'brigadeLeader' || (actor.role === 'squadLeader' && actor.squad === squad)
