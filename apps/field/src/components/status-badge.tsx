import { Show } from 'solid-js'
import { statusLabel } from '../lib/format.ts'
import { shownStatus } from '../lib/outbox.ts'
import type { TaskStatus } from '../lib/trpc.ts'

/** A task's status; a 开始办理 still waiting in the outbox shows at once as 办理中（待同步）. */
export function StatusBadge(props: { task: { readonly id: string; readonly status: TaskStatus } }) {
  const status = () => shownStatus(props.task)
  return (
    <span class={`status s-${status()}`}>
      {statusLabel(status())}
      <Show when={status() !== props.task.status}>（待同步）</Show>
    </span>
  )
}
