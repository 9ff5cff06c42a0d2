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
  task_counts: TaskCountTable
}

/**
 * Task counts by unit, duty and status, kept by triggers on `tasks` (migration 2026120660_scale_task_counts).
 * SQLite: one row per key. PostgreSQL: signed deltas, several rows per key until compacted — always sum.
 */
export interface TaskCountTable {
  squad_code: string
  /** '' for the squad's own tasks */
  office_code: string
  duty_code: string
  status: string
  n: number
}
