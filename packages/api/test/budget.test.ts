// Issue 11, the pooled area budget: lines, the pool, approvals that never overspend under concurrency,
// the bureau above the threshold, overrides with a reason, receipts checked by magic bytes, scopes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { faultOf } from '../src/trpc/errors.ts'
import { type Agent, dialects, outcome, setupApp, signedIn, type TestApp } from './harness.ts'

const YEAR = 2026
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF').toString('base64')
const JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='

const rejection = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (error) {
    const e = error as { code: string; message: string }
    return {
      code: e.code,
      message: e.message,
      tag: faultOf(error)?.tag,
      fieldErrors: faultOf(error)?.fieldErrors,
    }
  }
  throw new Error('expected a rejection')
}

describe.each(dialects)('pooled area budget (%s)', (dialect) => {
  let app: TestApp
  let bureau: Agent
  let director: Agent
  let leader: Agent
  const request = (over: Record<string, unknown> = {}) => ({
    officeCode: 'nanma',
    year: YEAR,
    amountFen: 30_000,
    category: 'publicity' as const,
    dutyCode: 'office.peacetime.3.2',
    purpose: '普法宣传资料印制',
    ...over,
  })
  const line = async (officeCode: string, amountFen: number) => {
    const l = await bureau.call.budget.ledger({ year: YEAR })
    const version = l.offices.find((o) => o.code === officeCode)?.version ?? 0
    await bureau.call.budget.setLine({ officeCode, year: YEAR, amountFen, version })
  }
  const count = async () =>
    Number(
      (
        await app.deps.db
          .selectFrom('expense_requests')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeAll(async () => {
    app = await setupApp(dialect)
    bureau = await signedIn(app, 'liaison-lucun')
    director = await signedIn(app, 'dir-nanma')
    leader = await signedIn(app, 'lead-lucun')
  })
  afterAll(async () => {
    await app?.close()
  })

  it("the area pool is the sum of its offices; the squad leader approves an office director's request", async () => {
    await line('nanma', 100_000)
    await line('lucun', 50_000)
    const before = await leader.call.budget.ledger({ year: YEAR })
    expect(before.areas.find((a) => a.code === 'lucun')).toMatchObject({ budget: 150_000, left: 150_000 })
    const { id, needsBureau } = await director.call.expense.create(request())
    expect(needsBureau).toBe(false)
    expect((await director.call.expense.get({ id })).statusLabel).toBe('待中队长审批')
    expect(await outcome(director.call.expense.decide({ id, version: 1, approve: true }))).toBe('FORBIDDEN')
    expect((await rejection(leader.call.expense.decide({ id, version: 1, approve: false }))).code).toBe(
      'BAD_REQUEST',
    )
    await leader.call.expense.decide({ id, version: 1, approve: true })
    const after = await leader.call.budget.ledger({ year: YEAR })
    expect(after.offices.find((o) => o.code === 'nanma')).toMatchObject({
      budget: 100_000,
      committed: 30_000,
      left: 70_000,
    })
    expect(after.areas.find((a) => a.code === 'lucun')).toMatchObject({ committed: 30_000, left: 120_000 })
    await leader.call.expense.pay({ id, version: 2 })
    const paid = await director.call.budget.ledger({ year: YEAR })
    // a director sees their own office only, and no area pool
    expect(paid.offices.map((o) => o.code)).toEqual(['nanma'])
    expect(paid.areas).toEqual([])
    expect(paid.offices[0]).toMatchObject({ committed: 0, spent: 30_000, left: 70_000 })
    expect(paid.months.reduce((s, m) => s + m.spent, 0)).toBe(30_000)
  })

  it('refuses fractional, negative and zero amounts in Chinese and changes nothing', async () => {
    const before = await count()
    for (const amountFen of [100.5, -100, 0]) {
      const r = await rejection(director.call.expense.create(request({ amountFen })))
      expect(r.code).toBe('BAD_REQUEST')
      expect(r.fieldErrors?.amountFen).toMatch(/[\u4e00-\u9fa5]/)
    }
    expect(
      (
        await rejection(
          bureau.call.budget.setLine({ officeCode: 'nanma', year: YEAR, amountFen: 1.5, version: 1 }),
        )
      ).code,
    ).toBe('BAD_REQUEST')
    expect(await count()).toBe(before)
  })

  it('20 concurrent approvals against a small pool never overspend', async () => {
    const xiliBureau = await signedIn(app, 'liaison-xili')
    const xiliDirector = await signedIn(app, 'dir-xili')
    const xiliLeader = await signedIn(app, 'lead-xili')
    await xiliBureau.call.budget.setLine({ officeCode: 'xili', year: YEAR, amountFen: 10_000, version: 0 })
    const ids: string[] = []
    for (let i = 0; i < 20; i++)
      ids.push((await xiliDirector.call.expense.create(request({ officeCode: 'xili', amountFen: 1_000 }))).id)
    const results = await Promise.allSettled(
      ids.map((id) => xiliLeader.call.expense.decide({ id, version: 1, approve: true })),
    )
    const ok = results.filter((r) => r.status === 'fulfilled').length
    expect(ok).toBe(10)
    for (const r of results) if (r.status === 'rejected') expect(faultOf(r.reason)?.tag).toBe('PoolExhausted')
    const l = await xiliLeader.call.budget.ledger({ year: YEAR })
    expect(l.areas.find((a) => a.code === 'xili')).toMatchObject({
      budget: 10_000,
      committed: 10_000,
      left: 0,
    })
    // the refused ones are still waiting, unchanged
    expect((await xiliLeader.call.expense.list({ year: YEAR, status: 'pending' })).length).toBe(10)
  })

  it("above the threshold the bureau approves as well; a short pool needs a bureau leader's override with a reason", async () => {
    const big = await director.call.expense.create(request({ amountFen: 600_000, category: 'vehicle' }))
    expect(big.needsBureau).toBe(true)
    await leader.call.expense.decide({ id: big.id, version: 1, approve: true })
    expect((await leader.call.expense.get({ id: big.id })).statusLabel).toBe('待局领导审批')
    expect(await outcome(leader.call.expense.decide({ id: big.id, version: 2, approve: true }))).toBe(
      'FORBIDDEN',
    )
    // the pool (120,000 left) cannot cover 600,000
    const short = await rejection(bureau.call.expense.decide({ id: big.id, version: 2, approve: true }))
    expect(short).toMatchObject({ code: 'CONFLICT', tag: 'PoolExhausted' })
    expect(short.message).toContain('局领导登记超支审批')
    expect((await leader.call.expense.get({ id: big.id })).status).toBe('awaitingBureau')
    expect(
      await outcome(leader.call.expense.override({ id: big.id, version: 2, reason: '防汛应急车辆维修' })),
    ).toBe('FORBIDDEN')
    await bureau.call.expense.override({ id: big.id, version: 2, reason: '防汛应急车辆维修' })
    const item = await director.call.expense.get({ id: big.id })
    expect(item).toMatchObject({
      status: 'approved',
      overrideReason: '防汛应急车辆维修',
      overrideByName: '联系鲁村中队的局领导（演示）',
    })
    const l = await leader.call.budget.ledger({ year: YEAR })
    const area = l.areas.find((a) => a.code === 'lucun')
    expect(area?.left).toBe(120_000 - 600_000)
    expect(area?.budget).toBe((area?.committed ?? 0) + (area?.spent ?? 0) + (area?.left ?? 0))
  })

  it('scopes: another office or area gets NOT_FOUND; squad staff none', async () => {
    const { id } = await director.call.expense.create(request({ amountFen: 500 }))
    expect(await outcome((await signedIn(app, 'dir-xili')).call.expense.get({ id }))).toBe('NOT_FOUND')
    expect(await outcome((await signedIn(app, 'dir-lucun')).call.expense.get({ id }))).toBe('NOT_FOUND')
    expect(
      await outcome(
        (await signedIn(app, 'lead-xili')).call.expense.decide({ id, version: 1, approve: true }),
      ),
    ).toBe('NOT_FOUND')
    expect(await outcome((await signedIn(app, 'staff-lucun-1')).call.expense.list({ year: YEAR }))).toBe(
      'FORBIDDEN',
    )
    expect(await outcome((await signedIn(app, 'dir-xili')).call.expense.create(request()))).toBe('NOT_FOUND')
    expect(
      await outcome(
        director.call.budget.setLine({ officeCode: 'nanma', year: YEAR, amountFen: 1, version: 1 }),
      ),
    ).toBe('FORBIDDEN')
  })

  it('receipts: a photo or a PDF by magic bytes, served only to who may read the request', async () => {
    const { id } = await director.call.expense.create(request({ amountFen: 800 }))
    const { receiptId } = await director.call.expense.addReceipt({ id, file: PDF })
    await director.call.expense.addReceipt({ id, file: JPEG })
    const notAFile = await rejection(
      director.call.expense.addReceipt({
        id,
        file: Buffer.from('just some text, not a receipt').toString('base64'),
      }),
    )
    expect(notAFile).toMatchObject({ code: 'BAD_REQUEST' })
    expect(notAFile.message).toContain('照片（JPEG、PNG、WebP）或 PDF')
    expect((await director.call.expense.get({ id })).receipts.map((r) => r.mime)).toEqual([
      'application/pdf',
      'image/jpeg',
    ])
    expect((await leader.call.expense.receipt({ id: receiptId })).mime).toBe('application/pdf')
    expect(await outcome((await signedIn(app, 'dir-xili')).call.expense.receipt({ id: receiptId }))).toBe(
      'NOT_FOUND',
    )
    const file = await leader.call.budget.export({ year: YEAR })
    expect(Buffer.from(file.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK')
  })
})
