// A living demo county (issue 17): about six months of the Yiyuan county's work up to today, made
// through the same service functions the API calls, with the clock moved through the past (sim.ts),
// a fixed seed (the same data on every machine, relative to the day it runs), demo names and fake ID
// numbers. Runs once per database: the seed_runs row marks it, and a second start changes nothing.
// One module per capability; each only queues its actions, and the simulation runs them in time order.

import { sql } from 'kysely'
import { sqliteBatchOf } from '../../db/database.ts'
import { SWEEP_ACTOR, sweepObligations } from '../../services/obligations.ts'
import { sweepVehicleDues } from '../../services/vehicles.ts'
import { newId } from '../../shared.ts'
import type { Deps } from '../../trpc/context.ts'
import { rngOf } from '../prng.ts'
import { finishRun, seedRunOf, startRun } from '../seed-runs.ts'
import { seedAccess } from './access.ts'
import { seedAssessment } from './assessment.ts'
import { seedBudget } from './budget.ts'
import { seedCorrections } from './corrections.ts'
import { seedKioskServices } from './kiosk-services.ts'
import { seedMediation } from './mediation.ts'
import { seedRegisters } from './registers.ts'
import { seedResettlement } from './resettlement.ts'
import { createSim, forkSim, type Sim } from './sim.ts'
import { seedTasks } from './tasks.ts'
import { seedVehicles } from './vehicles.ts'
import { seedWartime } from './wartime.ts'

export const DEMO_SEED = 20_261_206
export const DEMO_DAYS = 182
/** simulated actions per SQLite transaction while generating */
const BATCH = 1000

export interface DemoReport {
  /** false when the demo was already there (nothing changed) */
  readonly created: boolean
  readonly ms: number
  /** service calls made, by procedure */
  readonly calls: Readonly<Record<string, number>>
  /** rows per table after the run */
  readonly rows: Readonly<Record<string, number>>
}

/** The capability modules, in the order they queue their work (the queue orders it by time). */
const MODULES: ReadonlyArray<readonly [string, (sim: Sim) => void | Promise<void>]> = [
  ['tasks', seedTasks],
  ['mediation', seedMediation],
  ['registers', seedRegisters],
  ['corrections', seedCorrections],
  ['resettlement', seedResettlement],
  ['wartime', seedWartime],
  ['vehicles', seedVehicles],
  ['budget', seedBudget],
  ['assessment', seedAssessment],
  ['kioskServices', seedKioskServices],
  ['access', seedAccess],
]

export const TABLES = [
  'users',
  'tasks',
  'task_assignees',
  'task_events',
  'task_evidence',
  'task_actions',
  'devices',
  'intakes',
  'mediation_cases',
  'mediation_case_events',
  'legal_aid_cases',
  'legality_reviews',
  'legal_education_events',
  'register_events',
  'supervisees',
  'supervisee_events',
  'leave_requests',
  'obligations',
  'releasees',
  'releasee_events',
  'releasee_obligations',
  'mode_events',
  'activations',
  'activation_roster',
  'staff_leaves',
  'vehicles',
  'vehicle_bookings',
  'vehicle_trips',
  'vehicle_due_tasks',
  'budget_lines',
  'expense_requests',
  'expense_receipts',
  'budget_movements',
  'assessment_schemes',
  'assessment_entries',
  'assessment_publications',
  'accountability_records',
  'inspections',
  'inspection_findings',
  'escalations',
  'kiosk_receipts',
  'intake_legal_aid',
  'consult_slots',
  'consult_bookings',
  'login_log',
  'sessions',
  'audit_log',
] as const

export const countRows = async (deps: Deps): Promise<Record<string, number>> => {
  const out: Record<string, number> = {}
  for (const table of TABLES) {
    try {
      const r = await deps.db
        // biome-ignore lint/suspicious/noExplicitAny: counting any of the listed tables
        .selectFrom(table as any)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
      out[table] = Number((r as { n: unknown }).n)
    } catch {
      // a table of a capability not in this build
    }
  }
  return out
}

/**
 * Generates the demo once. `now` is the real present the data ends on (default: deps.clock()); the
 * same seed gives the same pattern relative to that day.
 */
export const seedDemoData = async (
  deps: Deps,
  options: { seed?: number; now?: Date; days?: number } = {},
): Promise<DemoReport> => {
  const t0 = performance.now()
  const existing = await seedRunOf(deps.db, 'demo')
  if (existing?.finished_at) {
    return {
      created: false,
      ms: performance.now() - t0,
      calls: {},
      rows: JSON.parse(existing.rows_json ?? '{}'),
    }
  }
  const seed = options.seed ?? DEMO_SEED
  const end = options.now ?? deps.clock()
  await startRun(deps.db, 'demo', seed, end)
  const rng = rngOf(seed)
  const { sim, run } = await createSim(deps, { rng, end, days: options.days ?? DEMO_DAYS })
  for (const [name, queue] of MODULES) await queue(forkSim(sim, name))
  // Thousands of small transactions. On SQLite they are grouped: every service call still runs in its
  // own transaction (a savepoint of the batch: it commits or rolls back whole, with its audit row),
  // but the database commits once per BATCH calls; the syncs of WAL checkpoints are skipped and the
  // page cache is larger while generating (an interrupted run is detected by seed_runs — its batch is
  // rolled back — and the database is made again anyway).
  const batch = deps.dialect === 'sqlite' ? sqliteBatchOf(deps.db) : null
  if (batch) {
    await sql`PRAGMA synchronous = OFF`.execute(deps.db)
    await sql`PRAGMA cache_size = -65536`.execute(deps.db)
    batch.begin()
  }
  try {
    await run((n) => {
      if (batch && n % BATCH === 0) {
        batch.commit()
        batch.begin()
      }
    })
    batch?.commit()
  } finally {
    batch?.rollback()
    if (batch) {
      await sql`PRAGMA synchronous = NORMAL`.execute(deps.db)
      await sql`PRAGMA cache_size = -2000`.execute(deps.db)
    }
  }
  // The deadline engine's sweep at the present, as the hourly sweep would have run it: afterwards a
  // recompute changes nothing.
  await sweepObligations(
    { ...deps, clock: () => end },
    { actor: SWEEP_ACTOR, correlationId: newId(), ip: null },
  )
  // and the vehicles' service and insurance dates, as the same hourly sweep does
  await sweepVehicleDues({ ...deps, clock: () => end }, newId())
  const rows = await countRows(deps)
  await finishRun(deps.db, 'demo', rows, end)
  return { created: true, ms: performance.now() - t0, calls: Object.fromEntries(sim.calls), rows }
}
