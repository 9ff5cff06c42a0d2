import { createSignal, type JSX, Show } from 'solid-js'
import { clearOutbox, pendingCount } from '../lib/outbox.ts'
import { clearAll } from '../lib/store.ts'
import { api, type Me } from '../lib/trpc.ts'

export function TopBar(props: { title: string; me: Me; onLoggedOut: () => void; left?: JSX.Element }) {
  const [busy, setBusy] = createSignal(false)
  const logout = async () => {
    const waiting = pendingCount()
    if (
      waiting > 0 &&
      !window.confirm(`还有 ${waiting} 条操作尚未上传，退出登录将删除手机上的这些记录。确定退出？`)
    )
      return
    setBusy(true)
    // Nothing of this person stays on the phone after logout. Cleared before the server ends the
    // session: its end closes the wartime stream, which reloads the app and would cut this short.
    await clearOutbox()
    clearAll()
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
