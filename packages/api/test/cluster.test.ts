// Two API processes over one PostgreSQL (issue 15): app A and its peer B have separate pools, LISTEN
// clients, session caches and rate limiters, as two WORKERS processes or two machines do. What one
// process does must be seen by the other: an activation started on A reaches B's subscribers, a
// logout on A is refused on B within a second and ends B's event streams, a kiosk limit counts the
// submissions of both. SQLite is one process: its bus is in process and the rate counters are in the
// database too (the kiosk suite covers the limits there).
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { busOf } from '../src/realtime/activation-bus.ts'
import { channelFor, NOTIFY_MAX_BYTES, PgBus } from '../src/realtime/cluster-bus.ts'
import { sweeperOf } from '../src/realtime/session-sweep.ts'
import { endSessions } from '../src/services/session-end.ts'
import {
  type Agent,
  agent,
  boundKiosk,
  dialects,
  mediation,
  outcome,
  setupApp,
  setupPeer,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'

const START = {
  dutyCode: 'office.wartime.3',
  reason: '跨进程测试：宅基地群体性纠纷',
  place: '南麻街道某村委会',
  expectedMinutes: 120,
  peopleNeeded: 4,
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `check` every 10 ms until it holds; returns the ms it took, or throws after `limitMs`. */
const within = async (limitMs: number, check: () => Promise<boolean>): Promise<number> => {
  const started = performance.now()
  for (;;) {
    if (await check()) return performance.now() - started
    if (performance.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`)
    await sleep(10)
  }
}

/** The same browser (cookie jar) talking to the other process. */
const sameBrowserOn = (app: TestApp, browser: Agent, options: { ip?: string } = {}): Agent => {
  const other = agent(app, options)
  Object.assign(other.jar, browser.jar)
  return other
}

const clearArea = async (app: TestApp) => {
  const brigade = await signedIn(app, 'brigade')
  const areas = await brigade.call.activation.overview()
  for (const act of areas.find((x) => x.area === 'lucun')?.activations ?? []) {
    if (act.stage === 'mobilising' || act.stage === 'active') {
      await brigade.call.activation.standDown({ id: act.id, summary: '测试前收队' })
    }
  }
}

const postgres = dialects.includes('postgres')
if (!postgres) {
  // under CI a missing PostgreSQL is a failure (harness.ts throws when it is unreachable; here it is unset)
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error('cluster.test.ts: CI without DATABASE_URL — the two-process tests cannot run')
  }
  console.warn('cluster.test.ts: PostgreSQL not available, the two-process tests are skipped')
}

describe.skipIf(!postgres)('two API processes over one PostgreSQL', () => {
  let a: TestApp
  let b: TestApp

  beforeAll(async () => {
    a = await setupApp('postgres', {
      env: { KIOSK_LIMIT_PER_DEVICE: '6', KIOSK_LIMIT_PER_IP: '100', LOGIN_LIMIT_PER_IP: '4' },
    })
    b = await setupPeer(a)
  })
  afterAll(async () => {
    await b?.close()
    await a?.close()
  })

  it('both processes listen on the schema’s channel', () => {
    expect(a.deps.bus.state).toEqual({ kind: 'postgres', connected: true, reconnects: 0, recovered: 0 })
    expect(b.deps.bus.state).toEqual({ kind: 'postgres', connected: true, reconnects: 0, recovered: 0 })
    expect(a.deps.bus.origin).not.toBe(b.deps.bus.origin)
  })

  it('processes serving another schema of the same database hear nothing of this one', async () => {
    const url = a.deps.config.database.kind === 'postgres' ? a.deps.config.database.url : ''
    const other = new PgBus({ url, schema: `${a.schema}_x`, db: a.deps.db })
    await other.ready()
    try {
      expect(other.channel).not.toBe((a.deps.bus as PgBus).channel)
      const heard: unknown[] = []
      const off = other.subscribe('activation', (m) => heard.push(m))
      const onB: unknown[] = []
      const offB = b.deps.bus.subscribe('activation', (m) => onB.push(m))
      await a.deps.bus.publish('activation', { probe: 'schema' })
      await within(1000, async () => onB.length > 0)
      await sleep(200)
      expect(heard).toEqual([])
      off()
      offB()
    } finally {
      await other.close()
    }
    // names that do not fit a channel identifier as they are get a hash, never a cut that could collide
    const long = 'a'.repeat(60)
    expect(channelFor(`${long}1`)).not.toBe(channelFor(`${long}2`))
    expect(channelFor('Tenant')).not.toBe(channelFor('tenant'))
    expect(channelFor(`${long}1`).length).toBeLessThanOrEqual(63)
  })

  it('an activation started through A reaches a subscriber on B, once', async () => {
    await clearArea(a)
    const director = await signedIn(a, 'dir-nanma')
    const staffOnB = await signedIn(b, 'staff-lucun-1')
    const stream = (await staffOnB.call.activation.events())[Symbol.asyncIterator]()
    const next = stream.next()
    const seenOnB: string[] = []
    const off = busOf(b.deps).subscribe((s) => seenOnB.push(s.kind))
    await within(1000, async () => busOf(b.deps).size >= 2)
    const { id } = await director.call.activation.start(START)
    const got = await Promise.race([next, sleep(1000).then(() => null)])
    expect(got?.value).toMatchObject({ activationId: id, kind: 'ActivationStarted', area: 'lucun' })
    await sleep(100)
    expect(seenOnB).toEqual(['ActivationStarted'])
    off()
    await stream.return?.()
  })

  it('a logout on A is refused on B within a second, and ends B’s event stream', async () => {
    const onA = await signedIn(a, 'staff-lucun-2')
    const onB = sameBrowserOn(b, onA)
    expect((await onB.call.auth.me())?.username).toBe('staff-lucun-2')
    // B now holds the session in its cache; without the bus it would keep answering from it
    expect(b.deps.sessions.size).toBeGreaterThan(0)
    const stream = (await onB.call.activation.events())[Symbol.asyncIterator]()
    const ended = stream.next().then(
      () => 'value',
      (e: { code?: string }) => e.code,
    )
    await within(1000, async () => sweeperOf(b.deps).size > 0)
    await onA.call.auth.logout()
    const ms = await within(1000, async () => (await onB.call.auth.me()) === null)
    expect(ms).toBeLessThan(1000)
    expect(await Promise.race([ended, sleep(1000).then(() => 'still open')])).toBe('UNAUTHORIZED')
    expect(await outcome(onB.call.task.list({ mine: true }))).toBe('UNAUTHORIZED')
  })

  it('ending all of a user’s sessions on B evicts them on A (the entry point other features call)', async () => {
    const first = await signedIn(a, 'staff-lucun-3')
    const second = await signedIn(a, 'staff-lucun-3')
    expect((await first.call.auth.me())?.username).toBe('staff-lucun-3')
    expect((await second.call.auth.me())?.username).toBe('staff-lucun-3')
    const uid = await userId(a, 'staff-lucun-3')
    const ended = await b.deps.db.transaction().execute((trx) => endSessions(b.deps, trx, { userId: uid }))
    expect(ended).toHaveLength(2)
    await within(
      1000,
      async () => (await first.call.auth.me()) === null && (await second.call.auth.me()) === null,
    )
  })

  it('a rolled-back end of sessions tells nobody', async () => {
    const onA = await signedIn(a, 'staff-lucun-4')
    const onB = sameBrowserOn(b, onA)
    expect((await onB.call.auth.me())?.username).toBe('staff-lucun-4')
    const uid = await userId(a, 'staff-lucun-4')
    await a.deps.db
      .transaction()
      .execute(async (trx) => {
        await endSessions(a.deps, trx, { userId: uid })
        throw new Error('rolled back')
      })
      .catch(() => {})
    await sleep(200)
    expect((await onB.call.auth.me())?.username).toBe('staff-lucun-4')
    expect((await onA.call.auth.me())?.username).toBe('staff-lucun-4')
  })

  it('a kiosk limit counts the submissions of both processes', async () => {
    const kioskOnA = await boundKiosk(a, 'dongli', { ip: '10.9.0.1' })
    const kioskOnB = sameBrowserOn(b, kioskOnA, { ip: '10.9.0.1' })
    for (let i = 0; i < 3; i++) {
      await kioskOnA.call.kiosk.submitMediation(mediation())
      await kioskOnB.call.kiosk.submitMediation(mediation())
    }
    // six in all: each process alone has seen three, under its limit of six
    expect(await outcome(kioskOnA.call.kiosk.submitMediation(mediation()))).toBe('TOO_MANY_REQUESTS')
    expect(await outcome(kioskOnB.call.kiosk.submitMediation(mediation()))).toBe('TOO_MANY_REQUESTS')
  })

  it('login attempts of one IP count across both processes, also when sent at once', async () => {
    const tries = Array.from({ length: 6 }, (_, i) =>
      outcome(
        agent(i % 2 ? a : b, { ip: '10.9.9.9' }).call.auth.login({ username: 'nobody', password: 'x' }),
      ),
    )
    const results = await Promise.all(tries)
    expect(results.filter((r) => r === 'UNAUTHORIZED')).toHaveLength(4)
    expect(results.filter((r) => r === 'TOO_MANY_REQUESTS')).toHaveLength(2)
  })

  it('a message larger than a NOTIFY payload travels as an id and arrives whole', async () => {
    const received: unknown[] = []
    const off = b.deps.bus.subscribe('activation', (m) => received.push(m))
    const roster = Array.from({ length: 1500 }, (_, i) => `P${String(i).padStart(8, '0')}`)
    expect(JSON.stringify(roster).length).toBeGreaterThan(NOTIFY_MAX_BYTES)
    const signal = {
      activationId: 'big',
      area: 'lucun',
      kind: 'RosterChanged',
      at: new Date().toISOString(),
      text: '大名单',
      roster,
      publishedAt: 1,
    }
    await a.deps.bus.publish('activation', signal)
    await within(1000, async () => received.length > 0)
    expect(received).toEqual([signal])
    off()
  })

  it('what was published while a LISTEN connection was down (pg_terminate_backend) arrives after the reconnect, once and in order', async () => {
    // C holds its outage open for about 1.5 s (the first reconnect's delay), long enough to publish into
    const c = await setupPeer(a, { bus: { reconnectMinMs: 1500 } })
    try {
      await clearArea(a)
      const bus = c.deps.bus as PgBus
      const staffOnC = await signedIn(c, 'staff-lucun-1')
      const stream = (await staffOnC.call.activation.events())[Symbol.asyncIterator]()
      const first = stream.next()
      const signals: string[] = []
      const offSignals = busOf(c.deps).subscribe((signal) => signals.push(signal.kind))
      // every message C's bus delivers, of both topics, in order
      const raw: string[] = []
      const label = (m: unknown) => (m as { probe?: string }).probe ?? (m as { kind?: string }).kind ?? '?'
      const offs = (['activation', 'sessions'] as const).map((topic) =>
        bus.subscribe(topic, (m) => raw.push(`${topic}:${label(m)}`)),
      )
      const probe = (name: string) => a.deps.bus.publish('sessions', { sessionIds: [], probe: name })
      await within(1000, async () => busOf(c.deps).size >= 2)
      // heard live before the outage: must not come again with the catch-up
      await probe('before')
      await within(1000, async () => raw.length === 1)

      const pid = bus.listenerPid
      expect(pid).toEqual(expect.any(Number))
      const killed = await sql<{ ok: boolean }>`select pg_terminate_backend(${pid}) as ok`.execute(a.deps.db)
      expect(killed.rows[0]?.ok).toBe(true)
      await within(1000, async () => !bus.state.connected)
      const director = await signedIn(a, 'dir-nanma')
      const { id } = await director.call.activation.start(START)
      await probe('during')
      // and one sent in a transaction that commits during the outage
      await a.deps.db
        .transaction()
        .execute((trx) =>
          a.deps.bus.publishInTransaction(trx, 'sessions', { sessionIds: [], probe: 'in-trx' }),
        )
      await sleep(100)
      expect(bus.state.connected).toBe(false) // all of it was published while C was not listening
      expect(raw).toEqual(['sessions:before'])
      expect(signals).toEqual([])

      await within(5000, async () => bus.state.connected)
      const streamed = await Promise.race([first, sleep(1000).then(() => null)])
      expect(streamed?.value).toMatchObject({ activationId: id, kind: 'ActivationStarted', area: 'lucun' })
      await sleep(300)
      expect(signals).toEqual(['ActivationStarted'])
      // Once each, and in order per publisher. The command publishes its activation signal after its
      // commit without waiting for the bus row (ActivationBus.publish), so where that row falls among
      // the probes sent right after it is not fixed (CI saw it after 'during').
      expect(raw.filter((m) => m.startsWith('sessions:'))).toEqual([
        'sessions:before',
        'sessions:during',
        'sessions:in-trx',
      ])
      expect(raw.filter((m) => m.startsWith('activation:'))).toEqual(['activation:ActivationStarted'])
      expect(bus.state).toMatchObject({ connected: true, reconnects: 1, recovered: 3 })
      // and it hears live again
      await probe('after')
      await within(1000, async () => raw.length === 5)
      expect(raw[4]).toBe('sessions:after')
      for (const off of offs) off()
      offSignals()
      await stream.return?.()
    } finally {
      await c.close()
    }
  })

  it('after its LISTEN connection drops, B reconnects, forgets its cached sessions and hears again', async () => {
    const bus = b.deps.bus as PgBus
    const onA = await signedIn(a, 'lead-lucun')
    const onB = sameBrowserOn(b, onA)
    expect((await onB.call.auth.me())?.username).toBe('lead-lucun')
    expect(b.deps.sessions.size).toBeGreaterThan(0)
    bus.dropConnection()
    expect(bus.state.connected).toBe(false)
    await within(5000, async () => bus.state.connected)
    expect(bus.state.reconnects).toBe(1)
    expect(b.deps.sessions.size).toBe(0)
    // cached again on B; only the new LISTEN connection can tell B about the logout
    expect((await onB.call.auth.me())?.username).toBe('lead-lucun')
    expect(b.deps.sessions.size).toBeGreaterThan(0)
    await onA.call.auth.logout()
    await within(1000, async () => (await onB.call.auth.me()) === null)
  })
})
