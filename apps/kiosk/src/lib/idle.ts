import { createSignal, onCleanup } from 'solid-js'

/** Seconds without a touch before the kiosk wipes itself and returns to the welcome screen. */
export const IDLE_SECONDS = 120
/** The last seconds of that time show a countdown, so a slow reader is not surprised. */
const WARN_SECONDS = 20

/**
 * `?idle=N` may only shorten the timeout (tests, a busy office), never lengthen or disable it,
 * so a resident who edits the address cannot keep the previous person's data on screen.
 */
export function idleSeconds(search = location.search): number {
  const n = Number(new URLSearchParams(search).get('idle'))
  return Number.isFinite(n) && n >= 5 ? Math.min(Math.floor(n), IDLE_SECONDS) : IDLE_SECONDS
}

const ACTIVITY = ['pointerdown', 'touchstart', 'keydown', 'input', 'wheel'] as const

/** Counts down from `seconds` and restarts on any touch or key; calls `onIdle` at zero. */
export function createIdleTimer(seconds: number, onIdle: () => void) {
  const [remaining, setRemaining] = createSignal(seconds)
  let deadline = Date.now() + seconds * 1000
  const touch = () => {
    deadline = Date.now() + seconds * 1000
    setRemaining(seconds)
  }
  const tick = () => {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000))
    setRemaining(left)
    if (left === 0) {
      touch()
      onIdle()
    }
  }
  const timer = setInterval(tick, 250)
  for (const ev of ACTIVITY) document.addEventListener(ev, touch, { capture: true, passive: true })
  onCleanup(() => {
    clearInterval(timer)
    for (const ev of ACTIVITY) document.removeEventListener(ev, touch, { capture: true })
  })
  const warnAt = Math.min(WARN_SECONDS, Math.floor(seconds / 2))
  return { remaining, warning: () => remaining() <= warnAt, touch }
}

/**
 * Leaves nothing of the last resident in this browser: session and local storage, IndexedDB databases,
 * Cache Storage, script-readable cookies (the device cookie is httpOnly and stays), speech in progress,
 * focus and scroll position.
 */
export function wipeBrowserStorage(): void {
  try {
    sessionStorage.clear()
  } catch {}
  try {
    localStorage.clear()
  } catch {}
  try {
    void indexedDB
      ?.databases?.()
      .then((dbs) => {
        for (const db of dbs) if (db.name) indexedDB.deleteDatabase(db.name)
      })
      .catch(() => {})
  } catch {}
  try {
    if (typeof caches !== 'undefined')
      void caches
        .keys()
        .then((keys) => Promise.all(keys.map((k) => caches.delete(k))))
        .catch(() => {})
  } catch {}
  try {
    for (const c of document.cookie.split(';')) {
      const name = c.split('=')[0]?.trim()
      if (name) document.cookie = `${name}=; max-age=0; path=/`
    }
  } catch {}
  try {
    window.speechSynthesis?.cancel()
  } catch {}
  const active = document.activeElement
  if (active instanceof HTMLElement) active.blur()
  window.scrollTo(0, 0)
}
