import { createSignal, Show } from 'solid-js'
import { BackButton } from '../components/choice.tsx'
import { api, errorMessage, fieldErrors } from '../lib/trpc.ts'
import { TextField } from './legal-aid.tsx'

type Status = {
  receiptNo: string
  kindLabel: string
  officeName: string
  stage: string
  detail: string | null
}

/**
 * 查询办理进度: receipt number + the secret printed on the receipt. At the bound kiosk it calls
 * kiosk.lookupStatus; on the public page (the receipt's QR code, any phone) receipt.status. Both show
 * only the stage of that one request.
 */
export default function StatusLookup(props: {
  mode: 'kiosk' | 'public'
  receiptNo?: string
  onExit?: () => void
}) {
  const [receiptNo, setReceiptNo] = createSignal(props.receiptNo ?? '')
  const [secret, setSecret] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  const [result, setResult] = createSignal<Status | null>(null)

  const lookup = async () => {
    setError('')
    const no = receiptNo().replace(/\s+/g, '').toUpperCase()
    const code = secret().replace(/\s+/g, '')
    if (!no) return setError('请输入回执上的受理编号')
    if (!/^\d{8}$/.test(code)) return setError('查询码是回执上的8位数字')
    setBusy(true)
    try {
      const input = { receiptNo: no, secret: code }
      setResult(
        props.mode === 'kiosk'
          ? await api.kiosk.lookupStatus.mutate(input)
          : await api.receipt.status.mutate(input),
      )
      setSecret('')
    } catch (err) {
      setError(fieldErrors(err).secret ?? errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="panel">
      <Show when={props.onExit}>{(exit) => <BackButton onBack={exit()} label="返回首页" />}</Show>
      <h1>查询办理进度</h1>
      <Show
        when={result()}
        fallback={
          <>
            <p class="hint">请输入回执上的受理编号和8位查询码。查询码输错多次，该编号将被锁定。</p>
            <TextField
              id="st-no"
              label="受理编号"
              value={receiptNo()}
              error={undefined}
              onInput={setReceiptNo}
              max={20}
              mono
            />
            <TextField
              id="st-secret"
              label="查询码"
              value={secret()}
              error={undefined}
              onInput={setSecret}
              max={9}
              numeric
              mono
            />
            <Show when={error()}>
              <p class="error" role="alert">
                {error()}
              </p>
            </Show>
            <button type="button" class="btn primary huge" disabled={busy()} onClick={lookup}>
              {busy() ? '正在查询…' : '查询'}
            </button>
          </>
        }
      >
        {(r) => (
          <div class="result" role="status">
            <p class="hint">
              {r().officeName} · {r().kindLabel} · {r().receiptNo}
            </p>
            <p class="verdict likely">{r().stage}</p>
            <Show when={r().detail}>
              <p class="lead">{r().detail}</p>
            </Show>
            <div class="buttons">
              <button type="button" class="btn" onClick={() => setResult(null)}>
                查询其他编号
              </button>
              <Show when={props.onExit}>
                {(exit) => (
                  <button type="button" class="btn primary" onClick={exit()}>
                    完成
                  </button>
                )}
              </Show>
            </div>
          </div>
        )}
      </Show>
    </section>
  )
}
