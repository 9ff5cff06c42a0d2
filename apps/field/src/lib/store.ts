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

// After logout nothing is written until someone signs in again: a refresh still in flight when the
// person logged out must not put their tasks back on the phone.
let sealed = false

/** Allows writes again (a person signed in). */
export function unseal(): void {
  sealed = false
}

/** Writes synchronously; false when the phone's storage is full or nobody is signed in. */
export function write(key: string, value: unknown): boolean {
  if (sealed) return false
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

/** Removes everything this app stored on the phone, and keeps it so until the next sign-in. */
export function clearAll(): void {
  sealed = true
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i)
    if (k?.startsWith(PREFIX)) localStorage.removeItem(k)
  }
  sessionStorage.clear()
}
