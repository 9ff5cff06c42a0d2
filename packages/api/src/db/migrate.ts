import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Kysely, SqliteAdapter, sql } from 'kysely'
import { FileMigrationProvider, Migrator } from 'kysely/migration'

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** Runs every pending migration; throws with the failing migration's name. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the untyped schema
export const migrateToLatest = async (db: Kysely<any>): Promise<ReadonlyArray<string>> => {
  // On PostgreSQL, Kysely looks for its migration tables in every schema unless told which one:
  // a `kysely_migration_lock` in another schema (another tenant, a parallel test run) would make it
  // skip creating its own and fail. Pin the tables to the schema this connection works in.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof SqliteAdapter
      ? undefined
      : (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error) {
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}`, { cause: error })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
