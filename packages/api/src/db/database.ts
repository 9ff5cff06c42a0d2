import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Config } from '../config.ts'
import { usePreparedSelects } from './pg-prepared.ts'
import type { Database } from './types.ts'

export type Dialect = 'sqlite' | 'postgres'

export interface DatabaseHandle {
  readonly db: Kysely<Database>
  readonly dialect: Dialect
  /** Raw better-sqlite3 handle (SQLite only), for bulk loads and backups. */
  readonly sqlite: SqliteDatabase.Database | null
  readonly destroy: () => Promise<void>
}

/**
 * better-sqlite3 prepares a statement on every Kysely query; caching the prepared statement by SQL
 * text saves ~10 µs per query (PERFORMANCE.md row D'). Kysely's SQLite driver serialises all access
 * to its single connection, so a statement is never used by two queries at once.
 */
const withStatementCache = (
  raw: SqliteDatabase.Database,
  batch: { on: boolean },
  max = 500,
): SqliteDatabase.Database => {
  const cache = new Map<string, SqliteDatabase.Statement>()
  // inside a batch (see SqliteBatch) Kysely's transactions become savepoints of the batch's transaction
  const nested: Record<string, () => SqliteDatabase.Statement> = {
    begin: () => prepare('savepoint pz_batched'),
    commit: () => prepare('release pz_batched'),
    rollback: () => {
      const back = prepare('rollback to pz_batched')
      const release = prepare('release pz_batched')
      return { reader: false, run: () => (back.run(), release.run()) } as unknown as SqliteDatabase.Statement
    },
  }
  const prepare = (source: string): SqliteDatabase.Statement => {
    if (batch.on) {
      const inBatch = nested[source]
      if (inBatch !== undefined) return inBatch()
    }
    let statement = cache.get(source)
    if (statement === undefined) {
      statement = raw.prepare(source)
      if (cache.size >= max) {
        const oldest = cache.keys().next().value
        if (oldest !== undefined) cache.delete(oldest)
      }
      cache.set(source, statement)
    }
    return statement
  }
  return new Proxy(raw, {
    get(target, property, receiver) {
      if (property === 'prepare') return prepare
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * Bulk writers on SQLite (the demo generator): many short service transactions grouped into one
 * database transaction. Between `begin()` and `commit()` every Kysely transaction runs as a savepoint
 * of it, so each service call still commits or rolls back as a whole, while the database syncs and
 * checkpoints once per batch instead of once per call. Only for a process that is the database's
 * only writer and awaits each call (the single connection serialises them anyway).
 */
export interface SqliteBatch {
  readonly begin: () => void
  readonly commit: () => void
  readonly rollback: () => void
  readonly active: () => boolean
}

const batches = new WeakMap<object, SqliteBatch>()

/** The batch control of a SQLite database opened by `openDatabase` (null on PostgreSQL). */
export const sqliteBatchOf = (db: Kysely<Database>): SqliteBatch | null => batches.get(db) ?? null

const batchControl = (raw: SqliteDatabase.Database, state: { on: boolean }): SqliteBatch => ({
  begin: () => {
    if (state.on) throw new Error('a batch is already open')
    raw.exec('begin')
    state.on = true
  },
  commit: () => {
    if (!state.on) return
    state.on = false
    raw.exec('commit')
  },
  rollback: () => {
    if (!state.on) return
    state.on = false
    if (raw.inTransaction) raw.exec('rollback')
  },
  active: () => state.on,
})

export const openSqlite = (path: string): SqliteDatabase.Database => {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const raw = new SqliteDatabase(path)
  raw.pragma('journal_mode = WAL')
  raw.pragma('foreign_keys = ON')
  raw.pragma('busy_timeout = 5000')
  raw.pragma('synchronous = NORMAL')
  return raw
}

export interface OpenOptions {
  /** PostgreSQL schema to use as search_path (tests give each run its own). */
  readonly schema?: string
  readonly poolSize?: number
}

export const openDatabase = (database: Config['database'], options: OpenOptions = {}): DatabaseHandle => {
  if (database.kind === 'sqlite') {
    const raw = openSqlite(database.path)
    const state = { on: false }
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(raw, state) }),
    })
    batches.set(db, batchControl(raw, state))
    return { db, dialect: 'sqlite', sqlite: raw, destroy: () => db.destroy() }
  }
  const pool = new pg.Pool({ connectionString: database.url, max: options.poolSize ?? 10 })
  // Keep idle-client errors (server restart) from crashing the process; the next query reports them.
  pool.on('error', () => {})
  if (options.schema) {
    const schema = options.schema
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`)
    pool.on('connect', (client) => {
      client.query(`SET search_path TO ${schema}`).catch(() => {})
    })
  }
  usePreparedSelects(pool)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, dialect: 'postgres', sqlite: null, destroy: () => db.destroy() }
}
