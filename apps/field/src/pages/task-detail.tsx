import { createSignal, For, onMount, Show } from 'solid-js'
import { TopBar } from '../components/top-bar.tsx'
import { formatDateTime, HISTORY_LABELS, statusLabel } from '../lib/format.ts'
import { back } from '../lib/route.ts'
import { api, errorCode, errorMessage, type Me, type TaskDetail } from '../lib/trpc.ts'

export function TaskDetailPage(props: { id: string; me: Me; onLoggedOut: () => void }) {
  const [task, setTask] = createSignal<TaskDetail>()
  const [loadError, setLoadError] = createSignal('')
  const [loading, setLoading] = createSignal(true)
  const load = async () => {
    setLoading(true)
    setLoadError('')
    try {
      setTask(await api.task.get.query({ id: props.id }))
    } catch (err) {
      if (errorCode(err) === 'UNAUTHORIZED') props.onLoggedOut()
      setLoadError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }
  onMount(load)
  const [completing, setCompleting] = createSignal(false)
  const [note, setNote] = createSignal('')
  const [noteError, setNoteError] = createSignal('')
  const [actionError, setActionError] = createSignal('')
  const [notice, setNotice] = createSignal('')
  const [busy, setBusy] = createSignal(false)

  const run = async (action: (t: TaskDetail) => Promise<unknown>, done: string) => {
    const t = task()
    if (!t) return
    setBusy(true)
    setActionError('')
    setNotice('')
    try {
      await action(t)
      // task.start/complete return the task without its history; reload the full record.
      setTask(await api.task.get.query({ id: t.id }))
      setNotice(done)
      return true
    } catch (err) {
      const code = errorCode(err)
      if (code === 'UNAUTHORIZED') props.onLoggedOut()
      setActionError(errorMessage(err))
      // Someone else changed the task: show what it is now, keep the note the user typed.
      if (code === 'CONFLICT') void load()
      return false
    } finally {
      setBusy(false)
    }
  }

  const start = () => run((t) => api.task.start.mutate({ id: t.id, version: t.version }), '已开始办理')

  const complete = async (e: SubmitEvent) => {
    e.preventDefault()
    const text = note().trim()
    if (!text) {
      setNoteError('请填写办理情况')
      return
    }
    setNoteError('')
    const ok = await run(
      (t) => api.task.complete.mutate({ id: t.id, version: t.version, note: text }),
      '已标记完成',
    )
    if (ok) {
      setCompleting(false)
      setNote('')
    }
  }

  const backButton = (
    <button type="button" class="btn ghost" onClick={back}>
      ‹ 返回
    </button>
  )

  return (
    <>
      <TopBar title="任务详情" me={props.me} onLoggedOut={props.onLoggedOut} left={backButton} />
      <main class="page">
        <Show when={loadError() && !task()}>
          <div class="error" role="alert">
            {loadError()}
          </div>
          <button type="button" class="btn block" onClick={load}>
            重试
          </button>
        </Show>
        <Show when={loading() && !task()}>
          <p class="muted" role="status">
            正在加载…
          </p>
        </Show>
        <Show when={task()}>
          {(t) => (
            <article class="detail">
              <h2>{t().title}</h2>
              <p class="row">
                <span class={`status s-${t().status}`}>{statusLabel(t().status)}</span>
                <Show when={t().priority === 'high'}>
                  <span class="urgent">紧急</span>
                </Show>
                <Show when={t().overdue && t().status !== 'done' && t().status !== 'cancelled'}>
                  <span class="overdue">已逾期</span>
                </Show>
              </p>
              <dl>
                <dt>职责事项</dt>
                <dd>{t().dutyTitle}</dd>
                <dt>截止时间</dt>
                <dd>{formatDateTime(t().dueAt)}</dd>
                <dt>承办单位</dt>
                <dd>{t().unitName}</dd>
                <dt>办理人员</dt>
                <dd>
                  {t()
                    .assignees.map((a) => a.displayName)
                    .join('、') || '未分派'}
                </dd>
                <Show when={t().source === 'kiosk'}>
                  <dt>来源</dt>
                  <dd>自助终端人民调解申请</dd>
                </Show>
              </dl>
              <h3>任务说明</h3>
              <p class="desc">{t().description || '（无）'}</p>

              <Show when={t().status === 'done'}>
                <h3>办理情况</h3>
                <p class="desc">{t().completionNote}</p>
                <p class="muted small">
                  {t().completedByName} · {t().completedAt ? formatDateTime(t().completedAt ?? '') : ''}
                </p>
              </Show>

              <Show when={notice()}>
                <p class="ok" role="status">
                  {notice()}
                </p>
              </Show>
              <Show when={actionError()}>
                <p class="error" role="alert">
                  {actionError()}
                </p>
              </Show>

              <div class="actions">
                <Show when={t().status === 'open'}>
                  <button type="button" class="btn primary block" disabled={busy()} onClick={start}>
                    开始办理
                  </button>
                </Show>
                <Show when={(t().status === 'open' || t().status === 'in_progress') && !completing()}>
                  <button
                    type="button"
                    class="btn block"
                    classList={{ primary: t().status === 'in_progress' }}
                    disabled={busy()}
                    onClick={() => setCompleting(true)}
                  >
                    标记完成
                  </button>
                </Show>
              </div>

              <Show when={completing() && (t().status === 'open' || t().status === 'in_progress')}>
                <form class="complete" onSubmit={complete} novalidate>
                  <label class="field" for="completion-note">
                    <span>办理情况</span>
                  </label>
                  <textarea
                    id="completion-note"
                    rows={5}
                    maxLength={1000}
                    value={note()}
                    aria-invalid={noteError() ? 'true' : undefined}
                    aria-describedby={noteError() ? 'completion-note-error' : undefined}
                    onInput={(e) => setNote(e.currentTarget.value)}
                  />
                  <Show when={noteError()}>
                    <p class="error" id="completion-note-error" role="alert">
                      {noteError()}
                    </p>
                  </Show>
                  <div class="row">
                    <button type="submit" class="btn primary grow" disabled={busy()}>
                      确认完成
                    </button>
                    <button type="button" class="btn" disabled={busy()} onClick={() => setCompleting(false)}>
                      取消
                    </button>
                  </div>
                </form>
              </Show>

              <h3>办理记录</h3>
              <Show when={t().history.length > 0} fallback={<p class="muted">暂无记录</p>}>
                <ol class="history">
                  <For each={t().history}>
                    {(h) => (
                      <li>
                        <span class="muted small">{formatDateTime(h.at)}</span>
                        <span>
                          {h.actorName} · {HISTORY_LABELS[h.kind] ?? h.kind}
                        </span>
                        <Show when={h.note}>
                          <span class="small">{h.note}</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </article>
          )}
        </Show>
      </main>
    </>
  )
}
