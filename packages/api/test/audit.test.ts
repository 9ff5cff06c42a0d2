import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAudit } from '../src/audit/audit.ts'
import { appRouter } from '../src/routers/index.ts'
import type { Context } from '../src/trpc/context.ts'
import { createCallerFactory } from '../src/trpc/init.ts'
import {
  boundKiosk,
  counts,
  dialects,
  mediation,
  setupApp,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'

describe.each(dialects)('audit log (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  const newIntake = async (office = 'nanma') => {
    const kiosk = await boundKiosk(app, office)
    await kiosk.call.kiosk.submitMediation(mediation())
    const director = await signedIn(app, `dir-${office}`)
    const intake = (await director.call.intake.list({ status: 'new', limit: 1 })).items[0]
    if (!intake) throw new Error('no intake')
    return { director, intake }
  }

  it('writes who/what/when/unit/subject/before/after/correlation id/ip with every mutation', async () => {
    const { director, intake } = await newIntake()
    const before = await counts(app)
    const { taskId } = await director.call.intake.accept({
      id: intake.id,
      dutyCode: 'office.peacetime.2',
      title: '审计测试',
      dueDate: '2026-12-31',
      assigneeId: await userId(app, 'staff-lucun-3'),
    })
    const after = await counts(app)
    // intake.accept, task.create, and mediation.create for the case it opens in the register
    expect(after.audit - before.audit).toBe(3)
    const admin = await signedIn(app, 'auditor')
    const list = await admin.call.audit.list({ action: 'intake.accept', limit: 1 })
    expect(list.items[0]).toMatchObject({
      actorName: '南麻所长（演示）',
      actorRole: 'officeDirector',
      action: 'intake.accept',
      unitName: '南麻司法所',
      subjectType: 'intake',
      subjectId: intake.id,
      before: { status: 'new' },
      after: { status: 'accepted', taskId },
      ip: '10.0.0.1',
    })
    expect(list.items[0]?.correlationId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('keeps the change and its audit row in one transaction: a failed audit write leaves neither', async () => {
    const { intake } = await newIntake('nanlushan')
    const before = await counts(app)
    // Same director, but the audit key is unusable: appendAudit throws after the task rows are written.
    const director = await signedIn(app, 'dir-nanlushan')
    const brokenKeys = {
      ...app.deps.keys,
      get audit(): Buffer {
        throw new Error('audit key unavailable')
      },
    }
    const ctx: Context = {
      deps: { ...app.deps, keys: brokenKeys },
      req: {
        ip: '10.0.0.1',
        origin: 'http://pingzhan.test',
        host: 'pingzhan.test',
        csrfHeader: '1',
        correlationId: 'c-1',
        cookies: director.jar,
        setCookie: () => {},
        clearCookie: () => {},
      },
    }
    const broken = createCallerFactory(appRouter)(ctx)
    const err = await broken.intake
      .accept({
        id: intake.id,
        dutyCode: 'office.peacetime.2',
        title: '不会成功',
        dueDate: '2026-12-31',
        assigneeId: await userId(app, 'staff-lucun-4'),
      })
      .catch((e) => e)
    expect(err).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' })
    expect(await counts(app)).toEqual(before)
    expect((await director.call.intake.get({ id: intake.id })).status).toBe('new')
  })

  it('verifies the HMAC-SM3 chain and finds a tampered row', async () => {
    const admin = await signedIn(app, 'auditor')
    const good = await admin.call.audit.verify()
    expect(good.ok).toBe(true)
    expect(good.checked).toBeGreaterThan(5)
    expect(good.brokenAt).toBeNull()

    // The database refuses updates and deletes of audit rows …
    await expect(
      sql`UPDATE audit_log SET actor_name = 'x' WHERE seq = 3`.execute(app.deps.db),
    ).rejects.toThrow(/append-only/)
    await expect(sql`DELETE FROM audit_log WHERE seq = 3`.execute(app.deps.db)).rejects.toThrow(/append-only/)

    // … so an attacker with DDL rights drops the trigger first; verify still notices.
    if (app.dialect === 'sqlite') await sql`DROP TRIGGER audit_log_no_update`.execute(app.deps.db)
    else await sql`DROP TRIGGER audit_log_no_change ON audit_log`.execute(app.deps.db)
    await sql`UPDATE audit_log SET after_json = '{"status":"rejected"}' WHERE seq = 4`.execute(app.deps.db)
    expect(await admin.call.audit.verify()).toEqual({ ok: false, checked: 3, brokenAt: 4 })
    expect(await verifyAudit(app.deps.db, app.deps.keys)).toMatchObject({ ok: false, brokenAt: 4 })
  })
})

describe.each(dialects)('audit list (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('filters, pages by keyset, and limits a bureau leader to their area', async () => {
    for (const office of ['nanma', 'xili']) {
      const kiosk = await boundKiosk(app, office)
      for (let i = 0; i < 3; i++) await kiosk.call.kiosk.submitMediation(mediation())
    }
    const admin = await signedIn(app, 'auditor')
    const all = await admin.call.audit.list({ action: 'intake.submit', limit: 4 })
    expect(all.items).toHaveLength(4)
    expect(all.nextCursor).not.toBeNull()
    const rest = await admin.call.audit.list({
      action: 'intake.submit',
      limit: 4,
      cursor: all.nextCursor ?? '',
    })
    expect(rest.items).toHaveLength(2)
    const seqs = [...all.items, ...rest.items].map((i) => i.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    expect(new Set(seqs).size).toBe(6)

    const lucun = await signedIn(app, 'liaison-lucun')
    const mine = await lucun.call.audit.list({ action: 'intake.submit' })
    expect(mine.items.map((i) => i.unitName)).toEqual(['南麻司法所', '南麻司法所', '南麻司法所'])
    const byActor = await admin.call.audit.list({ actor: 'xili 大厅' })
    expect(byActor.items.length).toBeGreaterThan(0)
    expect(byActor.items.every((i) => i.actorName === '自助终端：xili 大厅终端')).toBe(true)
    const tomorrow = await admin.call.audit.list({ from: '2026-11-27' })
    expect(tomorrow.items).toHaveLength(0)
    const today = await admin.call.audit.list({ from: '2026-11-26', to: '2026-11-26', subjectType: 'device' })
    expect(today.items.length).toBe(4)
  })
})

describe('no role can change the audit', () => {
  it('the audit router has queries only, and no procedure of any router writes or removes audit rows by name', () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>
    const auditProcedures = Object.entries(procedures).filter(([name]) => name.startsWith('audit.'))
    expect(auditProcedures.length).toBeGreaterThan(0)
    for (const [, p] of auditProcedures) expect(p._def.type).toBe('query')
    const forbiddenNames = Object.keys(procedures).filter((n) =>
      /audit.*(update|delete|remove|edit|purge|clear)|(update|delete|remove|edit|purge|clear).*audit/i.test(
        n,
      ),
    )
    expect(forbiddenNames).toEqual([])
  })
})

describe.each(dialects)('separated administrative roles read the audit apart (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('the 审计管理员 reads and verifies the audit; the 系统管理员 and the 安全管理员 are refused', async () => {
    const auditor = await signedIn(app, 'auditor')
    expect((await auditor.call.audit.verify()).ok).toBe(true)
    expect((await auditor.call.audit.list({ limit: 5 })).items.length).toBeGreaterThan(0)
    for (const username of ['admin', 'secadmin']) {
      const a = await signedIn(app, username)
      await expect(a.call.audit.list({ limit: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(a.call.audit.verify()).rejects.toMatchObject({ code: 'FORBIDDEN' })
    }
  })
})
