import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { DeadlineAlerts } from '../components/deadline-alerts.tsx'
import { StatusBadge } from '../components/status-badge.tsx'
import { TopBar } from '../components/top-bar.tsx'
import { formatDateTime } from '../lib/format.ts'
import { cachedMine, refreshOfflineCopy, rememberStatus } from '../lib/offline-copy.ts'
import { onDelivered, shownStatus } from '../lib/outbox.ts'
import { navigate, openTask } from '../lib/route.ts'
import { api, errorCode, errorMessage, type Me, type TaskItem, type TaskStatus } from '../lib/trpc.ts'

type Filter = 'unfinished' | 'all' | Extract<TaskStatus, 'open' | 'in_progress' | 'done'>
// 未完成 first and by default: what is left to do, next due first; finished work stays one tap away.
const FILTERS: ReadonlyArray<{ value: Filter; label: string }> = [
  { value: 'unfinished', label: '未完成' },
  { value: 'all', label: '全部' },
  { value: 'open', label: '待办' },
  { value: 'in_progress', label: '办理中' },
  { value: 'done', label: '已完成' },
]
const PAGE_SIZE = 20

// Kept outside the component so the choice survives opening a task and coming back.
const [filter, setFilter] = createSignal<Filter>('unfinished')
const [mine, setMine] = createSignal(false)

export function TaskListPage(props: { me: Me; onLoggedOut: () => void }) {
  const [items, setItems] = createSignal<TaskItem[]>([])
  const [cursor, setCursor] = createSignal<string | null>(null)
  const [loading, setLoading] = createSignal(true)
  const [error, setError] = createSignal('')
  const [loadingMore, setLoadingMore] = createSignal(false)
  const [moreError, setMoreError] = createSignal('')
  const [offline, setOffline] = createSignal(false)
  // the tasks kept on the phone: the statutory-deadline warning reads them, online or not
  const [stored, setStored] = createSignal<ReadonlyArray<TaskItem>>(cachedMine())
  let generation = 0

  const query = (f: Filter, m: boolean, c?: string) =>
    api.task.list.query({
      ...(f === 'all' ? {} : { status: f }),
      ...(m ? { mine: true } : {}),
      ...(c ? { cursor: c } : {}),
      limit: PAGE_SIZE,
    })

  const load = async () => {
    const mine_ = mine()
    const f = filter()
    const gen = ++generation
    setLoading(true)
    setError('')
    setMoreError('')
    try {
      const res = await query(f, mine_)
      if (gen !== generation) return // a newer filter was chosen meanwhile
      setItems(res.items)
      setCursor(res.nextCursor)
      setOffline(false)
      void refreshOfflineCopy(props.me)
        .then(() => setStored(cachedMine()))
        .catch(() => {})
    } catch (err) {
      if (gen !== generation) return
      const code = errorCode(err)
      if (code === 'UNAUTHORIZED') props.onLoggedOut()
      setCursor(null)
      if (code === undefined) {
        // offline: the person's own current tasks as last saved on the phone (a queued start counts)
        const cached = cachedMine().filter((t) => {
          const status = shownStatus(t)
          return (
            f === 'all' ||
            status === f ||
            (f === 'unfinished' && (status === 'open' || status === 'in_progress'))
          )
        })
        setItems([...cached])
        setOffline(true)
      } else {
        setItems([])
        setError(errorMessage(err))
      }
    } finally {
      if (gen === generation) setLoading(false)
    }
  }
  createEffect(on([filter, mine], () => void load()))
  // a delivered action (a start queued offline) moves the card on without a reload
  onCleanup(
    onDelivered((taskId, status) => {
      setItems((list) => list.map((t) => (t.id === taskId ? { ...t, status } : t)))
      rememberStatus(taskId, status)
      setStored(cachedMine())
    }),
  )

  const loadMore = async () => {
    const c = cursor()
    if (!c) return
    setLoadingMore(true)
    setMoreError('')
    try {
      const res = await query(filter(), mine(), c)
      setItems((prev) => [...prev, ...res.items])
      setCursor(res.nextCursor)
    } catch (err) {
      setMoreError(errorMessage(err))
    } finally {
      setLoadingMore(false)
    }
  }

  const area = () => props.me.squad?.name ?? props.me.office?.name ?? ''

  return (
    <>
      <TopBar title="我的任务" me={props.me} onLoggedOut={props.onLoggedOut} />
      <main class="page">
        <Show when={area()}>
          <p class="muted small">
            {props.me.displayName} · {area()}辖区
          </p>
        </Show>
        <DeadlineAlerts tasks={stored()} nowMs={Date.now()} />
        <Show when={props.me.role === 'squadLeader' || props.me.role === 'squadMember'}>
          <button type="button" class="btn block" onClick={() => navigate({ name: 'vehicle' })}>
            执法车辆（今日用车、出车、还车）
          </button>
          <button type="button" class="btn block" onClick={() => navigate({ name: 'appointments' })}>
            今日咨询预约（辖区各司法所）
          </button>
        </Show>
        <fieldset class="chips">
          <legend class="sr-only">按状态筛选</legend>
          <For each={FILTERS}>
            {(f) => (
              <button
                type="button"
                class="chip"
                aria-pressed={filter() === f.value}
                onClick={() => setFilter(f.value)}
              >
                {f.label}
              </button>
            )}
          </For>
        </fieldset>
        <label class="check">
          <input type="checkbox" checked={mine()} onChange={(e) => setMine(e.currentTarget.checked)} />
          <span>只看分派给我的</span>
        </label>

        <Show when={offline()}>
          <p class="muted small" role="status">
            离线查看：显示的是上次联网时保存的本人待办任务
          </p>
        </Show>
        <Show when={error()}>
          <div class="error" role="alert">
            {error()}
            <button type="button" class="btn small" onClick={load}>
              重试
            </button>
          </div>
        </Show>
        <Show when={loading()}>
          <p class="muted" role="status">
            正在加载…
          </p>
        </Show>
        <Show when={!loading() && !error() && items().length === 0}>
          <p class="empty">暂无任务</p>
        </Show>

        <ul class="cards">
          <For each={items()}>{(task) => <TaskCard task={task} />}</For>
        </ul>

        <Show when={moreError()}>
          <p class="error" role="alert">
            {moreError()}
          </p>
        </Show>
        <Show when={cursor() && !loading()}>
          <button type="button" class="btn block" disabled={loadingMore()} onClick={loadMore}>
            {loadingMore() ? '正在加载…' : '加载更多'}
          </button>
        </Show>
      </main>
    </>
  )
}

function TaskCard(props: { task: TaskItem }) {
  const t = () => props.task
  return (
    <li>
      <a
        class="card"
        href={`${import.meta.env.BASE_URL}task/${encodeURIComponent(t().id)}`}
        data-testid={`task-row-${t().id}`}
        onClick={(e) => {
          if (e.ctrlKey || e.metaKey || e.shiftKey) return
          e.preventDefault()
          openTask(t().id)
        }}
      >
        <span class="card-head">
          <span class="card-title" id={`tt-${t().id}`}>
            {t().title}
          </span>
          <StatusBadge task={t()} />
        </span>
        <span class="card-meta" id={`td-${t().id}`}>
          <span>职责事项：{t().dutyTitle}</span>
          <span>
            截止时间：{formatDateTime(t().dueAt)}
            <Show when={t().overdue && t().status !== 'done' && t().status !== 'cancelled'}>
              <span class="overdue">已逾期</span>
            </Show>
          </span>
          <Show when={t().priority === 'high'}>
            <span class="urgent">紧急</span>
          </Show>
        </span>
      </a>
    </li>
  )
}
