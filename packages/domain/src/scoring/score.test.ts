import { describe, expect, it } from '@effect/vitest'
import { Effect, Exit } from 'effect'
import fc from 'fast-check'
import { buildOrg } from '../org/org.ts'
import { yiyuanOrgConfig } from '../org/yiyuan.ts'
import { monthsOf, parsePeriod } from './period.ts'
import {
  type AssessmentScheme,
  checkSchemeEditable,
  type Indicator,
  schemeProblems,
  validateScheme,
  yiyuanScheme2026,
} from './scheme.ts'
import {
  type AssessmentFact,
  type AssessmentResult,
  assessmentUnitsOf,
  scoreAssessment,
  type UnitScore,
} from './score.ts'
import { SchemeImmutable, SchemeInvalid } from './scoring-errors.ts'

const org = Effect.runSync(buildOrg(yiyuanOrgConfig))
const units = assessmentUnitsOf(org)
const scheme = yiyuanScheme2026

const byCode = (list: ReadonlyArray<UnitScore>, code: string): UnitScore => {
  const u = list.find((x) => x.unitCode === code)
  if (u === undefined) throw new Error(`no ${code}`)
  return u
}
const order = (list: ReadonlyArray<UnitScore>) => list.map((u) => `${u.rank}:${u.unitCode}:${u.total}`)

describe('assessment scheme (考核方案)', () => {
  it('accepts the Yiyuan scheme', () => {
    expect(schemeProblems(scheme)).toEqual([])
  })

  it('refuses weights that do not sum to 100, with every problem in Chinese at once', () => {
    const bad: AssessmentScheme = {
      ...scheme,
      parts: { daily: 60, yearEnd: 30 },
      indicators: scheme.indicators.map((i) => (i.code === 'office.tasks' ? { ...i, weight: 35 } : i)),
    }
    const exit = Effect.runSyncExit(validateScheme(bad))
    expect(Exit.isFailure(exit)).toBe(true)
    const error = Exit.isFailure(exit) ? (exit.cause.reasons[0] as { error?: unknown }).error : null
    expect(error).toBeInstanceOf(SchemeInvalid)
    const messages = (error as SchemeInvalid).problems.map((p) => p.message)
    expect(messages).toEqual([
      '平时考核与年底考核的权重之和应为 100（现为 90）',
      '司法所平时考核各项指标权重之和应为 100（现为 95）',
    ])
    expect((error as SchemeInvalid).message).toContain('考核方案有误')
  })

  it('refuses a rule that does not fit its source', () => {
    const bad: AssessmentScheme = {
      ...scheme,
      indicators: scheme.indicators.map((i) =>
        i.code === 'office.refusals' ? { ...i, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 0.2 } } : i,
      ),
    }
    expect(schemeProblems(bad).map((p) => p.message)).toEqual([
      '指标“战时推诿扯皮”：次数类指标只能按次扣分',
      '指标“战时推诿扯皮”：线性计分的起评线应低于满分线，均在 0%–100% 之间',
    ])
  })

  it('never changes a published version', () => {
    const exit = Effect.runSyncExit(checkSchemeEditable('published', 3))
    const error = Exit.isFailure(exit) ? (exit.cause.reasons[0] as { error?: unknown }).error : null
    expect(error).toBeInstanceOf(SchemeImmutable)
    expect((error as SchemeImmutable).message).toBe('考核方案第 3 版已发布，不能修改；如需调整请另建新版本')
    expect(Exit.isSuccess(Effect.runSyncExit(checkSchemeEditable('draft', 3)))).toBe(true)
  })

  it('validates exactly the schemes whose weights sum to 100 (property)', () => {
    // random weights for the office's daily indicators; everything else as in the Yiyuan scheme
    const officeDaily = scheme.indicators.filter((i) => i.unitType === 'office' && i.part === 'daily')
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 4, maxLength: 4 }), (weights) => {
        const changed: AssessmentScheme = {
          ...scheme,
          indicators: scheme.indicators.map((i) => {
            const k = officeDaily.indexOf(i)
            return k >= 0 ? { ...i, weight: weights[k] ?? 1 } : i
          }),
        }
        const sum = weights.reduce((s, w) => s + w, 0)
        expect(schemeProblems(changed).length === 0).toBe(sum === 100)
      }),
    )
  })
})

describe('assessment periods', () => {
  it('runs in Beijing time', () => {
    const m = Effect.runSync(parsePeriod('2026-11'))
    expect([m.from, m.to, m.label]).toEqual([
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
      '2026年11月',
    ])
    const q = Effect.runSync(parsePeriod('2026-Q4'))
    expect([q.from, q.to, q.label]).toEqual([
      '2026-09-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      '2026年第四季度',
    ])
    const y = Effect.runSync(parsePeriod('2026'))
    expect([y.from, y.to, monthsOf(y).length]).toEqual([
      '2025-12-31T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      12,
    ])
    expect(Exit.isFailure(Effect.runSyncExit(parsePeriod('2026-13')))).toBe(true)
  })
})

// A month in Yiyuan, figures worked out by hand (see the comments).
const monthFacts: ReadonlyArray<AssessmentFact> = [
  // 南麻司法所: 9 of 10 tasks on time → 90% → (90−60)/40 = 0.75 × 40 = 30.00
  {
    kind: 'tasks',
    id: 't-nanma',
    office: 'nanma',
    squad: 'lucun',
    duty: 'office.peacetime.2',
    statutory: false,
    due: 10,
    onTime: 9,
  },
  // 3 of 4 mediations agreed → 75% → (75−50)/50 = 0.5 × 20 = 10.00
  { kind: 'mediation', id: 'm-nanma', office: 'nanma', squad: 'lucun', closed: 4, agreed: 3 },
  // 2 of 2 legal-aid decisions in time → 20.00
  { kind: 'legalAid', id: 'l-nanma', office: 'nanma', squad: 'lucun', decided: 2, inTime: 2 },
  // one refusal by 南麻所长 → 20 − 10 = 10.00; total 70.00
  { kind: 'refusal', id: 'r-dir-nanma', office: 'nanma', squad: 'lucun', activationId: 'a1' },
  // 鲁村司法所: 5/5 on time → 40; 0 of 2 mediations agreed → 0; no legal aid → 20; no refusal → 20; 80.00
  {
    kind: 'tasks',
    id: 't-lucun',
    office: 'lucun',
    squad: 'lucun',
    duty: 'office.peacetime.1.2',
    statutory: false,
    due: 5,
    onTime: 5,
  },
  { kind: 'mediation', id: 'm-lucun', office: 'lucun', squad: 'lucun', closed: 2, agreed: 0 },
  // 鲁村中队: 3 of 4 tasks on time → 75% → 0.375 × 30 = 11.25; statutory 2/2 → 30.00
  {
    kind: 'tasks',
    id: 't-sq-1',
    office: null,
    squad: 'lucun',
    duty: 'squad.peacetime.1',
    statutory: true,
    due: 2,
    onTime: 2,
  },
  {
    kind: 'tasks',
    id: 't-sq-2',
    office: null,
    squad: 'lucun',
    duty: 'squad.peacetime.3',
    statutory: false,
    due: 2,
    onTime: 1,
  },
  // 6 of 9 acknowledged within the window → 66.7% → 0.3333 × 20 = 6.67; one refusal → 10.00; total 57.92
  { kind: 'activation', id: 'a1', squad: 'lucun', roster: 9, prompt: 6 },
  { kind: 'refusal', id: 'r-staff-lucun-3', office: null, squad: 'lucun', activationId: 'a1' },
  // 西里司法所: 弄虚作假 → −10: 90.00
  { kind: 'accountability', id: 'acc-1', unitType: 'office', unitCode: 'xili', category: 'falsification' },
]

describe('scoring a Yiyuan month (worked example)', () => {
  const result = scoreAssessment(scheme, units, monthFacts, 'month')

  it('scores and ranks the offices', () => {
    const nanma = byCode(result.office, 'nanma')
    expect(nanma.indicators.map((i) => [i.code, i.points])).toEqual([
      ['office.tasks', 30],
      ['office.mediation', 10],
      ['office.legalAid', 20],
      ['office.refusals', 10],
    ])
    expect([nanma.total, nanma.business, nanma.cooperation]).toEqual([70, 60, 10])
    expect(nanma.indicators[0]?.facts).toEqual(['t-nanma'])
    expect(nanma.indicators[0]?.basis).toBe(
      '工作任务按时办结率 9/10 = 90.0%；线性计分（60.0%及以下得 0 分，100.0%及以上得满分）；得 30.00 / 40 分',
    )
    expect(byCode(result.office, 'lucun').total).toBe(80)
    const xili = byCode(result.office, 'xili')
    expect([xili.total, xili.deducted, xili.accountability.map((a) => a.label)]).toEqual([
      90,
      10,
      ['弄虚作假'],
    ])
    // nine offices with nothing late tie at 100: broken by business, cooperation, deductions, then code
    expect(order(result.office)).toEqual([
      '1:dazhangzhuang:100',
      '2:dongli:100',
      '3:lishan:100',
      '4:nanlushan:100',
      '5:shiqiao:100',
      '6:yanya:100',
      '7:yuezhuang:100',
      '8:zhangjiapo:100',
      '9:zhongzhuang:100',
      '10:xili:90',
      '11:lucun:80',
      '12:nanma:70',
    ])
  })

  it('scores and ranks the squads', () => {
    const lucun = byCode(result.squad, 'lucun')
    expect(lucun.indicators.map((i) => [i.code, i.points])).toEqual([
      ['squad.tasks', 11.25],
      ['squad.statutory', 30],
      ['squad.ack', 6.67],
      ['squad.refusals', 10],
    ])
    expect(lucun.total).toBe(57.92)
    expect(order(result.squad)).toEqual(['1:shiqiao:100', '2:xili:100', '3:lucun:57.92'])
  })

  it('scores each area as a whole from its own indicators, its squad and its offices', () => {
    const lucun = byCode(result.area, 'lucun')
    // area tasks 17/19 rank 3 of 3 → 0; area response 6/9 → 16.67; own 16.67
    expect(lucun.indicators.map((i) => [i.code, i.points])).toEqual([
      ['area.tasks', 0],
      ['area.ack', 16.67],
    ])
    // offices 70, 100, 80, 100 → 87.50; 16.67×20% + 57.92×40% + 87.50×40% = 61.50
    expect(lucun.composition).toEqual({
      own: { weight: 20, score: 16.67 },
      squad: { weight: 40, score: 57.92 },
      offices: { weight: 40, score: 87.5, count: 4 },
    })
    expect(order(result.area)).toEqual(['1:shiqiao:100', '2:xili:99', '3:lucun:61.5'])
  })

  it('combines the year-end review with the daily part for the year', () => {
    const year = scoreAssessment(
      scheme,
      units,
      [
        ...monthFacts,
        { kind: 'entry', id: 'e1', unitType: 'office', unitCode: 'nanma', entry: 'onSite', score: 80 },
        { kind: 'entry', id: 'e2', unitType: 'office', unitCode: 'nanma', entry: 'materials', score: 90 },
      ],
      'year',
    )
    const nanma = byCode(year.office, 'nanma')
    // daily 70.00; year-end 80%×60 + 90%×40 = 84.00; 70×70% + 84×30% = 74.20
    expect([nanma.daily, nanma.yearEnd, nanma.total]).toEqual([70, 84, 74.2])
    // an office without entries gets nothing for the year-end part: 100×70% = 70
    expect(byCode(year.office, 'dongli').total).toBe(70)
  })
})

// --- properties -------------------------------------------------------------------------------------------

const offices = units.offices
const squads = units.squads.map((s) => s.code)
const officeArb = fc.constantFrom(...offices)
const squadArb = fc.constantFrom(...squads)
const dutyArb = fc.constantFrom(
  'office.peacetime.1',
  'office.peacetime.2.1',
  'squad.peacetime.1',
  'squad.peacetime.2',
)
let seq = 0
const fid = fc.integer({ min: 0, max: 1e9 }).map((n) => `f${n}-${seq++}`)

const factArb: fc.Arbitrary<AssessmentFact> = fc.oneof(
  fc
    .record({
      id: fid,
      o: fc.option(officeArb),
      squad: squadArb,
      duty: dutyArb,
      statutory: fc.boolean(),
      due: fc.integer({ min: 0, max: 20 }),
      late: fc.integer({ min: 0, max: 20 }),
    })
    .map(({ id, o, squad, duty, statutory, due, late }) => ({
      kind: 'tasks' as const,
      id,
      office: o?.code ?? null,
      squad: o?.area ?? squad,
      duty,
      statutory,
      due,
      onTime: Math.max(0, due - late),
    })),
  fc
    .record({
      id: fid,
      o: officeArb,
      closed: fc.integer({ min: 0, max: 9 }),
      lost: fc.integer({ min: 0, max: 9 }),
    })
    .map(({ id, o, closed, lost }) => ({
      kind: 'mediation' as const,
      id,
      office: o.code,
      squad: o.area,
      closed,
      agreed: Math.max(0, closed - lost),
    })),
  fc
    .record({
      id: fid,
      o: officeArb,
      decided: fc.integer({ min: 0, max: 9 }),
      late: fc.integer({ min: 0, max: 9 }),
    })
    .map(({ id, o, decided, late }) => ({
      kind: 'legalAid' as const,
      id,
      office: o.code,
      squad: o.area,
      decided,
      inTime: Math.max(0, decided - late),
    })),
  fc
    .record({
      id: fid,
      squad: squadArb,
      roster: fc.integer({ min: 0, max: 12 }),
      slow: fc.integer({ min: 0, max: 12 }),
    })
    .map(({ id, squad, roster, slow }) => ({
      kind: 'activation' as const,
      id,
      squad,
      roster,
      prompt: Math.max(0, roster - slow),
    })),
  fc.record({ id: fid, o: fc.option(officeArb), squad: squadArb }).map(({ id, o, squad }) => ({
    kind: 'refusal' as const,
    id,
    office: o?.code ?? null,
    squad: o?.area ?? squad,
    activationId: 'a',
  })),
  fc
    .record({
      id: fid,
      o: officeArb,
      entry: fc.constantFrom('onSite' as const, 'materials' as const),
      score: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ id, o, entry, score }) => ({
      kind: 'entry' as const,
      id,
      unitType: 'office' as const,
      unitCode: o.code,
      entry,
      score,
    })),
  fc
    .record({
      id: fid,
      squad: squadArb,
      type: fc.constantFrom('squad' as const, 'area' as const),
      score: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ id, squad, type, score }) => ({
      kind: 'entry' as const,
      id,
      unitType: type,
      unitCode: squad,
      entry: 'onSite' as const,
      score,
    })),
  fc
    .record({
      id: fid,
      o: officeArb,
      category: fc.constantFrom('workStyle' as const, 'falsification' as const),
    })
    .map(({ id, o, category }) => ({
      kind: 'accountability' as const,
      id,
      unitType: 'office' as const,
      unitCode: o.code,
      category,
    })),
)
const factsArb = fc.array(factArb, { maxLength: 40 })
const kindArb = fc.constantFrom('month' as const, 'year' as const)

/** A scheme variant: the area indicator by rank or linear, other area weights. */
const schemeArb: fc.Arbitrary<AssessmentScheme> = fc
  .record({
    rank: fc.boolean(),
    own: fc.constantFrom(0, 20, 50),
    squadShare: fc.integer({ min: 0, max: 100 }),
  })
  .map(({ rank, own, squadShare }) => {
    const squad = Math.round(((100 - own) * squadShare) / 100)
    const indicators: Indicator[] = scheme.indicators
      .filter((i) => own > 0 || i.unitType !== 'area')
      .map((i) =>
        i.code === 'area.tasks' && !rank ? { ...i, rule: { kind: 'linear', zeroAt: 0.5, fullAt: 1 } } : i,
      )
    return { ...scheme, area: { own, squad, offices: 100 - own - squad }, indicators }
  })

const totalOf = (r: AssessmentResult, type: 'office' | 'squad' | 'area', code: string) =>
  byCode(r[type], code).total

describe('scoring properties', () => {
  it('every generated scheme is valid (weights sum to 100)', () => {
    fc.assert(
      fc.property(schemeArb, (s) => {
        expect(schemeProblems(s)).toEqual([])
      }),
    )
  })

  it('adding an on-time task never lowers the unit’s score, nor its area’s', () => {
    fc.assert(
      fc.property(
        schemeArb,
        factsArb,
        kindArb,
        fc.option(officeArb),
        squadArb,
        dutyArb,
        fc.boolean(),
        (s, facts, kind, o, sq, duty, statutory) => {
          const before = scoreAssessment(s, units, facts, kind)
          const task: AssessmentFact = {
            kind: 'tasks',
            id: 'added',
            office: o?.code ?? null,
            squad: o?.area ?? sq,
            duty,
            statutory,
            due: 1,
            onTime: 1,
          }
          const after = scoreAssessment(s, units, [...facts, task], kind)
          const area = o?.area ?? sq
          if (o)
            expect(totalOf(after, 'office', o.code)).toBeGreaterThanOrEqual(totalOf(before, 'office', o.code))
          else expect(totalOf(after, 'squad', sq)).toBeGreaterThanOrEqual(totalOf(before, 'squad', sq))
          expect(totalOf(after, 'area', area)).toBeGreaterThanOrEqual(totalOf(before, 'area', area))
        },
      ),
    )
  })

  it('gives the same result however the facts are ordered', () => {
    fc.assert(
      fc.property(schemeArb, factsArb, kindArb, fc.integer(), (s, facts, kind, salt) => {
        const shuffled = facts
          .map((f, i) => ({ f, k: Math.imul(i + 1, 2654435761 ^ salt) >>> 0 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.f)
        expect(scoreAssessment(s, units, shuffled, kind)).toEqual(scoreAssessment(s, units, facts, kind))
      }),
    )
  })

  it('gives the same result when facts of one unit are split into single records', () => {
    fc.assert(
      fc.property(
        officeArb,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        (o, due, late) => {
          const onTime = Math.max(0, due - late)
          const grouped: AssessmentFact = {
            kind: 'tasks',
            id: 'g',
            office: o.code,
            squad: o.area,
            duty: 'office.peacetime.2',
            statutory: false,
            due,
            onTime,
          }
          const single: AssessmentFact[] = Array.from({ length: due }, (_, i) => ({
            ...grouped,
            id: `t${i}`,
            due: 1,
            onTime: i < onTime ? 1 : 0,
          }))
          const a = scoreAssessment(scheme, units, [grouped], 'month')
          const b = scoreAssessment(scheme, units, single, 'month')
          expect(order(b.office)).toEqual(order(a.office))
          expect(order(b.area)).toEqual(order(a.area))
        },
      ),
    )
  })

  it('scores an area from its own indicators, its squad and the mean of its offices, as the scheme says', () => {
    fc.assert(
      fc.property(schemeArb, factsArb, kindArb, (s, facts, kind) => {
        const r = scoreAssessment(s, units, facts, kind)
        for (const area of r.area) {
          const offs = r.office.filter((o) => o.area === area.unitCode)
          const mean = Math.round(offs.reduce((sum, o) => sum + Math.round(o.total * 100), 0) / offs.length)
          const own = s.area.own > 0 ? Math.round((area.composition?.own.score ?? 0) * 100) : 0
          const squad = Math.round(totalOf(r, 'squad', area.unitCode) * 100)
          const expected =
            Math.round((s.area.own * own + s.area.squad * squad + s.area.offices * mean) / 100) / 100
          expect(area.total).toBe(expected)
          // ranks are 1..n in order of the documented tie-break
          expect(r.area.map((x) => x.rank)).toEqual([1, 2, 3])
        }
      }),
    )
  })
})
