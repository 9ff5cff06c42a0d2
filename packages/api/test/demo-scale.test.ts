// The scale generator (issue 17 `--scale`): a small province on SQLite and PostgreSQL, bulk-loaded by
// the rules of the demo. The deadline engine's sweep over the loaded cases changes nothing, the audit
// chain verifies, a second run is refused, and the data has the promised spread.
import { isMinorOn } from '@pingzhan/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAudit } from '../src/audit/audit.ts'
import { decryptField } from '../src/crypto/keys.ts'
import { isDemoIdNumber } from '../src/seed/fake-id.ts'
import { seedScale } from '../src/seed/scale/scale.ts'
import { SWEEP_ACTOR, sweepObligations } from '../src/services/obligations.ts'
import { dialects, setupApp, type TestApp } from './harness.ts'

describe.each(dialects)('scale generator (%s)', (dialect) => {
  let app: TestApp
  let report: Awaited<ReturnType<typeof seedScale>>
  beforeAll(async () => {
    app = await setupApp(dialect)
    report = await seedScale(app.deps, app.handle, { counties: 3, tasks: 3_000, supervisees: 300 })
  })
  afterAll(async () => {
    await app?.close()
  })

  const count = async (table: 'tasks' | 'supervisees' | 'obligations' | 'task_events' | 'users') =>
    Number(
      (
        await app.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('writes what it reports, with N counties of staff', async () => {
    expect(report.rows.supervisees).toBe(300)
    expect(await count('supervisees')).toBe(300)
    // 3,000 tasks in all: one statutory task per obligation, peacetime work for the rest
    expect(report.rows.tasks).toBe(3_000)
    expect(report.rows.obligations).toBeGreaterThan(500)
    expect(await count('tasks')).toBe(report.rows.tasks)
    expect(await count('task_events')).toBe(report.rows.task_events)
    // counties 2 and 3: 4 members for each of the 3 squads
    expect(report.rows.users).toBe(24)
    const extra = await app.deps.db
      .selectFrom('users')
      .select('display_name')
      .where('username', 'like', 'scale-c3-%')
      .execute()
    expect(extra).toHaveLength(12)
    for (const u of extra) expect(u.display_name).toMatch(/（演示·第3县）$/)
  })

  it('passes the deadline sweep with zero changes and the audit chain verifies', async () => {
    const run = await sweepObligations(app.deps, {
      actor: SWEEP_ACTOR,
      correlationId: 'scale-test',
      ip: null,
    })
    expect(run.cases).toBeGreaterThan(200)
    expect({ created: run.created, closed: run.closed, moved: run.moved }).toEqual({
      created: 0,
      closed: 0,
      moved: 0,
    })
    const verified = await verifyAudit(app.deps.db, app.deps.keys)
    expect(verified.ok).toBe(true)
    const marker = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'seed.scale')
      .execute()
    expect(marker).toHaveLength(1)
  })

  it('spreads tasks over done, late, overdue and open, and cases over every stage', async () => {
    const now = app.deps.clock().toISOString()
    const tasks = await app.deps.db
      .selectFrom('tasks')
      .select(['status', 'due_at', 'completed_at', 'duty_code'])
      .where('source', '=', 'manual')
      .execute()
    const done = tasks.filter((t) => t.status === 'done')
    const late = done.filter((t) => (t.completed_at ?? '') > t.due_at)
    const overdue = tasks.filter((t) => (t.status === 'open' || t.status === 'in_progress') && t.due_at < now)
    const ahead = tasks.filter((t) => t.status === 'open' && t.due_at > now)
    expect(done.length / tasks.length).toBeGreaterThan(0.5)
    expect(late.length).toBeGreaterThan(0)
    expect(overdue.length).toBeGreaterThan(0)
    expect(ahead.length).toBeGreaterThan(0)
    expect(done.filter((t) => (t.completed_at ?? '') > now)).toEqual([])
    const statuses = new Set(
      (await app.deps.db.selectFrom('supervisees').select('status').execute()).map((r) => r.status),
    )
    expect([...statuses].sort()).toEqual(['active', 'discharged', 'pending'])
  })

  it('gives every supervisee a visibly fake, well-formed ID number and a demo name', async () => {
    const rows = await app.deps.db
      .selectFrom('supervisees')
      .select(['name', 'id_number_enc', 'birth_date'])
      .execute()
    const today = app.deps.clock().toISOString().slice(0, 10)
    const seen = new Set<string>()
    for (const r of rows) {
      const id = decryptField(app.deps.keys, r.id_number_enc)
      expect(isDemoIdNumber(id)).toBe(true)
      expect(isMinorOn(r.birth_date, today)).toBe(false)
      expect(r.name).toMatch(/（演示）$/)
      seen.add(id)
    }
    expect(seen.size).toBe(rows.length)
  })

  it('refuses a second run on the same database', async () => {
    await expect(seedScale(app.deps, app.handle, { counties: 1, tasks: 10, supervisees: 1 })).rejects.toThrow(
      /already generated/,
    )
  })
})
