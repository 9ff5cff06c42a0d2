import { type Kysely, SqliteAdapter, sql } from 'kysely'

// Wartime (平战融合, policy 三.2): the area's append-only event log is the record; `activations` and
// `activation_roster` are projections of it kept in the same transaction, for lists and access checks.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

const isSqlite = (db: AnyDb): boolean => db.getExecutor().adapter instanceof SqliteAdapter

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('mode_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('activation_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addUniqueConstraint('mode_events_area_seq', ['area_code', 'seq'])
    .execute()
  await db.schema.createIndex('mode_events_activation').on('mode_events').column('activation_id').execute()

  await db.schema
    .createTable('activations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('duty_code', 'text', (c) => c.notNull())
    .addColumn('catalog_version', 'text', (c) => c.notNull())
    .addColumn('commander_code', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .execute()
  await db.schema
    .createIndex('activations_area_stage')
    .on('activations')
    .columns(['area_code', 'stage'])
    .execute()
  await db.schema
    .createIndex('activations_source')
    .on('activations')
    .columns(['source_type', 'source_id'])
    .execute()

  await db.schema
    .createTable('activation_roster')
    .addColumn('activation_id', 'text', (c) => c.notNull().references('activations.id'))
    .addColumn('person_code', 'text', (c) => c.notNull())
    .addColumn('borrowed', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('activation_roster_pk', ['activation_id', 'person_code'])
    .execute()
  await db.schema
    .createIndex('activation_roster_person')
    .on('activation_roster')
    .column('person_code')
    .execute()

  // The event log is append-only, like the audit log: PostgreSQL refuses UPDATE and DELETE on it.
  if (!isSqlite(db)) {
    await sql`CREATE OR REPLACE FUNCTION mode_events_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'mode_events is append-only'; END; $$ LANGUAGE plpgsql`.execute(db)
    await sql`CREATE TRIGGER mode_events_no_change BEFORE UPDATE OR DELETE ON mode_events
      FOR EACH ROW EXECUTE FUNCTION mode_events_append_only()`.execute(db)
  } else {
    await sql`CREATE TRIGGER mode_events_no_update BEFORE UPDATE ON mode_events
      BEGIN SELECT RAISE(ABORT, 'mode_events is append-only'); END`.execute(db)
    await sql`CREATE TRIGGER mode_events_no_delete BEFORE DELETE ON mode_events
      BEGIN SELECT RAISE(ABORT, 'mode_events is append-only'); END`.execute(db)
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('activation_roster').execute()
  await db.schema.dropTable('activations').execute()
  await db.schema.dropTable('mode_events').execute()
  if (!isSqlite(db)) await sql`DROP FUNCTION IF EXISTS mode_events_append_only()`.execute(db)
}
