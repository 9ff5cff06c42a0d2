// Child process of bench/run.ts and bench/peacetime.ts: the real server over a seeded database
// ('trpc'); a bare node:http server answering a fixed JSON body ('bare', PERFORMANCE.md row A); or
// Fastify with the tRPC adapter answering a fixed body from one procedure and nothing else
// ('framework', row C: what the framework alone costs, without sessions, headers or a query).
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CURRENT_CATALOG_VERSION, yiyuanOrgConfig } from '@pingzhan/domain'
import { initTRPC } from '@trpc/server'
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify'
import Fastify from 'fastify'
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

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000)

const runTrpc = async (): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'pingzhan-bench-'))
  const config = loadConfig({
    PINGZHAN_DEMO: '1',
    PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
    SQLITE_PATH: join(dir, 'bench.db'),
    PINGZHAN_QUIET: '1',
  })
  const { deps, handle } = await startApp(config)
  const admin = await deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow()
  const raw = handle.sqlite
  if (!raw) throw new Error('bench expects SQLite')

  // Fast load: one prepared statement, one transaction.
  const t0 = performance.now()
  const insert = raw.prepare(
    `INSERT INTO tasks (id, title, description, duty_version, duty_code, unit_code, office_code, squad_code,
      status, priority, due_at, source, source_id, created_by, created_at, started_at, completed_at,
      completed_by, completion_note, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'normal', ?, 'manual', NULL, ?, ?, NULL, NULL, NULL, NULL, 1)`,
  )
  const offices = yiyuanOrgConfig.offices
  const areaOf = new Map(yiyuanOrgConfig.squads.flatMap((s) => s.towns.map((t) => [t, s.code] as const)))
  const base = Date.parse('2026-12-01T00:00:00Z')
  const statuses = ['open', 'open', 'open', 'in_progress', 'done'] as const
  raw.transaction(() => {
    for (let i = 0; i < TASKS; i++) {
      const office = offices[i % offices.length]
      if (!office) continue
      const at = new Date(base - 86_400_000).toISOString()
      insert.run(
        newId(),
        `基准测试任务 ${i}`,
        `第 ${i} 项：指导辖区调解工作，参与调处矛盾纠纷。`.repeat(3),
        CURRENT_CATALOG_VERSION,
        'office.peacetime.2',
        office.code,
        office.code,
        areaOf.get(office.town) ?? 'lucun',
        statuses[i % statuses.length],
        new Date(base + (i % 500) * 3_600_000).toISOString(),
        admin.id,
        at,
      )
    }
  })()
  raw.pragma('optimize')
  const loadMs = performance.now() - t0

  const user = await deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'lead-lucun')
    .executeTakeFirstOrThrow()
  const token = randomToken()
  await createSession(deps.db, {
    id: newId(),
    tokenHash: tokenHash(token),
    userId: user.id,
    now: new Date(),
    limits: { idleMs: 3_600_000, absoluteMs: 12 * 3_600_000 },
    ip: null,
  })
  const server = await buildServer(deps, { logger: false })
  await server.listen({ host: '127.0.0.1', port: 0 })
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  send({ type: 'ready', port, cookie: `pz_session=${token}`, loadMs, tasks: TASKS })
}

const runBare = (body: string): void => {
  const data: unknown = JSON.parse(body)
  const server = createServer((_req, res) => {
    // Serialise per request, as the real server does (PERFORMANCE.md row A).
    const payload = JSON.stringify(data)
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) })
    res.end(payload)
  })
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
  })
}

/** Row C: the tRPC answer `{ result: { data } }` of a procedure returning the body's data. */
const runFramework = async (body: string): Promise<void> => {
  const data: unknown = (JSON.parse(body) as { result: { data: unknown } }).result.data
  const t = initTRPC.create()
  const router = t.router({ fixed: t.procedure.query(() => data) })
  const app = Fastify()
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions: { router } })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
}

if (process.argv[2] === 'bare') {
  process.once('message', (m: { type: string; body: string }) => runBare(m.body))
} else if (process.argv[2] === 'framework') {
  process.once('message', (m: { type: string; body: string }) => {
    runFramework(m.body).catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
  })
} else {
  runTrpc().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
