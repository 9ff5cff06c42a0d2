import type { WorkCalendar } from '../corrections/calendar.ts'
import { addDays, daysBetween } from '../corrections/civil-date.ts'
import { type Deadline, deadlineOf, dueInstantOf } from '../corrections/periods.ts'
import { type RuleSet, ruleOf, ruleSetOf } from '../corrections/rules.ts'

export {
  ECONOMIC_TEST_WAIVERS,
  type EconomicTestWaiver,
  HARDSHIP_CHECK_WAIVERS,
  type HardshipCheckWaiver,
  LEGAL_AID_MATTERS,
  type LegalAidMatter,
  waiverNeedsNote,
} from './matters.ts'

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
