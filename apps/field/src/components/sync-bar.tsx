import { Show } from 'solid-js'
import { pendingCount, rejectedCount, syncError, syncing } from '../lib/outbox.ts'

/** What waits in the outbox, always visible: nothing is lost silently. */
export function SyncBar() {
  return (
    <Show when={pendingCount() > 0 || rejectedCount() > 0}>
      <div class="syncbar" role="status" aria-live="polite">
        <Show when={pendingCount() > 0}>
          <span>
            {syncing() ? '正在上传…' : `${pendingCount()} 条操作待上传`}
            <Show when={!syncing() && navigator.onLine && !syncError()}>（稍后自动重试）</Show>
          </span>
        </Show>
        <Show when={rejectedCount() > 0}>
          <strong class="error-text">{rejectedCount()} 条操作未被接受，请打开对应任务处理</strong>
        </Show>
        <Show when={syncError()}>
          <span>{syncError()}</span>
        </Show>
      </div>
    </Show>
  )
}
