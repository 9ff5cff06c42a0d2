import { type Kysely, SqliteAdapter, sql } from 'kysely'

// The assessment's task facts (issue 12): a period's tasks counted per squad, office, duty and source, with
// on-time completions. Measured at 1M tasks (bench/scoring.ts, a loaded machine):
// - SQLite read them through the board indexes, fetching every row of the period from the table and
//   sorting them for the grouping (~10 s). The index below holds exactly the columns the query reads, in
//   its grouping order with the due date after the group key: answered from the index alone, in group
//   order, without a sort (~1.3 s, less than the raw scan of the same rows).
// - PostgreSQL estimated the groups as independent columns (thousands of times too many), so it sorted
//   the period's rows on disk (work_mem 4 MB) instead of hashing 69 groups. Statistics on the four
//   columns together give it the real number of groups: a hash aggregate (~3 s → ~1.2 s). They are
//   filled by the next ANALYZE (autovacuum, or the bench's own). PostgreSQL reads a year out of two by a
//   sequential scan, not by the index; the index serves it for narrower periods.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

const isSqlite = (db: AnyDb) => db.getExecutor().adapter instanceof SqliteAdapter

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('tasks_assessment')
    .on('tasks')
    .columns(['squad_code', 'office_code', 'duty_code', 'source', 'due_at', 'status', 'completed_at'])
    .execute()
  if (!isSqlite(db)) {
    await sql`create statistics tasks_assessment_groups (ndistinct) on squad_code, office_code, duty_code, source from tasks`.execute(
      db,
    )
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (!isSqlite(db)) await sql`drop statistics if exists tasks_assessment_groups`.execute(db)
  await db.schema.dropIndex('tasks_assessment').execute()
}
