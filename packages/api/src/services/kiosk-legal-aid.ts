// Legal-aid applications at the kiosk (issue 14).
//
// How a kiosk application becomes a register case: it enters the office's intake queue as an intake of
// kind 'legalAid' (its answers and pre-check beside it in intake_legal_aid), and the director accepts it
// into the 法律援助 register (intake.acceptLegalAid → createLegalAid), naming the handler and, once, the
// missing materials. The register's 7-day clock counts from the kiosk receipt, not from the director's
// acceptance: 法律援助法43 runs “自收到法律援助申请之日起”, and the office received the application when
// the kiosk printed the receipt (法13: the town workstation takes applications nearby) — a day the
// director leaves it in the queue is a day of the centre's seven, and the register shows it. A detained
// applicant's 24 hours (法39) run from the same instant.

import { randomInt } from 'node:crypto'
import {
  ECONOMIC_TEST_WAIVERS,
  type EconomicTestWaiver,
  HARDSHIP_CHECK_WAIVERS,
  type HardshipCheckWaiver,
  intakeScope,
  LEGAL_AID_MATTERS,
  type LegalAidMatter,
} from '@pingzhan/domain'
import { needsGuardian } from '@pingzhan/domain/guardian'
import { ageOn, maskIdNumber, validateIdNumber } from '@pingzhan/domain/id-number'
import {
  type ApplicantRole,
  type EconomicAnswer,
  precheckLegalAid,
} from '@pingzhan/domain/legal-aid-precheck'
import { appendAudit } from '../audit/audit.ts'
import { blindIndex, encryptField } from '../crypto/keys.ts'
import type { KioskDevice } from '../repos/devices.ts'
import { decideIntake, findIntakeInScope } from '../repos/intakes.ts'
import type { User } from '../repos/users.ts'
import { newId, shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { NOTICE_VERSION } from './kiosk.ts'
import { guardianAudit, insertGuardian, requireGuardian } from './kiosk-guardian.ts'
import {
  insertReceipt,
  newReceiptNo,
  once,
  type PrintedReceipt,
  printed,
  receiptNoTaken,
} from './kiosk-receipts.ts'
import { createLegalAid } from './legal-aid.ts'
import { auditActor, officeUnit } from './units.ts'

// a minor's guardians (民法典27, domain MINOR_GUARDIAN_RELATIONS) and an adult's agents (法律援助法 第四十条)
export const GUARDIAN_RELATIONS = [
  '父亲',
  '母亲',
  '祖父母',
  '外祖父母',
  '兄姐',
  '其他监护人',
  '配偶',
  '子女',
  '其他近亲属',
] as const
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number]

export interface KioskLegalAidInput {
  readonly key: string
  readonly applicantName: string
  readonly phone: string
  readonly idNumber: string
  readonly matterType: LegalAidMatter
  readonly applicantRole: ApplicantRole
  readonly detained: boolean
  readonly hasCounsel: boolean
  readonly economicWaiver?: '32.1' | '32.2' | '32.3' | '32.4' | undefined
  readonly hardshipWaiver?: '42.1' | '42.2' | '42.3' | undefined
  readonly economicHardship: EconomicAnswer
  readonly urgent: boolean
  readonly summary: string
  readonly materialsBrought?: ReadonlyArray<string> | undefined
  readonly agentName?: string | undefined
  readonly agentRelation?: GuardianRelation | undefined
  readonly agentIdNumber?: string | undefined
  /** the guardian's phone: required when the applicant is under 14 */
  readonly agentPhone?: string | undefined
  readonly consent: true
  /** 个人信息保护法29: separate consent for the sensitive fields (ID number, detention, hardship) */
  readonly sensitiveConsent: true
  /** 个人信息保护法31: the guardian's consent when the applicant is under 14 */
  readonly guardianConsent?: boolean | undefined
}

const bad = (field: string, message: string) =>
  fail('BAD_REQUEST', 'InvalidInput', `输入有误：${message}`, { [field]: message })

const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(7)}`

export const submitLegalAid = async (
  ctx: Context,
  device: KioskDevice,
  input: KioskLegalAidInput,
): Promise<PrintedReceipt> => {
  const { deps, req } = ctx
  const now = deps.clock()
  const today = shanghaiDate(now)
  const idNumber = input.idNumber.trim().toUpperCase()
  const id = validateIdNumber(idNumber, today)
  if (!id.ok) throw bad('idNumber', id.reason)
  const minor = needsGuardian(id.birthDate, today)
  const agentNeeded = minor || input.applicantRole !== 'self'
  if (minor && input.applicantRole !== 'guardian')
    throw bad('applicantRole', '申请人未满十四周岁，应由父母或其他监护人代为申请')
  let agentId: string | null = null
  // under 14 the agent is the guardian, checked by the domain rule (个人信息保护法31, 民法典27)
  const guardian = minor
    ? requireGuardian(
        { birthDate: id.birthDate, idNumber },
        {
          name: input.agentName,
          relation: input.agentRelation,
          idNumber: input.agentIdNumber,
          phone: input.agentPhone,
          consent: input.guardianConsent,
        },
        today,
        {
          name: 'agentName',
          relation: 'agentRelation',
          idNumber: 'agentIdNumber',
          phone: 'agentPhone',
          consent: 'guardianConsent',
        },
      )
    : null
  if (guardian) agentId = guardian.idNumber
  else if (agentNeeded) {
    if (!input.agentName) throw bad('agentName', '请填写代为申请人的姓名')
    if (!input.agentRelation) throw bad('agentRelation', '请选择代为申请人与申请人的关系')
    agentId = (input.agentIdNumber ?? '').trim().toUpperCase()
    const a = validateIdNumber(agentId, today)
    if (!a.ok) throw bad('agentIdNumber', `代为申请人身份证号：${a.reason}`)
    if (ageOn(a.birthDate, today) < 18) throw bad('agentIdNumber', '代为申请人应年满十八周岁')
    if (agentId === idNumber) throw bad('agentIdNumber', '代为申请人不能是申请人本人')
  }

  const check = precheckLegalAid({
    matter: input.matterType,
    applicantRole: input.applicantRole,
    detained: input.detained,
    hasCounsel: input.hasCounsel,
    economicWaiver: input.economicWaiver ?? null,
    hardshipWaiver: input.hardshipWaiver ?? null,
    economicHardship: input.economicHardship,
    urgent: input.urgent,
  })
  const problems = Object.entries(check.problems)
  if (problems.length > 0)
    throw fail(
      'BAD_REQUEST',
      'InvalidInput',
      `输入有误：${problems.map(([, m]) => m).join('；')}`,
      Object.fromEntries(problems),
    )
  const brought = new Set(input.materialsBrought ?? [])
  const materials = check.materials.map((m) => ({ ...m, brought: brought.has(m.code) }))

  const office = officeUnit(deps.org, device.officeCode)
  if (office === null || office.area === null)
    throw new Error(`device office ${device.officeCode} not in org`)
  const area = office.area

  return once(
    ctx,
    device,
    input.key,
    (r, secret) => printed(ctx, r.receipt_no, secret),
    async () => {
      const intakeId = newId()
      let receiptNo = newReceiptNo('legalAid', now, randomInt)
      for (let i = 0; i < 5 && (await receiptNoTaken(deps.db, receiptNo)); i++)
        receiptNo = newReceiptNo('legalAid', now, randomInt)
      const secret = await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('intakes')
          .values({
            id: intakeId,
            receipt_no: receiptNo,
            kind: 'legalAid',
            office_code: device.officeCode,
            area_code: area,
            device_id: device.id,
            created_at: now.toISOString(),
            applicant_name: input.applicantName,
            phone_enc: encryptField(deps.keys, input.phone),
            phone_masked: maskPhone(input.phone),
            id_number_enc: encryptField(deps.keys, idNumber),
            id_number_index: blindIndex(deps.keys, idNumber),
            id_number_masked: maskIdNumber(idNumber),
            summary: input.summary,
            other_party: '',
            group_dispute: 0,
            status: 'new',
            task_id: null,
            decided_by: null,
            decided_at: null,
            reject_reason: null,
          })
          .execute()
        await trx
          .insertInto('intake_legal_aid')
          .values({
            intake_id: intakeId,
            matter_type: input.matterType,
            applicant_role: input.applicantRole,
            detained: input.detained ? 1 : 0,
            has_counsel: input.hasCounsel ? 1 : 0,
            economic_waiver: input.economicWaiver ?? null,
            hardship_waiver: input.hardshipWaiver ?? null,
            economic_hardship: input.economicHardship,
            urgent: input.urgent ? 1 : 0,
            outcome: check.outcome,
            economic_test: check.economicTest,
            materials_json: JSON.stringify(materials),
            guardian_name: guardian ? guardian.name : agentNeeded ? (input.agentName?.trim() ?? null) : null,
            guardian_relation: guardian
              ? guardian.relation
              : agentNeeded
                ? (input.agentRelation ?? null)
                : null,
            guardian_id_enc: agentId ? encryptField(deps.keys, agentId) : null,
            guardian_id_masked: agentId ? maskIdNumber(agentId) : null,
            notice_version: NOTICE_VERSION,
            legal_aid_id: null,
          })
          .execute()
        if (guardian)
          await insertGuardian(trx, deps.keys, {
            intakeId,
            guardian,
            at: now.toISOString(),
            noticeVersion: NOTICE_VERSION,
          })
        const secret = await insertReceipt(trx, deps.keys, {
          receiptNo,
          kind: 'legalAid',
          subjectId: intakeId,
          device,
          areaCode: area,
          at: now.toISOString(),
          key: input.key,
        })
        await appendAudit(trx, deps.keys, {
          correlationId: req.correlationId,
          ip: req.ip,
          at: now,
          actor: { id: null, name: `自助终端：${device.label}`, role: 'kiosk' },
          action: 'intake.submit',
          unit: office,
          subjectType: 'intake',
          subjectId: intakeId,
          after: {
            receiptNo,
            kind: 'legalAid',
            status: 'new',
            matterType: input.matterType,
            outcome: check.outcome,
            idNumberMasked: maskIdNumber(idNumber),
            sensitiveConsent: true,
            ...guardianAudit(guardian),
          },
        })
        return secret
      })
      return printed(ctx, receiptNo, secret)
    },
  )
}

export interface IntakeLegalAidView {
  readonly matterType: LegalAidMatter
  readonly matterLabel: string
  readonly economicWaiverLabel: string | null
  readonly hardshipWaiverLabel: string | null
  readonly applicantRole: ApplicantRole
  readonly detained: boolean
  readonly hasCounsel: boolean
  readonly economicWaiver: string | null
  readonly hardshipWaiver: string | null
  readonly economicHardship: EconomicAnswer
  readonly urgent: boolean
  readonly outcome: 'likely' | 'review' | 'unlikely'
  readonly economicTest: 'waived' | 'unverified' | 'statement'
  readonly materials: ReadonlyArray<{ code: string; text: string; brought: boolean }>
  readonly agentName: string | null
  readonly agentRelation: string | null
  readonly agentIdNumberMasked: string | null
  readonly legalAidId: string | null
}

/** The legal-aid details of intakes (for the console's queue). */
export const legalAidDetails = async (
  ctx: Context,
  intakeIds: ReadonlyArray<string>,
): Promise<Map<string, IntakeLegalAidView>> => {
  if (intakeIds.length === 0) return new Map()
  const rows = await ctx.deps.db
    .selectFrom('intake_legal_aid')
    .selectAll()
    .where('intake_id', 'in', [...intakeIds])
    .execute()
  return new Map(
    rows.map((r) => [
      r.intake_id,
      {
        matterType: r.matter_type as LegalAidMatter,
        matterLabel: LEGAL_AID_MATTERS[r.matter_type as LegalAidMatter] ?? r.matter_type,
        economicWaiverLabel: r.economic_waiver
          ? (ECONOMIC_TEST_WAIVERS[r.economic_waiver as EconomicTestWaiver] ?? r.economic_waiver)
          : null,
        hardshipWaiverLabel: r.hardship_waiver
          ? (HARDSHIP_CHECK_WAIVERS[r.hardship_waiver as HardshipCheckWaiver] ?? r.hardship_waiver)
          : null,
        applicantRole: r.applicant_role,
        detained: Number(r.detained) === 1,
        hasCounsel: Number(r.has_counsel) === 1,
        economicWaiver: r.economic_waiver,
        hardshipWaiver: r.hardship_waiver,
        economicHardship: r.economic_hardship,
        urgent: Number(r.urgent) === 1,
        outcome: r.outcome,
        economicTest: r.economic_test,
        materials: JSON.parse(r.materials_json) as IntakeLegalAidView['materials'],
        agentName: r.guardian_name,
        agentRelation: r.guardian_relation,
        agentIdNumberMasked: r.guardian_id_masked,
        legalAidId: r.legal_aid_id,
      },
    ]),
  )
}

const ALREADY_DECIDED = '该申请已被处理，请刷新后查看'

/**
 * The director accepts a kiosk legal-aid application into the 法律援助 register: the case is received
 * as of the kiosk receipt (see the file comment), with the resident's 法32/法42 grounds, and the intake
 * is marked accepted in the same transaction (a second director gets CONFLICT).
 */
export const acceptLegalAidIntake = async (
  ctx: Context,
  user: User,
  input: {
    id: string
    handlerId: string
    missingMaterials?: ReadonlyArray<string> | undefined
    materialsDue?: string | undefined
  },
): Promise<{ legalAidId: string; caseNo: string; taskId: string; decisionDeadline: string }> => {
  const intake = await findIntakeInScope(ctx.deps.db, intakeScope(actorOf(user)), input.id)
  if (intake === null) throw notFound('申请')
  const details = (await legalAidDetails(ctx, [intake.id])).get(intake.id)
  if (details === undefined) throw fail('BAD_REQUEST', 'IntakeNotLegalAid', '该申请不是法律援助申请')
  if (intake.status !== 'new') throw conflict(ALREADY_DECIDED, 'IntakeAlreadyDecided')
  const now = ctx.deps.clock()
  const at = now.toISOString()
  const created = await createLegalAid(
    ctx,
    user,
    {
      ...(user.role === 'bureauAdmin' ? { officeCode: intake.officeCode } : {}),
      applicantName: intake.applicantName,
      matterType: details.matterType,
      summary:
        intake.summary +
        (details.agentName ? `\n代为申请人：${details.agentName}（${details.agentRelation ?? ''}）` : '') +
        `\n自助终端受理编号：${intake.receiptNo}`,
      detained: details.detained,
      economicWaiver: (details.economicWaiver ?? undefined) as '32.1' | undefined,
      hardshipWaiver: (details.hardshipWaiver ?? undefined) as '42.1' | undefined,
      missingMaterials: input.missingMaterials,
      materialsDue: input.materialsDue,
      handlerId: input.handlerId,
    },
    {
      receivedAt: new Date(intake.createdAt),
      within: async (trx, c) => {
        if (
          !(await decideIntake(trx, intake.id, {
            status: 'accepted',
            taskId: c.taskId,
            by: user.id,
            at,
            reason: null,
          }))
        )
          throw conflict(ALREADY_DECIDED, 'IntakeAlreadyDecided')
        await trx
          .updateTable('intake_legal_aid')
          .set({ legal_aid_id: c.id })
          .where('intake_id', '=', intake.id)
          .execute()
        await appendAudit(trx, ctx.deps.keys, {
          correlationId: ctx.req.correlationId,
          ip: ctx.req.ip,
          at: now,
          actor: auditActor(user),
          unit: officeUnit(ctx.deps.org, intake.officeCode),
          action: 'intake.acceptLegalAid',
          subjectType: 'intake',
          subjectId: intake.id,
          before: { status: 'new' },
          after: { status: 'accepted', legalAidId: c.id, caseNo: c.caseNo, taskId: c.taskId },
        })
      },
    },
  )
  return {
    legalAidId: created.id,
    caseNo: created.caseNo,
    taskId: created.taskId,
    decisionDeadline: created.decisionDeadline,
  }
}
