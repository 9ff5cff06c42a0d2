import { createClient, type RouterOutputs } from '@pingzhan/api/client'

export { errorMessage } from '@pingzhan/api/client'
export type { RouterOutputs }

export const api = createClient()

export type Me = NonNullable<RouterOutputs['auth']['me']>
export type TaskItem = RouterOutputs['task']['list']['items'][number]
export type TaskDetail = RouterOutputs['task']['get']
export type TaskStatus = TaskItem['status']

/** The tRPC error code (e.g. 'UNAUTHORIZED', 'CONFLICT') of a failed call, if there is one. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('data' in err)) return undefined
  const data = (err as { data?: { code?: unknown } | null }).data
  return typeof data?.code === 'string' ? data.code : undefined
}
