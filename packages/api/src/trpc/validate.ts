import { fail } from './errors.ts'

// Hand-written validators: every failure names the field and says what is wrong in Chinese.

export type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; message: string }

interface OptionalCheck<T> {
  readonly optional: Check<T>
}

type Shape = Record<string, Check<unknown> | OptionalCheck<unknown>>

type Required<S extends Shape> = {
  [K in keyof S as S[K] extends OptionalCheck<unknown> ? never : K]: S[K] extends Check<infer T> ? T : never
}
type Optional<S extends Shape> = {
  [K in keyof S as S[K] extends OptionalCheck<unknown> ? K : never]?: S[K] extends OptionalCheck<infer T>
    ? T
    : never
}
type Simplify<T> = { [K in keyof T]: T[K] } & {}
export type Infer<S extends Shape> = Simplify<Required<S> & Optional<S>>

const ok = <T>(value: T) => ({ ok: true as const, value })
const bad = (message: string) => ({ ok: false as const, message })

export const optional = <T>(check: Check<T>): OptionalCheck<T> => ({ optional: check })

/** Trimmed text of `min`–`max` characters (counted as code points). */
export const text =
  (label: string, min: number, max: number, pattern?: { re: RegExp; message: string }): Check<string> =>
  (value) => {
    if (typeof value !== 'string') return bad(`请填写${label}`)
    // PostgreSQL text cannot hold NUL (a 500 before this check, found by the fuzz test)
    if (value.includes('\u0000')) return bad(`${label}含有无效字符`)
    const v = value.trim()
    const length = [...v].length
    if (length === 0 && min > 0) return bad(`请填写${label}`)
    if (length < min) return bad(`${label}至少 ${min} 个字`)
    if (length > max) return bad(`${label}不能超过 ${max} 个字`)
    if (pattern && !pattern.re.test(v)) return bad(pattern.message)
    return ok(v)
  }

export const id =
  (label: string): Check<string> =>
  (value) =>
    typeof value === 'string' && /^[0-9a-zA-Z-]{1,64}$/.test(value) ? ok(value) : bad(`${label}无效`)

export const oneOf =
  <const T extends string>(label: string, values: ReadonlyArray<T>): Check<T> =>
  (value) =>
    typeof value === 'string' && (values as ReadonlyArray<string>).includes(value)
      ? ok(value as T)
      : bad(`${label}无效`)

export const int =
  (label: string, min: number, max: number): Check<number> =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? ok(value)
      : bad(`${label}应为 ${min}–${max} 的整数`)

export const bool =
  (label: string): Check<boolean> =>
  (value) =>
    typeof value === 'boolean' ? ok(value) : bad(`${label}应为是或否`)

export const literalTrue =
  (message: string): Check<true> =>
  (value) =>
    value === true ? ok(true as const) : bad(message)

const isRealDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

export const date =
  (label: string): Check<string> =>
  (value) =>
    typeof value === 'string' && isRealDate(value) ? ok(value) : bad(`${label}应为有效日期（年-月-日）`)

/** A date (YYYY-MM-DD) or a full ISO instant. */
export const dateOrInstant =
  (label: string): Check<string> =>
  (value) => {
    if (typeof value !== 'string') return bad(`${label}无效`)
    if (isRealDate(value)) return ok(value)
    const d = new Date(value)
    return value.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(d.getTime())
      ? ok(d.toISOString())
      : bad(`${label}应为日期（年-月-日）或时间`)
  }

export const cursor: Check<string> = (value) =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{1,400}$/.test(value) ? ok(value) : bad('分页参数无效')

/**
 * Builds a tRPC input parser. Unknown keys are dropped; every invalid field is reported at once as
 * BAD_REQUEST with `fieldErrors` keyed by the input names.
 */
export const object = <S extends Shape>(shape: S): ((raw: unknown) => Infer<S>) => {
  const entries = Object.entries(shape)
  return (raw) => {
    const input: Record<string, unknown> =
      raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
    const out: Record<string, unknown> = {}
    const errors: Record<string, string> = {}
    for (const [key, spec] of entries) {
      const value = Object.hasOwn(input, key) ? input[key] : undefined
      if ('optional' in spec) {
        if (value === undefined || value === null) continue
        const r = spec.optional(value)
        if (r.ok) out[key] = r.value
        else errors[key] = r.message
      } else {
        const r = (spec as Check<unknown>)(value)
        if (r.ok) out[key] = r.value
        else errors[key] = r.message
      }
    }
    const messages = Object.values(errors)
    if (messages.length > 0) {
      throw fail('BAD_REQUEST', 'InvalidInput', `输入有误：${messages.join('；')}`, errors)
    }
    return out as Infer<S>
  }
}

/** A password: not trimmed, only bounded. */
export const secret =
  (label: string, max: number): Check<string> =>
  (value) =>
    typeof value !== 'string' || value.length === 0
      ? bad(`请填写${label}`)
      : value.length > max
        ? bad(`${label}过长`)
        : ok(value)

/** Procedures without input accept nothing or an empty object (`mutate()` and `mutate({})` both type-check). */
export const empty = (raw: unknown): Record<string, never> | undefined => {
  object({})(raw)
  return undefined
}
