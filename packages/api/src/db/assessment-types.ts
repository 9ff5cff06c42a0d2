// Assessment and oversight (issue 12). Same conventions as types.ts: ISO text timestamps, YYYY-MM-DD dates.

export interface AssessmentSchemeTable {
  id: string
  code: string
  version: number
  name: string
  status: 'draft' | 'published'
  /** the AssessmentScheme of the domain, as JSON */
  body_json: string
  created_by: string
  created_at: string
  updated_at: string
  published_at: string | null
  published_by: string | null
  row_version: number
}

/** 年底现场点评 / 材料报送 of one unit for one year, 0–100. */
export interface AssessmentEntryTable {
  id: string
  year: number
  unit_type: 'office' | 'squad' | 'area'
  unit_code: string
  entry: 'onSite' | 'materials'
  score: number
  note: string
  entered_by: string
  entered_at: string
}

/** 问责 (policy 四.3): 作风不实、履职不力、推诿扯皮、弄虚作假、漠视群众利益. */
export interface AccountabilityRecordTable {
  id: string
  category: string
  unit_type: 'office' | 'squad'
  unit_code: string
  area_code: string
  person_name: string
  occurred_on: string
  facts: string
  decision: string
  recorded_by: string
  recorded_at: string
  revoked_at: string | null
  revoked_by: string | null
  revoke_reason: string | null
}

/** The official result of a period: computed once with a published scheme and kept. */
export interface AssessmentPublicationTable {
  id: string
  period_key: string
  scheme_id: string
  published_at: string
  published_by: string
  result_json: string
}

/** 四不两直: an unannounced visit by a bureau leader to an office or squad. */
export interface InspectionTable {
  id: string
  leader_id: string
  unit_type: 'office' | 'squad'
  unit_code: string
  area_code: string
  visited_at: string
  place: string
  checked: string
  created_at: string
}

export interface InspectionFindingTable {
  id: string
  inspection_id: string
  seq: number
  text: string
  duty_code: string | null
  /** the rectification task, once made */
  task_id: string | null
  /** open: noted; rectifying: a task was made; accepted / returned: the leader checked the closing */
  status: 'open' | 'rectifying' | 'accepted' | 'returned'
  checked_at: string | null
  checked_by: string | null
  check_note: string | null
  version: number
}

export interface InspectionPhotoTable {
  id: string
  inspection_id: string
  mime: string
  data: string
  bytes: number
  uploaded_by: string
  uploaded_at: string
}

/** 提报 raised from an inspection or by hand (an activation's stay in its event log). */
export interface EscalationTable {
  id: string
  source: 'inspection' | 'manual'
  source_id: string | null
  area_code: string | null
  question: string
  /** when the matter came up: time-to-raise = raised_at − arose_at */
  arose_at: string
  raised_at: string
  raised_by: string
  decision_deadline: string
  decision: string | null
  decided_at: string | null
  decided_by: string | null
  version: number
}

export interface AssessmentTables {
  assessment_schemes: AssessmentSchemeTable
  assessment_entries: AssessmentEntryTable
  accountability_records: AccountabilityRecordTable
  assessment_publications: AssessmentPublicationTable
  inspections: InspectionTable
  inspection_findings: InspectionFindingTable
  inspection_photos: InspectionPhotoTable
  escalations: EscalationTable
}
