import { cancelLeave, leavePeople, listLeaves, recordLeave } from '../services/staff-leave.ts'
import { roleProcedure, router } from '../trpc/init.ts'
import { dateOrInstant, id, object, oneOf, text } from '../trpc/validate.ts'

// 请假 / 外出 of staff (issue 3): recorded by the brigade leader or a squad leader for their area.
const readers = roleProcedure('bureauLeader', 'brigadeLeader', 'squadLeader', 'squadMember', 'officeDirector')
const recorders = roleProcedure('brigadeLeader', 'squadLeader')

export const staffLeaveRouter = router({
  list: readers.query(({ ctx }) => listLeaves(ctx, ctx.user)),
  people: recorders.query(({ ctx }) => leavePeople(ctx, ctx.user)),
  record: recorders
    .input(
      object({
        userId: id('人员'),
        kind: oneOf('类别', ['leave', 'out'] as const),
        from: dateOrInstant('开始时间'),
        to: dateOrInstant('结束时间'),
        reason: text('事由', 2, 200),
      }),
    )
    .mutation(({ ctx, input }) => recordLeave(ctx, ctx.user, input)),
  cancel: recorders
    .input(object({ id: id('请假外出记录') }))
    .mutation(({ ctx, input }) => cancelLeave(ctx, ctx.user, input.id)),
})
