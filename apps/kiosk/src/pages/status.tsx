import { createSignal, Show } from 'solid-js'
import { ReceiptSecretForm } from '../components/receipt-secret.tsx'
import { Step } from '../components/step.tsx'
import { api } from '../lib/trpc.ts'

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
  const [result, setResult] = createSignal<Status | null>(null)
  return (
    <Step title="查询办理进度" onBack={props.onExit} backLabel="返回首页">
      <Show
        when={result()}
        fallback={
          <ReceiptSecretForm
            {...(props.receiptNo ? { receiptNo: props.receiptNo } : {})}
            action="查询"
            busyAction="正在查询…"
            send={async (input) => {
              setResult(
                props.mode === 'kiosk'
                  ? await api.kiosk.lookupStatus.mutate(input)
                  : await api.receipt.status.mutate(input),
              )
            }}
          />
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
    </Step>
  )
}
