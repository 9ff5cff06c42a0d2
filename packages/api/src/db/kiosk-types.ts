// Tables of the kiosk's public services (issue 14), migration 2026120650. Same conventions as types.ts:
// ISO text timestamps, YYYY-MM-DD text dates, 0/1 integers for booleans.

/** The legal-aid details of an intake row of kind 'legalAid'. */
export interface IntakeLegalAidTable {
  intake_id: string
  matter_type: string
  applicant_role: 'self' | 'guardian' | 'relative'
  detained: number
  has_counsel: number
  economic_waiver: string | null
  hardship_waiver: string | null
  economic_hardship: 'yes' | 'no' | 'unsure'
  urgent: number
  /** the pre-check's outcome at submission (domain precheckLegalAid) */
  outcome: 'likely' | 'review' | 'unlikely'
  economic_test: 'waived' | 'unverified' | 'statement'
  /** Array<{ code; text; brought: boolean }>: the checklist as the resident ticked it */
  materials_json: string
  guardian_name: string | null
  guardian_relation: string | null
  guardian_id_enc: string | null
  guardian_id_masked: string | null
  notice_version: string
  /** the register case once the director accepted the application */
  legal_aid_id: string | null
}

/** The guardian of an applicant under 14 (migration 2026120710; 个人信息保护法31). */
export interface IntakeGuardianTable {
  intake_id: string
  name: string
  relation: string
  id_number_enc: string
  id_number_masked: string
  phone_enc: string
  phone_masked: string
  consented_at: string
  notice_version: string
}

export type ReceiptKind = 'mediation' | 'legalAid' | 'appointment'

export interface KioskReceiptTable {
  receipt_no: string
  kind: ReceiptKind
  /** intake id (mediation, legalAid) or booking id (appointment) */
  subject_id: string
  office_code: string
  area_code: string
  device_id: string
  created_at: string
  secret_hash: string
  failed_attempts: number
  locked_at: string | null
  idem_hash: string | null
}

export interface ConsultSlotTable {
  id: string
  office_code: string
  area_code: string
  /** Beijing date of the slot */
  day: string
  starts_at: string
  ends_at: string
  created_by: string
  created_at: string
}

export interface ConsultBookingTable {
  id: string
  slot_id: string
  office_code: string
  area_code: string
  receipt_no: string
  applicant_name: string
  phone_enc: string
  phone_masked: string
  topic: string
  status: 'booked' | 'cancelled'
  created_at: string
  cancelled_at: string | null
  /** 'resident' (receipt + secret at the kiosk) or the user id of the director */
  cancelled_by: string | null
}

export interface KioskTables {
  intake_legal_aid: IntakeLegalAidTable
  intake_guardians: IntakeGuardianTable
  kiosk_receipts: KioskReceiptTable
  consult_slots: ConsultSlotTable
  consult_bookings: ConsultBookingTable
}
