import type { RecordScope } from '@pingzhan/domain'
import type { DbOrTrx } from '../db/types.ts'
import type { VehicleBookingTable, VehicleTable, VehicleTripTable } from '../db/vehicle-types.ts'

// The squad vehicle (issue 11): vehicles, bookings with their slot rows, trips, idempotency keys.

export type VehicleRow = VehicleTable
export type BookingRow = VehicleBookingTable
export type TripRow = VehicleTripTable

/** Statuses whose booking holds slot rows. */
export const HOLDING = ['pending', 'approved', 'out'] as const

export const listVehicles = async (db: DbOrTrx, scope: RecordScope): Promise<ReadonlyArray<VehicleRow>> => {
  if (scope.kind === 'none' || scope.kind === 'office') return []
  let q = db.selectFrom('vehicles').selectAll()
  if (scope.kind === 'area') q = q.where('squad_code', '=', scope.squad)
  return q.orderBy('squad_code').execute()
}

export const findVehicle = async (db: DbOrTrx, id: string): Promise<VehicleRow | null> =>
  (await db.selectFrom('vehicles').selectAll().where('id', '=', id).executeTakeFirst()) ?? null

export const inScope = (scope: RecordScope, squad: string): boolean =>
  scope.kind === 'all' || (scope.kind === 'area' && scope.squad === squad)

export const findBooking = async (db: DbOrTrx, id: string): Promise<BookingRow | null> =>
  (await db.selectFrom('vehicle_bookings').selectAll().where('id', '=', id).executeTakeFirst()) ?? null

/** Bookings of a vehicle whose window meets [from, to), every status, by start. */
export const bookingsBetween = async (
  db: DbOrTrx,
  vehicleId: string,
  from: string,
  to: string,
): Promise<ReadonlyArray<BookingRow>> =>
  db
    .selectFrom('vehicle_bookings')
    .selectAll()
    .where('vehicle_id', '=', vehicleId)
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .orderBy('id')
    .limit(1000)
    .execute()

/** The bookings holding any of the given slots of a vehicle (read inside the booking's transaction). */
export const occupantsOfSlots = async (
  db: DbOrTrx,
  vehicleId: string,
  slots: ReadonlyArray<string>,
): Promise<ReadonlyArray<BookingRow>> => {
  if (slots.length === 0) return []
  const ids = await db
    .selectFrom('vehicle_booking_slots')
    .select('booking_id')
    .distinct()
    .where('vehicle_id', '=', vehicleId)
    .where('slot_start', 'in', slots)
    .execute()
  if (ids.length === 0) return []
  return db
    .selectFrom('vehicle_bookings')
    .selectAll()
    .where(
      'id',
      'in',
      ids.map((r) => r.booking_id),
    )
    .execute()
}

export const insertSlots = async (
  db: DbOrTrx,
  vehicleId: string,
  bookingId: string,
  slots: ReadonlyArray<string>,
): Promise<void> => {
  // sorted, so two overlapping inserts meet at their first shared slot (no lock-order deadlock)
  const sorted = [...slots].sort()
  for (let i = 0; i < sorted.length; i += 200) {
    await db
      .insertInto('vehicle_booking_slots')
      .values(
        sorted
          .slice(i, i + 200)
          .map((s) => ({ vehicle_id: vehicleId, slot_start: s, booking_id: bookingId })),
      )
      .execute()
  }
}

/** Releases a booking's slots, all of them or those from `from` on (an early return). */
export const releaseSlots = async (db: DbOrTrx, bookingId: string, from?: string): Promise<void> => {
  let q = db.deleteFrom('vehicle_booking_slots').where('booking_id', '=', bookingId)
  if (from !== undefined) q = q.where('slot_start', '>=', from)
  await q.execute()
}

/** Moves a booking from one of `from` to `patch.status` if its version still matches; false when it moved on. */
export const updateBookingIf = async (
  db: DbOrTrx,
  id: string,
  version: number,
  from: ReadonlyArray<BookingRow['status']>,
  patch: Partial<BookingRow>,
): Promise<boolean> => {
  const r = await db
    .updateTable('vehicle_bookings')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', 'in', from)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export const bookingsOfRequester = async (
  db: DbOrTrx,
  userId: string,
  since: string,
): Promise<ReadonlyArray<BookingRow>> =>
  db
    .selectFrom('vehicle_bookings')
    .selectAll()
    .where('requester_id', '=', userId)
    .where('ends_at', '>', since)
    .orderBy('starts_at')
    .limit(200)
    .execute()

/** Windows of the holding bookings of a vehicle that end after `from` (for the next free windows). */
export const busyWindows = async (
  db: DbOrTrx,
  vehicleId: string,
  from: string,
): Promise<ReadonlyArray<{ start: number; end: number }>> => {
  const rows = await db
    .selectFrom('vehicle_bookings')
    .select(['starts_at', 'ends_at'])
    .where('vehicle_id', '=', vehicleId)
    .where('status', 'in', [...HOLDING])
    .where('ends_at', '>', from)
    .execute()
  return rows.map((r) => ({ start: Date.parse(r.starts_at), end: Date.parse(r.ends_at) }))
}

export const findTripOfBooking = async (db: DbOrTrx, bookingId: string): Promise<TripRow | null> =>
  (await db.selectFrom('vehicle_trips').selectAll().where('booking_id', '=', bookingId).executeTakeFirst()) ??
  null

export interface TripWithBooking extends TripRow {
  readonly squad_code: string
  readonly requester_kind: BookingRow['requester_kind']
  readonly requester_code: string
  readonly requester_id: string
  readonly purpose_kind: BookingRow['purpose_kind']
  readonly duty_code: string | null
  readonly wartime: number
  readonly purpose_note: string
  readonly towns: string
  readonly driver: string
}

/** Trips that left in [from, to), of the vehicles in scope, newest first. */
export const tripsBetween = async (
  db: DbOrTrx,
  scope: RecordScope,
  filter: { from: string; to: string; vehicleId?: string | undefined; limit: number },
): Promise<ReadonlyArray<TripWithBooking>> => {
  if (scope.kind === 'none' || scope.kind === 'office') return []
  let q = db
    .selectFrom('vehicle_trips')
    .innerJoin('vehicle_bookings', 'vehicle_bookings.id', 'vehicle_trips.booking_id')
    .selectAll('vehicle_trips')
    .select([
      'vehicle_bookings.squad_code',
      'vehicle_bookings.requester_kind',
      'vehicle_bookings.requester_code',
      'vehicle_bookings.requester_id',
      'vehicle_bookings.purpose_kind',
      'vehicle_bookings.duty_code',
      'vehicle_bookings.wartime',
      'vehicle_bookings.purpose_note',
      'vehicle_bookings.towns',
      'vehicle_bookings.driver',
    ])
    .where('vehicle_trips.out_at', '>=', filter.from)
    .where('vehicle_trips.out_at', '<', filter.to)
  if (scope.kind === 'area') q = q.where('vehicle_bookings.squad_code', '=', scope.squad)
  if (filter.vehicleId) q = q.where('vehicle_trips.vehicle_id', '=', filter.vehicleId)
  return q.orderBy('vehicle_trips.out_at', 'desc').limit(filter.limit).execute()
}

export const findVehicleAction = async (db: DbOrTrx, key: string) =>
  (await db.selectFrom('vehicle_actions').selectAll().where('key', '=', key).executeTakeFirst()) ?? null
