import { EXPENSE_CATEGORIES, type ExpenseCategory } from '@pingzhan/domain'
import {
  addReceipt,
  createExpense,
  decideExpense,
  exportLedger,
  getExpense,
  ledger,
  listExpenses,
  overrideExpense,
  payExpense,
  receipt,
  setLine,
} from '../services/budget.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { bool, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'
import { base64 } from './task-validate.ts'

// 经费 (issue 11, policy 四.2): lines, pooled ledger, expense requests and their receipts. Every
// procedure reads the caller's budgetScope in the service (director own office, squad leader the area,
// bureau leaders all; others FORBIDDEN; another office or area NOT_FOUND). Amounts are integer fen.
const year = int('年度', 2020, 2100)
const fen = (label: string) => int(label, 0, 1_000_000_000_000)
const CATEGORIES = Object.keys(EXPENSE_CATEGORIES) as ExpenseCategory[]

export const budgetRouter = router({
  ledger: authedProcedure
    .input(object({ year }))
    .query(({ ctx, input }) => ledger(ctx, ctx.user, input.year)),
  setLine: authedProcedure
    .input(
      object({
        officeCode: id('司法所'),
        year,
        amountFen: fen('年度额度（分）'),
        version: int('版本', 0, 1_000_000),
      }),
    )
    .mutation(({ ctx, input }) => setLine(ctx, ctx.user, input)),
  export: authedProcedure
    .input(object({ year }))
    .mutation(({ ctx, input }) => exportLedger(ctx, ctx.user, input.year)),
})

export const expenseRouter = router({
  list: authedProcedure
    .input(
      object({
        year,
        status: optional(
          oneOf('状态', ['pending', 'awaitingBureau', 'approved', 'rejected', 'paid'] as const),
        ),
      }),
    )
    .query(({ ctx, input }) => listExpenses(ctx, ctx.user, input)),
  get: authedProcedure
    .input(object({ id: id('经费申请') }))
    .query(({ ctx, input }) => getExpense(ctx, ctx.user, input.id)),
  create: authedProcedure
    .input(
      object({
        officeCode: id('司法所'),
        year,
        amountFen: fen('金额（分）'),
        category: oneOf('支出类别', CATEGORIES),
        dutyCode: text('职责事项', 1, 40),
        purpose: text('用途', 2, 300),
      }),
    )
    .mutation(({ ctx, input }) => createExpense(ctx, ctx.user, input)),
  decide: authedProcedure
    .input(
      object({
        id: id('经费申请'),
        version: int('版本', 1, 1_000_000),
        approve: bool('是否批准'),
        reason: optional(text('理由', 0, 300)),
      }),
    )
    .mutation(({ ctx, input }) => decideExpense(ctx, ctx.user, input)),
  override: authedProcedure
    .input(
      object({ id: id('经费申请'), version: int('版本', 1, 1_000_000), reason: text('超支理由', 4, 300) }),
    )
    .mutation(({ ctx, input }) => overrideExpense(ctx, ctx.user, input)),
  pay: authedProcedure
    .input(object({ id: id('经费申请'), version: int('版本', 1, 1_000_000) }))
    .mutation(({ ctx, input }) => payExpense(ctx, ctx.user, input)),
  addReceipt: authedProcedure
    .input(object({ id: id('经费申请'), file: base64('票据', 2_800_000) }))
    .mutation(({ ctx, input }) => addReceipt(ctx, ctx.user, input)),
  receipt: authedProcedure
    .input(object({ id: id('票据') }))
    .query(({ ctx, input }) => receipt(ctx, ctx.user, input.id)),
})
