import { type Kysely, type SqlBool, SqliteAdapter, sql } from 'kysely'

// Roll-ups at province scale (issue 15): counting a county's million tasks by unit, duty and status
// took 0.1–0.3 s however they were indexed. `task_counts` holds those counts, kept by triggers on
// `tasks` in the same transaction as every insert, status change, move and delete — whatever code
// path writes the row (services, bulk loaders, the demo generator, a future capability), so no write
// path can forget it. A recount equals it (test/task-counts.test.ts).
// - SQLite (one writer at a time): one row per (squad, office, duty, status), upserted by row triggers.
// - PostgreSQL: statement triggers with transition tables append signed deltas (one insert per
//   statement, grouped), never updating a shared row — concurrent transactions neither wait on a hot
//   counter nor deadlock on two of them. `compactTaskCounts` (repos/task-counts.ts) folds the deltas
//   into one row per key, atomically, from time to time; a reader sums whatever is there.
// `office_code` is '' for the squad's own tasks (NULL cannot be part of the key).
// Overdue work is not a count that can be kept (it changes with the clock): it is counted from the
// unfinished tasks through the partial index added here, which holds exactly the columns it reads.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

const isSqlite = (db: AnyDb) => db.getExecutor().adapter instanceof SqliteAdapter

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('task_counts')
    .addColumn('squad_code', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    .addColumn('duty_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .execute()
  const key = ['squad_code', 'office_code', 'duty_code', 'status']
  let index = db.schema.createIndex('task_counts_key').on('task_counts').columns(key)
  if (isSqlite(db)) index = index.unique()
  await index.execute()
  await sql`
    insert into task_counts (squad_code, office_code, duty_code, status, n)
    select squad_code, coalesce(office_code, ''), duty_code, status, count(*)
    from tasks group by squad_code, coalesce(office_code, ''), duty_code, status
  `.execute(db)
  await db.schema
    .createIndex('tasks_unfinished_rollup')
    .on('tasks')
    .columns(['squad_code', 'office_code', 'duty_code', 'due_at', 'status'])
    .where(sql<SqlBool>`status in ('open', 'in_progress')`)
    .execute()

  if (isSqlite(db)) {
    const add = (row: 'new' | 'old', delta: 1 | -1) => `
      insert into task_counts (squad_code, office_code, duty_code, status, n)
      values (${row}.squad_code, coalesce(${row}.office_code, ''), ${row}.duty_code, ${row}.status, ${delta})
      on conflict (squad_code, office_code, duty_code, status) do update set n = n + (${delta});`
    await sql
      .raw(`create trigger task_counts_insert after insert on tasks begin ${add('new', 1)} end`)
      .execute(db)
    await sql
      .raw(
        `create trigger task_counts_update after update of squad_code, office_code, duty_code, status on tasks
         when new.squad_code is not old.squad_code or new.office_code is not old.office_code
           or new.duty_code is not old.duty_code or new.status is not old.status
         begin ${add('old', -1)} ${add('new', 1)} end`,
      )
      .execute(db)
    await sql
      .raw(`create trigger task_counts_delete after delete on tasks begin ${add('old', -1)} end`)
      .execute(db)
    return
  }

  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const schema = rows[0]?.schema ?? 'public'
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unexpected schema name ${schema}`)
  const counts = `"${schema}".task_counts`
  const grouped = (source: string, sign: string) =>
    `select squad_code, coalesce(office_code, '') as office_code, duty_code, status, ${sign} as d from ${source}`
  const body = (select: string) => `
    begin
      insert into ${counts} (squad_code, office_code, duty_code, status, n)
      select squad_code, office_code, duty_code, status, sum(d) from (${select}) x
      group by squad_code, office_code, duty_code, status having sum(d) <> 0;
      return null;
    end`
  const fn = async (name: string, select: string) =>
    sql
      .raw(
        `create function "${schema}".${name}() returns trigger language plpgsql as $fn$ ${body(select)} $fn$`,
      )
      .execute(db)
  await fn('task_counts_insert', grouped('new_rows', '1'))
  await fn('task_counts_update', `${grouped('old_rows', '-1')} union all ${grouped('new_rows', '1')}`)
  await fn('task_counts_delete', grouped('old_rows', '-1'))
  await sql
    .raw(
      `create trigger task_counts_insert after insert on tasks referencing new table as new_rows
       for each statement execute function "${schema}".task_counts_insert()`,
    )
    .execute(db)
  await sql
    .raw(
      `create trigger task_counts_update after update on tasks referencing old table as old_rows new table as new_rows
       for each statement execute function "${schema}".task_counts_update()`,
    )
    .execute(db)
  await sql
    .raw(
      `create trigger task_counts_delete after delete on tasks referencing old table as old_rows
       for each statement execute function "${schema}".task_counts_delete()`,
    )
    .execute(db)
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['insert', 'update', 'delete']) {
    await sql.raw(`drop trigger if exists task_counts_${t}${isSqlite(db) ? '' : ' on tasks'}`).execute(db)
    if (!isSqlite(db)) await sql.raw(`drop function if exists task_counts_${t}()`).execute(db)
  }
  await db.schema.dropIndex('tasks_unfinished_rollup').execute()
  await db.schema.dropTable('task_counts').execute()
}
