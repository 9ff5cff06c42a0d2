import { acceptIntake, getIntakeItem, listIntakeItems, rejectIntake } from '../services/intake.ts'
import { acceptLegalAidIntake } from '../services/kiosk-legal-aid.ts'
import { DISPUTE_TYPES } from '../services/mediation.ts'
import { roleProcedure, router } from '../trpc/init.ts'
import { cursor, date, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'
import { list } from './task-validate.ts'

const readers = roleProcedure('bureauAdmin', 'officeDirector', 'bureauLeader')
const deciders = roleProcedure('bureauAdmin', 'officeDirector')

export const intakeRouter = router({
  list: readers
    .input(
      object({
        status: optional(oneOf('状态', ['new', 'accepted', 'rejected'])),
        cursor: optional(cursor),
        limit: optional(int('每页条数', 1, 100)),
      }),
    )
    .query(({ ctx, input }) => listIntakeItems(ctx, ctx.user, input)),
  get: readers
    .input(object({ id: id('申请') }))
    .query(({ ctx, input }) => getIntakeItem(ctx, ctx.user, input.id)),
  accept: deciders
    .input(
      object({
        id: id('申请'),
        dutyCode: text('职责事项', 1, 40),
        title: text('任务名称', 2, 100),
        dueDate: date('办理期限'),
        assigneeId: id('承办人'),
        disputeType: optional(oneOf('纠纷类型', DISPUTE_TYPES)),
      }),
    )
    .mutation(({ ctx, input }) => acceptIntake(ctx, ctx.user, input)),
  /** issue 14: a kiosk legal-aid application into the 法律援助 register, received as of the kiosk receipt */
  acceptLegalAid: deciders
    .input(
      object({
        id: id('申请'),
        handlerId: id('承办人员'),
        missingMaterials: optional(list('需补充的材料', text('材料名称', 1, 100), 20)),
        materialsDue: optional(date('补充材料截止日期')),
      }),
    )
    .mutation(({ ctx, input }) => acceptLegalAidIntake(ctx, ctx.user, input)),
  reject: deciders
    .input(object({ id: id('申请'), reason: text('不予受理理由', 2, 200) }))
    .mutation(({ ctx, input }) => rejectIntake(ctx, ctx.user, input)),
})
