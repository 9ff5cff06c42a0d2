// Tables of the office casework registers (issue 4): legal aid, legality reviews, legal education.
// Same conventions as types.ts: ISO text timestamps, YYYY-MM-DD text dates, 0/1 integers for booleans.

export type LegalAidStatus =
  | 'received'
  | 'awaiting_materials'
  | 'forwarded'
  | 'granted'
  | 'refused'
  | 'withdrawn'

export interface LegalAidCaseTable {
  id: string
  case_no: string
  office_code: string
  area_code: string
  applicant_name: string
  matter_type: string
  summary: string
  detained: number
  economic_waiver: string | null
  hardship_waiver: string | null
  waiver_note: string | null
  status: LegalAidStatus
  received_at: string
  received_date: string
  decision_deadline: string
  deadline_provisional: number
  forward_due_at: string | null
  missing_materials_json: string | null
  materials_notified_on: string | null
  materials_due: string | null
  materials_supplied_on: string | null
  forwarded_at: string | null
  decision_date: string | null
  decision_note: string | null
  closed_at: string | null
  task_id: string | null
  created_by: string
  created_at: string
  updated_at: string
  version: number
  /** 法律援助法43: last day to designate legal-aid personnel after a grant */
  designation_due: string | null
  designation_provisional: number
  /** the office's task of designating (createTask) */
  designation_task_id: string | null
  designated_person: string | null
  designated_on: string | null
  /** the day the applicant was notified of the designation */
  applicant_notified_on: string | null
  /** the day the written refusal with its reason was issued */
  refusal_notified_on: string | null
}

export type LegalityOpinion = 'lawful' | 'unlawful' | 'lawful_after_changes'

export interface LegalityReviewTable {
  id: string
  review_no: string
  office_code: string
  area_code: string
  document_title: string
  requesting_body: string
  received_date: string
  deadline: string
  status: 'pending' | 'concluded'
  opinion: LegalityOpinion | null
  opinion_note: string | null
  concluded_on: string | null
  reviewer_id: string
  task_id: string | null
  created_by: string
  created_at: string
  updated_at: string
  version: number
}

export interface LegalEducationEventTable {
  id: string
  event_no: string
  office_code: string
  area_code: string
  event_date: string
  place: string
  audience: string
  headcount: number
  theme: string
  status: 'planned' | 'held'
  summary: string | null
  organiser_id: string
  task_id: string | null
  created_by: string
  created_at: string
  updated_at: string
  version: number
}

export interface LegalEducationPhotoTable {
  id: string
  event_id: string
  mime: string
  data: string
  bytes: number
  uploaded_by: string
  uploaded_at: string
}

export type RegisterName = 'legalAid' | 'legalityReview' | 'legalEducation'

/** One edit of a register record: what changed, by whom, when ([before, after] per field). */
export interface RegisterEventTable {
  id: string
  register: RegisterName
  record_id: string
  at: string
  actor_id: string
  kind: string
  changes_json: string
}

export interface RegistersTables {
  legal_aid_cases: LegalAidCaseTable
  legality_reviews: LegalityReviewTable
  legal_education_events: LegalEducationEventTable
  legal_education_photos: LegalEducationPhotoTable
  register_events: RegisterEventTable
}
