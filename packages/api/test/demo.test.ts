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
    // PostgreSQL's ~12k service transactions took over 10 min on the shared 2-core machine under load
  }, 1_200_000)
  afterAll(async () => {
    await app?.close()
  })

  const now = () => app.clock.now().toISOString()

  it('was generated at start, through the services, and the audit chain verifies', async () => {
    expect(app.demoData?.created).toBe(true)
    // the closing note's figures: seeding time and the data set's sizes
    console.log(
      `demo county (${dialect}): ${((app.demoData?.ms ?? 0) / 1000).toFixed(1)} s, ` +
        `${Object.values(app.demoData?.calls ?? {}).reduce((a, b) => a + b, 0)} service calls; rows ` +
        JSON.stringify(app.demoData?.rows),
    )
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
    // vehicle: the 鲁村 vehicle's service falling due (the hourly sweep's task for its squad leader)
    expect(new Set(tasks.map((x) => x.source))).toEqual(new Set(['manual', 'kiosk', 'statutory', 'vehicle']))
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

  it('has each squad’s vehicle with months of bookings, trips, borrowings decided, one displaced, and bookings today', async () => {
    const db = app.deps.db
    const vehicles = await db.selectFrom('vehicles').select(['squad_code', 'created_by']).execute()
    expect(vehicles.map((v) => v.squad_code).sort()).toEqual(['lucun', 'shiqiao', 'xili'])
    const audits = await db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'vehicle.register')
      .execute()
    expect(audits).toHaveLength(3)
    const bookings = await db
      .selectFrom('vehicle_bookings')
      .select(['status', 'requester_kind', 'starts_at', 'wartime', 'displaced_by'])
      .execute()
    expect(bookings.length).toBeGreaterThan(150)
    const statuses = new Set(bookings.map((b) => b.status))
    for (const s of ['returned', 'rejected', 'displaced', 'pending', 'cancelled'])
      expect(statuses).toContain(s)
    expect(new Set(bookings.map((b) => b.requester_kind))).toEqual(
      new Set(['squad', 'office', 'brigade', 'department']),
    )
    const displaced = bookings.filter((b) => b.status === 'displaced')
    expect(displaced).toHaveLength(1)
    expect(bookings.filter((b) => b.wartime === 1)).toHaveLength(1)
    // months back, and today (Beijing date)
    const today = new Date(app.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
    const dayOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)
    expect(bookings.some((b) => dayOf(b.starts_at) === today)).toBe(true)
    expect(Date.parse(now()) - Math.min(...bookings.map((b) => Date.parse(b.starts_at)))).toBeGreaterThan(
      170 * 86_400_000,
    )
    const trips = await db.selectFrom('vehicle_trips').select(['out_km', 'in_km']).execute()
    expect(trips.length).toBeGreaterThan(100)
    for (const t of trips) if (t.in_km !== null) expect(Number(t.in_km)).toBeGreaterThan(Number(t.out_km))
    // the 鲁村 vehicle's service is due next week: its squad leader has the task
    expect(await db.selectFrom('vehicle_due_tasks').select('kind').execute()).toEqual([{ kind: 'service' }])
  })

  it('has the pooled budget: lines by the bureau, requests approved, refused and waiting, one above the threshold, small receipts', async () => {
    const db = app.deps.db
    const lines = await db.selectFrom('budget_lines').select(['office_code', 'updated_by']).execute()
    expect(new Set(lines.map((l) => l.office_code)).size).toBe(12)
    const requests = await db
      .selectFrom('expense_requests')
      .select(['status', 'needs_bureau', 'bureau_decided_by', 'office_code'])
      .execute()
    const statuses = new Set(requests.map((r) => r.status))
    for (const s of ['paid', 'approved', 'rejected', 'pending']) expect(statuses).toContain(s)
    expect(new Set(requests.map((r) => r.office_code)).size).toBe(12)
    const above = requests.filter((r) => r.needs_bureau === 1)
    expect(above).toHaveLength(1)
    expect(above[0]?.bureau_decided_by).not.toBeNull()
    const receipts = await db.selectFrom('expense_receipts').select(['bytes', 'mime']).execute()
    expect(receipts.length).toBeGreaterThan(20)
    for (const r of receipts)
      expect({ mime: r.mime, small: Number(r.bytes) < 2048 }).toEqual({
        mime: 'application/pdf',
        small: true,
      })
    // the pools add up: what each area committed and spent is what its offices' lines did
    const pools = await db.selectFrom('area_pools').selectAll().execute()
    const sums = await db
      .selectFrom('budget_lines')
      .select(['area_code', 'year'])
      .select((eb) => [
        eb.fn.sum<number>('budget_fen').as('b'),
        eb.fn.sum<number>('committed_fen').as('c'),
        eb.fn.sum<number>('spent_fen').as('s'),
      ])
      .groupBy(['area_code', 'year'])
      .execute()
    for (const p of pools) {
      const s = sums.find((x) => x.area_code === p.area_code && Number(x.year) === Number(p.year))
      expect([Number(p.budget_fen), Number(p.committed_fen), Number(p.spent_fen)]).toEqual([
        Number(s?.b),
        Number(s?.c),
        Number(s?.s),
      ])
      expect(Number(p.spent_fen)).toBeGreaterThan(0)
    }
  })

  it('has a published assessment scheme, past months ranked, last year’s entries, inspections with rectifications, escalations and an accountability record', async () => {
    const db = app.deps.db
    const schemes = await db.selectFrom('assessment_schemes').select('status').execute()
    expect(schemes).toEqual([{ status: 'published' }])
    const periods = (await db.selectFrom('assessment_publications').select('period_key').execute()).map(
      (p) => p.period_key,
    )
    expect(periods.length).toBeGreaterThanOrEqual(4)
    for (const p of periods) expect(p).toMatch(/^\d{4}-\d{2}$/)
    const admin = await signedIn(app, 'admin')
    const ranked = await admin.call.assessment.results({ period: periods.sort()[0] ?? '' })
    expect(ranked.office).toHaveLength(12)
    expect(new Set(ranked.office.map((o) => o.total)).size).toBeGreaterThan(1)
    // the year before the first simulated day (182 days back)
    const firstYear = new Date(app.clock.now().getTime() - 182 * 86_400_000).getUTCFullYear()
    const entries = await db.selectFrom('assessment_entries').select(['year', 'entry']).execute()
    expect(entries).toHaveLength(30)
    expect(new Set(entries.map((e) => Number(e.year)))).toEqual(new Set([firstYear - 1]))
    const inspections = await db
      .selectFrom('inspections')
      .innerJoin('users', 'users.id', 'inspections.leader_id')
      .select(['users.username', 'inspections.area_code'])
      .execute()
    expect(new Set(inspections.map((i) => i.username))).toEqual(
      new Set(['liaison-lucun', 'liaison-xili', 'liaison-shiqiao']),
    )
    for (const i of inspections) expect(i.username).toBe(`liaison-${i.area_code}`)
    const findings = await db
      .selectFrom('inspection_findings')
      .leftJoin('tasks', 'tasks.id', 'inspection_findings.task_id')
      .select(['inspection_findings.status', 'tasks.status as task_status', 'tasks.title'])
      .execute()
    expect(findings.length).toBeGreaterThan(10)
    for (const f of findings) expect(f.title).toMatch(/整改/)
    expect(new Set(findings.map((f) => f.status))).toContain('accepted')
    expect(
      await db.selectFrom('audit_log').select('id').where('action', '=', 'inspection.return').execute(),
    ).not.toHaveLength(0)
    const escalations = await db.selectFrom('escalations').select(['source', 'decision']).execute()
    expect(escalations.length).toBeGreaterThan(2)
    for (const e of escalations) expect(e.source).toBe('inspection')
    expect(escalations.some((e) => e.decision !== null)).toBe(true)
    expect(await db.selectFrom('accountability_records').select('category').execute()).toEqual([
      { category: 'dutyFailure' },
    ])
  })

  it('has legal-aid applications from the kiosks with receipts, and consultation slots booked today', async () => {
    const db = app.deps.db
    const applications = await db
      .selectFrom('intake_legal_aid')
      .innerJoin('intakes', 'intakes.id', 'intake_legal_aid.intake_id')
      .innerJoin('kiosk_receipts', 'kiosk_receipts.subject_id', 'intakes.id')
      .select(['intakes.status', 'intakes.office_code', 'kiosk_receipts.kind'])
      .execute()
    expect(new Set(applications.map((a) => a.office_code)).size).toBe(12)
    expect(new Set(applications.map((a) => a.kind))).toEqual(new Set(['legalAid']))
    expect(new Set(applications.map((a) => a.status))).toEqual(new Set(['new', 'accepted']))
    const today = new Date(app.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
    const booked = await db
      .selectFrom('consult_bookings')
      .innerJoin('consult_slots', 'consult_slots.id', 'consult_bookings.slot_id')
      .innerJoin('kiosk_receipts', 'kiosk_receipts.subject_id', 'consult_bookings.id')
      .select(['consult_slots.office_code', 'consult_slots.day'])
      .where('consult_bookings.status', '=', 'booked')
      .execute()
    const todays = booked.filter((b) => b.day === today)
    expect(new Set(todays.map((b) => b.office_code)).size).toBe(12)
    expect(booked.length).toBeGreaterThan(todays.length * 3)
    const free = await db.selectFrom('consult_slots').select('id').where('day', '>', today).execute()
    expect(free.length).toBeGreaterThan(0)
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

  const today = () => new Date(app.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)

  it('gives the 审计管理员 today’s audit, today’s sign-ins with failures, and a verified chain', async () => {
    const a = await signedIn(app, 'auditor')
    const audit = await a.call.audit.list({ from: today(), limit: 100 })
    expect(audit.items.length).toBeGreaterThan(20)
    const logins = await a.call.loginLog.list({ from: today(), limit: 100 })
    const kinds = new Set(logins.items.map((l) => l.kind))
    expect(kinds).toContain('login')
    expect(kinds).toContain('failure')
    expect(
      logins.items
        .filter((l) => l.kind === 'failure')
        .map((l) => l.username)
        .sort(),
    ).toEqual(['staff-xili-3', 'staff-xili-3', 'zhangsan'])
    expect(await a.call.audit.verify()).toMatchObject({ ok: true, brokenAt: null })
  })

  it('gives the 安全管理员 the new account waiting for its first password change, and the sessions', async () => {
    const s = await signedIn(app, 'secadmin')
    const waiting = await s.call.user.list({ status: 'mustChange', limit: 100 })
    expect(waiting.items.map((u) => u.username)).toEqual(['staff-xili-new'])
    const sessions = await s.call.session.list({})
    expect(sessions.length).toBeGreaterThan(1)
  })

  it('gives the 局科室 user its vehicle borrowings, one on the road today', async () => {
    const d = await signedIn(app, 'dept-1')
    const mine = await d.call.vehicle.myBookings()
    const dayOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)
    const todays = mine.filter((b) => dayOf(b.startsAt) === today())
    expect(todays.map((b) => [b.squadCode, b.status])).toContainEqual(['lucun', 'out'])
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
  }, 1_200_000)
})
