import { createSignal, type JSX, Show } from 'solid-js'
import { api, type Me } from '../lib/trpc.ts'

export function TopBar(props: { title: string; me: Me; onLoggedOut: () => void; left?: JSX.Element }) {
  const [busy, setBusy] = createSignal(false)
  const logout = async () => {
    setBusy(true)
    try {
      await api.auth.logout.mutate({})
    } catch {
      // The session may already be gone; the screen logs out either way.
    } finally {
      setBusy(false)
      props.onLoggedOut()
    }
  }
  return (
    <header class="topbar">
      <Show when={props.left}>{props.left}</Show>
      <h1>{props.title}</h1>
      <button type="button" class="btn ghost" disabled={busy()} onClick={logout}>
        退出登录
      </button>
    </header>
  )
}
