import { ACCOUNTABILITY_CATEGORIES, type AssessmentScheme, type Indicator, METRICS } from '@pingzhan/domain'
import {
  enterScore,
  exportResults,
  getScheme,
  indicatorFacts,
  listAccountability,
  listEntries,
  listSchemes,
  publishResults,
  publishScheme,
  recordAccountability,
  reportResults,
  results,
  revokeAccountability,
  saveScheme,
  schemeTemplate,
  trend,
} from '../services/assessment.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { type Check, date, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'

// Assessment and rankings (issue 12, policy 四.3). The services check who may do what.

const PERIOD = text('考核期间', 4, 7, {
  re: /^\d{4}(-Q[1-4]|-\d{2})?$/,
  message: '考核期间应为 2026、2026-Q4 或 2026-11',
})
const UNIT_TYPE = oneOf('单位类别', ['office', 'squad', 'area'] as const)

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max

/** The shape of a scheme (types and names); the domain then checks the weights and rules. */
const schemeShape: Check<Omit<AssessmentScheme, 'version'>> = (value) => {
  const bad = (message: string) => ({ ok: false as const, message })
  if (value === null || typeof value !== 'object') return bad('考核方案格式无效')
  const s = value as Record<string, unknown>
  if (!str(s.code, 40) || !str(s.name, 100)) return bad('考核方案的代码或名称无效')
  const parts = s.parts as Record<string, unknown> | undefined
  if (!parts || !num(parts.daily) || !num(parts.yearEnd)) return bad('平时考核、年底考核的权重应为数字')
  const area = s.area as Record<string, unknown> | undefined
  if (!area || !num(area.own) || !num(area.squad) || !num(area.offices))
    return bad('辖区整体得分的权重应为数字')
  const acc = s.accountability as Record<string, unknown> | undefined
  if (!acc || !ACCOUNTABILITY_CATEGORIES.every((c) => num(acc[c]))) return bad('问责扣分应为数字')
  if (!Array.isArray(s.indicators) || s.indicators.length > 60) return bad('考核指标应为不超过 60 项的列表')
  const indicators: Indicator[] = []
  for (const [i, raw] of s.indicators.entries()) {
    const x = raw as Record<string, unknown>
    const where = `第 ${i + 1} 项指标`
    if (x === null || typeof x !== 'object') return bad(`${where}格式无效`)
    if (!str(x.code, 40) || !str(x.name, 60) || !num(x.weight)) return bad(`${where}的代码、名称或权重无效`)
    if (!['business', 'cooperation'].includes(x.group as string)) return bad(`${where}的类别无效`)
    if (!['daily', 'yearEnd'].includes(x.part as string)) return bad(`${where}的考核方式无效`)
    if (!['office', 'squad', 'area'].includes(x.unitType as string)) return bad(`${where}的考核对象无效`)
    const source = x.source as Record<string, unknown> | undefined
    let src: Indicator['source']
    if (source?.kind === 'facts' && typeof source.metric === 'string' && source.metric in METRICS) {
      if (
        source.dutyPrefix !== undefined &&
        !(str(source.dutyPrefix, 40) && /^[a-z0-9.]*$/.test(source.dutyPrefix))
      ) {
        return bad(`${where}的职责范围无效`)
      }
      src = {
        kind: 'facts',
        metric: source.metric as keyof typeof METRICS,
        ...(source.dutyPrefix ? { dutyPrefix: source.dutyPrefix as string } : {}),
      }
    } else if (source?.kind === 'entered' && (source.entry === 'onSite' || source.entry === 'materials')) {
      src = { kind: 'entered', entry: source.entry }
    } else return bad(`${where}的数据来源无效`)
    const rule = x.rule as Record<string, unknown> | undefined
    let r: Indicator['rule']
    if (rule?.kind === 'linear' && num(rule.zeroAt) && num(rule.fullAt)) {
      r = { kind: 'linear', zeroAt: rule.zeroAt, fullAt: rule.fullAt }
    } else if (rule?.kind === 'rank') r = { kind: 'rank' }
    else if (rule?.kind === 'deduction' && num(rule.perEvent))
      r = { kind: 'deduction', perEvent: rule.perEvent }
    else return bad(`${where}的计分规则无效`)
    indicators.push({
      code: x.code,
      name: x.name.trim(),
      group: x.group as Indicator['group'],
      part: x.part as Indicator['part'],
      unitType: x.unitType as Indicator['unitType'],
      weight: x.weight,
      source: src,
      rule: r,
    })
  }
  return {
    ok: true,
    value: {
      code: s.code,
      name: s.name.trim(),
      parts: { daily: parts.daily, yearEnd: parts.yearEnd },
      area: { own: area.own, squad: area.squad, offices: area.offices },
      indicators,
      accountability: Object.fromEntries(
        ACCOUNTABILITY_CATEGORIES.map((c) => [c, acc[c] as number]),
      ) as AssessmentScheme['accountability'],
    },
  }
}

const VIEW = { period: PERIOD, schemeId: optional(id('考核方案')) }

export const assessmentRouter = router({
  schemes: authedProcedure.query(({ ctx }) => listSchemes(ctx, ctx.user)),
  scheme: authedProcedure
    .input(object({ id: id('考核方案') }))
    .query(({ ctx, input }) => getScheme(ctx, ctx.user, input.id)),
  schemeTemplate: authedProcedure.query(({ ctx }) => schemeTemplate(ctx, ctx.user)),
  saveScheme: authedProcedure
    .input(
      object({
        id: optional(id('考核方案')),
        rowVersion: optional(int('版本', 1, 1_000_000)),
        scheme: schemeShape,
      }),
    )
    .mutation(({ ctx, input }) => saveScheme(ctx, ctx.user, input)),
  publishScheme: authedProcedure
    .input(object({ id: id('考核方案'), rowVersion: int('版本', 1, 1_000_000) }))
    .mutation(({ ctx, input }) => publishScheme(ctx, ctx.user, input)),
  results: authedProcedure.input(object(VIEW)).query(({ ctx, input }) => results(ctx, ctx.user, input)),
  publishResults: authedProcedure
    .input(object({ period: PERIOD, schemeId: id('考核方案') }))
    .mutation(({ ctx, input }) => publishResults(ctx, ctx.user, input)),
  trend: authedProcedure
    .input(object({ year: int('年度', 2000, 2100), unitType: UNIT_TYPE, schemeId: optional(id('考核方案')) }))
    .query(({ ctx, input }) => trend(ctx, ctx.user, input)),
  facts: authedProcedure
    .input(
      object({
        ...VIEW,
        unitType: UNIT_TYPE,
        unitCode: text('考核单位', 1, 40),
        indicator: text('考核指标', 1, 40),
      }),
    )
    .query(({ ctx, input }) => indicatorFacts(ctx, ctx.user, input)),
  entries: authedProcedure
    .input(object({ year: int('年度', 2000, 2100) }))
    .query(({ ctx, input }) => listEntries(ctx, ctx.user, input.year)),
  enterScore: authedProcedure
    .input(
      object({
        year: int('年度', 2000, 2100),
        unitType: UNIT_TYPE,
        unitCode: text('考核单位', 1, 40),
        entry: oneOf('录入项目', ['onSite', 'materials'] as const),
        score: int('分值', 0, 100),
        note: text('说明', 0, 500),
      }),
    )
    .mutation(({ ctx, input }) => enterScore(ctx, ctx.user, input)),
  accountability: authedProcedure
    .input(object({ year: optional(int('年度', 2000, 2100)) }))
    .query(({ ctx, input }) => listAccountability(ctx, ctx.user, input)),
  recordAccountability: authedProcedure
    .input(
      object({
        category: oneOf('问责情形', ACCOUNTABILITY_CATEGORIES),
        unitType: oneOf('单位类别', ['office', 'squad'] as const),
        unitCode: text('单位', 1, 40),
        personName: text('被问责人员', 1, 40),
        occurredOn: date('发生日期'),
        facts: text('问责事实', 4, 2000),
        decision: text('处理决定', 2, 1000),
      }),
    )
    .mutation(({ ctx, input }) => recordAccountability(ctx, ctx.user, input)),
  revokeAccountability: authedProcedure
    .input(object({ id: id('问责记录'), reason: text('撤销理由', 2, 500) }))
    .mutation(({ ctx, input }) => revokeAccountability(ctx, ctx.user, input)),
  export: authedProcedure
    .input(object(VIEW))
    .mutation(({ ctx, input }) => exportResults(ctx, ctx.user, input)),
  report: authedProcedure
    .input(object(VIEW))
    .mutation(({ ctx, input }) => reportResults(ctx, ctx.user, input)),
})
