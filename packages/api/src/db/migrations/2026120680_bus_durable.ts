import { type Kysely, SqliteAdapter } from 'kysely'

// Durable cluster-bus messages (issue 15): a process whose LISTEN connection drops hears nothing that
// is notified until it listens again — an alert started meanwhile would never reach its phones. Every
// message published on the bus is now a row here, in the same statement (or transaction) as its
// NOTIFY, and the notification carries the row's `seq`; after a reconnect a process reads the rows of
// the time it was away and delivers those it has not seen (realtime/cluster-bus.ts). `created_ms` is
// the database's clock (one clock for every process and machine). Rows are pruned after ten minutes.
// The table of 2026120660_scale held only the messages too large for a NOTIFY payload and is
// replaced (its rows live ten minutes and are not needed across the change). SQLite runs one process
// and never writes it.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

const isSqlite = (db: AnyDb) => db.getExecutor().adapter instanceof SqliteAdapter

export async function up(db: AnyDb): Promise<void> {
  await db.schema.dropTable('bus_messages').execute()
  await db.schema
    .createTable('bus_messages')
    .addColumn('seq', isSqlite(db) ? 'integer' : 'bigserial', (c) =>
      isSqlite(db) ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('envelope', 'text', (c) => c.notNull())
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('bus_messages_created').on('bus_messages').column('created_ms').execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('bus_messages').execute()
  await db.schema
    .createTable('bus_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('bus_messages_created').on('bus_messages').column('created_at').execute()
}
