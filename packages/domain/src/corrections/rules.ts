import { Result } from 'effect'
import type { Period, PeriodUnit } from './calendar.ts'
import { RuleChangeRefused } from './corrections-errors.ts'

/**
 * Confidence of a rule's source (LEGAL-RULES.md): V read in the primary text; S quoted by a secondary
 * source; R recalled, primary text not at hand; B a bureau setting where the law sets no number.
 * S, R and B rules are data the bureau may change in the admin console (audited); V rules are not.
 */
export type Confidence = 'V' | 'S' | 'R' | 'B'

export const CONFIDENCE_LABELS: Readonly<Record<Confidence, string>> = {
  V: '已核对法条原文',
  S: '转引自二手资料',
  R: '凭记忆，待核对原文',
  B: '本局设定（法律未规定具体数值）',
}

export type RuleUnit = PeriodUnit | 'count' | 'flag'

/** One deadline, threshold or approval limit, with where it comes from. */
export interface LegalRule {
  readonly code: string
  readonly title: string
  readonly amount: number
  readonly unit: RuleUnit
  /** for day/month periods: whether a last day on a rest day rolls to the next working day */
  readonly roll: boolean
  readonly source: string
  readonly confidence: Confidence
  readonly min: number
  readonly max: number
}

const rule = (
  code: string,
  title: string,
  amount: number,
  unit: RuleUnit,
  source: string,
  confidence: Confidence,
  range: readonly [number, number],
  roll = unit === 'day' || unit === 'month',
): LegalRule => ({ code, title, amount, unit, roll, source, confidence, min: range[0], max: range[1] })

/** The rule codes the engine reads. */
export type RuleCode = (typeof DEFAULT_RULES)[number]['code']

/** The rules as shipped; the bureau's changes are stored as overrides of `amount` (and `roll`). */
export const DEFAULT_RULES = [
  rule(
    'investigation.normal',
    '调查评估意见（普通程序）',
    10,
    'workingDay',
    '社区矫正法实施办法第14条',
    'R',
    [1, 30],
  ),
  rule(
    'investigation.fast',
    '调查评估意见（速裁程序）',
    5,
    'workingDay',
    '社区矫正法实施办法第14条',
    'R',
    [1, 30],
  ),
  rule('documents.receipt', '收到法律文书后送达回执', 5, 'day', '社区矫正法实施办法第16条', 'R', [1, 30]),
  rule('report.deadline', '判决、裁定生效之日起报到', 10, 'day', '社区矫正法第21条', 'V', [10, 10]),
  rule('report.handover', '暂予监外执行罪犯移送交接', 10, 'day', '社区矫正法第21条', 'V', [10, 10]),
  rule(
    'intake.announcement',
    '报到后组织入矫宣告',
    3,
    'workingDay',
    '社区矫正法第22条（时限为本局设定）',
    'B',
    [0, 30],
  ),
  rule(
    'plan.deadline',
    '报到后制定矫正方案',
    30,
    'day',
    '社区矫正法第24条（全国未定时限，省级细则可设定）',
    'B',
    [1, 90],
  ),
  rule(
    'leave.applyAhead',
    '外出应提前申请的天数（提示，不阻止）',
    3,
    'day',
    '社区矫正法实施办法第26条',
    'R',
    [0, 30],
  ),
  rule(
    'leave.officeMax',
    '司法所受委托可批准的外出天数（七日以内）',
    7,
    'count',
    '社区矫正法第27条；社区矫正法实施办法第26条',
    'R',
    [0, 7],
  ),
  rule(
    'leave.officeDelegated',
    '县级社区矫正机构是否委托司法所批准（1 是，0 否）',
    1,
    'flag',
    '社区矫正法实施办法第26条',
    'R',
    [0, 1],
  ),
  rule(
    'leave.perApprovalMax',
    '每次批准外出不超过的天数',
    30,
    'count',
    '社区矫正法实施办法第26条',
    'R',
    [1, 30],
  ),
  rule(
    'leave.cumulativeWindowMonths',
    '累计外出的计算期间（月）',
    2,
    'count',
    '社区矫正法实施办法第26条',
    'R',
    [1, 12],
  ),
  rule(
    'leave.cumulativeMax',
    '计算期间内累计外出超过即报上一级的天数',
    30,
    'count',
    '社区矫正法实施办法第26条',
    'R',
    [1, 60],
  ),
  // A cap on how long a restriction lasts, not a deadline: never rolled (a holiday does not lengthen it).
  rule(
    'monitoring.maxMonths',
    '电子定位每次期限不超过（月）',
    3,
    'month',
    '社区矫正法第29条',
    'V',
    [3, 3],
    false,
  ),
  rule(
    'monitoring.alertDays',
    '电子定位到期前提醒（日）',
    7,
    'day',
    '社区矫正法第29条（提醒天数为本局设定）',
    'B',
    [1, 30],
    false,
  ),
  rule(
    'lossOfContact.searchHours',
    '失去联系后立即查找（小时内派出查找任务）',
    24,
    'hour',
    '社区矫正法第30条（时限为本局设定）',
    'B',
    [1, 72],
  ),
  rule(
    'sanction.reprimandAbsentMax',
    '无故不报到或脱离监管不超过此天数的，给予训诫',
    10,
    'count',
    '社区矫正法实施办法第34条',
    'S',
    [1, 30],
  ),
  rule(
    'sanction.warningAfterReprimands',
    '受到训诫后仍不改正、再次训诫的次数达到此数，给予警告',
    2,
    'count',
    '社区矫正法实施办法第35条',
    'S',
    [1, 5],
  ),
  rule(
    'sanction.revocationAfterWarnings',
    '受到警告后仍不改正的次数达到此数，提请撤销缓刑、假释或收监执行',
    2,
    'count',
    '最高人民法院关于适用刑事诉讼法的解释第543条；社区矫正法实施办法第46条',
    'S',
    [1, 5],
  ),
  rule(
    'discharge.notice',
    '矫正期满当日解除矫正并通知有关机关',
    0,
    'day',
    '社区矫正法第44条',
    'V',
    [0, 0],
    false,
  ),
  rule(
    'visit.strict',
    '严管对象入户走访周期（日）',
    30,
    'day',
    '管理等级及走访频次为本局设定',
    'B',
    [7, 180],
    false,
  ),
  rule(
    'visit.normal',
    '普管对象入户走访周期（日）',
    60,
    'day',
    '管理等级及走访频次为本局设定',
    'B',
    [7, 180],
    false,
  ),
  rule(
    'visit.loose',
    '宽管对象入户走访周期（日）',
    90,
    'day',
    '管理等级及走访频次为本局设定',
    'B',
    [7, 365],
    false,
  ),
  rule(
    'resettlement.handover',
    '收到监狱释放通知后做好衔接（日）',
    5,
    'day',
    '安置帮教衔接（时限为本局设定）',
    'B',
    [1, 30],
  ),
  rule(
    'resettlement.aftercareYears',
    '安置帮教期（年）：一般刑满释放人员',
    5,
    'count',
    '各省安置帮教规定',
    'S',
    [1, 10],
  ),
  // Released prisoners (安置帮教, 中队平时职责②): the national texts set no day counts for these steps;
  // they are bureau settings, like the visit frequencies of supervisees.
  rule(
    'resettlement.noticeAhead',
    '监狱应在释放前约一个月通知（日，晚于此提示）',
    30,
    'day',
    '1999年司法部关于刑满释放人员衔接工作的通知',
    'S',
    [1, 90],
    false,
  ),
  rule(
    'resettlement.aftercareYears.key',
    '安置帮教期（年）：重点帮教对象',
    5,
    'count',
    '各省安置帮教规定（按类别设定）',
    'B',
    [1, 10],
  ),
  rule(
    'resettlement.aftercareYears.elderlySick',
    '安置帮教期（年）：老病残刑满释放人员',
    5,
    'count',
    '各省安置帮教规定（按类别设定）',
    'B',
    [1, 10],
  ),
  rule(
    'resettlement.file',
    '释放后建立安置帮教工作档案（日）',
    10,
    'day',
    '安置帮教工作档案（时限为本局设定）',
    'B',
    [1, 60],
  ),
  rule(
    'resettlement.entry',
    '释放后在安置帮教系统核查、录入信息（工作日）',
    5,
    'workingDay',
    '安置帮教信息核查录入（时限为本局设定）',
    'B',
    [1, 30],
  ),
  rule(
    'resettlement.visit.general',
    '一般刑满释放人员走访排查周期（日）',
    90,
    'day',
    '走访频次为本局设定',
    'B',
    [7, 365],
    false,
  ),
  rule(
    'resettlement.visit.key',
    '重点帮教对象走访排查周期（日）',
    30,
    'day',
    '走访频次为本局设定',
    'B',
    [7, 365],
    false,
  ),
  rule(
    'resettlement.visit.elderlySick',
    '老病残刑满释放人员走访排查周期（日）',
    90,
    'day',
    '走访频次为本局设定',
    'B',
    [7, 365],
    false,
  ),
  // Change of the place of execution (变更执行地): 社区矫正法27 (V) requires approval; the day counts
  // are 实施办法29–30, recalled (R).
  rule(
    'transfer.applyAhead',
    '变更执行地应提前申请（月，晚于此提示，不阻止）',
    1,
    'month',
    '社区矫正法实施办法第29条',
    'R',
    [0, 3],
    false,
  ),
  rule(
    'transfer.consult',
    '收到申请后征求新执行地县级社区矫正机构意见（日）',
    5,
    'day',
    '社区矫正法实施办法第29条',
    'R',
    [1, 30],
  ),
  rule(
    'transfer.reply',
    '新执行地县级社区矫正机构回复意见（日）',
    5,
    'day',
    '社区矫正法实施办法第29条',
    'R',
    [1, 30],
  ),
  rule(
    'legalAid.materialsPause',
    '法律援助：申请人补充材料的时间不计入七日审查期限（1 是，0 否）',
    1,
    'flag',
    '司法部《办理法律援助案件程序规定》（补充材料、作出说明的时间不计入审查期限；条文号待核对）',
    'R',
    [0, 1],
  ),
  // People's mediation (人民调解法; 人民调解工作若干规定): the target warns, never blocks.
  rule(
    'mediation.target',
    '人民调解一般在受理后一个月内调结（提示，不阻止）',
    1,
    'month',
    '人民调解工作若干规定第33条',
    'S',
    [1, 3],
  ),
  rule(
    'mediation.confirmation',
    '调解协议生效后双方共同申请司法确认（日）',
    30,
    'day',
    '人民调解法第33条',
    'V',
    [30, 30],
  ),
  // Legal aid (法律援助法, read in ../shared/law/).
  rule(
    'legalAid.decision',
    '收到法律援助申请后作出是否给予援助的决定（日）',
    7,
    'day',
    '法律援助法第43条',
    'V',
    [7, 7],
  ),
  rule(
    'legalAid.designation',
    '决定给予法律援助后指派法律援助人员（日）',
    3,
    'day',
    '法律援助法第43条',
    'V',
    [3, 3],
  ),
  rule(
    'legalAid.detainedForward',
    '被羁押人员的法律援助申请转交法律援助机构（小时，不顺延）',
    24,
    'hour',
    '法律援助法第39条',
    'V',
    [24, 24],
  ),
  rule('transfer.files', '同意变更后移交档案材料（日）', 5, 'day', '社区矫正法实施办法第30条', 'R', [1, 30]),
  rule(
    'transfer.report',
    '收到变更决定后到新执行地报到（日）',
    7,
    'day',
    '社区矫正法实施办法第30条',
    'R',
    [1, 30],
  ),
] as const satisfies ReadonlyArray<LegalRule>

/** The bureau's stored change of one rule. */
export interface RuleOverride {
  readonly code: string
  readonly amount: number
  readonly roll: boolean
}

export type RuleSet = ReadonlyMap<string, LegalRule>

/** The rules in force: defaults with the bureau's overrides applied (unknown codes are ignored). */
export const ruleSetOf = (overrides: ReadonlyArray<RuleOverride>): RuleSet => {
  const map = new Map<string, LegalRule>(DEFAULT_RULES.map((r) => [r.code, r]))
  for (const o of overrides) {
    const r = map.get(o.code)
    if (r && r.confidence !== 'V') map.set(o.code, { ...r, amount: o.amount, roll: o.roll })
  }
  return map
}

export const ruleOf = (rules: RuleSet, code: RuleCode): LegalRule => {
  const r = rules.get(code)
  if (!r) throw new Error(`rule ${code} missing from the rule set`)
  return r
}

export const periodOf = (rules: RuleSet, code: RuleCode): Period => {
  const r = ruleOf(rules, code)
  const unit: PeriodUnit = r.unit === 'count' || r.unit === 'flag' ? 'day' : r.unit
  return { amount: r.amount, unit, roll: r.roll }
}

/**
 * Checks a change the bureau asks for: only S, R and B rules may change (LEGAL-RULES.md), within the
 * rule's range, as a whole number.
 */
export const checkRuleChange = (
  current: LegalRule,
  change: { amount: number; roll: boolean },
): Result.Result<RuleOverride, RuleChangeRefused> => {
  if (current.confidence === 'V')
    return Result.fail(
      new RuleChangeRefused({ problem: `“${current.title}”已核对法条原文（${current.source}），不能调整` }),
    )
  if (!Number.isInteger(change.amount) || change.amount < current.min || change.amount > current.max)
    return Result.fail(
      new RuleChangeRefused({ problem: `“${current.title}”的取值应为 ${current.min}–${current.max} 的整数` }),
    )
  return Result.succeed({ code: current.code, amount: change.amount, roll: change.roll })
}
