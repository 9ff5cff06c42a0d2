import {
  applyConfirmation,
  createMediation,
  DISPUTE_TYPES,
  exportMediation,
  getMediation,
  listMediation,
  updateMediation,
} from '../services/mediation.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { bool, date, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'

const STATUS = oneOf('状态', ['accepted', 'mediating', 'agreement', 'failed', 'refused'])
const NAME = text('姓名', 1, 40)

/** 人民调解 register (office peacetime duty ②). */
export const mediationRouter = router({
  list: authedProcedure
    .input(
      object({
        status: optional(STATUS),
        cursor: optional(id('分页参数')),
        limit: optional(int('每页条数', 1, 100)),
      }),
    )
    .query(({ ctx, input }) => listMediation(ctx, ctx.user, input)),
  get: authedProcedure
    .input(object({ id: id('调解案件') }))
    .query(({ ctx, input }) => getMediation(ctx, ctx.user, input.id)),
  create: authedProcedure
    .input(
      object({
        officeCode: optional(text('司法所', 1, 40)),
        source: oneOf('来源', ['walk_in', 'kiosk']),
        applicantName: NAME,
        otherParty: text('对方当事人', 1, 100),
        disputeType: oneOf('纠纷类型', DISPUTE_TYPES),
        summary: text('纠纷概况', 5, 2000),
        handledElsewhere: optional(oneOf('已受理机关', ['court', 'police', 'agency'])),
        otherPartyRefused: optional(bool('对方当事人明确拒绝调解')),
        assigneeId: optional(id('承办人员')),
      }),
    )
    .mutation(({ ctx, input }) => createMediation(ctx, ctx.user, input)),
  update: authedProcedure
    .input(
      object({
        id: id('调解案件'),
        version: int('版本号', 1, 2_000_000_000),
        action: oneOf('操作', ['start', 'agree', 'fail', 'edit', 'partyRefused']),
        otherParty: optional(text('对方当事人', 1, 100)),
        disputeType: optional(oneOf('纠纷类型', DISPUTE_TYPES)),
        summary: optional(text('纠纷概况', 5, 2000)),
        agreementText: optional(text('调解协议内容', 5, 4000)),
        agreementDate: optional(date('协议生效日期')),
        failureNote: optional(text('终止调解情况', 5, 1000)),
        refusalNote: optional(text('拒绝调解情况', 2, 500)),
      }),
    )
    .mutation(({ ctx, input }) => updateMediation(ctx, ctx.user, input)),
  /** 人民调解法33: the parties' joint application for judicial confirmation. */
  applyConfirmation: authedProcedure
    .input(
      object({
        id: id('调解案件'),
        version: int('版本号', 1, 2_000_000_000),
        applicants: oneOf('申请人', ['joint', 'single']),
        appliedOn: date('申请日期'),
      }),
    )
    .mutation(({ ctx, input }) => applyConfirmation(ctx, ctx.user, input)),
  export: authedProcedure
    .input(object({ status: optional(STATUS) }))
    .mutation(({ ctx, input }) => exportMediation(ctx, ctx.user, input)),
})
