/** The roles of the platform; each person holds exactly one (policy 三.1, 四.1). */
export type Role =
  | 'bureauAdmin'
  | 'bureauLeader'
  | 'brigadeLeader'
  | 'squadLeader'
  | 'squadMember'
  | 'officeDirector'
  | 'departmentStaff'
  | 'securityAdmin'
  | 'auditAdmin'

/** Chinese label of each role, in the policy's words. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  bureauAdmin: '系统管理员',
  bureauLeader: '局领导（班子成员）',
  brigadeLeader: '执法大队长',
  squadLeader: '中队长',
  squadMember: '中队工作人员',
  officeDirector: '司法所长',
  departmentStaff: '局科室工作人员',
  securityAdmin: '安全管理员',
  auditAdmin: '审计管理员',
}

/** Every role, in the order above. */
export const ROLES: ReadonlyArray<Role> = [
  'bureauAdmin',
  'bureauLeader',
  'brigadeLeader',
  'squadLeader',
  'squadMember',
  'officeDirector',
  'departmentStaff',
  'securityAdmin',
  'auditAdmin',
]
