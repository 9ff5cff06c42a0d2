// The public surface of @pingzhan/domain (docs/CONTRACT.md). Listed one by one on purpose.

export {
  CURRENT_CATALOG_VERSION,
  catalogOf,
  catalogsOf,
  catalogVersions,
  dutiesOf,
  dutyCatalogs,
  findDuty,
} from './duty/catalog.ts'
export type { Duty, DutyCatalog, Mode, UnitKind } from './duty/duty.ts'
export { DutyNotInCatalogue } from './duty/duty-errors.ts'
export type { Org } from './org/org.ts'
export { buildOrg, orgProblems } from './org/org.ts'
export type {
  DepartmentConfig,
  OfficeConfig,
  OrgConfig,
  PersonConfig,
  Position,
  SquadConfig,
  TownConfig,
  UnitConfig,
} from './org/org-config.ts'
export { roleOf } from './org/org-config.ts'
export type {
  AreaWithoutLiaison,
  AreaWithTwoLiaisons,
  DuplicateCode,
  LeaderLiaisingTwoAreas,
  OfficeWithoutDirector,
  OfficeWithTwoDirectors,
  OrgProblemTag,
  SeatOutsideArea,
  SquadSizeMismatch,
  SquadWithoutLeader,
  TownInTwoAreas,
  TownWithoutArea,
  TownWithoutOffice,
  TownWithTwoOffices,
  UnknownDepartment,
  UnknownOffice,
  UnknownSquad,
  UnknownTown,
} from './org/org-errors.ts'
export { OrgInvalid, OrgProblem } from './org/org-errors.ts'
export type { Role } from './org/role.ts'
export { ROLE_LABELS, ROLES } from './org/role.ts'
export { yiyuanOrgConfig } from './org/yiyuan.ts'
export type { Actor, PersonPosition, RecordScope } from './scope/scope.ts'
export { actorFromPosition, canAssignTo, intakeScope, isInScope, taskScope } from './scope/scope.ts'
export type { IdNumberResult } from './shared/id-number.ts'
export { idNumberCheckChar, maskIdNumber, validateIdNumber } from './shared/id-number.ts'
