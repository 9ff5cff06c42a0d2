import { createSignal, Match, onMount, Switch } from 'solid-js'
import { OfflineBanner } from './components/offline-banner.tsx'
import { SyncBar } from './components/sync-bar.tsx'
import { WartimePanel } from './components/wartime-panel.tsx'
import { loadMe, rememberMe } from './lib/offline-copy.ts'
import { startSync } from './lib/outbox.ts'
import { navigate, route } from './lib/route.ts'
import { errorMessage, type Me } from './lib/trpc.ts'
import { AppointmentsPage } from './pages/appointments.tsx'
import { LoginPage } from './pages/login.tsx'
import { TaskDetailPage } from './pages/task-detail.tsx'
import { TaskListPage } from './pages/task-list.tsx'
import { VehiclePage } from './pages/vehicle.tsx'

type Session = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; me: Me | null }

export function App() {
  const [session, setSession] = createSignal<Session>({ state: 'loading' })

  const check = async () => {
    setSession({ state: 'loading' })
    try {
      setSession({ state: 'ready', me: (await loadMe()).me })
    } catch (err) {
      setSession({ state: 'error', message: errorMessage(err) })
    }
  }
  onMount(check)
  onMount(startSync)

  const loggedOut = () => {
    setSession({ state: 'ready', me: null })
    navigate({ name: 'list' }, true)
  }
  const me = () => {
    const s = session()
    return s.state === 'ready' ? s.me : undefined
  }
  const taskId = () => {
    const r = route()
    return r.name === 'task' ? r.id : undefined
  }

  return (
    <>
      <OfflineBanner />
      <SyncBar />
      <Switch>
        <Match when={session().state === 'loading'}>
          <p class="center muted" role="status">
            正在加载…
          </p>
        </Match>
        <Match when={session().state === 'error'}>
          <main class="page">
            <p class="error" role="alert">
              {(session() as { message: string }).message}
            </p>
            <button type="button" class="btn block" onClick={check}>
              重试
            </button>
          </main>
        </Match>
        <Match when={me() === null}>
          <LoginPage
            onLoggedIn={(user) => {
              rememberMe(user)
              setSession({ state: 'ready', me: user })
            }}
          />
        </Match>
        <Match when={me()}>
          {(user) => (
            <>
              <WartimePanel me={user()} />
              <Switch fallback={<TaskListPage me={user()} onLoggedOut={loggedOut} />}>
                <Match when={route().name === 'appointments'}>
                  <AppointmentsPage me={user()} onLoggedOut={loggedOut} />
                </Match>
                <Match when={route().name === 'vehicle'}>
                  <VehiclePage me={user()} onLoggedOut={loggedOut} />
                </Match>
                <Match when={taskId()} keyed>
                  {(id) => <TaskDetailPage id={id} me={user()} onLoggedOut={loggedOut} />}
                </Match>
              </Switch>
            </>
          )}
        </Match>
      </Switch>
    </>
  )
}
