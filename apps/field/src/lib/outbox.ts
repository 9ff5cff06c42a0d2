// The outbox: every field action (check-in, note, photo, done) is written here first with an
// idempotency key, then delivered in order. An item leaves the outbox only when the server has
// answered for its key, so a dropped connection or a server restart mid-sync leads to a resend that
// the server recognises and does not apply twice.
import { createSignal } from 'solid-js'
import { read, write } from './store.ts'
import { api, errorCode, errorMessage } from './trpc.ts'

export type ActionKind = 'checkin' | 'note' | 'photo' | 'complete'

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
  readonly state: 'pending' | 'rejected'
  readonly error?: string
}

export const ACTION_LABELS: Record<ActionKind, string> = {
  checkin: '签到',
  note: '备注',
  photo: '照片',
  complete: '标记完成',
}

const KEY = 'outbox'
const [items, setItems] = createSignal<ReadonlyArray<OutboxItem>>(read<OutboxItem[]>(KEY) ?? [])
const [syncing, setSyncing] = createSignal(false)
const [lastError, setLastError] = createSignal('')

export { items as outboxItems, lastError as syncError, syncing }

const listeners = new Set<(taskId: string) => void>()
/** Called after an item of `taskId` was delivered (to refresh what the screen shows). */
export function onDelivered(fn: (taskId: string) => void): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

function save(next: ReadonlyArray<OutboxItem>): boolean {
  const ok = write(KEY, next)
  if (ok) setItems(next)
  return ok
}

const newKey = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`

/** Puts an action in the outbox (stored before anything is sent); false when storage is full. */
export function enqueue(action: Omit<OutboxItem, 'key' | 'state' | 'at'>): boolean {
  const item: OutboxItem = { ...action, key: newKey(), at: new Date().toISOString(), state: 'pending' }
  if (!save([...items(), item])) return false
  void sync()
  return true
}

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
    setSyncing(true)
    try {
      for (;;) {
        const next = items().find((i) => i.state === 'pending')
        if (!next) break
        const { state: _s, error: _e, taskTitle: _t, ...payload } = next
        try {
          await api.task.act.mutate(payload)
        } catch (err) {
          const code = errorCode(err)
          if (code === undefined || code === 'UNAUTHORIZED' || TRANSIENT.has(tagOf(err) ?? code)) {
            // offline, session gone or a passing problem: keep everything, try again later
            setLastError(code === 'UNAUTHORIZED' ? '登录已过期，请重新登录后自动同步' : '')
            break
          }
          // The server refused it (e.g. the task was reassigned): keep it for the person to resolve.
          save(
            items().map((i) =>
              i.key === next.key ? { ...i, state: 'rejected', error: errorMessage(err) } : i,
            ),
          )
          continue
        }
        save(items().filter((i) => i.key !== next.key))
        setLastError('')
        for (const fn of listeners) fn(next.taskId)
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
export function retry(key: string): void {
  save(items().map((i) => (i.key === key ? { ...i, state: 'pending', error: undefined } : i)))
  void sync()
}

/** Forgets the in-memory outbox (after logout cleared the phone's storage). */
export function clearOutbox(): void {
  setItems([])
}

/** Drops an item the person decided not to send. */
export function discard(key: string): void {
  save(items().filter((i) => i.key !== key))
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
