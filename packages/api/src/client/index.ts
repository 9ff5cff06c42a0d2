// Browser-safe entry: only @trpc/client at run time; the router is imported as a type.
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client'
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server'
import type { AppRouter } from '../routers/index.ts'

export { DISPUTE_TYPES, type DisputeType } from './dispute-types.ts'
export type { AppRouter }
export type RouterInputs = inferRouterInputs<AppRouter>
export type RouterOutputs = inferRouterOutputs<AppRouter>

export interface ClientOptions {
  /** Defaults to '/trpc' (same origin). */
  readonly url?: string
  readonly headers?: Record<string, string>
  readonly fetch?: typeof globalThis.fetch
}

/** The vanilla tRPC client the apps use: POST for everything, CSRF header, same-origin cookies. */
export const createClient = (opts: ClientOptions = {}) =>
  createTRPCClient<AppRouter>({
    links: [
      // Subscriptions (wartime alerts) stream over server-sent events; they carry no input data.
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: opts.url ?? '/trpc' }),
        false: httpBatchLink({
          url: opts.url ?? '/trpc',
          methodOverride: 'POST',
          headers: () => ({ ...opts.headers, 'x-pingzhan-csrf': '1' }),
          fetch: (input, init) =>
            (opts.fetch ?? globalThis.fetch)(input, { ...(init as RequestInit), credentials: 'same-origin' }),
        }),
      }),
    ],
  })

export type Client = ReturnType<typeof createClient>

const NETWORK = '网络异常，请稍后重试'

interface ErrorData {
  readonly message?: unknown
  readonly fieldErrors?: unknown
}

const dataOf = (err: unknown): ErrorData | null => {
  if (err instanceof TRPCClientError || (typeof err === 'object' && err !== null && 'data' in err)) {
    const data = (err as { data?: unknown }).data
    return typeof data === 'object' && data !== null ? (data as ErrorData) : null
  }
  return null
}

const hasChinese = (s: string): boolean => /[\u4e00-\u9fff]/.test(s)

/** A Chinese message for any error: the server's localised message, else a network message. */
export const errorMessage = (err: unknown): string => {
  const data = dataOf(err)
  if (data && typeof data.message === 'string' && data.message !== '') return data.message
  if (err instanceof TRPCClientError && typeof err.message === 'string' && hasChinese(err.message))
    return err.message
  return NETWORK
}

/** Per-field Chinese messages from a BAD_REQUEST, keyed by the input names; empty otherwise. */
export const fieldErrors = (err: unknown): Record<string, string> => {
  const fe = dataOf(err)?.fieldErrors
  if (typeof fe !== 'object' || fe === null) return {}
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fe)) if (typeof v === 'string') out[k] = v
  return out
}
