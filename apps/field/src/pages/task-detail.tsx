import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { StatusBadge } from '../components/status-badge.tsx'
import { TopBar } from '../components/top-bar.tsx'
import { formatDateTime, HISTORY_LABELS } from '../lib/format.ts'
import { currentPosition } from '../lib/geo.ts'
import { cachedDetail, storeDetail } from '../lib/offline-copy.ts'
import {
  ACTION_LABELS,
  type ActionKind,
  discard,
  enqueue,
  onDelivered,
  outboxItems,
  retry,
  shownStatus,
} from '../lib/outbox.ts'
import { compressPhoto } from '../lib/photo.ts'
import { back } from '../lib/route.ts'
import { api, errorCode, errorMessage, type Me, type TaskDetail } from '../lib/trpc.ts'

const EVIDENCE_LABELS: Record<string, string> = { checkin: '签到', note: '备注', photo: '照片' }

export function TaskDetailPage(props: { id: string; me: Me; onLoggedOut: () => void }) {
  const [task, setTask] = createSignal<TaskDetail>()
  const [fromCache, setFromCache] = createSignal(false)
  const [loadError, setLoadError] = createSignal('')
  const [loading, setLoading] = createSignal(true)
  const load = async () => {
    setLoading(true)
    setLoadError('')
    try {
      const t = await api.task.get.query({ id: props.id })
      setTask(t)
      setFromCache(false)
      storeDetail(t, props.me)
    } catch (err) {
      const code = errorCode(err)
      if (code === 'UNAUTHORIZED') props.onLoggedOut()
      const cached = code === undefined ? cachedDetail(props.id) : null
      if (cached) {
        setTask(cached)
        setFromCache(true)
      } else setLoadError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }
  onMount(load)
  onCleanup(
    onDelivered((taskId, status) => {
      if (taskId !== props.id) return
      // the answered status at once (a delivered start must not flash back to 待办), then the rest
      setTask((t) => (t ? { ...t, status } : t))
      void load()
    }),
  )

  const queued = () => outboxItems().filter((i) => i.taskId === props.id)
  const queuedDone = () => queued().some((i) => i.kind === 'complete')
  // what the phone shows: a queued 开始办理 moves the task to 办理中 at once
  const status = () => {
    const t = task()
    return t ? shownStatus(t) : undefined
  }
  const active = () => {
    const s = status()
    return (s === 'open' || s === 'in_progress') && !queuedDone()
  }

  const [panel, setPanel] = createSignal<'none' | 'note' | 'complete'>('none')
  const [text, setText] = createSignal('')
  const [textError, setTextError] = createSignal('')
  const [actionError, setActionError] = createSignal('')
  const [notice, setNotice] = createSignal('')
  const [busy, setBusy] = createSignal(false)

  const queue = async (kind: ActionKind, extra: Record<string, unknown> = {}): Promise<boolean> => {
    const t = task()
    if (!t) return false
    const ok = await enqueue({ taskId: t.id, taskTitle: t.title, kind, ...extra })
    if (!ok) {
      setActionError('手机存储空间不足，未能保存，请删除部分照片后重试')
      return false
    }
    setNotice(
      navigator.onLine
        ? `${ACTION_LABELS[kind]}已提交`
        : `${ACTION_LABELS[kind]}已保存在手机上，联网后自动上传`,
    )
    return true
  }

  const checkIn = async () => {
    setBusy(true)
    setActionError('')
    setNotice('')
    try {
      const p = await currentPosition()
      await queue('checkin', { lat: p.lat, lng: p.lng, accuracy: p.accuracy })
    } catch (err) {
      setActionError(err instanceof Error ? err.message : '暂时无法获取位置')
    } finally {
      setBusy(false)
    }
  }

  const submitText = async (e: SubmitEvent) => {
    e.preventDefault()
    const value = text().trim()
    const kind = panel() === 'complete' ? 'complete' : 'note'
    if (!value) {
      setTextError(kind === 'complete' ? '请填写办理情况' : '请填写备注内容')
      return
    }
    if (busy()) return
    setTextError('')
    setActionError('')
    setBusy(true)
    try {
      if (await queue(kind, { note: value })) {
        setPanel('none')
        setText('')
      }
    } finally {
      setBusy(false)
    }
  }

  let fileInput: HTMLInputElement | undefined
  const addPhoto = async (file: File | undefined) => {
    if (!file) return
    setBusy(true)
    setActionError('')
    setNotice('')
    try {
      await queue('photo', { photo: await compressPhoto(file) })
    } catch (err) {
      setActionError(err instanceof Error ? err.message : '照片无法处理')
    } finally {
      setBusy(false)
      if (fileInput) fileInput.value = ''
    }
  }

  // Through the outbox like every field action, so it works without signal too.
  const start = async () => {
    if (busy()) return
    setBusy(true)
    setActionError('')
    setNotice('')
    try {
      await queue('start')
    } finally {
      setBusy(false)
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
                <StatusBadge task={t()} />
                <Show when={queuedDone()}>
                  <span class="status s-done">已完成（待同步）</span>
                </Show>
                <Show when={t().priority === 'high'}>
                  <span class="urgent">紧急</span>
                </Show>
                <Show when={t().overdue && t().status !== 'done' && t().status !== 'cancelled'}>
                  <span class="overdue">已逾期</span>
                </Show>
              </p>
              <Show when={fromCache()}>
                <p class="muted small" role="status">
                  离线查看：显示的是上次联网时保存的内容
                </p>
              </Show>
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
              <Show when={t().status === 'cancelled'}>
                <h3>撤销原因</h3>
                <p class="desc">{t().cancelReason}</p>
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

              <Show when={active()}>
                <div class="actions grid2">
                  <button type="button" class="btn big" disabled={busy()} onClick={checkIn}>
                    签到
                  </button>
                  <button type="button" class="btn big" disabled={busy()} onClick={() => setPanel('note')}>
                    添加备注
                  </button>
                  <label class="btn big file">
                    添加照片
                    <input
                      ref={fileInput}
                      type="file"
                      accept="image/*"
                      capture="environment"
                      disabled={busy()}
                      onChange={(e) => void addPhoto(e.currentTarget.files?.[0])}
                    />
                  </label>
                  <button
                    type="button"
                    class="btn big primary"
                    disabled={busy()}
                    onClick={() => setPanel('complete')}
                  >
                    标记完成
                  </button>
                </div>
                <Show when={status() === 'open'}>
                  <button type="button" class="btn block" disabled={busy()} onClick={start}>
                    开始办理
                  </button>
                </Show>
              </Show>

              <Show when={panel() !== 'none' && active()}>
                <form class="complete" onSubmit={submitText} novalidate>
                  <label class="field" for="action-text">
                    <span>{panel() === 'complete' ? '办理情况' : '备注内容'}</span>
                  </label>
                  <textarea
                    id="action-text"
                    rows={5}
                    maxLength={1000}
                    value={text()}
                    aria-invalid={textError() ? 'true' : undefined}
                    onInput={(e) => setText(e.currentTarget.value)}
                  />
                  <Show when={textError()}>
                    <p class="error" role="alert">
                      {textError()}
                    </p>
                  </Show>
                  <div class="row">
                    <button type="submit" class="btn primary grow" disabled={busy()}>
                      {panel() === 'complete' ? '确认完成' : '保存备注'}
                    </button>
                    <button type="button" class="btn" onClick={() => setPanel('none')}>
                      取消
                    </button>
                  </div>
                </form>
              </Show>

              <Show when={queued().length > 0}>
                <h3>待上传的操作</h3>
                <ul class="outbox" aria-label="待上传的操作">
                  <For each={queued()}>
                    {(q) => (
                      <li classList={{ rejected: q.state === 'rejected' }}>
                        <span>
                          {ACTION_LABELS[q.kind]} · {formatDateTime(q.at)}
                        </span>
                        <Show when={q.state === 'pending'}>
                          <span class="muted small">待同步</span>
                        </Show>
                        <Show when={q.state === 'rejected'}>
                          <span class="error small" role="alert">
                            未被接受：{q.error}
                          </span>
                          <span class="row">
                            <button type="button" class="btn" onClick={() => retry(q.key)}>
                              重新提交
                            </button>
                            <button type="button" class="btn" onClick={() => discard(q.key)}>
                              放弃此操作
                            </button>
                          </span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>

              <Show when={t().evidence.length > 0}>
                <h3>现场材料</h3>
                <ul class="history" aria-label="现场材料">
                  <For each={t().evidence}>
                    {(e) => (
                      <li>
                        <span class="muted small">{formatDateTime(e.at)}</span>
                        <span>
                          {e.actorName} · {EVIDENCE_LABELS[e.kind] ?? e.kind}
                        </span>
                        <Show when={e.note}>
                          <span class="small">{e.note}</span>
                        </Show>
                        <Show when={e.lat !== null}>
                          <span class="small">
                            位置 {e.lat?.toFixed(5)}, {e.lng?.toFixed(5)}
                          </span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
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
