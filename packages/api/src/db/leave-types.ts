// Staff absence (请假 / 外出, issue 3). Same conventions as types.ts: ISO text timestamps.

export interface StaffLeaveTable {
  id: string
  person_code: string
  /** the area the person works in when recorded; `null` for bureau-wide positions */
  area_code: string | null
  kind: 'leave' | 'out'
  starts_at: string
  ends_at: string
  reason: string
  recorded_by: string
  recorded_at: string
  cancelled_at: string | null
  cancelled_by: string | null
}

export interface LeaveTables {
  staff_leaves: StaffLeaveTable
}
