// The living demo county (issue 17) on SQLite and PostgreSQL: started with PINGZHAN_DEMO_DATA=1 at
// the test clock's present, it holds six months of work made through the services. The audit chain
// verifies, the deadline engine's sweep changes nothing, a second start changes nothing, every duty
// and office has its work, every stage of the capabilities is there, and each demo role's 工作台 has
// something on it today.
import { CURRENT_CATALOG_VERSION, dutiesOf } from '@pingzhan/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp } from '../src/app.ts'
import { verifyAudit } from '../src/audit/audit.ts'
import { decryptField } from '../src/crypto/keys.ts'
import { countRows, seedDemoData } from '../src/seed/demo/index.ts'
import { isDemoIdNumber } from '../src/seed/fake-id.ts'
import { SWEEP_ACTOR, sweepObligations } from '../src/services/obligations.ts'
import { dialects, setupApp, signedIn, type TestApp } from './harness.ts'

const lastAudit = async (app: TestApp) =>
  app.deps.db
    .selectFrom('audit_log')
    .select(['seq', 'mac'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()

describe.each(dialects)('demo county (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect, { env: { PINGZHAN_DEMO_DATA: '1' } })
  }, 600_000)
  afterAll(async () => {
    await app?.close()
  })

  const now = () => app.clock.now().toISOString()

  it('was generated at start, through the services, and the audit chain verifies', async () => {
    expect(app.demoData?.created).toBe(true)
    const verified = await verifyAudit(app.deps.db, app.deps.keys)
    expect(verified.ok).toBe(true)
    expect(verified.checked).toBe(app.demoData?.rows.audit_log)
    // every write left its audit row at the simulated time: the oldest are months before today
    const first = await app.deps.db
      .selectFrom('audit_log')
      .select('at')
      .where('action', '=', 'task.create')
      .orderBy('at')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(Date.parse(now()) - Date.parse(first.at)).toBeGreaterThan(170 * 86_400_000)
    const future = await app.deps.db.selectFrom('audit_log').select('id').where('at', '>', now()).execute()
    expect(future).toEqual([])
  })

  it('passes the deadline engine recompute with zero changes', async () => {
    const run = await sweepObligations(app.deps, { actor: SWEEP_ACTOR, correlationId: 'demo-test', ip: null })
    expect(run.cases).toBeGreaterThan(30)
    expect({ created: run.created, closed: run.closed, moved: run.moved }).toEqual({
      created: 0,
      closed: 0,
      moved: 0,
    })
  })

  it('changes nothing on a second start', async () => {
    const before = { rows: await countRows(app.deps), last: await lastAudit(app) }
    const again =
      dialect === 'sqlite'
        ? await startApp(app.deps.config, { clock: app.clock.now })
        : { demoData: await seedDemoData(app.deps), handle: null }
    expect(again.demoData?.created).toBe(false)
    await again.handle?.destroy()
    expect({ rows: await countRows(app.deps), last: await lastAudit(app) }).toEqual(before)
  })

  it('has tasks under every duty of the four catalogues, done, late, overdue and open', async () => {
    const tasks = await app.deps.db
      .selectFrom('tasks')
      .select(['duty_code', 'status', 'due_at', 'completed_at', 'source'])
      .execute()
    const used = new Set(tasks.map((t) => t.duty_code))
    const missing = dutiesOf(CURRENT_CATALOG_VERSION).filter((d) => !used.has(d.code))
    expect(missing.map((d) => d.code)).toEqual([])
    const t = now()
    const unfinished = (s: string) => s === 'open' || s === 'in_progress'
    const done = tasks.filter((x) => x.status === 'done')
    expect(done.length).toBeGreaterThan(tasks.length / 2)
    expect(done.filter((x) => (x.completed_at ?? '') > x.due_at).length).toBeGreaterThan(10)
    expect(tasks.filter((x) => unfinished(x.status) && x.due_at < t).length).toBeGreaterThan(5)
    expect(tasks.filter((x) => unfinished(x.status) && x.due_at > t).length).toBeGreaterThan(20)
    expect(tasks.filter((x) => x.status === 'cancelled').length).toBeGreaterThan(0)
    expect(new Set(tasks.map((x) => x.source))).toEqual(new Set(['manual', 'kiosk', 'statutory']))
  })

  it('has kiosk requests, mediation cases and the registers in every office, with outcomes', async () => {
    const offices = app.deps.org.config.offices.map((o) => o.code).sort()
    const byOffice = async (
      table:
        | 'intakes'
        | 'mediation_cases'
        | 'legal_aid_cases'
        | 'legality_reviews'
        | 'legal_education_events',
    ) =>
      [
        ...new Set(
          (await app.deps.db.selectFrom(table).select('office_code').execute()).map((r) => r.office_code),
        ),
      ].sort()
    for (const table of [
      'intakes',
      'mediation_cases',
      'legal_aid_cases',
      'legality_reviews',
      'legal_education_events',
    ] as const)
      expect(await byOffice(table)).toEqual(offices)
    const statuses = async (
      table:
        | 'intakes'
        | 'mediation_cases'
        | 'legal_aid_cases'
        | 'legality_reviews'
        | 'legal_education_events',
    ) => new Set((await app.deps.db.selectFrom(table).select('status').execute()).map((r) => r.status))
    expect(await statuses('intakes')).toEqual(new Set(['new', 'accepted', 'rejected']))
    expect(await statuses('mediation_cases')).toEqual(
      new Set(['accepted', 'mediating', 'agreement', 'failed', 'refused']),
    )
    for (const s of ['forwarded', 'granted', 'refused', 'withdrawn'])
      expect(await statuses('legal_aid_cases')).toContain(s)
    expect(await statuses('legality_reviews')).toEqual(new Set(['pending', 'concluded']))
    expect(await statuses('legal_education_events')).toEqual(new Set(['planned', 'held']))
  })

  it('has supervisees in every stage, one lost contact found, and released prisoners in aftercare', async () => {
    const status = new Set(
      (await app.deps.db.selectFrom('supervisees').select('status').execute()).map((r) => r.status),
    )
    expect(status).toEqual(new Set(['pending', 'active', 'discharged']))
    const kinds = new Set(
      (await app.deps.db.selectFrom('supervisee_events').select('kind').execute()).map((r) => r.kind),
    )
    for (const k of [
      'investigationCommissioned',
      'investigationOpinion',
      'judgment',
      'reported',
      'intakeAnnounced',
      'planMade',
      'homeVisit',
      'sanction',
      'monitoringStarted',
      'lostContact',
      'contactRestored',
      'discharged',
    ])
      expect(kinds).toContain(k)
    const leaves = new Set(
      (await app.deps.db.selectFrom('leave_requests').select('status').execute()).map((r) => r.status),
    )
    expect(leaves).toContain('approved')
    // the search task of the loss of contact was opened and closed when the person was found
    const search = await app.deps.db
      .selectFrom('obligations')
      .innerJoin('tasks', 'tasks.id', 'obligations.task_id')
      .select(['obligations.satisfied', 'tasks.status'])
      .where('obligations.kind', '=', 'search')
      .execute()
    expect(search).toEqual([{ satisfied: 1, status: 'done' }])
    const releasees = await app.deps.db.selectFrom('releasees').select('status').execute()
    expect(releasees.filter((r) => r.status === 'aftercare').length).toBeGreaterThan(5)
  })

  it('has past wartime activations with rosters, acknowledgements and reviews, and one open today', async () => {
    const stages = (await app.deps.db.selectFrom('activations').select('stage').execute()).map((r) => r.stage)
    expect(stages.filter((s) => s === 'closed')).toHaveLength(4)
    expect(stages.filter((s) => s !== 'closed')).toHaveLength(1)
    const kinds = new Set(
      (await app.deps.db.selectFrom('mode_events').select('kind').execute()).map((r) => r.kind),
    )
    for (const k of [
      'Acknowledged',
      'DeclineAccepted',
      'TaskAssigned',
      'TaskDone',
      'EscalationDecided',
      'StoodDown',
      'Reviewed',
    ])
      expect(kinds).toContain(k)
    const leave = await app.deps.db.selectFrom('staff_leaves').select(['starts_at', 'ends_at']).execute()
    expect(leave.some((l) => l.starts_at <= now() && l.ends_at > now())).toBe(true)
  })

  it('names people visibly as demo and gives them fake, well-formed ID numbers', async () => {
    const people = [
      ...(await app.deps.db.selectFrom('supervisees').select(['name', 'id_number_enc']).execute()),
      ...(await app.deps.db.selectFrom('releasees').select(['name', 'id_number_enc']).execute()),
      ...(await app.deps.db
        .selectFrom('intakes')
        .select(['applicant_name as name', 'id_number_enc'])
        .execute()),
    ]
    expect(people.length).toBeGreaterThan(250)
    for (const p of people) {
      expect(p.name).toMatch(/（演示）$/)
      expect(isDemoIdNumber(decryptField(app.deps.keys, p.id_number_enc))).toBe(true)
    }
  })

  it("opens every demo role's 工作台 on something to do today", async () => {
    const users = await app.deps.db
      .selectFrom('users')
      .select(['username', 'role'])
      .where('demo', '=', 1)
      .execute()
    const withWork = [
      'bureauAdmin',
      'bureauLeader',
      'brigadeLeader',
      'squadLeader',
      'squadMember',
      'officeDirector',
    ]
    for (const u of users.filter((x) => withWork.includes(x.role))) {
      const a = await signedIn(app, u.username)
      const open = await a.call.task.list({ status: 'unfinished', limit: 100 })
      expect({ user: u.username, n: open.items.length > 0 }).toEqual({ user: u.username, n: true })
      // something due by the end of today, or already overdue
      const today = `${now().slice(0, 10)}T15:59:59.999Z`
      expect({ user: u.username, due: open.items.some((t) => t.dueAt <= today) }).toEqual({
        user: u.username,
        due: true,
      })
      if (u.role === 'officeDirector') {
        const waiting = await a.call.intake.list({ status: 'new' })
        expect({ user: u.username, n: waiting.items.length > 0 }).toEqual({ user: u.username, n: true })
      }
    }
  })
})

describe('demo determinism', () => {
  it('makes the same data from the same seed on the same day', async () => {
    const a = await setupApp('sqlite')
    const b = await setupApp('sqlite')
    try {
      const ra = await seedDemoData(a.deps, { now: a.clock.now() })
      const rb = await seedDemoData(b.deps, { now: b.clock.now() })
      expect(rb.rows).toEqual(ra.rows)
      const shape = (app: TestApp) =>
        app.deps.db
          .selectFrom('tasks')
          .select(['title', 'duty_code', 'status', 'due_at', 'created_at', 'completed_at'])
          .orderBy('created_at')
          .orderBy('title')
          .execute()
      expect(await shape(b)).toEqual(await shape(a))
    } finally {
      await a.close()
      await b.close()
    }
  }, 600_000)
})
