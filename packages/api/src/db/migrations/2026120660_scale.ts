import type { Kysely } from 'kysely'

// Several API processes over one database (issue 15). What each process used to keep in memory and
// must now share lives here:
// - `rate_counters`: the fixed-window counters of the login, kiosk-binding and kiosk-submission
//   limits, one row per key, counted with one atomic upsert (repos/rate-counters.ts), so N processes
//   count one limit, not N;
// - `bus_messages`: a cross-process bus message too large for a PostgreSQL NOTIFY payload (8,000 bytes)
//   is stored here and the notification carries only its id (realtime/cluster-bus.ts). Rows are
//   pruned after ten minutes. SQLite runs in one process and never writes it.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start_ms', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rate_counters_window').on('rate_counters').column('window_start_ms').execute()
  await db.schema
    .createTable('bus_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('bus_messages_created').on('bus_messages').column('created_at').execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('bus_messages').execute()
  await db.schema.dropTable('rate_counters').execute()
}
