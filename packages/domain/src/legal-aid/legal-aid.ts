import type { WorkCalendar } from '../corrections/calendar.ts'
import { addDays, daysBetween } from '../corrections/civil-date.ts'
import { type Deadline, deadlineOf, dueInstantOf } from '../corrections/periods.ts'
import { type RuleSet, ruleOf, ruleSetOf } from '../corrections/rules.ts'

/**
 * Matters a town office takes legal-aid applications for (法律援助法 13: town workstations take
 * applications nearby). Criminal: 法24 (suspect/defendant without counsel, or a relative, applies) and
 * 法25 (persons for whom counsel must be appointed on notice); civil and administrative: 法31 (1)–(9).
 */
export const LEGAL_AID_MATTERS = {
  'criminal.24': '刑事辩护：犯罪嫌疑人、被告人因经济困难或其他原因没有委托辩护人（第二十四条）',
  'criminal.25': '刑事辩护：未成年人、残疾人等应当通知辩护的情形（第二十五条）',
  'civil.31.1': '依法请求国家赔偿（第三十一条第一项）',
  'civil.31.2': '请求给予社会保险待遇或者社会救助（第三十一条第二项）',
  'civil.31.3': '请求发给抚恤金（第三十一条第三项）',
  'civil.31.4': '请求给付赡养费、抚养费、扶养费（第三十一条第四项）',
  'civil.31.5': '请求确认劳动关系或者支付劳动报酬（第三十一条第五项）',
  'civil.31.6': '请求认定公民无民事行为能力或者限制民事行为能力（第三十一条第六项）',
  'civil.31.7': '请求工伤事故、交通事故、食品药品安全事故、医疗事故人身损害赔偿（第三十一条第七项）',
  'civil.31.8': '请求环境污染、生态破坏损害赔偿（第三十一条第八项）',
  'civil.31.9': '法律、法规、规章规定的其他情形（第三十一条第九项）',
} as const
export type LegalAidMatter = keyof typeof LEGAL_AID_MATTERS

/** 法律援助法32: applications not subject to the economic-hardship condition. */
export const ECONOMIC_TEST_WAIVERS = {
  '32.1': '英雄烈士近亲属为维护英雄烈士的人格权益',
  '32.2': '因见义勇为行为主张相关民事权益',
  '32.3': '再审改判无罪请求国家赔偿',
  '32.4': '遭受虐待、遗弃或者家庭暴力的受害人主张相关权益',
  '32.5': '法律、法规、规章规定的其他情形',
} as const
export type EconomicTestWaiver = keyof typeof ECONOMIC_TEST_WAIVERS

/** 法律援助法42: applicants whose economic hardship is not verified, on proof of belonging. */
export const HARDSHIP_CHECK_WAIVERS = {
  '42.1': '无固定生活来源的未成年人、老年人、残疾人等特定群体',
  '42.2': '社会救助、司法救助或者优抚对象',
  '42.3': '申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员',
  '42.4': '法律、法规、规章规定的其他人员',
} as const
export type HardshipCheckWaiver = keyof typeof HARDSHIP_CHECK_WAIVERS

/** The “other” grounds (32(5), 42(4)) name the rule relied on in a note. */
export const waiverNeedsNote = (ground: string | null): boolean => ground === '32.5' || ground === '42.4'

// The periods are rules of the engine (corrections/rules.ts: legalAid.decision, legalAid.designation,
// legalAid.detainedForward), all V — read in 法律援助法39, 43 — so no bureau override applies to them.
const SHIPPED: RuleSet = ruleSetOf([])

/** 法律援助法43: the decision is due within 7 days of receiving the application. */
export const LEGAL_AID_DECISION_DAYS: number = ruleOf(SHIPPED, 'legalAid.decision').amount
/** 法律援助法39: a detained applicant's application is forwarded within 24 hours (hours never roll). */
export const LEGAL_AID_DETAINED_FORWARD_HOURS: number = ruleOf(SHIPPED, 'legalAid.detainedForward').amount

export interface DecisionDeadline {
  /** the last day (YYYY-MM-DD) */
  readonly date: string
  /**
   * true when the working calendar does not hold the year: the date is then the plain 7th day,
   * not rolled past rest days, and the UI says so (LEGAL-RULES.md: fall back visibly, never silently).
   */
  readonly provisional: boolean
}

/**
 * The decision deadline of a legal-aid application (法律援助法43: 七日内, which includes day 7 —
 * 民法典1259). The day of receipt is not counted and a last day on a rest day rolls to the next working
 * day (民法典201, 203; LEGAL-RULES.md: day periods roll). `pausedDays` — the days between the one-time
 * notice of missing materials and their supply — are not counted when the bureau's rule says so
 * (`materialsPauseDays`).
 */
export const legalAidDecisionDeadline = (
  cal: WorkCalendar,
  receivedDate: string,
  pausedDays = 0,
): DecisionDeadline => {
  const trigger = addDays(receivedDate, Math.max(0, pausedDays))
  const d = deadlineOf(cal, SHIPPED, 'legalAid.decision', trigger)
  return { date: d.date, provisional: d.provisional !== null }
}

/**
 * 法律援助法43: "决定给予法律援助的，应当自作出决定之日起三日内指派法律援助人员" — the last day for
 * designating the legal-aid personnel, counted from the decision day (not counted), rolling past a rest
 * day like every day period.
 */
export const designationDeadline = (cal: WorkCalendar, decisionDate: string): Deadline =>
  deadlineOf(cal, SHIPPED, 'legalAid.designation', decisionDate)

/** Days the clock stood still while the applicant supplied the listed materials (never negative). */
export const pausedDaysOf = (noticeDate: string, suppliedDate: string): number =>
  Math.max(0, daysBetween(noticeDate, suppliedDate))

/**
 * The days the decision clock stands still for missing materials, under the rule in force. 法律援助法43
 * itself says nothing of a pause; 司法部《办理法律援助案件程序规定》 excludes the time to supplement
 * materials from the review period, but that text is recalled, not read (LEGAL-RULES.md confidence R),
 * so the pause is the bureau's rule `legalAid.materialsPause` (1 pause, 0 no pause), not a constant.
 */
export const materialsPauseDays = (rules: RuleSet, noticeDate: string, suppliedDate: string): number =>
  materialsPauseInForce(rules) ? pausedDaysOf(noticeDate, suppliedDate) : 0

/** Whether the rule in force stops the decision clock while missing materials are awaited. */
export const materialsPauseInForce = (rules: RuleSet): boolean =>
  ruleOf(rules, 'legalAid.materialsPause').amount === 1

/**
 * The instant (ms) by which a detained applicant's application must reach the legal aid agency:
 * exactly 24 hours after receipt, never rolled over a rest day (法律援助法39).
 */
export const detainedForwardDeadline = (receivedAtMs: number): number =>
  dueInstantOf(SHIPPED, 'legalAid.detainedForward', receivedAtMs)

/**
 * 法律援助法43: missing materials are listed once, in one notice. A second notice is refused; an
 * applicant who does not supply them by the stated date is deemed to have withdrawn the application —
 * which the office may record only after that date has passed.
 */
export const mayDeemWithdrawn = (today: string, materialsDue: string): boolean => today > materialsDue
