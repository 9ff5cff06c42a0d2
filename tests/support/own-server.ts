// A server of the spec's own (port and SQLite file), for tests that stop and restart it.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..', '..')

export class OwnServer {
  readonly port = 40_000 + Math.floor(Math.random() * 20_000)
  readonly dir = mkdtempSync(join(tmpdir(), 'pingzhan-own-'))
  #child: ChildProcess | null = null
  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    this.#child = spawn(process.execPath, ['packages/api/src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(this.port),
        PINGZHAN_DEMO: '1',
        SQLITE_PATH: join(this.dir, 'own.db'),
        PINGZHAN_DATA_KEY: 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210',
        DATABASE_URL: '',
      },
    })
    const deadline = Date.now() + 30_000
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/health`)).ok) return
      } catch {}
      await new Promise((r) => setTimeout(r, 150))
    }
    throw new Error('own server did not start')
  }

  /** Kills the server at once (SIGKILL: no graceful shutdown, like a crash or a power cut). */
  async kill(): Promise<void> {
    const child = this.#child
    if (!child || child.exitCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited
    this.#child = null
  }
}

/** Calls a tRPC procedure over HTTP as a browser would (JSON body, CSRF header, same Origin). */
export const trpcCall = async (
  base: string,
  path: string,
  input: unknown,
  cookie = '',
): Promise<{ data: unknown; cookie: string }> => {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-pingzhan-csrf': '1', origin: base, cookie },
    body: JSON.stringify(input),
  })
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown }
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body.error)}`)
  const set = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { data: body.result?.data, cookie: set || cookie }
}
