// Issue 14, on SQLite and PostgreSQL: the console side of kiosk receipts — the director of the receipt's
// office unlocks a receipt locked by wrong secrets (audited, scope-checked, nothing changed on bad input),
// and the squad sees the day's appointments of its area's towns, read only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boundKiosk, dialects, mediation, outcome, setupApp, signedIn, type TestApp } from './harness.ts'

describe.each(dialects)('kiosk receipts in the console (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect, {
      env: {
        KIOSK_LIMIT_PER_DEVICE: '1000',
        KIOSK_LIMIT_PER_IP: '1000',
        STATUS_LIMIT_PER_DEVICE: '1000',
        STATUS_LIMIT_PER_RECEIPT: '1000',
      },
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  const receiptRow = (receiptNo: string) =>
    app.deps.db
      .selectFrom('kiosk_receipts')
      .select(['locked_at', 'failed_attempts'])
      .where('receipt_no', '=', receiptNo)
      .executeTakeFirstOrThrow()

  it('wrong secrets lock a receipt; only the director of its office (or the administrator) unlocks it, with a reason, audited; the same secret works again', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const { receiptNo, secret } = await kiosk.call.kiosk.submitMediation(mediation())
    const wrong = secret === '00000000' ? '11111111' : '00000000'
    for (let i = 0; i < 5; i++)
      await kiosk.call.kiosk.lookupStatus({ receiptNo, secret: wrong }).catch(() => null)
    expect(await outcome(kiosk.call.kiosk.lookupStatus({ receiptNo, secret }))).toBe('FORBIDDEN')
    expect((await receiptRow(receiptNo)).locked_at).not.toBeNull()

    const director = await signedIn(app, 'dir-nanma')
    const item = () =>
      director.call.intake
        .list({ status: 'new', limit: 100 })
        .then((r) => r.items.find((i) => i.receiptNo === receiptNo))
    expect((await item())?.receiptLocked).toBe(true)

    // another office's director: as if it did not exist; squad, liaison: forbidden; bad input: nothing changes
    const xili = await signedIn(app, 'dir-xili')
    expect(await outcome(xili.call.receipt.unlock({ receiptNo, reason: '已核验身份证' }))).toBe('NOT_FOUND')
    const liaison = await signedIn(app, 'liaison-lucun')
    expect(await outcome(liaison.call.receipt.unlock({ receiptNo, reason: '已核验身份证' }))).toBe(
      'FORBIDDEN',
    )
    const short = await director.call.receipt.unlock({ receiptNo, reason: '' }).catch((e) => e)
    expect(short).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('解锁原因') })
    expect(
      await outcome(director.call.receipt.unlock({ receiptNo: 'TJ20261126-ZZZZZZ', reason: '已核验身份证' })),
    ).toBe('NOT_FOUND')
    expect((await receiptRow(receiptNo)).locked_at).not.toBeNull()

    const before = await receiptRow(receiptNo)
    expect(await director.call.receipt.unlock({ receiptNo, reason: '已核验居民身份证' })).toEqual({
      receiptNo,
      unlocked: true,
    })
    expect(await receiptRow(receiptNo)).toEqual({ locked_at: null, failed_attempts: 0 })
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json', 'actor_id'])
      .where('action', '=', 'receipt.unlock')
      .where('subject_id', '=', receiptNo)
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.before_json ?? '{}')).toEqual({
      lockedAt: before.locked_at,
      failedAttempts: Number(before.failed_attempts),
    })
    expect(JSON.parse(audit.after_json ?? '{}')).toEqual({
      lockedAt: null,
      failedAttempts: 0,
      reason: '已核验居民身份证',
    })
    expect(audit.actor_id).not.toBeNull()
    expect((await item())?.receiptLocked).toBe(false)
    // unlocked: the resident's own secret works again; a second unlock is a conflict
    expect((await kiosk.call.kiosk.lookupStatus({ receiptNo, secret })).stage).toContain('等待')
    expect(await outcome(director.call.receipt.unlock({ receiptNo, reason: '已核验居民身份证' }))).toBe(
      'CONFLICT',
    )
    // the administrator may unlock any office's receipt
    for (let i = 0; i < 5; i++)
      await kiosk.call.kiosk.lookupStatus({ receiptNo, secret: wrong }).catch(() => null)
    const admin = await signedIn(app, 'admin')
    expect((await admin.call.receipt.unlock({ receiptNo, reason: '居民持证到窗口' })).unlocked).toBe(true)
  })

  it('the squad sees the day’s appointments of its four towns, read only; another squad sees none of them', async () => {
    const director = await signedIn(app, 'dir-nanma')
    const kiosk = await boundKiosk(app, 'nanma')
    // within the kiosk's two weeks ahead
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      app.deps.clock().getTime() + 3 * 86_400_000,
    )
    await director.call.appointment.addSlots({ day, times: ['09:00', '10:00'], minutes: 30 })
    const slots = await kiosk.call.kiosk.freeSlots()
    const slot = slots.find((s) => s.day === day)
    if (!slot) throw new Error('no slot')
    await kiosk.call.kiosk.book({
      key: 'squad-view-booking-1',
      slotId: slot.id,
      applicantName: '孙大妈',
      phone: '13600136000',
      topic: '继承赡养',
      consent: true,
    })
    for (const username of ['lead-lucun', 'staff-lucun-1']) {
      const squad = await signedIn(app, username)
      const seen = await squad.call.appointment.day({ day })
      expect(seen.map((s) => s.officeCode)).toEqual(['nanma', 'nanma'])
      const booked = seen.find((s) => s.booking?.status === 'booked')
      expect(booked?.booking).toMatchObject({
        applicantName: '孙大妈',
        phoneMasked: '136****6000',
        topic: '继承赡养',
      })
      expect(JSON.stringify(seen)).not.toContain('13600136000')
      // read only
      expect(await outcome(squad.call.appointment.addSlots({ day, times: ['11:00'], minutes: 30 }))).toBe(
        'FORBIDDEN',
      )
      expect(await outcome(squad.call.appointment.removeSlot({ id: seen[1]?.id ?? '' }))).toBe('FORBIDDEN')
      expect(
        await outcome(
          squad.call.receipt.unlock({ receiptNo: booked?.booking?.receiptNo ?? '', reason: '核验' }),
        ),
      ).toBe('FORBIDDEN')
    }
    const other = await signedIn(app, 'staff-xili-1')
    expect(await other.call.appointment.day({ day })).toEqual([])
    // nor by naming the office
    expect(await other.call.appointment.day({ day, officeCode: 'nanma' })).toEqual([])
  })
})
