import { Result } from 'effect'
import type { Role } from '../org/role.ts'
import { exceeds, within } from './calendar.ts'
import { addDays, addMonths } from './civil-date.ts'
import { MonitoringNotAllowed, SanctionNotAllowed } from './corrections-errors.ts'
import { type RuleSet, ruleOf } from './rules.ts'
import type { CorrectionType } from './supervisee.ts'

/** The ladder: 训诫 → 警告 → 提请撤销缓刑/假释 (or 收监执行 for 暂予监外执行). */
export type SanctionKind = 'reprimand' | 'warning' | 'revocation'

export const SANCTION_LABELS: Readonly<Record<SanctionKind, string>> = {
  reprimand: '训诫',
  warning: '警告',
  revocation: '提请撤销缓刑、假释或收监执行',
}

export interface SanctionAsk {
  readonly kind: SanctionKind
  /** days absent without reason (无故不报到、脱离监管), 0 when the breach is of another kind */
  readonly absentDays: number
  /** a serious breach (情节严重) as the squad assesses it; stated in the reason */
  readonly serious: boolean
}

export interface SanctionHistory {
  readonly reprimands: number
  readonly warnings: number
}

/**
 * Whether a sanction is open to the squad given the facts and the ladder so far:
 * - 训诫 (实施办法34): absent or late up to `sanction.reprimandAbsentMax` days, or a minor breach;
 *   more than that many days absent is past a reprimand;
 * - 警告 (实施办法35): absent more than that many days, a serious breach, or `sanction.warningAfterReprimands`
 *   reprimands without correction;
 * - revocation/收监 proposal (刑诉解释543; 实施办法46): absent more than a month, or
 *   `sanction.revocationAfterWarnings` warnings without correction, or another serious breach; not for
 *   管制, which has nothing to revoke.
 */
export const checkSanction = (
  rules: RuleSet,
  type: CorrectionType,
  history: SanctionHistory,
  ask: SanctionAsk,
): Result.Result<SanctionKind, SanctionNotAllowed> => {
  const absentMax = ruleOf(rules, 'sanction.reprimandAbsentMax').amount
  switch (ask.kind) {
    case 'reprimand':
      return within(ask.absentDays, absentMax)
        ? Result.succeed('reprimand')
        : Result.fail(
            new SanctionNotAllowed({
              problem: `脱离监管超过 ${absentMax} 日，应当给予警告而非训诫（实施办法第35条）`,
            }),
          )
    case 'warning': {
      const after = ruleOf(rules, 'sanction.warningAfterReprimands').amount
      return exceeds(ask.absentDays, absentMax) || ask.serious || history.reprimands >= after
        ? Result.succeed('warning')
        : Result.fail(
            new SanctionNotAllowed({
              problem: `警告须有脱离监管超过 ${absentMax} 日、情节严重，或受到 ${after} 次训诫仍不改正的情形（实施办法第35条）`,
            }),
          )
    }
    case 'revocation': {
      if (type === 'control')
        return Result.fail(new SanctionNotAllowed({ problem: '管制对象不适用撤销缓刑、假释或收监执行' }))
      const after = ruleOf(rules, 'sanction.revocationAfterWarnings').amount
      return exceeds(ask.absentDays, 30) || ask.serious || history.warnings >= after
        ? Result.succeed('revocation')
        : Result.fail(
            new SanctionNotAllowed({
              problem: `提请撤销或收监须有脱离监管超过一个月、受到 ${after} 次警告仍不改正或其他严重违规情形（刑诉解释第543条）`,
            }),
          )
    }
  }
}

/** The five situations in which electronic monitoring may be used (社区矫正法29). */
export type MonitoringSituation =
  | 'prohibitionBreach'
  | 'leftWithoutApproval'
  | 'refusedReportAfterWarning'
  | 'publicSecurityPenalty'
  | 'revocationPending'

export const MONITORING_SITUATION_LABELS: Readonly<Record<MonitoringSituation, string>> = {
  prohibitionBreach: '违反人民法院禁止令的',
  leftWithoutApproval: '无正当理由，未经批准离开所居住的市、县的',
  refusedReportAfterWarning: '拒不按照规定报告自己的活动情况，被给予警告的',
  publicSecurityPenalty: '违反监督管理规定，受到治安管理处罚的',
  revocationPending: '拟提请撤销缓刑、假释或者暂予监外执行收监执行的',
}

/**
 * Electronic monitoring (社区矫正法29): only in one of the five situations, approved by the head of
 * the county justice bureau (here a bureau leader), for at most `monitoring.maxMonths` months each
 * time (an extension is a new period of at most as long).
 */
export const checkMonitoring = (
  rules: RuleSet,
  ask: { readonly situation: string; readonly months: number; readonly approverRole: Role },
): Result.Result<MonitoringSituation, MonitoringNotAllowed> => {
  if (!(ask.situation in MONITORING_SITUATION_LABELS))
    return Result.fail(new MonitoringNotAllowed({ problem: '不属于社区矫正法第29条规定的五种情形' }))
  if (ask.approverRole !== 'bureauLeader')
    return Result.fail(
      new MonitoringNotAllowed({ problem: '须经县级司法行政部门负责人批准（社区矫正法第29条）' }),
    )
  const max = ruleOf(rules, 'monitoring.maxMonths').amount
  if (!Number.isInteger(ask.months) || ask.months < 1 || !within(ask.months, max))
    return Result.fail(
      new MonitoringNotAllowed({ problem: `每次期限不得超过 ${max} 个月（社区矫正法第29条）` }),
    )
  return Result.succeed(ask.situation as MonitoringSituation)
}

/**
 * The last day of a monitoring period of `months` months starting on `from` (社区矫正法29: "期限不得超过
 * 三个月"): the period includes its first day and ends the day before the corresponding day `months`
 * later (from 03-01 for one month: through 03-31). A cap on a restriction, never rolled past a rest day
 * (rule monitoring.maxMonths, use 'cap').
 */
export const monitoringUntil = (from: string, months: number): string => addDays(addMonths(from, months), -1)
