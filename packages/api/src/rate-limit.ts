import type { Db } from './db/types.ts'
import { countAttempt, pruneCounters } from './repos/rate-counters.ts'

/** Counters whose window started longer ago than the longest window allowed (24 h) are pruned, hourly. */
const KEEP_MS = 25 * 3_600_000
const PRUNE_EVERY_MS = 3_600_000

/**
 * Fixed-window limits (login, kiosk binding, kiosk submissions) counted in the database
 * (`rate_counters`), so that several API processes over one PostgreSQL enforce one limit between
 * them, not one each. A window starts at a key's first attempt and lasts `windowMs`.
 */
export class RateLimiter {
  readonly #db: Db
  #lastPrune = 0

  constructor(db: Db) {
    this.#db = db
  }

  /** Counts one attempt; false when `key` already used `limit` attempts in the current window. */
  async hit(key: string, limit: number, windowMs: number, nowMs: number): Promise<boolean> {
    if (nowMs - this.#lastPrune >= PRUNE_EVERY_MS || nowMs < this.#lastPrune) {
      this.#lastPrune = nowMs
      await pruneCounters(this.#db, nowMs - Math.max(KEEP_MS, windowMs))
    }
    return (await countAttempt(this.#db, key, windowMs, nowMs)) <= limit
  }
}
