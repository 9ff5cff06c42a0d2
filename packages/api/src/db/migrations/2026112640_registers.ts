import type { Kysely } from 'kysely'

// Issue 4, office casework registers: legal-aid intake (法律援助), legality reviews (合法性审查) and
// legal education events (普法, with photos), plus one shared history table of their edits.
// Portable on both dialects: text ids, ISO text timestamps, YYYY-MM-DD text dates, 0/1 integers.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('legal_aid_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('matter_type', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('detained', 'integer', (c) => c.notNull())
    .addColumn('economic_waiver', 'text')
    .addColumn('hardship_waiver', 'text')
    .addColumn('waiver_note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('decision_deadline', 'text', (c) => c.notNull())
    .addColumn('deadline_provisional', 'integer', (c) => c.notNull())
    .addColumn('forward_due_at', 'text')
    .addColumn('missing_materials_json', 'text')
    .addColumn('materials_notified_on', 'text')
    .addColumn('materials_due', 'text')
    .addColumn('materials_supplied_on', 'text')
    .addColumn('forwarded_at', 'text')
    .addColumn('decision_date', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('legality_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_no', 'text', (c) => c.notNull().unique())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('document_title', 'text', (c) => c.notNull())
    .addColumn('requesting_body', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text')
    .addColumn('opinion_note', 'text')
    .addColumn('concluded_on', 'text')
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('legal_education_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_no', 'text', (c) => c.notNull().unique())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('headcount', 'integer', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('organiser_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('legal_education_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('legal_education_events.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()

  // Lists are keyset-paginated on id (uuidv7: newest first) inside an office or an area.
  for (const table of ['legal_aid_cases', 'legality_reviews', 'legal_education_events']) {
    await db.schema.createIndex(`${table}_office`).on(table).columns(['office_code', 'id']).execute()
    await db.schema.createIndex(`${table}_area`).on(table).columns(['area_code', 'id']).execute()
  }
  await db.schema
    .createIndex('legal_education_photos_event')
    .on('legal_education_photos')
    .columns(['event_id', 'id'])
    .execute()

  await db.schema
    .createTable('register_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('register', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('register_events_record')
    .on('register_events')
    .columns(['record_id', 'id'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'register_events',
    'legal_education_photos',
    'legal_education_events',
    'legality_reviews',
    'legal_aid_cases',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
