import type { RouterOutputs } from '@pingzhan/api/client'
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { api, errorMessage, type Me } from '../lib/trpc.ts'
import './wartime-panel.css'

type ActivationView = RouterOutputs['activation']['mine'][number]
type LinkedCase = RouterOutputs['activation']['linkedCase']

const ETAS = [10, 20, 30, 60] as const

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
  const [open, setOpen] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal('')
  const submit = async () => {
    setBusy(true)
    setError('')
    try {
      await api.activation.reportDone.mutate({ id: props.a.id, taskId: props.task.taskId, note: note() })
      setOpen(false)
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
        <Show
          when={open()}
          fallback={
            <button type="button" class="btn light block" onClick={() => setOpen(true)}>
              报告完成
            </button>
          }
        >
          <label for={`note-${props.task.taskId}`}>完成情况</label>
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
              提交完成
            </button>
            <button type="button" class="btn ghost" onClick={() => setOpen(false)}>
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
    const subscription = api.activation.events.subscribe(undefined, {
      onData: (signal) => {
        if (signal.kind === 'ActivationStarted') notify('进入战时', signal.text)
        void reload()
      },
      onError: () => {},
    })
    onCleanup(() => subscription.unsubscribe())
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
