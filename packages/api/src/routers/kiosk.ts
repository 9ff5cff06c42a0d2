import { bookSlot, CONSULT_TOPICS, cancelBooking, freeSlots } from '../services/appointments.ts'
import { bindKiosk } from '../services/devices.ts'
import {
  checkKioskRate,
  type KioskStatus,
  kioskStatus,
  type SubmitResult,
  submitMediation,
} from '../services/kiosk.ts'
import { GUARDIAN_RELATIONS, submitLegalAid } from '../services/kiosk-legal-aid.ts'
import {
  checkLookupRate,
  lookupStatus,
  PrintedOutput,
  StatusOutput,
  unlockReceipt,
} from '../services/kiosk-receipts.ts'
import { MATTER_CODES } from '../services/legal-aid.ts'
import { kioskProcedure, publicProcedure, roleProcedure, router } from '../trpc/init.ts'
import { bool, id, literalTrue, object, oneOf, optional, text } from '../trpc/validate.ts'
import { list } from './task-validate.ts'

// Public procedures: explicit output DTOs, so nothing beyond these fields can ever leave.
const BoundOutput = (v: unknown): KioskStatus => {
  const s = v as KioskStatus
  return s.bound
    ? {
        bound: true,
        officeName: String(s.officeName),
        noticeVersion: String(s.noticeVersion),
        notice: String(s.notice),
      }
    : { bound: false }
}
const BindOutput = (v: unknown): { officeName: string } => ({
  officeName: String((v as { officeName: string }).officeName),
})
const KEY = text('提交编号', 8, 64, { re: /^[A-Za-z0-9-]+$/, message: '提交编号无效' })
const PHONE = text('手机号码', 1, 11, { re: /^1[3-9]\d{9}$/, message: '请填写 11 位大陆手机号码' })
const ID_NUMBER = text('身份证号', 1, 18, {
  re: /^\d{17}[\dXx]$/,
  message: '身份证号应为 18 位（末位可为 X）',
})

const GUARDIAN_INPUT = {
  guardianName: optional(text('监护人姓名', 0, 30)),
  guardianRelation: optional(text('监护人与申请人的关系', 0, 10)),
  guardianIdNumber: optional(text('监护人身份证号', 0, 18)),
  guardianPhone: optional(text('监护人手机号码', 0, 13)),
  guardianConsent: optional(bool('监护人同意')),
}

export const LookupInput = object({
  receiptNo: text('受理编号', 1, 30),
  secret: text('查询码', 1, 20),
})

const LegalAidInput = object({
  key: KEY,
  applicantName: text('申请人姓名', 2, 30),
  phone: PHONE,
  idNumber: ID_NUMBER,
  matterType: oneOf('申请事项', MATTER_CODES),
  applicantRole: oneOf('申请人身份', ['self', 'guardian', 'relative']),
  detained: bool('是否被羁押'),
  hasCounsel: bool('是否已委托律师'),
  economicWaiver: optional(oneOf('不受经济困难条件限制的情形', ['32.1', '32.2', '32.3', '32.4'])),
  hardshipWaiver: optional(oneOf('免予核查经济困难的人员', ['42.1', '42.2', '42.3'])),
  economicHardship: oneOf('家庭经济状况', ['yes', 'no', 'unsure']),
  urgent: bool('是否紧急'),
  summary: text('简要情况', 5, 500),
  materialsBrought: optional(list('已带材料', text('材料', 1, 40), 20)),
  agentName: optional(text('代为申请人姓名', 2, 30)),
  agentRelation: optional(oneOf('与申请人的关系', GUARDIAN_RELATIONS)),
  agentIdNumber: optional(ID_NUMBER),
  agentPhone: optional(text('代为申请人手机号码', 0, 13)),
  consent: literalTrue('请阅读并同意个人信息收集告知后再提交'),
  sensitiveConsent: literalTrue('请单独同意处理身份证号等敏感个人信息'),
  guardianConsent: optional(bool('监护人同意')),
})

// The receipt, and for an application the other party refuses (人民调解法17) the reason and the other
// routes (法26) — fixed statutory text, never anyone's data.
const ReceiptOutput = (v: unknown): SubmitResult => {
  const r = v as SubmitResult
  return r.refused
    ? {
        ...PrintedOutput(v),
        refused: true,
        reason: String(r.reason),
        alternatives: r.alternatives.map((a) => ({ route: String(a.route), detail: String(a.detail) })),
      }
    : { ...PrintedOutput(v), refused: false }
}

const MediationInput = object({
  applicantName: text('姓名', 2, 30),
  phone: PHONE,
  // Shape only here; the full check (including date against today) runs in the service.
  idNumber: ID_NUMBER,
  summary: text('纠纷简要情况', 10, 500),
  otherParty: text('对方当事人', 1, 50),
  consent: literalTrue('请阅读并同意个人信息收集告知后再提交'),
  groupDispute: optional(bool('是否群体性纠纷')),
  otherPartyConsent: optional(oneOf('对方是否同意调解', ['agreed', 'refused', 'unsure'])),
  key: optional(KEY),
  // 个人信息保护法31: the guardian of an applicant under 14 — shapes only; the domain's checkGuardian decides
  ...GUARDIAN_INPUT,
})

const SlotsOutput = (v: unknown) =>
  (v as ReadonlyArray<{ id: string; day: string; startsAt: string; endsAt: string }>).map((s) => ({
    id: String(s.id),
    day: String(s.day),
    startsAt: String(s.startsAt),
    endsAt: String(s.endsAt),
  }))
const BookedOutput = (v: unknown) => {
  const r = v as { startsAt: string; endsAt: string }
  return { ...PrintedOutput(v), startsAt: String(r.startsAt), endsAt: String(r.endsAt) }
}
const OkOutput = (): { ok: true } => ({ ok: true })

/** issue 14: consultation appointments at the kiosk */
export const kioskAppointmentProcedures = {
  freeSlots: kioskProcedure.output(SlotsOutput).query(({ ctx }) => freeSlots(ctx, ctx.device)),
  book: kioskProcedure
    .use(async ({ ctx, next }) => {
      await checkKioskRate(ctx, ctx.device)
      return next()
    })
    .input(
      object({
        key: KEY,
        slotId: id('咨询时段'),
        applicantName: text('姓名', 2, 30),
        phone: PHONE,
        topic: oneOf('咨询事项', CONSULT_TOPICS),
        consent: literalTrue('请阅读并同意个人信息收集告知后再预约'),
      }),
    )
    .output(BookedOutput)
    .mutation(({ ctx, input }) => bookSlot(ctx, ctx.device, input)),
  cancelBooking: kioskProcedure
    .use(async ({ ctx, next }) => {
      await checkLookupRate(ctx, { kind: 'kiosk', device: ctx.device })
      return next()
    })
    .input(LookupInput)
    .output(OkOutput)
    .mutation(({ ctx, input }) => cancelBooking(ctx, { kind: 'kiosk', device: ctx.device }, input)),
}

export const kioskRouter = router({
  status: publicProcedure.output(BoundOutput).query(({ ctx }) => kioskStatus(ctx)),
  bind: publicProcedure
    .input(object({ code: text('登记码', 4, 20) }))
    .output(BindOutput)
    .mutation(({ ctx, input }) => bindKiosk(ctx, input.code)),
  submitMediation: kioskProcedure
    // Counted before validation, so malformed floods are limited too.
    .use(async ({ ctx, next }) => {
      await checkKioskRate(ctx, ctx.device)
      return next()
    })
    .input(MediationInput)
    .output(ReceiptOutput)
    .mutation(({ ctx, input }) => submitMediation(ctx, ctx.device, input)),
  /** issue 14: a legal-aid application, into the office's intake queue */
  submitLegalAid: kioskProcedure
    .use(async ({ ctx, next }) => {
      await checkKioskRate(ctx, ctx.device)
      return next()
    })
    .input(LegalAidInput)
    .output(PrintedOutput)
    .mutation(({ ctx, input }) => submitLegalAid(ctx, ctx.device, input)),
  /** issue 14: the stage of one request, by receipt number + secret */
  lookupStatus: kioskProcedure
    .use(async ({ ctx, next }) => {
      await checkLookupRate(ctx, { kind: 'kiosk', device: ctx.device })
      return next()
    })
    .input(LookupInput)
    .output(StatusOutput)
    .mutation(({ ctx, input }) => lookupStatus(ctx, { kind: 'kiosk', device: ctx.device }, input)),
  ...kioskAppointmentProcedures,
})

/** The public status page (the receipt's QR code): no device, limited per IP and per receipt. */
export const receiptRouter = router({
  status: publicProcedure
    .use(async ({ ctx, next }) => {
      await checkLookupRate(ctx, { kind: 'public' })
      return next()
    })
    .input(LookupInput)
    .output(StatusOutput)
    .mutation(({ ctx, input }) => lookupStatus(ctx, { kind: 'public' }, input)),
  /**
   * issue 14: the director of the receipt's office (or the administrator) unlocks a receipt locked by
   * wrong secrets, after checking the resident's ID card at the window (domain receiptUnlockScope)
   */
  unlock: roleProcedure('bureauAdmin', 'officeDirector')
    .input(object({ receiptNo: text('受理编号', 1, 30), reason: text('解锁原因', 2, 100) }))
    .mutation(({ ctx, input }) => unlockReceipt(ctx, ctx.user, input)),
})
