import { createSignal, onCleanup } from 'solid-js'
import { errorCode } from './trpc.ts'

/** A fresh idempotency key (the server returns the first answer for a key it has seen). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

const RETRY_MS = 3000

/** The request never got an answer from the server (offline, dropped connection, proxy down). */
export const isNetworkError = (err: unknown): boolean => errorCode(err) === undefined

export type SubmitState = 'idle' | 'sending' | 'retrying'

/**
 * One submission of a form that must survive a network drop: the key is made once and kept until the
 * server has answered, so retries (every few seconds and as soon as the browser is back online) can
 * never create a second request. The form stays on screen, untouched, the whole time. Stops when the
 * screen is reset (component cleanup).
 */
export function createSubmission<T>(send: (key: string) => Promise<T>) {
  const [state, setState] = createSignal<SubmitState>('idle')
  let key = newKey()
  let stopped = false
  let wake: (() => void) | undefined
  let timer: ReturnType<typeof setTimeout> | undefined

  const wait = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        window.removeEventListener('online', done)
        wake = undefined
        resolve()
      }
      wake = done
      timer = setTimeout(done, RETRY_MS)
      window.addEventListener('online', done)
    })

  onCleanup(() => {
    stopped = true
    wake?.()
  })

  const submit = async (): Promise<T | null> => {
    setState('sending')
    for (;;) {
      try {
        const result = await send(key)
        key = newKey()
        setState('idle')
        return stopped ? null : result
      } catch (err) {
        if (stopped) return null
        if (!isNetworkError(err)) {
          setState('idle')
          throw err
        }
        setState('retrying')
        await wait()
        if (stopped) return null
      }
    }
  }
  return { submit, state }
}
