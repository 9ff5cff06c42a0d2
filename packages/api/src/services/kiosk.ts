import { randomInt } from 'node:crypto'
import { MEDIATION_ALTERNATIVES, PARTY_REFUSAL_REASON } from '@pingzhan/domain'
import { maskIdNumber, validateIdNumber } from '@pingzhan/domain/id-number'
import { appendAudit } from '../audit/audit.ts'
import { blindIndex, encryptField, tokenHash } from '../crypto/keys.ts'
import { findActiveDevice, type KioskDevice } from '../repos/devices.ts'
import { insertIntake, receiptExists } from '../repos/intakes.ts'
import { newId, shanghaiDate } from '../shared.ts'
import { type Context, KIOSK_COOKIE } from '../trpc/context.ts'
import { fail } from '../trpc/errors.ts'
import { guardianAudit, insertGuardian, requireGuardian } from './kiosk-guardian.ts'
import {
  insertReceipt,
  newReceiptNo,
  once,
  type PrintedReceipt,
  printed,
  receiptNoTaken,
} from './kiosk-receipts.ts'
import { officeName, officeUnit } from './units.ts'

export const NOTICE_VERSION = '2026-12-v2'

const notice = (officeName: string): string =>
  `本终端用于向${officeName}提交人民调解申请。我们收集您的姓名、手机号码、身份证号、纠纷简要情况和对方当事人称呼，` +
  '仅用于受理、办理调解申请和与您联系，不作他用。身份证号和手机号码加密保存，工作人员列表中只显示部分号码。' +
  '申请人未满十四周岁的，还收集其监护人的姓名、关系、身份证号和手机号码，并须监护人同意（个人信息保护法第三十一条）。点击“同意”并提交，即表示您同意上述个人信息处理。'

export type KioskStatus =
  | { readonly bound: false }
  | {
      readonly bound: true
      readonly officeName: string
      readonly noticeVersion: string
      readonly notice: string
    }

export const kioskStatus = async (ctx: Context): Promise<KioskStatus> => {
  const token = ctx.req.cookies[KIOSK_COOKIE]
  const device = token && token.length <= 200 ? await findActiveDevice(ctx.deps.db, tokenHash(token)) : null
  if (device === null) return { bound: false }
  const name = officeName(ctx.deps.org, device.officeCode)
  return { bound: true, officeName: name, noticeVersion: NOTICE_VERSION, notice: notice(name) }
}

/** Counts one submission attempt against the device and the IP; refuses beyond the limits. */
export const checkKioskRate = async (ctx: Context, device: KioskDevice): Promise<void> => {
  const { limiter, config, clock } = ctx.deps
  const windowMs = config.kioskLimits.windowMinutes * 60_000
  const now = clock().getTime()
  const deviceOk = await limiter.hit(`kiosk-device:${device.id}`, config.kioskLimits.perDevice, windowMs, now)
  const ipOk = await limiter.hit(`kiosk-ip:${ctx.req.ip ?? '-'}`, config.kioskLimits.perIp, windowMs, now)
  if (!deviceOk || !ipOk) {
    throw fail('TOO_MANY_REQUESTS', 'KioskRateLimited', '提交过于频繁，请稍后再试或联系窗口工作人员')
  }
}

const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(7)}`

export interface MediationInput {
  readonly applicantName: string
  readonly phone: string
  readonly idNumber: string
  readonly summary: string
  readonly otherParty: string
  readonly consent: true
  readonly groupDispute?: boolean
  /** idempotency key (issue 14): a retry with the same key returns the first receipt */
  readonly key?: string | undefined
  /**
   * 人民调解法17: whether the other party agrees to mediation, as the applicant knows it. 'refused'
   * (expressly refused) ends the application at once: it is recorded, closed with the reason, and the
   * resident is shown the other routes (法26). Absent: 'unsure'.
   */
  readonly otherPartyConsent?: 'agreed' | 'refused' | 'unsure' | undefined
  /** 个人信息保护法31: the guardian of an applicant under 14 (required then, ignored otherwise) */
  readonly guardianName?: string | undefined
  readonly guardianRelation?: string | undefined
  readonly guardianIdNumber?: string | undefined
  readonly guardianPhone?: string | undefined
  readonly guardianConsent?: boolean | undefined
}

const GUARDIAN_FIELDS = {
  name: 'guardianName',
  relation: 'guardianRelation',
  idNumber: 'guardianIdNumber',
  phone: 'guardianPhone',
  consent: 'guardianConsent',
} as const

/** The printed receipt (issue 14), and for an application the other party refuses the reason and routes. */
export type SubmitResult = PrintedReceipt &
  (
    | { readonly refused: false }
    | {
        readonly refused: true
        readonly reason: string
        readonly alternatives: ReadonlyArray<{ readonly route: string; readonly detail: string }>
      }
  )

export const submitMediation = async (
  ctx: Context,
  device: KioskDevice,
  input: MediationInput,
): Promise<SubmitResult> => {
  const key = input.key ?? newId()
  return once(
    ctx,
    device,
    key,
    (r, secret) => replayed(ctx, r.subject_id, r.receipt_no, secret),
    () => insertMediation(ctx, device, input, key),
  )
}

/** A retried submission: the first answer again, refused or not, from what was recorded. */
const replayed = async (
  ctx: Context,
  intakeId: string,
  receiptNo: string,
  secret: string,
): Promise<SubmitResult> => {
  const row = await ctx.deps.db
    .selectFrom('intakes')
    .select(['status', 'other_party_consent'])
    .where('id', '=', intakeId)
    .executeTakeFirst()
  const p = await printed(ctx, receiptNo, secret)
  return row?.other_party_consent === 'refused' && row.status === 'rejected'
    ? { ...p, refused: true, reason: PARTY_REFUSAL_REASON, alternatives: MEDIATION_ALTERNATIVES }
    : { ...p, refused: false }
}

const insertMediation = async (
  ctx: Context,
  device: KioskDevice,
  input: MediationInput,
  key: string,
): Promise<SubmitResult> => {
  const { deps, req } = ctx
  const now = deps.clock()
  // The date checks need today's date, which the input parser does not have.
  const idCheck = validateIdNumber(input.idNumber, shanghaiDate(now))
  if (!idCheck.ok)
    throw fail('BAD_REQUEST', 'InvalidInput', `输入有误：${idCheck.reason}`, { idNumber: idCheck.reason })
  const idNumber = input.idNumber.trim().toUpperCase()
  const guardian = requireGuardian(
    { birthDate: idCheck.birthDate, idNumber },
    {
      name: input.guardianName,
      relation: input.guardianRelation,
      idNumber: input.guardianIdNumber,
      phone: input.guardianPhone,
      consent: input.guardianConsent,
    },
    shanghaiDate(now),
    GUARDIAN_FIELDS,
  )
  const office = officeUnit(deps.org, device.officeCode)
  if (office === null || office.area === null)
    throw new Error(`device office ${device.officeCode} not in org`)
  const id = newId()
  const consent = input.otherPartyConsent ?? 'unsure'
  const refused = consent === 'refused'
  let receiptNo = newReceiptNo('mediation', now, randomInt)
  for (
    let i = 0;
    i < 5 && ((await receiptExists(deps.db, receiptNo)) || (await receiptNoTaken(deps.db, receiptNo)));
    i++
  )
    receiptNo = newReceiptNo('mediation', now, randomInt)
  const secret = await deps.db.transaction().execute(async (trx) => {
    await insertIntake(trx, {
      id,
      receipt_no: receiptNo,
      kind: 'mediation',
      office_code: device.officeCode,
      area_code: office.area ?? '',
      device_id: device.id,
      created_at: now.toISOString(),
      applicant_name: input.applicantName,
      phone_enc: encryptField(deps.keys, input.phone),
      phone_masked: maskPhone(input.phone),
      id_number_enc: encryptField(deps.keys, idNumber),
      id_number_index: blindIndex(deps.keys, idNumber),
      id_number_masked: maskIdNumber(idNumber),
      summary: input.summary,
      other_party: input.otherParty,
      group_dispute: input.groupDispute === true ? 1 : 0,
      // 人民调解法17: an express refusal of the other party means no mediation — closed at once, by
      // the law rather than by a person (decided_by stays empty), and kept for the director to see.
      status: refused ? 'rejected' : 'new',
      task_id: null,
      decided_by: null,
      decided_at: refused ? now.toISOString() : null,
      reject_reason: refused ? PARTY_REFUSAL_REASON : null,
      other_party_consent: consent,
    })
    if (guardian)
      await insertGuardian(trx, deps.keys, {
        intakeId: id,
        guardian,
        at: now.toISOString(),
        noticeVersion: NOTICE_VERSION,
      })
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: { id: null, name: `自助终端：${device.label}`, role: 'kiosk' },
      action: 'intake.submit',
      unit: office,
      subjectType: 'intake',
      subjectId: id,
      after: {
        receiptNo,
        kind: 'mediation',
        status: refused ? 'rejected' : 'new',
        otherPartyConsent: consent,
        idNumberMasked: maskIdNumber(idNumber),
        ...guardianAudit(guardian),
      },
    })
    return insertReceipt(trx, deps.keys, {
      receiptNo,
      kind: 'mediation',
      subjectId: id,
      device,
      areaCode: office.area ?? '',
      at: now.toISOString(),
      key,
    })
  })
  const p = await printed(ctx, receiptNo, secret)
  return refused
    ? { ...p, refused: true, reason: PARTY_REFUSAL_REASON, alternatives: MEDIATION_ALTERNATIVES }
    : { ...p, refused: false }
}
