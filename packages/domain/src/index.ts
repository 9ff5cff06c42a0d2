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
export type {
  Activation,
  ActivationEscalation,
  ActivationStage,
  ActivationTask,
  RosterMember,
  RosterOutcome,
  RosterResponse,
} from './mode/activation.ts'
export {
  ACTIVATION_STAGE_LABELS,
  activationFromStart,
  isOpen,
  outcomeOf,
  ROSTER_OUTCOME_LABELS,
} from './mode/activation.ts'
export { DeclineReason, ModeCommand } from './mode/activation-commands.ts'
export type { ActivationEvent } from './mode/activation-events.ts'
export { CommanderBasis, ModeEvent, RosterSide } from './mode/activation-events.ts'
export type { AreaMode, AreaState, OpenAssignment } from './mode/area-mode.ts'
export {
  activationOf,
  areaModeOf,
  commanderFor,
  initialAreaState,
  openActivationsOf,
  openAssignmentsOf,
} from './mode/area-mode.ts'
export type { CooperationFacts, CooperationOptions } from './mode/cooperation.ts'
export { cooperationFacts } from './mode/cooperation.ts'
export type { ModeError, ModeErrorTag } from './mode/mode-errors.ts'
export {
  ActivationClosed,
  ActivationExists,
  AlreadyOnRoster,
  AlreadyResponded,
  DeclinesAwaitingRuling,
  DutyNotInWartimeCatalogue,
  EscalationExists,
  InvalidInput,
  NoCommander,
  NoDeclineToRule,
  NotAllowedToStart,
  NotAssignee,
  NotBrigadeLeader,
  NotCommander,
  NotOnRoster,
  NotReviewer,
  OutsideArea,
  PersonUnavailable,
  RefusalNotAllowed,
  SummaryAlreadySubmitted,
  SummaryMissing,
  TaskAlreadyDone,
  TaskExists,
  UnknownActivation,
  UnknownArea,
  UnknownPerson,
  UnknownTask,
  WrongStage,
} from './mode/mode-errors.ts'
export type { ModeContext, Transitioned } from './mode/transition.ts'
export { evolveArea, replayArea, transition } from './mode/transition.ts'
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
