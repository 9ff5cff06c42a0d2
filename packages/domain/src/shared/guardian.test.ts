import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkGuardian, MINOR_GUARDIAN_RELATIONS, needsGuardian } from './guardian.ts'
import { idNumberCheckChar } from './id-number.ts'

const TODAY = '2026-11-26'
const id = (birth: string, seq = '123'): string => {
  const first17 = `370323${birth}${seq}`
  return first17 + idNumberCheckChar(first17)
}
const CHILD = { birthDate: '2016-05-01', idNumber: id('20160501', '021') }
const good = {
  name: ' 张建国 ',
  relation: '父亲',
  idNumber: id('19850101', '011').toLowerCase(),
  phone: '139 0013 9000',
  consent: true,
}

describe('guardian consent for an applicant under 14 (个人信息保护法31, 民法典27)', () => {
  it('is needed below the 14th birthday and not from it on', () => {
    expect(needsGuardian('2012-11-27', TODAY)).toBe(true)
    expect(needsGuardian('2012-11-26', TODAY)).toBe(false)
    expect(checkGuardian({ birthDate: '2000-01-01', idNumber: id('20000101') }, undefined, TODAY)).toEqual({
      needed: false,
    })
  })

  it('accepts a complete guardian and normalises it', () => {
    expect(checkGuardian(CHILD, good, TODAY)).toEqual({
      needed: true,
      ok: true,
      guardian: { name: '张建国', relation: '父亲', idNumber: id('19850101', '011'), phone: '13900139000' },
    })
  })

  it('names every missing field in Chinese', () => {
    const r = checkGuardian(CHILD, undefined, TODAY)
    expect(r).toMatchObject({ needed: true, ok: false })
    if (r.needed && !r.ok)
      expect(r.problems).toEqual({
        name: '申请人未满十四周岁，请填写监护人姓名',
        relation: '请选择监护人与申请人的关系',
        idNumber: '监护人身份证号：请填写身份证号',
        phone: '请填写监护人手机号码',
        consent: '申请人未满十四周岁，需要监护人勾选同意处理其个人信息（个人信息保护法第三十一条）',
      })
  })

  it('refuses a guardian under 18, the applicant as own guardian, a bad phone, an unknown relation, no tick', () => {
    const problems = (g: Partial<typeof good>) => {
      const r = checkGuardian(CHILD, { ...good, ...g }, TODAY)
      return r.needed && !r.ok ? r.problems : {}
    }
    expect(problems({ idNumber: id('20100101') })).toEqual({ idNumber: '监护人应年满十八周岁' })
    expect(problems({ idNumber: CHILD.idNumber })).toEqual({ idNumber: '监护人应年满十八周岁' })
    expect(problems({ phone: '1234' })).toEqual({ phone: '监护人手机号码应为1开头的11位数字' })
    expect(problems({ relation: '邻居' })).toEqual({ relation: '请选择监护人与申请人的关系' })
    expect(problems({ consent: false })).toHaveProperty('consent')
    expect(problems({ name: '张' })).toEqual({ name: '监护人姓名应为2至30个字' })
  })

  it('property: a child always needs all five, an adult never needs any', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1913, max: 2026 }),
        fc.constantFrom(...MINOR_GUARDIAN_RELATIONS),
        fc.boolean(),
        (year, relation, consent) => {
          const birthDate = `${year}-01-01`
          const r = checkGuardian(
            { birthDate, idNumber: id(`${year}0101`) },
            { ...good, relation, consent },
            TODAY,
          )
          if (year <= 2012) return r.needed === false
          return r.needed && (consent ? r.ok : !r.ok && 'consent' in r.problems)
        },
      ),
    )
  })
})
