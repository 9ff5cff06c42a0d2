import type { User } from '../repos/users.ts'
import { entitledTo } from '../services/activations.ts'
import type { Context } from '../trpc/context.ts'
import { fail } from '../trpc/errors.ts'
import { type ActivationWire, busOf } from './activation-bus.ts'
import { sweeperOf } from './session-sweep.ts'

/**
 * One subscriber's stream of committed wartime events (policy 三.2 第一时间): only what the user is
 * entitled to, decided once at subscribe from their areas and checked per event against the roster
 * carried in the signal — no database query at send time. Ends with UNAUTHORIZED when the session is
 * logged out, revoked or expired (re-checked every 30 s for all streams at once).
 */
export async function* activationStream(
  ctx: Context,
  user: User,
  sessionId: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<ActivationWire, void, unknown> {
  const entitled = entitledTo(ctx, user)
  const queue: ActivationWire[] = []
  let wake: (() => void) | null = null
  let expired = false
  const release = () => {
    const w = wake
    wake = null
    w?.()
  }
  const unsubscribe = busOf(ctx.deps).subscribe((s) => {
    if (!entitled(s)) return
    queue.push(s.wire)
    release()
  })
  const unwatch = sweeperOf(ctx.deps).add(sessionId, () => {
    expired = true
    release()
  })
  signal?.addEventListener('abort', release, { once: true })
  try {
    while (signal?.aborted !== true) {
      if (expired) throw fail('UNAUTHORIZED', 'SessionEnded', '登录已失效，请重新登录')
      const next = queue.shift()
      if (next === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve
        })
        continue
      }
      yield next
    }
  } finally {
    unsubscribe()
    unwatch()
    signal?.removeEventListener('abort', release)
  }
}
