import { verifyAudit } from '../audit/audit.ts'
import { listAudit } from '../audit/list.ts'
import { roleProcedure, router } from '../trpc/init.ts'
import { cursor, dateOrInstant, int, object, optional, text } from '../trpc/validate.ts'

// The 审计管理员 reads the whole audit (the administrative right readAudit, domain admin-rights.ts); a
// bureau leader keeps reading the area they liaise with (四.1, business oversight). The 系统管理员 and
// the 安全管理员 do not read it: whoever changes accounts or rules is not the one who checks them.
const auditors = roleProcedure('auditAdmin', 'bureauLeader')

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
