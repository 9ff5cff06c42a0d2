import type { Deps } from '../trpc/context.ts'
import type { ClusterBus } from './cluster-bus.ts'

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

/** What travels between processes: the signal without its derived wire object. */
type SignalMessage = Omit<ActivationSignal, 'wire'>

const fromMessage = (m: SignalMessage): ActivationSignal => {
  const wire: ActivationWire = {
    activationId: m.activationId,
    area: m.area,
    kind: m.kind,
    at: m.at,
    text: m.text,
    publishedAt: m.publishedAt,
  }
  // a personal notice (issue 11) stays addressed to its recipients in every process
  return { ...wire, roster: m.roster, ...(m.recipients ? { recipients: m.recipients } : {}), wire }
}

/**
 * Fan-out of committed wartime events to the connected subscription streams of every process. One
 * per running app (keyed by its Deps, so test apps never share one). `publish` delivers to this
 * process's listeners at once and through the app's cluster bus (`deps.bus`: in process on SQLite,
 * PostgreSQL LISTEN/NOTIFY otherwise) to the listeners of every other process serving the database.
 */
export class ActivationBus {
  readonly #listeners = new Set<Listener>()
  readonly #cluster: ClusterBus | null

  constructor(cluster: ClusterBus | null = null) {
    this.#cluster = cluster
    cluster?.subscribe('activation', (message) => this.#deliver(fromMessage(message as SignalMessage)))
  }

  get size(): number {
    return this.#listeners.size
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  /** Delivers here now; the other processes get it through the cluster bus (a failure there is not this caller's). */
  publish(signal: ActivationSignal): void {
    if (this.#cluster === null) {
      this.#deliver(signal)
      return
    }
    const { wire: _wire, ...message } = signal
    // the cluster bus delivers to this process synchronously, then notifies the others
    this.#cluster.publish('activation', message).catch(() => {})
  }

  #deliver(signal: ActivationSignal): void {
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
    bus = new ActivationBus(deps.bus)
    buses.set(deps, bus)
  }
  return bus
}

/** Wall-clock ms with sub-ms resolution, comparable across processes on one machine. */
export const preciseNow = (): number => performance.timeOrigin + performance.now()
