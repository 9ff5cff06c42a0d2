// Tables of community corrections and the deadline engine (issue 5). Same conventions as types.ts:
// ISO text timestamps, YYYY-MM-DD text dates, 0/1 integers for booleans.

/** A year's official schedule entered by the bureau; overrides or extends the chinese-days data. */
export interface CalendarYearTable {
  year: number
  days_off_json: string
  workdays_json: string
  notice: string
  entered_by: string
  entered_at: string
  version: number
}

/** The bureau's change of an S/R/B rule; the defaults live in the domain (DEFAULT_RULES). */
export interface RuleOverrideTable {
  code: string
  amount: number
  roll: number
  reason: string
  updated_by: string
  updated_at: string
  version: number
}

export interface SuperviseeTable {
  id: string
  name: string
  id_number_enc: string
  id_number_index: string
  id_number_masked: string
  sex: 'M' | 'F'
  birth_date: string
  /** under the minors' regime (set once, never cleared: 社区矫正法58) */
  minor: number
  correction_type: 'control' | 'probation' | 'parole' | 'medicalParole'
  judgment_date: string | null
  term_start: string | null
  term_end: string | null
  town_code: string
  office_code: string
  area_code: string
  management_level: 'strict' | 'normal' | 'loose'
  prohibition_orders: string
  team_json: string
  /** 'transferred': moved to another county (变更执行地), closed here */
  status: 'pending' | 'active' | 'discharged' | 'transferred'
  created_by: string
  created_at: string
  updated_at: string
  version: number
}

export interface SuperviseeEventTable {
  id: string
  supervisee_id: string
  kind: string
  on_date: string
  at: string
  actor_id: string
  data_json: string
  note: string | null
}

export interface LeaveRequestTable {
  id: string
  supervisee_id: string
  from_date: string
  to_date: string
  days: number
  destination: string
  reason: string
  applied_on: string
  level: 'office' | 'county' | 'upper'
  route_reason: string
  late: number
  status: 'pending' | 'approved' | 'rejected'
  decided_by: string | null
  decided_at: string | null
  decision_note: string | null
  filed_with_county: number
  created_by: string
  created_at: string
  version: number
}

/** The engine's memory: one row per (supervisee, obligation key), linked to the task it made. */
export interface ObligationTable {
  id: string
  supervisee_id: string
  key: string
  kind: string
  rule: string
  title: string
  due_date: string
  due_at: string
  satisfied: number
  provisional: string | null
  task_id: string | null
  area_code: string
  office_code: string
  minor: number
  updated_at: string
}

export interface CorrectionsTables {
  calendar_years: CalendarYearTable
  rule_overrides: RuleOverrideTable
  supervisees: SuperviseeTable
  supervisee_events: SuperviseeEventTable
  leave_requests: LeaveRequestTable
  obligations: ObligationTable
}
