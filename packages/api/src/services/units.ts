import { type Org, ROLE_LABELS } from '@pingzhan/domain'
import type { AuditActor, AuditEntry } from '../audit/audit.ts'
import type { User } from '../repos/users.ts'

export type AuditUnit = AuditEntry['unit']

// Office and squad codes may coincide (鲁村镇's office and 鲁村中队 are both `lucun`), so names are
// looked up by kind.
export const officeName = (org: Org, code: string): string => org.office(code)?.name ?? code
export const squadName = (org: Org, code: string): string => org.squad(code)?.name ?? code

export const officeUnit = (org: Org, office: string): AuditUnit => ({
  code: office,
  name: officeName(org, office),
  area: org.office(office) ? org.areaOfOffice(office) : null,
})

/** The unit a user acts for, as recorded in the audit log. */
export const userUnit = (org: Org, user: User): AuditUnit => {
  switch (user.role) {
    case 'officeDirector':
      return user.officeCode ? officeUnit(org, user.officeCode) : null
    case 'squadLeader':
    case 'squadMember':
      return user.squadCode
        ? { code: user.squadCode, name: squadName(org, user.squadCode), area: user.squadCode }
        : null
    case 'departmentStaff':
      return user.departmentCode
        ? { code: user.departmentCode, name: org.department(user.departmentCode)?.name ?? '', area: null }
        : null
    case 'brigadeLeader':
      return { code: org.config.brigade.code, name: org.config.brigade.name, area: null }
    case 'bureauLeader':
      return { code: org.config.bureau.code, name: org.config.bureau.name, area: user.squadCode }
    case 'bureauAdmin':
    case 'securityAdmin':
    case 'auditAdmin':
      return { code: org.config.bureau.code, name: org.config.bureau.name, area: null }
  }
}

export const auditActor = (user: User): AuditActor => ({
  id: user.id,
  name: user.displayName,
  role: user.role,
})

export const roleLabel = (user: User): string => ROLE_LABELS[user.role]

/** The unit name shown next to a person (office, squad, department …). */
export const userUnitName = (org: Org, user: User): string => userUnit(org, user)?.name ?? ''

export interface Me {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: User['role']
  readonly roleLabel: string
  readonly office: { readonly code: string; readonly name: string } | null
  readonly squad: { readonly code: string; readonly name: string } | null
}

export const toMe = (org: Org, user: User): Me => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  roleLabel: ROLE_LABELS[user.role],
  office: user.officeCode ? { code: user.officeCode, name: officeName(org, user.officeCode) } : null,
  squad: user.squadCode ? { code: user.squadCode, name: squadName(org, user.squadCode) } : null,
})
