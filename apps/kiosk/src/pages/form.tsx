import { MINOR_GUARDIAN_RELATIONS } from '@pingzhan/domain/guardian'
import { createMemo, createSignal, Show } from 'solid-js'
import { createStore } from 'solid-js/store'
import { Choice, SendingNote } from '../components/choice.tsx'
import { ConsentBox, FieldError, TextField } from '../components/fields.tsx'
import { createSubmission } from '../lib/submit.ts'
import { api, errorCode, errorMessage, fieldErrors, type SubmitResult } from '../lib/trpc.ts'
import {
  emptyForm,
  type FieldErrors,
  type FieldName,
  isMinor,
  type MediationForm,
  payload,
  validate,
} from '../lib/validate.ts'

const FIELDS: ReadonlyArray<FieldName> = [
  'applicantName',
  'phone',
  'idNumber',
  'guardianName',
  'guardianRelation',
  'guardianIdNumber',
  'guardianPhone',
  'guardianConsent',
  'summary',
  'otherParty',
]
const RELATIONS = MINOR_GUARDIAN_RELATIONS.map((r) => ({ value: r, label: r }))

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
      ...payload(form),
      consent: true,
      otherPartyConsent: consent(),
      key,
    }),
  )
  const busy = () => submission.state() !== 'idle'
  // After the first attempt, errors follow the typing so they disappear once fixed.
  const [tried, setTried] = createSignal(false)

  const set = <K extends FieldName>(name: K, value: MediationForm[K]) => {
    setForm(name, value)
    if (tried()) setErrors(validate(form))
  }
  // 个人信息保护法31: the ID number shows an applicant under 14 → the guardian applies and consents
  const minor = createMemo(() => isMinor(form.idNumber))

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

  const text = (name: Exclude<FieldName, 'guardianConsent'>, label: string, max: number, more = {}) => (
    <TextField
      id={`f-${name}`}
      label={label}
      value={form[name]}
      error={errors()[name]}
      onInput={(v) => set(name, v)}
      max={max}
      required
      {...more}
    />
  )

  return (
    <section class="panel">
      <h1>填写调解申请</h1>
      <p class="hint">除“多人参与的群体性纠纷”外，以下各项均需填写。</p>
      <form onSubmit={submit} novalidate autocomplete="off">
        {text('applicantName', '申请人姓名', 30)}
        {text('phone', '手机号码', 11, { numeric: true })}
        {text('idNumber', '身份证号', 18, { mono: true, upper: true })}
        <Show when={minor()}>
          <section class="guardian" aria-labelledby="f-guardian-title">
            <h2 id="f-guardian-title">监护人信息</h2>
            <p class="hint">
              申请人未满十四周岁，须由父母或其他监护人代为申请，并同意处理孩子的个人信息（个人信息保护法第三十一条）。请监护人填写以下各项。
            </p>
            {text('guardianName', '监护人姓名', 30)}
            <Choice
              id="f-guardianRelation"
              question="监护人与申请人的关系"
              options={RELATIONS}
              value={form.guardianRelation}
              onChange={(v) => set('guardianRelation', v)}
              error={errors().guardianRelation}
            />
            {text('guardianIdNumber', '监护人身份证号', 18, { mono: true, upper: true })}
            {text('guardianPhone', '监护人手机号码', 11, { numeric: true })}
            <ConsentBox
              id="f-guardianConsent"
              checked={form.guardianConsent}
              onChange={(v) => set('guardianConsent', v)}
              error={errors().guardianConsent}
            >
              我是申请人的监护人，同意处理该未成年人的上述个人信息
            </ConsentBox>
          </section>
        </Show>
        {text('summary', '纠纷概要', 500, {
          area: true,
          hint: '请简要说明发生了什么、涉及什么、您希望怎样解决（10至500个字）',
        })}
        {text('otherParty', '对方当事人', 50, { hint: '对方的姓名或单位名称，不清楚可填“不详”' })}
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
        <ConsentBox checked={form.groupDispute} onChange={(v) => setForm('groupDispute', v)}>
          多人参与的群体性纠纷
        </ConsentBox>
        <SendingNote state={submission.state()} />
        <FieldError error={formError()} />
        <button type="submit" class="btn primary huge" disabled={busy()}>
          {busy() ? '正在提交…' : '提交申请'}
        </button>
      </form>
    </section>
  )
}
