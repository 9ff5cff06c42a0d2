import { useSearchParams } from 'react-router'

/**
 * A page's filters and open record kept in the URL (shareable, survive reload): `set` one key,
 * `update` several at once; null removes a key. History is replaced, not pushed, on every change.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams()
  const update = (patch: Readonly<Record<string, string | null>>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k)
      else next.set(k, v)
    }
    setParams(next, { replace: true })
  }
  return { params, update, set: (k: string, v: string | null) => update({ [k]: v }) }
}
