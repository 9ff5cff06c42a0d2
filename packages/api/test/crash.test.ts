// Durability under a crash (SECURITY.md: every write runs in a transaction): a real server process takes
// 1,000 concurrent kiosk submissions (each one intake row and its audit row, one transaction), is killed
// with SIGKILL in the middle, and restarted on the same database. Every submission it acknowledged is
// there, none is half-applied (an intake without its audit row, or the reverse), and the audit chain
// verifies. On SQLite (WAL) and PostgreSQL.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyAudit } from '../src/audit/audit.ts'
import { loadConfig } from '../src/config.ts'
import { deriveKeys } from '../src/crypto/keys.ts'
import { openDatabase } from '../src/db/database.ts'
import { dialects, idNumber } from './harness.ts'

const WRITES = 1000
const KILL_AFTER = 300
const IN_FLIGHT = 50
const apiRoot = resolve(import.meta.dirname, '..')

const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      s.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))))
    })
  })

const startServer = async (env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> => {
  const port = await freePort()
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: apiRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`)
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, base }
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`server did not start: ${stderr}`)
}

const killed = (child: ChildProcess) =>
  new Promise<void>((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok()
    child.once('exit', () => ok())
    child.kill('SIGKILL')
  })

const post = async (base: string, path: string, body: unknown, cookie = '') => {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: base,
      'x-pingzhan-csrf': '1',
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(body),
  })
  const setCookie = res.headers.get('set-cookie')
  return { status: res.status, json: (await res.json()) as { result?: { data: unknown } }, setCookie }
}

const figures: Array<string> = []

describe.each(dialects)('a crash in the middle of 1,000 concurrent writes (%s)', (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), 'pingzhan-crash-'))
  const schema = `crash_${randomBytes(5).toString('hex')}`
  const env: Record<string, string> = {
    PINGZHAN_DEMO: '1',
    PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
    KIOSK_LIMIT_PER_DEVICE: '100000',
    KIOSK_LIMIT_PER_IP: '100000',
    LOGIN_LIMIT_PER_IP: '1000',
    DEADLINE_SWEEP: '0',
  }
  // the server inherits this process's environment: an empty DATABASE_URL keeps the SQLite run on SQLite
  if (dialect === 'sqlite') {
    env.SQLITE_PATH = join(dir, 'crash.db')
    env.DATABASE_URL = ''
  } else {
    const url = new URL(process.env.DATABASE_URL ?? '')
    url.searchParams.set('options', `-c search_path=${schema}`)
    env.DATABASE_URL = url.toString()
  }
  let server: ChildProcess | null = null

  afterAll(async () => {
    if (server) await killed(server)
    rmSync(dir, { recursive: true, force: true })
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await client.connect()
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await client.end()
    }
    console.log(`[crash ${dialect}] ${figures.filter((f) => f.startsWith(dialect)).join('; ')}`)
  })

  it('keeps every acknowledged write, none half-applied, and the audit chain verifies after a restart', async () => {
    if (dialect === 'postgres') {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await client.connect()
      await client.query(`CREATE SCHEMA ${schema}`)
      await client.end()
    }
    const first = await startServer(env)
    server = first.child
    const { base } = first
    // the administrator registers a kiosk of 南麻, which binds with its one-time code
    const login = await post(base, 'auth.login', { username: 'admin', password: 'Demo#2026' })
    const adminCookie = (login.setCookie ?? '').split(';')[0] ?? ''
    const reg = await post(
      base,
      'device.register',
      { officeCode: 'nanma', label: '崩溃测试终端' },
      adminCookie,
    )
    const code = (reg.json.result?.data as { activationCode: string } | undefined)?.activationCode ?? ''
    const bind = await post(base, 'kiosk.bind', { code })
    const kioskCookie = (bind.setCookie ?? '').split(';')[0] ?? ''
    expect(kioskCookie).toMatch(/^pz_kiosk=/)

    const acknowledged: Array<string> = []
    let failed = 0
    let next = 0
    const started = performance.now()
    let killedAt = 0
    const worker = async () => {
      while (next < WRITES) {
        const i = next++
        try {
          const res = await post(
            base,
            'kiosk.submitMediation',
            {
              applicantName: `崩溃测试${i}`,
              phone: '13800138000',
              idNumber: idNumber('19800101', String(100 + (i % 800)).padStart(3, '0')),
              summary: `第 ${i} 份申请：测试服务器在写入中途被强行终止。`,
              otherParty: '李四',
              consent: true,
            },
            kioskCookie,
          )
          if (res.status === 200) {
            acknowledged.push((res.json.result?.data as { receiptNo: string } | undefined)?.receiptNo ?? '')
            if (acknowledged.length === KILL_AFTER && server) {
              killedAt = performance.now() - started
              server.kill('SIGKILL')
            }
          } else failed += 1
        } catch {
          failed += 1 // the connection died with the server
        }
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
    await killed(first.child)
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER)
    expect(failed).toBeGreaterThan(0) // the kill did land in the middle

    const second = await startServer(env)
    server = second.child
    expect((await fetch(`${second.base}/health`)).ok).toBe(true)
    await killed(second.child)
    server = null

    // read the database the server left behind
    const config = loadConfig({ ...env, NODE_ENV: 'test' })
    const handle = openDatabase(config.database)
    try {
      const intakes = await handle.db.selectFrom('intakes').select(['id', 'receipt_no']).execute()
      const submitted = await handle.db
        .selectFrom('audit_log')
        .select('subject_id')
        .where('action', '=', 'intake.submit')
        .execute()
      const stored = new Set(intakes.map((r) => r.receipt_no))
      expect(acknowledged.filter((r) => !stored.has(r))).toEqual([])
      // none half-applied: each intake has exactly its one audit row, and no audit row lacks its intake
      const audited = submitted.map((r) => r.subject_id)
      expect(new Set(audited).size).toBe(audited.length)
      expect([...audited].sort()).toEqual(intakes.map((r) => r.id).sort())
      const chain = await verifyAudit(handle.db, deriveKeys(config.dataKey))
      expect(chain).toMatchObject({ ok: true, brokenAt: null })
      figures.push(
        `${dialect}: ${WRITES} writes at ${IN_FLIGHT} in flight, SIGKILL after ${acknowledged.length === 0 ? 0 : KILL_AFTER} acks at ${Math.round(killedAt)} ms; ${acknowledged.length} acknowledged, ${intakes.length} stored (${intakes.length - acknowledged.length} committed but unacknowledged), ${failed} refused or cut off; audit chain ${chain.checked} rows verified`,
      )
    } finally {
      await handle.destroy()
    }
  }, 300_000)
})
