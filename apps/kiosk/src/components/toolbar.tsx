import { For } from 'solid-js'
import { readAloud, stopSpeech } from '../lib/speech.ts'

const SIZES = ['标准', '大', '特大'] as const

/** The root's high-contrast flag (styles.css :root[data-contrast="high"]). */
export const applyContrast = (high: boolean): void => {
  if (high) document.documentElement.dataset.contrast = 'high'
  else delete document.documentElement.dataset.contrast
}

/** 高对比度 on or off: the kiosk's top bar and the public status page. */
export function ContrastSwitch(props: { high: boolean; onChange: (high: boolean) => void }) {
  return (
    <button
      type="button"
      class="btn ghost small"
      aria-pressed={props.high ? 'true' : 'false'}
      onClick={() => {
        applyContrast(!props.high)
        props.onChange(!props.high)
      }}
    >
      高对比度
    </button>
  )
}

/** Font size, high contrast, read aloud, start again: on every screen, in the top bar. */
export function Toolbar(props: {
  fontStep: number
  onFontStep: (n: number) => void
  highContrast: boolean
  onContrast: (high: boolean) => void
  onReset: () => void
}) {
  const apply = (n: number) => {
    props.onFontStep(n)
    document.documentElement.dataset.font = String(n)
  }
  return (
    <div class="tools">
      <fieldset class="sizes">
        <legend class="sr-only">字号</legend>
        <span aria-hidden="true">字号</span>
        <For each={SIZES}>
          {(label, i) => (
            <button
              type="button"
              class="btn ghost small"
              aria-pressed={props.fontStep === i() ? 'true' : 'false'}
              aria-label={`字号${label}`}
              onClick={() => apply(i())}
            >
              {label}
            </button>
          )}
        </For>
      </fieldset>
      <ContrastSwitch high={props.highContrast} onChange={props.onContrast} />
      <button type="button" class="btn ghost small" onClick={() => readAloud()}>
        朗读本页
      </button>
      <button
        type="button"
        class="btn ghost"
        onClick={() => {
          stopSpeech()
          document.documentElement.dataset.font = '0'
          applyContrast(false)
          props.onReset()
        }}
      >
        重新开始
      </button>
    </div>
  )
}
