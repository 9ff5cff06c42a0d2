import { For, Show } from 'solid-js'
import './deadline-alerts.css'
import { formatDateTime } from '../lib/format.ts'
import { openTask } from '../lib/route.ts'
import type { TaskItem } from '../lib/trpc.ts'

const DAY = 86_400_000
const SHANGHAI = 8 * 3_600_000

/** The end of the Beijing day `days` after the one `nowMs` falls in. */
const endOfShanghaiDay = (nowMs: number, days: number): number =>
  Math.floor((nowMs + SHANGHAI) / DAY) * DAY - SHANGHAI + (days + 1) * DAY - 1

/**
 * Statutory tasks (法定期限, source 'statutory') overdue or due within three days, from the tasks kept on
 * the phone, so the warning shows offline too.
 */
export function pressingStatutory(tasks: ReadonlyArray<TaskItem>, nowMs: number): TaskItem[] {
  const until = endOfShanghaiDay(nowMs, 3)
  return tasks
    .filter(
      (t) =>
        t.source === 'statutory' &&
        (t.status === 'open' || t.status === 'in_progress') &&
        Date.parse(t.dueAt) <= until,
    )
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
}

export function DeadlineAlerts(props: { tasks: ReadonlyArray<TaskItem>; nowMs: number }) {
  const pressing = () => pressingStatutory(props.tasks, props.nowMs)
  const overdue = () => pressing().filter((t) => Date.parse(t.dueAt) < props.nowMs).length
  return (
    <Show when={pressing().length > 0}>
      <section class="deadline-alerts" aria-labelledby="deadline-alerts-title">
        <h2 id="deadline-alerts-title" class="small">
          法定期限提醒
          <Show when={overdue() > 0}>
            <span class="overdue">已逾期 {overdue()}</span>
          </Show>
          <Show when={pressing().length - overdue() > 0}>
            <span class="urgent">三日内到期 {pressing().length - overdue()}</span>
          </Show>
        </h2>
        <ul>
          <For each={pressing()}>
            {(t) => (
              <li>
                <a
                  href={`${import.meta.env.BASE_URL}task/${encodeURIComponent(t.id)}`}
                  onClick={(e) => {
                    e.preventDefault()
                    openTask(t.id)
                  }}
                >
                  {t.title}
                </a>
                <span class="muted small">
                  {' '}
                  截止 {formatDateTime(t.dueAt)}
                  {Date.parse(t.dueAt) < props.nowMs ? '（已逾期）' : ''}
                </span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  )
}
