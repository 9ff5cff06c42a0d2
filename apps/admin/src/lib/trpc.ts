import { type AppRouter, createClient, type RouterInputs, type RouterOutputs } from '@pingzhan/api/client'
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query'
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query'

export type { RouterInputs, RouterOutputs }
export type Me = NonNullable<RouterOutputs['auth']['me']>
export type IntakeItem = RouterOutputs['intake']['list']['items'][number]
export type TaskItem = RouterOutputs['task']['list']['items'][number]
export type TaskDetail = RouterOutputs['task']['get']
export type DeviceItem = RouterOutputs['device']['list'][number]
export type AuditItem = RouterOutputs['audit']['list']['items'][number]
export type DutyCatalog = RouterOutputs['org']['catalogs'][number]
export type TaskStatus = TaskItem['status']

/** tRPC error code of a failed call, if it came from the server. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('data' in err)) return undefined
  const data = (err as { data?: unknown }).data
  if (typeof data !== 'object' || data === null || !('code' in data)) return undefined
  const code = (data as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

// A session that ended (idle timeout, logout elsewhere) makes every call UNAUTHORIZED: drop the
// cached user so the router sends the person back to 登录 instead of showing errors everywhere.
// A session held at a gate (a password to change, a second factor) answers FORBIDDEN with the gate's
// tag: ask auth.me again, and the console shows the gate's screen.
const GATE_TAGS = new Set(['PasswordChangeRequired', 'TotpRequired', 'TotpEnrolmentRequired'])
function onUnauthorized(err: unknown): void {
  if (errorCode(err) === 'UNAUTHORIZED') queryClient.setQueryData(trpc.auth.me.queryKey(), null)
  const tag = (err as { data?: { tag?: unknown } } | null)?.data?.tag
  if (typeof tag === 'string' && GATE_TAGS.has(tag))
    void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() })
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onUnauthorized }),
  mutationCache: new MutationCache({ onError: onUnauthorized }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      retry: (count, err) => {
        const code = errorCode(err)
        if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR' && code !== 'TIMEOUT') return false
        return count < 2
      },
    },
    mutations: { retry: false },
  },
})

export const trpcClient = createClient()

export const trpc = createTRPCOptionsProxy<AppRouter>({
  client: trpcClient,
  queryClient,
})
