// Bulk loading for the scale generator and the benchmarks (PERFORMANCE.md: 1M rows into SQLite with
// prepared inserts in 10k-row transactions, indexes built after the load). On SQLite: one prepared
// INSERT run row by row inside big transactions on the raw better-sqlite3 handle. On PostgreSQL: one
// INSERT … SELECT FROM unnest($1::text[], $2::integer[], …) per batch — a column array per parameter,
// so 10k rows travel in one statement without COPY (no extra dependency); the column types are read
// from information_schema.
import type SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import type { Dialect } from '../db/database.ts'
import type { Db } from '../db/types.ts'

export interface BulkTarget {
  readonly db: Db
  readonly dialect: Dialect
  /** the raw SQLite handle (DatabaseHandle.sqlite); null on PostgreSQL */
  readonly sqlite: SqliteDatabase.Database | null
}

export type Row = ReadonlyArray<string | number | null>

const IDENT = /^[a-z_][a-z0-9_]*$/

const pgTypes = async (t: BulkTarget, table: string): Promise<Map<string, string>> => {
  const rows = await sql<{ column_name: string; data_type: string }>`
    SELECT column_name, data_type FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}`.execute(t.db)
  return new Map(rows.rows.map((r) => [r.column_name, r.data_type]))
}

export interface BulkWriter {
  readonly add: (row: Row) => Promise<void>
  /** writes what is buffered (a child writer flushes its parents first: foreign keys hold) */
  readonly flush: () => Promise<void>
  /** flushes the rest; the number of rows written */
  readonly end: () => Promise<number>
}

/**
 * A writer for one table: `add` buffers rows and flushes every `batch`; `end` flushes the rest and
 * returns the number of rows written. `parents` are the writers of the tables its foreign keys point
 * to: they are flushed before each of its batches.
 */
export const bulkWriter = async (
  t: BulkTarget,
  table: string,
  columns: ReadonlyArray<string>,
  parents: ReadonlyArray<BulkWriter> = [],
  batch = 10_000,
): Promise<BulkWriter> => {
  for (const name of [table, ...columns]) if (!IDENT.test(name)) throw new Error(`bad identifier ${name}`)
  let buffer: Row[] = []
  let written = 0
  let flush: (rows: ReadonlyArray<Row>) => Promise<void>
  if (t.dialect === 'sqlite') {
    const raw = t.sqlite
    if (raw === null) throw new Error('bulk load on SQLite needs the raw handle')
    const statement = raw.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    )
    const many = raw.transaction((rows: ReadonlyArray<Row>) => {
      for (const r of rows) statement.run(...r)
    })
    flush = async (rows) => {
      many(rows)
    }
  } else {
    const types = await pgTypes(t, table)
    const casts = columns.map((c) => {
      const type = types.get(c)
      if (type === undefined) throw new Error(`${table}.${c} not found`)
      return type === 'integer' || type === 'bigint' || type === 'smallint'
        ? type
        : type === 'double precision' || type === 'real' || type === 'numeric'
          ? type
          : 'text'
    })
    flush = async (rows) => {
      const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null))
      await sql`INSERT INTO ${sql.raw(table)} (${sql.raw(columns.join(', '))})
        SELECT * FROM unnest(${sql.join(arrays.map((a, i) => sql`${a}::${sql.raw(casts[i] ?? 'text')}[]`))})`.execute(
        t.db,
      )
    }
  }
  const flushAll = async () => {
    for (const p of parents) await p.flush()
    if (buffer.length === 0) return
    const rows = buffer
    buffer = []
    await flush(rows)
    written += rows.length
  }
  return {
    add: async (row) => {
      if (row.length !== columns.length)
        throw new Error(`${table}: ${row.length} values for ${columns.length} columns`)
      buffer.push(row)
      if (buffer.length >= batch) await flushAll()
    },
    flush: flushAll,
    end: async () => {
      await flushAll()
      return written
    },
  }
}

/**
 * Runs `load` with the secondary indexes of `tables` dropped and rebuilds them afterwards (about twice
 * as fast as loading into indexed tables). Primary keys and constraint-backed indexes stay.
 */
export const withoutIndexes = async <T>(
  t: BulkTarget,
  tables: ReadonlyArray<string>,
  load: () => Promise<T>,
): Promise<T> => {
  const defs: Array<{ name: string; create: string }> = []
  if (t.dialect === 'sqlite') {
    const raw = t.sqlite
    if (raw === null) throw new Error('bulk load on SQLite needs the raw handle')
    const rows = raw
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
      )
      .all(...tables) as Array<{ name: string; sql: string }>
    for (const r of rows) defs.push({ name: r.name, create: r.sql })
  } else {
    const rows = await sql<{ indexname: string; indexdef: string }>`
      SELECT indexname, indexdef FROM pg_indexes i
      WHERE schemaname = current_schema() AND tablename IN (${sql.join(tables.map((x) => sql`${x}`))})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(t.db)
    for (const r of rows.rows) defs.push({ name: r.indexname, create: r.indexdef })
  }
  for (const d of defs) await sql`DROP INDEX ${sql.id(d.name)}`.execute(t.db)
  try {
    return await load()
  } finally {
    for (const d of defs) await sql.raw(d.create).execute(t.db)
    await (t.dialect === 'postgres' ? sql`ANALYZE` : sql`PRAGMA optimize`).execute(t.db)
  }
}
