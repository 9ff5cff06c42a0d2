import { Effect } from 'effect'
import { SchemeImmutable, SchemeInvalid, type SchemeProblem } from './scoring-errors.ts'

// Assessment schemes (考核方案, policy 四.3): versioned data. 司法所、执法中队分别考核与辖区整体工作考核
// 相结合 (unit types office / squad / area), 平时考核与年底考核相结合 (parts daily / yearEnd, combined by the
// scheme's weights), 业务考核与协调配合情况考核相结合 (groups business / cooperation). Accountability
// records (作风不实、履职不力、推诿扯皮、弄虚作假、漠视群众利益) deduct the scheme's points.

export type AssessedUnitType = 'office' | 'squad' | 'area'
export type IndicatorGroup = 'business' | 'cooperation'
export type AssessmentPart = 'daily' | 'yearEnd'

/** What a computed indicator measures, from the platform's own records. */
export type FactMetric =
  | 'tasksOnTime'
  | 'statutoryOnTime'
  | 'mediationSuccess'
  | 'legalAidInTime'
  | 'activationPromptAck'
  | 'refusals'

/** What a person enters at the year-end review (年底现场点评、材料报送), 0–100. */
export type EntryKind = 'onSite' | 'materials'

export type AccountabilityCategory =
  | 'workStyle'
  | 'dutyFailure'
  | 'buckPassing'
  | 'falsification'
  | 'disregardOfPublic'

export const ACCOUNTABILITY_CATEGORIES: ReadonlyArray<AccountabilityCategory> = [
  'workStyle',
  'dutyFailure',
  'buckPassing',
  'falsification',
  'disregardOfPublic',
]

/** The five of policy 四.3, in its words. */
export const ACCOUNTABILITY_LABELS: Readonly<Record<AccountabilityCategory, string>> = {
  workStyle: '作风不实',
  dutyFailure: '履职不力',
  buckPassing: '推诿扯皮',
  falsification: '弄虚作假',
  disregardOfPublic: '漠视群众利益',
}

export const UNIT_TYPE_LABELS: Readonly<Record<AssessedUnitType, string>> = {
  office: '司法所',
  squad: '执法中队',
  area: '中队辖区',
}
export const GROUP_LABELS: Readonly<Record<IndicatorGroup, string>> = {
  business: '业务考核',
  cooperation: '协调配合情况考核',
}
export const PART_LABELS: Readonly<Record<AssessmentPart, string>> = {
  daily: '平时考核',
  yearEnd: '年底考核',
}
export const ENTRY_LABELS: Readonly<Record<EntryKind, string>> = {
  onSite: '年底现场点评',
  materials: '材料报送',
}

interface MetricInfo {
  readonly label: string
  /** a share in [0, 1] (higher is better) or a count of events (lower is better) */
  readonly scale: 'ratio' | 'count'
  readonly unitTypes: ReadonlyArray<AssessedUnitType>
}

export const METRICS: Readonly<Record<FactMetric, MetricInfo>> = {
  tasksOnTime: { label: '工作任务按时办结率', scale: 'ratio', unitTypes: ['office', 'squad', 'area'] },
  statutoryOnTime: { label: '法定期限按时落实率', scale: 'ratio', unitTypes: ['squad', 'area'] },
  mediationSuccess: { label: '人民调解成功率', scale: 'ratio', unitTypes: ['office', 'area'] },
  legalAidInTime: { label: '法律援助按期审查率', scale: 'ratio', unitTypes: ['office', 'area'] },
  activationPromptAck: { label: '战时及时响应率', scale: 'ratio', unitTypes: ['squad', 'area'] },
  refusals: { label: '战时推诿次数', scale: 'count', unitTypes: ['office', 'squad', 'area'] },
}

export type IndicatorSource =
  | { readonly kind: 'facts'; readonly metric: FactMetric; readonly dutyPrefix?: string | undefined }
  | { readonly kind: 'entered'; readonly entry: EntryKind }

/**
 * How a measured value becomes a share of the indicator's weight:
 * - linear: a share at or below `zeroAt` gets nothing, at or above `fullAt` the full weight, linear between;
 * - rank: among the units of the same type, the best gets the full weight, the last nothing, evenly between
 *   (units with the same value share the better rank);
 * - deduction: the full weight less `perEvent` points per event, never below 0.
 */
export type ScoringRule =
  | { readonly kind: 'linear'; readonly zeroAt: number; readonly fullAt: number }
  | { readonly kind: 'rank' }
  | { readonly kind: 'deduction'; readonly perEvent: number }

export interface Indicator {
  readonly code: string
  readonly name: string
  readonly group: IndicatorGroup
  readonly part: AssessmentPart
  readonly unitType: AssessedUnitType
  /** points out of the part's 100 */
  readonly weight: number
  readonly source: IndicatorSource
  readonly rule: ScoringRule
}

export interface AssessmentScheme {
  readonly code: string
  readonly version: number
  readonly name: string
  /** 平时考核 / 年底考核 weights, summing to 100 */
  readonly parts: Readonly<Record<AssessmentPart, number>>
  /** an area's score: its own indicators, its squad's score, the mean of its offices' scores; summing to 100 */
  readonly area: { readonly own: number; readonly squad: number; readonly offices: number }
  readonly indicators: ReadonlyArray<Indicator>
  /** points deducted from the unit's total per accountability record of each category */
  readonly accountability: Readonly<Record<AccountabilityCategory, number>>
}

const UNIT_TYPES: ReadonlyArray<AssessedUnitType> = ['office', 'squad', 'area']
const PARTS: ReadonlyArray<AssessmentPart> = ['daily', 'yearEnd']

const isWhole = (n: unknown, min: number, max: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max

/** Every problem of a scheme at once (empty when it is valid). */
export const schemeProblems = (scheme: AssessmentScheme): ReadonlyArray<SchemeProblem> => {
  const problems: SchemeProblem[] = []
  const add = (path: string, message: string) => problems.push({ path, message })
  if (!/^[a-z0-9-]{2,40}$/.test(scheme.code)) add('code', '方案代码应为 2–40 位小写字母、数字或连字符')
  if (!isWhole(scheme.version, 1, 100_000)) add('version', '版本号应为正整数')
  if (scheme.name.trim() === '') add('name', '请填写方案名称')
  const partSum = scheme.parts.daily + scheme.parts.yearEnd
  if (!isWhole(scheme.parts.daily, 0, 100) || !isWhole(scheme.parts.yearEnd, 0, 100) || partSum !== 100) {
    add('parts', `平时考核与年底考核的权重之和应为 100（现为 ${partSum}）`)
  }
  const a = scheme.area
  const areaSum = a.own + a.squad + a.offices
  if (![a.own, a.squad, a.offices].every((n) => isWhole(n, 0, 100)) || areaSum !== 100) {
    add('area', `辖区整体得分中辖区指标、中队得分、司法所平均得分的权重之和应为 100（现为 ${areaSum}）`)
  }
  const seen = new Set<string>()
  scheme.indicators.forEach((ind, i) => {
    const at = `indicators.${i}`
    const label = ind.name.trim() === '' ? `第 ${i + 1} 项指标` : `指标“${ind.name}”`
    if (!/^[A-Za-z0-9._-]{1,40}$/.test(ind.code)) add(`${at}.code`, `${label}的代码无效`)
    else if (seen.has(ind.code)) add(`${at}.code`, `指标代码“${ind.code}”重复`)
    seen.add(ind.code)
    if (ind.name.trim() === '') add(`${at}.name`, `${label}缺少名称`)
    if (!isWhole(ind.weight, 1, 100)) add(`${at}.weight`, `${label}的权重应为 1–100 的整数`)
    if (ind.source.kind === 'facts') {
      const info = METRICS[ind.source.metric]
      if (info === undefined) add(`${at}.source`, `${label}的数据来源无效`)
      else {
        if (!info.unitTypes.includes(ind.unitType)) {
          add(`${at}.source`, `${label}：“${info.label}”不适用于${UNIT_TYPE_LABELS[ind.unitType]}`)
        }
        if (info.scale === 'count' && ind.rule.kind !== 'deduction') {
          add(`${at}.rule`, `${label}：次数类指标只能按次扣分`)
        }
        if (info.scale === 'ratio' && ind.rule.kind === 'deduction') {
          add(`${at}.rule`, `${label}：比率类指标应按区间线性计分或按名次计分`)
        }
      }
    } else if (ind.rule.kind === 'deduction') {
      add(`${at}.rule`, `${label}：录入分值的指标应按区间线性计分或按名次计分`)
    }
    if (ind.rule.kind === 'linear') {
      const { zeroAt, fullAt } = ind.rule
      const inRange = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1
      if (!inRange(zeroAt) || !inRange(fullAt) || zeroAt >= fullAt) {
        add(`${at}.rule`, `${label}：线性计分的起评线应低于满分线，均在 0%–100% 之间`)
      }
    }
    if (ind.rule.kind === 'deduction' && !(Number.isFinite(ind.rule.perEvent) && ind.rule.perEvent > 0)) {
      add(`${at}.rule`, `${label}：每次扣分应大于 0`)
    }
  })
  for (const type of UNIT_TYPES) {
    const own = type !== 'area' || scheme.area.own > 0
    for (const part of PARTS) {
      const inPart = scheme.indicators.filter((i) => i.unitType === type && i.part === part)
      const sum = inPart.reduce((s, i) => s + i.weight, 0)
      const where = `${UNIT_TYPE_LABELS[type]}${PART_LABELS[part]}`
      if (!own) {
        if (inPart.length > 0) add(`area.own`, `辖区指标权重为 0 时不应设置${where}指标`)
      } else if (scheme.parts[part] > 0 && sum !== 100) {
        add(`indicators`, `${where}各项指标权重之和应为 100（现为 ${sum}）`)
      } else if (scheme.parts[part] === 0 && inPart.length > 0) {
        add(`indicators`, `${PART_LABELS[part]}权重为 0，不应设置${where}指标`)
      }
    }
  }
  for (const c of ACCOUNTABILITY_CATEGORIES) {
    const points = scheme.accountability[c]
    if (!(typeof points === 'number' && Number.isFinite(points) && points >= 0 && points <= 100)) {
      add(`accountability.${c}`, `“${ACCOUNTABILITY_LABELS[c]}”每次扣分应在 0–100 之间`)
    }
  }
  return problems
}

/** The scheme when it is valid; every problem at once otherwise. */
export const validateScheme = (scheme: AssessmentScheme): Effect.Effect<AssessmentScheme, SchemeInvalid> => {
  const problems = schemeProblems(scheme)
  return problems.length === 0 ? Effect.succeed(scheme) : Effect.fail(new SchemeInvalid({ problems }))
}

export type SchemeStatus = 'draft' | 'published'

/** A published version is immutable (its scores must be recomputable); a change is a new version. */
export const checkSchemeEditable = (
  status: SchemeStatus,
  version: number,
): Effect.Effect<void, SchemeImmutable> =>
  status === 'published' ? Effect.fail(new SchemeImmutable({ version })) : Effect.void

/** Yiyuan's starting scheme (a draft the bureau adjusts before publishing). */
export const yiyuanScheme2026: AssessmentScheme = {
  code: 'yiyuan',
  version: 1,
  name: '沂源县“一定五动 平战融合”考核方案',
  parts: { daily: 70, yearEnd: 30 },
  area: { own: 20, squad: 40, offices: 40 },
  indicators: [
    ind(
      'office.tasks',
      '工作任务按时办结率',
      'business',
      'daily',
      'office',
      40,
      facts('tasksOnTime'),
      linear(0.6, 1),
    ),
    ind(
      'office.mediation',
      '人民调解成功率',
      'business',
      'daily',
      'office',
      20,
      facts('mediationSuccess'),
      linear(0.5, 1),
    ),
    ind(
      'office.legalAid',
      '法律援助按期审查率',
      'business',
      'daily',
      'office',
      20,
      facts('legalAidInTime'),
      linear(0.8, 1),
    ),
    ind(
      'office.refusals',
      '战时推诿扯皮',
      'cooperation',
      'daily',
      'office',
      20,
      facts('refusals'),
      deduction(10),
    ),
    ind(
      'office.onSite',
      '年底现场点评',
      'business',
      'yearEnd',
      'office',
      60,
      entered('onSite'),
      linear(0, 1),
    ),
    ind(
      'office.materials',
      '材料报送',
      'business',
      'yearEnd',
      'office',
      40,
      entered('materials'),
      linear(0, 1),
    ),
    ind(
      'squad.tasks',
      '工作任务按时办结率',
      'business',
      'daily',
      'squad',
      30,
      facts('tasksOnTime'),
      linear(0.6, 1),
    ),
    ind(
      'squad.statutory',
      '社区矫正法定期限按时落实率',
      'business',
      'daily',
      'squad',
      30,
      facts('statutoryOnTime'),
      linear(0.8, 1),
    ),
    ind(
      'squad.ack',
      '战时及时响应率',
      'cooperation',
      'daily',
      'squad',
      20,
      facts('activationPromptAck'),
      linear(0.5, 1),
    ),
    ind(
      'squad.refusals',
      '战时推诿扯皮',
      'cooperation',
      'daily',
      'squad',
      20,
      facts('refusals'),
      deduction(10),
    ),
    ind('squad.onSite', '年底现场点评', 'business', 'yearEnd', 'squad', 60, entered('onSite'), linear(0, 1)),
    ind(
      'squad.materials',
      '材料报送',
      'business',
      'yearEnd',
      'squad',
      40,
      entered('materials'),
      linear(0, 1),
    ),
    ind('area.tasks', '辖区工作任务按时办结率', 'business', 'daily', 'area', 50, facts('tasksOnTime'), {
      kind: 'rank',
    }),
    ind(
      'area.ack',
      '辖区融合联动响应率',
      'cooperation',
      'daily',
      'area',
      50,
      facts('activationPromptAck'),
      linear(0.5, 1),
    ),
    ind(
      'area.onSite',
      '辖区整体现场点评',
      'business',
      'yearEnd',
      'area',
      100,
      entered('onSite'),
      linear(0, 1),
    ),
  ],
  accountability: { workStyle: 5, dutyFailure: 5, buckPassing: 5, falsification: 10, disregardOfPublic: 10 },
}

function ind(
  code: string,
  name: string,
  group: IndicatorGroup,
  part: AssessmentPart,
  unitType: AssessedUnitType,
  weight: number,
  source: IndicatorSource,
  rule: ScoringRule,
): Indicator {
  return { code, name, group, part, unitType, weight, source, rule }
}
function facts(metric: FactMetric): IndicatorSource {
  return { kind: 'facts', metric }
}
function entered(entry: EntryKind): IndicatorSource {
  return { kind: 'entered', entry }
}
function linear(zeroAt: number, fullAt: number): ScoringRule {
  return { kind: 'linear', zeroAt, fullAt }
}
function deduction(perEvent: number): ScoringRule {
  return { kind: 'deduction', perEvent }
}
