// The public surface of @pingzhan/domain (docs/CONTRACT.md). Listed one by one on purpose.

export {
  characterClasses,
  MAX_PASSWORD_LENGTH,
  oneTimePassword,
  type PasswordPolicy,
  passwordExpired,
  passwordProblem,
} from './accounts/password-policy.ts'
export { positionFrom, secondFactorRequiredFor, unitCodesOf } from './accounts/position.ts'
export {
  DEFAULT_SETTINGS,
  resolveSettings,
  SETTINGS,
  type SettingDefinition,
  type SettingKey,
  type Settings,
  settingDefinition,
  settingProblem,
} from './accounts/settings.ts'
// Shared means (issue 11, policy 四.2): the squad vehicle and the pooled area budget
export type { ExpenseCategory, Override, Pool } from './budget/budget.ts'
export {
  addPools,
  areaPool,
  budgetScope,
  checkFen,
  commit,
  EXPENSE_CATEGORIES,
  emptyPool,
  formatYuan,
  leftOf,
  MAX_FEN,
  MoneyInvalid,
  mayApproveExpense,
  mayOverride,
  needsBureauApproval,
  PoolExhausted,
  release,
  settle,
  yuanToFen,
} from './budget/budget.ts'
// Community corrections and the statutory deadline engine (issue 5)
export { mayAdjustRules, mayReadMinors, mayWorkCases, superviseeScope } from './corrections/access.ts'
export type { Period, PeriodUnit, WorkCalendar, YearSchedule } from './corrections/calendar.ts'
export {
  buildCalendar,
  dueInstantOfHours,
  exceeds,
  isWorkingDay,
  lastDayOf,
  lessThan,
  nextWorkingDayFrom,
  validateYearSchedule,
  within,
} from './corrections/calendar.ts'
export {
  addDays,
  addMonths,
  chinaDateTimeOf,
  daysBetween,
  isCivilDate,
  weekday,
} from './corrections/civil-date.ts'
export type { CorrectionsError, CorrectionsErrorTag } from './corrections/corrections-errors.ts'
export {
  CalendarYearInvalid,
  CalendarYearUnknown,
  CaseStateInvalid,
  LeaveNotAllowed,
  MonitoringNotAllowed,
  RuleChangeRefused,
  SanctionNotAllowed,
  TeamInvalid,
  WrongApprover,
} from './corrections/corrections-errors.ts'
export type { DateRange, LeaveLevel, LeaveRoute } from './corrections/leave.ts'
export { checkLeaveApprover, LEAVE_LEVEL_LABELS, leaveDays, routeLeave } from './corrections/leave.ts'
export type {
  CaseEvent,
  CaseEventKind,
  CaseFacts,
  Obligation,
  ObligationKind,
} from './corrections/obligations.ts'
export { CASE_EVENT_LABELS, obligationsOf, urgencyOf } from './corrections/obligations.ts'
// Every period of the system through one entry of the calendar engine (issue 16)
export type { Deadline, PeriodRule } from './corrections/periods.ts'
export {
  countingOf,
  deadlineOf,
  dueInstantOf,
  isPeriodRule,
  lastDayOfPeriod,
  PERIOD_RULE_CODES,
  periodOfRule,
} from './corrections/periods.ts'
// Change of residence (issue 5, 变更执行地) and released prisoners (issue 5, 安置帮教)
export type { TransferAsk, TransferState, TransferStep } from './corrections/residence-transfer.ts'
export {
  checkTransferStep,
  TRANSFER_STEP_EVENTS,
  TRANSFER_STEP_LABELS,
  transferStateOf,
} from './corrections/residence-transfer.ts'
export type { Confidence, LegalRule, RuleCode, RuleOverride, RuleSet, RuleUnit } from './corrections/rules.ts'
export {
  CONFIDENCE_LABELS,
  checkRuleChange,
  DEFAULT_RULES,
  periodOf,
  ruleOf,
  ruleSetOf,
} from './corrections/rules.ts'
export type {
  MonitoringFactKind,
  MonitoringSituation,
  SanctionAsk,
  SanctionHistory,
  SanctionKind,
  SuperviseeRecord,
} from './corrections/sanctions.ts'
export {
  checkMonitoring,
  checkSanction,
  currentMonitoring,
  groundsOnRecord,
  MONITORING_FACT_LABELS,
  MONITORING_SITUATION_LABELS,
  monitoringUntil,
  SANCTION_LABELS,
} from './corrections/sanctions.ts'
export type {
  CorrectionType,
  ManagementLevel,
  Sex,
  SuperviseeStatus,
  TeamMember,
} from './corrections/supervisee.ts'
export {
  CORRECTION_TYPE_LABELS,
  checkTeam,
  isMinorOn,
  MANAGEMENT_LEVEL_LABELS,
  SUPERVISEE_STATUS_LABELS,
} from './corrections/supervisee.ts'
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
// Kiosk legal-aid pre-check (issue 14)
export type {
  ApplicantRole,
  EconomicAnswer,
  EconomicTest,
  LegalAidSituation,
  Material,
  Precheck,
  PrecheckOutcome,
} from './legal-aid/eligibility.ts'
export {
  KIOSK_ECONOMIC_WAIVERS,
  KIOSK_HARDSHIP_WAIVERS,
  LEGAL_AID_MATTER_PLAIN,
  precheckLegalAid,
} from './legal-aid/eligibility.ts'
// Office casework registers (issue 4): legal-aid intake rules (法律援助法)
export type {
  DecisionDeadline,
  EconomicTestWaiver,
  HardshipCheckWaiver,
  LegalAidMatter,
} from './legal-aid/legal-aid.ts'
export {
  designationDeadline,
  detainedForwardDeadline,
  ECONOMIC_TEST_WAIVERS,
  HARDSHIP_CHECK_WAIVERS,
  LEGAL_AID_DECISION_DAYS,
  LEGAL_AID_DETAINED_FORWARD_HOURS,
  LEGAL_AID_MATTERS,
  legalAidDecisionDeadline,
  materialsPauseDays,
  materialsPauseInForce,
  mayDeemWithdrawn,
  pausedDaysOf,
  waiverNeedsNote,
} from './legal-aid/legal-aid.ts'
// People's mediation (issue 16): periods on the engine, 人民调解法17, 26, 33
export type { ConfirmationApplicants } from './mediation/mediation.ts'
export {
  ConfirmationRefused,
  checkConfirmationApplication,
  confirmationDeadline,
  MEDIATION_ALTERNATIVES,
  mediationTargetDate,
  PARTY_REFUSAL_REASON,
} from './mediation/mediation.ts'
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
  EscalationAlreadyDecided,
  EscalationExists,
  InvalidInput,
  NoCommander,
  NoDeclineToRule,
  NotAllowedToStart,
  NotAssignee,
  NotBrigadeLeader,
  NotCommander,
  NotDecider,
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
  UnknownEscalation,
  UnknownPerson,
  UnknownTask,
  WrongStage,
} from './mode/mode-errors.ts'
export type { ModeContext, Transitioned } from './mode/transition.ts'
export { evolveArea, replayArea, transition } from './mode/transition.ts'
export type { AdminRight, AdminRole } from './org/admin-rights.ts'
export { ADMIN_RIGHTS, ADMIN_ROLES, hasRight, holdersOf, isAdminRole } from './org/admin-rights.ts'
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
export type {
  AssistanceKind,
  ReleaseeCategory,
  ReleaseeEvent,
  ReleaseeEventKind,
  ReleaseeFacts,
  ReleaseeStatus,
} from './resettlement/resettlement.ts'
export {
  ASSISTANCE_LABELS,
  aftercareEndOf,
  checkReleaseeEvent,
  mayWorkReleasees,
  noticeLate,
  RELEASEE_CATEGORY_LABELS,
  RELEASEE_EVENT_LABELS,
  RELEASEE_STATUS_LABELS,
  releaseeObligationsOf,
  releaseeScope,
} from './resettlement/resettlement.ts'
export type { Actor, PersonPosition, RecordScope } from './scope/scope.ts'
export {
  actorFromPosition,
  appointmentScope,
  canAssignTo,
  intakeScope,
  isInScope,
  receiptUnlockScope,
  taskScope,
} from './scope/scope.ts'
// Assessment and ranking (issue 12, policy 四.3)
export type { AssessmentPeriod, PeriodKind } from './scoring/period.ts'
export { monthsOf, parsePeriod } from './scoring/period.ts'
export type {
  AccountabilityCategory,
  AssessedUnitType,
  AssessmentPart,
  AssessmentScheme,
  EntryKind,
  FactMetric,
  Indicator,
  IndicatorGroup,
  IndicatorSource,
  SchemeStatus,
  ScoringRule,
} from './scoring/scheme.ts'
export {
  ACCOUNTABILITY_CATEGORIES,
  ACCOUNTABILITY_LABELS,
  checkSchemeEditable,
  ENTRY_LABELS,
  GROUP_LABELS,
  METRICS,
  PART_LABELS,
  schemeProblems,
  UNIT_TYPE_LABELS,
  validateScheme,
  yiyuanScheme2026,
} from './scoring/scheme.ts'
export type {
  AssessmentFact,
  AssessmentResult,
  AssessmentUnits,
  IndicatorScore,
  UnitScore,
} from './scoring/score.ts'
export { assessmentUnitsOf, partWeightsFor, scoreAssessment } from './scoring/score.ts'
export type { SchemeProblem } from './scoring/scoring-errors.ts'
export { PeriodInvalid, SchemeImmutable, SchemeInvalid } from './scoring/scoring-errors.ts'
export type {
  Guardian,
  GuardianCheck,
  GuardianField,
  GuardianInput,
  MinorGuardianRelation,
} from './shared/guardian.ts'
export { checkGuardian, MINOR_GUARDIAN_RELATIONS, needsGuardian } from './shared/guardian.ts'
export type { IdNumberResult } from './shared/id-number.ts'
export {
  ageOn,
  GUARDIAN_CONSENT_AGE,
  guardianRequired,
  idNumberCheckChar,
  maskIdNumber,
  validateIdNumber,
} from './shared/id-number.ts'
export type { BookingStatus, Occupant, RequesterKind, TimeWindow } from './vehicle/vehicle.ts'
export {
  BOOKING_STATUS_LABELS,
  BookingInvalid,
  BookingOverlap,
  checkReading,
  checkWindow,
  DUE_NOTICE_DAYS,
  dueSoon,
  HOLDING_STATUSES,
  MAX_AHEAD_MS,
  MAX_BOOKING_MS,
  mayBookVehicle,
  mayDecideBooking,
  mayManageVehicle,
  needsApproval,
  nextFreeWindows,
  overlaps,
  preempt,
  REQUESTER_KIND_LABELS,
  ReadingInvalid,
  SLOT_MINUTES,
  SLOT_MS,
  slotsOf,
  vehicleScope,
} from './vehicle/vehicle.ts'
