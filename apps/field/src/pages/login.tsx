import { createSignal, Show } from 'solid-js'
import { api, errorMessage, type Me } from '../lib/trpc.ts'

export function LoginPage(props: { onLoggedIn: (me: Me) => void }) {
  const [username, setUsername] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    if (!username().trim() || !password()) {
      setError('请输入用户名和密码')
      return
    }
    setBusy(true)
    setError('')
    try {
      const { user } = await api.auth.login.mutate({ username: username().trim(), password: password() })
      setPassword('')
      if (user.gate !== null) {
        // a one-time or expired password, or a second factor: cleared in the admin console, not here
        await api.auth.logout.mutate({}).catch(() => undefined)
        setError(
          user.gate === 'changePassword'
            ? '请先在电脑上登录管理后台（/admin/）修改初始密码，再回到手机登录'
            : '您的账号需要动态口令，请在电脑上登录管理后台（/admin/）完成验证',
        )
        return
      }
      props.onLoggedIn(user)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main class="page login">
      <h1>
        平战 · 移动执法
        <small>沂源县司法局</small>
      </h1>
      <form onSubmit={submit} novalidate>
        <label class="field">
          <span>用户名</span>
          <input
            name="username"
            autocomplete="username"
            autocapitalize="off"
            spellcheck={false}
            value={username()}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>密码</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" class="btn primary block" disabled={busy()}>
          {busy() ? '正在登录…' : '登录'}
        </button>
      </form>
    </main>
  )
}
