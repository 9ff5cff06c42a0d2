import { createSignal, lazy, Match, onCleanup, onMount, Show, Suspense, Switch } from 'solid-js'
import type { Printed } from './components/printed-receipt.tsx'
import { applyContrast, Toolbar } from './components/toolbar.tsx'
import { createIdleTimer, idleSeconds, wipeBrowserStorage } from './lib/idle.ts'
import { api, type BoundStatus, errorMessage, type Refusal } from './lib/trpc.ts'
import { BindPage } from './pages/bind.tsx'
import { WelcomePage } from './pages/welcome.tsx'

// Every service loads when a resident opens it: the welcome screen (the cold load) stays light.
const NoticePage = lazy(() => import('./pages/notice.tsx').then((m) => ({ default: m.NoticePage })))
const FormPage = lazy(() => import('./pages/form.tsx').then((m) => ({ default: m.FormPage })))
const AlternativesPage = lazy(() =>
  import('./pages/alternatives.tsx').then((m) => ({ default: m.AlternativesPage })),
)
const PrintedReceipt = lazy(() =>
  import('./components/printed-receipt.tsx').then((m) => ({ default: m.PrintedReceipt })),
)
const LegalAidFlow = lazy(() => import('./pages/legal-aid.tsx'))
const StatusLookup = lazy(() => import('./pages/status.tsx'))
const AppointmentFlow = lazy(() => import('./pages/appointment.tsx'))

type Screen =
  | { name: 'loading' }
  | { name: 'offline'; message: string }
  | { name: 'bind' }
  | { name: 'welcome' }
  | { name: 'notice' }
  | { name: 'form' }
  | { name: 'legalAid' }
  | { name: 'appointment' }
  | { name: 'status' }
  | { name: 'receipt'; title: string; printed: Printed; lines: ReadonlyArray<string> }
  | { name: 'refused'; refusal: Refusal }

const RETRY_MS = 10_000

export function App() {
  const [screen, setScreen] = createSignal<Screen>({ name: 'loading' })
  const [office, setOffice] = createSignal<BoundStatus>()
  // Bumped on every reset so each screen is rebuilt empty.
  const [generation, setGeneration] = createSignal(0)
  const [fontStep, setFontStep] = createSignal(0)
  const [highContrast, setHighContrast] = createSignal(false)
  let retry: ReturnType<typeof setTimeout> | undefined

  /**
   * Asks the server whether this device is bound. `quiet` (after each reset) only reacts to a
   * change of binding, e.g. a revoked device, and never interrupts a resident.
   */
  const loadStatus = async (quiet = false) => {
    clearTimeout(retry)
    try {
      const status = await api.kiosk.status.query()
      if (status.bound) {
        setOffice(status)
        const s = screen().name
        if (!quiet || s === 'loading' || s === 'offline' || s === 'bind') setScreen({ name: 'welcome' })
      } else {
        setOffice(undefined)
        setScreen({ name: 'bind' })
      }
    } catch (err) {
      if (quiet) return
      setScreen({ name: 'offline', message: errorMessage(err) })
      retry = setTimeout(loadStatus, RETRY_MS)
    }
  }
  onMount(() => {
    void loadStatus()
    // After the first screen: fetch every service's code in the background, so a resident never waits
    // for it later, and a network drop in the middle of a form never leaves a screen unloadable.
    setTimeout(() => {
      for (const load of [
        () => import('./pages/notice.tsx'),
        () => import('./pages/form.tsx'),
        () => import('./pages/alternatives.tsx'),
        () => import('./components/printed-receipt.tsx'),
        () => import('./pages/legal-aid.tsx'),
        () => import('./pages/appointment.tsx'),
        () => import('./pages/status.tsx'),
      ])
        load().catch(() => {})
    }, 1500)
  })
  onCleanup(() => clearTimeout(retry))

  /** Back to the start with nothing of the previous resident left: screen, form, storage. */
  const reset = () => {
    wipeBrowserStorage()
    setFontStep(0)
    document.documentElement.dataset.font = '0'
    setHighContrast(false)
    applyContrast(false)
    setGeneration((g) => g + 1)
    const s = screen().name
    if (s !== 'loading' && s !== 'offline' && s !== 'bind') {
      setScreen({ name: 'welcome' })
      void loadStatus(true)
    }
  }

  const idle = createIdleTimer(idleSeconds(), reset)
  const inSession = () => !['loading', 'offline', 'bind', 'welcome'].includes(screen().name)
  const receipt = (title: string, printed: Printed, lines: ReadonlyArray<string>) =>
    setScreen({ name: 'receipt', title, printed, lines })

  return (
    <div class="kiosk">
      <Show when={office()}>
        {(o) => (
          <header class="bar">
            <div>
              <div class="office">{o().officeName}</div>
              <div class="sub">公共法律服务自助终端</div>
            </div>
            <Toolbar
              fontStep={fontStep()}
              onFontStep={setFontStep}
              highContrast={highContrast()}
              onContrast={setHighContrast}
              onReset={reset}
            />
          </header>
        )}
      </Show>

      <Show when={generation() + 1} keyed>
        {(gen) => (
          <main class="screen">
            <Suspense fallback={<p class="center">正在打开…</p>}>
              <Switch>
                <Match when={screen().name === 'loading'}>
                  <p class="center" role="status">
                    正在启动…
                  </p>
                </Match>
                <Match when={screen().name === 'offline'}>
                  <div class="center">
                    <p class="error" role="alert">
                      无法连接服务器：{(screen() as { message: string }).message}
                    </p>
                    <p>终端将自动重试，也可以点击下方按钮。</p>
                    <button type="button" class="btn primary" onClick={() => loadStatus()}>
                      重试
                    </button>
                  </div>
                </Match>
                <Match when={screen().name === 'bind'}>
                  <BindPage onBound={() => loadStatus()} />
                </Match>
                <Match when={screen().name === 'welcome' && office()}>
                  {(o) => (
                    <WelcomePage
                      officeName={o().officeName}
                      onStart={() => setScreen({ name: 'notice' })}
                      onLegalAid={() => setScreen({ name: 'legalAid' })}
                      onAppointment={() => setScreen({ name: 'appointment' })}
                      onStatus={() => setScreen({ name: 'status' })}
                    />
                  )}
                </Match>
                <Match when={screen().name === 'notice' && office()}>
                  {(o) => (
                    <NoticePage
                      officeName={o().officeName}
                      notice={o().notice}
                      onAgree={() => setScreen({ name: 'form' })}
                      onBack={reset}
                    />
                  )}
                </Match>
                <Match when={screen().name === 'form'}>
                  <FormPage
                    onSubmitted={(result) => {
                      // A reset during the request means another resident may be at the screen now.
                      if (gen !== generation() + 1) return
                      if (result.refused) setScreen({ name: 'refused', refusal: result })
                      else
                        receipt('申请已提交', result, [
                          `${office()?.officeName || '本司法所'}工作人员会通过您留下的手机号码与您联系，安排调解。`,
                          '如情况紧急或矛盾可能激化，请直接找本所工作人员，或拨打110。',
                        ])
                    }}
                    onUnbound={() => loadStatus(true)}
                  />
                </Match>
                <Match when={screen().name === 'refused' && (screen() as { refusal: Refusal }).refusal}>
                  {(r) => <AlternativesPage refusal={r()} onDone={reset} />}
                </Match>
                <Match when={screen().name === 'legalAid'}>
                  <Suspense fallback={<p class="center">正在打开…</p>}>
                    <LegalAidFlow
                      officeName={office()?.officeName ?? ''}
                      onExit={reset}
                      onUnbound={() => loadStatus(true)}
                      onDone={(printed) => {
                        if (gen === generation() + 1)
                          receipt('法律援助申请已提交', printed, [
                            '本所工作人员会与您联系；材料不齐的，会一次性告诉您需要补充什么。',
                            '县法律援助中心自收到申请之日起七日内作出是否给予法律援助的决定（法律援助法第四十三条）。',
                          ])
                      }}
                    />
                  </Suspense>
                </Match>
                <Match when={screen().name === 'appointment'}>
                  <Suspense fallback={<p class="center">正在打开…</p>}>
                    <AppointmentFlow
                      onExit={reset}
                      onUnbound={() => loadStatus(true)}
                      onDone={(printed, when) => {
                        if (gen === generation() + 1)
                          receipt('预约成功', printed, [
                            `请于 ${when} 到${office()?.officeName || '本司法所'}，带上身份证。`,
                            '不能按时来的，可以在本终端用受理编号和查询码取消预约。',
                          ])
                      }}
                    />
                  </Suspense>
                </Match>
                <Match when={screen().name === 'status'}>
                  <Suspense fallback={<p class="center">正在打开…</p>}>
                    <StatusLookup mode="kiosk" onExit={reset} />
                  </Suspense>
                </Match>
                <Match
                  when={screen().name === 'receipt' && (screen() as Extract<Screen, { name: 'receipt' }>)}
                >
                  {(r) => (
                    <PrintedReceipt
                      title={r().title}
                      printed={r().printed}
                      lines={r().lines}
                      officeName={office()?.officeName ?? ''}
                      onDone={reset}
                    />
                  )}
                </Match>
              </Switch>
            </Suspense>
          </main>
        )}
      </Show>

      <Show when={inSession() && idle.warning()}>
        <div class="idle" role="alertdialog" aria-modal="true" aria-labelledby="idle-text">
          <div class="idle-box">
            <p id="idle-text">
              您已较长时间未操作，
              <strong>{idle.remaining()}</strong> 秒后将清除已填写的内容并返回首页。
            </p>
            <button type="button" class="btn primary" onClick={idle.touch}>
              继续办理
            </button>
          </div>
        </div>
      </Show>
    </div>
  )
}
