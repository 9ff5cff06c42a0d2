import { sql } from 'kysely'
import type { DbOrTrx } from '../db/types.ts'

/**
 * Counts one attempt of `key` in a fixed window that starts at the key's first attempt, with one
 * atomic upsert, and returns the count in the current window (1 for a new or expired window). Every
 * API process counts in the same row, so a limit holds for all of them together. Concurrent calls
 * are serialised by the database on the row: no attempt is lost and none counted twice.
 */
export const countAttempt = async (
  db: DbOrTrx,
  key: string,
  windowMs: number,
  nowMs: number,
): Promise<number> => {
  const expired = nowMs - windowMs
  const row = await db
    .insertInto('rate_counters')
    .values({ key, window_start_ms: nowMs, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_counters.window_start_ms <= ${expired} then 1 else rate_counters.count + 1 end`,
        window_start_ms: sql<number>`case when rate_counters.window_start_ms <= ${expired} then ${nowMs} else rate_counters.window_start_ms end`,
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Removes counters whose window ended before `beforeMs` (they would restart at 1 anyway). */
export const pruneCounters = async (db: DbOrTrx, beforeMs: number): Promise<void> => {
  await db.deleteFrom('rate_counters').where('window_start_ms', '<', beforeMs).execute()
}
