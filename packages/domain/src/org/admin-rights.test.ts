import { describe, expect, it } from 'vitest'
import { ADMIN_RIGHTS, ADMIN_ROLES, type AdminRight, hasRight, holdersOf } from './admin-rights.ts'
import { ROLES } from './role.ts'

const ALL_RIGHTS: ReadonlyArray<AdminRight> = [
  'manageAccounts',
  'manageSystemSettings',
  'manageRoles',
  'manageSecurity',
  'readAudit',
  'readLoginLog',
]

describe('three separated administrative roles', () => {
  it('hold disjoint rights: every right has exactly one holder', () => {
    for (const right of ALL_RIGHTS) expect(holdersOf(right)).toHaveLength(1)
    const listed = ADMIN_ROLES.flatMap((r) => ADMIN_RIGHTS[r])
    expect(new Set(listed).size).toBe(listed.length)
    expect([...listed].sort()).toEqual([...ALL_RIGHTS].sort())
  })

  it('splits accounts, security and audit as 等保 requires', () => {
    expect(holdersOf('manageAccounts')).toEqual(['bureauAdmin'])
    expect(holdersOf('manageRoles')).toEqual(['securityAdmin'])
    expect(holdersOf('manageSecurity')).toEqual(['securityAdmin'])
    expect(holdersOf('readAudit')).toEqual(['auditAdmin'])
    expect(holdersOf('readLoginLog')).toEqual(['auditAdmin'])
  })

  it('gives business roles no administrative right', () => {
    for (const role of ROLES) {
      if ((ADMIN_ROLES as ReadonlyArray<string>).includes(role)) continue
      for (const right of ALL_RIGHTS) expect(hasRight(role, right)).toBe(false)
    }
  })
})
