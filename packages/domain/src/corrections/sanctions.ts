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
 * Facts of a supervisee's record that ground electronic monitoring (社区矫正法29), recorded as case
 * events besides the sanctions: a breach of a 禁止令, leaving the city or county without approval, a
 * public-security penalty, and the outcome of a revocation (收监) proposal that was not granted.
 */
export type MonitoringFactKind =
  | 'prohibitionBreach'
  | 'leftWithoutApproval'
  | 'publicSecurityPenalty'
  | 'revocationRejected'

export const MONITORING_FACT_LABELS: Readonly<Record<MonitoringFactKind, string>> = {
  prohibitionBreach: '违反人民法院禁止令',
  leftWithoutApproval: '无正当理由未经批准离开所居住的市、县',
  publicSecurityPenalty: '违反监督管理规定受到治安管理处罚',
  revocationRejected: '撤销缓刑、假释或收监执行的提请未获裁定（决定）支持',
}

/** What the record holds, in the order recorded: case events and sanctions (`sanction` events). */
export interface SuperviseeRecord {
  /** the 禁止令 the judgment imposed (社区矫正法 / 刑法38, 72) */
  readonly prohibitionOrders: number
  readonly entries: ReadonlyArray<{
    readonly kind: string
    readonly on: string
    /** for a `sanction` entry: which one */
    readonly sanction?: SanctionKind | undefined
    /** for a `monitoringStarted` entry: its last day */
    readonly until?: string | undefined
  }>
}

/**
 * The situations of 社区矫正法29 the record supports now:
 * (1) a 禁止令 on the judgment and a breach of it recorded;
 * (2) a recorded departure from the city or county without approval;
 * (3) a 警告 on record (the situation presupposes one: 拒不报告…被给予警告的);
 * (4) a recorded public-security penalty (治安管理处罚);
 * (5) a revocation or 收监 proposal on record (the sanction 提请撤销) not since answered by a recorded
 *     refusal — once refused, the ground no longer stands.
 */
export const groundsOnRecord = (record: SuperviseeRecord): ReadonlyArray<MonitoringSituation> => {
  const has = (kind: string) => record.entries.some((e) => e.kind === kind)
  const sanctions = (k: SanctionKind) =>
    record.entries.filter((e) => e.kind === 'sanction' && e.sanction === k)
  let proposalPending = false
  for (const e of record.entries) {
    if (e.kind === 'sanction' && e.sanction === 'revocation') proposalPending = true
    if (e.kind === 'revocationRejected') proposalPending = false
  }
  const out: MonitoringSituation[] = []
  if (record.prohibitionOrders > 0 && has('prohibitionBreach')) out.push('prohibitionBreach')
  if (has('leftWithoutApproval')) out.push('leftWithoutApproval')
  if (sanctions('warning').length > 0) out.push('refusedReportAfterWarning')
  if (has('publicSecurityPenalty')) out.push('publicSecurityPenalty')
  if (proposalPending) out.push('revocationPending')
  return out
}

/** What each situation needs on the record, for the refusal message. */
const GROUND_NEEDS: Readonly<Record<MonitoringSituation, string>> = {
  prohibitionBreach: '须有人民法院禁止令并已登记违反禁止令的事实',
  leftWithoutApproval: '须已登记无正当理由未经批准离开所居住的市、县的事实',
  refusedReportAfterWarning: '须已对该对象给予警告',
  publicSecurityPenalty: '须已登记该对象受到治安管理处罚',
  revocationPending: '须已提请撤销缓刑、假释或收监执行且尚未被驳回',
}

/** The monitoring period in force on the record: the last one started and not ended. */
export const currentMonitoring = (record: SuperviseeRecord): { from: string; until: string } | null => {
  let current: { from: string; until: string } | null = null
  for (const e of record.entries) {
    if (e.kind === 'monitoringStarted' && e.until) current = { from: e.on, until: e.until }
    if (e.kind === 'monitoringEnded') current = null
  }
  return current
}

/**
 * Electronic monitoring (社区矫正法29): only in one of the five situations, and one the supervisee's
 * record supports (`groundsOnRecord`); approved by the head of the county justice bureau (here a bureau
 * leader); for at most `monitoring.maxMonths` months. While a period is in force, a new decision is an
 * extension ("期限届满后，经评估仍有必要继续使用的，经过批准，期限可以延长，每次不得超过三个月"): it starts
 * the day after the period ends, keeps the 3-month cap, and is refused when no ground stands any longer.
 */
export const checkMonitoring = (
  rules: RuleSet,
  ask: {
    readonly situation: string
    readonly months: number
    readonly approverRole: Role
    readonly from: string
    readonly record: SuperviseeRecord
  },
): Result.Result<{ situation: MonitoringSituation; extension: boolean }, MonitoringNotAllowed> => {
  if (!(ask.situation in MONITORING_SITUATION_LABELS))
    return Result.fail(new MonitoringNotAllowed({ problem: '不属于社区矫正法第29条规定的五种情形' }))
  const situation = ask.situation as MonitoringSituation
  if (ask.approverRole !== 'bureauLeader')
    return Result.fail(
      new MonitoringNotAllowed({ problem: '须经县级司法行政部门负责人批准（社区矫正法第29条）' }),
    )
  const max = ruleOf(rules, 'monitoring.maxMonths').amount
  if (!Number.isInteger(ask.months) || ask.months < 1 || !within(ask.months, max))
    return Result.fail(
      new MonitoringNotAllowed({ problem: `每次期限不得超过 ${max} 个月（社区矫正法第29条）` }),
    )
  const current = currentMonitoring(ask.record)
  const extension = current !== null && ask.from === addDays(current.until, 1)
  if (current !== null && ask.from <= current.until)
    return Result.fail(
      new MonitoringNotAllowed({
        problem: `电子定位正在使用（至 ${current.until}）；期满后经评估仍有必要的，延长期限自 ${addDays(current.until, 1)} 起算（社区矫正法第29条）`,
      }),
    )
  const grounds = groundsOnRecord(ask.record)
  if (!grounds.includes(situation)) {
    const still =
      grounds.length === 0
        ? extension
          ? '对象的记录中已无社区矫正法第29条规定的任何情形，不能延长，应及时解除'
          : '对象的记录中没有社区矫正法第29条规定的任何情形'
        : `记录支持的情形为：${grounds.map((g) => MONITORING_SITUATION_LABELS[g]).join('；')}`
    return Result.fail(
      new MonitoringNotAllowed({
        problem: `“${MONITORING_SITUATION_LABELS[situation]}”${GROUND_NEEDS[situation]}。${still}`,
      }),
    )
  }
  return Result.succeed({ situation, extension })
}

/**
 * The last day of a monitoring period of `months` months starting on `from` (社区矫正法29: "期限不得超过
 * 三个月"): the period includes its first day and ends the day before the corresponding day `months`
 * later (from 03-01 for one month: through 03-31). A cap on a restriction, never rolled past a rest day
 * (rule monitoring.maxMonths, use 'cap').
 */
export const monitoringUntil = (from: string, months: number): string => addDays(addMonths(from, months), -1)
