// What the phone keeps for offline work: the signed-in person, their own current tasks and the
// outbox of actions not yet delivered. Nothing else; all of it is cleared at logout.
const PREFIX = 'pz.field.'

export function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key)
    return raw === null ? null : (JSON.parse(raw) as T)
  } catch {
    return null
  }
}

/** Writes synchronously; false when the phone's storage is full. */
export function write(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value))
    return true
  } catch {
    return false
  }
}

export function remove(key: string): void {
  localStorage.removeItem(PREFIX + key)
}

/** Removes everything this app stored on the phone. */
export function clearAll(): void {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i)
    if (k?.startsWith(PREFIX)) localStorage.removeItem(k)
  }
  sessionStorage.clear()
}
