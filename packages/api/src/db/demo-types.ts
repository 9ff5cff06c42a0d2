// Demo and scale data runs (issue 17). Same conventions as types.ts: ISO text timestamps.

export interface SeedRunTable {
  /** 'demo' (the living county of `pnpm start`) or 'scale' (the benchmarks' province) */
  kind: string
  seed: number
  started_at: string
  finished_at: string | null
  /** rows written per table, when finished */
  rows_json: string | null
}

export interface DemoTables {
  seed_runs: SeedRunTable
}
