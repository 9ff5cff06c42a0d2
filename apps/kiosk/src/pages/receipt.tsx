export function ReceiptPage(props: { receiptNo: string; officeName: string; onDone: () => void }) {
  return (
    <section class="panel receipt">
      <h1>申请已提交</h1>
      <p class="lead">您的受理编号是：</p>
      <p class="receipt-no" data-testid="receipt-no">
        {props.receiptNo}
      </p>
      <ul class="guide">
        <li>请记下或用手机拍下这个编号，咨询进度时请告诉工作人员。</li>
        <li>{props.officeName || '本司法所'}工作人员会通过您留下的手机号码与您联系，安排调解。</li>
        <li>如情况紧急或矛盾可能激化，请直接找本所工作人员，或拨打110。</li>
      </ul>
      <button type="button" class="btn primary huge" onClick={props.onDone}>
        完成
      </button>
      <p class="hint">点击“完成”后，本屏幕上的内容将全部清除。</p>
    </section>
  )
}
