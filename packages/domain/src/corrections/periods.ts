import { Result } from 'effect'
import type { WorkCalendar } from './calendar.ts'
import { dueInstantOfHours, lastDayOf, type Period } from './calendar.ts'
import { addDays, addMonths } from './civil-date.ts'
import { DEFAULT_RULES, type LegalRule, type RuleCode, type RuleSet, ruleOf } from './rules.ts'

// The one entry to the calendar engine for every statutory or bureau period of the system: a service
// names the rule (which carries its amount, unit, roll flag and article) and gets the last day or the
// due instant. No service counts days itself (packages/api/test/periods.test.ts holds them to it).

/** The rules that are periods (the others are counts, thresholds or flags). */
export type PeriodRule = LegalRule & { readonly unit: 'day' | 'workingDay' | 'month' | 'hour' }

export const isPeriodRule = (r: LegalRule): r is PeriodRule =>
  r.unit === 'day' || r.unit === 'workingDay' || r.unit === 'month' || r.unit === 'hour'

/** The codes of every period rule as shipped. */
export const PERIOD_RULE_CODES: ReadonlyArray<RuleCode> = DEFAULT_RULES.filter(isPeriodRule).map(
  (r) => r.code,
)

/**
 * How each period rule is used — every period rule has exactly one entry (periods.test.ts fails on a
 * rule added without one):
 * - deadline: a last day counted forward from a trigger on the engine (`deadlineOf`, `lastDayOfPeriod`);
 * - cycle: a recurring visit interval counted forward on the engine from the last visit;
 * - instant: an hour period, an exact instant that never rolls (`dueInstantOf`);
 * - reminder: days before another period's end, when a reminder appears (not a legal period);
 * - ahead: advance notice compared backwards from a planned day (a warning, never a deadline);
 * - cap: the longest a measure may last (its end is computed by the domain, never rolled: a holiday
 *   does not lengthen a restriction).
 */
export type PeriodUse = 'deadline' | 'cycle' | 'instant' | 'reminder' | 'ahead' | 'cap'

export const PERIOD_USES = {
  'investigation.normal': 'deadline',
  'investigation.fast': 'deadline',
  'documents.receipt': 'deadline',
  'report.deadline': 'deadline',
  'report.handover': 'deadline',
  'intake.announcement': 'deadline',
  'plan.deadline': 'deadline',
  'leave.applyAhead': 'ahead',
  'monitoring.maxMonths': 'cap',
  'monitoring.alertDays': 'reminder',
  'lossOfContact.searchHours': 'instant',
  'discharge.notice': 'deadline',
  'visit.strict': 'cycle',
  'visit.normal': 'cycle',
  'visit.loose': 'cycle',
  'resettlement.handover': 'deadline',
  'resettlement.noticeAhead': 'ahead',
  'resettlement.file': 'deadline',
  'resettlement.entry': 'deadline',
  'resettlement.visit.general': 'cycle',
  'resettlement.visit.key': 'cycle',
  'resettlement.visit.elderlySick': 'cycle',
  'transfer.applyAhead': 'ahead',
  'transfer.consult': 'deadline',
  'transfer.reply': 'deadline',
  'mediation.target': 'deadline',
  'mediation.confirmation': 'deadline',
  'legalAid.decision': 'deadline',
  'legalAid.designation': 'deadline',
  'legalAid.detainedForward': 'instant',
  'transfer.files': 'deadline',
  'transfer.report': 'deadline',
} as const satisfies Partial<Record<RuleCode, PeriodUse>>

/** How a rule counts, in the words the console shows. */
export const countingOf = (r: Pick<LegalRule, 'unit' | 'roll'>): string => {
  switch (r.unit) {
    case 'day':
      return r.roll ? '自然日，期间最后一日为法定休假日的，以休假日结束的次日为最后一日' : '自然日，不顺延'
    case 'month':
      return r.roll
        ? '按月计算（到期月的对应日），最后一日为法定休假日的顺延'
        : '按月计算（到期月的对应日），不顺延'
    case 'workingDay':
      return '工作日（不含法定节假日，调休上班日计入）'
    case 'hour':
      return '按小时计算，不因节假日顺延'
    default:
      return '非期间（次数、天数上限或开关）'
  }
}

/** A last day, with the reason it is provisional when the calendar lacks a year the count reaches. */
export interface Deadline {
  /** YYYY-MM-DD, China Standard Time */
  readonly date: string
  /**
   * null when counted on the working-day calendar; otherwise the calendar gap: the date is then the
   * plain count without rolling — never later than the true last day — and the UI says so.
   */
  readonly provisional: string | null
}

/** The period a rule in force stands for. */
export const periodOfRule = (rules: RuleSet, code: RuleCode): Period => {
  const r = ruleOf(rules, code)
  if (!isPeriodRule(r)) throw new Error(`rule ${code} is not a period`)
  return { amount: r.amount, unit: r.unit, roll: r.roll }
}

/**
 * The last day of a period counted on the calendar (民法典201–203; 民事诉讼法85; 刑事诉讼法105): the
 * trigger day is not counted; the rule says whether a rest day at the end rolls. Without the year in the
 * calendar the plain count is returned and marked provisional (LEGAL-RULES.md: fall back visibly).
 */
export const lastDayOfPeriod = (cal: WorkCalendar, trigger: string, period: Period): Deadline => {
  if (period.unit === 'hour') throw new Error('hour periods end at an instant: use dueInstantOf')
  const r = lastDayOf(cal, trigger, period)
  if (Result.isSuccess(r)) return { date: r.success, provisional: null }
  const plain = period.unit === 'month' ? addMonths(trigger, period.amount) : addDays(trigger, period.amount)
  return { date: plain, provisional: r.failure.message }
}

/** The last day of the rule's period from `trigger`. */
export const deadlineOf = (cal: WorkCalendar, rules: RuleSet, code: RuleCode, trigger: string): Deadline =>
  lastDayOfPeriod(cal, trigger, periodOfRule(rules, code))

/** The instant (ms) an hour rule ends: exactly that many hours later, never rolled (e.g. 法律援助法39). */
export const dueInstantOf = (rules: RuleSet, code: RuleCode, triggerMs: number): number => {
  const p = periodOfRule(rules, code)
  if (p.unit !== 'hour') throw new Error(`rule ${code} is not counted in hours`)
  return dueInstantOfHours(triggerMs, p.amount)
}
