import type { Org } from '../org/org.ts'
import type { Position } from '../org/org-config.ts'
import type { Role } from '../org/role.ts'

/** Who is acting: a logged-in user with their role and unit. */
export interface Actor {
  readonly userId: string
  readonly role: Role
  readonly office: string | null
  /** own squad, or the liaison squad for a bureau leader */
  readonly squad: string | null
}

/** Which records an actor may read; the API turns it into a query condition. */
export type RecordScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'office'; readonly office: string }
  | { readonly kind: 'area'; readonly squad: string }

/** A person's position, given either bare or as the person carrying it. */
export type PersonPosition = Position | { readonly position: Position }

const ALL: RecordScope = { kind: 'all' }
const NONE: RecordScope = { kind: 'none' }
const office = (code: string | null): RecordScope => (code === null ? NONE : { kind: 'office', office: code })
const area = (squad: string | null): RecordScope => (squad === null ? NONE : { kind: 'area', squad })

/**
 * The actor for a position: office for a director, squad for squad staff, liaison squad for a bureau
 * leader (四.1), neither for bureau-wide roles.
 */
export const actorFromPosition = (userId: string, position: Position): Actor => {
  switch (position.kind) {
    case 'officeDirector':
      return { userId, role: position.kind, office: position.office, squad: null }
    case 'squadLeader':
    case 'squadMember':
      return { userId, role: position.kind, office: null, squad: position.squad }
    case 'bureauLeader':
      return { userId, role: position.kind, office: null, squad: position.liaisonSquad }
    default:
      return { userId, role: position.kind, office: null, squad: null }
  }
}

/**
 * Who may read the intake queue (mediation requests handed in at an office's kiosk). Mediation is the
 * office's own peacetime work (三.3 司法所平时职责②), so a director sees their office's requests; the
 * bureau leader liaising an area keeps an eye on its offices (四.1, read only); the administrator sees
 * everything. Nobody else.
 */
export const intakeScope = (actor: Actor): RecordScope => {
  switch (actor.role) {
    case 'bureauAdmin':
      return ALL
    case 'officeDirector':
      return office(actor.office)
    case 'bureauLeader':
      return area(actor.squad)
    default:
      return NONE
  }
}

/**
 * Who may read tasks. The brigade leads every squad (三.2) and sees all; squad staff serve the four
 * towns of their area (三.1) and see its tasks; a director sees their own office's; a bureau leader
 * the area they liaise (四.1); departments guide offices but hold no tasks here.
 */
export const taskScope = (actor: Actor): RecordScope => {
  switch (actor.role) {
    case 'bureauAdmin':
    case 'brigadeLeader':
      return ALL
    case 'officeDirector':
      return office(actor.office)
    case 'squadLeader':
    case 'squadMember':
    case 'bureauLeader':
      return area(actor.squad)
    case 'departmentStaff':
    case 'securityAdmin':
    case 'auditAdmin':
      return NONE
  }
}

/**
 * Who may see an office's consultation appointments (issue 14): the director their office's (they set
 * the free slots), the squad serving the area (三.1: the squad's staff work in the four towns of their
 * area and take part in the office's consultations), the brigade and the administrator all, the bureau
 * leader their liaison area. Administrative roles and departments see none.
 */
export const appointmentScope = (actor: Actor): RecordScope => taskScope(actor)

/**
 * Who may unlock a kiosk receipt locked by wrong secrets (issue 14): the director of the receipt's office,
 * who sees the resident at the window with their ID card and hands the request's intake or booking, and
 * the administrator. The liaison leader reads the queue but decides nothing; nobody else holds receipts.
 */
export const receiptUnlockScope = (actor: Actor): RecordScope => {
  switch (actor.role) {
    case 'bureauAdmin':
      return ALL
    case 'officeDirector':
      return office(actor.office)
    default:
      return NONE
  }
}

/** Whether a record of an office (or of a squad, `office: null`) in an area falls within a scope. */
export const isInScope = (scope: RecordScope, record: { office: string | null; squad: string }): boolean => {
  switch (scope.kind) {
    case 'all':
      return true
    case 'none':
      return false
    case 'office':
      return record.office === scope.office
    case 'area':
      return record.squad === scope.squad
  }
}

/**
 * Whether work of an area may be given to a person: the squad's five mobile staff and the directors
 * of the area's offices work together in it (一定五动, 三.1; 平战融合, 三.2) — nobody from another area.
 */
export const canAssignTo = (org: Org, task: { area: string }, assignee: PersonPosition): boolean => {
  const position = 'position' in assignee ? assignee.position : assignee
  switch (position.kind) {
    case 'squadLeader':
    case 'squadMember':
      return position.squad === task.area && org.squad(task.area) !== undefined
    case 'officeDirector':
      return org.office(position.office) !== undefined && org.areaOfOffice(position.office) === task.area
    default:
      return false
  }
}
