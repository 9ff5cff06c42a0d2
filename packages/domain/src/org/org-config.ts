import type { Role } from './role.ts'

/** A named unit: bureau, brigade, department or town. */
export interface UnitConfig {
  readonly code: string
  readonly name: string
}

export type TownConfig = UnitConfig
export type DepartmentConfig = UnitConfig

/** A judicial office (司法所); one per town, fixed in it ("一定"). */
export interface OfficeConfig {
  readonly code: string
  readonly name: string
  readonly town: string
}

/** An enforcement squad (中队): its seat and the towns of its area (辖区). */
export interface SquadConfig {
  readonly code: string
  readonly name: string
  readonly seatTown: string
  readonly towns: ReadonlyArray<string>
}

/** Where a person sits in the organisation; `kind` is their role. */
export type Position =
  | { readonly kind: 'bureauAdmin' }
  | { readonly kind: 'securityAdmin' }
  | { readonly kind: 'auditAdmin' }
  | { readonly kind: 'bureauLeader'; readonly liaisonSquad: string }
  | { readonly kind: 'brigadeLeader' }
  | { readonly kind: 'squadLeader'; readonly squad: string }
  | { readonly kind: 'squadMember'; readonly squad: string }
  | { readonly kind: 'officeDirector'; readonly office: string }
  | { readonly kind: 'departmentStaff'; readonly department: string }

/** A person of the bureau with one position; `username` when they log in. */
export interface PersonConfig {
  readonly code: string
  readonly name: string
  readonly position: Position
  readonly username?: string
}

/** What a county enters to describe its bureau (policy 三.1); Yiyuan is the seeded default. */
export interface OrgConfig {
  readonly bureau: UnitConfig
  readonly brigade: UnitConfig
  readonly departments: ReadonlyArray<DepartmentConfig>
  readonly towns: ReadonlyArray<TownConfig>
  readonly offices: ReadonlyArray<OfficeConfig>
  readonly squads: ReadonlyArray<SquadConfig>
  readonly squadSize: { readonly leaders: number; readonly members: number }
  readonly people: ReadonlyArray<PersonConfig>
}

/** The role a position stands for: one role per position (policy 三.1 sets out the positions). */
export const roleOf = (position: Position): Role => position.kind
