import { createHash, randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import type { Db, DbOrTrx } from '../db/types.ts'

// The one channel between the API processes (issue 15). Everything a process used to know only about
// itself — a committed wartime event, an ended session — is published here and reaches every process
// serving the same database:
// - SQLite: `LocalBus`, in process. SQLite is the embedded single-process default; the server refuses
//   WORKERS > 1 on it (main.ts), so there is nobody else to tell.
// - PostgreSQL: `PgBus`, LISTEN/NOTIFY on one channel per database schema. Each process holds one
//   dedicated client for LISTEN (outside the pool, so a busy pool never delays an alert), reconnects
//   with backoff, and after a reconnect tells its subscribers (`onResync`) that messages may have been
//   missed. NOTIFY payloads must stay under 8,000 bytes: a larger message is stored in `bus_messages`
//   and the notification carries only its id, which the receivers read back.
// A message published by a process is delivered to its own subscribers at once and synchronously, and
// to the other processes through the database; a process ignores its own notifications, except those
// sent inside a transaction (`publishInTransaction`), which PostgreSQL delivers only at commit and which
// its own subscribers must see again after the commit (see services/session-end.ts).

export type BusTopic = 'activation' | 'sessions'

export type BusListener = (message: unknown) => void

export interface BusState {
  readonly kind: 'local' | 'postgres'
  /** LocalBus: always; PgBus: the LISTEN client is connected and listening */
  readonly connected: boolean
  /** PgBus: reconnects since start */
  readonly reconnects: number
}

export interface ClusterBus {
  readonly state: BusState
  /** This process's id on the bus (messages carry it so a process can skip its own). */
  readonly origin: string
  subscribe(topic: BusTopic, listener: BusListener): () => void
  /** Called after the bus was disconnected and is listening again: messages may have been missed. */
  onResync(listener: () => void): () => void
  /** Delivers locally now and to the other processes (after this call, not transactionally). */
  publish(topic: BusTopic, message: unknown): Promise<void>
  /**
   * Delivers locally now, and to every process (this one again) when `trx` commits; nothing is sent
   * to the others if it rolls back.
   */
  publishInTransaction(trx: DbOrTrx, topic: BusTopic, message: unknown): Promise<void>
  close(): Promise<void>
}

class Listeners {
  readonly #byTopic = new Map<BusTopic, Set<BusListener>>()
  readonly #resync = new Set<() => void>()

  subscribe(topic: BusTopic, listener: BusListener): () => void {
    let set = this.#byTopic.get(topic)
    if (set === undefined) {
      set = new Set()
      this.#byTopic.set(topic, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  onResync(listener: () => void): () => void {
    this.#resync.add(listener)
    return () => {
      this.#resync.delete(listener)
    }
  }

  deliver(topic: BusTopic, message: unknown): void {
    for (const listener of this.#byTopic.get(topic) ?? []) {
      try {
        listener(message)
      } catch {
        // one broken subscriber must not stop the others
      }
    }
  }

  resync(): void {
    for (const listener of this.#resync) {
      try {
        listener()
      } catch {
        // as above
      }
    }
  }
}

/** One process: delivery is a synchronous call. */
export class LocalBus implements ClusterBus {
  readonly origin = randomUUID()
  readonly state: BusState = { kind: 'local', connected: true, reconnects: 0 }
  readonly #listeners = new Listeners()

  subscribe(topic: BusTopic, listener: BusListener): () => void {
    return this.#listeners.subscribe(topic, listener)
  }

  onResync(listener: () => void): () => void {
    return this.#listeners.onResync(listener)
  }

  async publish(topic: BusTopic, message: unknown): Promise<void> {
    this.#listeners.deliver(topic, message)
  }

  async publishInTransaction(_trx: DbOrTrx, topic: BusTopic, message: unknown): Promise<void> {
    this.#listeners.deliver(topic, message)
  }

  async close(): Promise<void> {}
}

/** The notification's JSON: origin, topic, whether the origin must deliver it again, and the message or the id of its stored copy. */
interface Envelope {
  readonly o: string
  readonly t: BusTopic
  readonly s?: 1
  readonly m?: unknown
  readonly r?: string
}

/** PostgreSQL refuses payloads of 8,000 bytes or more; leave room for the envelope. */
export const NOTIFY_MAX_BYTES = 7_900
const STORED_TTL_MS = 10 * 60_000
const BACKOFF_MIN_MS = 100
const BACKOFF_MAX_MS = 5_000
const PING_MS = 10_000

/**
 * The channel of one database schema: processes serving different schemas of one database (tenants,
 * test runs side by side) never hear each other. PostgreSQL channel names are identifiers of at most
 * 63 bytes and schema names are case-sensitive, so a name that is not short lower-case ASCII is
 * replaced by a hash of it rather than cut or folded (which could make two schemas share a channel).
 */
export const channelFor = (schema: string): string => {
  const plain = `pingzhan_${schema}`
  if (/^[a-z0-9_]+$/.test(schema) && plain.length <= 63) return plain
  return `pingzhan_h_${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`
}

export interface PgBusOptions {
  readonly url: string
  readonly schema: string
  /** the app's pool, for stored messages */
  readonly db: Db
  /** wall clock for stored messages' age (the app's clock may be a test clock) */
  readonly now?: () => number
}

/** PostgreSQL LISTEN/NOTIFY between the processes serving one schema. */
export class PgBus implements ClusterBus {
  readonly origin = randomUUID()
  readonly #listeners = new Listeners()
  readonly #options: PgBusOptions
  readonly #channel: string
  #client: pg.Client | null = null
  #connected = false
  #closed = false
  #reconnects = 0
  #backoffMs = BACKOFF_MIN_MS
  #retry: ReturnType<typeof setTimeout> | null = null
  #ping: ReturnType<typeof setInterval> | null = null
  #everConnected = false
  #firstConnect: Promise<void>

  constructor(options: PgBusOptions) {
    this.#options = options
    this.#channel = channelFor(options.schema)
    this.#firstConnect = this.#connect()
    this.#firstConnect.catch(() => {})
  }

  /** Resolves when the first LISTEN is in place, or rejects with its error (the bus keeps retrying). */
  ready(): Promise<void> {
    return this.#firstConnect
  }

  get channel(): string {
    return this.#channel
  }

  get state(): BusState {
    return { kind: 'postgres', connected: this.#connected, reconnects: this.#reconnects }
  }

  subscribe(topic: BusTopic, listener: BusListener): () => void {
    return this.#listeners.subscribe(topic, listener)
  }

  onResync(listener: () => void): () => void {
    return this.#listeners.onResync(listener)
  }

  async publish(topic: BusTopic, message: unknown): Promise<void> {
    this.#listeners.deliver(topic, message)
    await this.#notify(this.#options.db, topic, message, false)
  }

  async publishInTransaction(trx: DbOrTrx, topic: BusTopic, message: unknown): Promise<void> {
    this.#listeners.deliver(topic, message)
    await this.#notify(trx, topic, message, true)
  }

  async #notify(db: DbOrTrx, topic: BusTopic, message: unknown, self: boolean): Promise<void> {
    const inline: Envelope = { o: this.origin, t: topic, ...(self ? { s: 1 as const } : {}), m: message }
    let payload = JSON.stringify(inline)
    if (Buffer.byteLength(payload) > NOTIFY_MAX_BYTES) {
      const id = randomUUID()
      const nowMs = (this.#options.now ?? Date.now)()
      await db
        .deleteFrom('bus_messages')
        .where('created_at', '<', new Date(nowMs - STORED_TTL_MS).toISOString())
        .execute()
      await db
        .insertInto('bus_messages')
        .values({ id, payload: JSON.stringify(message), created_at: new Date(nowMs).toISOString() })
        .execute()
      const stored: Envelope = { o: this.origin, t: topic, ...(self ? { s: 1 as const } : {}), r: id }
      payload = JSON.stringify(stored)
    }
    await sql`select pg_notify(${this.#channel}, ${payload})`.execute(db)
  }

  async #receive(payload: string | undefined): Promise<void> {
    if (payload === undefined) return
    let envelope: Envelope
    try {
      envelope = JSON.parse(payload) as Envelope
    } catch {
      return
    }
    if (envelope.o === this.origin && envelope.s !== 1) return
    let message = envelope.m
    if (envelope.r !== undefined) {
      const row = await this.#options.db
        .selectFrom('bus_messages')
        .select('payload')
        .where('id', '=', envelope.r)
        .executeTakeFirst()
      if (row === undefined) return
      message = JSON.parse(row.payload)
    }
    this.#listeners.deliver(envelope.t, message)
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#options.url, keepAlive: true })
    this.#client = client
    const lost = () => this.#lost(client)
    client.on('error', lost)
    client.on('end', lost)
    client.on('notification', (n) => {
      if (n.channel === this.#channel) void this.#receive(n.payload).catch(() => {})
    })
    try {
      await client.connect()
      await client.query(`LISTEN "${this.#channel}"`)
    } catch (error) {
      this.#lost(client)
      throw error
    }
    if (this.#closed || this.#client !== client) {
      await client.end().catch(() => {})
      return
    }
    this.#connected = true
    this.#backoffMs = BACKOFF_MIN_MS
    if (this.#everConnected) {
      this.#reconnects += 1
      this.#listeners.resync()
    }
    this.#everConnected = true
    this.#ping = setInterval(() => {
      client.query('select 1').catch(lost)
    }, PING_MS)
    this.#ping.unref?.()
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return
    this.#client = null
    this.#connected = false
    if (this.#ping !== null) clearInterval(this.#ping)
    this.#ping = null
    client.removeAllListeners('notification')
    client.on('error', () => {})
    client.end().catch(() => {})
    if (this.#closed) return
    const delay = this.#backoffMs * (0.75 + Math.random() * 0.5)
    this.#backoffMs = Math.min(this.#backoffMs * 2, BACKOFF_MAX_MS)
    this.#retry = setTimeout(() => {
      this.#retry = null
      this.#connect().catch(() => {})
    }, delay)
    this.#retry.unref?.()
  }

  /** Test and operations hook: drops the LISTEN connection as a network failure would. */
  dropConnection(): void {
    const client = this.#client
    if (client !== null) this.#lost(client)
  }

  async close(): Promise<void> {
    this.#closed = true
    if (this.#retry !== null) clearTimeout(this.#retry)
    if (this.#ping !== null) clearInterval(this.#ping)
    const client = this.#client
    this.#client = null
    this.#connected = false
    if (client !== null) {
      client.removeAllListeners('end')
      client.on('error', () => {})
      await client.end().catch(() => {})
    }
  }
}
