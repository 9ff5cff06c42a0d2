import { Result, Schema } from 'effect'
import type { WorkCalendar } from '../corrections/calendar.ts'
import { type Deadline, deadlineOf } from '../corrections/periods.ts'
import type { RuleSet } from '../corrections/rules.ts'

// People's mediation (人民调解法, read in ../shared/law/; 人民调解工作若干规定 quoted, S).

/**
 * The one-month target (人民调解工作若干规定33, S: "一般在一个月内调结"): counted from the day of
 * acceptance, which is not counted; a warning when passed, never a block.
 */
export const mediationTargetDate = (cal: WorkCalendar, rules: RuleSet, acceptedOn: string): Deadline =>
  deadlineOf(cal, rules, 'mediation.target', acceptedOn)

/**
 * 人民调解法33: both parties may jointly apply to the court for judicial confirmation within 30 days of
 * the agreement taking effect (the day it takes effect is not counted; a last day on a rest day rolls,
 * 民事诉讼法85).
 */
export const confirmationDeadline = (cal: WorkCalendar, rules: RuleSet, agreementDate: string): Deadline =>
  deadlineOf(cal, rules, 'mediation.confirmation', agreementDate)

/** An application for judicial confirmation that 人民调解法33 does not allow. */
export class ConfirmationRefused extends Schema.TaggedError<ConfirmationRefused>()('ConfirmationRefused', {
  problem: Schema.String,
}) {
  override get message(): string {
    return this.problem
  }
}

/** Who applies for judicial confirmation: both parties together, or one alone. */
export type ConfirmationApplicants = 'joint' | 'single'

/**
 * Checks an application for judicial confirmation against 人民调解法33: only both parties jointly, on or
 * after the day the agreement took effect and not later than the last day of the window.
 */
export const checkConfirmationApplication = (ask: {
  readonly applicants: ConfirmationApplicants
  readonly appliedOn: string
  readonly agreementDate: string
  readonly deadline: string
}): Result.Result<string, ConfirmationRefused> => {
  if (ask.applicants !== 'joint')
    return Result.fail(
      new ConfirmationRefused({
        problem:
          '司法确认须由双方当事人共同向人民法院申请（人民调解法第三十三条），一方单独申请的不予登记；可告知另一方当事人共同申请',
      }),
    )
  if (ask.appliedOn < ask.agreementDate)
    return Result.fail(new ConfirmationRefused({ problem: '申请日期不能早于调解协议生效日期' }))
  if (ask.appliedOn > ask.deadline)
    return Result.fail(
      new ConfirmationRefused({
        problem: `已超过自调解协议生效之日起三十日的申请期限（截止 ${ask.deadline}，人民调解法第三十三条）`,
      }),
    )
  return Result.succeed(ask.appliedOn)
}

/**
 * 人民调解法17: mediation needs both parties; where one party expressly refuses, there is no mediation.
 * The reason recorded on the case.
 */
export const PARTY_REFUSAL_REASON = '当事人一方明确拒绝调解，依照《中华人民共和国人民调解法》第十七条不得调解'

/**
 * The other routes a party is told of when mediation does not take place or fails (人民调解法26:
 * "告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利"), in the words shown to the
 * director and, at the kiosk, to the resident.
 */
export const MEDIATION_ALTERNATIVES: ReadonlyArray<{ readonly route: string; readonly detail: string }> = [
  { route: '向人民法院提起诉讼', detail: '可以依法向有管辖权的人民法院起诉（司法途径）' },
  {
    route: '申请仲裁',
    detail:
      '劳动争议可以向劳动人事争议仲裁委员会申请仲裁；有仲裁协议的合同纠纷可以向约定的仲裁委员会申请仲裁',
  },
  {
    route: '请求行政机关处理或者行政调解',
    detail:
      '可以请求有关行政机关依法处理，例如治安案件引起的纠纷由公安机关调解，土地、山林权属争议由人民政府处理',
  },
  {
    route: '申请法律援助、咨询法律服务',
    detail:
      '经济困难的，可以依照《中华人民共和国法律援助法》申请法律援助；也可拨打 12348 公共法律服务热线咨询',
  },
]
