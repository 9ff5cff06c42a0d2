import type { Kysely, Transaction } from 'kysely'

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
}

export interface SessionTable {
  id: string
  token_hash: string
  user_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
  ip: string | null
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
  source: 'manual' | 'kiosk'
  source_id: string | null
  created_by: string
  created_at: string
  started_at: string | null
  completed_at: string | null
  completed_by: string | null
  completion_note: string | null
  version: number
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

export interface Database {
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
}

export type Db = Kysely<Database>
export type Trx = Transaction<Database>
/** Repositories take either the database or a transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>

export type NewUserRow = UserTable
