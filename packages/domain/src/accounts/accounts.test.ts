import { Effect } from 'effect'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildOrg } from '../org/org.ts'
import { yiyuanOrgConfig } from '../org/yiyuan.ts'
import { characterClasses, oneTimePassword, passwordExpired, passwordProblem } from './password-policy.ts'
import { positionFrom, unitCodesOf } from './position.ts'
import { DEFAULT_SETTINGS, resolveSettings, SETTINGS, settingDefinition, settingProblem } from './settings.ts'

const policy = { minLength: 8, minClasses: 3 }
const common = new Set(['password', 'qwerty123', 'iloveyou'])
const ctx = { username: 'zhangsan', policy, isCommon: (p: string) => common.has(p) }

describe('password rules (等保 defaults)', () => {
  it('refuses short, two-class, common and username-bearing passwords with a reason', () => {
    expect(passwordProblem('Ab1#xyz', ctx)).toBe('密码至少 8 位')
    expect(passwordProblem('abcdefgh12', ctx)).toMatch(/至少 3 类/)
    expect(passwordProblem('Qwerty123', ctx)).toMatch(/过于常见/)
    expect(passwordProblem('Password!!1', ctx)).toMatch(/过于常见/) // the word inside counts
    expect(passwordProblem('Zhangsan#2026', ctx)).toBe('密码不能包含用户名')
    expect(passwordProblem('x'.repeat(129), ctx)).toMatch(/128/)
    expect(passwordProblem('Tall#Birch7', ctx)).toBeNull()
  })

  it('follows the policy it is given: 4 classes, 12 characters', () => {
    const strict = { ...ctx, policy: { minLength: 12, minClasses: 4 } }
    expect(passwordProblem('Tall#Birch7', strict)).toBe('密码至少 12 位')
    expect(passwordProblem('TallBirch7xyz', strict)).toMatch(/至少 4 类/)
    expect(passwordProblem('Tall#Birch7xy', strict)).toBeNull()
  })

  it('property: every accepted password meets length and classes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 40 }), (p) => {
        if (passwordProblem(p, ctx) === null) {
          expect(p.length).toBeGreaterThanOrEqual(8)
          expect(characterClasses(p)).toBeGreaterThanOrEqual(3)
        }
      }),
    )
  })

  it('expires after the configured days, never with 0', () => {
    const day = 86_400_000
    expect(passwordExpired(0, 89 * day, 90)).toBe(false)
    expect(passwordExpired(0, 90 * day, 90)).toBe(true)
    expect(passwordExpired(0, 9999 * day, 0)).toBe(false)
  })

  it('one-time passwords are 12 characters and always pass the strictest policy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 40 }),
        (rs) => {
          let i = 0
          const random = (n: number) => Math.floor((rs[i++ % rs.length] ?? 0) * n)
          const p = oneTimePassword(random)
          expect(p).toHaveLength(12)
          expect(characterClasses(p)).toBe(4)
        },
      ),
    )
  })
})

describe('settings', () => {
  it('has a valid default for every knob, and validates values', () => {
    for (const d of SETTINGS) expect(settingProblem(d, d.default)).toBeNull()
    const min = settingDefinition('password.minLength')
    if (!min) throw new Error('missing')
    expect(settingProblem(min, 7)).toMatch(/不能小于 8/)
    expect(settingProblem(min, 8.5)).toMatch(/整数/)
    expect(settingProblem(min, '8')).toMatch(/整数/)
    const totp = settingDefinition('totp.requiredForLeaders')
    if (!totp) throw new Error('missing')
    expect(settingProblem(totp, 1)).toMatch(/是或否/)
  })

  it('resolves stored values over defaults and ignores invalid ones', () => {
    const s = resolveSettings(
      new Map<string, unknown>([
        ['password.expiryDays', 30],
        ['password.minLength', 3],
        ['unknown', 1],
      ]),
    )
    expect(s['password.expiryDays']).toBe(30)
    expect(s['password.minLength']).toBe(DEFAULT_SETTINGS['password.minLength'])
  })

  it('security knobs belong to the 安全管理员, the one-time password validity to the 系统管理员', () => {
    expect(SETTINGS.filter((d) => d.right === 'manageSystemSettings').map((d) => d.key)).toEqual([
      'account.oneTimePasswordHours',
    ])
    expect(SETTINGS.every((d) => d.right === 'manageSecurity' || d.right === 'manageSystemSettings')).toBe(
      true,
    )
  })
})

describe('position of an account', () => {
  const org = Effect.runSync(buildOrg(yiyuanOrgConfig))
  it('follows the role: each role names the unit it needs', () => {
    expect(positionFrom(org, 'squadMember', 'lucun')).toEqual({
      position: { kind: 'squadMember', squad: 'lucun' },
    })
    expect(positionFrom(org, 'officeDirector', 'nanma')).toEqual({
      position: { kind: 'officeDirector', office: 'nanma' },
    })
    expect(positionFrom(org, 'officeDirector', 'lucun-x')).toEqual({ problem: '所在司法所“lucun-x”不存在' })
    expect(positionFrom(org, 'squadLeader', null)).toEqual({ problem: '请选择所在中队' })
    expect(positionFrom(org, 'auditAdmin', null)).toEqual({ position: { kind: 'auditAdmin' } })
    expect(positionFrom(org, 'auditAdmin', 'nanma')).toHaveProperty('problem')
    expect(unitCodesOf({ kind: 'bureauLeader', liaisonSquad: 'xili' })).toEqual({
      office: null,
      squad: 'xili',
      department: null,
    })
  })
})
