import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { TopBar } from '../components/top-bar.tsx'
import { createOnline } from '../lib/online.ts'
import { enqueue, onVehicleDelivered, queuedVehicleAction } from '../lib/outbox.ts'
import { navigate } from '../lib/route.ts'
import { read, write } from '../lib/store.ts'
import { api, errorMessage, type Me, type RouterOutputs } from '../lib/trpc.ts'

type Vehicle = RouterOutputs['vehicle']['list'][number]
type Booking = RouterOutputs['vehicle']['bookings'][number]
type Duty = RouterOutputs['org']['catalogs'][number]['duties'][number]

// Kept on the phone (pz.field.vehicle) so today's bookings show, and check-out / check-in can be
// queued, without signal; cleared at logout with everything else.
interface Saved {
  readonly vehicle: Vehicle
  readonly bookings: ReadonlyArray<Booking>
  readonly day: string
  readonly savedAt: string
}
const KEY = 'vehicle'

const hm = (iso: string) => {
  const d = new Date(iso)
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
}
const today = () => {
  const d = new Date()
  d.setHours(0, 0, 0, 0)
  return d
}

/** What the phone shows for a booking: its status, moved on by a check-out or check-in still queued. */
const shown = (b: Booking): string => {
  const queued = queuedVehicleAction(b.id)
  if (queued === 'vehicleOut') return '已出车（待同步）'
  if (queued === 'vehicleIn') return '已还车（待同步）'
  return b.statusLabel
}

/** 执法车辆 on the phone: today's bookings of the squad vehicle, book a free window, check out and in. */
export function VehiclePage(props: { me: Me; onLoggedOut: () => void }) {
  const online = createOnline()
  const saved = read<Saved>(KEY)
  const [vehicle, setVehicle] = createSignal<Vehicle | null>(saved?.vehicle ?? null)
  const [bookings, setBookings] = createSignal<ReadonlyArray<Booking>>(saved?.bookings ?? [])
  const [stale, setStale] = createSignal(saved !== null)
  const [error, setError] = createSignal('')
  const [notice, setNotice] = createSignal('')
  const [loading, setLoading] = createSignal(saved === null)
  const [driving, setDriving] = createSignal<Booking | null>(null)
  const [booking, setBooking] = createSignal(false)

  const load = async () => {
    setError('')
    try {
      const [v] = await api.vehicle.list.query()
      if (!v) {
        setVehicle(null)
        setLoading(false)
        return
      }
      const from = today()
      const to = new Date(from.getTime() + 86_400_000)
      const list = await api.vehicle.bookings.query({
        vehicleId: v.id,
        from: from.toISOString(),
        to: to.toISOString(),
      })
      setVehicle(v)
      setBookings(list)
      setStale(false)
      write(KEY, {
        vehicle: v,
        bookings: list,
        day: from.toISOString(),
        savedAt: new Date().toISOString(),
      } satisfies Saved)
    } catch (err) {
      setError(navigator.onLine ? errorMessage(err) : '当前离线，显示的是手机上保存的今日用车')
    } finally {
      setLoading(false)
    }
  }
  onMount(load)
  // what the server accepted shows at once (also if the reload that follows finds no signal)
  onCleanup(
    onVehicleDelivered((id, item) => {
      const out = item.kind === 'vehicleOut'
      const next = bookings().map((b) =>
        b.id !== id
          ? b
          : {
              ...b,
              status: out ? ('out' as const) : ('returned' as const),
              statusLabel: out ? '已出车' : '已还车',
              mayDrive: out,
              trip: out
                ? {
                    outAt: item.at,
                    outKm: item.odometerKm ?? 0,
                    outFuel: item.fuelPercent ?? 0,
                    inAt: null,
                    inKm: null,
                    inFuel: null,
                  }
                : b.trip,
            },
      )
      setBookings(next)
      const v = vehicle()
      if (v && item.odometerKm !== undefined)
        setVehicle({ ...v, odometerKm: item.odometerKm, fuelPercent: item.fuelPercent ?? v.fuelPercent })
      const current = vehicle()
      if (current)
        write(KEY, {
          vehicle: current,
          bookings: next,
          day: today().toISOString(),
          savedAt: new Date().toISOString(),
        } satisfies Saved)
      void load()
    }),
  )
  window.addEventListener('online', load)
  onCleanup(() => window.removeEventListener('online', load))

  return (
    <>
      <TopBar
        title="执法车辆"
        me={props.me}
        onLoggedOut={props.onLoggedOut}
        left={
          <button type="button" class="btn ghost" onClick={() => navigate({ name: 'list' })}>
            返回
          </button>
        }
      />
      <main class="page">
        <Show when={loading()}>
          <p class="muted" role="status">
            正在加载…
          </p>
        </Show>
        <Show when={error()}>
          <p class={online() ? 'error' : 'muted'} role="alert">
            {error()}
          </p>
        </Show>
        <Show when={notice()}>
          <p class="ok" role="status">
            {notice()}
          </p>
        </Show>
        <Show when={!loading() && vehicle() === null}>
          <p class="muted">本中队尚未登记执法车辆</p>
        </Show>
        <Show when={vehicle()}>
          {(v) => (
            <>
              <section class="detail" aria-label="本队车辆">
                <h2>{v().plate}</h2>
                <p class="muted small">
                  {v().squadName} · {v().model} · 里程 {v().odometerKm} 公里 · 油量（电量）{v().fuelPercent}%
                  <Show when={stale()}>（离线保存的信息）</Show>
                </p>
              </section>
              <h2>今日用车</h2>
              <Show when={bookings().length === 0}>
                <p class="muted">今天没有用车预约</p>
              </Show>
              <ul class="cards" aria-label="今日用车">
                <For each={bookings().filter((b) => b.status !== 'cancelled' && b.status !== 'rejected')}>
                  {(b) => (
                    <li class="card" data-testid={`vehicle-booking-${b.id}`}>
                      <div class="card-head">
                        <span class="card-title">
                          {hm(b.startsAt)}–{hm(b.endsAt)} {b.purposeNote}
                        </span>
                        <span class="status">{shown(b)}</span>
                      </div>
                      <p class="card-meta">
                        {b.requesterUnitName} · {b.requesterName} · 驾驶员 {b.driver}
                        {b.wartime ? ' · 战时用车' : ''}
                      </p>
                      <Show when={b.status === 'displaced'}>
                        <p class="error small">{b.displacedReason}</p>
                      </Show>
                      <Show when={b.mayDrive && queuedVehicleAction(b.id) === null}>
                        <button type="button" class="btn block" onClick={() => setDriving(b)}>
                          {b.status === 'approved' ? '出车' : '还车'}
                        </button>
                      </Show>
                      <Show when={queuedVehicleAction(b.id) === 'vehicleOut' && b.status === 'approved'}>
                        <button
                          type="button"
                          class="btn block"
                          onClick={() => setDriving({ ...b, status: 'out' })}
                        >
                          还车
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
              <Show when={driving()}>
                {(b) => (
                  <DriveForm
                    booking={b()}
                    vehicle={v()}
                    onDone={(text) => {
                      setDriving(null)
                      setNotice(text)
                    }}
                    onCancel={() => setDriving(null)}
                  />
                )}
              </Show>
              <Show when={online() && v().mayBook}>
                <Show
                  when={booking()}
                  fallback={
                    <button type="button" class="btn block primary" onClick={() => setBooking(true)}>
                      预约空闲时段
                    </button>
                  }
                >
                  <BookForm
                    vehicle={v()}
                    me={props.me}
                    onDone={(text) => {
                      setBooking(false)
                      setNotice(text)
                      void load()
                    }}
                    onCancel={() => setBooking(false)}
                  />
                </Show>
              </Show>
            </>
          )}
        </Show>
      </main>
    </>
  )
}

function DriveForm(props: {
  booking: Booking
  vehicle: Vehicle
  onDone: (text: string) => void
  onCancel: () => void
}) {
  const out = props.booking.status === 'approved'
  const [km, setKm] = createSignal(String(props.booking.trip?.outKm ?? props.vehicle.odometerKm))
  const [fuel, setFuel] = createSignal(String(props.vehicle.fuelPercent))
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const submit = async (e: Event) => {
    e.preventDefault()
    const odometerKm = Number(km())
    const fuelPercent = Number(fuel())
    if (!Number.isInteger(odometerKm) || odometerKm < 0) return setError('里程表读数应为非负整数（公里）')
    const last = out ? props.vehicle.odometerKm : (props.booking.trip?.outKm ?? props.vehicle.odometerKm)
    if (odometerKm < last) return setError(`里程表读数不能小于上次记录的 ${last} 公里`)
    if (!Number.isInteger(fuelPercent) || fuelPercent < 0 || fuelPercent > 100)
      return setError('油量（电量）应为 0–100 的整数')
    setBusy(true)
    const ok = await enqueue({
      taskId: props.booking.id,
      taskTitle: `${props.vehicle.plate} ${out ? '出车' : '还车'}`,
      kind: out ? 'vehicleOut' : 'vehicleIn',
      odometerKm,
      fuelPercent,
    })
    setBusy(false)
    if (!ok) return setError('手机存储空间不足，未能保存')
    props.onDone(
      navigator.onLine ? (out ? '已出车' : '已还车') : `${out ? '出车' : '还车'}已保存，联网后自动上传`,
    )
  }
  return (
    <form class="complete" onSubmit={submit} novalidate aria-label={out ? '出车登记' : '还车登记'}>
      <label class="field" for="vehicle-km">
        <span>里程表读数（公里）</span>
        <input
          id="vehicle-km"
          inputmode="numeric"
          value={km()}
          onInput={(e) => setKm(e.currentTarget.value)}
        />
      </label>
      <label class="field" for="vehicle-fuel">
        <span>油量（电量）%</span>
        <input
          id="vehicle-fuel"
          inputmode="numeric"
          value={fuel()}
          onInput={(e) => setFuel(e.currentTarget.value)}
        />
      </label>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="row">
        <button type="submit" class="btn primary grow" disabled={busy()}>
          {out ? '确认出车' : '确认还车'}
        </button>
        <button type="button" class="btn" onClick={props.onCancel}>
          取消
        </button>
      </div>
    </form>
  )
}

function BookForm(props: { vehicle: Vehicle; me: Me; onDone: (text: string) => void; onCancel: () => void }) {
  const [windows, setWindows] = createSignal<ReadonlyArray<{ startsAt: string; endsAt: string }>>([])
  const [duties, setDuties] = createSignal<ReadonlyArray<Duty>>([])
  const [picked, setPicked] = createSignal<{ startsAt: string; endsAt: string } | null>(null)
  const [duty, setDuty] = createSignal('')
  const [note, setNote] = createSignal('')
  const [town, setTown] = createSignal(props.vehicle.areaTowns[0]?.code ?? '')
  const [hours, setHours] = createSignal(2)
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const loadWindows = async () => {
    try {
      setWindows(
        await api.vehicle.freeWindows.query({
          vehicleId: props.vehicle.id,
          from: new Date().toISOString(),
          durationMinutes: hours() * 60,
        }),
      )
    } catch (err) {
      setError(errorMessage(err))
    }
  }
  onMount(async () => {
    void loadWindows()
    try {
      const cats = await api.org.catalogs.query()
      setDuties(cats.find((c) => c.kind === 'squad' && c.mode === 'peacetime')?.duties ?? [])
    } catch (err) {
      setError(errorMessage(err))
    }
  })
  const submit = async (e: Event) => {
    e.preventDefault()
    const w = picked()
    if (!w) return setError('请选择空闲时段')
    if (!duty()) return setError('请选择职责事项')
    if (note().trim().length < 2) return setError('请填写用车事由')
    setBusy(true)
    setError('')
    try {
      const r = await api.vehicle.book.mutate({
        vehicleId: props.vehicle.id,
        startsAt: w.startsAt,
        endsAt: w.endsAt,
        purposeKind: 'duty',
        dutyCode: duty(),
        purposeNote: note().trim(),
        towns: [town()],
        driver: props.me.displayName.replace('（演示）', ''),
      })
      props.onDone(`已预约 ${hm(w.startsAt)}–${hm(w.endsAt)}，${r.statusLabel}`)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="complete" onSubmit={submit} novalidate aria-label="预约用车">
      <label class="field" for="book-hours">
        <span>用车时长（小时）</span>
        <select
          id="book-hours"
          value={String(hours())}
          onChange={(e) => {
            setHours(Number(e.currentTarget.value))
            setPicked(null)
            void loadWindows()
          }}
        >
          <For each={[1, 2, 3, 4, 8]}>{(h) => <option value={String(h)}>{h} 小时</option>}</For>
        </select>
      </label>
      <fieldset class="chips">
        <legend>空闲时段</legend>
        <For each={windows()}>
          {(w) => (
            <button
              type="button"
              class="chip"
              aria-pressed={picked()?.startsAt === w.startsAt}
              onClick={() => setPicked(w)}
            >
              {new Date(w.startsAt).getMonth() + 1}月{new Date(w.startsAt).getDate()}日 {hm(w.startsAt)}–
              {hm(w.endsAt)}
            </button>
          )}
        </For>
      </fieldset>
      <label class="field" for="book-duty">
        <span>职责事项</span>
        <select id="book-duty" value={duty()} onChange={(e) => setDuty(e.currentTarget.value)}>
          <option value="">请选择</option>
          <For each={duties()}>
            {(d) => <option value={d.code}>{d.parent ? `　${d.title}` : d.title}</option>}
          </For>
        </select>
      </label>
      <label class="field" for="book-note">
        <span>用车事由</span>
        <input
          id="book-note"
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
          maxLength={200}
        />
      </label>
      <label class="field" for="book-town">
        <span>前往镇街</span>
        <select id="book-town" value={town()} onChange={(e) => setTown(e.currentTarget.value)}>
          <For each={props.vehicle.areaTowns}>{(t) => <option value={t.code}>{t.name}</option>}</For>
        </select>
      </label>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="row">
        <button type="submit" class="btn primary grow" disabled={busy()}>
          提交预约
        </button>
        <button type="button" class="btn" onClick={props.onCancel}>
          取消
        </button>
      </div>
    </form>
  )
}
