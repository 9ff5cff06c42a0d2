import { Show } from 'solid-js'
import { createOnline } from '../lib/online.ts'

export function OfflineBanner() {
  const online = createOnline()
  return (
    <Show when={!online()}>
      <div class="offline" role="alert">
        <strong>网络不可用</strong>
        <span>签到、备注、照片和标记完成会先保存在手机上，联网后自动上传。</span>
      </div>
    </Show>
  )
}
