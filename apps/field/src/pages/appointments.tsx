import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { TopBar } from '../components/top-bar.tsx'
import { navigate } from '../lib/route.ts'
import { read, write } from '../lib/store.ts'
import { api, errorMessage, type Me, type RouterOutputs } from '../lib/trpc.ts'

type Slot = RouterOutputs['appointment']['day'][number]

// Kept on the phone (pz.field.appointments) so today's list shows without signal; cleared at logout.
interface Saved {
  readonly day: string
  readonly slots: ReadonlyArray<Slot>
  readonly savedAt: string
}
const KEY = 'appointments'

/** Today's date in China (the appointments' day), whatever the phone's own time zone. */
const chinaToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const hm = (iso: string): string =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso))

/**
 * 今日咨询预约 (issue 14): the day's consultation appointments of the offices of the squad's area — the
 * squad takes part in the towns' consultations (三.1). Read only: the director sets the slots; the
 * server's appointmentScope limits the list to the squad's own area.
 */
export function AppointmentsPage(props: { me: Me; onLoggedOut: () => void }) {
  const day = chinaToday()
  const saved = read<Saved>(KEY)
  const usable = saved?.day === day ? saved : null
  const [slots, setSlots] = createSignal<ReadonlyArray<Slot>>(usable?.slots ?? [])
  const [stale, setStale] = createSignal(usable !== null)
  const [loading, setLoading] = createSignal(usable === null)
  const [error, setError] = createSignal('')

  const load = async () => {
    setError('')
    try {
      const list = await api.appointment.day.query({ day })
      setSlots(list)
      setStale(false)
      write(KEY, { day, slots: list, savedAt: new Date().toISOString() } satisfies Saved)
    } catch (err) {
      setError(navigator.onLine ? errorMessage(err) : '当前离线，显示的是手机上保存的今日预约')
    } finally {
      setLoading(false)
    }
  }
  onMount(load)
  window.addEventListener('online', load)
  onCleanup(() => window.removeEventListener('online', load))

  const booked = () => slots().filter((s) => s.booking?.status === 'booked')
  const free = () => slots().filter((s) => s.booking?.status !== 'booked').length

  return (
    <>
      <TopBar
        title="今日咨询预约"
        me={props.me}
        onLoggedOut={props.onLoggedOut}
        left={
          <button type="button" class="btn ghost" onClick={() => navigate({ name: 'list' })}>
            返回
          </button>
        }
      />
      <main class="page">
        <p class="muted small">
          {Number(day.slice(5, 7))}月{Number(day.slice(8, 10))}日 · {props.me.squad?.name ?? ''}
          辖区各司法所的法律咨询预约（只读）
          <Show when={stale()}>（离线保存的信息）</Show>
        </p>
        <Show when={loading()}>
          <p class="muted" role="status">
            正在加载…
          </p>
        </Show>
        <Show when={error()}>
          <p class={navigator.onLine ? 'error' : 'muted'} role="alert">
            {error()}
          </p>
        </Show>
        <Show when={!loading() && booked().length === 0}>
          <p class="muted">今天没有群众预约咨询</p>
        </Show>
        <ul class="cards" aria-label="今日咨询预约">
          <For each={booked()}>
            {(s) => (
              <li class="card" data-testid={`appointment-${s.id}`}>
                <div class="card-head">
                  <span class="card-title">
                    {hm(s.startsAt)}–{hm(s.endsAt)} {s.officeName}
                  </span>
                  <span class="status">{s.booking?.topic}</span>
                </div>
                <p class="card-meta">
                  {s.booking?.applicantName} · {s.booking?.phoneMasked} · {s.booking?.receiptNo}
                </p>
              </li>
            )}
          </For>
        </ul>
        <Show when={!loading() && free() > 0}>
          <p class="muted small">另有 {free()} 个时段尚无人预约。</p>
        </Show>
      </main>
    </>
  )
}
