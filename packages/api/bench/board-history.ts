// Issue 4: the board at province scale with years of history. 1M tasks whose due dates spread over
// five years: everything due before last month is done (94%), the rest open or in progress — the shape
// a real deployment grows into, where the peacetime bench's even mix of statuses hides how a filter
// for the few unfinished tasks behaves. For each board filter: the time of one page (50 rows, median
// of 5) through the real repository query, and the roll-up by unit and duty, on SQLite and PostgreSQL.
// Env: BENCH_HISTORY_SIZE (1000000), BENCH_DIALECTS ('sqlite,postgres'), DATABASE_URL.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RecordScope } from '@pingzhan/domain'
import { CURRENT_CATALOG_VERSION } from '@pingzhan/domain'
import { sql } from 'kysely'
import pg from 'pg'
import { startApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import type { Dialect } from '../src/db/database.ts'
import { type BoardFilter, listTasks } from '../src/repos/tasks.ts'
import type { User } from '../src/repos/users.ts'
import { rollupTasks } from '../src/services/task-work.ts'
import type { Context } from '../src/trpc/context.ts'

const N = Number(process.env.BENCH_HISTORY_SIZE ?? 1_000_000)
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Dialect[]
const PG_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
/** A page is expected well inside this; more means the query walks history instead of an index. */
const PAGE_TARGET_MS = 10

const run = async (dialect: Dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'pingzhan-bench-history-'))
  const env: Record<string, string> = {
    PINGZHAN_DEMO: '1',
    PINGZHAN_QUIET: '1',
    PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
    SQLITE_PATH: join(dir, 'history.db'),
  }
  let schema: string | undefined
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: PG_URL })
    await c.connect()
    await c.query(statement)
    await c.end()
  }
  if (dialect === 'postgres') {
    env.DATABASE_URL = PG_URL
    schema = `bench_history_${randomBytes(4).toString('hex')}`
    await admin(`CREATE SCHEMA ${schema}`)
  }
  const { deps, handle } = await startApp(loadConfig(env), schema ? { schema } : {})
  try {
    const db = deps.db
    const idOf = async (username: string) =>
      (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
        .id
    const creator = await idOf('admin')
    // the four members of the 鲁村 squad share its tasks in turn
    const members = await Promise.all([1, 2, 3, 4].map((n) => idOf(`staff-lucun-${n}`)))
    const staff = members[0] ?? ''
    const series =
      dialect === 'postgres'
        ? sql`SELECT g AS i FROM generate_series(0, ${N - 1}) AS g`
        : sql`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${N - 1}) SELECT i FROM s`
    // due dates over 2022-01-01 … 2027-02-03; squads and offices in turn; office duties ①–⑥ in turn
    const due =
      dialect === 'postgres'
        ? sql.raw(
            `to_char((TIMESTAMPTZ '2022-01-01' + ((i * 157) % 1860 || ' days')::interval) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
          )
        : sql.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', '2022-01-01', '+' || ((i * 157) % 1860) || ' days')`)
    const t0 = performance.now()
    await sql`
      INSERT INTO tasks (id, title, description, duty_version, duty_code, unit_code, office_code, squad_code,
        status, priority, due_at, source, source_id, created_by, created_at, version)
      SELECT 'h-' || i, '历史任务 ' || i, '', ${CURRENT_CATALOG_VERSION}, 'office.peacetime.' || ((i / 3) % 6 + 1),
        CASE (i % 3) WHEN 0 THEN 'nanma' WHEN 1 THEN 'xili' ELSE 'shiqiao' END,
        CASE (i % 3) WHEN 0 THEN 'nanma' WHEN 1 THEN 'xili' ELSE 'shiqiao' END,
        CASE (i % 3) WHEN 0 THEN 'lucun' WHEN 1 THEN 'xili' ELSE 'shiqiao' END,
        'done', 'normal', ${due}, 'manual', NULL, ${creator}, '2021-12-01T00:00:00.000Z', 1
      FROM (${series}) AS s`.execute(db)
    await sql`UPDATE tasks SET status = CASE WHEN length(id) % 2 = 0 THEN 'open' ELSE 'in_progress' END
      WHERE id LIKE 'h-%' AND due_at > '2026-11-01'`.execute(db)
    await sql`INSERT INTO task_assignees (task_id, user_id, assigned_at, assigned_by)
      SELECT id, ${staff}, created_at, ${creator} FROM tasks WHERE id LIKE 'h-%' AND squad_code = 'lucun'`.execute(
      db,
    )
    if (dialect === 'postgres') await sql`ANALYZE`.execute(db)
    else await sql`PRAGMA optimize`.execute(db)
    const shares = await db
      .selectFrom('tasks')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .orderBy('status')
      .execute()
    console.log(
      `\n[history] ${dialect}, ${N.toLocaleString('en')} tasks loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${shares.map((r) => `${r.status} ${Number(r.n).toLocaleString('en')}`).join(', ')}`,
    )

    const page = async (
      name: string,
      scope: Exclude<RecordScope, { kind: 'none' }>,
      filter: Omit<BoardFilter, 'limit'>,
    ) => {
      await listTasks(db, dialect, scope, { ...filter, limit: 50 })
      const times: number[] = []
      let rows = 0
      for (let i = 0; i < 5; i++) {
        const t = performance.now()
        rows = (await listTasks(db, dialect, scope, { ...filter, limit: 50 })).length
        times.push(performance.now() - t)
      }
      const ms = times.sort((a, b) => a - b)[2] ?? Number.NaN
      console.log(
        `${name.padEnd(46)} ${ms.toFixed(1).padStart(7)} ms  ${String(rows).padStart(2)} rows  ${ms <= PAGE_TARGET_MS ? 'OK' : `SLOW (target ≤ ${PAGE_TARGET_MS} ms)`}`,
      )
    }
    const area = { kind: 'area', squad: 'lucun' } as const
    const office = { kind: 'office', office: 'nanma' } as const
    const county = { kind: 'all' } as const
    const now = '2026-12-05T00:00:00.000Z'
    await page('squad leader: all statuses', area, {})
    await page('squad leader: 未完成', area, { status: 'unfinished' })
    await page('squad leader: 待办 + duty ②', area, { status: 'open', dutyCode: 'office.peacetime.2' })
    await page('squad leader: 已取消 (none)', area, { status: 'cancelled' })
    await page('squad leader: 已办结', area, { status: 'done' })
    await page('director: 未完成', office, { status: 'unfinished' })
    await page('director: overdue', office, { overdueAt: now })
    await page('staff member (phone): mine, 未完成', area, { status: 'unfinished', assigneeId: staff })
    await page('staff member (phone): mine, 已完成', area, { status: 'done', assigneeId: staff })
    await page('staff member (phone): mine, 全部', area, { assigneeId: staff })
    await page('bureau: 未完成', county, { status: 'unfinished' })
    await page('bureau: 已取消 (none)', county, { status: 'cancelled' })
    await page('bureau: one person, 全部', county, { assigneeId: staff })
    for (const [name, user] of [
      ['roll-up, bureau (whole county)', { role: 'bureauAdmin' }],
      ['roll-up, squad leader (one area)', { role: 'squadLeader', squadCode: 'lucun' }],
    ] as const) {
      const t = performance.now()
      const rows = await rollupTasks(
        { deps } as unknown as Context,
        { id: 'bench', ...user } as unknown as User,
      )
      console.log(
        `${name.padEnd(46)} ${(performance.now() - t).toFixed(1).padStart(7)} ms  ${rows.length} rows (informative)`,
      )
    }
  } finally {
    await handle.destroy()
    rmSync(dir, { recursive: true, force: true })
    if (schema) await admin(`DROP SCHEMA ${schema} CASCADE`)
  }
}

for (const dialect of DIALECTS) await run(dialect)
