import {
  createLegalityReview,
  exportLegalityReviews,
  getLegalityReview,
  listLegalityReviews,
  OPINIONS,
  updateLegalityReview,
} from '../services/legality-review.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { bool, date, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'

const STATUS = oneOf('状态', ['pending', 'concluded'])
const OPINION = oneOf('审查意见', OPINIONS)
const OFFICE = text('司法所', 1, 40)
const FILTER = {
  status: optional(STATUS),
  opinion: optional(OPINION),
  officeCode: optional(OFFICE),
  overdue: optional(bool('是否逾期')),
}

/** 合法性审查 register (office peacetime duty ①). */
export const legalityReviewRouter = router({
  list: authedProcedure
    .input(object({ ...FILTER, cursor: optional(id('分页参数')), limit: optional(int('每页条数', 1, 100)) }))
    .query(({ ctx, input }) => listLegalityReviews(ctx, ctx.user, input)),
  get: authedProcedure
    .input(object({ id: id('合法性审查事项') }))
    .query(({ ctx, input }) => getLegalityReview(ctx, ctx.user, input.id)),
  create: authedProcedure
    .input(
      object({
        officeCode: optional(OFFICE),
        documentTitle: text('文件（事项）名称', 2, 200),
        requestingBody: text('提请单位', 2, 100),
        receivedDate: date('收到日期'),
        deadline: date('审查期限'),
        reviewerId: id('审查人员'),
      }),
    )
    .mutation(({ ctx, input }) => createLegalityReview(ctx, ctx.user, input)),
  update: authedProcedure
    .input(
      object({
        id: id('合法性审查事项'),
        version: int('版本号', 1, 2_000_000_000),
        action: oneOf('操作', ['edit', 'conclude']),
        documentTitle: optional(text('文件（事项）名称', 2, 200)),
        requestingBody: optional(text('提请单位', 2, 100)),
        deadline: optional(date('审查期限')),
        opinion: optional(OPINION),
        opinionNote: optional(text('意见说明', 2, 2000)),
      }),
    )
    .mutation(({ ctx, input }) => updateLegalityReview(ctx, ctx.user, input)),
  export: authedProcedure
    .input(object(FILTER))
    .mutation(({ ctx, input }) => exportLegalityReviews(ctx, ctx.user, input)),
})
