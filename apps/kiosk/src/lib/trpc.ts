import { createClient, type RouterOutputs } from '@pingzhan/api/client'

export { errorMessage, fieldErrors } from '@pingzhan/api/client'

export const api = createClient()

export type KioskStatus = RouterOutputs['kiosk']['status']
export type BoundStatus = Extract<KioskStatus, { bound: true }>
export type SubmitResult = RouterOutputs['kiosk']['submitMediation']
export type Refusal = Extract<SubmitResult, { refused: true }>

/** The tRPC error code (e.g. 'TOO_MANY_REQUESTS') of a failed call, if there is one. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('data' in err)) return undefined
  const data = (err as { data?: { code?: unknown } | null }).data
  return typeof data?.code === 'string' ? data.code : undefined
}
