// Guardian consent for a minor applicant (issue 14). Imports only the ID-number check: the kiosk
// bundles this file on its own.
//
// 个人信息保护法 第三十一条: the personal information of a minor under fourteen is sensitive, and handling
// it needs the consent of the parents or other guardian. 民法典 第二十七条 names who a minor's guardian
// is: the parents, or else (in this order) grandparents, elder siblings, another willing person or body.
// A guardian must be of full capacity (民法典 第十八条: eighteen and over, here without the 16–18 own-income
// exception a kiosk cannot check). So an application at the kiosk for a resident under 14 carries the
// guardian: name, relation, ID number, phone and the ticked consent; anyone 14 and over applies alone.

import { ageOn, GUARDIAN_CONSENT_AGE, validateIdNumber } from './id-number.ts'

/** Who may be the guardian of a minor (民法典 第二十七条), as the resident picks it. */
export const MINOR_GUARDIAN_RELATIONS = ['父亲', '母亲', '祖父母', '外祖父母', '兄姐', '其他监护人'] as const
export type MinorGuardianRelation = (typeof MINOR_GUARDIAN_RELATIONS)[number]

/** The guardian as the kiosk sends it (strings untrimmed, as typed). */
export interface GuardianInput {
  readonly name?: string | undefined
  readonly relation?: string | undefined
  readonly idNumber?: string | undefined
  readonly phone?: string | undefined
  readonly consent?: boolean | undefined
}

/** The guardian as it is stored: trimmed, ID in upper case, phone without spaces. */
export interface Guardian {
  readonly name: string
  readonly relation: MinorGuardianRelation
  readonly idNumber: string
  readonly phone: string
}

export type GuardianField = 'name' | 'relation' | 'idNumber' | 'phone' | 'consent'

export type GuardianCheck =
  | { readonly needed: false }
  | { readonly needed: true; readonly ok: true; readonly guardian: Guardian }
  | { readonly needed: true; readonly ok: false; readonly problems: Partial<Record<GuardianField, string>> }

const PHONE = /^1[3-9]\d{9}$/
const chars = (s: string): number => [...s].length

/** Whether an applicant born on `birthDate` needs a guardian's consent on `today` (both YYYY-MM-DD). */
export const needsGuardian = (birthDate: string, today: string): boolean =>
  ageOn(birthDate, today) < GUARDIAN_CONSENT_AGE

/**
 * Checks the guardian of an applicant (born `applicantBirthDate`, ID `applicantIdNumber`) on `today`.
 * 14 and over: no guardian is needed and whatever was sent is not kept. Under 14: every field is
 * required, each problem in plain Chinese under its field; the guardian must be 18 or over, a person
 * other than the applicant, and must have ticked the consent.
 */
export const checkGuardian = (
  applicant: { readonly birthDate: string; readonly idNumber: string },
  guardian: GuardianInput | undefined,
  today: string,
): GuardianCheck => {
  if (!needsGuardian(applicant.birthDate, today)) return { needed: false }
  const g = guardian ?? {}
  const problems: Partial<Record<GuardianField, string>> = {}
  const name = (g.name ?? '').trim()
  if (!name) problems.name = '申请人未满十四周岁，请填写监护人姓名'
  else if (chars(name) < 2 || chars(name) > 30) problems.name = '监护人姓名应为2至30个字'
  const relation = MINOR_GUARDIAN_RELATIONS.find((r) => r === g.relation)
  if (!relation) problems.relation = '请选择监护人与申请人的关系'
  const idNumber = (g.idNumber ?? '').replace(/\s+/g, '').toUpperCase()
  const id = validateIdNumber(idNumber, today)
  if (!id.ok) problems.idNumber = `监护人身份证号：${id.reason}`
  else if (ageOn(id.birthDate, today) < 18) problems.idNumber = '监护人应年满十八周岁'
  else if (idNumber === applicant.idNumber.replace(/\s+/g, '').toUpperCase())
    problems.idNumber = '监护人不能是申请人本人'
  const phone = (g.phone ?? '').replace(/\s+/g, '')
  if (!phone) problems.phone = '请填写监护人手机号码'
  else if (!PHONE.test(phone)) problems.phone = '监护人手机号码应为1开头的11位数字'
  if (g.consent !== true)
    problems.consent = '申请人未满十四周岁，需要监护人勾选同意处理其个人信息（个人信息保护法第三十一条）'
  if (Object.keys(problems).length > 0 || !relation) return { needed: true, ok: false, problems }
  return { needed: true, ok: true, guardian: { name, relation, idNumber, phone } }
}
