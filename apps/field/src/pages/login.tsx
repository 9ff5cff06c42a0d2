import { createSignal, Match, Show, Switch } from 'solid-js'
import { api, errorMessage, type Me } from '../lib/trpc.ts'

// Sign-in on the phone, with the two steps a login may be held at: a one-time or expired password is
// changed here (squad staff often have no computer at hand), and a second factor is entered here. Only
// enrolling a second factor (a QR code to scan) is left to the console.

type Step = 'password' | 'changePassword' | 'totp'

export function LoginPage(props: { onLoggedIn: (me: Me) => void }) {
  const [step, setStep] = createSignal<Step>('password')
  const [username, setUsername] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [newPassword, setNewPassword] = createSignal('')
  const [confirm, setConfirm] = createSignal('')
  const [code, setCode] = createSignal('')
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)

  const run = async (action: () => Promise<void>) => {
    setBusy(true)
    setError('')
    try {
      await action()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  /** Goes on from wherever the session now stands: the next gate, or in. */
  const proceed = async (user: Me & { gate: string | null }) => {
    if (user.gate === null) {
      setPassword('')
      props.onLoggedIn(user)
    } else if (user.gate === 'changePassword') setStep('changePassword')
    else if (user.gate === 'totp') setStep('totp')
    else {
      await api.auth.logout.mutate({}).catch(() => undefined)
      setPassword('')
      setStep('password')
      throw new Error('您的账号须先绑定动态口令：请在电脑上登录管理后台（/admin/）扫码绑定，再回到手机登录')
    }
  }

  const signIn = (e: SubmitEvent) => {
    e.preventDefault()
    if (!username().trim() || !password()) {
      setError('请输入用户名和密码')
      return
    }
    void run(async () => {
      const { user } = await api.auth.login.mutate({ username: username().trim(), password: password() })
      await proceed(user)
    })
  }

  const change = (e: SubmitEvent) => {
    e.preventDefault()
    if (!newPassword()) return setError('请输入新密码')
    if (newPassword() !== confirm()) return setError('两次输入的新密码不一致')
    void run(async () => {
      await api.auth.changePassword.mutate({ oldPassword: password(), newPassword: newPassword() })
      setNewPassword('')
      setConfirm('')
      const me = await api.auth.me.query()
      if (!me) throw new Error('登录已过期，请重新登录')
      await proceed(me)
    })
  }

  const verify = (e: SubmitEvent) => {
    e.preventDefault()
    if (!/^\d{6}$/.test(code())) return setError('请输入手机验证器上的 6 位动态口令')
    void run(async () => {
      await api.auth.verifyTotp.mutate({ code: code() })
      setCode('')
      const me = await api.auth.me.query()
      if (!me) throw new Error('登录已结束，请重新登录')
      await proceed(me)
    })
  }

  const cancel = () =>
    void run(async () => {
      await api.auth.logout.mutate({}).catch(() => undefined)
      setPassword('')
      setNewPassword('')
      setConfirm('')
      setCode('')
      setStep('password')
    })

  const errorLine = () => (
    <Show when={error()}>
      <p class="error" role="alert">
        {error()}
      </p>
    </Show>
  )

  return (
    <main class="page login">
      <h1>
        平战 · 移动执法
        <small>沂源县司法局</small>
      </h1>
      <Switch>
        <Match when={step() === 'password'}>
          <form onSubmit={signIn} novalidate>
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
            <PasswordField
              label="密码"
              name="password"
              autocomplete="current-password"
              value={password()}
              onInput={setPassword}
            />
            {errorLine()}
            <button type="submit" class="btn primary block" disabled={busy()}>
              {busy() ? '正在登录…' : '登录'}
            </button>
          </form>
        </Match>
        <Match when={step() === 'changePassword'}>
          <form onSubmit={change} novalidate aria-labelledby="change-title">
            <h2 id="change-title">请先修改密码</h2>
            <p class="muted">
              您使用的是初始密码或密码已过期。新密码至少 8 位，包含大写字母、小写字母、数字、符号中的至少 3
              类，不能是常见密码或最近用过的密码。
            </p>
            <PasswordField
              label="新密码"
              name="newPassword"
              autocomplete="new-password"
              value={newPassword()}
              onInput={setNewPassword}
            />
            <PasswordField
              label="再次输入新密码"
              name="confirm"
              autocomplete="new-password"
              value={confirm()}
              onInput={setConfirm}
            />
            {errorLine()}
            <button type="submit" class="btn primary block" disabled={busy()}>
              {busy() ? '正在保存…' : '修改密码并登录'}
            </button>
            <button type="button" class="btn ghost block" disabled={busy()} onClick={cancel}>
              取消，退出登录
            </button>
          </form>
        </Match>
        <Match when={step() === 'totp'}>
          <form onSubmit={verify} novalidate aria-labelledby="totp-title">
            <h2 id="totp-title">请输入动态口令</h2>
            <p class="muted">打开手机上的验证器应用，输入“平战”显示的 6 位数字。</p>
            <label class="field">
              <span>动态口令</span>
              <input
                name="code"
                inputmode="numeric"
                autocomplete="one-time-code"
                maxLength={6}
                value={code()}
                onInput={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
              />
            </label>
            {errorLine()}
            <button type="submit" class="btn primary block" disabled={busy()}>
              {busy() ? '正在验证…' : '验证并登录'}
            </button>
            <button type="button" class="btn ghost block" disabled={busy()} onClick={cancel}>
              取消，退出登录
            </button>
          </form>
        </Match>
      </Switch>
    </main>
  )
}

/** A password input with its visible label, as the sign-in and the password change ask for it. */
function PasswordField(props: {
  label: string
  name: string
  autocomplete: 'current-password' | 'new-password'
  value: string
  onInput: (value: string) => void
}) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        name={props.name}
        type="password"
        autocomplete={props.autocomplete}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </label>
  )
}
