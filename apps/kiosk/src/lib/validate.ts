import {
  checkGuardian,
  type GuardianField,
  type GuardianInput,
  needsGuardian,
} from '@pingzhan/domain/guardian'
import { validateIdNumber } from '@pingzhan/domain/id-number'

export type MediationForm = {
  applicantName: string
  phone: string
  idNumber: string
  summary: string
  otherParty: string
  groupDispute: boolean
  /** 个人信息保护法31: the guardian of an applicant under 14 */
  guardianName: string
  guardianRelation: string
  guardianIdNumber: string
  guardianPhone: string
  guardianConsent: boolean
}
export type FieldName = Exclude<keyof MediationForm, 'groupDispute'>
export type FieldErrors = Partial<Record<FieldName, string>>

export const emptyForm = (): MediationForm => ({
  applicantName: '',
  phone: '',
  idNumber: '',
  summary: '',
  otherParty: '',
  groupDispute: false,
  guardianName: '',
  guardianRelation: '',
  guardianIdNumber: '',
  guardianPhone: '',
  guardianConsent: false,
})

const PHONE = /^1[3-9]\d{9}$/
const length = (s: string) => [...s].length

export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
}

/** Normalised values: trimmed, ID in upper case, phone without spaces. */
export function normalise(f: MediationForm): MediationForm {
  return {
    applicantName: f.applicantName.trim(),
    phone: f.phone.replace(/\s+/g, ''),
    idNumber: f.idNumber.replace(/\s+/g, '').toUpperCase(),
    summary: f.summary.trim(),
    otherParty: f.otherParty.trim(),
    groupDispute: f.groupDispute,
    guardianName: f.guardianName.trim(),
    guardianRelation: f.guardianRelation,
    guardianIdNumber: f.guardianIdNumber.replace(/\s+/g, '').toUpperCase(),
    guardianPhone: f.guardianPhone.replace(/\s+/g, ''),
    guardianConsent: f.guardianConsent,
  }
}

const GUARDIAN_FIELDS = {
  name: 'guardianName',
  relation: 'guardianRelation',
  idNumber: 'guardianIdNumber',
  phone: 'guardianPhone',
  consent: 'guardianConsent',
} as const

/**
 * The domain's guardian rule (个人信息保护法31) as a form's errors: each problem under the form's own
 * field name (`fields` maps the rule's names). Nothing for an applicant of 14 or over.
 */
export function guardianErrors<F extends string>(
  applicant: { birthDate: string; idNumber: string },
  guardian: GuardianInput,
  today: string,
  fields: Record<GuardianField, F>,
): Partial<Record<F, string>> {
  const g = checkGuardian(applicant, guardian, today)
  const errors: Partial<Record<F, string>> = {}
  if (g.needed && !g.ok)
    for (const [k, message] of Object.entries(g.problems) as Array<[GuardianField, string]>)
      errors[fields[k]] = message
  return errors
}

/** Whether the applicant's ID number (once valid) shows an age under 14: the guardian section opens. */
export function isMinor(idNumber: string, today = todayInChina()): boolean {
  const id = validateIdNumber(idNumber.replace(/\s+/g, '').toUpperCase(), today)
  return id.ok && needsGuardian(id.birthDate, today)
}

/** What the server gets: the guardian only for an applicant under 14. */
export function payload(raw: MediationForm, today = todayInChina()) {
  const f = normalise(raw)
  const { guardianName, guardianRelation, guardianIdNumber, guardianPhone, guardianConsent, ...rest } = f
  return isMinor(f.idNumber, today)
    ? { ...rest, guardianName, guardianRelation, guardianIdNumber, guardianPhone, guardianConsent }
    : rest
}

/** The same checks as the server, so a resident learns of a typo before waiting for the network. */
export function validate(raw: MediationForm, today = todayInChina()): FieldErrors {
  const f = normalise(raw)
  const errors: FieldErrors = {}

  if (!f.applicantName) errors.applicantName = '请填写申请人姓名'
  else if (length(f.applicantName) < 2) errors.applicantName = '姓名至少2个字'
  else if (length(f.applicantName) > 30) errors.applicantName = '姓名不能超过30个字'

  if (!f.phone) errors.phone = '请填写手机号码'
  else if (!PHONE.test(f.phone)) errors.phone = '手机号码应为1开头的11位数字，请核对'

  if (!f.idNumber) errors.idNumber = '请填写身份证号'
  else {
    const id = validateIdNumber(f.idNumber, today)
    if (!id.ok) errors.idNumber = id.reason
    else {
      // the domain's rule, as the server applies it
      Object.assign(
        errors,
        guardianErrors(
          { birthDate: id.birthDate, idNumber: f.idNumber },
          {
            name: f.guardianName,
            relation: f.guardianRelation,
            idNumber: f.guardianIdNumber,
            phone: f.guardianPhone,
            consent: f.guardianConsent,
          },
          today,
          GUARDIAN_FIELDS,
        ),
      )
    }
  }

  if (!f.summary) errors.summary = '请简要说明纠纷情况'
  else if (length(f.summary) < 10) errors.summary = '纠纷概要至少填写10个字'
  else if (length(f.summary) > 500) errors.summary = '纠纷概要不能超过500个字'

  if (!f.otherParty) errors.otherParty = '请填写对方当事人（不清楚可填“不详”）'
  else if (length(f.otherParty) > 50) errors.otherParty = '对方当事人不能超过50个字'

  return errors
}
