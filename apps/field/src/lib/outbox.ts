// The outbox: every field action (start, check-in, note, photo, done) is written here first with an
// idempotency key, then delivered in order. An item leaves the outbox only when the server has
// answered for its key, so a dropped connection or a server restart mid-sync leads to a resend that
// the server recognises and does not apply twice.
//
// Items live in IndexedDB (idb-keyval), one record each: a day of offline home visits with photos
// does not fit the ~5 MB of localStorage, and a delivered item is one delete, not a rewrite of all.
// An item is on the phone's storage before it counts as queued. Where IndexedDB cannot be opened
// (some private modes) localStorage takes its place; an outbox left in localStorage by an earlier
// version of the app is moved over on start.
import { clear, createStore, del, entries, set, setMany } from 'idb-keyval'
import { createSignal } from 'solid-js'
import { read, remove, write } from './store.ts'
import { api, errorCode, errorMessage, type TaskStatus } from './trpc.ts'

// Issue 11: the squad vehicle's check-out (出车) and check-in (还车) travel through the same outbox; for
// them `taskId` holds the booking's id and the readings ride along. Task actions are unchanged.
export type ActionKind = 'start' | 'checkin' | 'note' | 'photo' | 'complete' | 'vehicleOut' | 'vehicleIn'

export interface OutboxItem {
  readonly key: string
  readonly taskId: string
  readonly taskTitle: string
  readonly kind: ActionKind
  /** when the person did it, on the phone's clock */
  readonly at: string
  readonly note?: string
  readonly lat?: number
  readonly lng?: number
  readonly accuracy?: number
  readonly photo?: string
  /** vehicle actions: the odometer (km) and fuel or charge (%) read on the phone */
  readonly odometerKm?: number
  readonly fuelPercent?: number
  readonly state: 'pending' | 'rejected'
  readonly error?: string
  /** delivery order */
  readonly seq: number
}

export const ACTION_LABELS: Record<ActionKind, string> = {
  start: '开始办理',
  checkin: '签到',
  note: '备注',
  photo: '照片',
  complete: '标记完成',
  vehicleOut: '出车',
  vehicleIn: '还车',
}

const isVehicle = (kind: ActionKind): kind is 'vehicleOut' | 'vehicleIn' =>
  kind === 'vehicleOut' || kind === 'vehicleIn'

const LEGACY_KEY = 'outbox'

interface Persistence {
  load(): Promise<OutboxItem[]>
  put(items: ReadonlyArray<OutboxItem>): Promise<void>
  drop(key: string): Promise<void>
  clear(): Promise<void>
}

const indexedDb = (): Persistence => {
  const store = createStore('pingzhan-field', 'outbox')
  return {
    load: async () => (await entries<string, OutboxItem>(store)).map(([, v]) => v),
    put: (list) =>
      list.length === 1 && list[0]
        ? set(list[0].key, list[0], store)
        : setMany(
            list.map((i) => [i.key, i]),
            store,
          ),
    drop: (key) => del(key, store),
    clear: () => clear(store),
  }
}

/** The fallback: the whole outbox as one localStorage entry. */
const localStore = (): Persistence => {
  const all = () => read<OutboxItem[]>(LEGACY_KEY) ?? []
  const save = async (list: OutboxItem[]) => {
    if (!write(LEGACY_KEY, list)) throw new Error('storage full')
  }
  return {
    load: async () => all(),
    put: (list) => {
      const keys = new Set(list.map((i) => i.key))
      return save([...all().filter((i) => !keys.has(i.key)), ...list])
    },
    drop: (key) => save(all().filter((i) => i.key !== key)),
    clear: async () => remove(LEGACY_KEY),
  }
}

const [items, setItems] = createSignal<ReadonlyArray<OutboxItem>>([])
let persistence: Persistence = localStore()

const bySeq = (a: OutboxItem, b: OutboxItem) => a.seq - b.seq

/**
 * How long opening IndexedDB may take before the phone falls back to localStorage. Some browsers
 * (older iOS Safari) leave the open request unanswered, which would stall every action behind it. A
 * slow IndexedDB that answers later keeps its items for the next start, and what this session wrote
 * to localStorage is moved into it then, after them (the earlier-version path below).
 */
const OPEN_TIMEOUT_MS = 5_000

const withinTime = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB did not answer')), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })

/** Opens the phone's outbox (IndexedDB, else localStorage) and moves an earlier version's items in. */
const open = async (): Promise<void> => {
  let stored: OutboxItem[]
  try {
    const idb = indexedDb()
    stored = await withinTime(idb.load(), OPEN_TIMEOUT_MS)
    const legacy = read<Array<Omit<OutboxItem, 'seq'> & { seq?: number }>>(LEGACY_KEY)
    if (legacy && legacy.length > 0) {
      const base = stored.reduce((m, i) => Math.max(m, i.seq), 0)
      const moved = legacy.map((i, n) => ({ ...i, seq: base + n + 1 }))
      await idb.put(moved)
      remove(LEGACY_KEY)
      stored = [...stored, ...moved]
    }
    persistence = idb
  } catch {
    // an outbox of the earlier version has no sequence: its array order is the order
    stored = (await persistence.load()).map((i, n) => ({ ...i, seq: i.seq ?? n + 1 }))
  }
  setItems(stored.sort(bySeq))
}
const ready: Promise<void> = typeof window === 'undefined' ? Promise.resolve() : open()
const [syncing, setSyncing] = createSignal(false)
const [lastError, setLastError] = createSignal('')

export { items as outboxItems, lastError as syncError, syncing }

type Delivered = (taskId: string, status: TaskStatus) => void
const listeners = new Set<Delivered>()
/** Called after an item of `taskId` was delivered, with the task's status the server answered. */
export function onDelivered(fn: Delivered): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

type VehicleDelivered = (bookingId: string, item: OutboxItem) => void
const vehicleListeners = new Set<VehicleDelivered>()
/** Called after a vehicle check-out or check-in of `bookingId` was delivered. */
export function onVehicleDelivered(fn: VehicleDelivered): () => void {
  vehicleListeners.add(fn)
  return () => vehicleListeners.delete(fn)
}

/** The vehicle action of a booking still waiting in the outbox, if any (the phone shows it at once). */
export const queuedVehicleAction = (bookingId: string): 'vehicleOut' | 'vehicleIn' | null => {
  const last = items()
    .filter((i) => i.taskId === bookingId && isVehicle(i.kind) && i.state === 'pending')
    .sort(bySeq)
    .at(-1)
  return last && isVehicle(last.kind) ? last.kind : null
}

/** Stores changed items, then shows them; false (and nothing shown) when the phone could not store them. */
async function update(changed: OutboxItem): Promise<boolean> {
  try {
    await persistence.put([changed])
  } catch {
    return false
  }
  setItems((list) =>
    list.some((i) => i.key === changed.key)
      ? list.map((i) => (i.key === changed.key ? changed : i))
      : [...list, changed],
  )
  return true
}

async function drop(key: string): Promise<void> {
  await persistence.drop(key).catch(() => {})
  setItems((list) => list.filter((i) => i.key !== key))
}

const newKey = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`

/** Puts an action in the outbox (stored before anything is sent); false when storage is full. */
export async function enqueue(action: Omit<OutboxItem, 'key' | 'state' | 'at' | 'seq'>): Promise<boolean> {
  await ready
  const seq = items().reduce((m, i) => Math.max(m, i.seq), 0) + 1
  const item: OutboxItem = { ...action, key: newKey(), at: new Date().toISOString(), state: 'pending', seq }
  if (!(await update(item))) return false
  void sync()
  return true
}

/** A 开始办理 of the task waits in the outbox (not refused): the phone shows the task in progress. */
export const startQueued = (taskId: string): boolean =>
  items().some((i) => i.taskId === taskId && i.kind === 'start' && i.state === 'pending')

/** The status the phone shows: the server's (or the saved copy's), moved on by a start still queued. */
export const shownStatus = (task: { readonly id: string; readonly status: TaskStatus }): TaskStatus =>
  task.status === 'open' && startQueued(task.id) ? 'in_progress' : task.status

export const pendingCount = () => items().filter((i) => i.state === 'pending').length
export const rejectedCount = () => items().filter((i) => i.state === 'rejected').length

const TRANSIENT = new Set(['VersionConflict', 'TOO_MANY_REQUESTS', 'INTERNAL_SERVER_ERROR', 'Internal'])
const tagOf = (err: unknown): string | undefined => {
  const data = (err as { data?: { tag?: unknown } } | null)?.data
  return typeof data?.tag === 'string' ? data.tag : undefined
}

let running: Promise<void> | null = null

/** Delivers pending items in order; stops at the first network failure and tries again later. */
export function sync(): Promise<void> {
  if (running) return running
  const run = async () => {
    await ready
    setSyncing(true)
    try {
      for (;;) {
        const next = items().find((i) => i.state === 'pending')
        if (!next) break
        const { state: _s, error: _e, taskTitle: _t, seq: _q, ...payload } = next
        let refused: string | null = null
        let status: TaskStatus = 'in_progress' // what a settled start (below) leaves
        try {
          if (isVehicle(payload.kind)) {
            await api.vehicle.act.mutate({
              key: payload.key,
              bookingId: payload.taskId,
              kind: payload.kind === 'vehicleOut' ? 'checkout' : 'checkin',
              at: payload.at,
              odometerKm: payload.odometerKm ?? -1,
              fuelPercent: payload.fuelPercent ?? -1,
              ...(payload.note ? { note: payload.note } : {}),
            })
          } else {
            const { odometerKm: _o, fuelPercent: _f, ...task } = payload
            status = (
              await api.task.act.mutate({
                ...task,
                kind: task.kind as Exclude<ActionKind, 'vehicleOut' | 'vehicleIn'>,
              })
            ).status
          }
        } catch (err) {
          const code = errorCode(err)
          if (code === undefined || code === 'UNAUTHORIZED' || TRANSIENT.has(tagOf(err) ?? code)) {
            // offline, session gone or a passing problem: keep everything, try again later
            setLastError(code === 'UNAUTHORIZED' ? '登录已过期，请重新登录后自动同步' : '')
            break
          }
          // A 开始办理 refused because the task is already in progress (someone else started it while
          // this phone was offline) is settled, not kept: what the person asked for holds, so there is
          // nothing for them to resolve, and retrying could never succeed. The screen reloads the task,
          // whose history shows who started it. Every other refusal (reassigned, cancelled, done …)
          // is kept below for the person to see, retry or discard.
          if (!(next.kind === 'start' && tagOf(err) === 'TaskAlreadyStarted')) refused = errorMessage(err)
        }
        if (refused !== null) {
          // The server refused it (e.g. the task was reassigned): keep it for the person to resolve.
          // If even that cannot be stored, stop rather than send the next one out of order.
          if (!(await update({ ...next, state: 'rejected', error: refused }))) break
          continue
        }
        await drop(next.key)
        setLastError('')
        if (isVehicle(next.kind)) for (const fn of vehicleListeners) fn(next.taskId, next)
        else for (const fn of listeners) fn(next.taskId, status)
      }
    } finally {
      setSyncing(false)
    }
  }
  // Cleared in a later tick: a run that finishes synchronously must not leave a stale promise behind.
  running = run().finally(() => {
    running = null
  })
  return running
}

/** Sends a rejected item again (after the person sorted it out). */
export async function retry(key: string): Promise<void> {
  const item = items().find((i) => i.key === key)
  if (!item) return
  const { error: _e, ...rest } = item
  if (await update({ ...rest, state: 'pending' })) void sync()
}

/** Empties the outbox on the phone and on screen (logout, or another person signing in). */
export async function clearOutbox(): Promise<void> {
  await ready
  await persistence.clear().catch(() => {})
  remove(LEGACY_KEY)
  setItems([])
}

/** Drops an item the person decided not to send. */
export function discard(key: string): Promise<void> {
  return drop(key)
}

let started = false
/** Syncs on start, when the network returns, and every 20 s while items wait. */
export function startSync(): void {
  if (started) return
  started = true
  window.addEventListener('online', () => void sync())
  setInterval(() => {
    if (pendingCount() > 0 && navigator.onLine) void sync()
  }, 20_000)
  void sync()
}
