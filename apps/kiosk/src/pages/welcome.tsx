export function WelcomePage(props: { officeName: string; onStart: () => void }) {
  return (
    <section class="welcome">
      <h1>
        欢迎来到
        <br />
        {props.officeName}
      </h1>
      <p class="lead">
        邻里、家庭、合同、损害赔偿等民间纠纷，可以在这里申请人民调解。人民调解不收取任何费用。
      </p>
      <button type="button" class="btn primary huge" onClick={props.onStart}>
        申请人民调解
      </button>
      <p class="hint">如需帮助，请咨询本所工作人员。</p>
    </section>
  )
}
