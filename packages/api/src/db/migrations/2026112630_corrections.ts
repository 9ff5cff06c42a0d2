import type { Kysely } from 'kysely'

// Issue 5: community corrections casework and the statutory deadline engine. Portable to both
// dialects: text ids, text dates, 0/1 integers.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('days_off_json', 'text', (c) => c.notNull())
    .addColumn('workdays_json', 'text', (c) => c.notNull())
    .addColumn('notice', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('rule_overrides')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('roll', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('supervisees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('minor', 'integer', (c) => c.notNull())
    .addColumn('correction_type', 'text', (c) => c.notNull())
    .addColumn('judgment_date', 'text')
    .addColumn('term_start', 'text')
    .addColumn('term_end', 'text')
    .addColumn('town_code', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('management_level', 'text', (c) => c.notNull())
    .addColumn('prohibition_orders', 'text', (c) => c.notNull())
    .addColumn('team_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('supervisees_area').on('supervisees').columns(['area_code', 'id']).execute()
  await db.schema.createIndex('supervisees_office').on('supervisees').columns(['office_code', 'id']).execute()
  await db.schema.createIndex('supervisees_id_number').on('supervisees').column('id_number_index').execute()

  await db.schema
    .createTable('supervisee_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supervisee_id', 'text', (c) => c.notNull().references('supervisees.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute()
  await db.schema
    .createIndex('supervisee_events_case')
    .on('supervisee_events')
    .columns(['supervisee_id', 'id'])
    .execute()

  await db.schema
    .createTable('leave_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supervisee_id', 'text', (c) => c.notNull().references('supervisees.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('route_reason', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('filed_with_county', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('leave_requests_case')
    .on('leave_requests')
    .columns(['supervisee_id', 'from_date'])
    .execute()

  await db.schema
    .createTable('obligations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('supervisee_id', 'text', (c) => c.notNull().references('supervisees.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('satisfied', 'integer', (c) => c.notNull())
    .addColumn('provisional', 'text')
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    .addColumn('minor', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('obligations_case_key', ['supervisee_id', 'key'])
    .execute()
  await db.schema
    .createIndex('obligations_area_due')
    .on('obligations')
    .columns(['area_code', 'satisfied', 'due_at'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'obligations',
    'leave_requests',
    'supervisee_events',
    'supervisees',
    'rule_overrides',
    'calendar_years',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
