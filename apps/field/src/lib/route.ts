import { createSignal } from 'solid-js'

/** The two screens behind the login, mirrored in the URL so the phone's back button works. */
export type Route =
  | { name: 'list' }
  | { name: 'task'; id: string }
  | { name: 'vehicle' }
  | { name: 'appointments' }

const BASE = import.meta.env.BASE_URL // '/field/'

function parse(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : ''
  if (rest === 'vehicle') return { name: 'vehicle' }
  if (rest === 'appointments') return { name: 'appointments' }
  const m = /^task\/([^/]+)$/.exec(rest)
  return m?.[1] ? { name: 'task', id: decodeURIComponent(m[1]) } : { name: 'list' }
}

function href(route: Route): string {
  if (route.name === 'vehicle') return `${BASE}vehicle`
  if (route.name === 'appointments') return `${BASE}appointments`
  return route.name === 'task' ? `${BASE}task/${encodeURIComponent(route.id)}` : BASE
}

const [route, setRoute] = createSignal<Route>(parse(location.pathname))
window.addEventListener('popstate', () => setRoute(parse(location.pathname)))

export { route }

export function navigate(to: Route, replace = false): void {
  const url = href(to)
  if (replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  setRoute(to)
  window.scrollTo(0, 0)
}

/** Back to the list: pop the history entry if the list is what lies behind it. */
export function back(): void {
  if (history.state?.fromList) history.back()
  else navigate({ name: 'list' }, true)
}

export function openTask(id: string): void {
  history.pushState({ fromList: true }, '', href({ name: 'task', id }))
  setRoute({ name: 'task', id })
  window.scrollTo(0, 0)
}
