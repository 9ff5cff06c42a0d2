import { createSignal, type JSX, Show } from 'solid-js'
import { createStore } from 'solid-js/store'
import { SendingNote } from '../components/choice.tsx'
import { createSubmission } from '../lib/submit.ts'
import { api, errorCode, errorMessage, fieldErrors, type SubmitResult } from '../lib/trpc.ts'
import {
  emptyForm,
  type FieldErrors,
  type FieldName,
  type MediationForm,
  normalise,
  validate,
} from '../lib/validate.ts'

const FIELDS: ReadonlyArray<FieldName> = ['applicantName', 'phone', 'idNumber', 'summary', 'otherParty']

type Consent = 'agreed' | 'refused' | 'unsure'
const CONSENT: ReadonlyArray<{ value: Consent; label: string }> = [
  { value: 'agreed', label: '对方同意调解' },
  { value: 'refused', label: '对方明确拒绝调解' },
  { value: 'unsure', label: '不清楚' },
]

export function FormPage(props: { onSubmitted: (result: SubmitResult) => void; onUnbound: () => void }) {
  const [form, setForm] = createStore<MediationForm>(emptyForm())
  // 人民调解法17: mediation needs both parties; an express refusal ends the application at once.
  const [consent, setConsent] = createSignal<Consent>('unsure')
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [formError, setFormError] = createSignal('')
  // The same key for every retry of this form: a dropped answer never makes a second request.
  const submission = createSubmission((key) =>
    api.kiosk.submitMediation.mutate({
      ...normalise(form),
      consent: true,
      otherPartyConsent: consent(),
      key,
    }),
  )
  const busy = () => submission.state() !== 'idle'
  // After the first attempt, errors follow the typing so they disappear once fixed.
  const [tried, setTried] = createSignal(false)

  const set = (name: FieldName, value: string) => {
    setForm(name, value)
    if (tried()) setErrors(validate(form))
  }

  const focusFirstError = (errs: FieldErrors) => {
    const first = FIELDS.find((f) => errs[f])
    if (first) document.getElementById(`f-${first}`)?.focus()
  }

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setTried(true)
    setFormError('')
    const errs = validate(form)
    setErrors(errs)
    if (Object.keys(errs).length > 0) {
      focusFirstError(errs)
      return
    }
    try {
      const printed = await submission.submit()
      if (printed) props.onSubmitted(printed)
    } catch (err) {
      const code = errorCode(err)
      const server = fieldErrors(err) as FieldErrors
      const known = FIELDS.filter((f) => server[f])
      if (known.length > 0) {
        setErrors(server)
        focusFirstError(server)
      }
      if (code === 'TOO_MANY_REQUESTS') setFormError(errorMessage(err) || '提交过于频繁，请稍后再试')
      else if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN') {
        setFormError(errorMessage(err))
        props.onUnbound()
      } else if (known.length === 0) setFormError(errorMessage(err))
      else setFormError('请按提示修改后再提交')
    }
  }

  return (
    <section class="panel">
      <h1>填写调解申请</h1>
      <p class="hint">除“多人参与的群体性纠纷”外，以下各项均需填写。</p>
      <form onSubmit={submit} novalidate autocomplete="off">
        <Field name="applicantName" label="申请人姓名" error={errors().applicantName}>
          {(attrs) => (
            <input
              {...attrs}
              class="input"
              maxLength={30}
              value={form.applicantName}
              onInput={(e) => set('applicantName', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field name="phone" label="手机号码" error={errors().phone}>
          {(attrs) => (
            <input
              {...attrs}
              class="input"
              type="tel"
              inputmode="numeric"
              maxLength={11}
              value={form.phone}
              onInput={(e) => set('phone', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field name="idNumber" label="身份证号" error={errors().idNumber}>
          {(attrs) => (
            <input
              {...attrs}
              class="input mono"
              maxLength={18}
              autocapitalize="characters"
              value={form.idNumber}
              onInput={(e) => set('idNumber', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          name="summary"
          label="纠纷概要"
          error={errors().summary}
          hint="请简要说明发生了什么、涉及什么、您希望怎样解决（10至500个字）"
        >
          {(attrs) => (
            <textarea
              {...attrs}
              class="input"
              rows={5}
              maxLength={500}
              value={form.summary}
              onInput={(e) => set('summary', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          name="otherParty"
          label="对方当事人"
          error={errors().otherParty}
          hint="对方的姓名或单位名称，不清楚可填“不详”"
        >
          {(attrs) => (
            <input
              {...attrs}
              class="input"
              maxLength={50}
              value={form.otherParty}
              onInput={(e) => set('otherParty', e.currentTarget.value)}
            />
          )}
        </Field>
        <fieldset class="field choice">
          <legend class="label">对方是否同意调解</legend>
          <p class="hint" id="f-consent-hint">
            人民调解须双方自愿；对方明确拒绝调解的，不能调解，我们会告诉您其他解决途径。
          </p>
          <div class="choices" role="radiogroup" aria-describedby="f-consent-hint">
            {CONSENT.map((c) => (
              <label class="consent">
                <input
                  type="radio"
                  name="otherPartyConsent"
                  value={c.value}
                  checked={consent() === c.value}
                  onChange={() => setConsent(c.value)}
                />
                <span>{c.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label class="consent">
          <input
            type="checkbox"
            checked={form.groupDispute}
            onChange={(e) => setForm('groupDispute', e.currentTarget.checked)}
          />
          <span>多人参与的群体性纠纷</span>
        </label>
        <SendingNote state={submission.state()} />
        <Show when={formError()}>
          <p class="error" role="alert">
            {formError()}
          </p>
        </Show>
        <button type="submit" class="btn primary huge" disabled={busy()}>
          {busy() ? '正在提交…' : '提交申请'}
        </button>
      </form>
    </section>
  )
}

type FieldAttrs = {
  id: string
  name: string
  autocomplete: 'off'
  spellcheck: false
  'aria-required': 'true'
  'aria-invalid': 'true' | undefined
  'aria-describedby': string | undefined
}

function Field(props: {
  name: FieldName
  label: string
  error: string | undefined
  hint?: string
  children: (attrs: FieldAttrs) => JSX.Element
}) {
  const id = `f-${props.name}`
  const described = () =>
    [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class="field" classList={{ invalid: !!props.error }}>
      <label class="label" for={id}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      </Show>
      {props.children({
        id,
        name: props.name,
        autocomplete: 'off',
        spellcheck: false,
        'aria-required': 'true',
        get 'aria-invalid'() {
          return props.error ? 'true' : undefined
        },
        get 'aria-describedby'() {
          return described()
        },
      })}
      <Show when={props.error}>
        <p class="error field-error" id={`${id}-error`} role="alert">
          {props.error}
        </p>
      </Show>
    </div>
  )
}
