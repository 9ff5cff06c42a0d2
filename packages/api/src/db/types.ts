import type { Generated, Insertable, Kysely, Transaction } from 'kysely'
import type { AccountsTables } from './accounts-types.ts'
import type { AssessmentTables } from './assessment-types.ts'
import type { BudgetTables } from './budget-types.ts'
import type { CorrectionsTables } from './corrections-types.ts'
import type { DemoTables } from './demo-types.ts'
import type { KioskTables } from './kiosk-types.ts'
import type { LeaveTables } from './leave-types.ts'
import type { RegistersTables } from './registers-types.ts'
import type { ResettlementTables } from './resettlement-types.ts'
import type { ScaleTables } from './scale-types.ts'
import type { VehicleTables } from './vehicle-types.ts'

// Timestamps are ISO-8601 UTC text (`Date#toISOString()`) on both dialects; booleans are 0/1
// integers on both. Repositories decode rows so SQLite and PostgreSQL give identical values.

/** Bureau, brigade and departments. */
export interface OrgUnitTable {
  code: string
  kind: 'bureau' | 'brigade' | 'department'
  name: string
  sort: number
}

export interface SquadTable {
  code: string
  name: string
  seat_town: string
  sort: number
}

export interface OfficeTable {
  code: string
  name: string
  town_code: string
  town_name: string
  /** the squad whose area holds the office's town */
  area_code: string
  sort: number
}

export interface UserTable {
  id: string
  username: string
  display_name: string
  role: string
  person_code: string | null
  office_code: string | null
  squad_code: string | null
  department_code: string | null
  password_hash: string
  failed_count: number
  locked_until: string | null
  disabled: number
  demo: number
  password_changed_at: string
  created_at: string
  /** issue 13: a one-time password (new account, reset) must be changed before anything else */
  must_change_password: Generated<number>
  /** issue 13: the TOTP secret, SM4-encrypted; `totp_enabled` once the first code was verified */
  totp_secret_enc: string | null
  totp_enabled: Generated<number>
  /** the time step of the last code accepted (RFC 6238 §5.2: a code is good once) */
  totp_last_step: number | string | null
}

export interface SessionTable {
  id: string
  token_hash: string
  user_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
  ip: string | null
  user_agent: string | null
  /** issue 13: signed in with the password, waiting for the second factor */
  pending_totp: Generated<number>
}

export interface DutyCatalogTable {
  version: string
  kind: string
  mode: string
  title: string
}

export interface DutyTable {
  version: string
  code: string
  kind: string
  mode: string
  number: number
  parent: string | null
  title: string
  text: string
  sort: number
}

export interface DeviceTable {
  id: string
  office_code: string
  label: string
  status: 'pending' | 'active' | 'revoked'
  activation_code_hash: string | null
  activation_expires_at: string | null
  token_hash: string | null
  created_by: string
  created_at: string
  activated_at: string | null
  revoked_at: string | null
}

export interface IntakeTable {
  id: string
  receipt_no: string
  kind: string
  office_code: string
  area_code: string
  device_id: string
  created_at: string
  applicant_name: string
  phone_enc: string
  phone_masked: string
  id_number_enc: string
  id_number_index: string
  id_number_masked: string
  summary: string
  other_party: string
  group_dispute: number
  status: 'new' | 'accepted' | 'rejected'
  task_id: string | null
  decided_by: string | null
  decided_at: string | null
  reject_reason: string | null
  /** 人民调解法17, as the applicant states it at the kiosk: agreed, refused, unsure (null before issue 16) */
  other_party_consent: 'agreed' | 'refused' | 'unsure' | null
}

export interface TaskTable {
  id: string
  title: string
  description: string
  duty_version: string
  duty_code: string
  unit_code: string
  office_code: string | null
  squad_code: string
  status: 'open' | 'in_progress' | 'done' | 'cancelled'
  priority: 'normal' | 'high'
  due_at: string
  source: 'manual' | 'kiosk' | 'statutory' | 'activation' | 'vehicle'
  source_id: string | null
  created_by: string
  created_at: string
  started_at: string | null
  completed_at: string | null
  completed_by: string | null
  completion_note: string | null
  version: number
  /** issue 4: 'monthly' | 'weekly' or null; overdue is derived, never stored */
  recurrence: string | null
  recurrence_of: string | null
  cancelled_at: string | null
  cancelled_by: string | null
  cancel_reason: string | null
}

export interface TaskAssigneeTable {
  task_id: string
  user_id: string
  assigned_at: string
  assigned_by: string
}

export interface TaskEventTable {
  id: string
  task_id: string
  at: string
  actor_id: string | null
  kind: string
  note: string | null
}

export interface AuditLogTable {
  id: string
  seq: number
  at: string
  actor_id: string | null
  actor_name: string
  actor_role: string
  action: string
  unit_code: string | null
  unit_name: string | null
  area_code: string | null
  subject_type: string
  subject_id: string | null
  before_json: string | null
  after_json: string | null
  correlation_id: string
  ip: string | null
  prev_mac: string
  mac: string
}

/** Wartime (平战融合): one row per event of an area's append-only log. */
export interface ModeEventTable {
  id: string
  area_code: string
  seq: number
  activation_id: string | null
  kind: string
  at: string
  actor_id: string | null
  payload: string
}

/** Projection of the log: one row per activation, for lists and access checks. */
export interface ActivationTable {
  id: string
  area_code: string
  stage: 'mobilising' | 'active' | 'standingDown' | 'closed'
  duty_code: string
  catalog_version: string
  commander_code: string
  started_at: string
  started_by: string
  source_type: string | null
  source_id: string | null
}

export interface ActivationRosterTable {
  activation_id: string
  person_code: string
  borrowed: number
}

/** Evidence from the field (issue 4): a check-in with location, a note or a photo. */
export interface TaskEvidenceTable {
  id: string
  task_id: string
  kind: 'checkin' | 'note' | 'photo'
  actor_id: string
  at: string
  received_at: string
  note: string | null
  lat: number | null
  lng: number | null
  accuracy: number | null
  photo_mime: string | null
  photo_data: string | null
  action_key: string
}

/** Idempotency ledger of offline field actions (issue 4). */
export interface TaskActionTable {
  key: string
  user_id: string
  task_id: string
  kind: string
  received_at: string
  result_json: string
}

/** 人民调解 register (issue 4, office peacetime duty ②). */
export interface MediationCaseTable {
  id: string
  case_no: string
  office_code: string
  area_code: string
  source: 'walk_in' | 'kiosk'
  intake_id: string | null
  applicant_name: string
  other_party: string
  dispute_type: string
  summary: string
  status: 'accepted' | 'mediating' | 'agreement' | 'failed' | 'refused'
  handled_elsewhere: string | null
  refusal_reason: string | null
  accepted_at: string
  target_date: string
  agreement_text: string | null
  agreement_date: string | null
  confirmation_deadline: string | null
  failure_note: string | null
  closed_at: string | null
  task_id: string | null
  created_by: string
  created_at: string
  updated_at: string
  version: number
  /** 1: the target was counted without the year's schedule (plain month, not rolled) */
  target_provisional: number
  confirmation_provisional: number
  /** 1: a party expressly refused mediation (人民调解法17) */
  refused_by_party: number
  /** the day both parties jointly applied for judicial confirmation (人民调解法33) */
  confirmation_applied_on: string | null
}

export interface MediationCaseEventTable {
  id: string
  case_id: string
  at: string
  actor_id: string
  kind: string
  changes_json: string
}

/** Issue 5's tables are listed in corrections-types.ts. */
export interface Database
  extends AccountsTables,
    AssessmentTables,
    BudgetTables,
    CorrectionsTables,
    DemoTables,
    KioskTables,
    LeaveTables,
    RegistersTables,
    ResettlementTables,
    ScaleTables,
    VehicleTables {
  org_units: OrgUnitTable
  squads: SquadTable
  offices: OfficeTable
  users: UserTable
  sessions: SessionTable
  duty_catalogs: DutyCatalogTable
  duties: DutyTable
  devices: DeviceTable
  intakes: IntakeTable
  tasks: TaskTable
  task_assignees: TaskAssigneeTable
  task_events: TaskEventTable
  audit_log: AuditLogTable
  task_evidence: TaskEvidenceTable
  task_actions: TaskActionTable
  mediation_cases: MediationCaseTable
  mediation_case_events: MediationCaseEventTable
  mode_events: ModeEventTable
  activations: ActivationTable
  activation_roster: ActivationRosterTable
}

export type Db = Kysely<Database>
export type Trx = Transaction<Database>
/** Repositories take either the database or a transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>

export type NewUserRow = Insertable<UserTable>
