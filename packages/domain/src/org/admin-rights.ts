import type { Role } from './role.ts'

/**
 * The administrative rights of the platform, held apart by three roles (等保2.0 三级 "三权分立",
 * SECURITY.md): the 系统管理员 runs accounts and the system's settings, the 安全管理员 decides who holds
 * which role and sets the security rules, the 审计管理员 reads what everyone did. No role holds two
 * kinds, so an administrator cannot give themself rights and hide it; nobody can edit or delete an
 * audit record (there is no such right, and no code path).
 */
export type AdminRight =
  /** create accounts, disable / enable, unlock, reset passwords, list and export them */
  | 'manageAccounts'
  /** settings of the system that are not security rules */
  | 'manageSystemSettings'
  /** move a person to another unit or position, which sets their role */
  | 'manageRoles'
  /** password rules, lockout, second factor; online sessions and force logout */
  | 'manageSecurity'
  /** the operation audit and its chain check */
  | 'readAudit'
  /** the login log */
  | 'readLoginLog'

export type AdminRole = 'bureauAdmin' | 'securityAdmin' | 'auditAdmin'

export const ADMIN_ROLES: ReadonlyArray<AdminRole> = ['bureauAdmin', 'securityAdmin', 'auditAdmin']

export const ADMIN_RIGHTS: Readonly<Record<AdminRole, ReadonlyArray<AdminRight>>> = {
  bureauAdmin: ['manageAccounts', 'manageSystemSettings'],
  securityAdmin: ['manageRoles', 'manageSecurity'],
  auditAdmin: ['readAudit', 'readLoginLog'],
}

export const isAdminRole = (role: Role): role is AdminRole =>
  (ADMIN_ROLES as ReadonlyArray<Role>).includes(role)

/** Whether a role holds an administrative right. Business roles hold none (a bureau leader's area audit
 * is a business oversight, granted by the audit router, not an administrative right). */
export const hasRight = (role: Role, right: AdminRight): boolean =>
  isAdminRole(role) && ADMIN_RIGHTS[role].includes(right)

/** The roles that hold a right: exactly one, by construction (tested). */
export const holdersOf = (right: AdminRight): ReadonlyArray<AdminRole> =>
  ADMIN_ROLES.filter((r) => ADMIN_RIGHTS[r].includes(right))
