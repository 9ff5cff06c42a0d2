import type { Kysely } from 'kysely'

// Demo and scale data (issue 17): one row per generator run. Written when a run starts and marked
// finished at its end, so a second `pnpm start` sees the finished demo and changes nothing, and an
// interrupted run is reported instead of being stacked on.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('seed_runs')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('rows_json', 'text')
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('seed_runs').execute()
}
