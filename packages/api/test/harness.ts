// Test fixtures: a fresh database per suite (SQLite temp file, and a fresh PostgreSQL schema when
// DATABASE_URL is set), the tRPC caller with a cookie jar, and builders for common records.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { idNumberCheckChar } from '@pingzhan/domain'
import pg from 'pg'
import { type BusOptions, type Started, startApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { randomToken, tokenHash } from '../src/crypto/keys.ts'
import { createSession } from '../src/repos/sessions.ts'
import { appRouter } from '../src/routers/index.ts'
import { newId } from '../src/shared.ts'
import type { Context, RequestInfo } from '../src/trpc/context.ts'
import { faultOf } from '../src/trpc/errors.ts'
import { createCallerFactory } from '../src/trpc/init.ts'

export type DialectName = 'sqlite' | 'postgres'

const databaseUrl = process.env.DATABASE_URL
const ci = process.env.CI === 'true' || process.env.CI === '1'

const postgresReachable = async (url: string): Promise<string | null> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    await client.end().catch(() => {})
  }
}

const resolveDialects = async (): Promise<ReadonlyArray<DialectName>> => {
  if (!databaseUrl) {
    console.warn(
      '\n' +
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' +
        '!!  DATABASE_URL is not set: PostgreSQL tests were SKIPPED (SQLite only).   !!\n' +
        '!!  Run with DATABASE_URL=postgres://... to run every suite on both.        !!\n' +
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n',
    )
    return ['sqlite']
  }
  const problem = await postgresReachable(databaseUrl)
  if (problem !== null) {
    if (ci) throw new Error(`DATABASE_URL is set but PostgreSQL is unreachable under CI: ${problem}`)
    console.warn(`\n!!  PostgreSQL at DATABASE_URL unreachable (${problem}); PostgreSQL tests SKIPPED  !!\n`)
    return ['sqlite']
  }
  return ['sqlite', 'postgres']
}

export const dialects: ReadonlyArray<DialectName> = await resolveDialects()

/** A clock the tests move by hand. */
export class TestClock {
  #now: number
  constructor(start = Date.parse('2026-11-26T02:00:00.000Z')) {
    this.#now = start
  }
  now = (): Date => new Date(this.#now)
  advance(ms: number): void {
    this.#now += ms
  }
}

export interface TestApp extends Started {
  readonly dialect: DialectName
  readonly clock: TestClock
  readonly sqlitePath: string | null
  /** PostgreSQL: the run's schema */
  readonly schema: string | null
  readonly close: () => Promise<void>
}

const createCaller = createCallerFactory(appRouter)

export interface SetupOptions {
  readonly env?: Record<string, string>
}

export const setupApp = async (dialect: DialectName, options: SetupOptions = {}): Promise<TestApp> => {
  const clock = new TestClock()
  const env: Record<string, string> = {
    PINGZHAN_DEMO: '1',
    PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
    NODE_ENV: 'test',
    ...options.env,
  }
  let dir: string | null = null
  let schema: string | undefined
  if (dialect === 'sqlite') {
    dir = mkdtempSync(join(tmpdir(), 'pingzhan-test-'))
    env.SQLITE_PATH = join(dir, 'test.db')
  } else {
    if (!databaseUrl) throw new Error('postgres dialect without DATABASE_URL')
    env.DATABASE_URL = databaseUrl
    schema = `t_${randomBytes(6).toString('hex')}`
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    await client.query(`CREATE SCHEMA ${schema}`)
    await client.end()
  }
  const config = loadConfig(env)
  const started = await startApp(config, { clock: clock.now, ...(schema ? { schema } : {}) })
  return {
    ...started,
    dialect,
    clock,
    sqlitePath: env.SQLITE_PATH ?? null,
    schema: schema ?? null,
    close: async () => {
      await started.handle.destroy()
      if (dir) rmSync(dir, { recursive: true, force: true })
      if (schema && databaseUrl) {
        const client = new pg.Client({ connectionString: databaseUrl })
        await client.connect()
        await client.query(`DROP SCHEMA ${schema} CASCADE`)
        await client.end()
      }
    },
  }
}

/**
 * A second API process over the same PostgreSQL schema (issue 15): its own pool, its own LISTEN
 * client, its own session cache and rate limiter — what another `WORKERS` process or another machine
 * has. Same configuration and clock as `app`; it neither migrates nor seeds. Close it before `app`.
 */
export const setupPeer = async (app: TestApp, options: { bus?: BusOptions } = {}): Promise<TestApp> => {
  if (app.dialect !== 'postgres' || app.schema === null) throw new Error('a peer needs PostgreSQL')
  const started = await startApp(app.deps.config, {
    clock: app.clock.now,
    schema: app.schema,
    skipSeed: true,
    ...options,
  })
  return {
    ...started,
    dialect: app.dialect,
    clock: app.clock,
    sqlitePath: null,
    schema: app.schema,
    close: () => started.handle.destroy(),
  }
}

export interface AgentOptions {
  readonly ip?: string
  readonly origin?: string | null
  readonly csrf?: string | null
}

/** A browser: a cookie jar plus request headers, calling procedures through createCaller. */
export const agent = (app: TestApp, options: AgentOptions = {}) => {
  const jar: Record<string, string | undefined> = {}
  const req: RequestInfo = {
    ip: options.ip ?? '10.0.0.1',
    userAgent: 'PingZhan-Test/1.0',
    origin: options.origin === undefined ? 'http://pingzhan.test' : options.origin,
    host: 'pingzhan.test',
    csrfHeader: options.csrf === undefined ? '1' : options.csrf,
    get correlationId() {
      return newId()
    },
    cookies: jar,
    setCookie: (name, value) => {
      jar[name] = value
    },
    clearCookie: (name) => {
      delete jar[name]
    },
  }
  const ctx: Context = { deps: app.deps, req }
  return { jar, call: createCaller(ctx) }
}

export type Agent = ReturnType<typeof agent>

/** An agent already signed in as `username` (session created directly: no argon2 cost). */
export const signedIn = async (
  app: TestApp,
  username: string,
  options: AgentOptions = {},
): Promise<Agent> => {
  const user = await app.deps.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  const token = randomToken()
  await createSession(app.deps.db, {
    id: newId(),
    tokenHash: tokenHash(token),
    userId: user.id,
    now: app.deps.clock(),
    limits: {
      idleMs: app.deps.config.sessionIdleMinutes * 60_000,
      absoluteMs: app.deps.config.sessionAbsoluteHours * 3_600_000,
    },
    ip: null,
  })
  const a = agent(app, options)
  a.jar.pz_session = token
  return a
}

export const userId = async (app: TestApp, username: string): Promise<string> =>
  (
    await app.deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id

/** A valid ID number (GB 11643-1999 check character) for a birth date and sequence. */
export const idNumber = (birth = '19800101', seq = '123', region = '370323'): string => {
  const first17 = `${region}${birth}${seq}`
  return first17 + idNumberCheckChar(first17)
}

/** A kiosk bound to `officeCode` (registered by the admin). */
export const boundKiosk = async (
  app: TestApp,
  officeCode: string,
  options: AgentOptions = {},
): Promise<Agent> => {
  const admin = await signedIn(app, 'admin')
  const { activationCode } = await admin.call.device.register({ officeCode, label: `${officeCode} 大厅终端` })
  const kiosk = agent(app, options)
  await kiosk.call.kiosk.bind({ code: activationCode })
  return kiosk
}

export const mediation = (overrides: Record<string, unknown> = {}) => ({
  applicantName: '张三',
  phone: '13800138000',
  idNumber: idNumber(),
  summary: '邻里之间因宅基地边界发生争执，需要调解。',
  otherParty: '李四',
  consent: true as const,
  ...overrides,
})

export const counts = async (app: TestApp) => {
  const db = app.deps.db
  const n = async (table: 'intakes' | 'tasks' | 'audit_log' | 'task_assignees' | 'task_events') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    intakes: await n('intakes'),
    tasks: await n('tasks'),
    audit: await n('audit_log'),
    assignees: await n('task_assignees'),
    events: await n('task_events'),
  }
}

/** The TRPCError code of a rejected promise (or 'OK'). */
export const outcome = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
    return 'OK'
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string') return code
    throw error
  }
}

/** The per-field messages a rejected call carried (what the error formatter puts in data.fieldErrors). */
export const fieldErrorsOf = (error: unknown): Record<string, string> => {
  return { ...faultOf(error)?.fieldErrors }
}
