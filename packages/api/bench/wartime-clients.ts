// Child of bench/wartime.ts: opens one SSE subscription per session token and reports, per start,
// each client's delay from the server's publication stamp to the event's arrival here.
import { type ClientRequest, request } from 'node:http'

const now = () => performance.timeOrigin + performance.now()
const requests: ClientRequest[] = []
let expected = 0
let latencies: number[] = []

const connect = (url: string, token: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: { cookie: `pz_session=${token}`, accept: 'text/event-stream' }, agent: false },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`subscription answered ${res.statusCode}`))
        res.setEncoding('utf8')
        let buffer = ''
        res.on('data', (chunk: string) => {
          const at = now()
          buffer += chunk
          let cut = buffer.indexOf('\n\n')
          while (cut >= 0) {
            const block = buffer.slice(0, cut)
            buffer = buffer.slice(cut + 2)
            for (const line of block.split('\n')) {
              if (!line.startsWith('data:') || !line.includes('ActivationStarted')) continue
              const data = JSON.parse(line.slice(5)) as { publishedAt?: number }
              if (typeof data.publishedAt === 'number') latencies.push(at - data.publishedAt)
            }
            cut = buffer.indexOf('\n\n')
          }
          if (expected > 0 && latencies.length >= expected) {
            process.send?.({ type: 'received', latencies })
            latencies = []
            expected = 0
          }
        })
        resolve()
      },
    )
    req.on('error', () => {})
    req.end()
    requests.push(req)
  })

process.on('message', async (m: { type: string; url?: string; tokens?: string[]; count?: number }) => {
  if (m.type === 'connect' && m.url && m.tokens) {
    for (let i = 0; i < m.tokens.length; i += 50) {
      await Promise.all(m.tokens.slice(i, i + 50).map((t) => connect(m.url ?? '', t)))
    }
    process.send?.({ type: 'connected' })
  } else if (m.type === 'expect') {
    expected = m.count ?? 0
  } else if (m.type === 'close') {
    for (const r of requests) r.destroy()
    process.exit(0)
  }
})
