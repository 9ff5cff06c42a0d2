// Two real API server processes over one PostgreSQL schema (issue 15): `node src/main.ts` twice, each on
// its own port, with its own pool, LISTEN connection, session cache and memory, talked to over HTTP as
// the apps and phones do. An activation started through A reaches an event stream held open on B; a
// logout on A is refused on B within a second (and ends B's stream of that session); a kiosk limit
// counts the submissions sent to both. Then the same schema served by WORKERS=2 (node:cluster): both
// workers answer, report themselves and their bus on /health, and stop on SIGTERM.
// cluster.test.ts covers the same behaviour with two app instances in one OS process (and more cases);
// this file is the proof that nothing of it depends on sharing one.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '../src/seed/seed.ts'
import { dialects, idNumber } from './harness.ts'
import {
  type EventStream,
  getFresh,
  login,
  mutate,
  openEvents,
  query,
  type ServerProcess,
  startServer,
} from './server-process.ts'

const ci = process.env.CI === 'true' || process.env.CI === '1'
const postgres = dialects.includes('postgres')
if (!postgres) {
  // under CI a missing PostgreSQL is a failure (harness.ts throws when it is unreachable; here it is unset)
  if (ci) throw new Error('processes.test.ts: CI without DATABASE_URL — the two-process tests cannot run')
  console.warn('processes.test.ts: PostgreSQL not available, the two-process tests are skipped')
}

const START = {
  dutyCode: 'office.wartime.3',
  reason: '双进程测试：宅基地群体性纠纷',
  place: '南麻街道某村委会',
  expectedMinutes: 120,
  peopleNeeded: 4,
}

interface Health {
  readonly status: string
  readonly process: { readonly pid: number; readonly worker: number | null }
  readonly bus: { readonly kind: string; readonly connected: boolean }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `check` every 10 ms until it holds; returns the ms it took, or throws after `limitMs`. */
const within = async (limitMs: number, check: () => boolean | Promise<boolean>): Promise<number> => {
  const started = performance.now()
  for (;;) {
    if (await check()) return performance.now() - started
    if (performance.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`)
    await sleep(10)
  }
}

const submission = (i: number) => ({
  applicantName: `双进程${i}`,
  phone: '13800138000',
  idNumber: idNumber('19800101', String(100 + i)),
  summary: `第 ${i} 份申请：两个服务进程共用一个限额。`,
  otherParty: '李四',
  consent: true,
})

describe.skipIf(!postgres)('two API server processes over one PostgreSQL schema', () => {
  const schema = `procs_${randomBytes(5).toString('hex')}`
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://invalid')
  url.searchParams.set('options', `-c search_path=${schema}`)
  const env: Record<string, string> = {
    DATABASE_URL: url.toString(),
    PINGZHAN_DEMO: '1',
    PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
    DEADLINE_SWEEP: '0',
    KIOSK_LIMIT_PER_DEVICE: '6',
    KIOSK_LIMIT_PER_IP: '1000',
    LOGIN_LIMIT_PER_IP: '1000',
    WORKERS: '1',
  }
  let a: ServerProcess | null = null
  let b: ServerProcess | null = null
  const streams: EventStream[] = []

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await client.connect()
    await client.query(`CREATE SCHEMA ${schema}`)
    await client.end()
    // A migrates and seeds the empty schema; B starts on what A left (as a second machine would)
    a = await startServer(env)
    b = await startServer(env)
  }, 120_000)

  afterAll(async () => {
    for (const s of streams) s.close()
    await Promise.all([a?.stop(), b?.stop()])
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
  }, 60_000)

  it('are two processes, each listening on the bus', async () => {
    const healthA = (await (await fetch(`${a?.base}/health`)).json()) as Health
    const healthB = (await (await fetch(`${b?.base}/health`)).json()) as Health
    expect(healthA).toMatchObject({
      status: 'ok',
      database: 'postgres',
      bus: { kind: 'postgres', connected: true },
    })
    expect(healthB).toMatchObject({
      status: 'ok',
      database: 'postgres',
      bus: { kind: 'postgres', connected: true },
    })
    expect(healthA.process.pid).not.toBe(healthB.process.pid)
    expect(healthA.process.pid).toBe(a?.child.pid)
    expect(healthB.process.pid).toBe(b?.child.pid)
  })

  it('an activation started through A reaches an event stream held open on B, once', async () => {
    const A = a?.base ?? ''
    const B = b?.base ?? ''
    const staff = await login(B, 'staff-lucun-1', DEMO_PASSWORD)
    const events = await openEvents(B, staff)
    streams.push(events)
    await within(2000, () => events.events.includes('connected'))
    const director = await login(A, 'dir-nanma', DEMO_PASSWORD)
    const started = await mutate(A, 'activation.start', START, director)
    expect(started.status).toBe(200)
    const id = (started.data as { id: string }).id
    const ms = await within(1000, () => events.messages.length > 0)
    expect(events.messages[0]).toMatchObject({ activationId: id, kind: 'ActivationStarted', area: 'lucun' })
    await sleep(200)
    expect(events.messages).toHaveLength(1)
    console.log(`[processes] activation started on A reached B's stream in ${Math.round(ms)} ms`)
    await mutate(A, 'activation.standDown', { id, summary: '测试结束收队' }, director)
  })

  it('a logout on A is refused on B within a second, and ends B’s stream of that session', async () => {
    const A = a?.base ?? ''
    const B = b?.base ?? ''
    const cookie = await login(A, 'staff-lucun-2', DEMO_PASSWORD)
    // B answers from its session cache from now on; only the bus can tell it about the logout
    expect((await query(B, 'auth.me', undefined, cookie)).data).toMatchObject({ username: 'staff-lucun-2' })
    expect((await query(B, 'auth.me', undefined, cookie)).data).toMatchObject({ username: 'staff-lucun-2' })
    const events = await openEvents(B, cookie)
    streams.push(events)
    await within(2000, () => events.events.includes('connected'))
    expect((await mutate(A, 'auth.logout', {}, cookie)).status).toBe(200)
    const refusedMs = await within(
      1000,
      async () => (await query(B, 'auth.me', undefined, cookie)).data === null,
    )
    expect((await query(B, 'task.list', { mine: true }, cookie)).code).toBe('UNAUTHORIZED')
    await within(1000, () => events.ended())
    expect(events.events).toContain('serialized-error')
    console.log(`[processes] logout on A refused on B after ${Math.round(refusedMs)} ms`)
  })

  it('a kiosk limit counts the submissions sent to both processes', async () => {
    const A = a?.base ?? ''
    const B = b?.base ?? ''
    const admin = await login(A, 'admin', DEMO_PASSWORD)
    const reg = await mutate(A, 'device.register', { officeCode: 'dongli', label: '双进程测试终端' }, admin)
    const code = (reg.data as { activationCode: string }).activationCode
    const bound = await mutate(A, 'kiosk.bind', { code })
    const kiosk = bound.cookie ?? ''
    expect(kiosk).toMatch(/^pz_kiosk=/)
    for (let i = 0; i < 3; i++) {
      expect((await mutate(A, 'kiosk.submitMediation', submission(2 * i), kiosk)).status).toBe(200)
      expect((await mutate(B, 'kiosk.submitMediation', submission(2 * i + 1), kiosk)).status).toBe(200)
    }
    // six in all, three on each: a per-process count would still allow three more on each
    expect((await mutate(A, 'kiosk.submitMediation', submission(6), kiosk)).code).toBe('TOO_MANY_REQUESTS')
    expect((await mutate(B, 'kiosk.submitMediation', submission(7), kiosk)).code).toBe('TOO_MANY_REQUESTS')
  })

  it('WORKERS=2 serves the same schema from two workers, and stops on SIGTERM', async () => {
    await Promise.all([a?.stop(), b?.stop()])
    a = null
    b = null
    const cluster = await startServer({ ...env, WORKERS: '2' })
    try {
      const seen = new Map<number, Health>()
      await within(10_000, async () => {
        const res = await getFresh(`${cluster.base}/health`)
        expect(res.status).toBe(200)
        const health = JSON.parse(res.body) as Health
        seen.set(health.process.pid, health)
        return seen.size === 2
      })
      for (const [pid, health] of seen) {
        expect(pid).not.toBe(cluster.child.pid) // the primary forks; it serves nothing itself
        expect(health).toMatchObject({ status: 'ok', bus: { kind: 'postgres', connected: true } })
        expect(health.process.worker).toEqual(expect.any(Number))
      }
      // a session made through one worker is good on the other (fresh connections go round the workers)
      const cookie = await login(cluster.base, 'staff-lucun-3', DEMO_PASSWORD)
      for (let i = 0; i < 4; i++) {
        const me = await getFresh(`${cluster.base}/trpc/auth.me`, {
          cookie,
          origin: cluster.base,
          'x-pingzhan-csrf': '1',
        })
        expect(JSON.parse(me.body)).toMatchObject({ result: { data: { username: 'staff-lucun-3' } } })
      }
    } finally {
      expect(await cluster.stop()).toBe(0)
    }
  }, 60_000)
})
