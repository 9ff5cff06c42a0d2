// Issue 14: the kiosk's public services through the tRPC caller, on SQLite and PostgreSQL — legal-aid
// applications into the register with the 7-day clock from the kiosk receipt, receipts whose secret is
// stored only as a hash, the status lookup (never another's data, locks after wrong secrets, limited),
// idempotent submissions.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../src/shared.ts'
import {
  agent,
  boundKiosk,
  dialects,
  fieldErrorsOf,
  idNumber,
  mediation,
  outcome,
  setupApp,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'

export const legalAid = (overrides: Record<string, unknown> = {}) => ({
  key: newId(),
  applicantName: '王秀英',
  phone: '13900139000',
  idNumber: idNumber('19500304', '022'),
  matterType: 'civil.31.4' as const,
  applicantRole: 'self' as const,
  detained: false,
  hasCounsel: false,
  hardshipWaiver: '42.1' as const,
  economicHardship: 'yes' as const,
  urgent: false,
  summary: '子女不支付赡养费，本人年老无固定收入。',
  materialsBrought: ['id'],
  consent: true as const,
  sensitiveConsent: true as const,
  ...overrides,
})

describe.each(dialects)('kiosk services (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect, {
      env: {
        KIOSK_LIMIT_PER_DEVICE: '1000',
        KIOSK_LIMIT_PER_IP: '1000',
        STATUS_LIMIT_PER_IP: '6',
        STATUS_LIMIT_PER_DEVICE: '1000',
        STATUS_LIMIT_PER_RECEIPT: '1000',
      },
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('a legal-aid application reaches the intake queue with its pre-check; the director accepts it into the register, the 7 days counted from the kiosk receipt (法43)', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    // 2026-11-26 10:00 Beijing: the kiosk receipt
    const printed = await kiosk.call.kiosk.submitLegalAid(legalAid())
    expect(printed.receiptNo).toMatch(/^FY20261126-[2-9A-Z]{6}$/)
    expect(printed.secret).toMatch(/^\d{8}$/)
    expect(printed.statusUrl).toBe(`http://pingzhan.test/kiosk/status?no=${printed.receiptNo}`)
    expect(printed.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/)
    expect(Object.keys(printed).sort()).toEqual(['qrSvg', 'receiptNo', 'secret', 'statusUrl'])

    const director = await signedIn(app, 'dir-nanma')
    const queue = await director.call.intake.list({ status: 'new' })
    const item = queue.items.find((i) => i.receiptNo === printed.receiptNo)
    expect(item).toMatchObject({
      kind: 'legalAid',
      applicantName: '王秀英',
      phoneMasked: '139****9000',
      legalAid: {
        matterType: 'civil.31.4',
        hardshipWaiver: '42.1',
        outcome: 'likely',
        economicTest: 'unverified',
      },
    })
    expect(item?.idNumberMasked).toMatch(/^3703\*{10}\d{3}[\dX]$/)
    expect(item?.legalAid?.materials.map((m) => [m.code, m.brought])).toEqual([
      ['id', true],
      ['case.31.4', false],
      ['proof.42.1', false],
    ])
    // a legal-aid intake is not a mediation request
    const asMediation = await director.call.intake
      .accept({
        id: item?.id ?? '',
        dutyCode: 'office.peacetime.2',
        title: '误受理',
        dueDate: '2026-12-31',
        assigneeId: await userId(app, 'staff-lucun-1'),
      })
      .catch((e) => e)
    expect(asMediation).toMatchObject({ code: 'BAD_REQUEST' })

    // two days later the director accepts it: the register receives it as of the kiosk receipt
    app.clock.advance(2 * 86_400_000)
    const handlerId = await userId(app, 'staff-lucun-1')
    const later = await signedIn(app, 'dir-nanma')
    const accepted = await later.call.intake.acceptLegalAid({
      id: item?.id ?? '',
      handlerId,
      missingMaterials: ['亲属关系证明'],
      materialsDue: '2026-12-05',
    })
    // 11-26 + 7 = 12-03 (Thursday), not 11-28 + 7
    expect(accepted.decisionDeadline).toBe('2026-12-03')
    const c = await later.call.legalAid.get({ id: accepted.legalAidId })
    expect(c).toMatchObject({
      receivedDate: '2026-11-26',
      receivedAt: '2026-11-26T02:00:00.000Z',
      status: 'awaiting_materials',
      hardshipWaiver: '42.1',
      matterType: 'civil.31.4',
      missingMaterials: ['亲属关系证明'],
      taskId: accepted.taskId,
    })
    expect(c.summary).toContain(printed.receiptNo)
    // once only
    expect(await outcome(later.call.intake.acceptLegalAid({ id: item?.id ?? '', handlerId }))).toBe(
      'CONFLICT',
    )
    const after = await later.call.intake.get({ id: item?.id ?? '' })
    expect(after).toMatchObject({ status: 'accepted', taskId: accepted.taskId })
    expect(after.legalAid?.legalAidId).toBe(accepted.legalAidId)

    // the resident sees the stage, nothing more
    const status = await agent(app, { ip: '10.9.0.1' }).call.receipt.status({
      receiptNo: printed.receiptNo,
      secret: printed.secret,
    })
    expect(status).toEqual({
      receiptNo: printed.receiptNo,
      kindLabel: '法律援助申请',
      officeName: '南麻司法所',
      stage: '司法所已受理：待补充材料',
      detail: '请在 12月5日 前补充材料',
    })
  })

  it('a detained applicant is forwarded within 24 hours of the kiosk receipt (法39)', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const at = app.clock.now().getTime()
    const printed = await kiosk.call.kiosk.submitLegalAid(
      legalAid({
        matterType: 'criminal.24',
        applicantRole: 'relative',
        detained: true,
        hardshipWaiver: undefined,
        agentName: '王建国',
        agentRelation: '子女',
        agentIdNumber: idNumber('19780101', '011'),
      }),
    )
    const director = await signedIn(app, 'dir-nanma')
    const item = (await director.call.intake.list({ status: 'new' })).items.find(
      (i) => i.receiptNo === printed.receiptNo,
    )
    expect(item?.legalAid).toMatchObject({ agentName: '王建国', agentRelation: '子女', detained: true })
    expect(item?.legalAid?.agentIdNumberMasked).toMatch(/^3703\*{10}/)
    app.clock.advance(3 * 3600_000)
    const later = await signedIn(app, 'dir-nanma')
    const accepted = await later.call.intake.acceptLegalAid({
      id: item?.id ?? '',
      handlerId: await userId(app, 'staff-lucun-1'),
    })
    const c = await later.call.legalAid.get({ id: accepted.legalAidId })
    expect(c.forwardDueAt).toBe(new Date(at + 24 * 3600_000).toISOString())
  })

  it('refuses contradictory answers, a minor without a guardian and guardian consent, a missing sensitive consent; nothing is written', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const before = await app.deps.db
      .selectFrom('intakes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const wrongGround = await kiosk.call.kiosk
      .submitLegalAid(legalAid({ hardshipWaiver: '42.3' }))
      .catch((e) => e)
    expect(fieldErrorsOf(wrongGround).hardshipWaiver).toContain('工资')
    const child = idNumber('20180601', '033')
    const minor = await kiosk.call.kiosk.submitLegalAid(legalAid({ idNumber: child })).catch((e) => e)
    expect(fieldErrorsOf(minor).applicantRole).toContain('监护人')
    const noConsent = await kiosk.call.kiosk
      .submitLegalAid(
        legalAid({
          idNumber: child,
          applicantRole: 'guardian',
          agentName: '李娟',
          agentRelation: '母亲',
          agentIdNumber: idNumber('19900101', '044'),
        }),
      )
      .catch((e) => e)
    expect(fieldErrorsOf(noConsent).guardianConsent).toContain('第三十一条')
    const childAgent = await kiosk.call.kiosk
      .submitLegalAid(
        legalAid({
          idNumber: child,
          applicantRole: 'guardian',
          agentName: '李娟',
          agentRelation: '母亲',
          agentIdNumber: idNumber('20150101', '044'),
          guardianConsent: true,
        }),
      )
      .catch((e) => e)
    expect(fieldErrorsOf(childAgent).agentIdNumber).toContain('十八周岁')
    const sensitive = await kiosk.call.kiosk
      .submitLegalAid({ ...legalAid(), sensitiveConsent: false as unknown as true })
      .catch((e) => e)
    expect(fieldErrorsOf(sensitive).sensitiveConsent).toContain('敏感个人信息')
    const after = await app.deps.db
      .selectFrom('intakes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    // with the guardian and the guardian's consent it goes through
    const ok = await kiosk.call.kiosk.submitLegalAid(
      legalAid({
        idNumber: child,
        applicantRole: 'guardian',
        agentName: '李娟',
        agentRelation: '母亲',
        agentIdNumber: idNumber('19900101', '044'),
        agentPhone: '13900139011',
        guardianConsent: true,
      }),
    )
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'intake.submit')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
      receiptNo: ok.receiptNo,
      minor: true,
      guardianConsent: true,
    })
  })

  it('a submission retried with the same key (lost answer) returns the same receipt and secret and creates nothing twice, also when both race', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const input = legalAid()
    const [a, b] = await Promise.all([
      kiosk.call.kiosk.submitLegalAid(input),
      kiosk.call.kiosk.submitLegalAid(input),
    ])
    const c = await kiosk.call.kiosk.submitLegalAid(input)
    expect(b).toEqual(a)
    expect(c).toEqual(a)
    const rows = await app.deps.db
      .selectFrom('kiosk_receipts')
      .select('receipt_no')
      .where('receipt_no', '=', a.receiptNo)
      .execute()
    expect(rows).toHaveLength(1)
    const m = mediation({ key: newId() })
    const m1 = await kiosk.call.kiosk.submitMediation(m)
    const m2 = await kiosk.call.kiosk.submitMediation(m)
    expect(m2).toEqual(m1)
    expect(m1.receiptNo).toMatch(/^TJ/)
    // another device with the same key is another submission
    const other = await boundKiosk(app, 'nanma')
    expect((await other.call.kiosk.submitLegalAid(input)).receiptNo).not.toBe(a.receiptNo)
  })

  it('status lookup: the same answer for an unknown receipt and a wrong secret; only a hash is stored; wrong secrets lock the receipt; every lookup is audited', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const mine = await kiosk.call.kiosk.submitMediation(mediation({ key: newId() }))
    const stored = await app.deps.db
      .selectFrom('kiosk_receipts')
      .selectAll()
      .where('receipt_no', '=', mine.receiptNo)
      .executeTakeFirstOrThrow()
    expect(stored.secret_hash).not.toContain(mine.secret)
    if (app.sqlitePath) expect(readFileSync(app.sqlitePath).includes(Buffer.from(mine.secret))).toBe(false)

    const ok = await kiosk.call.kiosk.lookupStatus({
      receiptNo: mine.receiptNo.toLowerCase(),
      secret: mine.secret,
    })
    expect(ok).toEqual({
      receiptNo: mine.receiptNo,
      kindLabel: '人民调解申请',
      officeName: '南麻司法所',
      stage: '已提交，等待司法所受理',
      detail: null,
    })
    const json = JSON.stringify(ok)
    for (const personal of ['张三', '13800138000', '李四', '宅基地']) expect(json).not.toContain(personal)

    const unknown = await kiosk.call.kiosk
      .lookupStatus({ receiptNo: 'TJ20261126-ZZZZZZ', secret: mine.secret })
      .catch((e) => e)
    const wrong = await kiosk.call.kiosk
      .lookupStatus({ receiptNo: mine.receiptNo, secret: '00000000' })
      .catch((e) => e)
    expect(unknown.message).toBe(wrong.message)
    expect(unknown.code).toBe('BAD_REQUEST')
    expect(wrong.code).toBe('BAD_REQUEST')

    // four more wrong secrets (five in all) lock it, concurrently counted by the database
    const tries = await Promise.all(
      ['11111111', '22222222', '33333333', '44444444'].map((secret) =>
        outcome(kiosk.call.kiosk.lookupStatus({ receiptNo: mine.receiptNo, secret })),
      ),
    )
    expect(tries.filter((t) => t === 'FORBIDDEN').length).toBeGreaterThanOrEqual(1)
    const locked = await kiosk.call.kiosk
      .lookupStatus({ receiptNo: mine.receiptNo, secret: mine.secret })
      .catch((e) => e)
    expect(locked).toMatchObject({ code: 'FORBIDDEN' })
    expect(locked.message).toContain('已锁定')
    const row = await app.deps.db
      .selectFrom('kiosk_receipts')
      .selectAll()
      .where('receipt_no', '=', mine.receiptNo)
      .executeTakeFirstOrThrow()
    expect(Number(row.failed_attempts)).toBe(5)
    expect(row.locked_at).not.toBeNull()

    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select(['after_json', 'subject_id', 'actor_role'])
      .where('action', '=', 'receipt.lookup')
      .orderBy('seq', 'asc')
      .execute()
    const outcomes = audit.map((a) => JSON.parse(a.after_json ?? '{}').outcome)
    expect(outcomes.slice(-8)).toEqual(
      expect.arrayContaining(['ok', 'unknown', 'wrongSecret', 'lockedNow', 'locked']),
    )
    expect(audit.filter((a) => a.subject_id === mine.receiptNo).every((a) => a.actor_role === 'kiosk')).toBe(
      true,
    )
    // the secret itself is never audited
    expect(audit.some((a) => (a.after_json ?? '').includes(mine.secret))).toBe(false)
  })

  it('the public page is limited per IP; a flood on one receipt from many IPs is limited per receipt', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const mine = await kiosk.call.kiosk.submitMediation(mediation({ key: newId() }))
    const visitor = agent(app, { ip: '10.7.0.1' })
    for (let i = 0; i < 6; i++)
      expect(
        await outcome(visitor.call.receipt.status({ receiptNo: mine.receiptNo, secret: mine.secret })),
      ).toBe('OK')
    expect(
      await outcome(visitor.call.receipt.status({ receiptNo: mine.receiptNo, secret: mine.secret })),
    ).toBe('TOO_MANY_REQUESTS')
    // malformed input counts too (the limit runs before parsing)
    const flood = agent(app, { ip: '10.7.0.2' })
    for (let i = 0; i < 6; i++)
      await outcome(flood.call.receipt.status({ receiptNo: 1, secret: null } as never))
    expect(await outcome(flood.call.receipt.status({ receiptNo: mine.receiptNo, secret: mine.secret }))).toBe(
      'TOO_MANY_REQUESTS',
    )
    // the public page needs no device but the same secret
    expect(
      await outcome(
        agent(app, { ip: '10.7.0.3' }).call.receipt.status({ receiptNo: mine.receiptNo, secret: '12345678' }),
      ),
    ).toBe('BAD_REQUEST')
  })

  it('per receipt: a distributed guess from many addresses is stopped by the per-receipt window', async () => {
    const limited = await setupApp(dialect, {
      env: { STATUS_LIMIT_PER_RECEIPT: '3', STATUS_MAX_FAILURES: '20' },
    })
    try {
      const kiosk = await boundKiosk(limited, 'nanma')
      const mine = await kiosk.call.kiosk.submitMediation(mediation({ key: newId() }))
      for (let i = 0; i < 3; i++)
        expect(
          await outcome(
            agent(limited, { ip: `10.8.0.${i}` }).call.receipt.status({
              receiptNo: mine.receiptNo,
              secret: '99999999',
            }),
          ),
        ).toBe('BAD_REQUEST')
      expect(
        await outcome(
          agent(limited, { ip: '10.8.1.1' }).call.receipt.status({
            receiptNo: mine.receiptNo,
            secret: mine.secret,
          }),
        ),
      ).toBe('TOO_MANY_REQUESTS')
    } finally {
      await limited.close()
    }
  })
})

describe.each(dialects)('consultation appointments (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect, { env: { KIOSK_LIMIT_PER_DEVICE: '1000', KIOSK_LIMIT_PER_IP: '1000' } })
  })
  afterAll(async () => {
    await app?.close()
  })

  const booking = (slotId: string, overrides: Record<string, unknown> = {}) => ({
    key: newId(),
    slotId,
    applicantName: '孙大妈',
    phone: '13600136000',
    topic: '继承赡养' as const,
    consent: true as const,
    ...overrides,
  })

  it('the director opens slots; the kiosk lists them without anyone’s data; one slot, two residents at once → exactly one wins', async () => {
    const director = await signedIn(app, 'dir-nanma')
    expect(
      await director.call.appointment.addSlots({
        day: '2026-11-27',
        times: ['09:00', '09:30', '10:00'],
        minutes: 30,
      }),
    ).toEqual({ created: 3 })
    // overlapping and past times are refused
    const overlap = await director.call.appointment
      .addSlots({ day: '2026-11-27', times: ['09:15'], minutes: 30 })
      .catch((e) => e)
    expect(fieldErrorsOf(overlap).times).toContain('重叠')
    expect(
      fieldErrorsOf(
        await director.call.appointment
          .addSlots({ day: '2026-11-25', times: ['09:00'], minutes: 30 })
          .catch((e) => e),
      ).day,
    ).toContain('今天以前')
    // another office's director cannot open 南麻's slots
    const xili = await signedIn(app, 'dir-xili')
    expect(
      await outcome(
        xili.call.appointment.addSlots({
          officeCode: 'nanma',
          day: '2026-11-27',
          times: ['11:00'],
          minutes: 30,
        }),
      ),
    ).toBe('NOT_FOUND')

    const a = await boundKiosk(app, 'nanma', { ip: '10.3.0.1' })
    const b = await boundKiosk(app, 'nanma', { ip: '10.3.0.2' })
    const free = await a.call.kiosk.freeSlots()
    expect(free).toHaveLength(3)
    expect(Object.keys(free[0] ?? {}).sort()).toEqual(['day', 'endsAt', 'id', 'startsAt'])
    expect(free[0]?.startsAt).toBe('2026-11-27T01:00:00.000Z')
    // a kiosk of another office sees none of them and cannot book them
    const other = await boundKiosk(app, 'xili')
    expect(await other.call.kiosk.freeSlots()).toEqual([])
    expect(await outcome(other.call.kiosk.book(booking(free[0]?.id ?? '')))).toBe('BAD_REQUEST')

    const slotId = free[0]?.id ?? ''
    const results = await Promise.all([
      a.call.kiosk.book(booking(slotId, { applicantName: '孙大妈' })).then(
        (r) => ['OK', r] as const,
        (e) => [e.code as string, null] as const,
      ),
      b.call.kiosk.book(booking(slotId, { applicantName: '钱大爷', phone: '13500135000' })).then(
        (r) => ['OK', r] as const,
        (e) => [e.code as string, null] as const,
      ),
    ])
    expect(results.map(([c]) => c).sort()).toEqual(['CONFLICT', 'OK'])
    const live = await app.deps.db
      .selectFrom('consult_bookings')
      .selectAll()
      .where('slot_id', '=', slotId)
      .where('status', '=', 'booked')
      .execute()
    expect(live).toHaveLength(1)
    const won = results.find(([c]) => c === 'OK')?.[1]
    expect(won?.receiptNo).toMatch(/^YY20261126-/)
    expect(won?.startsAt).toBe('2026-11-27T01:00:00.000Z')
    expect((await a.call.kiosk.freeSlots()).map((s) => s.id)).not.toContain(slotId)

    // the director and the squad of the area see the day's appointments; another area's squad does not
    const day = await director.call.appointment.day({ day: '2026-11-27' })
    expect(day).toHaveLength(3)
    expect(day[0]?.booking).toMatchObject({ status: 'booked', topic: '继承赡养', receiptNo: won?.receiptNo })
    expect(day[0]?.booking?.phoneMasked).toMatch(/^1[35]\d\*{4}\d{4}$/)
    expect(
      (await (await signedIn(app, 'lead-lucun')).call.appointment.day({ day: '2026-11-27' })).length,
    ).toBe(3)
    expect(
      (await (await signedIn(app, 'staff-lucun-2')).call.appointment.day({ day: '2026-11-27' })).length,
    ).toBe(3)
    expect(await (await signedIn(app, 'lead-xili')).call.appointment.day({ day: '2026-11-27' })).toEqual([])
    expect(await xili.call.appointment.day({ day: '2026-11-27' })).toEqual([])
    expect(await (await signedIn(app, 'secadmin')).call.appointment.day({ day: '2026-11-27' })).toEqual([])

    // a booked slot cannot be withdrawn; a never-booked one can
    expect(await outcome(director.call.appointment.removeSlot({ id: slotId }))).toBe('CONFLICT')
    expect(await outcome(director.call.appointment.removeSlot({ id: free[2]?.id ?? '' }))).toBe('OK')
    expect(await outcome(xili.call.appointment.removeSlot({ id: free[1]?.id ?? '' }))).toBe('NOT_FOUND')

    // the resident's stage, then cancelling needs receipt + secret; the slot is free again
    const winner = results[0]?.[0] === 'OK' ? a : b
    expect(
      await winner.call.kiosk.lookupStatus({ receiptNo: won?.receiptNo ?? '', secret: won?.secret ?? '' }),
    ).toMatchObject({
      kindLabel: '法律咨询预约',
      stage: '已预约',
      detail: '请于 11月27日 09:00–09:30 到司法所咨询',
    })
    expect(
      await outcome(winner.call.kiosk.cancelBooking({ receiptNo: won?.receiptNo ?? '', secret: '00000000' })),
    ).toBe('BAD_REQUEST')
    expect(
      await winner.call.kiosk.cancelBooking({ receiptNo: won?.receiptNo ?? '', secret: won?.secret ?? '' }),
    ).toEqual({ ok: true })
    expect(
      await outcome(
        winner.call.kiosk.cancelBooking({ receiptNo: won?.receiptNo ?? '', secret: won?.secret ?? '' }),
      ),
    ).toBe('CONFLICT')
    expect((await a.call.kiosk.freeSlots()).map((s) => s.id)).toContain(slotId)
    const again = await b.call.kiosk.book(booking(slotId, { applicantName: '钱大爷' }))
    expect(again.receiptNo).not.toBe(won?.receiptNo)
    const after = await director.call.appointment.day({ day: '2026-11-27' })
    expect(after[0]?.booking).toMatchObject({ status: 'booked', applicantName: '钱大爷' })
    expect(after[0]?.cancelledCount).toBe(1)
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'appointment.%')
      .execute()
    expect(audit.map((r) => r.action).sort()).toEqual([
      'appointment.addSlots',
      'appointment.book',
      'appointment.book',
      'appointment.cancel',
      'appointment.removeSlot',
    ])
  })

  it('many residents race for the last slots: every slot ends with exactly one live booking', async () => {
    const director = await signedIn(app, 'dir-nanma')
    await director.call.appointment.addSlots({ day: '2026-11-30', times: ['14:00', '14:30'], minutes: 30 })
    const kiosks = await Promise.all([1, 2, 3, 4].map((i) => boundKiosk(app, 'nanma', { ip: `10.4.0.${i}` })))
    const slots = (await kiosks[0]?.call.kiosk.freeSlots())?.filter((s) => s.day === '2026-11-30') ?? []
    expect(slots).toHaveLength(2)
    const outcomes = await Promise.all(
      kiosks.flatMap((k) => slots.map((s) => outcome(k.call.kiosk.book(booking(s.id))))),
    )
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(2)
    expect(outcomes.filter((o) => o === 'CONFLICT')).toHaveLength(6)
  })
})
