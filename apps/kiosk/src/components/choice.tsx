import { For, Show } from 'solid-js'

export type Option<T extends string> = { readonly value: T; readonly label: string }

/**
 * A question answered by touching one big button (no typing where a choice will do). The group is
 * named by its question; the chosen button is `aria-pressed`.
 */
export function Choice<T extends string>(props: {
  id: string
  question: string
  hint?: string | undefined
  options: ReadonlyArray<Option<T>>
  value: T | null | undefined
  onChange: (value: T) => void
  error?: string | undefined
  columns?: 1 | 2
}) {
  return (
    <fieldset
      class="choice"
      classList={{ invalid: !!props.error }}
      aria-describedby={props.error ? `${props.id}-error` : undefined}
    >
      <legend class="label">{props.question}</legend>
      <Show when={props.hint}>
        <p class="hint">{props.hint}</p>
      </Show>
      <div class="options" classList={{ one: props.columns === 1 }}>
        <For each={props.options}>
          {(o) => (
            <button
              type="button"
              class="option"
              aria-pressed={props.value === o.value ? 'true' : 'false'}
              onClick={() => props.onChange(o.value)}
            >
              {o.label}
            </button>
          )}
        </For>
      </div>
      <Show when={props.error}>
        <p class="error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      </Show>
    </fieldset>
  )
}

/** The way back, the same at every step. */
export function BackButton(props: { onBack: () => void; label?: string | undefined }) {
  return (
    <button type="button" class="btn back" onClick={props.onBack}>
      ‹ {props.label ?? '返回上一步'}
    </button>
  )
}

/** The submission's network state, for a resident who is waiting. */
export function SendingNote(props: { state: 'idle' | 'sending' | 'retrying' }) {
  return (
    <Show when={props.state === 'retrying'}>
      <p class="warn" role="status">
        网络暂时中断，您填写的内容都还在。终端正在自动重新提交，请稍候，不要离开……
      </p>
    </Show>
  )
}
