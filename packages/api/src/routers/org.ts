import { assignees, catalogs, offices } from '../services/org.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { object, optional, text } from '../trpc/validate.ts'

export const orgRouter = router({
  catalogs: authedProcedure.query(() => catalogs()),
  offices: authedProcedure.query(({ ctx }) => offices(ctx)),
  assignees: authedProcedure
    .input(object({ area: optional(text('辖区', 1, 40)) }))
    .query(({ ctx, input }) => assignees(ctx, ctx.user, input.area)),
})
