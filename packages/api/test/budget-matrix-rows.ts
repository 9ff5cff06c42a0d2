// Authorization-matrix rows of the pooled area budget (issue 11). `own` users work in 鲁村中队辖区
// (南麻司法所), `foreign` in 西里 (see matrix.test.ts). Each row makes the requests it changes.
import type { Role } from '@pingzhan/domain'
import { type Agent, signedIn, type TestApp } from './harness.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'
type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }
interface Row {
  readonly call: (a: Agent, f: unknown, app: TestApp) => Promise<unknown>
  readonly sees?: (result: unknown, f: unknown) => boolean
  readonly expect: Expect
}

const same = (o: Outcome) => [o, o] as const
const scoped = (foreign: Outcome) => ['OK', foreign] as const
const F = same('FORBIDDEN')
const U: Outcome = 'UNAUTHORIZED'
const YEAR = 2026
const PDF = Buffer.from('%PDF-1.4\n%%EOF').toString('base64')

const ready = new WeakSet<TestApp>()
/** 南麻司法所 has a large line, so approvals in these rows are never refused for the pool. */
const withLine = async (app: TestApp) => {
  if (ready.has(app)) return
  const bureau = await signedIn(app, 'liaison-lucun')
  const l = await bureau.call.budget.ledger({ year: YEAR })
  const version = l.offices.find((o) => o.code === 'nanma')?.version ?? 0
  await bureau.call.budget.setLine({ officeCode: 'nanma', year: YEAR, amountFen: 100_000_000, version })
  ready.add(app)
}

const pending = async (app: TestApp): Promise<string> => {
  await withLine(app)
  const director = await signedIn(app, 'dir-nanma')
  return (
    await director.call.expense.create({
      officeCode: 'nanma',
      year: YEAR,
      amountFen: 1_000,
      category: 'office',
      dutyCode: 'office.peacetime.5',
      purpose: '矩阵测试办公用品',
    })
  ).id
}

const approved = async (app: TestApp): Promise<string> => {
  const id = await pending(app)
  await (await signedIn(app, 'lead-lucun')).call.expense.decide({ id, version: 1, approve: true })
  return id
}

const shared = new WeakMap<TestApp, { id: string; receiptId: string }>()
const fixture = async (app: TestApp) => {
  const cached = shared.get(app)
  if (cached) return cached
  const id = await pending(app)
  const { receiptId } = await (await signedIn(app, 'dir-nanma')).call.expense.addReceipt({ id, file: PDF })
  const f = { id, receiptId }
  shared.set(app, f)
  return f
}

const NONE = {
  bureauAdmin: F,
  securityAdmin: F,
  auditAdmin: F,
  brigadeLeader: F,
  squadMember: F,
  departmentStaff: F,
}

export const BUDGET_ROWS: Record<string, Row> = {
  'budget.ledger': {
    call: async (a, _f, app) => {
      await withLine(app)
      return a.call.budget.ledger({ year: YEAR })
    },
    sees: (r) => (r as { offices: Array<{ code: string }> }).offices.some((o) => o.code === 'nanma'),
    expect: {
      ...NONE,
      bureauLeader: same('OK'),
      squadLeader: scoped('EMPTY'),
      officeDirector: scoped('EMPTY'),
      anonymous: U,
    },
  },
  'budget.setLine': {
    call: async (a, _f, app) => {
      const row = await app.deps.db
        .selectFrom('budget_lines')
        .select('version')
        .where('office_code', '=', 'nanma')
        .where('year', '=', YEAR)
        .executeTakeFirst()
      return a.call.budget.setLine({
        officeCode: 'nanma',
        year: YEAR,
        amountFen: 100_000_000,
        version: row?.version ?? 0,
      })
    },
    expect: { ...NONE, bureauLeader: same('OK'), squadLeader: F, officeDirector: F, anonymous: U },
  },
  'budget.export': {
    call: (a) => a.call.budget.export({ year: YEAR }),
    expect: {
      ...NONE,
      bureauLeader: same('OK'),
      squadLeader: same('OK'),
      officeDirector: same('OK'),
      anonymous: U,
    },
  },
  'expense.list': {
    call: async (a, _f, app) => ({
      id: (await fixture(app)).id,
      list: await a.call.expense.list({ year: YEAR }),
    }),
    sees: (r) => {
      const { id, list } = r as { id: string; list: Array<{ id: string }> }
      return list.some((x) => x.id === id)
    },
    expect: {
      ...NONE,
      bureauLeader: same('OK'),
      squadLeader: scoped('EMPTY'),
      officeDirector: scoped('EMPTY'),
      anonymous: U,
    },
  },
  'expense.get': {
    call: async (a, _f, app) => a.call.expense.get({ id: (await fixture(app)).id }),
    expect: {
      ...NONE,
      bureauLeader: same('OK'),
      squadLeader: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      anonymous: U,
    },
  },
  'expense.create': {
    call: async (a, _f, app) => {
      await withLine(app)
      return a.call.expense.create({
        officeCode: 'nanma',
        year: YEAR,
        amountFen: 100,
        category: 'travel',
        dutyCode: 'office.peacetime.2',
        purpose: '矩阵测试差旅',
      })
    },
    expect: {
      ...NONE,
      bureauLeader: F,
      squadLeader: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      anonymous: U,
    },
  },
  'expense.decide': {
    call: async (a, _f, app) => a.call.expense.decide({ id: await pending(app), version: 1, approve: true }),
    // a bureau leader decides only what the squad leader passed on above the threshold
    expect: { ...NONE, bureauLeader: F, squadLeader: scoped('NOT_FOUND'), officeDirector: F, anonymous: U },
  },
  'expense.override': {
    call: async (a, _f, app) =>
      a.call.expense.override({ id: await pending(app), version: 1, reason: '矩阵测试超支理由' }),
    expect: { ...NONE, bureauLeader: same('OK'), squadLeader: F, officeDirector: F, anonymous: U },
  },
  'expense.pay': {
    call: async (a, _f, app) => a.call.expense.pay({ id: await approved(app), version: 2 }),
    expect: { ...NONE, bureauLeader: F, squadLeader: scoped('NOT_FOUND'), officeDirector: F, anonymous: U },
  },
  'expense.addReceipt': {
    call: async (a, _f, app) => a.call.expense.addReceipt({ id: await pending(app), file: PDF }),
    expect: {
      ...NONE,
      bureauLeader: F,
      squadLeader: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      anonymous: U,
    },
  },
  'expense.receipt': {
    call: async (a, _f, app) => a.call.expense.receipt({ id: (await fixture(app)).receiptId }),
    expect: {
      bureauAdmin: same('NOT_FOUND'),
      securityAdmin: same('NOT_FOUND'),
      auditAdmin: same('NOT_FOUND'),
      brigadeLeader: same('NOT_FOUND'),
      squadMember: same('NOT_FOUND'),
      departmentStaff: same('NOT_FOUND'),
      bureauLeader: same('OK'),
      squadLeader: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      anonymous: U,
    },
  },
}
