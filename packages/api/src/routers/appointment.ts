import { addSlots, daySlots, removeSlot } from '../services/appointments.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { date, id, int, object, optional, text } from '../trpc/validate.ts'
import { list } from './task-validate.ts'

const OFFICE = text('司法所', 1, 40)

/** 法律咨询预约 (issue 14): the office's free slots and the day's appointments. */
export const appointmentRouter = router({
  /** the day's slots with their bookings: director own office, squad its area, brigade/admin all */
  day: authedProcedure
    .input(object({ day: date('日期'), officeCode: optional(OFFICE) }))
    .query(({ ctx, input }) => daySlots(ctx, ctx.user, input)),
  /** the director opens free slots (administrator: any office) */
  addSlots: authedProcedure
    .input(
      object({
        officeCode: optional(OFFICE),
        day: date('日期'),
        times: list('开始时间', text('开始时间', 5, 5), 24),
        minutes: int('每个时段分钟数', 10, 240),
      }),
    )
    .mutation(({ ctx, input }) => addSlots(ctx, ctx.user, input)),
  removeSlot: authedProcedure
    .input(object({ id: id('咨询时段') }))
    .mutation(({ ctx, input }) => removeSlot(ctx, ctx.user, input.id)),
})
