// Tables shared by the API processes (issue 15, migration 2026120660_scale).

/** One fixed-window rate-limit counter (repos/rate-counters.ts). */
export interface RateCounterTable {
  key: string
  /** epoch ms at which the current window started; bigint on PostgreSQL (read back as text or number) */
  window_start_ms: number | string
  count: number
}

/** A cross-process bus message too large for a NOTIFY payload; the notification carries the id. */
export interface BusMessageTable {
  id: string
  payload: string
  created_at: string
}

export interface ScaleTables {
  rate_counters: RateCounterTable
  bus_messages: BusMessageTable
}
