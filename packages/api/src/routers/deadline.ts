import { mayAdjustRules } from '@pingzhan/domain'
import { deadlineWarnings } from '../services/deadlines.ts'
import { sweepObligations } from '../services/obligations.ts'
import { auditActor } from '../services/units.ts'
import { listCalendarYears, listRules, setCalendarYear, updateRule } from '../services/work-calendar.ts'
import { forbidden } from '../trpc/errors.ts'
import { actorOf, authedProcedure, router } from '../trpc/init.ts'
import { bool, type Check, empty, int, object, text } from '../trpc/validate.ts'

const adjusters = authedProcedure.use(({ ctx, next }) => {
  if (!mayAdjustRules(actorOf(ctx.user)))
    throw forbidden('只有执法大队长或系统管理员可以调整期限规则和节假日日历')
  return next()
})

const dates =
  (label: string): Check<ReadonlyArray<string>> =>
  (value) =>
    Array.isArray(value) &&
    value.length <= 80 &&
    value.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))
      ? { ok: true, value: value as string[] }
      : { ok: false, message: `${label}应为日期列表（年-月-日）` }

export const deadlineRouter = router({
  warnings: authedProcedure.input(empty).query(({ ctx }) => deadlineWarnings(ctx, ctx.user)),
  sweep: adjusters.input(empty).mutation(({ ctx }) =>
    sweepObligations(ctx.deps, {
      actor: { ...auditActor(ctx.user), name: `${ctx.user.displayName}（立即核查）` },
      correlationId: ctx.req.correlationId,
      ip: ctx.req.ip,
    }),
  ),
  rules: authedProcedure.input(empty).query(({ ctx }) => listRules(ctx)),
  updateRule: adjusters
    .input(
      object({
        code: text('规则', 1, 60),
        amount: int('取值', 0, 3650),
        roll: bool('期限届满日遇节假日顺延'),
        reason: text('调整依据', 4, 300),
        version: int('版本号', 0, 2_000_000_000),
      }),
    )
    .mutation(({ ctx, input }) => updateRule(ctx, ctx.user, input)),
  calendar: authedProcedure.input(empty).query(({ ctx }) => listCalendarYears(ctx)),
  setCalendarYear: adjusters
    .input(
      object({
        year: int('年份', 2000, 2100),
        daysOff: dates('放假日期'),
        workdays: dates('调休上班日期'),
        notice: text('通知文号', 4, 200),
        version: int('版本号', 0, 2_000_000_000),
      }),
    )
    .mutation(({ ctx, input }) => setCalendarYear(ctx, ctx.user, input)),
})
