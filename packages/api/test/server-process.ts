// Real API server processes for the tests that need them (issue 15): `node src/main.ts` — the entry
// `pnpm start` runs — on a free port, its environment given by the test, talked to over HTTP.
import { type ChildProcess, spawn } from 'node:child_process'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { resolve } from 'node:path'

const apiRoot = resolve(import.meta.dirname, '..')

export const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      s.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))))
    })
  })

export interface ServerProcess {
  readonly child: ChildProcess
  readonly base: string
  /** what the process wrote to stderr so far */
  readonly stderr: () => string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited, with its exit code */
  readonly stop: (graceMs?: number) => Promise<number | null>
}

/** Starts the server and waits until /health answers 200 (bus connected, database reachable). */
export const startServer = async (env: Record<string, string>): Promise<ServerProcess> => {
  const port = await freePort()
  const { PINGZHAN_WORKER_INDEX: _index, ...inherited } = process.env
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: apiRoot,
    env: { ...inherited, PINGZHAN_QUIET: '1', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)))
  const stop = async (graceMs = 10_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    const code = await exited
    clearTimeout(timer)
    return code
  }
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`)
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, base, stderr: () => stderr, stop }
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  await stop(0)
  throw new Error(`server did not start: ${stderr}`)
}

export interface Reply {
  readonly status: number
  readonly data: unknown
  /** the tRPC error code (e.g. UNAUTHORIZED), when the call failed */
  readonly code: string | null
  /** `name=value` of the first Set-Cookie, if any */
  readonly cookie: string | null
}

const reply = async (res: Response): Promise<Reply> => {
  const json = (await res.json()) as { result?: { data: unknown }; error?: { data?: { code?: string } } }
  const setCookie = res.headers.get('set-cookie')
  return {
    status: res.status,
    data: json.result?.data,
    code: json.error?.data?.code ?? null,
    cookie: setCookie ? (setCookie.split(';')[0] ?? null) : null,
  }
}

const headers = (base: string, cookie: string) => ({
  origin: base,
  'x-pingzhan-csrf': '1',
  ...(cookie ? { cookie } : {}),
})

/** A tRPC mutation over HTTP, as the browser apps send it. */
export const mutate = async (base: string, path: string, input: unknown, cookie = ''): Promise<Reply> =>
  reply(
    await fetch(`${base}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers(base, cookie) },
      body: JSON.stringify(input),
    }),
  )

/** A tRPC query over HTTP (GET, input in the query string). */
export const query = async (base: string, path: string, input: unknown, cookie = ''): Promise<Reply> =>
  reply(
    await fetch(
      `${base}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
      { headers: headers(base, cookie) },
    ),
  )

/** Signs in over HTTP; returns the session cookie (`pz_session=…`). */
export const login = async (base: string, username: string, password: string): Promise<string> => {
  const res = await mutate(base, 'auth.login', { username, password })
  if (res.status !== 200 || res.cookie === null) {
    throw new Error(`login of ${username} failed: ${res.status} ${res.code}`)
  }
  return res.cookie
}

/** GET on a fresh TCP connection (no keep-alive), so that node:cluster may hand it to any worker. */
export const getFresh = (
  url: string,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: string }> =>
  new Promise((ok, fail) => {
    const req = request(url, { agent: false, headers: { ...extraHeaders, connection: 'close' } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => {
        body += d
      })
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }))
      res.on('error', fail)
    })
    req.on('error', fail)
    req.end()
  })

export interface EventStream {
  /** the `data:` payloads received so far, parsed */
  readonly messages: ReadonlyArray<unknown>
  /** the names of the `event:` frames received so far (connected, ping, serialized-error) */
  readonly events: ReadonlyArray<string>
  /** true once the server ended the stream */
  readonly ended: () => boolean
  readonly close: () => void
}

/** Opens `activation.events` over HTTP (SSE) and collects its frames as they arrive. */
export const openEvents = async (base: string, cookie: string): Promise<EventStream> => {
  const controller = new AbortController()
  const res = await fetch(`${base}/trpc/activation.events`, {
    headers: { ...headers(base, cookie), accept: 'text/event-stream' },
    signal: controller.signal,
  })
  if (res.status !== 200 || res.body === null) throw new Error(`event stream refused: ${res.status}`)
  const messages: unknown[] = []
  const events: string[] = []
  let ended = false
  let buffer = ''
  const decoder = new TextDecoder()
  const reader = res.body.getReader()
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer += decoder.decode(value, { stream: true })
        for (let cut = buffer.indexOf('\n\n'); cut >= 0; cut = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          const event = /^event: (.*)$/m.exec(frame)?.[1]
          const data = /^data: (.*)$/m.exec(frame)?.[1]
          if (event !== undefined) events.push(event)
          else if (data !== undefined && data !== '') messages.push(JSON.parse(data))
        }
      }
    } catch {
      // aborted by close()
    }
    ended = true
  })()
  return { messages, events, ended: () => ended, close: () => controller.abort() }
}
