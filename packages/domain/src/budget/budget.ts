import { Result, Schema } from 'effect'
import type { Actor, RecordScope } from '../scope/scope.ts'

// Pooled area budget, policy 四.2: each office keeps its yearly line (entered by the bureau); the area's
// pool is the sum of its offices' lines; the area's squad leader approves the spending of every office.
// Money is integer fen (分), never floats.

/** The largest amount accepted anywhere: 100 亿元 in fen, far inside Number.MAX_SAFE_INTEGER. */
export const MAX_FEN = 1_000_000_000_000

export class MoneyInvalid extends Schema.TaggedError<MoneyInvalid>()('MoneyInvalid', {
  problem: Schema.String,
}) {
  override get message(): string {
    return this.problem
  }
}

/** An approval would take the pool below zero and no override was recorded. */
export class PoolExhausted extends Schema.TaggedError<PoolExhausted>()('PoolExhausted', {
  left: Schema.Number,
  amount: Schema.Number,
}) {
  override get message(): string {
    return `辖区经费余额不足：可用 ${formatYuan(this.left)} 元，申请 ${formatYuan(this.amount)} 元。如确需超支，须由局领导登记超支审批及理由`
  }
}

/** An amount of money in fen: a non-negative integer up to MAX_FEN. `positive` refuses zero. */
export const checkFen = (value: unknown, positive = true): Result.Result<number, MoneyInvalid> => {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return Result.fail(new MoneyInvalid({ problem: '金额应为数字（单位：分）' }))
  if (!Number.isInteger(value)) return Result.fail(new MoneyInvalid({ problem: '金额须精确到分（整数分）' }))
  if (value < 0) return Result.fail(new MoneyInvalid({ problem: '金额不能为负数' }))
  if (positive && value === 0) return Result.fail(new MoneyInvalid({ problem: '金额必须大于零' }))
  if (value > MAX_FEN) return Result.fail(new MoneyInvalid({ problem: '金额过大' }))
  return Result.succeed(value)
}

/** Parses '1234.5' / '1,234.56' (yuan, at most two decimals) into fen, exactly (no float arithmetic). */
export const yuanToFen = (text: string): Result.Result<number, MoneyInvalid> => {
  const m = /^\s*(-?)(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(text.replaceAll(',', ''))
  if (m === null) return Result.fail(new MoneyInvalid({ problem: '金额格式应为元，最多两位小数' }))
  if (m[1] === '-') return Result.fail(new MoneyInvalid({ problem: '金额不能为负数' }))
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  return checkFen(fen, false)
}

/** 123456 → '1,234.56' (integer arithmetic only). Negative amounts keep their sign. */
export const formatYuan = (fen: number): string => {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}${yuan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents.toString().padStart(2, '0')}`
}

/** One pool (an office's line or an area's sum): approved but unpaid is committed; paid is spent. */
export interface Pool {
  readonly budget: number
  readonly committed: number
  readonly spent: number
}

export const leftOf = (p: Pool): number => p.budget - p.committed - p.spent

export const emptyPool: Pool = { budget: 0, committed: 0, spent: 0 }

export const addPools = (a: Pool, b: Pool): Pool => ({
  budget: a.budget + b.budget,
  committed: a.committed + b.committed,
  spent: a.spent + b.spent,
})

/** The area pool: the sum of its offices' pools. */
export const areaPool = (offices: ReadonlyArray<Pool>): Pool => offices.reduce(addPools, emptyPool)

export interface Override {
  /** the bureau leader who recorded it */
  readonly by: string
  readonly reason: string
}

/**
 * Commits `amount` against the pool. Refused with PoolExhausted when the pool's remainder would go below
 * zero, unless a bureau leader's override (with a reason) is given.
 */
export const commit = (
  pool: Pool,
  amount: number,
  override: Override | null,
): Result.Result<Pool, PoolExhausted | MoneyInvalid> => {
  const checked = checkFen(amount)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  if (leftOf(pool) - amount < 0 && (override === null || override.reason.trim() === ''))
    return Result.fail(new PoolExhausted({ left: leftOf(pool), amount }))
  return Result.succeed({ ...pool, committed: pool.committed + amount })
}

/** Pays a committed amount: committed → spent. */
export const settle = (pool: Pool, amount: number): Result.Result<Pool, MoneyInvalid> => {
  const checked = checkFen(amount)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  if (amount > pool.committed)
    return Result.fail(new MoneyInvalid({ problem: '支付金额超过已批准未支付的金额' }))
  return Result.succeed({ ...pool, committed: pool.committed - amount, spent: pool.spent + amount })
}

/** Returns a committed amount to the pool (an approved request withdrawn before payment). */
export const release = (pool: Pool, amount: number): Result.Result<Pool, MoneyInvalid> => {
  const checked = checkFen(amount)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  if (amount > pool.committed)
    return Result.fail(new MoneyInvalid({ problem: '释放金额超过已批准未支付的金额' }))
  return Result.succeed({ ...pool, committed: pool.committed - amount })
}

/** Whether an approval needs the bureau as well (above the configured threshold, in fen). */
export const needsBureauApproval = (amount: number, thresholdFen: number): boolean => amount > thresholdFen

/** Who approves an office's expense: the squad leader of the office's area. */
export const mayApproveExpense = (
  actor: { readonly role: string; readonly squad: string | null },
  area: string,
): boolean => actor.role === 'squadLeader' && actor.squad === area

/** Only a bureau leader records an override or the second approval above the threshold. */
export const mayOverride = (actor: { readonly role: string }): boolean => actor.role === 'bureauLeader'

export const EXPENSE_CATEGORIES = {
  travel: '差旅费',
  vehicle: '车辆运行费',
  office: '办公费',
  publicity: '宣传费（普法）',
  training: '培训费',
  mediation: '调解补贴',
  other: '其他',
} as const
export type ExpenseCategory = keyof typeof EXPENSE_CATEGORIES

/**
 * Whose requests and ledger an actor reads: a director their own office's, the squad leader the whole
 * area (every office's), bureau leaders all areas; everyone else none (四.2).
 */
export const budgetScope = (actor: Actor): RecordScope => {
  switch (actor.role) {
    case 'bureauLeader':
      return { kind: 'all' }
    case 'squadLeader':
      return actor.squad === null ? { kind: 'none' } : { kind: 'area', squad: actor.squad }
    case 'officeDirector':
      return actor.office === null ? { kind: 'none' } : { kind: 'office', office: actor.office }
    default:
      return { kind: 'none' }
  }
}
