import type { HTMLAttributes } from 'react'

/** `data-testid` on a table row, for the browser tests (rows have no natural accessible name). */
export function rowTestId(id: string): HTMLAttributes<HTMLElement> {
  return { 'data-testid': id } as HTMLAttributes<HTMLElement>
}
