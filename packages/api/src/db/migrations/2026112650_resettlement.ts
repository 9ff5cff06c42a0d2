import type { Kysely } from 'kysely'

// Issue 5, second part: released prisoners (刑满释放人员安置帮教) with their own obligations for the
// deadline engine. Portable to both dialects: text ids, text dates, 0/1 integers. (Change of residence
// needs no table: its steps are supervisee_events and its deadlines rows of `obligations`.)

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('releasees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_index', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('minor', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('prison', 'text', (c) => c.notNull())
    .addColumn('notice_date', 'text', (c) => c.notNull())
    .addColumn('release_date', 'text', (c) => c.notNull())
    .addColumn('notice_late', 'integer', (c) => c.notNull())
    .addColumn('town_code', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('releasees_area').on('releasees').columns(['area_code', 'id']).execute()
  await db.schema.createIndex('releasees_office').on('releasees').columns(['office_code', 'id']).execute()
  await db.schema.createIndex('releasees_id_number').on('releasees').column('id_number_index').execute()

  await db.schema
    .createTable('releasee_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('releasee_id', 'text', (c) => c.notNull().references('releasees.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('data_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute()
  await db.schema
    .createIndex('releasee_events_case')
    .on('releasee_events')
    .columns(['releasee_id', 'id'])
    .execute()

  await db.schema
    .createTable('releasee_obligations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('releasee_id', 'text', (c) => c.notNull().references('releasees.id'))
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
    .addUniqueConstraint('releasee_obligations_case_key', ['releasee_id', 'key'])
    .execute()
  await db.schema
    .createIndex('releasee_obligations_area_due')
    .on('releasee_obligations')
    .columns(['area_code', 'satisfied', 'due_at'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['releasee_obligations', 'releasee_events', 'releasees']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
