import type { Kysely } from 'kysely'

// Shared means, part 1 (issue 11, policy 四.2): one enforcement vehicle per squad, its bookings, trips and
// the tasks its service and insurance due dates produced.
//
// Non-overlap of two bookings of one vehicle is enforced by the database, under concurrency, on both
// dialects: a booking that holds the vehicle (pending, approved, out) owns one row per 30-minute slot of
// its window in `vehicle_booking_slots`, whose primary key is (vehicle_id, slot_start). Two concurrent
// bookings of overlapping windows both try to insert a shared slot; the second insert fails with a unique
// violation and its whole transaction rolls back. A PostgreSQL exclusion constraint over tstzrange would
// need the btree_gist extension (not available per test schema, and no SQLite equivalent); slot rows work
// the same on both. Windows are whole slots (整点或半点), so the slots are exactly the window.
// Releasing (reject, cancel, return, wartime displacement) deletes the booking's slots in the same
// transaction; the booking row itself stays, with its status and reason.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('vehicles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plate', 'text', (c) => c.notNull().unique())
    // 一队一车: one vehicle per squad
    .addColumn('squad_code', 'text', (c) => c.notNull().unique().references('squads.code'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('odometer_km', 'integer', (c) => c.notNull())
    .addColumn('fuel_percent', 'integer', (c) => c.notNull())
    .addColumn('service_due', 'text', (c) => c.notNull())
    .addColumn('insurance_due', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('vehicle_bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vehicle_id', 'text', (c) => c.notNull().references('vehicles.id'))
    .addColumn('squad_code', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requester_kind', 'text', (c) => c.notNull())
    .addColumn('requester_code', 'text', (c) => c.notNull())
    .addColumn('purpose_kind', 'text', (c) => c.notNull())
    .addColumn('duty_version', 'text')
    .addColumn('duty_code', 'text')
    .addColumn('task_id', 'text')
    .addColumn('activation_id', 'text')
    .addColumn('wartime', 'integer', (c) => c.notNull())
    .addColumn('purpose_note', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('towns', 'text', (c) => c.notNull())
    .addColumn('driver', 'text', (c) => c.notNull())
    .addColumn('passengers', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('displaced_by', 'text')
    .addColumn('displaced_at', 'text')
    .addColumn('displaced_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('vehicle_bookings_window')
    .on('vehicle_bookings')
    .columns(['vehicle_id', 'starts_at'])
    .execute()
  await db.schema
    .createIndex('vehicle_bookings_requester')
    .on('vehicle_bookings')
    .columns(['requester_id', 'starts_at'])
    .execute()

  await db.schema
    .createTable('vehicle_booking_slots')
    .addColumn('vehicle_id', 'text', (c) => c.notNull())
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.notNull().references('vehicle_bookings.id'))
    .addPrimaryKeyConstraint('vehicle_booking_slots_pk', ['vehicle_id', 'slot_start'])
    .execute()
  await db.schema
    .createIndex('vehicle_booking_slots_booking')
    .on('vehicle_booking_slots')
    .column('booking_id')
    .execute()

  await db.schema
    .createTable('vehicle_trips')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull().unique().references('vehicle_bookings.id'))
    .addColumn('vehicle_id', 'text', (c) => c.notNull())
    .addColumn('out_at', 'text', (c) => c.notNull())
    .addColumn('out_km', 'integer', (c) => c.notNull())
    .addColumn('out_fuel', 'integer', (c) => c.notNull())
    .addColumn('out_by', 'text', (c) => c.notNull())
    .addColumn('in_at', 'text')
    .addColumn('in_km', 'integer')
    .addColumn('in_fuel', 'integer')
    .addColumn('in_by', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('vehicle_trips_vehicle')
    .on('vehicle_trips')
    .columns(['vehicle_id', 'out_at'])
    .execute()

  // Idempotency keys of check-out / check-in sent from the phone's outbox (like task_actions).
  await db.schema
    .createTable('vehicle_actions')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute()

  // One task per vehicle, kind and due date: the hourly sweep never makes a second.
  await db.schema
    .createTable('vehicle_due_tasks')
    .addColumn('vehicle_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vehicle_due_tasks_pk', ['vehicle_id', 'kind', 'due_date'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'vehicle_due_tasks',
    'vehicle_actions',
    'vehicle_trips',
    'vehicle_booking_slots',
    'vehicle_bookings',
    'vehicles',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
