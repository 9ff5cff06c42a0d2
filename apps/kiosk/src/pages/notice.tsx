import { createSignal, For, Show } from 'solid-js'

/**
 * 告知 before anything is typed (个人信息保护法 第十七条): what is collected, why, who sees it,
 * how long it is kept. The server's own notice text of the current version follows in full.
 */
export function NoticePage(props: {
  officeName: string
  notice: string
  onAgree: () => void
  onBack: () => void
}) {
  const [agreed, setAgreed] = createSignal(false)
  // 个人信息保护法29: the ID number is sensitive and gets its own consent
  const [sensitive, setSensitive] = createSignal(false)
  const paragraphs = () =>
    props.notice
      .split(/\n+/)
      .map((p) => p.trim())
      .filter(Boolean)

  return (
    <section class="panel">
      <h1>个人信息告知</h1>
      <p class="lead">提交申请前，请您阅读以下内容：</p>
      <dl class="notice">
        <dt>收集哪些信息</dt>
        <dd>姓名、手机号、身份证号、纠纷概要、对方当事人，以及是否为多人参与的群体性纠纷。</dd>
        <dt>为什么收集</dt>
        <dd>
          用于受理和联系调解：核实申请人身份、通知调解时间、了解纠纷情况。身份证号属于敏感个人信息，仅用于核实身份，保存时加密，显示时隐去中间部分。
        </dd>
        <dt>谁能看到</dt>
        <dd>
          仅{props.officeName}（本司法所工作人员）及依法承办本次调解的人员。本终端不会显示其他人的任何信息。
        </dd>
        <dt>保存多久</dt>
        <dd>
          按人民调解档案管理的规定期限保存，期满后依法删除；不用于调解以外的其他用途。您可以向本所工作人员查询、更正或要求删除您的信息。
        </dd>
        <dt>未成年人</dt>
        <dd>
          申请人未满十四周岁的，由父母或其他监护人代为填写并同意；还会收集监护人的姓名、与申请人的关系、身份证号和手机号码（个人信息保护法第三十一条）。
        </dd>
      </dl>
      <Show when={paragraphs().length > 0}>
        <details class="full-notice">
          <summary>查看告知书全文</summary>
          <For each={paragraphs()}>{(p) => <p>{p}</p>}</For>
        </details>
      </Show>
      <label class="consent">
        <input type="checkbox" checked={agreed()} onChange={(e) => setAgreed(e.currentTarget.checked)} />
        <span>我已阅读并同意上述告知</span>
      </label>
      <label class="consent">
        <input
          type="checkbox"
          checked={sensitive()}
          onChange={(e) => setSensitive(e.currentTarget.checked)}
        />
        <span>我单独同意处理身份证号这一敏感个人信息</span>
      </label>
      <div class="buttons">
        <button type="button" class="btn" onClick={props.onBack}>
          不同意，返回首页
        </button>
        <button
          type="button"
          class="btn primary"
          disabled={!agreed() || !sensitive()}
          onClick={props.onAgree}
        >
          下一步
        </button>
      </div>
    </section>
  )
}
