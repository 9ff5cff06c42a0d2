import { createSignal } from 'solid-js'
import { ContrastSwitch } from '../components/toolbar.tsx'
import { readAloud } from '../lib/speech.ts'
import StatusLookup from './status.tsx'

/** The public status page (outside the bound kiosk): the receipt number comes from the QR code. */
export default function PublicStatus() {
  const no = new URLSearchParams(location.search).get('no') ?? ''
  const [high, setHigh] = createSignal(false)
  return (
    <div class="kiosk public">
      <header class="bar">
        <div>
          <div class="office">沂源县公共法律服务</div>
          <div class="sub">办理进度查询</div>
        </div>
        <div class="tools">
          <ContrastSwitch high={high()} onChange={setHigh} />
          <button type="button" class="btn ghost small" onClick={() => readAloud()}>
            朗读本页
          </button>
        </div>
      </header>
      <main class="screen">
        <StatusLookup mode="public" receiptNo={/^[A-Z0-9-]{1,20}$/i.test(no) ? no : ''} />
      </main>
    </div>
  )
}
