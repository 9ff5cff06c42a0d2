import { Show } from 'solid-js'

export type Printed = { receiptNo: string; secret: string; statusUrl: string; qrSvg: string }

/**
 * The receipt on screen and on paper (the browser's print, an 80 mm receipt layout in styles.css
 * @media print): receipt number, the secret for the status lookup, and a QR code (SVG made by the
 * server) for the public status page, which asks for the same secret.
 */
export function PrintedReceipt(props: {
  title: string
  officeName: string
  printed: Printed
  lines: ReadonlyArray<string>
  onDone: () => void
}) {
  const secret = () => `${props.printed.secret.slice(0, 4)} ${props.printed.secret.slice(4)}`
  return (
    <section class="panel receipt">
      <h1>{props.title}</h1>
      <div class="ticket" id="ticket">
        <p class="ticket-office">{props.officeName || '司法所'}</p>
        <p class="lead">受理编号</p>
        <p class="receipt-no" data-testid="receipt-no">
          {props.printed.receiptNo}
        </p>
        <p class="lead">查询码（请妥善保管，不要告诉他人）</p>
        <p class="secret" data-testid="receipt-secret">
          {secret()}
        </p>
        <Show when={props.printed.qrSvg}>
          {/* the server's SVG of the status page address; no script, no links */}
          <div class="qr" role="img" aria-label="查询办理进度的二维码" innerHTML={props.printed.qrSvg} />
        </Show>
        <p class="hint ticket-url">手机扫码或访问 {props.printed.statusUrl}，输入查询码即可查看办理进度。</p>
        <ul class="guide">
          {props.lines.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
      </div>
      <div class="buttons no-print">
        <button type="button" class="btn" onClick={() => window.print()}>
          打印回执
        </button>
        <button type="button" class="btn primary" onClick={props.onDone}>
          完成
        </button>
      </div>
      <p class="hint no-print">点击“完成”后，本屏幕上的内容将全部清除。</p>
    </section>
  )
}
