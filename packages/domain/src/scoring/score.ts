import type { PeriodKind } from './period.ts'
import {
  ACCOUNTABILITY_LABELS,
  type AccountabilityCategory,
  type AssessedUnitType,
  type AssessmentPart,
  type AssessmentScheme,
  ENTRY_LABELS,
  type EntryKind,
  type Indicator,
  type IndicatorGroup,
  METRICS,
} from './scheme.ts'

// One pure function computes every score of a period from a scheme and the facts (policy 四.3). Facts are
// counts with an id: one record (a task, a refusal, an entry) or a group of records counted together (the
// API's aggregate queries: the tasks of one unit and duty). Either way the same facts give the same scores:
// every indicator sums its facts, so splitting or merging facts, or ordering them differently, changes
// nothing. Points are kept in hundredths (integers) so that nothing depends on floating-point order.
//
// Ranking tie-break (documented rule): higher total; then higher business points; then higher cooperation
// points; then fewer accountability points deducted; then the unit code in code-point order.

/** `squad` is the area (the squad's code) the record belongs to; `office` null for the squad's own work. */
export type AssessmentFact =
  | {
      readonly kind: 'tasks'
      readonly id: string
      readonly office: string | null
      readonly squad: string
      readonly duty: string
      /** statutory deadline tasks (社区矫正、安置帮教 法定期限) */
      readonly statutory: boolean
      /** tasks due in the period (not cancelled) */
      readonly due: number
      /** of them, done by their due time */
      readonly onTime: number
    }
  | {
      readonly kind: 'mediation'
      readonly id: string
      readonly office: string
      readonly squad: string
      /** cases closed in the period with an agreement or a failure */
      readonly closed: number
      readonly agreed: number
    }
  | {
      readonly kind: 'legalAid'
      readonly id: string
      readonly office: string
      readonly squad: string
      /** applications decided or forwarded in the period */
      readonly decided: number
      /** of them, within the statutory time */
      readonly inTime: number
    }
  | {
      readonly kind: 'activation'
      readonly id: string
      readonly squad: string
      readonly roster: number
      /** roster members who acknowledged within the window (cooperationFacts) */
      readonly prompt: number
    }
  | {
      readonly kind: 'refusal'
      readonly id: string
      readonly office: string | null
      readonly squad: string
      readonly activationId: string
    }
  | {
      readonly kind: 'entry'
      readonly id: string
      readonly unitType: AssessedUnitType
      readonly unitCode: string
      readonly entry: EntryKind
      /** 0–100 */
      readonly score: number
    }
  | {
      readonly kind: 'accountability'
      readonly id: string
      readonly unitType: 'office' | 'squad'
      readonly unitCode: string
      readonly category: AccountabilityCategory
    }

export interface AssessmentUnits {
  readonly offices: ReadonlyArray<{ readonly code: string; readonly area: string }>
  readonly squads: ReadonlyArray<{ readonly code: string }>
}

export interface IndicatorScore {
  readonly code: string
  readonly name: string
  readonly group: IndicatorGroup
  readonly part: AssessmentPart
  readonly weight: number
  /** the measured share in [0, 1] or count of events; `null` for an entry not yet made */
  readonly value: number | null
  readonly numerator: number
  readonly denominator: number
  /** share of the weight earned, in [0, 1] */
  readonly fraction: number
  readonly points: number
  /** how the points came about, in Chinese */
  readonly basis: string
  /** ids of the facts behind the value */
  readonly facts: ReadonlyArray<string>
}

export interface UnitScore {
  readonly unitType: AssessedUnitType
  readonly unitCode: string
  readonly area: string
  readonly rank: number
  readonly total: number
  readonly daily: number
  readonly yearEnd: number
  readonly business: number
  readonly cooperation: number
  readonly deducted: number
  readonly indicators: ReadonlyArray<IndicatorScore>
  readonly accountability: ReadonlyArray<{
    readonly fact: string
    readonly category: AccountabilityCategory
    readonly label: string
    readonly points: number
  }>
  /** areas: how the squad's and the offices' scores entered */
  readonly composition: {
    readonly own: { readonly weight: number; readonly score: number }
    readonly squad: { readonly weight: number; readonly score: number }
    readonly offices: { readonly weight: number; readonly score: number; readonly count: number }
  } | null
  /** how the total came about, in Chinese */
  readonly basis: string
}

export interface AssessmentResult {
  readonly schemeCode: string
  readonly schemeVersion: number
  readonly periodKind: PeriodKind
  readonly partWeights: Readonly<Record<AssessmentPart, number>>
  readonly office: ReadonlyArray<UnitScore>
  readonly squad: ReadonlyArray<UnitScore>
  readonly area: ReadonlyArray<UnitScore>
}

// --- internal: centi-points (hundredths) ---------------------------------------------------------------

const c2 = (centi: number): number => centi / 100
const pct = (share: number): string => `${(share * 100).toFixed(1)}%`
const fmt = (centi: number): string => (centi / 100).toFixed(2)

interface UnitKey {
  readonly type: AssessedUnitType
  readonly code: string
  readonly area: string
}

interface Measured {
  numerator: number
  denominator: number
  facts: string[]
  entries: number[]
}

const emptyMeasured = (): Measured => ({ numerator: 0, denominator: 0, facts: [], entries: [] })

/** The unit of a type a fact counts for (office: its own; squad: its own work; area: all of it), or null. */
const unitCodeOf = (type: AssessedUnitType, fact: AssessmentFact): string | null => {
  switch (fact.kind) {
    case 'entry':
      return fact.unitType === type ? fact.unitCode : null
    case 'accountability':
      return null
    case 'activation':
      // an activation is the area's joint work: it counts for the squad (who commands it) and the area
      return type === 'office' ? null : fact.squad
    default:
      return type === 'office'
        ? fact.office
        : type === 'squad'
          ? fact.office === null
            ? fact.squad
            : null
          : fact.squad
  }
}

const dutyMatches = (duty: string, prefix: string | undefined): boolean =>
  prefix === undefined || prefix === '' || duty === prefix || duty.startsWith(`${prefix}.`)

/** Adds a fact (already known to be the unit's) to what an indicator measures: sums only, so order-free. */
const measure = (ind: Indicator, fact: AssessmentFact, m: Measured): void => {
  const source = ind.source
  if (source.kind === 'entered') {
    if (fact.kind === 'entry' && fact.entry === source.entry) {
      m.entries.push(fact.score)
      m.facts.push(fact.id)
    }
    return
  }
  switch (source.metric) {
    case 'tasksOnTime':
    case 'statutoryOnTime':
      if (
        fact.kind === 'tasks' &&
        fact.due > 0 &&
        (source.metric === 'tasksOnTime' || fact.statutory) &&
        dutyMatches(fact.duty, source.dutyPrefix)
      ) {
        m.numerator += fact.onTime
        m.denominator += fact.due
        m.facts.push(fact.id)
      }
      return
    case 'mediationSuccess':
      if (fact.kind === 'mediation' && fact.closed > 0) {
        m.numerator += fact.agreed
        m.denominator += fact.closed
        m.facts.push(fact.id)
      }
      return
    case 'legalAidInTime':
      if (fact.kind === 'legalAid' && fact.decided > 0) {
        m.numerator += fact.inTime
        m.denominator += fact.decided
        m.facts.push(fact.id)
      }
      return
    case 'activationPromptAck':
      if (fact.kind === 'activation' && fact.roster > 0) {
        m.numerator += fact.prompt
        m.denominator += fact.roster
        m.facts.push(fact.id)
      }
      return
    case 'refusals':
      if (fact.kind === 'refusal') {
        m.numerator += 1
        m.denominator += 1
        m.facts.push(fact.id)
      }
      return
  }
}

/** The measured value: a share (empty → 1: nothing was late), a count, or the mean entry / 100. */
const measuredValue = (ind: Indicator, m: Measured): number | null => {
  if (ind.source.kind === 'entered') {
    if (m.entries.length === 0) return null
    return m.entries.reduce((s, e) => s + e, 0) / m.entries.length / 100
  }
  if (METRICS[ind.source.metric].scale === 'count') return m.numerator
  return m.denominator === 0 ? 1 : m.numerator / m.denominator
}

const describeValue = (ind: Indicator, m: Measured, value: number | null): string => {
  if (ind.source.kind === 'entered') {
    return value === null
      ? `${ENTRY_LABELS[ind.source.entry]}尚未录入`
      : `${ENTRY_LABELS[ind.source.entry]} ${(value * 100).toFixed(1)} 分`
  }
  const label = METRICS[ind.source.metric].label
  if (METRICS[ind.source.metric].scale === 'count') return `${label} ${m.numerator} 次`
  if (m.denominator === 0) return `${label}：本期无相关事项，按满分计`
  return `${label} ${m.numerator}/${m.denominator} = ${pct(m.numerator / m.denominator)}`
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x))

/** How many of the ascending `sorted` are strictly above `value` (binary search). */
const countAbove = (sorted: ReadonlyArray<number>, value: number): number => {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) <= value) lo = mid + 1
    else hi = mid
  }
  return sorted.length - lo
}

interface Row {
  readonly unit: UnitKey
  readonly indicators: IndicatorScore[]
}

/** Computes the indicator scores of every unit of one type. */
const scoreIndicators = (
  scheme: AssessmentScheme,
  type: AssessedUnitType,
  units: ReadonlyArray<UnitKey>,
  facts: ReadonlyArray<AssessmentFact>,
  parts: ReadonlyArray<AssessmentPart>,
): Row[] => {
  const indicators = scheme.indicators.filter((i) => i.unitType === type && parts.includes(i.part))
  const rows: Row[] = units.map((unit) => ({ unit, indicators: [] }))
  const indexOf = new Map(units.map((u, i) => [u.code, i] as const))
  // each fact once: to the unit of this type it counts for
  const byUnit: AssessmentFact[][] = units.map(() => [])
  for (const fact of facts) {
    const code = unitCodeOf(type, fact)
    const i = code === null ? undefined : indexOf.get(code)
    if (i !== undefined) (byUnit[i] as AssessmentFact[]).push(fact)
  }
  for (const ind of indicators) {
    const measured = units.map(() => emptyMeasured())
    for (let u = 0; u < units.length; u++) {
      const m = measured[u] as Measured
      for (const fact of byUnit[u] as AssessmentFact[]) measure(ind, fact, m)
    }
    const values = measured.map((m) => measuredValue(ind, m))
    // ascending, for the rank rule: how many units measured strictly better
    const nonNull = values.filter((v): v is number => v !== null).sort((a, b) => a - b)
    const rule = ind.rule
    units.forEach((_, u) => {
      const m = measured[u] as Measured
      const value = values[u] ?? null
      let fraction: number
      let ruleText: string
      switch (rule.kind) {
        case 'linear': {
          fraction = value === null ? 0 : clamp01((value - rule.zeroAt) / (rule.fullAt - rule.zeroAt))
          ruleText = `线性计分（${pct(rule.zeroAt)}及以下得 0 分，${pct(rule.fullAt)}及以上得满分）`
          break
        }
        case 'rank': {
          const n = values.length
          const better = value === null ? nonNull.length : countAbove(nonNull, value)
          const rank = better + 1
          fraction = value === null ? 0 : n <= 1 ? 1 : (n - rank) / (n - 1)
          ruleText = `按名次计分（第 ${rank} 名 / 共 ${n} 个）`
          break
        }
        case 'deduction': {
          const count = value ?? 0
          fraction = clamp01((ind.weight - rule.perEvent * count) / ind.weight)
          ruleText = `每次扣 ${rule.perEvent} 分`
          break
        }
      }
      const points = Math.round(ind.weight * 100 * fraction)
      ;(rows[u] as Row).indicators.push({
        code: ind.code,
        name: ind.name,
        group: ind.group,
        part: ind.part,
        weight: ind.weight,
        value,
        numerator: m.numerator,
        denominator: m.denominator,
        fraction,
        points: c2(points),
        basis: `${describeValue(ind, m, value)}；${ruleText}；得 ${fmt(points)} / ${ind.weight} 分`,
        facts: [...m.facts].sort(),
      })
    })
  }
  return rows
}

interface Totals {
  readonly daily: number
  readonly yearEnd: number
  readonly combined: number
  readonly business: number
  readonly cooperation: number
}

/** Part scores out of 100 (centi), combined by the parts' weights. */
const totalsOf = (
  indicators: ReadonlyArray<IndicatorScore>,
  weights: Readonly<Record<AssessmentPart, number>>,
): Totals => {
  const sum = (pred: (i: IndicatorScore) => boolean) =>
    indicators.filter(pred).reduce((s, i) => s + Math.round(i.points * 100), 0)
  const daily = sum((i) => i.part === 'daily')
  const yearEnd = sum((i) => i.part === 'yearEnd')
  const byGroup = (g: IndicatorGroup) =>
    Math.round(
      (weights.daily * sum((i) => i.group === g && i.part === 'daily') +
        weights.yearEnd * sum((i) => i.group === g && i.part === 'yearEnd')) /
        100,
    )
  return {
    daily,
    yearEnd,
    combined: Math.round((weights.daily * daily + weights.yearEnd * yearEnd) / 100),
    business: byGroup('business'),
    cooperation: byGroup('cooperation'),
  }
}

interface Draft extends Omit<UnitScore, 'rank'> {
  readonly totalCenti: number
  readonly businessCenti: number
  readonly cooperationCenti: number
  readonly deductedCenti: number
}

/** The documented tie-break: total, business, cooperation, fewer deductions, unit code. */
const compareDrafts = (a: Draft, b: Draft): number =>
  b.totalCenti - a.totalCenti ||
  b.businessCenti - a.businessCenti ||
  b.cooperationCenti - a.cooperationCenti ||
  a.deductedCenti - b.deductedCenti ||
  (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0)

const ranked = (drafts: ReadonlyArray<Draft>): ReadonlyArray<UnitScore> =>
  [...drafts].sort(compareDrafts).map((d, i) => {
    const { totalCenti: _t, businessCenti: _b, cooperationCenti: _c, deductedCenti: _d, ...rest } = d
    return { ...rest, rank: i + 1 }
  })

/** The part weights a period uses: a month or quarter is 平时考核 only; the year combines both. */
export const partWeightsFor = (
  scheme: AssessmentScheme,
  kind: PeriodKind,
): Readonly<Record<AssessmentPart, number>> => (kind === 'year' ? scheme.parts : { daily: 100, yearEnd: 0 })

/**
 * Every score of a period: offices and squads ranked separately, each area (its squad with its offices)
 * ranked as a whole. The scheme must be valid (`validateScheme`). Deterministic: the same scheme and facts
 * (in any order) give the same result.
 */
export const scoreAssessment = (
  scheme: AssessmentScheme,
  units: AssessmentUnits,
  facts: ReadonlyArray<AssessmentFact>,
  periodKind: PeriodKind,
): AssessmentResult => {
  const weights = partWeightsFor(scheme, periodKind)
  const parts: ReadonlyArray<AssessmentPart> = weights.yearEnd > 0 ? ['daily', 'yearEnd'] : ['daily']
  const partText =
    weights.yearEnd > 0
      ? `平时考核 ${weights.daily}% + 年底考核 ${weights.yearEnd}%`
      : '月度、季度仅计平时考核'
  const accountability = facts.filter(
    (f): f is Extract<AssessmentFact, { kind: 'accountability' }> => f.kind === 'accountability',
  )
  const scoringFacts = facts.filter((f) => f.kind !== 'accountability')
  const accountabilityOf = new Map<string, Array<(typeof accountability)[number]>>()
  for (const a of accountability) {
    const key = `${a.unitType}:${a.unitCode}`
    accountabilityOf.set(key, [...(accountabilityOf.get(key) ?? []), a])
  }

  const unitDrafts = (type: 'office' | 'squad', keys: ReadonlyArray<UnitKey>): Draft[] =>
    scoreIndicators(scheme, type, keys, scoringFacts, parts).map(({ unit, indicators }) => {
      const t = totalsOf(indicators, weights)
      const records = (accountabilityOf.get(`${type}:${unit.code}`) ?? [])
        .map((a) => ({
          fact: a.id,
          category: a.category,
          label: ACCOUNTABILITY_LABELS[a.category],
          points: scheme.accountability[a.category],
        }))
        .sort((x, y) => (x.fact < y.fact ? -1 : x.fact > y.fact ? 1 : 0))
      const deductedCenti = records.reduce((s, r) => s + Math.round(r.points * 100), 0)
      const totalCenti = Math.max(0, t.combined - deductedCenti)
      const basis =
        `${partText}：平时 ${fmt(t.daily)}` +
        (weights.yearEnd > 0 ? `，年底 ${fmt(t.yearEnd)}` : '') +
        `，合计 ${fmt(t.combined)}` +
        (records.length > 0 ? `；问责扣 ${fmt(deductedCenti)} 分（${records.length} 项）` : '') +
        `；总分 ${fmt(totalCenti)}`
      return {
        unitType: type,
        unitCode: unit.code,
        area: unit.area,
        total: c2(totalCenti),
        daily: c2(t.daily),
        yearEnd: c2(t.yearEnd),
        business: c2(t.business),
        cooperation: c2(t.cooperation),
        deducted: c2(deductedCenti),
        indicators,
        accountability: records,
        composition: null,
        basis,
        totalCenti,
        businessCenti: t.business,
        cooperationCenti: t.cooperation,
        deductedCenti,
      }
    })

  const officeDrafts = unitDrafts(
    'office',
    units.offices.map((o) => ({ type: 'office', code: o.code, area: o.area })),
  )
  const squadDrafts = unitDrafts(
    'squad',
    units.squads.map((s) => ({ type: 'squad', code: s.code, area: s.code })),
  )

  const a = scheme.area
  const areaKeys: UnitKey[] = units.squads.map((s) => ({ type: 'area', code: s.code, area: s.code }))
  const areaRows =
    a.own > 0
      ? scoreIndicators(scheme, 'area', areaKeys, scoringFacts, parts)
      : areaKeys.map((unit) => ({ unit, indicators: [] as IndicatorScore[] }))
  const squadOf = new Map(squadDrafts.map((d) => [d.unitCode, d] as const))
  const officesOf = new Map<string, Draft[]>()
  for (const o of officeDrafts) officesOf.set(o.area, [...(officesOf.get(o.area) ?? []), o])
  const areaDrafts: Draft[] = areaRows.map(({ unit, indicators }) => {
    const own = totalsOf(indicators, weights)
    const squad = squadOf.get(unit.code)
    const offices = officesOf.get(unit.code) ?? []
    const mean = (pick: (d: Draft) => number) =>
      offices.length === 0 ? 0 : Math.round(offices.reduce((s, o) => s + pick(o), 0) / offices.length)
    const compose = (ownC: number, squadC: number, officesC: number) =>
      Math.round((a.own * ownC + a.squad * squadC + a.offices * officesC) / 100)
    const officesMean = mean((o) => o.totalCenti)
    const squadTotal = squad?.totalCenti ?? 0
    const totalCenti = compose(a.own > 0 ? own.combined : 0, squadTotal, officesMean)
    const businessCenti = compose(
      own.business,
      squad?.businessCenti ?? 0,
      mean((o) => o.businessCenti),
    )
    const cooperationCenti = compose(
      own.cooperation,
      squad?.cooperationCenti ?? 0,
      mean((o) => o.cooperationCenti),
    )
    const deductedCenti = compose(
      0,
      squad?.deductedCenti ?? 0,
      mean((o) => o.deductedCenti),
    )
    const basis =
      `辖区指标 ${fmt(own.combined)} × ${a.own}% + 中队 ${fmt(squadTotal)} × ${a.squad}%` +
      ` + 司法所平均 ${fmt(officesMean)}（${offices.length} 个） × ${a.offices}% = ${fmt(totalCenti)}`
    return {
      unitType: 'area',
      unitCode: unit.code,
      area: unit.code,
      total: c2(totalCenti),
      daily: c2(own.daily),
      yearEnd: c2(own.yearEnd),
      business: c2(businessCenti),
      cooperation: c2(cooperationCenti),
      deducted: c2(deductedCenti),
      indicators,
      accountability: [],
      composition: {
        own: { weight: a.own, score: c2(own.combined) },
        squad: { weight: a.squad, score: c2(squadTotal) },
        offices: { weight: a.offices, score: c2(officesMean), count: offices.length },
      },
      basis,
      totalCenti,
      businessCenti,
      cooperationCenti,
      deductedCenti,
    }
  })

  return {
    schemeCode: scheme.code,
    schemeVersion: scheme.version,
    periodKind,
    partWeights: weights,
    office: ranked(officeDrafts),
    squad: ranked(squadDrafts),
    area: ranked(areaDrafts),
  }
}

/** The units an organisation assesses: every office with its area, every squad. */
export const assessmentUnitsOf = (org: {
  readonly config: {
    readonly offices: ReadonlyArray<{ readonly code: string }>
    readonly squads: ReadonlyArray<{ readonly code: string }>
  }
  areaOfOffice(office: string): string
}): AssessmentUnits => ({
  offices: org.config.offices.map((o) => ({ code: o.code, area: org.areaOfOffice(o.code) })),
  squads: org.config.squads.map((s) => ({ code: s.code })),
})
