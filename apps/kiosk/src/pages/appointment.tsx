import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js'
import { Choice, type Option } from '../components/choice.tsx'
import { ConsentBox, FieldError, TextField } from '../components/fields.tsx'
import type { Printed } from '../components/printed-receipt.tsx'
import { ReceiptSecretForm } from '../components/receipt-secret.tsx'
import { Step, StepButtons } from '../components/step.tsx'
import { createSubmission } from '../lib/submit.ts'
import { api, errorCode, errorMessage, fieldErrors } from '../lib/trpc.ts'

type Slot = { id: string; day: string; startsAt: string; endsAt: string }
type Topic =
  | '婚姻家庭'
  | '继承赡养'
  | '劳动用工'
  | '土地房产'
  | '借款合同'
  | '交通事故'
  | '人身损害'
  | '其他法律问题'
const TOPICS: ReadonlyArray<Option<Topic>> = (
  [
    '婚姻家庭',
    '继承赡养',
    '劳动用工',
    '土地房产',
    '借款合同',
    '交通事故',
    '人身损害',
    '其他法律问题',
  ] as const
).map((t) => ({ value: t, label: t }))

const time = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso))
const dayLabel = (day: string) => {
  const d = new Date(`${day}T00:00:00+08:00`)
  const week = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', weekday: 'short' }).format(d)
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日（${week}）`
}
export const slotLabel = (s: Slot) => `${dayLabel(s.day)} ${time(s.startsAt)}–${time(s.endsAt)}`

type StepName = 'menu' | 'day' | 'slot' | 'topic' | 'details' | 'cancel'

/** 预约法律咨询: a day → a free time → the topic → name and phone (with the notice) → receipt; or cancel. */
export default function AppointmentFlow(props: {
  onDone: (p: Printed, when: string) => void
  onExit: () => void
  onUnbound: () => void
}) {
  const [step, setStep] = createSignal<StepName>('menu')
  const [slots, { refetch }] = createResource(() => api.kiosk.freeSlots.query())
  const [day, setDay] = createSignal<string | null>(null)
  const [slot, setSlot] = createSignal<Slot | null>(null)
  const [topic, setTopic] = createSignal<Topic | null>(null)
  const [name, setName] = createSignal('')
  const [phone, setPhone] = createSignal('')
  const [agreed, setAgreed] = createSignal(false)
  const [errors, setErrors] = createSignal<Record<string, string>>({})
  const [formError, setFormError] = createSignal('')
  const days = createMemo(() => [...new Set((slots() ?? []).map((s) => s.day))])

  const submission = createSubmission((key) =>
    api.kiosk.book.mutate({
      key,
      slotId: slot()?.id ?? '',
      applicantName: name().trim(),
      phone: phone().replace(/\s+/g, ''),
      topic: topic() as Topic,
      consent: true,
    }),
  )

  const book = async () => {
    const e: Record<string, string> = {}
    if ([...name().trim()].length < 2) e.applicantName = '请填写姓名（至少2个字）'
    if (!/^1[3-9]\d{9}$/.test(phone().replace(/\s+/g, ''))) e.phone = '手机号码应为1开头的11位数字'
    setErrors(e)
    setFormError('')
    if (Object.keys(e).length > 0) return
    try {
      const r = await submission.submit()
      if (r)
        props.onDone(r, slotLabel({ id: '', day: slot()?.day ?? '', startsAt: r.startsAt, endsAt: r.endsAt }))
    } catch (err) {
      setErrors(fieldErrors(err))
      setFormError(errorMessage(err))
      const code = errorCode(err)
      if (code === 'UNAUTHORIZED') props.onUnbound()
      if (code === 'CONFLICT') {
        // someone else took the time meanwhile: back to the times, refreshed
        setSlot(null)
        void refetch()
        setStep('slot')
      }
    }
  }

  return (
    <Switch>
      <Match when={step() === 'menu'}>
        <Step title="预约法律咨询" onBack={props.onExit} backLabel="返回首页">
          <p class="lead">选一个时间，到所里当面咨询法律问题，不收费。</p>
          <div class="services">
            <button type="button" class="btn primary service" onClick={() => setStep('day')}>
              预约时间
            </button>
            <button type="button" class="btn service" onClick={() => setStep('cancel')}>
              取消已有预约
            </button>
          </div>
        </Step>
      </Match>

      <Match when={step() === 'day'}>
        <Step title="选择日期" onBack={() => setStep('menu')}>
          <Show when={!slots.loading} fallback={<p role="status">正在查询可预约的时间…</p>}>
            <FieldError error={slots.error ? errorMessage(slots.error) : undefined} />
            <Show
              when={days().length > 0}
              fallback={<p class="lead">近两周暂时没有可预约的时间，请直接到窗口咨询。</p>}
            >
              <div class="options">
                <For each={days()}>
                  {(d) => (
                    <button
                      type="button"
                      class="option"
                      aria-pressed={day() === d ? 'true' : 'false'}
                      onClick={() => {
                        setDay(d)
                        setStep('slot')
                      }}
                    >
                      {dayLabel(d)}
                    </button>
                  )}
                </For>
              </div>
            </Show>
          </Show>
        </Step>
      </Match>

      <Match when={step() === 'slot'}>
        <Step title={`选择时间：${day() ? dayLabel(day() as string) : ''}`} onBack={() => setStep('day')}>
          <FieldError error={formError()} />
          <div class="options">
            <For each={(slots() ?? []).filter((s) => s.day === day())}>
              {(s) => (
                <button
                  type="button"
                  class="option"
                  aria-pressed={slot()?.id === s.id ? 'true' : 'false'}
                  onClick={() => {
                    setSlot(s)
                    setFormError('')
                    setStep('topic')
                  }}
                >
                  {time(s.startsAt)}–{time(s.endsAt)}
                </button>
              )}
            </For>
          </div>
          <Show when={(slots() ?? []).filter((s) => s.day === day()).length === 0}>
            <p class="lead">这一天已经约满了，请选择其他日期。</p>
          </Show>
        </Step>
      </Match>

      <Match when={step() === 'topic'}>
        <Step title="您想咨询哪方面的问题？" onBack={() => setStep('slot')}>
          <Choice
            id="ap-topic"
            question="咨询事项"
            options={TOPICS}
            value={topic()}
            onChange={(t) => {
              setTopic(t)
              setStep('details')
            }}
          />
        </Step>
      </Match>

      <Match when={step() === 'details'}>
        <Step title="留下联系方式" onBack={() => setStep('topic')}>
          <p class="lead">
            预约时间：{slot() ? slotLabel(slot() as Slot) : ''}；咨询事项：{topic()}
          </p>
          <TextField
            id="ap-name"
            label="姓名"
            value={name()}
            error={errors().applicantName}
            onInput={setName}
            max={30}
          />
          <TextField
            id="ap-phone"
            label="手机号码"
            value={phone()}
            error={errors().phone}
            onInput={setPhone}
            max={11}
            numeric
          />
          <dl class="notice">
            <dt>个人信息告知</dt>
            <dd>
              我们只收集您的姓名和手机号码，用于安排咨询和在时间变动时通知您；手机号码加密保存，工作人员只看到部分号码，不作他用。
            </dd>
          </dl>
          <ConsentBox checked={agreed()} onChange={setAgreed}>
            我已阅读并同意上述告知
          </ConsentBox>
          <StepButtons
            state={submission.state()}
            error={formError()}
            back={{ label: '返回上一步', onClick: () => setStep('topic') }}
            next={{ label: '确认预约', busyLabel: '正在预约…', onClick: book, disabled: !agreed() }}
          />
        </Step>
      </Match>

      <Match when={step() === 'cancel'}>
        <CancelBooking onBack={() => setStep('menu')} onDone={props.onExit} />
      </Match>
    </Switch>
  )
}

function CancelBooking(props: { onBack: () => void; onDone: () => void }) {
  const [done, setDone] = createSignal(false)
  return (
    <Step title="取消预约" onBack={props.onBack}>
      <Show
        when={!done()}
        fallback={
          <>
            <p class="verdict likely" role="status">
              预约已取消。
            </p>
            <button type="button" class="btn primary huge" onClick={props.onDone}>
              完成
            </button>
          </>
        }
      >
        <ReceiptSecretForm
          action="取消这个预约"
          busyAction="正在取消…"
          send={async (input) => {
            await api.kiosk.cancelBooking.mutate(input)
            setDone(true)
          }}
        />
      </Show>
    </Step>
  )
}
