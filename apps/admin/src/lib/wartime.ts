import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { type RouterOutputs, trpc, trpcClient } from './trpc.ts'

export type AreaOverview = RouterOutputs['activation']['overview'][number]
export type ActivationView = RouterOutputs['activation']['get']
export type RosterView = ActivationView['roster'][number]
export type WartimeSignal = { activationId: string; kind: string; text: string; at: string }

/**
 * Follows the wartime event stream (server-sent events) while mounted: every event refreshes the
 * overview and the boards, and is handed to `onEvent`.
 */
export function useWartimeEvents(onEvent?: (signal: WartimeSignal) => void): void {
  const queryClient = useQueryClient()
  const callback = useRef(onEvent)
  callback.current = onEvent
  useEffect(() => {
    let started = false
    const subscription = trpcClient.activation.events.subscribe(undefined, {
      // after a reconnect, events sent while the connection was down are gone: refetch everything
      onStarted: () => {
        if (started) void queryClient.invalidateQueries({ queryKey: trpc.activation.pathKey() })
        started = true
      },
      onData: (signal) => {
        void queryClient.invalidateQueries({ queryKey: trpc.activation.pendingDecisions.queryKey() })
        void queryClient.invalidateQueries({ queryKey: trpc.activation.overview.queryKey() })
        void queryClient.invalidateQueries({
          queryKey: trpc.activation.get.queryKey({ id: signal.activationId }),
        })
        callback.current?.(signal)
      },
      onError: () => {},
    })
    return () => subscription.unsubscribe()
  }, [queryClient])
}

/** The current time, ticking every second (response clocks). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return now
}

/** '12分05秒', '1小时03分' */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms < 0) return '—'
  const s = Math.floor(ms / 1000)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  if (h > 0) return `${h}小时${String(m).padStart(2, '0')}分`
  return `${m}分${String(sec).padStart(2, '0')}秒`
}

export const RESPONSE_COLORS: Record<RosterView['response'], string> = {
  pending: 'default',
  acknowledged: 'green',
  declined: 'gold',
  declinedAccepted: 'blue',
  refused: 'red',
}

export const STAGE_COLORS: Record<ActivationView['stage'], string> = {
  mobilising: 'red',
  active: 'volcano',
  standingDown: 'blue',
  closed: 'default',
}
