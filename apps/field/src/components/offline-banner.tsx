import { Show } from 'solid-js'
import { createOnline } from '../lib/online.ts'

export function OfflineBanner() {
  const online = createOnline()
  return (
    <Show when={!online()}>
      <div class="offline" role="alert">
        <strong>网络不可用</strong>
        <span>请到信号较好的地方后重试，已填写的内容请勿关闭页面。</span>
      </div>
    </Show>
  )
}
