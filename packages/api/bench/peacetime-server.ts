// Child of bench/peacetime.ts (issue 4): the real server over a database seeded with N tasks (and one
// assignee each), on SQLite or on a fresh PostgreSQL schema. Rows are generated inside the database
// (recursive CTE / generate_series) so 1M rows load in seconds, with the migrations' indexes present.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CURRENT_CATALOG_VERSION, yiyuanOrgConfig } from '@pingzhan/domain'
import { sql } from 'kysely'
import pg from 'pg'
import { startApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { randomToken, tokenHash } from '../src/crypto/keys.ts'
import { createSession } from '../src/repos/sessions.ts'
import { buildServer } from '../src/server.ts'
import { newId } from '../src/shared.ts'

const send = (message: unknown) => process.send?.(message)
process.on('message', (m: { type: string }) => {
  if (m.type === 'rss') send({ type: 'rss', rss: process.memoryUsage().rss })
})

const [, , dialect = 'sqlite', sizeArg = '10000'] = process.argv
const N = Number(sizeArg)
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingzhan-bench-board-'))
  const env: Record<string, string> = {
    PINGZHAN_DEMO: '1',
    PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
    PINGZHAN_QUIET: '1',
    SQLITE_PATH: join(dir, 'bench.db'),
  }
  let schema: string | undefined
  let destroy: (() => Promise<void>) | undefined
  if (dialect === 'postgres') {
    env.DATABASE_URL = databaseUrl
    schema = `bench_${randomBytes(5).toString('hex')}`
    const c = new pg.Client({ connectionString: databaseUrl })
    await c.connect()
    await c.query(`CREATE SCHEMA ${schema}`)
    await c.end()
    process.on('SIGTERM', async () => {
      const d = new pg.Client({ connectionString: databaseUrl })
      await d.connect()
      // close the server's pool first: a DROP while its connections hold locks can deadlock
      await destroy?.().catch(() => {})
      await d.query(`DROP SCHEMA ${schema} CASCADE`)
      await d.end()
      rmSync(dir, { recursive: true, force: true })
      process.exit(0)
    })
  }
  // exit normally on SIGTERM (so --cpu-prof writes its profile) and leave no database behind: the
  // SQLite file of 1M tasks is a few hundred MB; PostgreSQL drops its schema above
  if (schema === undefined) {
    process.on('SIGTERM', async () => {
      await destroy?.().catch(() => {})
      rmSync(dir, { recursive: true, force: true })
      process.exit(0)
    })
  }
  const { deps, handle } = await startApp(loadConfig(env), schema ? { schema } : {})
  destroy = handle.destroy
  const db = deps.db
  const idOf = async (username: string) =>
    (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
  const admin = await idOf('admin')
  // one assignee per task: the area's first squad member
  const staff = await Promise.all(['staff-lucun-1', 'staff-xili-1', 'staff-shiqiao-1'].map(idOf))
  const areaOf = new Map(yiyuanOrgConfig.squads.flatMap((s) => s.towns.map((t) => [t, s.code] as const)))
  const offices = yiyuanOrgConfig.offices.map((o) => ({ code: o.code, area: areaOf.get(o.town) ?? 'lucun' }))
  const areaIndex = (a: string) => ['lucun', 'xili', 'shiqiao'].indexOf(a)
  // office i % 12; area of that office; duty cycles over office items ①–⑥
  const officeCase = sql.raw(
    `CASE (i % 12) ${offices.map((o, k) => `WHEN ${k} THEN '${o.code}'`).join(' ')} END`,
  )
  const areaCase = sql.raw(
    `CASE (i % 12) ${offices.map((o, k) => `WHEN ${k} THEN '${o.area}'`).join(' ')} END`,
  )
  const staffCase = sql.raw(
    `CASE (i % 12) ${offices.map((o, k) => `WHEN ${k} THEN '${staff[areaIndex(o.area)]}'`).join(' ')} END`,
  )
  const t0 = performance.now()
  const series =
    dialect === 'postgres'
      ? sql`SELECT g AS i FROM generate_series(0, ${N - 1}) AS g`
      : sql`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${N - 1}) SELECT i FROM s`
  const base = '2026-12-01T00:00:00.000Z'
  const due =
    dialect === 'postgres'
      ? sql.raw(
          `to_char((TIMESTAMPTZ '${base}' + ((i % 500) || ' hours')::interval) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
        )
      : sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', '${base}', '+' || (i % 500) || ' hours')`)
  await sql`
    INSERT INTO tasks (id, title, description, duty_version, duty_code, unit_code, office_code, squad_code,
      status, priority, due_at, source, source_id, created_by, created_at, version)
    SELECT 'bench-' || i, '基准测试任务 ' || i, '第 ' || i || ' 项：参与调处矛盾纠纷，开展法治宣传教育。',
      ${CURRENT_CATALOG_VERSION}, 'office.peacetime.' || ((i / 12) % 6 + 1), ${officeCase}, ${officeCase}, ${areaCase},
      CASE (i % 5) WHEN 3 THEN 'in_progress' WHEN 4 THEN 'done' ELSE 'open' END, 'normal', ${due}, 'manual', NULL,
      ${admin}, '2026-11-25T00:00:00.000Z', 1
    FROM (${series}) AS s`.execute(db)
  await sql`
    INSERT INTO task_assignees (task_id, user_id, assigned_at, assigned_by)
    SELECT 'bench-' || i, ${staffCase}, '2026-11-25T00:00:00.000Z', ${admin} FROM (${series}) AS s`.execute(
    db,
  )
  if (dialect === 'postgres') await sql`ANALYZE`.execute(db)
  else await sql`PRAGMA optimize`.execute(db)
  const loadMs = performance.now() - t0

  const token = randomToken()
  await createSession(db, {
    id: newId(),
    tokenHash: tokenHash(token),
    userId: await idOf('lead-lucun'),
    now: new Date(),
    limits: { idleMs: 3_600_000, absoluteMs: 12 * 3_600_000 },
    ip: null,
  })
  const server = await buildServer(deps, { logger: false })
  await server.listen({ host: '127.0.0.1', port: 0 })
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  send({ type: 'ready', port, cookie: `pz_session=${token}`, loadMs, tasks: N })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
