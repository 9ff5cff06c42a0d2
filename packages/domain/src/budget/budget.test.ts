import { Result } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  areaPool,
  checkFen,
  commit,
  formatYuan,
  leftOf,
  needsBureauApproval,
  type Pool,
  release,
  settle,
  yuanToFen,
} from './budget.ts'

describe('money in fen', () => {
  it('accepts positive integers only', () => {
    expect(checkFen(12345)).toEqual(Result.succeed(12345))
    for (const bad of [-1, 0, 1.5, Number.NaN, '100', null])
      expect(Result.isFailure(checkFen(bad))).toBe(true)
    expect(Result.isSuccess(checkFen(0, false))).toBe(true)
  })
  it('parses and formats yuan exactly', () => {
    expect(yuanToFen('1,234.5')).toEqual(Result.succeed(123450))
    expect(yuanToFen('0.07')).toEqual(Result.succeed(7))
    expect(Result.isFailure(yuanToFen('-3'))).toBe(true)
    expect(Result.isFailure(yuanToFen('1.234'))).toBe(true)
    expect(formatYuan(123450)).toBe('1,234.50')
    expect(formatYuan(-5)).toBe('-0.05')
  })
  it('property: formatting and parsing round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (fen) => {
        expect(yuanToFen(formatYuan(fen))).toEqual(Result.succeed(fen))
      }),
    )
  })
})

type Op =
  | { kind: 'commit'; amount: number; override: boolean }
  | { kind: 'settle'; amount: number }
  | { kind: 'release'; amount: number }
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('commit' as const),
    amount: fc.integer({ min: -5, max: 5000 }),
    override: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('settle' as const), amount: fc.integer({ min: 0, max: 5000 }) }),
  fc.record({ kind: fc.constant('release' as const), amount: fc.integer({ min: 0, max: 5000 }) }),
)

describe('pool arithmetic', () => {
  it('refuses an approval that would take the pool below zero, unless overridden with a reason', () => {
    const pool: Pool = { budget: 1000, committed: 600, spent: 300 }
    expect(Result.isFailure(commit(pool, 101, null))).toBe(true)
    expect(Result.isFailure(commit(pool, 101, { by: 'u', reason: ' ' }))).toBe(true)
    expect(commit(pool, 100, null)).toEqual(Result.succeed({ budget: 1000, committed: 700, spent: 300 }))
    expect(Result.isSuccess(commit(pool, 101, { by: 'u', reason: '防汛应急' }))).toBe(true)
  })
  it('property: the ledger always balances (budget = committed + spent + left), never negative parts, and never below zero without an override', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.array(op, { maxLength: 30 }), (budget, ops) => {
        let pool: Pool = { budget, committed: 0, spent: 0 }
        let overridden = false
        for (const o of ops) {
          const r =
            o.kind === 'commit'
              ? commit(pool, o.amount, o.override ? { by: 'leader', reason: '应急' } : null)
              : o.kind === 'settle'
                ? settle(pool, o.amount)
                : release(pool, o.amount)
          if (Result.isSuccess(r)) {
            if (o.kind === 'commit' && leftOf(r.success) < 0) overridden = true
            pool = r.success
          }
          expect(pool.budget).toBe(pool.committed + pool.spent + leftOf(pool))
          expect(pool.committed).toBeGreaterThanOrEqual(0)
          expect(pool.spent).toBeGreaterThanOrEqual(0)
          expect(Number.isInteger(leftOf(pool))).toBe(true)
          if (!overridden) expect(leftOf(pool)).toBeGreaterThanOrEqual(0)
        }
      }),
    )
  })
  it('the area pool is the sum of its offices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ budget: fc.nat(), committed: fc.nat(), spent: fc.nat() }), { maxLength: 6 }),
        (offices) => {
          const area = areaPool(offices)
          expect(leftOf(area)).toBe(offices.reduce((s, p) => s + leftOf(p), 0))
        },
      ),
    )
  })
  it('asks the bureau above the threshold only', () => {
    expect(needsBureauApproval(500000, 500000)).toBe(false)
    expect(needsBureauApproval(500001, 500000)).toBe(true)
  })
})

describe('budget scope', async () => {
  const { budgetScope } = await import('./budget.ts')
  const a = (role: string, office: string | null, squad: string | null) =>
    ({ userId: 'u', role, office, squad }) as Parameters<typeof budgetScope>[0]
  it('gives a director their office, the squad leader the area, bureau leaders all, others none', () => {
    expect(budgetScope(a('officeDirector', 'nanma', null))).toEqual({ kind: 'office', office: 'nanma' })
    expect(budgetScope(a('squadLeader', null, 'lucun'))).toEqual({ kind: 'area', squad: 'lucun' })
    expect(budgetScope(a('bureauLeader', null, 'lucun'))).toEqual({ kind: 'all' })
    expect(budgetScope(a('squadMember', null, 'lucun'))).toEqual({ kind: 'none' })
    expect(budgetScope(a('bureauAdmin', null, null))).toEqual({ kind: 'none' })
  })
})
