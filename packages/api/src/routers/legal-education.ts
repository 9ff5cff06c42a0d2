import {
  addLegalEducationPhoto,
  createLegalEducation,
  exportLegalEducation,
  getLegalEducation,
  legalEducationPhoto,
  listLegalEducation,
  updateLegalEducation,
} from '../services/legal-education.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { date, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'
import { base64 } from './task-validate.ts'

const OFFICE = text('司法所', 1, 40)
const FILTER = {
  status: optional(oneOf('状态', ['planned', 'held'])),
  officeCode: optional(OFFICE),
  from: optional(date('起始日期')),
  to: optional(date('截止日期')),
}
/** base64 of at most 600 KB of image bytes; the service checks size and magic bytes. */
const PHOTO = base64('照片', 820_000)

/** 普法 register (office peacetime duty ③). */
export const legalEducationRouter = router({
  list: authedProcedure
    .input(object({ ...FILTER, cursor: optional(id('分页参数')), limit: optional(int('每页条数', 1, 100)) }))
    .query(({ ctx, input }) => listLegalEducation(ctx, ctx.user, input)),
  get: authedProcedure
    .input(object({ id: id('普法活动') }))
    .query(({ ctx, input }) => getLegalEducation(ctx, ctx.user, input.id)),
  create: authedProcedure
    .input(
      object({
        officeCode: optional(OFFICE),
        eventDate: date('活动日期'),
        place: text('活动地点', 2, 100),
        audience: text('活动对象', 2, 100),
        headcount: int('参加人数', 1, 100_000),
        theme: text('活动主题', 2, 200),
        organiserId: id('组织人员'),
      }),
    )
    .mutation(({ ctx, input }) => createLegalEducation(ctx, ctx.user, input)),
  update: authedProcedure
    .input(
      object({
        id: id('普法活动'),
        version: int('版本号', 1, 2_000_000_000),
        action: oneOf('操作', ['edit', 'hold']),
        eventDate: optional(date('活动日期')),
        place: optional(text('活动地点', 2, 100)),
        audience: optional(text('活动对象', 2, 100)),
        headcount: optional(int('参加人数', 1, 100_000)),
        theme: optional(text('活动主题', 2, 200)),
        summary: optional(text('开展情况', 5, 2000)),
      }),
    )
    .mutation(({ ctx, input }) => updateLegalEducation(ctx, ctx.user, input)),
  addPhoto: authedProcedure
    .input(object({ id: id('普法活动'), photo: PHOTO }))
    .mutation(({ ctx, input }) => addLegalEducationPhoto(ctx, ctx.user, input)),
  photo: authedProcedure
    .input(object({ id: id('照片') }))
    .query(({ ctx, input }) => legalEducationPhoto(ctx, ctx.user, input.id)),
  export: authedProcedure
    .input(object(FILTER))
    .mutation(({ ctx, input }) => exportLegalEducation(ctx, ctx.user, input)),
})
