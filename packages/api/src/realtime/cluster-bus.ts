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
//   dedicated client for LISTEN (outside the pool, so a busy pool never delays an alert; it shows as
//   application_name `pingzhan-bus` in pg_stat_activity), reconnects with backoff, and pings it every
//   10 s. Every message is also a row of `bus_messages`, written by the same statement (or in the same
//   transaction) as its NOTIFY; the notification carries the row's `seq` and, when it fits in a NOTIFY
//   payload (< 8,000 bytes), the message itself — otherwise the receivers read the row.
// Nothing is lost while a process's LISTEN connection is down: after reconnecting it reads the rows
// written since shortly before it last knew itself up to date (the database's clock at its last ping,
// less a minute for transactions that wrote a message before and committed after), and delivers, in
// order, those it has not yet seen; notifications arriving meanwhile wait their turn. Then it tells its
// subscribers (`onResync`), which re-check what they cache against the database as a second line (the
// rows are kept ten minutes: an outage longer than that is covered by the re-check alone).
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
  /** PgBus: messages missed while disconnected and delivered after a reconnect, since start */
  readonly recovered: number
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
  readonly state: BusState = { kind: 'local', connected: true, reconnects: 0, recovered: 0 }
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

/** A message as stored and notified: origin, topic, whether the origin must deliver it again, the message. */
interface Envelope {
  readonly o: string
  readonly t: BusTopic
  readonly s?: 1
  readonly m: unknown
}

/** PostgreSQL refuses payloads of 8,000 bytes or more; leave room for the sequence number. */
export const NOTIFY_MAX_BYTES = 7_900
/** How long the rows are kept (the longest outage fully caught up). */
export const STORED_TTL_MS = 10 * 60_000
/** How long before the last known-good moment a catch-up starts reading (a transaction's duration). */
export const CATCH_UP_SLACK_MS = 60_000
const SEEN_KEEP_MS = STORED_TTL_MS + CATCH_UP_SLACK_MS
const BACKOFF_MIN_MS = 100
const BACKOFF_MAX_MS = 5_000
const PING_MS = 10_000
const PRUNE_EVERY_PINGS = 6

/** The database's clock in epoch ms (one clock for all processes and machines). */
const DB_NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint'

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
  /** the app's pool, for the stored messages */
  readonly db: Db
  /** the first reconnect's delay (doubling up to 5 s); 100 ms unless a test wants a longer outage */
  readonly reconnectMinMs?: number
}

/** PostgreSQL LISTEN/NOTIFY between the processes serving one schema, backed by `bus_messages`. */
export class PgBus implements ClusterBus {
  readonly origin = randomUUID()
  readonly #listeners = new Listeners()
  readonly #options: PgBusOptions
  readonly #channel: string
  readonly #backoffMinMs: number
  #client: pg.Client | null = null
  #connected = false
  #closed = false
  #reconnects = 0
  #recovered = 0
  #backoffMs: number
  #retry: ReturnType<typeof setTimeout> | null = null
  #ping: ReturnType<typeof setInterval> | null = null
  #pings = 0
  #firstConnect: Promise<void>
  /** database ms of the first LISTEN: nothing older is ever delivered */
  #startMs: number | null = null
  /** database ms up to which every committed message has been received (null: never listened) */
  #syncedMs: number | null = null
  /** seq → local ms when seen: a message is delivered once, whether by notification or catch-up */
  readonly #seen = new Map<string, number>()
  /** deliveries run one after the other, in the order their notifications (or the catch-up) came */
  #queue: Promise<void> = Promise.resolve()

  constructor(options: PgBusOptions) {
    this.#options = options
    this.#channel = channelFor(options.schema)
    this.#backoffMinMs = options.reconnectMinMs ?? BACKOFF_MIN_MS
    this.#backoffMs = this.#backoffMinMs
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

  /** The server process id of the LISTEN connection (null while disconnected). */
  get listenerPid(): number | null {
    return (this.#client as (pg.Client & { processID?: number }) | null)?.processID ?? null
  }

  get state(): BusState {
    return {
      kind: 'postgres',
      connected: this.#connected,
      reconnects: this.#reconnects,
      recovered: this.#recovered,
    }
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

  /** One statement: the row and its notification (at the commit of `db`'s transaction, if any). */
  async #notify(db: DbOrTrx, topic: BusTopic, message: unknown, self: boolean): Promise<void> {
    const envelope: Envelope = { o: this.origin, t: topic, ...(self ? { s: 1 as const } : {}), m: message }
    const json = JSON.stringify(envelope)
    const inline = Buffer.byteLength(json) + 21 <= NOTIFY_MAX_BYTES
    await sql`
      with m as (
        insert into bus_messages (envelope, created_ms) values (${json}, ${sql.raw(DB_NOW_MS)})
        returning seq
      )
      select pg_notify(${this.#channel}, m.seq::text || ${inline ? `:${json}` : ''}) from m
    `.execute(db)
  }

  #enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work)
    this.#queue = next.then(
      () => {},
      () => {},
    )
    return next
  }

  /** Marks `seq` seen; false if it already was. */
  #firstSight(seq: string): boolean {
    if (this.#seen.has(seq)) return false
    this.#seen.set(seq, Date.now())
    return true
  }

  #deliverEnvelope(envelope: Envelope): void {
    if (envelope.o === this.origin && envelope.s !== 1) return
    this.#listeners.deliver(envelope.t, envelope.m)
  }

  async #receive(payload: string | undefined): Promise<void> {
    if (payload === undefined) return
    const colon = payload.indexOf(':')
    const seq = colon < 0 ? payload : payload.slice(0, colon)
    if (!/^\d+$/.test(seq) || !this.#firstSight(seq)) return
    let json = colon < 0 ? null : payload.slice(colon + 1)
    if (json === null) {
      try {
        const row = await this.#options.db
          .selectFrom('bus_messages')
          .select('envelope')
          .where('seq', '=', seq)
          .executeTakeFirst()
        if (row === undefined) return
        json = row.envelope
      } catch (error) {
        this.#seen.delete(seq) // not delivered: a catch-up may still bring it
        throw error
      }
    }
    try {
      this.#deliverEnvelope(JSON.parse(json) as Envelope)
    } catch {
      // not one of ours
    }
  }

  /** After a reconnect: the messages committed while away, in order, those not seen yet. */
  async #catchUp(fromMs: number): Promise<number> {
    const rows = await this.#options.db
      .selectFrom('bus_messages')
      .select(['seq', 'envelope'])
      .where('created_ms', '>=', fromMs)
      .orderBy('seq')
      .execute()
    let delivered = 0
    for (const row of rows) {
      if (!this.#firstSight(String(row.seq))) continue
      try {
        const envelope = JSON.parse(row.envelope) as Envelope
        if (envelope.o === this.origin && envelope.s !== 1) continue
        this.#deliverEnvelope(envelope)
        delivered += 1
      } catch {
        // not one of ours
      }
    }
    return delivered
  }

  async #dbNowMs(client: pg.Client): Promise<number> {
    const { rows } = await client.query<{ now: string }>(`select ${DB_NOW_MS} as now`)
    return Number(rows[0]?.now)
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.url,
      keepAlive: true,
      application_name: 'pingzhan-bus',
    })
    this.#client = client
    const lost = () => this.#lost(client)
    client.on('error', lost)
    client.on('end', lost)
    client.on('notification', (n) => {
      if (n.channel === this.#channel) void this.#enqueue(() => this.#receive(n.payload)).catch(() => {})
    })
    let listeningMs: number
    try {
      await client.connect()
      await client.query(`LISTEN "${this.#channel}"`)
      // every message committed from here on is notified to this connection
      listeningMs = await this.#dbNowMs(client)
    } catch (error) {
      this.#lost(client)
      throw error
    }
    if (this.#closed || this.#client !== client) {
      await client.end().catch(() => {})
      return
    }
    this.#backoffMs = this.#backoffMinMs
    this.#ping = setInterval(() => void this.#pingOnce(client), PING_MS)
    this.#ping.unref?.()
    if (this.#syncedMs === null || this.#startMs === null) {
      this.#startMs = listeningMs
      this.#syncedMs = listeningMs
      this.#connected = true
      return
    }
    // connected (for /health and the tests) once what was missed has been delivered
    const fromMs = Math.max(this.#startMs, this.#syncedMs - CATCH_UP_SLACK_MS)
    try {
      this.#recovered += await this.#enqueue(() => this.#catchUp(fromMs))
    } catch {
      // the database did not answer: drop this connection too, and catch up after the next one
      this.#lost(client)
      return
    }
    if (this.#client !== client) return
    this.#syncedMs = Math.max(this.#syncedMs, listeningMs)
    this.#reconnects += 1
    this.#listeners.resync()
    this.#connected = true
  }

  /** Keeps the connection honest and moves the known-good mark; now and then prunes old rows. */
  async #pingOnce(client: pg.Client): Promise<void> {
    try {
      const nowMs = await this.#dbNowMs(client)
      // what was notified before this answer has been received: the queue holds it, in order
      if (this.#client === client && this.#syncedMs !== null) {
        await this.#queue
        this.#syncedMs = Math.max(this.#syncedMs, nowMs)
      }
      this.#pings += 1
      if (this.#pings % PRUNE_EVERY_PINGS === 0) {
        await this.#options.db
          .deleteFrom('bus_messages')
          .where('created_ms', '<', nowMs - STORED_TTL_MS)
          .execute()
        const keepAfter = Date.now() - SEEN_KEEP_MS
        for (const [seq, at] of this.#seen) {
          if (at >= keepAfter) break // insertion order is time order
          this.#seen.delete(seq)
        }
      }
    } catch {
      this.#lost(client)
    }
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
    this.#backoffMs = Math.min(this.#backoffMs * 2, Math.max(BACKOFF_MAX_MS, this.#backoffMinMs))
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
