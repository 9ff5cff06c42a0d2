import { type JSX, Show } from 'solid-js'

/**
 * A labelled text input (or text area) with its hint and its error, tied together for screen readers.
 * Every kiosk form uses it: mediation, legal aid, appointment, status lookup.
 */
export function TextField(props: {
  id: string
  label: string
  hint?: string
  value: string
  error: string | undefined
  onInput: (v: string) => void
  max: number
  numeric?: boolean
  mono?: boolean
  area?: boolean
  required?: boolean
  upper?: boolean
}) {
  const described = () =>
    [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined
  const common = () => ({
    id: props.id,
    class: 'input',
    maxLength: props.max,
    spellcheck: false,
    'aria-required': props.required ? ('true' as const) : undefined,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': described(),
  })
  return (
    <div class="field" classList={{ invalid: !!props.error }}>
      <label class="label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </Show>
      <Show
        when={props.area}
        fallback={
          <input
            {...common()}
            classList={{ mono: !!props.mono }}
            autocomplete="off"
            autocapitalize={props.upper ? 'characters' : undefined}
            inputmode={props.numeric ? 'numeric' : undefined}
            type={props.numeric ? 'tel' : 'text'}
            value={props.value}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        }
      >
        <textarea
          {...common()}
          rows={4}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </Show>
      <FieldError id={`${props.id}-error`} error={props.error} />
    </div>
  )
}

/** An error under a field or a form, announced as it appears. */
export function FieldError(props: { id?: string; error: string | undefined }) {
  return (
    <Show when={props.error}>
      <p class="error" classList={{ 'field-error': !!props.id }} id={props.id} role="alert">
        {props.error}
      </p>
    </Show>
  )
}

/** A big tick box with its sentence (consents). */
export function ConsentBox(props: {
  id?: string
  checked: boolean
  onChange: (checked: boolean) => void
  error?: string | undefined
  children: JSX.Element
}) {
  return (
    <>
      <label class="consent" classList={{ invalid: !!props.error }}>
        <input
          id={props.id}
          type="checkbox"
          checked={props.checked}
          aria-describedby={props.error && props.id ? `${props.id}-error` : undefined}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <span>{props.children}</span>
      </label>
      <FieldError id={props.id ? `${props.id}-error` : undefined} error={props.error} />
    </>
  )
}
