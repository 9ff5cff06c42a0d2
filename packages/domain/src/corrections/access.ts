import type { Actor, RecordScope } from '../scope/scope.ts'

/**
 * Who may read supervisees' records. Community corrections is the squads' peacetime duty (三.3 中队平时
 * 职责①) under the brigade (三.2), so squad staff see their own area and the brigade sees all; the
 * bureau leader liaising an area follows it (四.1) and approves electronic monitoring (社区矫正法29);
 * a director sees the supervisees living in their town, whose outings they may approve when delegated
 * (实施办法26). The system administrator manages accounts, not cases (个人信息保护法34, minimum scope):
 * none. Departments: none.
 */
export const superviseeScope = (actor: Actor): RecordScope => {
  switch (actor.role) {
    case 'brigadeLeader':
      return { kind: 'all' }
    case 'squadLeader':
    case 'squadMember':
    case 'bureauLeader':
      return actor.squad === null ? { kind: 'none' } : { kind: 'area', squad: actor.squad }
    case 'officeDirector':
      return actor.office === null ? { kind: 'none' } : { kind: 'office', office: actor.office }
    case 'bureauAdmin':
    case 'securityAdmin':
    case 'auditAdmin':
    case 'departmentStaff':
      return { kind: 'none' }
  }
}

/**
 * Minors' records are closed except to those who must work them (社区矫正法54: identity and files kept
 * confidential): the squad that supervises, the brigade, and the liaising bureau leader who must approve
 * what the law reserves to the bureau head. A director does not see them.
 */
export const mayReadMinors = (actor: Actor): boolean =>
  actor.role === 'squadLeader' ||
  actor.role === 'squadMember' ||
  actor.role === 'brigadeLeader' ||
  actor.role === 'bureauLeader'

/** Who records case events and registers supervisees: the squad staff of the area and the brigade. */
export const mayWorkCases = (actor: Actor): boolean =>
  actor.role === 'squadLeader' || actor.role === 'squadMember' || actor.role === 'brigadeLeader'

/** Who may change the rules and the working-day calendar: the brigade leader (社区矫正机构) and the administrator. */
export const mayAdjustRules = (actor: Actor): boolean =>
  actor.role === 'brigadeLeader' || actor.role === 'bureauAdmin'
