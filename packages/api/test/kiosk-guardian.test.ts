// Issue 14: guardian consent for an applicant under 14 (个人信息保护法31, 民法典27), on SQLite and
// PostgreSQL — mediation and legal aid at the kiosk: the guardian is required, checked by the domain rule
// with Chinese errors under the form's fields, stored encrypted beside the intake in the submission's
// transaction, audited without full numbers, and shown (masked) to the office in the intake queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decryptField } from '../src/crypto/keys.ts'
import {
  boundKiosk,
  counts,
  dialects,
  fieldErrorsOf,
  idNumber,
  mediation,
  setupApp,
  signedIn,
  type TestApp,
} from './harness.ts'
import { kioskLegalAid } from './kiosk-matrix-rows.ts'

const legalAid = (o: Record<string, unknown>) => ({ ...kioskLegalAid(), ...o })

const CHILD = idNumber('20160501', '021')
const FATHER = idNumber('19850101', '011')
const guardian = {
  guardianName: '张建国',
  guardianRelation: '父亲',
  guardianIdNumber: FATHER,
  guardianPhone: '13900139000',
  guardianConsent: true,
}

describe.each(dialects)('guardian consent (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect, {
      env: { KIOSK_LIMIT_PER_DEVICE: '1000', KIOSK_LIMIT_PER_IP: '1000' },
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  const guardianRows = () => app.deps.db.selectFrom('intake_guardians').selectAll().execute()

  it('mediation: an applicant under 14 without a complete guardian is refused field by field, in Chinese, and nothing is written', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const before = await counts(app)
    const none = await kiosk.call.kiosk.submitMediation(mediation({ idNumber: CHILD })).catch((e) => e)
    expect(none).toMatchObject({ code: 'BAD_REQUEST' })
    expect(fieldErrorsOf(none)).toEqual({
      guardianName: '申请人未满十四周岁，请填写监护人姓名',
      guardianRelation: '请选择监护人与申请人的关系',
      guardianIdNumber: '监护人身份证号：请填写身份证号',
      guardianPhone: '请填写监护人手机号码',
      guardianConsent: '申请人未满十四周岁，需要监护人勾选同意处理其个人信息（个人信息保护法第三十一条）',
    })
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ guardianConsent: false }, 'guardianConsent', /第三十一条/],
      [{ guardianIdNumber: idNumber('20100101', '015') }, 'guardianIdNumber', /十八周岁/],
      [
        { guardianIdNumber: `${FATHER.slice(0, 17)}${FATHER.endsWith('0') ? '1' : '0'}` },
        'guardianIdNumber',
        /校验位/,
      ],
      [{ guardianPhone: '12345' }, 'guardianPhone', /11位/],
      [{ guardianRelation: '邻居' }, 'guardianRelation', /关系/],
    ]
    for (const [override, field, message] of cases) {
      const err = await kiosk.call.kiosk
        .submitMediation(mediation({ idNumber: CHILD, ...guardian, ...override }))
        .catch((e) => e)
      expect(Object.keys(fieldErrorsOf(err)), JSON.stringify(override)).toEqual([field])
      expect(fieldErrorsOf(err)[field]).toMatch(message)
    }
    expect(await counts(app)).toEqual(before)
    expect(await guardianRows()).toEqual([])
  })

  it('mediation: with the guardian it goes through; the guardian is stored encrypted, audited masked, and the director sees it in the intake', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const { receiptNo } = await kiosk.call.kiosk.submitMediation(
      mediation({ idNumber: CHILD, applicantName: '张小明', ...guardian, guardianPhone: '139 0013 9000' }),
    )
    const intake = await app.deps.db
      .selectFrom('intakes')
      .select('id')
      .where('receipt_no', '=', receiptNo)
      .executeTakeFirstOrThrow()
    const row = await app.deps.db
      .selectFrom('intake_guardians')
      .selectAll()
      .where('intake_id', '=', intake.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      name: '张建国',
      relation: '父亲',
      id_number_masked: `${FATHER.slice(0, 4)}**********${FATHER.slice(14)}`,
      phone_masked: '139****9000',
    })
    expect(row.id_number_enc).not.toContain(FATHER)
    expect(decryptField(app.deps.keys, row.id_number_enc)).toBe(FATHER)
    expect(decryptField(app.deps.keys, row.phone_enc)).toBe('13900139000')

    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'intake.submit')
      .where('subject_id', '=', intake.id)
      .executeTakeFirstOrThrow()
    expect(audit.after_json).not.toContain(FATHER)
    expect(audit.after_json).not.toContain('13900139000')
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
      minor: true,
      guardianName: '张建国',
      guardianRelation: '父亲',
      guardianConsent: true,
    })

    const director = await signedIn(app, 'dir-nanma')
    const item = (await director.call.intake.list({ status: 'new', limit: 100 })).items.find(
      (i) => i.receiptNo === receiptNo,
    )
    expect(item?.guardian).toEqual({
      name: '张建国',
      relation: '父亲',
      idNumberMasked: row.id_number_masked,
      phoneMasked: '139****9000',
      consentedAt: row.consented_at,
    })
    expect(JSON.stringify(item)).not.toContain(FATHER)
    expect((await director.call.intake.get({ id: intake.id })).guardian?.name).toBe('张建国')
    // another office's director does not see it at all
    const other = await signedIn(app, 'dir-xili')
    const theirs = (await other.call.intake.list({ limit: 100 })).items
    expect(theirs.some((i) => i.receiptNo === receiptNo)).toBe(false)
  })

  it('an applicant of 14 or over applies alone: guardian fields sent anyway are not kept', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const before = (await guardianRows()).length
    const { receiptNo } = await kiosk.call.kiosk.submitMediation(mediation({ ...guardian }))
    expect((await guardianRows()).length).toBe(before)
    const director = await signedIn(app, 'dir-nanma')
    const item = (await director.call.intake.list({ limit: 100 })).items.find(
      (i) => i.receiptNo === receiptNo,
    )
    expect(item?.guardian).toBeNull()
  })

  it('legal aid: under 14 the agent is the guardian — phone and consent required, stored like mediation and shown in the intake', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    const base = legalAid({
      idNumber: CHILD,
      applicantRole: 'guardian',
      agentName: '李娟',
      agentRelation: '母亲',
      agentIdNumber: idNumber('19900101', '044'),
      guardianConsent: true,
    })
    const noPhone = await kiosk.call.kiosk.submitLegalAid(base).catch((e) => e)
    expect(fieldErrorsOf(noPhone)).toEqual({ agentPhone: '请填写监护人手机号码' })
    // an adult's agent relation is no guardian of a child
    const spouse = await kiosk.call.kiosk
      .submitLegalAid({ ...base, agentRelation: '配偶', agentPhone: '13900139011' })
      .catch((e) => e)
    expect(fieldErrorsOf(spouse)).toEqual({ agentRelation: '请选择监护人与申请人的关系' })
    const { receiptNo } = await kiosk.call.kiosk.submitLegalAid({ ...base, agentPhone: '13900139011' })
    const director = await signedIn(app, 'dir-nanma')
    const item = (await director.call.intake.list({ status: 'new', limit: 100 })).items.find(
      (i) => i.receiptNo === receiptNo,
    )
    expect(item?.guardian).toMatchObject({ name: '李娟', relation: '母亲', phoneMasked: '139****9011' })
    expect(item?.legalAid).toMatchObject({ agentName: '李娟', agentRelation: '母亲' })
  })
})
