// Validators for the issue-4 procedures (lists, coordinates, photos), in the style of trpc/validate.ts.
import type { Check } from '../trpc/validate.ts'

const bad = (message: string) => ({ ok: false as const, message })

/** 1–`max` distinct values, each passing `item`. */
export const list =
  <T>(label: string, item: Check<T>, max: number): Check<ReadonlyArray<T>> =>
  (value) => {
    if (!Array.isArray(value) || value.length === 0) return bad(`请选择${label}`)
    if (value.length > max) return bad(`${label}最多 ${max} 项`)
    const out: T[] = []
    for (const v of value) {
      const r = item(v)
      if (!r.ok) return bad(`${label}无效`)
      out.push(r.value)
    }
    return { ok: true, value: [...new Set(out)] }
  }

export const real =
  (label: string, min: number, max: number): Check<number> =>
  (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
      ? { ok: true, value }
      : bad(`${label}应为 ${min}–${max} 之间的数`)

/** A full ISO instant (the phone's clock). */
export const instant =
  (label: string): Check<string> =>
  (value) =>
    typeof value === 'string' &&
    value.length <= 40 &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) &&
    !Number.isNaN(Date.parse(value))
      ? { ok: true, value }
      : bad(`${label}无效`)

/** base64 text up to `maxChars` (the image itself is checked by magic bytes in the service). */
export const base64 =
  (label: string, maxChars: number): Check<string> =>
  (value) => {
    if (typeof value !== 'string' || value.length === 0) return bad(`请选择${label}`)
    if (value.length > maxChars) return bad(`${label}过大`)
    return /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? { ok: true, value } : bad(`${label}格式无效`)
  }
