// The offline copy of the person's own current tasks (list and details), refreshed whenever the
// network is there. Only tasks assigned to this person are kept (SECURITY.md: minimum on the phone).
import { clearOutbox } from './outbox.ts'
import { clearAll, read, remove, unseal, write } from './store.ts'
import { api, errorCode, type Me, type TaskDetail, type TaskItem } from './trpc.ts'

const MAX_TASKS = 50

export function cachedMine(): ReadonlyArray<TaskItem> {
  return read<TaskItem[]>('tasks') ?? []
}

export function cachedDetail(id: string): TaskDetail | null {
  return read<TaskDetail>(`task.${id}`)
}

export function storeDetail(detail: TaskDetail, me: Me): void {
  if (detail.assignees.some((a) => a.id === me.id)) write(`task.${detail.id}`, detail)
}

/** Keeps a status the server answered for a delivered action in the saved list, until the next refresh. */
export function rememberStatus(id: string, status: TaskItem['status']): void {
  const list = read<TaskItem[]>('tasks')
  if (list?.some((t) => t.id === id && t.status !== status)) {
    write(
      'tasks',
      list.map((t) => (t.id === id ? { ...t, status } : t)),
    )
  }
}

/** Fetches the person's open and in-progress tasks with their details and keeps them on the phone. */
export async function refreshOfflineCopy(me: Me): Promise<void> {
  const [open, doing] = await Promise.all([
    api.task.list.query({ mine: true, status: 'open', limit: MAX_TASKS }),
    api.task.list.query({ mine: true, status: 'in_progress', limit: MAX_TASKS }),
  ])
  const items = [...doing.items, ...open.items].slice(0, MAX_TASKS)
  const details = await Promise.all(items.map((t) => api.task.get.query({ id: t.id })))
  const keep = new Set(items.map((t) => t.id))
  for (const old of cachedMine()) if (!keep.has(old.id)) remove(`task.${old.id}`)
  write('tasks', items)
  for (const d of details) storeDetail(d, me)
}

/** The signed-in person; offline, the one who signed in last on this phone. */
export async function loadMe(): Promise<{ me: Me | null; offline: boolean }> {
  try {
    const me = await api.auth.me.query()
    if (me) rememberMe(me)
    else remove('tasks')
    return { me, offline: false }
  } catch (err) {
    if (errorCode(err) !== undefined) throw err
    const me = read<Me>('me')
    if (me) return { me, offline: true }
    throw err
  }
}

/** Keeps who is signed in; a different person on the same phone starts from an empty phone. */
export function rememberMe(me: Me): void {
  const owner = read<string>('owner')
  if (owner !== null && owner !== me.id) {
    clearAll()
    void clearOutbox()
  }
  unseal()
  write('owner', me.id)
  write('me', me)
}
