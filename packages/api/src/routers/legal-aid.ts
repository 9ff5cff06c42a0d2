import {
  createLegalAid,
  designateLegalAid,
  ECONOMIC_WAIVER_CODES,
  exportLegalAid,
  getLegalAid,
  HARDSHIP_WAIVER_CODES,
  LEGAL_AID_STATUSES,
  legalAidNotice,
  listLegalAid,
  MATTER_CODES,
  updateLegalAid,
} from '../services/legal-aid.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { bool, date, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'
import { list } from './task-validate.ts'

const STATUS = oneOf('状态', LEGAL_AID_STATUSES)
const MATTER = oneOf('援助事项', MATTER_CODES)
const OFFICE = text('司法所', 1, 40)
const MATERIALS = list('需补充的材料', text('材料名称', 1, 100), 20)

/** 法律援助 intake register (office peacetime duty ④). */
export const legalAidRouter = router({
  list: authedProcedure
    .input(
      object({
        status: optional(STATUS),
        matterType: optional(MATTER),
        officeCode: optional(OFFICE),
        cursor: optional(id('分页参数')),
        limit: optional(int('每页条数', 1, 100)),
      }),
    )
    .query(({ ctx, input }) => listLegalAid(ctx, ctx.user, input)),
  get: authedProcedure
    .input(object({ id: id('法律援助申请') }))
    .query(({ ctx, input }) => getLegalAid(ctx, ctx.user, input.id)),
  create: authedProcedure
    .input(
      object({
        officeCode: optional(OFFICE),
        applicantName: text('申请人', 1, 40),
        matterType: MATTER,
        summary: text('案情简述', 5, 2000),
        detained: bool('是否被羁押'),
        economicWaiver: optional(oneOf('免予经济困难条件的情形', ECONOMIC_WAIVER_CODES)),
        hardshipWaiver: optional(oneOf('免予核查经济困难的情形', HARDSHIP_WAIVER_CODES)),
        waiverNote: optional(text('所依据的规定', 1, 200)),
        missingMaterials: optional(MATERIALS),
        materialsDue: optional(date('补充材料截止日期')),
        handlerId: id('承办人员'),
      }),
    )
    .mutation(({ ctx, input }) => createLegalAid(ctx, ctx.user, input)),
  update: authedProcedure
    .input(
      object({
        id: id('法律援助申请'),
        version: int('版本号', 1, 2_000_000_000),
        action: oneOf('操作', [
          'edit',
          'notifyMissing',
          'supplyMaterials',
          'deemWithdrawn',
          'forward',
          'decide',
        ]),
        applicantName: optional(text('申请人', 1, 40)),
        summary: optional(text('案情简述', 5, 2000)),
        matterType: optional(MATTER),
        economicWaiver: optional(oneOf('免予经济困难条件的情形', [...ECONOMIC_WAIVER_CODES, 'none'])),
        hardshipWaiver: optional(oneOf('免予核查经济困难的情形', [...HARDSHIP_WAIVER_CODES, 'none'])),
        waiverNote: optional(text('所依据的规定', 0, 200)),
        missingMaterials: optional(MATERIALS),
        materialsDue: optional(date('补充材料截止日期')),
        decision: optional(oneOf('援助决定', ['granted', 'refused'])),
        decisionDate: optional(date('决定日期')),
        decisionNote: optional(text('决定说明', 2, 1000)),
      }),
    )
    .mutation(({ ctx, input }) => updateLegalAid(ctx, ctx.user, input)),
  /** 法律援助法43: the legal-aid personnel designated after a grant. */
  designate: authedProcedure
    .input(
      object({
        id: id('法律援助申请'),
        version: int('版本号', 1, 2_000_000_000),
        designatedPerson: text('被指派的法律援助人员', 2, 100),
        designatedOn: date('指派日期'),
      }),
    )
    .mutation(({ ctx, input }) => designateLegalAid(ctx, ctx.user, input)),
  /** 法律援助法43: the written notice to the applicant (designation, or refusal with its reason). */
  notice: authedProcedure
    .input(object({ id: id('法律援助申请'), kind: oneOf('通知书种类', ['designation', 'refusal']) }))
    .mutation(({ ctx, input }) => legalAidNotice(ctx, ctx.user, input)),
  export: authedProcedure
    .input(object({ status: optional(STATUS), matterType: optional(MATTER), officeCode: optional(OFFICE) }))
    .mutation(({ ctx, input }) => exportLegalAid(ctx, ctx.user, input)),
})
