import type { TeamMember } from '@pingzhan/domain'
import { generateDocument } from '../services/corrections-docs.ts'
import { recordTransferStep } from '../services/residence-transfer.ts'
import {
  decideLeave,
  dischargeSupervisee,
  getSuperviseeDetail,
  imposeSanction,
  listSuperviseeItems,
  recordEvent,
  registerSupervisee,
  requestLeave,
  revealIdNumber,
  setTeam,
  startMonitoring,
} from '../services/supervisees.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { bool, type Check, cursor, date, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'

const CORRECTION_TYPES = ['control', 'probation', 'parole', 'medicalParole'] as const
const LEVELS = ['strict', 'normal', 'loose'] as const
const EVENT_KINDS = [
  'investigationCommissioned',
  'investigationOpinion',
  'judgment',
  'documentsReceived',
  'receiptSent',
  'reported',
  'intakeAnnounced',
  'planMade',
  'homeVisit',
  'lostContact',
  'contactRestored',
  'monitoringEnded',
  'prohibitionBreach',
  'leftWithoutApproval',
  'publicSecurityPenalty',
  'revocationRejected',
] as const
const VERSION = int('版本号', 1, 2_000_000_000)

/** The correction team: 1–12 members, each with a name, sex, role and whether they know minors. */
const team: Check<ReadonlyArray<TeamMember>> = (value) => {
  if (!Array.isArray(value) || value.length === 0 || value.length > 12)
    return { ok: false, message: '矫正小组成员应为 1–12 人' }
  const out: TeamMember[] = []
  for (const m of value as unknown[]) {
    const r = m as Record<string, unknown>
    const name = typeof r?.name === 'string' ? r.name.trim() : ''
    const role = typeof r?.role === 'string' ? r.role.trim() : ''
    if (name.length < 1 || name.length > 30 || role.length < 1 || role.length > 30)
      return { ok: false, message: '请填写每名成员的姓名和身份' }
    if (r.sex !== 'M' && r.sex !== 'F') return { ok: false, message: '请选择每名成员的性别' }
    out.push({ name, role, sex: r.sex, familiarWithMinors: r.familiarWithMinors === true })
  }
  return { ok: true, value: out }
}

export const superviseeRouter = router({
  list: authedProcedure
    .input(
      object({
        status: optional(oneOf('状态', ['pending', 'active', 'discharged', 'transferred'])),
        q: optional(text('查询', 0, 30)),
        cursor: optional(cursor),
        limit: optional(int('每页条数', 1, 100)),
      }),
    )
    .query(({ ctx, input }) => listSuperviseeItems(ctx, ctx.user, input)),
  get: authedProcedure
    .input(object({ id: id('社区矫正对象') }))
    .query(({ ctx, input }) => getSuperviseeDetail(ctx, ctx.user, input.id)),
  register: authedProcedure
    .input(
      object({
        name: text('姓名', 2, 30),
        idNumber: text('身份证号', 18, 18),
        correctionType: oneOf('矫正类别', CORRECTION_TYPES),
        townCode: text('居住镇街', 1, 40),
        managementLevel: oneOf('管理等级', LEVELS),
        prohibitionOrders: optional(text('禁止令', 0, 500)),
      }),
    )
    .mutation(({ ctx, input }) => registerSupervisee(ctx, ctx.user, input)),
  revealIdNumber: authedProcedure
    .input(object({ id: id('社区矫正对象') }))
    .mutation(({ ctx, input }) => revealIdNumber(ctx, ctx.user, input.id)),
  recordEvent: authedProcedure
    .input(
      object({
        id: id('社区矫正对象'),
        kind: oneOf('事项', EVENT_KINDS),
        on: date('日期'),
        fast: optional(bool('速裁程序')),
        termStart: optional(date('矫正起始日期')),
        termEnd: optional(date('矫正期满日期')),
        note: optional(text('说明', 0, 2000)),
      }),
    )
    .mutation(({ ctx, input }) => recordEvent(ctx, ctx.user, input)),
  setTeam: authedProcedure
    .input(object({ id: id('社区矫正对象'), version: VERSION, team }))
    .mutation(({ ctx, input }) => setTeam(ctx, ctx.user, input)),
  requestLeave: authedProcedure
    .input(
      object({
        id: id('社区矫正对象'),
        from: date('外出开始日期'),
        to: date('外出结束日期'),
        destination: text('目的地', 2, 100),
        reason: text('外出事由', 2, 300),
      }),
    )
    .mutation(({ ctx, input }) => requestLeave(ctx, ctx.user, input)),
  decideLeave: authedProcedure
    .input(
      object({
        leaveId: id('外出申请'),
        version: VERSION,
        approve: bool('是否批准'),
        note: text('审批意见', 0, 300),
      }),
    )
    .mutation(({ ctx, input }) => decideLeave(ctx, ctx.user, input)),
  sanction: authedProcedure
    .input(
      object({
        id: id('社区矫正对象'),
        kind: oneOf('处理种类', ['reprimand', 'warning', 'revocation']),
        on: date('日期'),
        absentDays: int('脱离监管天数', 0, 3650),
        serious: bool('情节严重'),
        reason: text('事实和理由', 4, 1000),
      }),
    )
    .mutation(({ ctx, input }) => imposeSanction(ctx, ctx.user, input)),
  startMonitoring: authedProcedure
    .input(
      object({
        id: id('社区矫正对象'),
        situation: text('适用情形', 1, 40),
        months: int('期限（月）', 1, 12),
        from: date('开始日期'),
        reason: text('理由', 4, 500),
      }),
    )
    .mutation(({ ctx, input }) => startMonitoring(ctx, ctx.user, input)),
  discharge: authedProcedure
    .input(object({ id: id('社区矫正对象'), on: date('解除日期') }))
    .mutation(({ ctx, input }) => dischargeSupervisee(ctx, ctx.user, input)),
  transfer: authedProcedure
    .input(
      object({
        id: id('社区矫正对象'),
        step: oneOf('办理环节', ['apply', 'consult', 'reply', 'decide', 'sendFiles', 'complete']),
        on: date('日期'),
        destination: optional(text('新执行地', 2, 100)),
        moveOn: optional(date('拟迁居日期')),
        agreed: optional(bool('新执行地是否同意接收')),
        approve: optional(bool('是否同意变更')),
        note: optional(text('说明', 0, 500)),
      }),
    )
    .mutation(({ ctx, input }) => recordTransferStep(ctx, ctx.user, input)),
  document: authedProcedure
    .input(
      object({
        id: id('社区矫正对象'),
        kind: oneOf('文书', ['leaveApproval', 'intakeAnnouncement', 'dischargeCertificate']),
        leaveId: optional(id('外出申请')),
      }),
    )
    .mutation(({ ctx, input }) => generateDocument(ctx, ctx.user, input)),
})
