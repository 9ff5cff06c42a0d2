import { For } from 'solid-js'
import { readAloud, stopSpeech } from '../lib/speech.ts'

const SIZES = ['标准', '大', '特大'] as const

/** Font size, read aloud, start again: on every screen, in the top bar. */
export function Toolbar(props: { fontStep: number; onFontStep: (n: number) => void; onReset: () => void }) {
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
      <button type="button" class="btn ghost small" onClick={() => readAloud()}>
        朗读本页
      </button>
      <button
        type="button"
        class="btn ghost"
        onClick={() => {
          stopSpeech()
          document.documentElement.dataset.font = '0'
          props.onReset()
        }}
      >
        重新开始
      </button>
    </div>
  )
}
