// The guardian of a kiosk applicant under 14 (issue 14; 个人信息保护法31, 民法典27): checked by the
// domain rule (checkGuardian), stored beside the intake in the submission's transaction (ID number and
// phone encrypted, masked copies for the console), shown to the office in the intake queue.
import { checkGuardian, type Guardian, type GuardianField, type GuardianInput } from '@pingzhan/domain'
import { maskIdNumber } from '@pingzhan/domain/id-number'
import { type DataKeys, encryptField } from '../crypto/keys.ts'
import type { Trx } from '../db/types.ts'
import type { Context } from '../trpc/context.ts'
import { fail } from '../trpc/errors.ts'

const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(7)}`

/**
 * The guardian an applicant needs (null from 14 on: nothing sent is kept), or BAD_REQUEST with every
 * problem under the form's own field names (`fields` maps the rule's names to the procedure's input).
 */
export const requireGuardian = (
  applicant: { birthDate: string; idNumber: string },
  input: GuardianInput,
  today: string,
  fields: Record<GuardianField, string>,
): Guardian | null => {
  const r = checkGuardian(applicant, input, today)
  if (!r.needed) return null
  if (r.ok) return r.guardian
  const errors = Object.fromEntries(
    (Object.entries(r.problems) as Array<[GuardianField, string]>).map(([k, m]) => [fields[k], m]),
  )
  throw fail('BAD_REQUEST', 'InvalidInput', `输入有误：${Object.values(errors).join('；')}`, errors)
}

/** Inside the submission's transaction. */
export const insertGuardian = async (
  trx: Trx,
  keys: DataKeys,
  r: { intakeId: string; guardian: Guardian; at: string; noticeVersion: string },
): Promise<void> => {
  await trx
    .insertInto('intake_guardians')
    .values({
      intake_id: r.intakeId,
      name: r.guardian.name,
      relation: r.guardian.relation,
      id_number_enc: encryptField(keys, r.guardian.idNumber),
      id_number_masked: maskIdNumber(r.guardian.idNumber),
      phone_enc: encryptField(keys, r.guardian.phone),
      phone_masked: maskPhone(r.guardian.phone),
      consented_at: r.at,
      notice_version: r.noticeVersion,
    })
    .execute()
}

/** What the audit row keeps of the guardian: no full number. */
export const guardianAudit = (g: Guardian | null) =>
  g === null
    ? { minor: false }
    : {
        minor: true,
        guardianName: g.name,
        guardianRelation: g.relation,
        guardianIdNumberMasked: maskIdNumber(g.idNumber),
        guardianPhoneMasked: maskPhone(g.phone),
        guardianConsent: true,
      }

export interface IntakeGuardianView {
  readonly name: string
  readonly relation: string
  readonly idNumberMasked: string
  readonly phoneMasked: string
  readonly consentedAt: string
}

/** The guardians of intakes (for the console's queue). */
export const guardiansOf = async (
  ctx: Context,
  intakeIds: ReadonlyArray<string>,
): Promise<Map<string, IntakeGuardianView>> => {
  if (intakeIds.length === 0) return new Map()
  const rows = await ctx.deps.db
    .selectFrom('intake_guardians')
    .select(['intake_id', 'name', 'relation', 'id_number_masked', 'phone_masked', 'consented_at'])
    .where('intake_id', 'in', [...intakeIds])
    .execute()
  return new Map(
    rows.map((r) => [
      r.intake_id,
      {
        name: r.name,
        relation: r.relation,
        idNumberMasked: r.id_number_masked,
        phoneMasked: r.phone_masked,
        consentedAt: r.consented_at,
      },
    ]),
  )
}
