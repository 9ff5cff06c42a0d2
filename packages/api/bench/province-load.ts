// Child of bench/province.ts (issue 15): the load generator. 500 staff sessions send a realistic mix of
// requests at a constant arrival rate (open loop: each request has its scheduled time and its latency
// is counted from then, so a slow server cannot slow the arrivals down and hide its queue); some
// sessions hold the wartime event stream open and time each alert from its publication to its arrival.
// Usage (forked): province-load.ts <fixture.json> <baseUrl> <rate> <seconds>; results go back over IPC.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'

export interface BenchSession {
  readonly token: string
  readonly userId: string
  readonly role: string
  readonly office: string | null
  readonly squad: string | null
  /** tasks this session may open (its own for members, its unit's for the others) */
  readonly tasks: ReadonlyArray<string>
}

export interface Fixture {
  readonly sessions: ReadonlyArray<BenchSession>
}

export interface ProcedureResult {
  readonly name: string
  readonly count: number
  readonly errors: number
  readonly p50: number
  readonly p99: number
  readonly max: number
  /** mean response bytes (uncompressed) */
  readonly bytes: number
  readonly sampleError?: string
}

export interface LoadResult {
  readonly seconds: number
  readonly scheduled: number
  readonly procedures: ReadonlyArray<ProcedureResult>
  readonly alerts: {
    readonly sent: number
    readonly received: number
    readonly p50: number
    readonly p99: number
    readonly clients: number
  }
}

const [, , fixturePath = '', base = '', rateArg = '100', secondsArg = '60'] = process.argv
const RATE = Number(rateArg)
const SECONDS = Number(secondsArg)
const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as Fixture
const url = new URL(base)
const agent = new http.Agent({ keepAlive: true, maxSockets: 200 })
const TIMEOUT_MS = 10_000

const byRole = (...roles: string[]) => fixture.sessions.filter((s) => roles.includes(s.role))
const members = byRole('squadMember').filter((s) => s.tasks.length > 0)
const directors = byRole('officeDirector')
const leaders = byRole('squadLeader')
const heads = byRole('brigadeLeader', 'bureauLeader', 'bureauAdmin')
const units = [...directors, ...leaders]
const anyone = fixture.sessions

let seq = 0
const pick = <T>(list: ReadonlyArray<T>): T => {
  seq = (seq * 1103515245 + 12345) % 2147483648
  const item = list[seq % list.length]
  if (item === undefined) throw new Error('empty list')
  return item
}

interface Call {
  readonly name: string
  readonly session: BenchSession
  readonly path: string
  readonly body: unknown
}

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const later = new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10)

/** The mix, in weights per 100 requests (what staff do through a working day). */
const MIX: ReadonlyArray<readonly [number, () => Call]> = [
  // the phone's 我的任务 (20 rows) and the console's board (50 rows, 未完成)
  [
    18,
    () => ({
      name: 'task.list (phone, mine)',
      session: pick(members),
      path: 'task.list',
      body: { mine: true, status: 'unfinished', limit: 20 },
    }),
  ],
  [
    12,
    () => ({
      name: 'task.list (board, 50)',
      session: pick(units),
      path: 'task.list',
      body: { status: 'unfinished', limit: 50 },
    }),
  ],
  [
    20,
    () => {
      const s = pick([...members, ...units].filter((x) => x.tasks.length > 0))
      return { name: 'task.get', session: s, path: 'task.get', body: { id: pick(s.tasks) } }
    },
  ],
  [
    8,
    () => {
      const s = pick(members)
      const checkin = seq % 2 === 0
      return {
        name: 'task.act (check-in / note)',
        session: s,
        path: 'task.act',
        body: {
          key: randomUUID(),
          taskId: pick(s.tasks),
          kind: checkin ? 'checkin' : 'note',
          at: new Date().toISOString(),
          ...(checkin ? { lat: 36.18, lng: 118.17, accuracy: 20 } : { note: '已到现场核实情况' }),
        },
      }
    },
  ],
  [
    7,
    () => ({ name: 'supervisee.list', session: pick(units), path: 'supervisee.list', body: { limit: 50 } }),
  ],
  [
    5,
    () => ({ name: 'mediation.list', session: pick(directors), path: 'mediation.list', body: { limit: 20 } }),
  ],
  [
    4,
    () => ({ name: 'legalAid.list', session: pick(directors), path: 'legalAid.list', body: { limit: 20 } }),
  ],
  [
    3,
    () => {
      const s = pick(directors)
      return {
        name: 'legalEducation.create',
        session: s,
        path: 'legalEducation.create',
        body: {
          eventDate: later,
          place: '村委会广场',
          audience: '村民',
          headcount: 40,
          theme: `法治宣传进村（${today}）`,
          organiserId: s.userId,
        },
      }
    },
  ],
  [
    6,
    () => ({
      name: 'task.rollup',
      session: pick([...heads, ...leaders, ...directors]),
      path: 'task.rollup',
      body: {},
    }),
  ],
  [17, () => ({ name: 'auth.me', session: pick(anyone), path: 'auth.me', body: {} })],
]
const totalWeight = MIX.reduce((n, [w]) => n + w, 0)

interface Sample {
  latencies: number[]
  errors: number
  bytes: number
  sampleError?: string
}
const samples = new Map<string, Sample>()
const sampleOf = (name: string): Sample => {
  let s = samples.get(name)
  if (!s) {
    s = { latencies: [], errors: 0, bytes: 0 }
    samples.set(name, s)
  }
  return s
}

const post = (path: string, token: string, body: unknown, mutation: boolean) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const payload = JSON.stringify(body)
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `/trpc/${path}`,
        agent,
        timeout: TIMEOUT_MS,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          cookie: `pz_session=${token}`,
          ...(mutation ? { 'x-pingzhan-csrf': '1', origin: url.origin } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(payload)
  })

const MUTATIONS = new Set(['task.act', 'legalEducation.create', 'activation.start', 'activation.standDown'])

const send = async (call: Call, scheduledAt: number) => {
  const sample = sampleOf(call.name)
  try {
    const res = await post(call.path, call.session.token, call.body, MUTATIONS.has(call.path))
    sample.latencies.push(performance.now() - scheduledAt)
    sample.bytes += Buffer.byteLength(res.text)
    if (res.status !== 200) {
      sample.errors += 1
      sample.sampleError ??= `${res.status} ${res.text.slice(0, 200)}`
    }
  } catch (error) {
    sample.latencies.push(performance.now() - scheduledAt)
    sample.errors += 1
    sample.sampleError ??= String(error)
  }
}

const nextCall = (): Call => {
  seq = (seq * 1103515245 + 12345) % 2147483648
  let r = seq % totalWeight
  for (const [w, make] of MIX) {
    if (r < w) return make()
    r -= w
  }
  return (MIX[0] as readonly [number, () => Call])[1]()
}

// --- wartime: SSE clients and one activation with its alerts per minute -----------------------------
const alertLatencies: number[] = []
let alertsSent = 0
const streams: http.ClientRequest[] = []
const openStream = (s: BenchSession) => {
  const req = http.request(
    {
      host: url.hostname,
      port: url.port,
      path: '/trpc/activation.events',
      headers: { accept: 'text/event-stream', cookie: `pz_session=${s.token}` },
      agent: false,
    },
    (res) => {
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (frame.startsWith('data: ')) {
            try {
              const e = JSON.parse(frame.slice(6)) as { publishedAt?: number; kind?: string }
              if (e.kind === 'ActivationStarted' && typeof e.publishedAt === 'number')
                alertLatencies.push(performance.timeOrigin + performance.now() - e.publishedAt)
            } catch {}
          }
          end = buffer.indexOf('\n\n')
        }
      })
    },
  )
  req.on('error', () => {})
  req.end()
  streams.push(req)
}

const activationRound = async (round: number) => {
  const director = directors[round % directors.length]
  const head = heads.find((h) => h.role === 'brigadeLeader') ?? heads[0]
  if (!director || !head) return
  const t = performance.now()
  const started = await post(
    'activation.start',
    director.token,
    {
      dutyCode: 'office.wartime.3',
      reason: '压测：群体性纠纷，需要现场处置',
      place: '村委会',
      expectedMinutes: 30,
      peopleNeeded: 3,
    },
    true,
  ).catch((e: unknown) => ({ status: 0, text: String(e) }))
  const sample = sampleOf('activation.start')
  sample.latencies.push(performance.now() - t)
  if (started.status !== 200) {
    sample.errors += 1
    sample.sampleError ??= `${started.status} ${started.text.slice(0, 200)}`
    return
  }
  alertsSent += 1
  const id = (JSON.parse(started.text) as { result: { data: { id: string } } }).result.data.id
  // stood down 20 s later by the brigade, so the next minute's start finds the area in peacetime
  setTimeout(() => {
    const s = performance.now()
    void post('activation.standDown', head.token, { id, summary: '压测收队' }, true)
      .then((r) => {
        const sm = sampleOf('activation.standDown')
        sm.latencies.push(performance.now() - s)
        if (r.status !== 200) {
          sm.errors += 1
          sm.sampleError ??= `${r.status} ${r.text.slice(0, 200)}`
        }
      })
      .catch(() => {
        sampleOf('activation.standDown').errors += 1
      })
  }, 20_000)
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN)

const main = async () => {
  // a fifth of the members keep the event stream open, as phones do
  const listeners = members.filter((_, i) => i % 5 === 0)
  for (const s of listeners) openStream(s)
  await new Promise((r) => setTimeout(r, 2000))
  const t0 = performance.now()
  let scheduled = 0
  const inflight = new Set<Promise<void>>()
  const tick = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * RATE)
    while (scheduled < due) {
      const at = t0 + (scheduled / RATE) * 1000
      scheduled += 1
      const p = send(nextCall(), at)
      inflight.add(p)
      void p.finally(() => inflight.delete(p))
    }
  }, 5)
  let round = 0
  void activationRound(round++)
  const minute = setInterval(() => void activationRound(round++), 60_000)
  await new Promise((r) => setTimeout(r, SECONDS * 1000))
  clearInterval(tick)
  clearInterval(minute)
  await Promise.all([...inflight])
  await new Promise((r) => setTimeout(r, 500))
  for (const s of streams) s.destroy()
  const procedures: ProcedureResult[] = [...samples.entries()]
    .map(([name, s]) => {
      const sorted = [...s.latencies].sort((a, b) => a - b)
      return {
        name,
        count: sorted.length,
        errors: s.errors,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted.at(-1) ?? Number.NaN,
        bytes: sorted.length ? s.bytes / sorted.length : 0,
        ...(s.sampleError ? { sampleError: s.sampleError } : {}),
      }
    })
    .sort((a, b) => b.count - a.count)
  const alerts = [...alertLatencies].sort((a, b) => a - b)
  const result: LoadResult = {
    seconds: SECONDS,
    scheduled,
    procedures,
    alerts: {
      sent: alertsSent,
      received: alerts.length,
      p50: percentile(alerts, 50),
      p99: percentile(alerts, 99),
      clients: listeners.length,
    },
  }
  process.send?.({ type: 'result', result })
  agent.destroy()
  setTimeout(() => process.exit(0), 100)
}

void main()
