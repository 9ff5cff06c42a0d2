/** Fixed-window counters in process memory (the API runs as one Node process). */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>()
  #lastSweep = 0

  /** Counts one attempt; false when `key` already used `limit` attempts in the current window. */
  hit(key: string, limit: number, windowMs: number, nowMs: number): boolean {
    this.#sweep(windowMs, nowMs)
    const w = this.#windows.get(key)
    if (w === undefined || nowMs - w.start >= windowMs) {
      this.#windows.set(key, { start: nowMs, count: 1 })
      return true
    }
    if (w.count >= limit) return false
    w.count++
    return true
  }

  #sweep(windowMs: number, nowMs: number): void {
    if (nowMs - this.#lastSweep < windowMs) return
    this.#lastSweep = nowMs
    for (const [key, w] of this.#windows) if (nowMs - w.start >= windowMs) this.#windows.delete(key)
  }
}
