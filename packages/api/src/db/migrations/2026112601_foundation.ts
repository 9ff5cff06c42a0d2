import { type Kysely, SqliteAdapter, sql } from 'kysely'

// One migration for both dialects: text ids (UUIDv7 from the application), ISO text timestamps,
// 0/1 integers for booleans. Only the append-only triggers differ.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

const isSqlite = (db: AnyDb): boolean => db.getExecutor().adapter instanceof SqliteAdapter

export async function up(db: AnyDb): Promise<void> {
  // Office and squad codes may coincide (鲁村镇's office and 鲁村中队 are both `lucun`): separate tables.
  await db.schema
    .createTable('org_units')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('squads')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('seat_town', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('offices')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('town_code', 'text', (c) => c.notNull())
    .addColumn('town_name', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('person_code', 'text')
    .addColumn('office_code', 'text', (c) => c.references('offices.code'))
    .addColumn('squad_code', 'text', (c) => c.references('squads.code'))
    .addColumn('department_code', 'text', (c) => c.references('org_units.code'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('duty_catalogs')
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_catalogs_pk', ['version', 'kind', 'mode'])
    .execute()

  await db.schema
    .createTable('duties')
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('parent', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('duties_pk', ['version', 'code'])
    .addForeignKeyConstraint('duties_catalog_fk', ['version', 'kind', 'mode'], 'duty_catalogs', [
      'version',
      'kind',
      'mode',
    ])
    .execute()

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('activation_code_hash', 'text', (c) => c.unique())
    .addColumn('activation_expires_at', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('devices_office').on('devices').columns(['office_code', 'id']).execute()

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('duty_version', 'text', (c) => c.notNull())
    .addColumn('duty_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.references('offices.code'))
    .addColumn('squad_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text', (c) => c.references('users.id'))
    .addColumn('completion_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('tasks_duty_fk', ['duty_version', 'duty_code'], 'duties', ['version', 'code'])
    .execute()
  // Keyset pagination on (due_at, id) within the scope filters.
  await db.schema.createIndex('tasks_due').on('tasks').columns(['due_at', 'id']).execute()
  await db.schema.createIndex('tasks_squad_due').on('tasks').columns(['squad_code', 'due_at', 'id']).execute()
  await db.schema
    .createIndex('tasks_office_due')
    .on('tasks')
    .columns(['office_code', 'due_at', 'id'])
    .execute()

  await db.schema
    .createTable('task_assignees')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('task_assignees_pk', ['task_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('task_assignees_user')
    .on('task_assignees')
    .columns(['user_id', 'task_id'])
    .execute()

  await db.schema
    .createTable('task_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute()
  await db.schema.createIndex('task_events_task').on('task_events').columns(['task_id', 'id']).execute()

  await db.schema
    .createTable('intakes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('receipt_no', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('other_party', 'text', (c) => c.notNull())
    .addColumn('group_dispute', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('reject_reason', 'text')
    .execute()
  await db.schema.createIndex('intakes_office').on('intakes').columns(['office_code', 'id']).execute()
  await db.schema.createIndex('intakes_area').on('intakes').columns(['area_code', 'id']).execute()
  await db.schema.createIndex('intakes_id_number').on('intakes').column('id_number_index').execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text')
    .addColumn('unit_name', 'text')
    .addColumn('area_code', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('prev_mac', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('audit_log_area').on('audit_log').columns(['area_code', 'seq']).execute()
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute()
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute()

  // Append-only: the code has no update/delete path; the database refuses one as well.
  if (isSqlite(db)) {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db)
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db)
  } else {
    await sql`CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`.execute(db)
    await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()`.execute(db)
    await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()`.execute(db)
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (!isSqlite(db)) await sql`DROP FUNCTION IF EXISTS audit_log_refuse() CASCADE`.execute(db)
  for (const table of [
    'audit_log',
    'intakes',
    'task_events',
    'task_assignees',
    'tasks',
    'devices',
    'duties',
    'duty_catalogs',
    'sessions',
    'users',
    'offices',
    'squads',
    'org_units',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
