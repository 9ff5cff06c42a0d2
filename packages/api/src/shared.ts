import { uuidv7 } from 'uuidv7'

export const newId = (): string => uuidv7()

/** The system clock, replaceable in tests. */
export type Clock = () => Date

export const systemClock: Clock = () => new Date()

/** YYYY-MM-DD of an instant in China Standard Time (UTC+8, no DST). */
export const shanghaiDate = (at: Date): string =>
  new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)

export const toBool = (v: number | boolean): boolean => v === true || v === 1

export const encodeCursor = (parts: ReadonlyArray<string>): string =>
  Buffer.from(JSON.stringify(parts)).toString('base64url')

export const decodeCursor = (cursor: string, length: number): ReadonlyArray<string> | null => {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === 'string')) {
      return parts
    }
  } catch {}
  return null
}
