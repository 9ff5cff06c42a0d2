import { bindKiosk } from '../services/devices.ts'
import {
  checkKioskRate,
  type KioskStatus,
  kioskStatus,
  type SubmitResult,
  submitMediation,
} from '../services/kiosk.ts'
import { kioskProcedure, publicProcedure, router } from '../trpc/init.ts'
import { bool, literalTrue, object, oneOf, optional, text } from '../trpc/validate.ts'

// Public procedures: explicit output DTOs, so nothing beyond these fields can ever leave.
const StatusOutput = (v: unknown): KioskStatus => {
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
// The receipt, and for an application the other party refuses (人民调解法17) the reason and the other
// routes (法26) — fixed statutory text, never anyone's data.
const ReceiptOutput = (v: unknown): SubmitResult => {
  const r = v as SubmitResult
  return r.refused
    ? {
        receiptNo: String(r.receiptNo),
        refused: true,
        reason: String(r.reason),
        alternatives: r.alternatives.map((a) => ({ route: String(a.route), detail: String(a.detail) })),
      }
    : { receiptNo: String(r.receiptNo), refused: false }
}

const MediationInput = object({
  applicantName: text('姓名', 2, 30),
  phone: text('手机号码', 1, 11, { re: /^1[3-9]\d{9}$/, message: '请填写 11 位大陆手机号码' }),
  // Shape only here; the full check (including date against today) runs in the service.
  idNumber: text('身份证号', 1, 18, { re: /^\d{17}[\dXx]$/, message: '身份证号应为 18 位（末位可为 X）' }),
  summary: text('纠纷简要情况', 10, 500),
  otherParty: text('对方当事人', 1, 50),
  consent: literalTrue('请阅读并同意个人信息收集告知后再提交'),
  groupDispute: optional(bool('是否群体性纠纷')),
  otherPartyConsent: optional(oneOf('对方是否同意调解', ['agreed', 'refused', 'unsure'])),
})

export const kioskRouter = router({
  status: publicProcedure.output(StatusOutput).query(({ ctx }) => kioskStatus(ctx)),
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
})
