// Tables shared by the API processes (issue 15, migrations 2026120660_scale and 2026120680_bus_durable).
import type { Generated } from 'kysely'

/** One fixed-window rate-limit counter (repos/rate-counters.ts). */
export interface RateCounterTable {
  key: string
  /** epoch ms at which the current window started; bigint on PostgreSQL (read back as text or number) */
  window_start_ms: number | string
  count: number
}

/** One cluster-bus message (PostgreSQL; migration 2026120680_bus_durable); its NOTIFY carries `seq`. */
export interface BusMessageTable {
  /** bigserial: read back as a string */
  seq: Generated<string>
  /** the JSON envelope: origin, topic, self flag, message */
  envelope: string
  /** the database's clock at insert, epoch ms (bigint: read back as text) */
  created_ms: number | string
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
