// Load test on loopback: the real server answering an authenticated, scoped task.list (POST with
// the session cookie) over 10k seeded tasks, against bare node:http servers in the same run: the 5 KB
// body of PERFORMANCE.md's row A (the target is a multiple of it) and a body of the page's size.
// ~55 s in all. bench/peacetime.ts measures the board more thoroughly (both databases, 1M rows).
import { type ChildProcess, fork } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { fiveKilobytes } from './baseline.ts'

const here = dirname(fileURLToPath(import.meta.url))
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP = 3
const CONNECTIONS = 50

interface Ready {
  type: 'ready'
  port: number
  cookie?: string
  loadMs?: number
  tasks?: number
}

const start = (mode: 'trpc' | 'bare', body?: string): Promise<{ child: ChildProcess; ready: Ready }> =>
  new Promise((resolve, reject) => {
    const child = fork(join(here, 'server.ts'), [mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)))
    child.on('message', (m: Ready) => {
      if (m.type === 'ready') resolve({ child, ready: m })
    })
    if (body !== undefined) child.send({ type: 'body', body })
  })

const rssOf = (child: ChildProcess): Promise<number> =>
  new Promise((resolve) => {
    const onMessage = (m: { type: string; rss: number }) => {
      if (m.type === 'rss') {
        child.off('message', onMessage)
        resolve(m.rss)
      }
    }
    child.on('message', onMessage)
    child.send({ type: 'rss' })
  })

const load = (opts: {
  url: string
  method: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  seconds: number
}) =>
  autocannon({
    url: opts.url,
    method: opts.method,
    connections: CONNECTIONS,
    duration: opts.seconds,
    ...(opts.headers ? { headers: opts.headers } : {}),
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  })

const stop = (child: ChildProcess) => {
  child.removeAllListeners('exit')
  child.kill('SIGTERM')
}

const main = async () => {
  const trpc = await start('trpc')
  console.log(
    `seeded ${trpc.ready.tasks} tasks in ${Math.round(trpc.ready.loadMs ?? 0)} ms (prepared inserts, one transaction)`,
  )
  const url = `http://127.0.0.1:${trpc.ready.port}/trpc/task.list`
  const request = {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', cookie: trpc.ready.cookie ?? '' },
    body: JSON.stringify({ limit: 50, status: 'open' }),
  }
  const probe = await fetch(url, { method: 'POST', headers: request.headers, body: request.body })
  const body = await probe.text()
  const items = (JSON.parse(body) as { result: { data: { items: unknown[] } } }).result.data.items.length
  if (probe.status !== 200 || items !== 50)
    throw new Error(`probe failed: ${probe.status} ${body.slice(0, 200)}`)
  console.log(`task.list as 鲁村中队长 (area scope): ${items} items, ${body.length} bytes`)

  await load({ ...request, seconds: WARMUP })
  const t = await load({ ...request, seconds: DURATION })
  const rss = await rssOf(trpc.child)
  stop(trpc.child)

  const bareRun = async (payload: string) => {
    const bare = await start('bare', payload)
    const bareUrl = `http://127.0.0.1:${bare.ready.port}/`
    await load({ url: bareUrl, method: 'GET', seconds: WARMUP })
    const result = await load({ url: bareUrl, method: 'GET', seconds: DURATION })
    const memory = await rssOf(bare.child)
    stop(bare.child)
    return { result, memory }
  }
  const a = await bareRun(fiveKilobytes(body))
  const same = await bareRun(body)

  const row = (name: string, r: autocannon.Result, memory: number) =>
    `${name.padEnd(46)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}   RSS ${(memory / 1048576).toFixed(0)} MB`
  console.log(`\nconcurrency ${CONNECTIONS}, ${DURATION} s measured after ${WARMUP} s warm-up, loopback`)
  console.log(row('A  bare node:http, 5 KB body (PERFORMANCE.md)', a.result, a.memory))
  console.log(row(`A' bare node:http, the page's own body`, same.result, same.memory))
  console.log(row('F  task.list (tRPC+Kysely+SQLite+session)', t, rss))
  const ratio = t.requests.average / a.result.requests.average
  console.log(
    `ratio F / A = ${ratio.toFixed(3)} (target ≥ 0.07 on SQLite) ${ratio >= 0.07 ? 'OK' : 'BELOW TARGET'};  F / A' = ${(t.requests.average / same.result.requests.average).toFixed(3)}`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
