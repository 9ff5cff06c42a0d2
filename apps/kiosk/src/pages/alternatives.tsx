import type { Refusal } from '../lib/trpc.ts'

/**
 * The other party expressly refuses mediation (人民调解法17): no mediation takes place, and the resident
 * is told at once what else they can do (人民调解法26: 仲裁、行政、司法等途径).
 */
export function AlternativesPage(props: { refusal: Refusal; onDone: () => void }) {
  return (
    <section class="panel receipt" aria-labelledby="refused-title">
      <h1 id="refused-title">对方拒绝调解，无法进行人民调解</h1>
      <p class="lead">{props.refusal.reason}。您的申请已记录，编号：</p>
      <p class="receipt-no" data-testid="receipt-no">
        {props.refusal.receiptNo}
      </p>
      <h2>您还可以通过以下途径解决纠纷</h2>
      <ul class="guide" aria-label="其他解决途径">
        {props.refusal.alternatives.map((a) => (
          <li>
            <strong>{a.route}</strong>：{a.detail}
          </li>
        ))}
      </ul>
      <p class="hint">如对方之后愿意调解，您可以再次申请；也可以直接到本所窗口咨询。</p>
      <button type="button" class="btn primary huge" onClick={props.onDone}>
        完成
      </button>
      <p class="hint">点击“完成”后，本屏幕上的内容将全部清除。</p>
    </section>
  )
}
