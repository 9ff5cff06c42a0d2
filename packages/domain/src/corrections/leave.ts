import { Result } from 'effect'
import type { Role } from '../org/role.ts'
import { within } from './calendar.ts'
import { addMonths, dayNumber, daysBetween, isCivilDate } from './civil-date.ts'
import { LeaveNotAllowed, WrongApprover } from './corrections-errors.ts'
import { type RuleSet, ruleOf } from './rules.ts'

/**
 * Who approves an outing (外出, 社区矫正法27; 社区矫正法实施办法26):
 * - office: seven days or fewer, the judicial office, when the county agency has delegated it, filed
 *   with the county (备案);
 * - county: the county community-corrections agency (here the enforcement brigade / bureau);
 * - upper: more than 30 days, or more than 30 days in total within two months — the next level up.
 */
export type LeaveLevel = 'office' | 'county' | 'upper'

export const LEAVE_LEVEL_LABELS: Readonly<Record<LeaveLevel, string>> = {
  office: '司法所（受委托审批，报县级社区矫正机构备案）',
  county: '县级社区矫正机构',
  upper: '上一级社区矫正机构',
}

export interface DateRange {
  readonly from: string
  readonly to: string
}

/** Days of an outing, both ends counted (12月1日至7日 is seven days). */
export const leaveDays = (r: DateRange): number => daysBetween(r.from, r.to) + 1

const overlap = (a: DateRange, b: DateRange): number => {
  const from = Math.max(dayNumber(a.from), dayNumber(b.from))
  const to = Math.min(dayNumber(a.to), dayNumber(b.to))
  return to < from ? 0 : to - from + 1
}

export interface LeaveRoute {
  readonly days: number
  /** this outing plus the approved ones inside the window before its end */
  readonly cumulativeDays: number
  readonly level: LeaveLevel
  /** why the level was chosen, in Chinese, citing the rule */
  readonly reason: string
  /** advisory: the application came later than the rule asks (~3 days ahead) */
  readonly late: boolean
}

/**
 * Routes an outing to its approval level. `approved` are the supervisee's approved outings; the
 * cumulative count looks back `leave.cumulativeWindowMonths` months from the outing's last day.
 * Limits follow 民法典1259: "七日以内" includes 7, "超过三十日" starts at 31.
 */
export const routeLeave = (
  rules: RuleSet,
  ask: DateRange & { readonly appliedOn: string },
  approved: ReadonlyArray<DateRange>,
): Result.Result<LeaveRoute, LeaveNotAllowed> => {
  if (!isCivilDate(ask.from) || !isCivilDate(ask.to) || ask.to < ask.from)
    return Result.fail(new LeaveNotAllowed({ problem: '外出起止日期无效' }))
  if (ask.from < ask.appliedOn)
    return Result.fail(new LeaveNotAllowed({ problem: '外出开始日期不能早于申请日期' }))
  const days = leaveDays(ask)
  const windowMonths = ruleOf(rules, 'leave.cumulativeWindowMonths').amount
  const window: DateRange = { from: addMonths(ask.to, -windowMonths), to: ask.to }
  const cumulativeDays = days + approved.reduce((sum, r) => sum + overlap(r, window), 0)
  const perApproval = ruleOf(rules, 'leave.perApprovalMax').amount
  const cumulativeMax = ruleOf(rules, 'leave.cumulativeMax').amount
  const officeMax = ruleOf(rules, 'leave.officeMax').amount
  const delegated = ruleOf(rules, 'leave.officeDelegated').amount === 1
  const late = daysBetween(ask.appliedOn, ask.from) < ruleOf(rules, 'leave.applyAhead').amount
  const route = (level: LeaveLevel, reason: string): LeaveRoute => ({
    days,
    cumulativeDays,
    level,
    reason,
    late,
  })
  if (!within(days, perApproval))
    return Result.succeed(
      route(
        'upper',
        `外出 ${days} 日，超过每次批准的 ${perApproval} 日，报上一级社区矫正机构审批（实施办法第26条）`,
      ),
    )
  if (!within(cumulativeDays, cumulativeMax))
    return Result.succeed(
      route(
        'upper',
        `${windowMonths} 个月内累计外出 ${cumulativeDays} 日，超过 ${cumulativeMax} 日，报上一级社区矫正机构审批（实施办法第26条）`,
      ),
    )
  if (delegated && within(days, officeMax))
    return Result.succeed(
      route(
        'office',
        `外出 ${days} 日，在 ${officeMax} 日以内，由司法所受委托审批并报县级备案（社区矫正法第27条）`,
      ),
    )
  return Result.succeed(
    route(
      'county',
      `外出 ${days} 日${delegated ? `，超过 ${officeMax} 日` : '，未委托司法所审批'}，由县级社区矫正机构审批（社区矫正法第27条）`,
    ),
  )
}

/**
 * Whether a person in `role` may decide at `level`. The office level is the supervisee's own office
 * director (or the county agency itself); the county level is the brigade leader or a bureau leader;
 * an upper-level outing is only referred — its decision is recorded by the brigade from the reply.
 */
export const checkLeaveApprover = (
  level: LeaveLevel,
  approver: { readonly role: Role; readonly office: string | null },
  superviseeOffice: string,
): Result.Result<true, WrongApprover> => {
  const county = approver.role === 'brigadeLeader' || approver.role === 'bureauLeader'
  switch (level) {
    case 'office':
      return county || (approver.role === 'officeDirector' && approver.office === superviseeOffice)
        ? Result.succeed(true)
        : Result.fail(new WrongApprover({ required: '对象所在司法所所长或县级社区矫正机构' }))
    case 'county':
      return county
        ? Result.succeed(true)
        : Result.fail(new WrongApprover({ required: '县级社区矫正机构（执法大队长或局领导）' }))
    case 'upper':
      return approver.role === 'brigadeLeader'
        ? Result.succeed(true)
        : Result.fail(new WrongApprover({ required: '上一级社区矫正机构（由执法大队长登记上级批复）' }))
  }
}
