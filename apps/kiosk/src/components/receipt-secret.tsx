import { createSignal } from 'solid-js'
import { errorMessage, fieldErrors } from '../lib/trpc.ts'
import { FieldError, TextField } from './fields.tsx'

export type ReceiptSecret = { receiptNo: string; secret: string }

/**
 * The receipt number and the 8-digit secret printed on the receipt, and one big button: what the
 * status lookup and the cancelling of a booking both ask. Checks the shape before the network; the
 * server's refusal (wrong secret, locked, too many) shows under the form. The secret is cleared after
 * every answer, so it never stays on a public screen.
 */
export function ReceiptSecretForm(props: {
  receiptNo?: string
  action: string
  busyAction: string
  send: (input: ReceiptSecret) => Promise<void>
}) {
  const [receiptNo, setReceiptNo] = createSignal(props.receiptNo ?? '')
  const [secret, setSecret] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')

  const go = async () => {
    setError('')
    const no = receiptNo().replace(/\s+/g, '').toUpperCase()
    const code = secret().replace(/\s+/g, '')
    if (!no) return setError('请输入回执上的受理编号')
    if (!/^\d{8}$/.test(code)) return setError('查询码是回执上的8位数字')
    setBusy(true)
    try {
      await props.send({ receiptNo: no, secret: code })
      setSecret('')
    } catch (err) {
      setError(fieldErrors(err).secret ?? errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <p class="hint">请输入回执上的受理编号和8位查询码。查询码输错多次，该编号将被锁定。</p>
      <TextField
        id="rs-no"
        label="受理编号"
        value={receiptNo()}
        error={undefined}
        onInput={setReceiptNo}
        max={20}
        mono
        upper
      />
      <TextField
        id="rs-secret"
        label="查询码"
        value={secret()}
        error={undefined}
        onInput={setSecret}
        max={9}
        numeric
        mono
      />
      <FieldError error={error()} />
      <button type="button" class="btn primary huge" disabled={busy()} onClick={go}>
        {busy() ? props.busyAction : props.action}
      </button>
    </>
  )
}
