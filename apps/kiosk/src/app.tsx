import { createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js'
import { createIdleTimer, idleSeconds, wipeBrowserStorage } from './lib/idle.ts'
import { api, type BoundStatus, errorMessage, type Refusal } from './lib/trpc.ts'
import { AlternativesPage } from './pages/alternatives.tsx'
import { BindPage } from './pages/bind.tsx'
import { FormPage } from './pages/form.tsx'
import { NoticePage } from './pages/notice.tsx'
import { ReceiptPage } from './pages/receipt.tsx'
import { WelcomePage } from './pages/welcome.tsx'

type Screen =
  | { name: 'loading' }
  | { name: 'offline'; message: string }
  | { name: 'bind' }
  | { name: 'welcome' }
  | { name: 'notice' }
  | { name: 'form' }
  | { name: 'receipt'; receiptNo: string }
  | { name: 'refused'; refusal: Refusal }

const RETRY_MS = 10_000

export function App() {
  const [screen, setScreen] = createSignal<Screen>({ name: 'loading' })
  const [office, setOffice] = createSignal<BoundStatus>()
  // Bumped on every reset so each screen is rebuilt empty.
  const [generation, setGeneration] = createSignal(0)
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
  onMount(() => loadStatus())
  onCleanup(() => clearTimeout(retry))

  /** Back to the start with nothing of the previous resident left: screen, form, storage. */
  const reset = () => {
    wipeBrowserStorage()
    setGeneration((g) => g + 1)
    const s = screen().name
    if (s !== 'loading' && s !== 'offline' && s !== 'bind') {
      setScreen({ name: 'welcome' })
      void loadStatus(true)
    }
  }

  const idle = createIdleTimer(idleSeconds(), reset)
  const inSession = () => ['notice', 'form', 'receipt', 'refused'].includes(screen().name)

  return (
    <div class="kiosk">
      <Show when={office()}>
        {(o) => (
          <header class="bar">
            <div>
              <div class="office">{o().officeName}</div>
              <div class="sub">人民调解自助申请</div>
            </div>
            <button type="button" class="btn ghost" onClick={reset}>
              重新开始
            </button>
          </header>
        )}
      </Show>

      <Show when={generation() + 1} keyed>
        {(gen) => (
          <main class="screen">
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
                  <WelcomePage officeName={o().officeName} onStart={() => setScreen({ name: 'notice' })} />
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
                    setScreen(
                      result.refused
                        ? { name: 'refused', refusal: result }
                        : { name: 'receipt', receiptNo: result.receiptNo },
                    )
                  }}
                  onUnbound={() => loadStatus(true)}
                />
              </Match>
              <Match when={screen().name === 'refused' && (screen() as { refusal: Refusal }).refusal}>
                {(r) => <AlternativesPage refusal={r()} onDone={reset} />}
              </Match>
              <Match when={screen().name === 'receipt' && (screen() as { receiptNo: string }).receiptNo}>
                {(no) => (
                  <ReceiptPage receiptNo={no()} officeName={office()?.officeName ?? ''} onDone={reset} />
                )}
              </Match>
            </Switch>
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
