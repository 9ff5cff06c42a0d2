// Wartime alert latency (issue 3): time from the commit of activation.start to its receipt by every
// connected subscription client (tRPC subscription over SSE), with 200 and 1,000 clients. The server
// runs here; the clients run in a forked process (bench/wartime-clients.ts) so they use the other core.
// Clock: both processes read performance.timeOrigin + performance.now() (same machine, sub-ms).

import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { randomToken, tokenHash } from '../src/crypto/keys.ts'
import { streamCount } from '../src/realtime/sse-fanout.ts'
import { createSession } from '../src/repos/sessions.ts'
import { buildServer } from '../src/server.ts'
import { newId } from '../src/shared.ts'

const here = dirname(fileURLToPath(import.meta.url))
const ROUNDS = Number(process.env.BENCH_WARTIME_ROUNDS ?? 20)
const SIZES = (process.env.BENCH_WARTIME_CLIENTS ?? '200,1000').split(',').map(Number)
const ROSTER = [
  'lead-lucun',
  'staff-lucun-1',
  'staff-lucun-2',
  'staff-lucun-3',
  'staff-lucun-4',
  'dir-nanma',
  'dir-nanlushan',
  'dir-lucun',
  'dir-dazhangzhuang',
]

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingzhan-bench-wartime-'))
  const config = loadConfig({
    PINGZHAN_DEMO: '1',
    PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
    SQLITE_PATH: join(dir, 'bench.db'),
    PINGZHAN_QUIET: '1',
  })
  const { deps, handle } = await startApp(config)
  const app = await buildServer(deps)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const origin = `http://127.0.0.1:${port}`

  const session = async (username: string): Promise<string> => {
    const user = await deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
    const token = randomToken()
    await createSession(deps.db, {
      id: newId(),
      tokenHash: tokenHash(token),
      userId: user.id,
      now: deps.clock(),
      limits: { idleMs: 3_600_000, absoluteMs: 12 * 3_600_000 },
      ip: null,
    })
    return token
  }
  const director = await session('dir-nanma')
  const brigade = await session('brigade')
  const post = async (token: string, path: string, body: unknown) => {
    const res = await fetch(`${origin}/trpc/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `pz_session=${token}`,
        'x-pingzhan-csrf': '1',
        origin,
      },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as { result: { data: { id: string } } }
  }

  console.log(
    `wartime alert latency: start commit → receipt at every connected roster client (${ROUNDS} starts per size)`,
  )
  for (const size of SIZES) {
    const tokens: string[] = []
    for (let i = 0; i < size; i++) tokens.push(await session(ROSTER[i % ROSTER.length] ?? 'lead-lucun'))
    const child = fork(join(here, 'wartime-clients.ts'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const messages: Array<(m: { type: string; latencies?: number[] }) => void> = []
    child.on('message', (m: { type: string; latencies?: number[] }) => messages.shift()?.(m))
    const next = () =>
      new Promise<{ type: string; latencies?: number[] }>((resolve) => messages.push(resolve))
    const streams = () => streamCount(deps)
    const connected = next()
    child.send({ type: 'connect', url: `${origin}/trpc/activation.events`, tokens })
    await connected
    for (let i = 0; i < 500 && streams() < size; i++) await new Promise((r) => setTimeout(r, 20))
    if (streams() < size) throw new Error(`only ${streams()} of ${size} subscriptions connected`)
    const all: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const received = next()
      child.send({ type: 'expect', count: size })
      const { result } = await post(director, 'activation.start', {
        dutyCode: 'office.wartime.3',
        reason: '基准测试：群体性矛盾纠纷',
        place: '南麻街道',
        expectedMinutes: 60,
        peopleNeeded: 5,
      })
      const m = await received
      all.push(...(m.latencies ?? []))
      await post(brigade, 'activation.standDown', { id: result.data.id, summary: '基准测试收队' })
      await new Promise((r) => setTimeout(r, 50))
    }
    child.send({ type: 'close' })
    await new Promise((r) => child.once('exit', r))
    all.sort((a, b) => a - b)
    const f = (x: number) => `${x.toFixed(1)} ms`
    console.log(
      `  ${String(size).padStart(5)} clients: ${all.length} receipts  p50 ${f(quantile(all, 0.5))}  p99 ${f(quantile(all, 0.99))}  max ${f(all.at(-1) ?? 0)}` +
        (size === 200 ? `  (target p99 ≤ 50 ms: ${quantile(all, 0.99) <= 50 ? 'met' : 'NOT met'})` : ''),
    )
    for (let i = 0; i < 100 && streams() > 0; i++) await new Promise((r) => setTimeout(r, 20))
  }
  await app.close()
  await handle.destroy()
}

await main()
