import { MINOR_GUARDIAN_RELATIONS } from '@pingzhan/domain/guardian'
import { ageOn, validateIdNumber } from '@pingzhan/domain/id-number'
import {
  type ApplicantRole,
  type EconomicAnswer,
  KIOSK_ECONOMIC_WAIVERS,
  KIOSK_HARDSHIP_WAIVERS,
  LEGAL_AID_MATTER_PLAIN,
  precheckLegalAid,
} from '@pingzhan/domain/legal-aid-precheck'
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js'
import { createStore } from 'solid-js/store'
import { Choice, type Option } from '../components/choice.tsx'
import { ConsentBox, FieldError, TextField } from '../components/fields.tsx'
import type { Printed } from '../components/printed-receipt.tsx'
import { Step, StepButtons } from '../components/step.tsx'
import { createSubmission } from '../lib/submit.ts'
import { api, errorCode, errorMessage, fieldErrors } from '../lib/trpc.ts'
import { guardianErrors } from '../lib/validate.ts'

type Matter = keyof typeof LEGAL_AID_MATTER_PLAIN
type EconomicWaiver = '32.1' | '32.2' | '32.3' | '32.4'
type HardshipWaiver = '42.1' | '42.2' | '42.3'
type Relation =
  | '父亲'
  | '母亲'
  | '祖父母'
  | '外祖父母'
  | '兄姐'
  | '其他监护人'
  | '配偶'
  | '子女'
  | '其他近亲属'

const MATTERS = Object.keys(LEGAL_AID_MATTER_PLAIN) as Matter[]
const YES_NO: ReadonlyArray<Option<'yes' | 'no'>> = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
]
const ROLES: ReadonlyArray<Option<ApplicantRole>> = [
  { value: 'self', label: '为自己申请' },
  { value: 'guardian', label: '监护人代未成年人或没有行为能力的家人申请' },
  { value: 'relative', label: '近亲属代被羁押的家人申请' },
]
const NONE = 'none'
const ECONOMIC: ReadonlyArray<Option<EconomicWaiver | 'none'>> = [
  ...Object.entries(KIOSK_ECONOMIC_WAIVERS).map(([value, label]) => ({
    value: value as EconomicWaiver,
    label,
  })),
  { value: NONE, label: '都不是' },
]
const HARDSHIP: ReadonlyArray<Option<HardshipWaiver | 'none'>> = [
  ...Object.entries(KIOSK_HARDSHIP_WAIVERS).map(([value, label]) => ({
    value: value as HardshipWaiver,
    label,
  })),
  { value: NONE, label: '都不是' },
]
const ECONOMY: ReadonlyArray<Option<EconomicAnswer>> = [
  { value: 'yes', label: '困难' },
  { value: 'no', label: '不困难' },
  { value: 'unsure', label: '说不清' },
]
// an adult's agents (法律援助法40); a child's guardians (民法典27) come from the domain
const RELATIONS: ReadonlyArray<Option<Relation>> = (
  ['父亲', '母亲', '其他监护人', '配偶', '子女', '其他近亲属'] as const
).map((r) => ({ value: r, label: r }))
const MINOR_RELATIONS: ReadonlyArray<Option<Relation>> = MINOR_GUARDIAN_RELATIONS.map((r) => ({
  value: r,
  label: r,
}))

type StepName = 'notice' | 'matter' | 'situation' | 'result' | 'details' | 'confirm'

interface Answers {
  matter: Matter | null
  role: ApplicantRole | null
  detained: 'yes' | 'no' | null
  counsel: 'yes' | 'no' | null
  economicWaiver: EconomicWaiver | 'none' | null
  hardshipWaiver: HardshipWaiver | 'none' | null
  economy: EconomicAnswer | null
  urgent: 'yes' | 'no' | null
  brought: string[]
  applicantName: string
  phone: string
  idNumber: string
  summary: string
  agentName: string
  agentRelation: Relation | null
  agentIdNumber: string
  agentPhone: string
  guardianConsent: boolean
}

const PHONE = /^1[3-9]\d{9}$/
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const len = (s: string) => [...s.trim()].length

/** 申请法律援助: notice → matter → situation → pre-check and checklist → applicant → confirm → receipt. */
export default function LegalAidFlow(props: {
  officeName: string
  onDone: (p: Printed) => void
  onExit: () => void
  onUnbound: () => void
}) {
  const [step, setStep] = createSignal<StepName>('notice')
  const [agreed, setAgreed] = createSignal(false)
  const [agreedSensitive, setAgreedSensitive] = createSignal(false)
  const [a, setA] = createStore<Answers>({
    matter: null,
    role: null,
    detained: null,
    counsel: null,
    economicWaiver: null,
    hardshipWaiver: null,
    economy: null,
    urgent: null,
    brought: [],
    applicantName: '',
    phone: '',
    idNumber: '',
    summary: '',
    agentName: '',
    agentRelation: null,
    agentIdNumber: '',
    agentPhone: '',
    guardianConsent: false,
  })
  const [errors, setErrors] = createSignal<Record<string, string>>({})
  const [formError, setFormError] = createSignal('')

  const economicWaiver = () => (a.economicWaiver && a.economicWaiver !== NONE ? a.economicWaiver : null)
  const hardshipWaiver = () => (a.hardshipWaiver && a.hardshipWaiver !== NONE ? a.hardshipWaiver : null)
  const needsHardship = () => a.matter !== 'criminal.25' && a.economicWaiver === NONE
  const needsEconomy = () => needsHardship() && a.hardshipWaiver === NONE
  const situationDone = () =>
    a.role !== null &&
    a.detained !== null &&
    a.counsel !== null &&
    a.urgent !== null &&
    (a.matter === 'criminal.25' || a.economicWaiver !== null) &&
    (!needsHardship() || a.hardshipWaiver !== null) &&
    (!needsEconomy() || a.economy !== null)

  const check = createMemo(() =>
    a.matter === null
      ? null
      : precheckLegalAid({
          matter: a.matter,
          applicantRole: a.role ?? 'self',
          detained: a.detained === 'yes',
          hasCounsel: a.counsel === 'yes',
          economicWaiver: a.matter === 'criminal.25' ? null : economicWaiver(),
          hardshipWaiver: needsHardship() ? hardshipWaiver() : null,
          economicHardship: a.economy ?? 'unsure',
          urgent: a.urgent === 'yes',
        }),
  )

  const idCheck = createMemo(() => {
    const v = a.idNumber.replace(/\s+/g, '').toUpperCase()
    return v.length === 18 ? validateIdNumber(v, today()) : null
  })
  const minor = () => {
    const c = idCheck()
    return c?.ok === true && ageOn(c.birthDate, today()) < 14
  }
  const needsAgent = () => minor() || (a.role !== null && a.role !== 'self')

  const validateDetails = (): Record<string, string> => {
    const e: Record<string, string> = {}
    if (len(a.applicantName) < 2) e.applicantName = '请填写申请人姓名（至少2个字）'
    if (!PHONE.test(a.phone.replace(/\s+/g, ''))) e.phone = '手机号码应为1开头的11位数字'
    const id = idCheck()
    if (id === null) e.idNumber = '请填写18位身份证号'
    else if (!id.ok) e.idNumber = id.reason
    if (len(a.summary) < 5) e.summary = '请简要说明情况（至少5个字）'
    if (minor() && a.role !== 'guardian')
      e.applicantRole = '申请人未满十四周岁，应由父母或其他监护人代为申请，请返回修改“替谁申请”'
    const c = idCheck()
    if (minor() && c?.ok) {
      // the domain's guardian rule, as the server applies it (个人信息保护法31, 民法典27)
      Object.assign(
        e,
        guardianErrors(
          { birthDate: c.birthDate, idNumber: a.idNumber.replace(/\s+/g, '').toUpperCase() },
          {
            name: a.agentName,
            relation: a.agentRelation ?? undefined,
            idNumber: a.agentIdNumber,
            phone: a.agentPhone,
            consent: a.guardianConsent,
          },
          today(),
          {
            name: 'agentName',
            relation: 'agentRelation',
            idNumber: 'agentIdNumber',
            phone: 'agentPhone',
            consent: 'guardianConsent',
          },
        ),
      )
    } else if (needsAgent()) {
      if (len(a.agentName) < 2) e.agentName = '请填写代为申请人的姓名'
      if (!a.agentRelation) e.agentRelation = '请选择与申请人的关系'
      const ag = a.agentIdNumber.replace(/\s+/g, '').toUpperCase()
      const r = validateIdNumber(ag, today())
      if (!r.ok) e.agentIdNumber = r.reason
      else if (ageOn(r.birthDate, today()) < 18) e.agentIdNumber = '代为申请人应年满十八周岁'
    }
    return e
  }

  const submission = createSubmission((key) =>
    api.kiosk.submitLegalAid.mutate({
      key,
      applicantName: a.applicantName.trim(),
      phone: a.phone.replace(/\s+/g, ''),
      idNumber: a.idNumber.replace(/\s+/g, '').toUpperCase(),
      matterType: a.matter as Matter,
      applicantRole: a.role ?? 'self',
      detained: a.detained === 'yes',
      hasCounsel: a.counsel === 'yes',
      ...(a.matter !== 'criminal.25' && economicWaiver()
        ? { economicWaiver: economicWaiver() as EconomicWaiver }
        : {}),
      ...(needsHardship() && hardshipWaiver() ? { hardshipWaiver: hardshipWaiver() as HardshipWaiver } : {}),
      economicHardship: a.economy ?? 'unsure',
      urgent: a.urgent === 'yes',
      summary: a.summary.trim(),
      ...(a.brought.length > 0 ? { materialsBrought: [...a.brought] } : {}),
      ...(needsAgent()
        ? {
            agentName: a.agentName.trim(),
            agentRelation: a.agentRelation as Relation,
            agentIdNumber: a.agentIdNumber.replace(/\s+/g, '').toUpperCase(),
            ...(minor() ? { agentPhone: a.agentPhone.replace(/\s+/g, '') } : {}),
          }
        : {}),
      consent: true as const,
      sensitiveConsent: true as const,
      ...(minor() ? { guardianConsent: a.guardianConsent } : {}),
    }),
  )

  const submit = async () => {
    setFormError('')
    try {
      const printed = await submission.submit()
      if (printed) props.onDone(printed)
    } catch (err) {
      const fe = fieldErrors(err)
      setErrors(fe)
      const code = errorCode(err)
      if (code === 'UNAUTHORIZED') props.onUnbound()
      setFormError(errorMessage(err))
      if (
        Object.keys(fe).some((k) =>
          [
            'applicantName',
            'phone',
            'idNumber',
            'summary',
            'agentName',
            'agentIdNumber',
            'agentRelation',
            'agentPhone',
            'guardianConsent',
          ].includes(k),
        )
      )
        setStep('details')
    }
  }

  const toggle = (code: string) =>
    setA('brought', (b) => (b.includes(code) ? b.filter((c) => c !== code) : [...b, code]))

  return (
    <Switch>
      <Match when={step() === 'notice'}>
        <Step title="申请法律援助：个人信息告知" onBack={props.onExit} backLabel="返回首页">
          <dl class="notice">
            <dt>收集哪些信息</dt>
            <dd>
              申请人的姓名、手机号、身份证号，申请事项和简要情况，以及您对下面几个问题的回答；代为申请的，还有代为申请人的姓名、关系和身份证号。
            </dd>
            <dt>为什么收集</dt>
            <dd>
              用于{props.officeName}
              受理您的法律援助申请，并转交县法律援助中心审查决定（法律援助法第三十八条、第四十三条），以及与您联系。
            </dd>
            <dt>敏感个人信息</dt>
            <dd>
              身份证号、是否被羁押、家庭经济状况，以及未满十四周岁未成年人的信息，属于敏感个人信息（个人信息保护法第二十八条）。它们只用于审查是否给予法律援助，加密保存，工作人员列表中只显示部分号码；泄露可能影响您的名誉和权益，所以需要您单独同意。
            </dd>
            <dt>谁能看到、保存多久</dt>
            <dd>
              只有本所和县法律援助中心承办人员；按法律援助档案的规定期限保存，不作他用。本终端不会显示其他人的任何信息。
            </dd>
            <dt>未成年人</dt>
            <dd>
              申请人未满十四周岁的，由父母或其他监护人代为申请，并由监护人同意（个人信息保护法第三十一条）。
            </dd>
          </dl>
          <ConsentBox checked={agreed()} onChange={setAgreed}>
            我已阅读并同意上述告知
          </ConsentBox>
          <ConsentBox checked={agreedSensitive()} onChange={setAgreedSensitive}>
            我单独同意处理上述敏感个人信息
          </ConsentBox>
          <StepButtons
            back={{ label: '不同意，返回首页', onClick: props.onExit }}
            next={{
              label: '下一步',
              onClick: () => setStep('matter'),
              disabled: !agreed() || !agreedSensitive(),
            }}
          />
        </Step>
      </Match>

      <Match when={step() === 'matter'}>
        <Step title="您要为什么事申请法律援助？" onBack={() => setStep('notice')}>
          <p class="hint">请点选最接近的一项。</p>
          <div class="options one">
            <For each={MATTERS}>
              {(m) => (
                <button
                  type="button"
                  class="option"
                  aria-pressed={a.matter === m ? 'true' : 'false'}
                  onClick={() => {
                    setA('matter', m)
                    setStep('situation')
                  }}
                >
                  {LEGAL_AID_MATTER_PLAIN[m]}
                </button>
              )}
            </For>
          </div>
        </Step>
      </Match>

      <Match when={step() === 'situation'}>
        <Step title="您的情况" onBack={() => setStep('matter')}>
          <p class="hint">事项：{a.matter ? LEGAL_AID_MATTER_PLAIN[a.matter] : ''}</p>
          <Choice
            id="q-role"
            question="您是替谁申请？"
            options={ROLES}
            value={a.role}
            onChange={(v) => setA('role', v)}
            columns={1}
            error={check()?.problems.applicantRole}
          />
          <Choice
            id="q-detained"
            question="需要法律援助的人，现在是否被羁押（在看守所、监狱或强制隔离戒毒所）？"
            options={YES_NO}
            value={a.detained}
            onChange={(v) => setA('detained', v)}
          />
          <Choice
            id="q-counsel"
            question="这件事是否已经请了律师或其他代理人？"
            options={YES_NO}
            value={a.counsel}
            onChange={(v) => setA('counsel', v)}
          />
          <Show when={a.matter !== 'criminal.25'}>
            <Choice
              id="q-economic"
              question="是否属于下列情形？"
              hint="属于的，申请法律援助不受经济困难条件的限制（法律援助法第三十二条）"
              options={ECONOMIC}
              value={a.economicWaiver}
              onChange={(v) => setA('economicWaiver', v)}
              columns={1}
              error={check()?.problems.economicWaiver}
            />
          </Show>
          <Show when={needsHardship()}>
            <Choice
              id="q-hardship"
              question="申请人是否属于下列人员？"
              hint="有材料证明的，不再核查经济困难状况（法律援助法第四十二条）"
              options={HARDSHIP}
              value={a.hardshipWaiver}
              onChange={(v) => setA('hardshipWaiver', v)}
              columns={1}
              error={check()?.problems.hardshipWaiver}
            />
          </Show>
          <Show when={needsEconomy()}>
            <Choice
              id="q-economy"
              question="申请人家庭经济是否困难？"
              options={ECONOMY}
              value={a.economy}
              onChange={(v) => setA('economy', v)}
            />
          </Show>
          <Choice
            id="q-urgent"
            question="是否有紧急情况（例如诉讼时效或期限几天内就要到期）？"
            options={YES_NO}
            value={a.urgent}
            onChange={(v) => setA('urgent', v)}
          />
          <StepButtons
            back={{ label: '返回上一步', onClick: () => setStep('matter') }}
            next={{
              label: '查看初步判断',
              onClick: () => setStep('result'),
              disabled: !situationDone() || Object.keys(check()?.problems ?? {}).length > 0,
            }}
          />
        </Step>
      </Match>

      <Match when={step() === 'result' && check()}>
        {(c) => (
          <Step title="初步判断" onBack={() => setStep('situation')}>
            <p class="verdict" classList={{ [c().outcome]: true }}>
              {c().headline}
            </p>
            <p class="hint">这只是根据您的选择作出的初步判断，是否给予法律援助由县法律援助中心审查决定。</p>
            <ul class="reasons">
              <For each={c().reasons}>{(r) => <li>{r}</li>}</For>
            </ul>
            <h2>需要准备的材料</h2>
            <p class="hint">已经带来的，请点一下标记“已带来”；没带的可以之后补交。</p>
            <ul class="checklist">
              <For each={c().materials}>
                {(m) => (
                  <li>
                    <button
                      type="button"
                      class="option check"
                      aria-pressed={a.brought.includes(m.code) ? 'true' : 'false'}
                      onClick={() => toggle(m.code)}
                    >
                      <span class="box" aria-hidden="true">
                        {a.brought.includes(m.code) ? '✔' : ''}
                      </span>
                      <span>{m.text}</span>
                      <span class="tag">{a.brought.includes(m.code) ? '已带来' : '未带'}</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <StepButtons
              back={{ label: '返回上一步', onClick: () => setStep('situation') }}
              next={{ label: '继续申请', onClick: () => setStep('details') }}
            />
          </Step>
        )}
      </Match>

      <Match when={step() === 'details'}>
        <Step title="申请人信息" onBack={() => setStep('result')}>
          <FieldError error={errors().applicantRole} />
          <TextField
            id="la-name"
            label="申请人姓名"
            value={a.applicantName}
            error={errors().applicantName}
            onInput={(v) => setA('applicantName', v)}
            max={30}
          />
          <TextField
            id="la-phone"
            label="联系电话（手机）"
            value={a.phone}
            error={errors().phone}
            onInput={(v) => setA('phone', v)}
            max={11}
            numeric
          />
          <TextField
            id="la-id"
            label="申请人身份证号"
            value={a.idNumber}
            error={errors().idNumber}
            onInput={(v) => setA('idNumber', v)}
            max={18}
            mono
          />
          <TextField
            id="la-summary"
            label="简要情况"
            hint="发生了什么、您希望得到什么帮助（5至500个字）"
            value={a.summary}
            error={errors().summary}
            onInput={(v) => setA('summary', v)}
            max={500}
            area
          />
          <Show when={needsAgent()}>
            <h2>代为申请人</h2>
            <Show when={minor()}>
              <p class="hint">申请人未满十四周岁，由父母或其他监护人代为申请。</p>
            </Show>
            <TextField
              id="la-agent"
              label="代为申请人姓名"
              value={a.agentName}
              error={errors().agentName}
              onInput={(v) => setA('agentName', v)}
              max={30}
            />
            <Choice
              id="la-relation"
              question="与申请人的关系"
              options={minor() ? MINOR_RELATIONS : RELATIONS}
              value={a.agentRelation}
              onChange={(v) => setA('agentRelation', v)}
              error={errors().agentRelation}
            />
            <TextField
              id="la-agent-id"
              label="代为申请人身份证号"
              value={a.agentIdNumber}
              error={errors().agentIdNumber}
              onInput={(v) => setA('agentIdNumber', v)}
              max={18}
              mono
            />
            <Show when={minor()}>
              <TextField
                id="la-agent-phone"
                label="监护人手机号码"
                value={a.agentPhone}
                error={errors().agentPhone}
                onInput={(v) => setA('agentPhone', v)}
                max={11}
                numeric
              />
            </Show>
          </Show>
          <Show when={minor()}>
            <ConsentBox
              id="la-guardian-consent"
              checked={a.guardianConsent}
              onChange={(v) => setA('guardianConsent', v)}
              error={errors().guardianConsent}
            >
              我是申请人的监护人，同意处理该未成年人的个人信息
            </ConsentBox>
          </Show>
          <StepButtons
            back={{ label: '返回上一步', onClick: () => setStep('result') }}
            next={{
              label: '下一步',
              onClick: () => {
                const e = validateDetails()
                setErrors(e)
                if (Object.keys(e).length === 0) setStep('confirm')
              },
            }}
          />
        </Step>
      </Match>

      <Match when={step() === 'confirm'}>
        <Step title="请确认后提交" onBack={() => setStep('details')}>
          <dl class="notice">
            <dt>申请事项</dt>
            <dd>{a.matter ? LEGAL_AID_MATTER_PLAIN[a.matter] : ''}</dd>
            <dt>申请人</dt>
            <dd>{a.applicantName}</dd>
            <Show when={needsAgent()}>
              <dt>代为申请人</dt>
              <dd>
                {a.agentName}（{a.agentRelation}）
              </dd>
            </Show>
            <dt>初步判断</dt>
            <dd>{check()?.headline}</dd>
            <dt>已带来的材料</dt>
            <dd>
              {check()
                ?.materials.filter((m) => a.brought.includes(m.code))
                .map((m) => m.text)
                .join('；') || '暂未带材料'}
            </dd>
          </dl>
          <StepButtons
            state={submission.state()}
            error={formError()}
            back={{ label: '返回修改', onClick: () => setStep('details') }}
            next={{ label: '提交法律援助申请', busyLabel: '正在提交…', onClick: submit }}
          />
        </Step>
      </Match>
    </Switch>
  )
}
