import { type JSX, Show } from 'solid-js'
import { BackButton, SendingNote } from './choice.tsx'
import { FieldError } from './fields.tsx'

/** One step of a service: the way back at the top, the question as the heading, the content. */
export function Step(props: {
  title: JSX.Element
  onBack?: (() => void) | undefined
  backLabel?: string
  children: JSX.Element
}) {
  return (
    <section class="panel">
      <Show when={props.onBack}>{(back) => <BackButton onBack={back()} label={props.backLabel} />}</Show>
      <h1>{props.title}</h1>
      {props.children}
    </section>
  )
}

/**
 * The foot of a step: the network note while a submission waits, the form's error, then “back” and
 * the main action side by side (both locked while sending).
 */
export function StepButtons(props: {
  back: { label: string; onClick: () => void }
  next: { label: string; busyLabel?: string; onClick: () => void; disabled?: boolean }
  state?: 'idle' | 'sending' | 'retrying'
  error?: string
}) {
  const busy = () => (props.state ?? 'idle') !== 'idle'
  return (
    <>
      <SendingNote state={props.state ?? 'idle'} />
      <FieldError error={props.error} />
      <div class="buttons">
        <button type="button" class="btn" disabled={busy()} onClick={() => props.back.onClick()}>
          {props.back.label}
        </button>
        <button
          type="button"
          class="btn primary"
          disabled={busy() || !!props.next.disabled}
          onClick={() => props.next.onClick()}
        >
          {busy() ? (props.next.busyLabel ?? props.next.label) : props.next.label}
        </button>
      </div>
    </>
  )
}
