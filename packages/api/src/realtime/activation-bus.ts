import type { Deps } from '../trpc/context.ts'

/** What a subscriber's stream carries for one event: built once per event, shared by every stream. */
export interface ActivationWire {
  readonly activationId: string
  readonly area: string
  readonly kind: string
  readonly at: string
  readonly text: string
  readonly publishedAt: number
}

/** One committed wartime event as the subscribers see it. */
export interface ActivationSignal {
  readonly activationId: string
  readonly area: string
  /** the domain event's tag, e.g. `ActivationStarted` */
  readonly kind: string
  /** the event's time (ISO) */
  readonly at: string
  /** a one-line Chinese description for banners and timelines */
  readonly text: string
  /** roster person codes after the event: who is entitled besides the area's readers */
  readonly roster: ReadonlyArray<string>
  /**
   * A notice addressed to people (user ids), e.g. a vehicle booking displaced by wartime (issue 11):
   * when present, only these users' streams carry it, whatever their areas.
   */
  readonly recipients?: ReadonlyArray<string>
  /** high-resolution wall-clock ms at publication, right after the commit (for the bench) */
  readonly publishedAt: number
  /** the payload every entitled stream sends, the same object for all */
  readonly wire: ActivationWire
}

type Listener = (signal: ActivationSignal) => void

/**
 * In-process fan-out of committed wartime events to the connected subscription streams. One bus per
 * running app (keyed by its Deps, so test apps never share one). A second server process would need a
 * shared channel (PostgreSQL LISTEN/NOTIFY) — not built; one process serves the county.
 */
export class ActivationBus {
  readonly #listeners = new Set<Listener>()

  get size(): number {
    return this.#listeners.size
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  publish(signal: ActivationSignal): void {
    for (const listener of this.#listeners) {
      try {
        listener(signal)
      } catch {
        // one broken stream must not stop the others
      }
    }
  }
}

const buses = new WeakMap<Deps, ActivationBus>()

export const busOf = (deps: Deps): ActivationBus => {
  let bus = buses.get(deps)
  if (bus === undefined) {
    bus = new ActivationBus()
    buses.set(deps, bus)
  }
  return bus
}

/** Wall-clock ms with sub-ms resolution, comparable across processes on one machine. */
export const preciseNow = (): number => performance.timeOrigin + performance.now()
