import { createSignal, Show } from 'solid-js'
import { api, errorMessage } from '../lib/trpc.ts'

/** Staff activate the device with the one-time code issued in the admin app (设备登记). */
export function BindPage(props: { onBound: () => void }) {
  const [code, setCode] = createSignal('')
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const value = code().trim()
    if (!value) {
      setError('请输入登记码')
      return
    }
    setBusy(true)
    setError('')
    try {
      await api.kiosk.bind.mutate({ code: value })
      setCode('')
      props.onBound()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel">
      <h1>终端登记</h1>
      <p class="lead">本终端尚未登记，请工作人员输入登记码</p>
      <form onSubmit={submit} novalidate>
        <label class="label" for="bind-code">
          登记码
        </label>
        <input
          id="bind-code"
          class="input"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          value={code()}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? 'bind-error' : undefined}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p class="error" id="bind-error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" class="btn primary wide" disabled={busy()}>
          {busy() ? '正在登记…' : '登记'}
        </button>
      </form>
      <p class="hint">登记码由系统管理员或本所所长在“自助终端”中生成，仅能使用一次。</p>
    </section>
  )
}
