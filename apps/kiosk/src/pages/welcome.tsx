import { Show } from 'solid-js'

/** The four services, each one touch away. */
export function WelcomePage(props: {
  officeName: string
  onStart: () => void
  onLegalAid: () => void
  onAppointment?: (() => void) | undefined
  onStatus: () => void
}) {
  return (
    <section class="welcome">
      <h1>
        欢迎来到
        <br />
        {props.officeName}
      </h1>
      <p class="lead">请点击您要办理的事项。以下服务都不收取任何费用。</p>
      <div class="services">
        <button type="button" class="btn primary service" onClick={props.onStart}>
          申请人民调解
          <span class="service-sub">邻里、家庭、合同、损害赔偿等民间纠纷</span>
        </button>
        <button type="button" class="btn primary service" onClick={props.onLegalAid}>
          申请法律援助
          <span class="service-sub">讨薪、赡养、工伤、交通事故等，看看能否申请</span>
        </button>
        <Show when={props.onAppointment}>
          {(open) => (
            <button type="button" class="btn primary service" onClick={open()}>
              预约法律咨询
              <span class="service-sub">选一个时间，到所里当面咨询</span>
            </button>
          )}
        </Show>
        <button type="button" class="btn service" onClick={props.onStatus}>
          查询办理进度
          <span class="service-sub">凭回执上的受理编号和查询码</span>
        </button>
      </div>
      <p class="hint">如需帮助，请咨询本所工作人员。点击右上角“朗读本页”可以听到屏幕上的内容。</p>
    </section>
  )
}
