import { aliveSessions } from '../repos/session-alive.ts'
import type { Deps } from '../trpc/context.ts'

/** How often open event streams have their sessions re-checked. */
export const SESSION_SWEEP_MS = 30_000

interface Stream {
  readonly sessionId: string
  readonly end: () => void
}

/**
 * Ends the event stream of a session as soon as any API process ends it (`endSessions` over the cluster
 * bus), and re-checks the sessions of the open event streams every 30 s (expiry, and anything the bus
 * missed), in one pass for all of them, and ends
 * the stream of a session that was logged out, revoked (account disabled, password changed, forced
 * logout) or expired (SECURITY.md: logout and revocation end the session on the server — a stream
 * opened before must not outlive it). The check never refreshes the session's idle clock.
 */
export class SessionSweeper {
  readonly #deps: Deps
  readonly #streams = new Set<Stream>()
  #timer: ReturnType<typeof setInterval> | null = null

  constructor(deps: Deps) {
    this.#deps = deps
  }

  get size(): number {
    return this.#streams.size
  }

  add(sessionId: string, end: () => void): () => void {
    const stream: Stream = { sessionId, end }
    this.#streams.add(stream)
    if (this.#timer === null) {
      this.#timer = setInterval(() => void this.sweep().catch(() => {}), SESSION_SWEEP_MS)
      this.#timer.unref?.()
    }
    return () => {
      this.#streams.delete(stream)
      if (this.#streams.size === 0 && this.#timer !== null) {
        clearInterval(this.#timer)
        this.#timer = null
      }
    }
  }

  /** Ends the streams of these sessions now (ended on some process: services/session-end.ts). */
  endSessions(sessionIds: ReadonlySet<string>): number {
    let ended = 0
    for (const s of [...this.#streams]) {
      if (sessionIds.has(s.sessionId) && this.#streams.has(s)) {
        this.#streams.delete(s)
        s.end()
        ended += 1
      }
    }
    return ended
  }

  /** One pass: ends every stream whose session is no longer valid. Returns how many were ended. */
  async sweep(): Promise<number> {
    const now = this.#deps.clock()
    const idleMs = this.#deps.config.sessionIdleMinutes * 60_000
    const streams = [...this.#streams]
    const alive = await aliveSessions(
      this.#deps.db,
      streams.map((s) => s.sessionId),
      now,
      { idleMs },
    )
    let ended = 0
    for (const s of streams) {
      if (!alive.has(s.sessionId) && this.#streams.has(s)) {
        this.#streams.delete(s)
        s.end()
        ended += 1
      }
    }
    return ended
  }
}

const sweepers = new WeakMap<Deps, SessionSweeper>()

export const sweeperOf = (deps: Deps): SessionSweeper => {
  let sweeper = sweepers.get(deps)
  if (sweeper === undefined) {
    sweeper = new SessionSweeper(deps)
    sweepers.set(deps, sweeper)
  }
  return sweeper
}
