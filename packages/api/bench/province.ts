// Mixed province load (issue 15, PERFORMANCE.md "Mixed load at province scale"). A generated province —
// 20 counties' worth of the Yiyuan organisation, 100k supervisees, 1M tasks on SQLite and 5M on
// PostgreSQL, from the demo's `--scale` generator (seed/scale/scale.ts) — served by the real server
// (`src/main.ts` with the start script's node flags; `WORKERS=2` for two processes), with 500 staff
// sessions sending a realistic mix at a constant arrival rate (bench/province-load.ts) and one wartime
// activation a minute whose alert is timed at the phones holding the event stream. Reported: p50/p99
// and errors per procedure, the answers' bytes, server CPU per request and RSS per process, for 1
// process on SQLite and 1 and 2 processes on PostgreSQL; then, on the same server, the board page's
// saturating req/s next to row C′ (Fastify + tRPC sending the same bytes from memory), in the same run.
// The deadline sweep is off in the bench's servers (DEADLINE_SWEEP=0: it recomputes 100k cases and
// has its own bench). The VM is shared: figures are what this run saw, not the machine's capacity.
//
// Env: BENCH_DIALECTS (sqlite,postgres), BENCH_PG_WORKERS (1,2), BENCH_COUNTIES (20),
// BENCH_TASKS_SQLITE (1000000), BENCH_TASKS_PG (5000000), BENCH_SUPERVISEES (100000),
// BENCH_SESSIONS (500), BENCH_RATE (100 req/s), BENCH_SECONDS (120), BENCH_EFFICIENCY_SECONDS (10).
// Short run: BENCH_COUNTIES=2 BENCH_TASKS_SQLITE=50000 BENCH_TASKS_PG=50000 BENCH_SUPERVISEES=2000 BENCH_SECONDS=30
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { sql } from 'kysely'
import pg from 'pg'
import { startApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { randomToken, tokenHash } from '../src/crypto/keys.ts'
import { createSession } from '../src/repos/sessions.ts'
import { seedScale } from '../src/seed/scale/scale.ts'
import { newId } from '../src/shared.ts'
import type { BenchSession, Fixture, LoadResult } from './province-load.ts'

const here = dirname(fileURLToPath(import.meta.url))
const env = process.env
const DIALECTS = (env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',')
const PG_WORKERS = (env.BENCH_PG_WORKERS ?? '1,2').split(',').map(Number)
const COUNTIES = Number(env.BENCH_COUNTIES ?? 20)
const TASKS = {
  sqlite: Number(env.BENCH_TASKS_SQLITE ?? 1_000_000),
  postgres: Number(env.BENCH_TASKS_PG ?? 5_000_000),
}
const SUPERVISEES = Number(env.BENCH_SUPERVISEES ?? 100_000)
const SESSIONS = Number(env.BENCH_SESSIONS ?? 500)
const RATE = Number(env.BENCH_RATE ?? 100)
const SECONDS = Number(env.BENCH_SECONDS ?? 120)
const EFFICIENCY_SECONDS = Number(env.BENCH_EFFICIENCY_SECONDS ?? 10)
const PG_URL = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const TARGET_P99_MS = 100

/** The node flags of the API's start script (heap cap, young generation), so the server runs as deployed. */
const START_FLAGS = (
  (
    JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start.match(/\bnode ((?:--\S+ )*)/)?.[1] ?? ''
)
  .trim()
  .split(' ')
  .filter(Boolean)

const CLK = 100 // USER_HZ
const cpuMs = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK
  } catch {
    return 0
  }
}
const rssMb = (pid: number): number => {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
    return m ? Number(m[1]) / 1024 : 0
  } catch {
    return 0
  }
}
const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number)
  } catch {
    return []
  }
}

interface Dataset {
  readonly dialect: 'sqlite' | 'postgres'
  readonly env: Record<string, string>
  readonly fixture: string
  readonly loadSeconds: number
  readonly rows: Readonly<Record<string, number>>
  readonly cleanup: () => Promise<void>
}

const pgAdmin = async (statement: string) => {
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  await c.query(statement)
  await c.end()
}

/** Loads the province into a fresh database and signs in the staff sessions (written to a fixture file). */
const loadProvince = async (dialect: 'sqlite' | 'postgres'): Promise<Dataset> => {
  const dir = mkdtempSync(join(tmpdir(), 'pingzhan-bench-province-'))
  const serverEnv: Record<string, string> = {
    PINGZHAN_DEMO: '1',
    PINGZHAN_QUIET: '1',
    PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
    DEADLINE_SWEEP: '0',
    LOGIN_LIMIT_PER_IP: '100000',
  }
  let schema: string | null = null
  if (dialect === 'sqlite') serverEnv.SQLITE_PATH = join(dir, 'province.db')
  else {
    schema = `bench_province_${randomBytes(4).toString('hex')}`
    await pgAdmin(`CREATE SCHEMA ${schema}`)
    const u = new URL(PG_URL)
    u.searchParams.set('options', `-c search_path=${schema}`)
    serverEnv.DATABASE_URL = u.toString()
  }
  const cleanup = async () => {
    if (schema) await pgAdmin(`DROP SCHEMA ${schema} CASCADE`).catch((e: unknown) => console.error(e))
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const { deps, handle } = await startApp(loadConfig(serverEnv), schema ? { schema } : {})
    try {
      const t0 = performance.now()
      const report = await seedScale(deps, handle, {
        counties: COUNTIES,
        tasks: TASKS[dialect],
        supervisees: SUPERVISEES,
        log: (line) => console.log(`  [load] ${line}`),
      })
      const loadSeconds = (performance.now() - t0) / 1000
      if (dialect === 'postgres') await sql`ANALYZE`.execute(deps.db)
      else await sql`PRAGMA optimize`.execute(deps.db)
      // the staff: members of every county's squads, every director, the squad leaders, the brigade and
      // the bureau; 500 sessions in all, most of them phones
      const users = await deps.db
        .selectFrom('users')
        .select(['id', 'username', 'role', 'office_code', 'squad_code'])
        .where('disabled', '=', 0)
        .where('role', 'in', [
          'squadMember',
          'officeDirector',
          'squadLeader',
          'brigadeLeader',
          'bureauLeader',
        ])
        .orderBy('username')
        .execute()
      const shares: Record<string, number> = {
        officeDirector: 0.12,
        squadLeader: 0.06,
        brigadeLeader: 0.01,
        bureauLeader: 0.01,
      }
      const sessions: BenchSession[] = []
      const now = deps.clock()
      const limits = {
        idleMs: deps.config.sessionIdleMinutes * 60_000,
        absoluteMs: deps.config.sessionAbsoluteHours * 3_600_000,
      }
      const plan: Array<(typeof users)[number]> = []
      for (const role of Object.keys(shares)) {
        const of = users.filter((u) => u.role === role)
        const n = Math.max(1, Math.round(SESSIONS * (shares[role] ?? 0)))
        for (let i = 0; i < n && of.length > 0; i++) plan.push(of[i % of.length] as (typeof users)[number])
      }
      const memberUsers = users.filter((u) => u.role === 'squadMember')
      for (let i = 0; plan.length < SESSIONS && memberUsers.length > 0; i++)
        plan.push(memberUsers[i % memberUsers.length] as (typeof users)[number])
      for (const u of plan) {
        const token = randomToken()
        await createSession(deps.db, {
          id: newId(),
          tokenHash: tokenHash(token),
          userId: u.id,
          now,
          limits,
          ip: null,
        })
        let q = deps.db
          .selectFrom('tasks')
          .select('tasks.id')
          .where(sql<boolean>`tasks.status in ('open', 'in_progress')`)
        if (u.role === 'squadMember')
          q = q.where((eb) =>
            eb.exists(
              eb
                .selectFrom('task_assignees')
                .select('task_id')
                .whereRef('task_assignees.task_id', '=', 'tasks.id')
                .where('task_assignees.user_id', '=', u.id),
            ),
          )
        else if (u.role === 'officeDirector' && u.office_code)
          q = q.where('tasks.office_code', '=', u.office_code)
        else if (u.role === 'squadLeader' && u.squad_code) q = q.where('tasks.squad_code', '=', u.squad_code)
        const tasks = (await q.orderBy('tasks.due_at').limit(5).execute()).map((r) => r.id)
        sessions.push({
          token,
          userId: u.id,
          role: u.role,
          office: u.office_code,
          squad: u.squad_code,
          tasks,
        })
      }
      const fixture = join(dir, 'sessions.json')
      writeFileSync(fixture, JSON.stringify({ sessions } satisfies Fixture))
      return { dialect, env: serverEnv, fixture, loadSeconds, rows: report.rows, cleanup }
    } finally {
      await handle.destroy()
    }
  } catch (error) {
    await cleanup()
    throw error
  }
}

interface Server {
  readonly child: ChildProcess
  readonly port: number
  readonly pids: () => number[]
}

const startServer = async (data: Dataset, workers: number): Promise<Server> => {
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const child = spawn(process.execPath, [...START_FLAGS, join(here, '..', 'src', 'main.ts')], {
    env: { ...process.env, ...data.env, PORT: String(port), WORKERS: String(workers) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const pid = child.pid ?? 0
  const deadline = Date.now() + 120_000
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`)
      .then((r) => r.ok)
      .catch(() => false)
    if (ok && (workers === 1 || childrenOf(pid).length >= workers)) break
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('server did not start')
    await new Promise((r) => setTimeout(r, 250))
  }
  return { child, port, pids: () => [pid, ...(workers > 1 ? childrenOf(pid) : [])] }
}

const stopServer = (s: Server) =>
  new Promise<void>((resolve) => {
    s.child.once('exit', () => resolve())
    s.child.kill('SIGTERM')
    setTimeout(resolve, 10_000)
  })

const runLoad = (fixture: string, base: string) =>
  new Promise<LoadResult>((resolve, reject) => {
    const child = fork(join(here, 'province-load.ts'), [fixture, base, String(RATE), String(SECONDS)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    child.on('message', (m: { type: string; result: LoadResult }) => {
      if (m.type === 'result') resolve(m.result)
    })
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`))
    })
  })

const saturate = (req: {
  url: string
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}) => autocannon({ ...req, connections: 50, duration: EFFICIENCY_SECONDS })

/** The board page saturating on the real server, then C′: the same bytes from Fastify + tRPC's adapter. */
const efficiency = async (server: Server, fixture: Fixture) => {
  const leader = fixture.sessions.find((s) => s.role === 'squadLeader')
  if (!leader) return null
  const req = {
    url: `http://127.0.0.1:${server.port}/trpc/task.list`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', cookie: `pz_session=${leader.token}` },
    body: JSON.stringify({ status: 'unfinished', limit: 50 }),
  }
  const page = await (await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body })).text()
  // fetch would decode the answer: count the bytes on the wire with node:http
  const brotli = await new Promise<number>((resolve, reject) => {
    const r = http.request(
      req.url,
      { method: 'POST', headers: { ...req.headers, 'accept-encoding': 'br' } },
      (res) => {
        let n = 0
        res.on('data', (c: Buffer) => {
          n += c.length
        })
        res.on('end', () => resolve(n))
      },
    )
    r.on('error', reject)
    r.end(req.body)
  })
  await saturate(req)
  const board = await saturate(req)
  const cPrime = await new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    const child = fork(join(here, 'server.ts'), ['framework'], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    child.once('error', reject)
    child.on('message', (m: { type: string; port: number }) => {
      if (m.type === 'ready') resolve({ child, port: m.port })
    })
    child.send({ type: 'body', body: page })
  })
  const cReq = { url: `http://127.0.0.1:${cPrime.port}/trpc/fixed`, method: 'GET' as const }
  await saturate(cReq)
  const c = await saturate(cReq)
  cPrime.child.kill('SIGTERM')
  return {
    bytes: Buffer.byteLength(page),
    brotli,
    board: board.requests.average,
    boardErrors: board.errors + board.non2xx,
    cPrime: c.requests.average,
  }
}

const fmtMs = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—')

const runConfig = async (data: Dataset, workers: number) => {
  const label = `${data.dialect}, ${workers} process${workers > 1 ? 'es' : ''}`
  const server = await startServer(data, workers)
  const fixture = JSON.parse(readFileSync(data.fixture, 'utf8')) as Fixture
  try {
    const pids = server.pids()
    const cpu0 = pids.map(cpuMs)
    const rss: number[] = pids.map(() => 0)
    const sampler = setInterval(() => {
      pids.forEach((p, i) => {
        rss[i] = Math.max(rss[i] ?? 0, rssMb(p))
      })
    }, 1000)
    const result = await runLoad(data.fixture, `http://127.0.0.1:${server.port}`)
    clearInterval(sampler)
    const cpu = pids.map((p, i) => cpuMs(p) - (cpu0[i] ?? 0))
    const requests = result.procedures.reduce((n, p) => n + p.count, 0)
    const errors = result.procedures.reduce((n, p) => n + p.errors, 0)
    const cpuTotal = cpu.reduce((a, b) => a + b, 0)
    console.log(
      `\n[province] ${label}: ${requests.toLocaleString('en')} requests in ${result.seconds} s at ${RATE} req/s scheduled (${(requests / result.seconds).toFixed(1)} served/s), ${SESSIONS} sessions, errors ${errors}`,
    )
    console.log(
      `${'procedure'.padEnd(30)} ${'count'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'bytes'.padStart(7)} errors`,
    )
    for (const p of result.procedures) {
      const flag = p.p99 > TARGET_P99_MS ? `  (p99 over ${TARGET_P99_MS} ms)` : ''
      console.log(
        `${p.name.padEnd(30)} ${String(p.count).padStart(6)} ${fmtMs(p.p50).padStart(8)} ${fmtMs(p.p99).padStart(8)} ${fmtMs(p.max).padStart(8)} ${p.bytes.toFixed(0).padStart(7)} ${p.errors}${flag}${p.sampleError ? `  e.g. ${p.sampleError}` : ''}`,
      )
    }
    const a = result.alerts
    console.log(
      `wartime alerts: ${a.sent} activation(s), ${a.received} alert(s) received by ${a.clients} phones holding the stream (entitled ones only): p50 ${fmtMs(a.p50)} ms, p99 ${fmtMs(a.p99)} ms`,
    )
    console.log(
      `server CPU: ${cpuTotal.toFixed(0)} ms over the run = ${(cpuTotal / requests).toFixed(2)} ms per request (${cpu.map((c, i) => `pid ${pids[i]} ${c.toFixed(0)} ms`).join(', ')}); peak RSS ${rss.map((r, i) => `pid ${pids[i]} ${r.toFixed(0)} MB`).join(', ')}`,
    )
    const eff = await efficiency(server, fixture)
    if (eff) {
      console.log(
        `board page (squad leader, 未完成, 50 rows): ${eff.bytes.toLocaleString('en')} bytes (${eff.brotli.toLocaleString('en')} brotli); saturating ${eff.board.toFixed(0)} req/s (errors ${eff.boardErrors}) next to C′ ${eff.cPrime.toFixed(0)} req/s = ${(eff.board / eff.cPrime).toFixed(2)}× C′ (target ≥ 0.5×)`,
      )
    }
    return { label, cpuPerRequest: cpuTotal / requests, errors }
  } finally {
    await stopServer(server)
  }
}

const main = async () => {
  console.log(
    `[province] ${COUNTIES} counties' worth, ${SUPERVISEES.toLocaleString('en')} supervisees, tasks: SQLite ${TASKS.sqlite.toLocaleString('en')}, PostgreSQL ${TASKS.postgres.toLocaleString('en')}; ${SESSIONS} sessions, ${RATE} req/s for ${SECONDS} s; server flags ${START_FLAGS.join(' ')}; shared 2-core VM (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`,
  )
  const perRequest: Array<{ label: string; cpuPerRequest: number }> = []
  for (const dialect of DIALECTS as Array<'sqlite' | 'postgres'>) {
    const data = await loadProvince(dialect)
    console.log(
      `\n[province] ${dialect}: loaded in ${data.loadSeconds.toFixed(0)} s: ${Object.entries(data.rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(', ')}`,
    )
    try {
      for (const workers of dialect === 'sqlite' ? [1] : PG_WORKERS)
        perRequest.push(await runConfig(data, workers))
    } finally {
      await data.cleanup()
    }
  }
  const one = perRequest.find((r) => r.label === 'postgres, 1 process')
  const two = perRequest.find((r) => r.label === 'postgres, 2 processes')
  if (one && two) {
    const ratio = two.cpuPerRequest / one.cpuPerRequest
    console.log(
      `\n[province] PostgreSQL server CPU per request: 2 processes ${two.cpuPerRequest.toFixed(2)} ms, 1 process ${one.cpuPerRequest.toFixed(2)} ms = ${ratio.toFixed(2)}× (target within 10%: ${ratio <= 1.1 ? 'met' : 'not met'})`,
    )
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
