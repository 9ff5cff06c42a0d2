import { describe, expect, it } from '@effect/vitest'
import fc from 'fast-check'
import { type LegalAidSituation, precheckLegalAid } from './eligibility.ts'
import {
  ECONOMIC_TEST_WAIVERS,
  HARDSHIP_CHECK_WAIVERS,
  LEGAL_AID_MATTERS,
  type LegalAidMatter,
} from './matters.ts'

const base: LegalAidSituation = {
  matter: 'civil.31.4',
  applicantRole: 'self',
  detained: false,
  hasCounsel: false,
  economicWaiver: null,
  hardshipWaiver: null,
  economicHardship: 'yes',
  urgent: false,
}
const codes = (s: LegalAidSituation) => precheckLegalAid(s).materials.map((m) => m.code)

describe('legal-aid pre-check (法律援助法)', () => {
  it('a 法32 ground lifts the economic condition and asks for its proof, not an economic statement', () => {
    const r = precheckLegalAid({ ...base, economicWaiver: '32.4', economicHardship: 'no' })
    expect(r.outcome).toBe('likely')
    expect(r.economicTest).toBe('waived')
    expect(r.reasons[0]).toContain('第三十二条第四项')
    expect(r.reasons[0]).toContain('不受经济困难条件的限制')
    expect(codes({ ...base, economicWaiver: '32.4' })).toContain('proof.32.4')
    expect(codes({ ...base, economicWaiver: '32.4' })).not.toContain('economic')
  })

  it('a 法42 group is not verified, on proof of belonging', () => {
    const r = precheckLegalAid({ ...base, matter: 'civil.31.5', hardshipWaiver: '42.3' })
    expect(r.economicTest).toBe('unverified')
    expect(r.reasons[0]).toContain('免予核查经济困难状况')
    expect(codes({ ...base, matter: 'civil.31.5', hardshipWaiver: '42.3' })).toEqual([
      'id',
      'case.31.5',
      'proof.42.3',
    ])
  })

  it('refuses grounds that do not fit the matter (32.3 only for state compensation, 42.3 only wages or injury)', () => {
    const a = precheckLegalAid({ ...base, economicWaiver: '32.3' })
    expect(a.problems.economicWaiver).toContain('国家赔偿')
    expect(a.economicTest).toBe('statement')
    expect(precheckLegalAid({ ...base, matter: 'civil.31.1', economicWaiver: '32.3' }).problems).toEqual({})
    expect(precheckLegalAid({ ...base, hardshipWaiver: '42.3' }).problems.hardshipWaiver).toContain('工资')
    expect(precheckLegalAid({ ...base, matter: 'civil.31.7', hardshipWaiver: '42.3' }).problems).toEqual({})
  })

  it('without a waiver: hardship is stated (法41); no hardship in a civil matter is unlikely, in a criminal one not', () => {
    expect(precheckLegalAid(base)).toMatchObject({ outcome: 'review', economicTest: 'statement' })
    expect(codes(base)).toContain('economic')
    expect(precheckLegalAid({ ...base, economicHardship: 'no' }).outcome).toBe('unlikely')
    expect(precheckLegalAid({ ...base, economicHardship: 'unsure' }).outcome).toBe('review')
    // 法24: 因经济困难或者其他原因
    expect(precheckLegalAid({ ...base, matter: 'criminal.24', economicHardship: 'no' }).outcome).toBe(
      'review',
    )
  })

  it('法25 needs no economic review at all', () => {
    const r = precheckLegalAid({ ...base, matter: 'criminal.25', economicHardship: 'no' })
    expect(r).toMatchObject({ outcome: 'likely', economicTest: 'waived' })
    expect(r.reasons[0]).toContain('第二十五条')
  })

  it('counsel already engaged makes it unlikely; detention, agents and urgency add their article', () => {
    expect(precheckLegalAid({ ...base, hasCounsel: true, economicWaiver: '32.4' }).outcome).toBe('unlikely')
    const r = precheckLegalAid({
      ...base,
      matter: 'criminal.24',
      detained: true,
      applicantRole: 'relative',
      urgent: true,
    })
    expect(r.problems).toEqual({})
    expect(r.reasons.join('')).toContain('二十四小时内转交')
    expect(r.reasons.join('')).toContain('第四十四条')
    expect(codes({ ...base, matter: 'criminal.24', detained: true, applicantRole: 'relative' })).toEqual(
      expect.arrayContaining(['detention', 'agent']),
    )
    expect(precheckLegalAid({ ...base, applicantRole: 'relative' }).problems.applicantRole).toContain(
      '第四十条',
    )
    expect(precheckLegalAid({ ...base, applicantRole: 'guardian' }).problems).toEqual({})
  })

  const situation = fc.record({
    matter: fc.constantFrom(...(Object.keys(LEGAL_AID_MATTERS) as LegalAidMatter[])),
    applicantRole: fc.constantFrom('self', 'guardian', 'relative'),
    detained: fc.boolean(),
    hasCounsel: fc.boolean(),
    economicWaiver: fc.option(fc.constantFrom(...(Object.keys(ECONOMIC_TEST_WAIVERS) as Array<'32.1'>)), {
      nil: null,
    }),
    hardshipWaiver: fc.option(fc.constantFrom(...(Object.keys(HARDSHIP_CHECK_WAIVERS) as Array<'42.1'>)), {
      nil: null,
    }),
    economicHardship: fc.constantFrom('yes', 'no', 'unsure'),
    urgent: fc.boolean(),
  }) as fc.Arbitrary<LegalAidSituation>

  it('always: an ID document, the 7-day clock, one economic route with its material, unique checklist codes', () => {
    fc.assert(
      fc.property(situation, (s) => {
        const r = precheckLegalAid(s)
        expect(r.materials[0]?.code).toBe('id')
        expect(r.reasons.at(-1)).toContain('七日内')
        const list = r.materials.map((m) => m.code)
        expect(new Set(list).size).toBe(list.length)
        const proofs = list.filter((c) => c.startsWith('proof.') || c === 'economic')
        expect(proofs.length).toBe(s.matter === 'criminal.25' ? 0 : 1)
        if (s.hasCounsel) expect(r.outcome).toBe('unlikely')
        expect(precheckLegalAid(s)).toEqual(r)
      }),
    )
  })
})
