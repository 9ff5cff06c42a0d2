import { verifyAudit } from '../audit/audit.ts'
import { listAudit } from '../audit/list.ts'
import { roleProcedure, router } from '../trpc/init.ts'
import { cursor, dateOrInstant, int, object, optional, text } from '../trpc/validate.ts'

const auditors = roleProcedure('bureauAdmin', 'bureauLeader')

export const auditRouter = router({
  list: auditors
    .input(
      object({
        action: optional(text('操作', 1, 60)),
        actor: optional(text('操作人', 1, 60)),
        subjectType: optional(text('对象类型', 1, 40)),
        from: optional(dateOrInstant('开始时间')),
        to: optional(dateOrInstant('结束时间')),
        cursor: optional(cursor),
        limit: optional(int('每页条数', 1, 200)),
      }),
    )
    .query(({ ctx, input }) =>
      listAudit(ctx.deps.db, {
        ...input,
        // A bureau leader sees the audit of the area they liaise with (四.1); the administrator all.
        area: ctx.user.role === 'bureauLeader' ? (ctx.user.squadCode ?? '-') : undefined,
        beforeSeq: input.cursor && /^\d+$/.test(input.cursor) ? Number(input.cursor) : undefined,
        limit: input.limit ?? 50,
      }),
    ),
  verify: auditors.query(({ ctx }) => verifyAudit(ctx.deps.db, ctx.deps.keys)),
})
