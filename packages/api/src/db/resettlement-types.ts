// Tables of released prisoners' aftercare (issue 5, 安置帮教). Same conventions as types.ts.
import type { ObligationTable } from './corrections-types.ts'

export interface ReleaseeTable {
  id: string
  name: string
  id_number_enc: string
  id_number_index: string
  id_number_masked: string
  sex: 'M' | 'F'
  birth_date: string
  minor: number
  category: 'general' | 'key' | 'elderlySick'
  /** the prison (or detention centre) that sent the release notice */
  prison: string
  notice_date: string
  release_date: string
  /** the notice came later than the rule resettlement.noticeAhead before release */
  notice_late: number
  town_code: string
  office_code: string
  area_code: string
  status: 'notified' | 'aftercare' | 'closed'
  created_by: string
  created_at: string
  updated_at: string
  version: number
}

export interface ReleaseeEventTable {
  id: string
  releasee_id: string
  kind: string
  on_date: string
  at: string
  actor_id: string
  data_json: string
  note: string | null
}

/** The deadline engine's memory for released prisoners: as `obligations`, keyed by releasee. */
export type ReleaseeObligationTable = Omit<ObligationTable, 'supervisee_id'> & { releasee_id: string }

export interface ResettlementTables {
  releasees: ReleaseeTable
  releasee_events: ReleaseeEventTable
  releasee_obligations: ReleaseeObligationTable
}
