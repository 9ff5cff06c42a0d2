import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'

// Task boards at province scale (issue 4). Years of finished work pile up behind every unit: with most
// rows done, the default views — 未完成 on the phone, open or overdue work on a board — walked a unit's
// whole history in due order before they had a page (~0.45 s a page at 1M tasks, 94% done, on SQLite
// and on PostgreSQL). Partial indexes hold the minority states only, in board order, per squad, per
// office and for the whole county:
// - unfinished (open, in progress): 未完成, 待办, 办理中 and overdue read just the page they show;
// - cancelled: 已取消 is rare, and a scan for it would otherwise cross the whole history.
// Finished work (已办结) is most of the rows and the full indexes of the foundation serve it. Queries
// must name the same literal statuses (repos/tasks.ts): SQLite never matches a partial index through
// a bound parameter, and PostgreSQL's generic plans of prepared statements cannot either.
// The roll-up by unit and duty (brigade, bureau) counts every task of its scope by status: one index
// holds exactly its columns, grouped in its order, so it is read from the index alone.
// Portable: both dialects build partial indexes with the same statement.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

const PARTIAL: ReadonlyArray<readonly [string, Expression<SqlBool>]> = [
  ['unfinished', sql<SqlBool>`status in ('open', 'in_progress')`],
  ['cancelled', sql<SqlBool>`status = 'cancelled'`],
]
const UNITS: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ['squad_', ['squad_code', 'due_at', 'id']],
  ['office_', ['office_code', 'due_at', 'id']],
  ['', ['due_at', 'id']],
]

export async function up(db: AnyDb): Promise<void> {
  for (const [state, predicate] of PARTIAL) {
    for (const [unit, columns] of UNITS) {
      await db.schema
        .createIndex(`tasks_${state}_${unit}due`)
        .on('tasks')
        .columns([...columns])
        .where(predicate)
        .execute()
    }
  }
  await db.schema
    .createIndex('tasks_rollup')
    .on('tasks')
    .columns(['squad_code', 'office_code', 'duty_code', 'status', 'due_at'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('tasks_rollup').execute()
  for (const [state] of PARTIAL) {
    for (const [unit] of UNITS) await db.schema.dropIndex(`tasks_${state}_${unit}due`).execute()
  }
}
