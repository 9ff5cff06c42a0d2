import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import { verifyAudit } from '../audit/audit.ts'
import type { Config } from '../config.ts'
import { deriveKeys } from '../crypto/keys.ts'
import type { Database } from '../db/types.ts'

// Backup, restore and verify (SECURITY.md, issue 13). SQLite: the online backup API of better-sqlite3,
// consistent while the server writes. PostgreSQL: pg_dump (custom format) of one snapshot, exported by
// the transaction that also counts the rows, so the manifest describes exactly what was dumped;
// pg_restore --clean puts it back. Each backup is a folder: the dump and `manifest.json` (row count per
// table, the audit chain's length and last MAC). `verifyBackup` checks a restored database against it.

export interface Manifest {
  readonly format: 1
  readonly dialect: 'sqlite' | 'postgres'
  readonly createdAt: string
  readonly file: string
  readonly schema: string | null
  readonly tables: Readonly<Record<string, number>>
  readonly audit: { readonly rows: number; readonly lastSeq: number; readonly lastMac: string | null }
}

export interface PgTarget {
  /** the schema to back up / restore (default: the URL's search_path, normally public) */
  readonly schema?: string | undefined
}

const MANIFEST = 'manifest.json'

const run = (cmd: string, args: ReadonlyArray<string>): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} 失败（退出码 ${code}）：${stderr.trim().slice(0, 2000)}`)),
    )
  })

const checkSchema = (schema: string | undefined) => {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`无效的 schema 名称：${schema}`)
}

const sqliteCounts = (raw: SqliteDatabase.Database) => {
  const names = raw
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as Array<{ name: string }>
  const tables: Record<string, number> = {}
  for (const { name } of names) {
    tables[name] = Number((raw.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n)
  }
  const last = raw.prepare('SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; mac: string }
    | undefined
  return {
    tables,
    audit: { rows: tables.audit_log ?? 0, lastSeq: Number(last?.seq ?? 0), lastMac: last?.mac ?? null },
  }
}

const pgCounts = async (client: pg.ClientBase, schema: string) => {
  const names = (
    await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
      [schema],
    )
  ).rows
  const tables: Record<string, number> = {}
  for (const { table_name } of names) {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${table_name}"`)
    tables[table_name] = Number(r.rows[0]?.n ?? 0)
  }
  const last = (
    await client.query<{ seq: string; mac: string }>(
      `SELECT seq, mac FROM "${schema}".audit_log ORDER BY seq DESC LIMIT 1`,
    )
  ).rows[0]
  return {
    tables,
    audit: { rows: tables.audit_log ?? 0, lastSeq: Number(last?.seq ?? 0), lastMac: last?.mac ?? null },
  }
}

const currentSchema = async (client: pg.ClientBase, schema: string | undefined): Promise<string> => {
  if (schema) return schema
  return (await client.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s ?? 'public'
}

/** Writes a backup of the configured database into `dir` (created; must be empty or absent). */
export const backupDatabase = async (
  config: Config,
  dir: string,
  target: PgTarget = {},
): Promise<Manifest> => {
  mkdirSync(dir, { recursive: true })
  if (existsSync(join(dir, MANIFEST))) throw new Error(`备份目录 ${dir} 中已有备份，请换一个目录`)
  const createdAt = new Date().toISOString()
  let manifest: Manifest
  if (config.database.kind === 'sqlite') {
    const file = 'pingzhan.db'
    const source = new SqliteDatabase(config.database.path, { fileMustExist: true })
    try {
      // After the first step, copy every remaining page in one step: a step reads one snapshot (WAL lets
      // the server keep writing meanwhile), so a steady stream of writes from the server's connection
      // cannot restart the backup again and again.
      await source.backup(join(dir, file), { progress: () => 2_000_000_000 })
    } finally {
      source.close()
    }
    const copy = new SqliteDatabase(join(dir, file), { readonly: true })
    try {
      manifest = { format: 1, dialect: 'sqlite', createdAt, file, schema: null, ...sqliteCounts(copy) }
    } finally {
      copy.close()
    }
  } else {
    checkSchema(target.schema)
    const file = 'pingzhan.dump'
    const client = new pg.Client({ connectionString: config.database.url })
    await client.connect()
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      const snapshot =
        (await client.query<{ s: string }>('SELECT pg_export_snapshot() AS s')).rows[0]?.s ?? ''
      const schema = await currentSchema(client, target.schema)
      const counts = await pgCounts(client, schema)
      await run('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--snapshot=${snapshot}`,
        `--schema=${schema}`,
        `--file=${join(dir, file)}`,
        `--dbname=${config.database.url}`,
      ])
      await client.query('COMMIT')
      manifest = { format: 1, dialect: 'postgres', createdAt, file, schema, ...counts }
    } finally {
      await client.end()
    }
  }
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

export const readManifest = (dir: string): Manifest => {
  const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest
  if (m.format !== 1 || (m.dialect !== 'sqlite' && m.dialect !== 'postgres'))
    throw new Error('备份清单格式无法识别')
  return m
}

/**
 * Puts a backup back into the configured database, replacing what is there. The server must be
 * stopped (SQLite: the file is replaced; PostgreSQL: the schema's objects are dropped and recreated).
 */
export const restoreDatabase = async (
  config: Config,
  dir: string,
  target: PgTarget = {},
): Promise<Manifest> => {
  const manifest = readManifest(dir)
  if (manifest.dialect !== config.database.kind) {
    throw new Error(`该备份来自 ${manifest.dialect}，当前配置的数据库是 ${config.database.kind}`)
  }
  if (config.database.kind === 'sqlite') {
    const path = config.database.path
    for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
    copyFileSync(join(dir, manifest.file), path)
  } else {
    const schema = target.schema ?? manifest.schema ?? undefined
    checkSchema(schema)
    if (schema) {
      const client = new pg.Client({ connectionString: config.database.url })
      await client.connect()
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      } finally {
        await client.end()
      }
    }
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${config.database.url}`,
      join(dir, manifest.file),
    ])
  }
  return manifest
}

export interface VerifyReport {
  readonly ok: boolean
  readonly integrity: string
  readonly mismatches: ReadonlyArray<{ table: string; expected: number; actual: number | null }>
  readonly audit: { readonly ok: boolean; readonly checked: number; readonly brokenAt: number | null }
}

/** Checks the configured (restored) database against a backup's manifest: integrity, counts, audit chain. */
export const verifyBackup = async (
  config: Config,
  dir: string,
  target: PgTarget = {},
): Promise<VerifyReport> => {
  const manifest = readManifest(dir)
  const keys = deriveKeys(config.dataKey)
  let integrity: string
  let actual: { tables: Record<string, number> }
  let db: Kysely<Database>
  let close: () => Promise<void>
  if (config.database.kind === 'sqlite') {
    const raw = new SqliteDatabase(config.database.path, { fileMustExist: true })
    integrity = (raw.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ')
    actual = sqliteCounts(raw)
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })
    close = () => db.destroy()
  } else {
    const schema = target.schema ?? manifest.schema ?? undefined
    checkSchema(schema)
    const pool = new pg.Pool({ connectionString: config.database.url, max: 1 })
    if (schema) pool.on('connect', (c) => void c.query(`SET search_path TO "${schema}"`).catch(() => {}))
    const client = await pool.connect()
    try {
      const s = await currentSchema(client, schema)
      actual = await pgCounts(client, s)
      // every index of the schema is readable (a corrupt or invalid index would fail or show here)
      const invalid = (
        await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = $1 AND NOT i.indisvalid`,
          [s],
        )
      ).rows[0]?.n
      integrity = Number(invalid ?? 0) === 0 ? 'ok' : `${invalid} 个索引无效`
    } finally {
      client.release()
    }
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    close = () => db.destroy()
  }
  try {
    const mismatches = Object.entries(manifest.tables)
      .filter(([t, n]) => actual.tables[t] !== n)
      .map(([table, expected]) => ({ table, expected, actual: actual.tables[table] ?? null }))
    for (const t of Object.keys(actual.tables)) {
      if (!(t in manifest.tables))
        mismatches.push({ table: t, expected: 0, actual: actual.tables[t] ?? null })
    }
    const audit = await verifyAudit(db, keys)
    const chainOk = audit.ok && audit.checked === manifest.audit.rows
    const lastMac =
      manifest.audit.lastSeq === 0
        ? null
        : ((
            await sql<{
              mac: string
            }>`SELECT mac FROM audit_log WHERE seq = ${manifest.audit.lastSeq}`.execute(db)
          ).rows[0]?.mac ?? null)
    const auditOk = chainOk && lastMac === manifest.audit.lastMac
    return {
      ok: integrity === 'ok' && mismatches.length === 0 && auditOk,
      integrity,
      mismatches,
      audit: { ok: auditOk, checked: audit.checked, brokenAt: audit.brokenAt },
    }
  } finally {
    await close()
  }
}
