import { type Kysely, sql } from 'kysely'

// The kiosk's public services (issue 14): legal-aid applications taken at the kiosk (their details
// beside the intake row they share with mediation requests), receipts with a secret for the status
// lookup, and the office's consultation slots with their bookings.
// - kiosk_receipts: one row per receipt printed; only a hash of the secret is stored; a receipt locks
//   after repeated wrong secrets; `idem_hash` (the device's idempotency key, hashed) makes a submission
//   retried after a network drop return the first answer instead of a second request.
// - consult_bookings: at most one live booking per slot, enforced by a partial unique index, so two
//   residents taking the same slot at the same moment cannot both win.
// Portable: text ids, ISO text timestamps, 0/1 integers; both dialects build partial indexes alike.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('intake_legal_aid')
    .addColumn('intake_id', 'text', (c) => c.primaryKey().references('intakes.id'))
    .addColumn('matter_type', 'text', (c) => c.notNull())
    .addColumn('applicant_role', 'text', (c) => c.notNull())
    .addColumn('detained', 'integer', (c) => c.notNull())
    .addColumn('has_counsel', 'integer', (c) => c.notNull())
    .addColumn('economic_waiver', 'text')
    .addColumn('hardship_waiver', 'text')
    .addColumn('economic_hardship', 'text', (c) => c.notNull())
    .addColumn('urgent', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('economic_test', 'text', (c) => c.notNull())
    .addColumn('materials_json', 'text', (c) => c.notNull())
    .addColumn('guardian_name', 'text')
    .addColumn('guardian_relation', 'text')
    .addColumn('guardian_id_enc', 'text')
    .addColumn('guardian_id_masked', 'text')
    .addColumn('notice_version', 'text', (c) => c.notNull())
    .addColumn('legal_aid_id', 'text', (c) => c.references('legal_aid_cases.id'))
    .execute()

  await db.schema
    .createTable('kiosk_receipts')
    .addColumn('receipt_no', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_at', 'text')
    .addColumn('idem_hash', 'text', (c) => c.unique())
    .execute()
  await db.schema.createIndex('kiosk_receipts_subject').on('kiosk_receipts').column('subject_id').execute()

  await db.schema
    .createTable('consult_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('consult_slots_office_start')
    .on('consult_slots')
    .columns(['office_code', 'starts_at'])
    .unique()
    .execute()
  await db.schema
    .createIndex('consult_slots_area_day')
    .on('consult_slots')
    .columns(['area_code', 'day'])
    .execute()

  await db.schema
    .createTable('consult_bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slot_id', 'text', (c) => c.notNull().references('consult_slots.id'))
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('receipt_no', 'text', (c) => c.notNull().unique())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .execute()
  await db.schema
    .createIndex('consult_bookings_one_per_slot')
    .on('consult_bookings')
    .column('slot_id')
    .unique()
    .where(sql.ref('status'), '=', 'booked')
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('consult_bookings').execute()
  await db.schema.dropTable('consult_slots').execute()
  await db.schema.dropTable('kiosk_receipts').execute()
  await db.schema.dropTable('intake_legal_aid').execute()
}
