import { completeTask, getTaskItem, listTaskItems, startTask } from '../services/tasks.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { bool, cursor, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'

const VERSION = int('版本号', 1, 2_000_000_000)

export const taskRouter = router({
  list: authedProcedure
    .input(
      object({
        status: optional(oneOf('状态', ['open', 'in_progress', 'done', 'cancelled'])),
        mine: optional(bool('仅看我的')),
        cursor: optional(cursor),
        limit: optional(int('每页条数', 1, 100)),
      }),
    )
    .query(({ ctx, input }) => listTaskItems(ctx, ctx.user, input)),
  get: authedProcedure
    .input(object({ id: id('任务') }))
    .query(({ ctx, input }) => getTaskItem(ctx, ctx.user, input.id)),
  start: authedProcedure
    .input(object({ id: id('任务'), version: VERSION }))
    .mutation(({ ctx, input }) => startTask(ctx, ctx.user, input)),
  complete: authedProcedure
    .input(object({ id: id('任务'), version: VERSION, note: text('办结情况', 0, 1000) }))
    .mutation(({ ctx, input }) => completeTask(ctx, ctx.user, input)),
})
