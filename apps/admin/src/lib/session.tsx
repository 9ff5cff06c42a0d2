import { createContext, type ReactNode, use } from 'react'
import type { Me } from './trpc.ts'

type Role = Me['role']

const MeContext = createContext<Me | null>(null)

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext value={me}>{children}</MeContext>
}

/** The signed-in user; only used below the authenticated layout. */
export function useMe(): Me {
  const me = use(MeContext)
  if (me === null) throw new Error('useMe outside the signed-in layout')
  return me
}

export type Section =
  | 'home'
  | 'intake'
  | 'tasks'
  | 'devices'
  | 'audit'
  | 'wartime'
  | 'mediation'
  | 'legalAid'
  | 'legalityReview'
  | 'legalEducation'
  | 'corrections'
  | 'resettlement'
  | 'deadlineRules'
  | 'users'
  | 'sessions'
  | 'loginLog'
  | 'settings'
  | 'vehicles'
  | 'budget'
  | 'assessment'
  | 'oversight'
  | 'appointments'

// Mirrors the data scopes of the contract (intakeScope, taskScope, device and audit rules); the
// server enforces them, the menu only hides what would come back empty or forbidden.
const SECTIONS: Record<Section, ReadonlyArray<Role>> = {
  home: [
    'bureauAdmin',
    'bureauLeader',
    'brigadeLeader',
    'squadLeader',
    'squadMember',
    'officeDirector',
    'departmentStaff',
    'securityAdmin',
    'auditAdmin',
  ],
  intake: ['bureauAdmin', 'bureauLeader', 'officeDirector'],
  // issue 14: appointmentScope (= taskScope): the director sets the slots, the squad sees the day
  appointments: [
    'bureauAdmin',
    'bureauLeader',
    'brigadeLeader',
    'squadLeader',
    'squadMember',
    'officeDirector',
  ],
  tasks: ['bureauAdmin', 'bureauLeader', 'brigadeLeader', 'squadLeader', 'squadMember', 'officeDirector'],
  devices: ['bureauAdmin', 'officeDirector'],
  // the 审计管理员 reads the whole audit, a bureau leader their liaison area; the 系统管理员 does not
  // (three separated administrative roles, domain admin-rights.ts)
  audit: ['auditAdmin', 'bureauLeader'],
  // issue 13, the administrative rights of domain admin-rights.ts: 系统管理员 accounts and system
  // settings, 安全管理员 roles (positions), security settings and sessions, 审计管理员 the login log
  users: ['bureauAdmin', 'securityAdmin'],
  sessions: ['securityAdmin'],
  loginLog: ['auditAdmin'],
  settings: ['bureauAdmin', 'securityAdmin'],
  // 人民调解 register: office records, as intakeScope (director own office, liaison area read-only)
  mediation: ['bureauAdmin', 'bureauLeader', 'officeDirector'],
  // 法律援助 / 合法性审查 / 普法 registers (issue 4): the same office scope as mediation
  legalAid: ['bureauAdmin', 'bureauLeader', 'officeDirector'],
  legalityReview: ['bureauAdmin', 'bureauLeader', 'officeDirector'],
  legalEducation: ['bureauAdmin', 'bureauLeader', 'officeDirector'],
  wartime: ['bureauAdmin', 'bureauLeader', 'brigadeLeader', 'squadLeader', 'squadMember', 'officeDirector'],
  // 社区矫正 (issue 5): superviseeScope — none for the administrator and departments
  corrections: ['bureauLeader', 'brigadeLeader', 'squadLeader', 'squadMember', 'officeDirector'],
  // 安置帮教 (issue 5): releaseeScope, as supervisees
  resettlement: ['bureauLeader', 'brigadeLeader', 'squadLeader', 'squadMember', 'officeDirector'],
  // 执法车辆 (issue 11): vehicleScope — squad staff and directors their area's, brigade, departments and
  // bureau leaders all; administrative roles none
  // 经费 (issue 11): budgetScope — director own office, squad leader the area, bureau leaders all
  budget: ['bureauLeader', 'squadLeader', 'officeDirector'],
  vehicles: [
    'bureauLeader',
    'brigadeLeader',
    'squadLeader',
    'squadMember',
    'officeDirector',
    'departmentStaff',
  ],
  // 考核排名 (issue 12): the bureau and its leaders everything; the brigade and the units once published
  assessment: [
    'bureauAdmin',
    'bureauLeader',
    'brigadeLeader',
    'squadLeader',
    'squadMember',
    'officeDirector',
  ],
  // 督导提报 (issue 12): inspections for the bureau, its leaders and the inspected units; the 提报 register
  oversight: ['bureauAdmin', 'bureauLeader', 'brigadeLeader', 'squadLeader', 'officeDirector'],
  deadlineRules: [
    'bureauAdmin',
    'bureauLeader',
    'brigadeLeader',
    'squadLeader',
    'squadMember',
    'officeDirector',
  ],
}

export function canSee(role: Role, section: Section): boolean {
  return SECTIONS[section].includes(role)
}

/** Bureau leaders read their liaison area's intake queue but do not handle it. */
export function canHandleIntake(role: Role): boolean {
  return role === 'bureauAdmin' || role === 'officeDirector'
}

export function unitName(me: Me): string {
  // a bureau leader's squad is the one they liaise with, not their unit
  if (me.role === 'bureauLeader') return me.squad ? `联系${me.squad.name}` : '局机关'
  return me.office?.name ?? me.squad?.name ?? '局机关'
}
