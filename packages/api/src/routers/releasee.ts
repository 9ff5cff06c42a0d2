import {
  getReleaseeDetail,
  listReleaseeItems,
  recordReleaseeEvent,
  registerReleasee,
  revealReleaseeIdNumber,
} from '../services/releasees.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { cursor, date, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'

const CATEGORIES = ['general', 'key', 'elderlySick'] as const
const STEPS = ['handedOver', 'fileOpened', 'infoEntered', 'visit', 'assisted', 'closed'] as const
const ASSISTANCE = ['placement', 'relief', 'education', 'training'] as const

/** 刑满释放人员安置帮教 (issue 5): scoped like supervisees; writes by the area's squad, the brigade, the town's office. */
export const releaseeRouter = router({
  list: authedProcedure
    .input(
      object({
        status: optional(oneOf('状态', ['notified', 'aftercare', 'closed'])),
        q: optional(text('查询', 0, 30)),
        cursor: optional(cursor),
        limit: optional(int('每页条数', 1, 100)),
      }),
    )
    .query(({ ctx, input }) => listReleaseeItems(ctx, ctx.user, input)),
  get: authedProcedure
    .input(object({ id: id('刑满释放人员') }))
    .query(({ ctx, input }) => getReleaseeDetail(ctx, ctx.user, input.id)),
  register: authedProcedure
    .input(
      object({
        name: text('姓名', 2, 30),
        idNumber: text('身份证号', 18, 18),
        category: oneOf('帮教类别', CATEGORIES),
        townCode: text('居住镇街', 1, 40),
        prison: text('释放单位（监狱）', 2, 60),
        noticeOn: date('收到通知日期'),
        releaseOn: date('释放日期'),
        note: optional(text('说明', 0, 500)),
      }),
    )
    .mutation(({ ctx, input }) => registerReleasee(ctx, ctx.user, input)),
  revealIdNumber: authedProcedure
    .input(object({ id: id('刑满释放人员') }))
    .mutation(({ ctx, input }) => revealReleaseeIdNumber(ctx, ctx.user, input.id)),
  recordEvent: authedProcedure
    .input(
      object({
        id: id('刑满释放人员'),
        kind: oneOf('事项', STEPS),
        on: date('日期'),
        assistance: optional(oneOf('帮扶方式', ASSISTANCE)),
        note: optional(text('情况说明', 0, 1000)),
      }),
    )
    .mutation(({ ctx, input }) => recordReleaseeEvent(ctx, ctx.user, input)),
})
