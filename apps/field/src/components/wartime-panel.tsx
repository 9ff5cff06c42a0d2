import type { RouterOutputs } from '@pingzhan/api/client'
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { api, errorMessage, type Me } from '../lib/trpc.ts'
import './wartime-panel.css'

type ActivationView = RouterOutputs['activation']['mine'][number]
type LinkedCase = RouterOutputs['activation']['linkedCase']

const ETAS = [10, 20, 30, 60] as const

type DeclineReason = 'leave' | 'sick' | 'otherAssignment' | 'divisionOfLabour' | 'other'
const DECLINE_CHOICES: ReadonlyArray<readonly [DeclineReason, string]> = [
  ['leave', '请假'],
  ['sick', '病假'],
  ['otherAssignment', '另有任务'],
  ['divisionOfLabour', '分工不同（不属本单位业务）'],
  ['other', '其他'],
]

const hhmm = (iso: string | null): string => {
  if (!iso) return '—'
  const d = new Date(iso)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}

/** A system notification, where the person allowed them (the banner shows regardless). */
function notify(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  try {
    new Notification(title, { body, tag: 'pingzhan-wartime' })
  } catch {
    // some phones only allow notifications from a service worker; the banner is enough
  }
}

function TaskCard(props: { a: ActivationView; task: ActivationView['tasks'][number]; onDone: () => void }) {
  const [note, setNote] = createSignal('')
  const [open, setOpen] = createSignal<'done' | 'progress' | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  const submit = async () => {
    setBusy(true)
    setError('')
    try {
      const input = { id: props.a.id, taskId: props.task.taskId, note: note() }
      if (open() === 'progress') await api.activation.reportProgress.mutate(input)
      else await api.activation.reportDone.mutate(input)
      setOpen(null)
      setNote('')
      props.onDone()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div class="card" data-testid={`wartime-task-${props.task.title}`}>
      <p>
        <strong>{props.task.title}</strong>
      </p>
      <p class="small">
        {props.task.dutyLabel} · {props.task.assignedByName}分派
      </p>
      <Show
        when={!props.task.done}
        fallback={<span class="ok">已完成：{props.task.done?.note || '无说明'}</span>}
      >
        <Show when={props.task.progress.at(-1)}>{(p) => <p class="small">最新进展：{p().note}</p>}</Show>
        <Show
          when={open()}
          fallback={
            <div class="row">
              <button type="button" class="btn light grow" onClick={() => setOpen('done')}>
                报告完成
              </button>
              <button type="button" class="btn ghost" onClick={() => setOpen('progress')}>
                报告进展
              </button>
            </div>
          }
        >
          <label for={`note-${props.task.taskId}`}>{open() === 'progress' ? '进展情况' : '完成情况'}</label>
          <textarea
            id={`note-${props.task.taskId}`}
            rows={3}
            maxLength={500}
            value={note()}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <Show when={error()}>
            <p class="err" role="alert">
              {error()}
            </p>
          </Show>
          <div class="row" style={{ 'margin-top': '6px' }}>
            <button type="button" class="btn light grow" disabled={busy()} onClick={submit}>
              {open() === 'progress' ? '提交进展' : '提交完成'}
            </button>
            <button type="button" class="btn ghost" onClick={() => setOpen(null)}>
              取消
            </button>
          </div>
        </Show>
      </Show>
    </div>
  )
}

function ActivationBanner(props: { a: ActivationView; me: Me; reload: () => void }) {
  const [eta, setEta] = createSignal<number>(20)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  const [linked, setLinked] = createSignal<LinkedCase | null>(null)
  const [declining, setDeclining] = createSignal(false)
  const [reason, setReason] = createSignal<DeclineReason>('leave')
  const [declineNote, setDeclineNote] = createSignal('')
  const decline = async () => {
    setBusy(true)
    setError('')
    try {
      await api.activation.decline.mutate({ id: props.a.id, reason: reason(), note: declineNote() })
      setDeclining(false)
      props.reload()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const mine = () => props.a.roster.find((m) => m.userId === props.me.id)
  const myTasks = () => props.a.tasks.filter((t) => t.userId === props.me.id)
  const acknowledge = async () => {
    setBusy(true)
    setError('')
    try {
      await api.activation.acknowledge.mutate({ id: props.a.id, etaMinutes: eta() })
      props.reload()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  const showCase = async () => {
    setError('')
    try {
      setLinked(await api.activation.linkedCase.query({ id: props.a.id }))
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  return (
    <section class="wartime" role="alert" aria-label="战时集结" data-testid={`wartime-${props.a.id}`}>
      <h2>战时集结 · {props.a.areaName}</h2>
      <p>
        <strong>{props.a.dutyLabel}</strong>
      </p>
      <p>
        {props.a.reason}（地点：{props.a.place}）
      </p>
      <p class="small">
        指挥：{props.a.commander.name} · 已响应{' '}
        {props.a.roster.filter((m) => m.response === 'acknowledged').length}/{props.a.roster.length}
      </p>
      <Show when={mine()?.response === 'pending'}>
        <label for={`eta-${props.a.id}`}>预计到达</label>
        <div class="row">
          <select
            id={`eta-${props.a.id}`}
            class="grow"
            value={eta()}
            onChange={(e) => setEta(Number(e.currentTarget.value))}
          >
            <For each={ETAS}>{(m) => <option value={m}>{m} 分钟内</option>}</For>
          </select>
          <button type="button" class="btn light" disabled={busy()} onClick={acknowledge}>
            立即响应
          </button>
        </div>
        <Show
          when={declining()}
          fallback={
            <button type="button" class="btn ghost block" onClick={() => setDeclining(true)}>
              无法参加
            </button>
          }
        >
          <div class="card">
            <label for={`reason-${props.a.id}`}>无法参加的原因</label>
            <select
              id={`reason-${props.a.id}`}
              value={reason()}
              onChange={(e) => setReason(e.currentTarget.value as DeclineReason)}
            >
              <For each={DECLINE_CHOICES}>{([value, label]) => <option value={value}>{label}</option>}</For>
            </select>
            <Show when={reason() === 'divisionOfLabour'}>
              <p class="err" role="alert">
                司法所和执法中队不得以业务分工互相推诿：以分工不同为由不参加，将直接记为推诿，计入融合联动考核。
              </p>
            </Show>
            <label for={`decline-note-${props.a.id}`}>说明</label>
            <textarea
              id={`decline-note-${props.a.id}`}
              rows={2}
              maxLength={200}
              value={declineNote()}
              onInput={(e) => setDeclineNote(e.currentTarget.value)}
            />
            <div class="row" style={{ 'margin-top': '6px' }}>
              <button type="button" class="btn light grow" disabled={busy()} onClick={decline}>
                {reason() === 'divisionOfLabour' ? '仍然提交（记为推诿）' : '提交'}
              </button>
              <button type="button" class="btn ghost" onClick={() => setDeclining(false)}>
                取消
              </button>
            </div>
          </div>
        </Show>
      </Show>
      <Show when={mine()?.response === 'declined'}>
        <p>
          <span class="ok">已报告无法参加（{mine()?.declineReason}），等待指挥人员处理</span>
        </p>
      </Show>
      <Show when={mine()?.response === 'declinedAccepted'}>
        <p>
          <span class="ok">已批准不参加（{mine()?.declineReason}）</span>
        </p>
      </Show>
      <Show when={mine()?.response === 'refused'}>
        <p>
          <span class="ok">已记为推诿</span>
        </p>
      </Show>
      <Show when={mine()?.response === 'acknowledged'}>
        <p>
          <span class="ok">已响应，预计 {hhmm(mine()?.eta ?? null)} 到达</span>
        </p>
      </Show>
      <Show when={error()}>
        <p class="err" role="alert">
          {error()}
        </p>
      </Show>
      <For each={myTasks()}>{(t) => <TaskCard a={props.a} task={t} onDone={props.reload} />}</For>
      <Show when={props.a.linkedCase}>
        <Show
          when={linked()}
          fallback={
            <button type="button" class="btn ghost" onClick={showCase}>
              查看关联案件
            </button>
          }
        >
          {(c) => (
            <div class="card" data-testid="linked-case">
              <p>
                关联案件 {c().receiptNo} · {c().officeName}
              </p>
              <p class="small">
                {c().applicantName}（{c().phoneMasked}）与{c().otherParty}：{c().summary}
              </p>
            </div>
          )}
        </Show>
      </Show>
    </section>
  )
}

/**
 * 战时 on the phone: every open activation holding this person, live over server-sent events — it
 * appears without reload as a banner above whatever screen is open, with one-tap acknowledgement and
 * the person's wartime tasks.
 */
export function WartimePanel(props: { me: Me }) {
  const [activations, setActivations] = createSignal<ActivationView[]>([])
  const reload = async () => {
    try {
      setActivations([...(await api.activation.mine.query())])
    } catch {
      // offline or signed out: the banner reappears with the next event or reload
    }
  }
  onMount(() => {
    void reload()
    let started = false
    // Signing out ends the stream too; by the time the check below answers, the panel may be gone and
    // the sign-in screen already shown — reloading it then would only race whatever the user does next.
    let disposed = false
    const subscription = api.activation.events.subscribe(undefined, {
      // every (re)connection: what happened while the phone was offline is not replayed, so refetch
      onStarted: () => {
        if (started) void reload()
        started = true
      },
      onData: (signal) => {
        if (signal.kind === 'ActivationStarted') notify('进入战时', signal.text)
        void reload()
      },
      // the server ends the stream when the session is gone: back to the sign-in screen
      onError: () => {
        void api.auth.me
          .query()
          .then((me) => {
            if (me === null && !disposed) location.reload()
          })
          .catch(() => {})
      },
    })
    onCleanup(() => {
      disposed = true
      subscription.unsubscribe()
    })
  })
  return (
    <>
      <For each={activations()}>{(a) => <ActivationBanner a={a} me={props.me} reload={reload} />}</For>
      <Show
        when={
          activations().length > 0 &&
          typeof Notification !== 'undefined' &&
          Notification.permission === 'default'
        }
      >
        <button type="button" class="btn block" onClick={() => void Notification.requestPermission()}>
          开启系统通知
        </button>
      </Show>
    </>
  )
}
