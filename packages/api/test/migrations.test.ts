import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CURRENT_CATALOG_VERSION, dutiesOf } from '@pingzhan/domain'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { dialects } from './harness.ts'

const snapshot = async (db: Awaited<ReturnType<typeof startApp>>['deps']['db']) => ({
  users: await db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash'])
    .orderBy('username')
    .execute(),
  offices: await db.selectFrom('offices').selectAll().orderBy('code').execute(),
  squads: await db.selectFrom('squads').selectAll().orderBy('code').execute(),
  units: await db.selectFrom('org_units').selectAll().orderBy('code').execute(),
  duties: await db.selectFrom('duties').selectAll().orderBy('version').orderBy('code').execute(),
  audit: await db.selectFrom('audit_log').select(['seq', 'mac']).orderBy('seq').execute(),
})

describe.each(dialects)('migrations and seed (%s)', (dialect) => {
  let env: Record<string, string>
  let cleanup: () => Promise<void>
  beforeAll(async () => {
    env = { PINGZHAN_DEMO: '1', PINGZHAN_DATA_KEY: randomBytes(32).toString('hex') }
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'pingzhan-mig-'))
      env.SQLITE_PATH = join(dir, 'm.db')
      cleanup = async () => rmSync(dir, { recursive: true, force: true })
    } else {
      const url = process.env.DATABASE_URL ?? ''
      const schema = `t_${randomBytes(6).toString('hex')}`
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`CREATE SCHEMA ${schema}`)
      await client.end()
      env.DATABASE_URL = url
      env.SCHEMA = schema
      cleanup = async () => {
        const c = new pg.Client({ connectionString: url })
        await c.connect()
        await c.query(`DROP SCHEMA ${schema} CASCADE`)
        await c.end()
      }
    }
  })
  afterAll(async () => {
    await cleanup?.()
  })

  it('migrates up from empty, seeds once, and a second start changes nothing', async () => {
    const options = env.SCHEMA ? { schema: env.SCHEMA } : {}
    const first = await startApp(loadConfig(env), options)
    expect(first.migrated[0]).toBe('2026112601_foundation')
    expect(first.migrated).toContain('2026112610_wartime')
    expect(first.demoUsersCreated).toBe(35)
    const a = await snapshot(first.deps.db)
    await first.handle.destroy()
    expect(a.offices).toHaveLength(12)
    expect(a.squads.map((s) => s.code)).toEqual(['lucun', 'shiqiao', 'xili'])
    expect(a.duties.filter((d) => d.version === CURRENT_CATALOG_VERSION)).toHaveLength(
      dutiesOf(CURRENT_CATALOG_VERSION).length,
    )
    expect(a.offices.find((o) => o.code === 'nanma')).toMatchObject({
      name: '南麻司法所',
      area_code: 'lucun',
    })

    const second = await startApp(loadConfig(env), options)
    expect(second.migrated).toEqual([])
    expect(second.demoUsersCreated).toBe(0)
    expect(await snapshot(second.deps.db)).toEqual(a)
    await second.handle.destroy()
  })

  it('creates no account outside demo mode', async () => {
    if (dialect !== 'sqlite') return
    const dir = mkdtempSync(join(tmpdir(), 'pingzhan-nodemo-'))
    const started = await startApp(
      loadConfig({ PINGZHAN_DATA_KEY: env.PINGZHAN_DATA_KEY ?? '', SQLITE_PATH: join(dir, 'n.db') }),
    )
    expect(await started.deps.db.selectFrom('users').selectAll().execute()).toEqual([])
    await started.handle.destroy()
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('config', () => {
  it('reports every bad value at once with a clear message', () => {
    expect(() =>
      loadConfig({
        PORT: 'abc',
        PINGZHAN_DATA_KEY: 'short',
        DATABASE_URL: 'mysql://x',
        SESSION_IDLE_MINUTES: '0',
      }),
    ).toThrow(/DATABASE_URL[\s\S]*PORT="abc"[\s\S]*PINGZHAN_DATA_KEY[\s\S]*SESSION_IDLE_MINUTES/)
    expect(() => loadConfig({})).toThrow(/PINGZHAN_DATA_KEY 未设置/)
    const c = loadConfig({ PINGZHAN_DATA_KEY: 'a'.repeat(64) })
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      lockoutMinutes: 15,
    })
    expect(c.database.kind).toBe('sqlite')
  })
})
