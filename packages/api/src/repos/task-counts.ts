import type { RecordScope } from '@pingzhan/domain'
import { type SqlBool, sql } from 'kysely'
import type { Dialect } from '../db/database.ts'
import type { DbOrTrx } from '../db/types.ts'
import { scopeWhere } from './scope.ts'

/** Counts of one unit and duty (office null: the squad's own tasks). */
export interface UnitDutyCounts {
  readonly officeCode: string | null
  readonly squadCode: string
  readonly dutyCode: string
  readonly open: number
  readonly inProgress: number
  readonly done: number
  readonly cancelled: number
  readonly overdue: number
}

const keyOf = (squad: string, office: string | null, duty: string) => `${squad}|${office ?? ''}|${duty}`

/**
 * The roll-up of a scope by unit and duty, in (squad, office, duty) order: status counts from
 * `task_counts` (kept by the triggers of migration 2026120660_scale_task_counts), overdue from the
 * unfinished tasks due before `now` (the partial index tasks_unfinished_rollup holds every column read).
 */
export const countsByUnitAndDuty = async (
  db: DbOrTrx,
  dialect: Dialect,
  scope: Exclude<RecordScope, { kind: 'none' }>,
  now: string,
): Promise<ReadonlyArray<UnitDutyCounts>> => {
  const pivot = (status: string) => sql<number>`sum(case when status = ${sql.lit(status)} then n else 0 end)`
  const counts = await db
    .selectFrom('task_counts')
    .where(scopeWhere('task_counts', scope))
    .select([
      'squad_code',
      'office_code',
      'duty_code',
      pivot('open').as('open'),
      pivot('in_progress').as('in_progress'),
      pivot('done').as('done'),
      pivot('cancelled').as('cancelled'),
    ])
    .groupBy(['squad_code', 'office_code', 'duty_code'])
    .having(sql<SqlBool>`sum(n) <> 0`)
    .orderBy('squad_code')
    .orderBy('office_code')
    .orderBy('duty_code')
    .execute()
  // SQLite's planner, without statistics, prefers the full covering index tasks_rollup (it matches the
  // GROUP BY too) and reads every task; INDEXED BY names the partial index of unfinished work.
  const from = dialect === 'sqlite' ? sql`tasks indexed by tasks_unfinished_rollup` : sql`tasks`
  const inScope =
    scope.kind === 'office'
      ? sql`and office_code = ${scope.office}`
      : scope.kind === 'area'
        ? sql`and squad_code = ${scope.squad}`
        : sql``
  const { rows: overdueRows } = await sql<{
    squad_code: string
    office_code: string | null
    duty_code: string
    n: number
  }>`
    select squad_code, office_code, duty_code, count(*) as n from ${from}
    where status in ('open', 'in_progress') and due_at < ${now} ${inScope}
    group by squad_code, office_code, duty_code
  `.execute(db)
  const overdue = new Map(
    overdueRows.map((r) => [keyOf(r.squad_code, r.office_code, r.duty_code), Number(r.n)]),
  )
  return counts.map((r) => {
    const office = r.office_code === '' ? null : r.office_code
    return {
      officeCode: office,
      squadCode: r.squad_code,
      dutyCode: r.duty_code,
      open: Number(r.open),
      inProgress: Number(r.in_progress),
      done: Number(r.done),
      cancelled: Number(r.cancelled),
      overdue: overdue.get(keyOf(r.squad_code, office, r.duty_code)) ?? 0,
    }
  })
}

/**
 * PostgreSQL: folds the appended deltas into one row per key, in one statement (rows appended
 * meanwhile by other transactions are not seen by it and stay), and only in one process at a time.
 * SQLite keeps one row per key already. Returns the number of rows folded.
 */
export const compactTaskCounts = async (db: DbOrTrx, dialect: Dialect): Promise<number> => {
  if (dialect !== 'postgres') return 0
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean
    }>`select pg_try_advisory_xact_lock(hashtext('task_counts.' || current_schema())) as locked`.execute(trx)
    if (rows[0]?.locked !== true) return 0
    const result = await sql<{ n: number }>`
      with gone as (delete from task_counts returning squad_code, office_code, duty_code, status, n),
      folded as (
        insert into task_counts (squad_code, office_code, duty_code, status, n)
        select squad_code, office_code, duty_code, status, sum(n) from gone
        group by squad_code, office_code, duty_code, status having sum(n) <> 0
        returning 1
      )
      select (select count(*) from gone) as n
    `.execute(trx)
    return Number(result.rows[0]?.n ?? 0)
  })
}

/** Folds the deltas every `intervalMs` (PostgreSQL; a no-op on SQLite). */
export const startTaskCountCompaction = (
  db: DbOrTrx,
  dialect: Dialect,
  intervalMs = 60_000,
): (() => void) => {
  if (dialect !== 'postgres') return () => {}
  const timer = setInterval(() => {
    compactTaskCounts(db, dialect).catch((error: unknown) => console.error('任务计数合并失败：', error))
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
