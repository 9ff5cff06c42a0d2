import type { Org } from '../org/org.ts'
import type { Position } from '../org/org-config.ts'
import type { Role } from '../org/role.ts'

/**
 * The position of an account from a role and the unit it needs (policy 三.1: one role per position):
 * squad staff a squad, a director an office, department staff a department, a bureau leader the squad
 * they liaise with (四.1); the brigade leader and the three administrators sit in no unit below the
 * bureau. Left: the Chinese reason it cannot be.
 */
export const positionFrom = (
  org: Org,
  role: Role,
  unit: string | null | undefined,
): { readonly position: Position } | { readonly problem: string } => {
  const need = (ok: boolean, label: string, make: (code: string) => Position) =>
    !unit
      ? { problem: `请选择${label}` }
      : ok
        ? { position: make(unit) }
        : { problem: `${label}“${unit}”不存在` }
  switch (role) {
    case 'squadLeader':
    case 'squadMember':
      return need(unit ? org.squad(unit) !== undefined : false, '所在中队', (squad) => ({
        kind: role,
        squad,
      }))
    case 'bureauLeader':
      return need(unit ? org.squad(unit) !== undefined : false, '联系的中队', (liaisonSquad) => ({
        kind: 'bureauLeader',
        liaisonSquad,
      }))
    case 'officeDirector':
      return need(unit ? org.office(unit) !== undefined : false, '所在司法所', (office) => ({
        kind: 'officeDirector',
        office,
      }))
    case 'departmentStaff':
      return need(unit ? org.department(unit) !== undefined : false, '所在科室', (department) => ({
        kind: 'departmentStaff',
        department,
      }))
    case 'bureauAdmin':
    case 'securityAdmin':
    case 'auditAdmin':
    case 'brigadeLeader':
      return unit ? { problem: '该角色不属于中队、司法所或科室，不需选择单位' } : { position: { kind: role } }
  }
}

/** The unit columns an account of a position carries (as the seed writes them). */
export const unitCodesOf = (
  position: Position,
): { readonly office: string | null; readonly squad: string | null; readonly department: string | null } => ({
  office: position.kind === 'officeDirector' ? position.office : null,
  squad:
    position.kind === 'squadLeader' || position.kind === 'squadMember'
      ? position.squad
      : position.kind === 'bureauLeader'
        ? position.liaisonSquad
        : null,
  department: position.kind === 'departmentStaff' ? position.department : null,
})

/** Who must use a second factor when the setting requires it: the administrators and bureau leaders. */
export const secondFactorRequiredFor = (role: Role): boolean =>
  role === 'bureauAdmin' || role === 'securityAdmin' || role === 'auditAdmin' || role === 'bureauLeader'
