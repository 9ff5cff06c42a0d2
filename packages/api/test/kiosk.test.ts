import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decryptField } from '../src/crypto/keys.ts'
import {
  agent,
  boundKiosk,
  counts,
  dialects,
  fieldErrorsOf,
  idNumber,
  mediation,
  outcome,
  setupApp,
  signedIn,
  type TestApp,
} from './harness.ts'

const chinese = /[\u4e00-\u9fff]/

describe.each(dialects)('kiosk (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect, { env: { KIOSK_LIMIT_PER_DEVICE: '5', KIOSK_LIMIT_PER_IP: '8' } })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('binds with a one-time code; the office comes from the device; revoking unbinds', async () => {
    const director = await signedIn(app, 'dir-lishan')
    const reg = await director.call.device.register({ officeCode: 'lishan', label: '历山大厅' })
    expect(reg.activationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(Date.parse(reg.expiresAt) - app.clock.now().getTime()).toBe(24 * 3600_000)
    const stored = await app.deps.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', reg.id)
      .executeTakeFirstOrThrow()
    expect(stored.activation_code_hash).not.toContain(reg.activationCode.replaceAll('-', ''))

    const kiosk = agent(app, { ip: '10.2.0.1' })
    expect(await kiosk.call.kiosk.status()).toEqual({ bound: false })
    expect(await kiosk.call.kiosk.bind({ code: reg.activationCode.toLowerCase() })).toEqual({
      officeName: '历山司法所',
    })
    expect(kiosk.jar.pz_kiosk).toBeTruthy()
    const status = await kiosk.call.kiosk.status()
    expect(status).toMatchObject({ bound: true, officeName: '历山司法所', noticeVersion: expect.any(String) })
    expect(Object.keys(status).sort()).toEqual(['bound', 'notice', 'noticeVersion', 'officeName'])

    // One-time: a second browser cannot reuse the code.
    const other = agent(app, { ip: '10.2.0.2' })
    const reuse = await other.call.kiosk.bind({ code: reg.activationCode }).catch((e) => e)
    expect(reuse).toMatchObject({ code: 'BAD_REQUEST' })
    expect(fieldErrorsOf(reuse)).toEqual({ code: '登记码无效或已过期' })

    // The request cannot choose the office: extra keys are ignored, the device decides.
    const { receiptNo } = await kiosk.call.kiosk.submitMediation({
      ...mediation(),
      officeCode: 'nanma',
    } as ReturnType<typeof mediation>)
    const row = await app.deps.db
      .selectFrom('intakes')
      .selectAll()
      .where('receipt_no', '=', receiptNo)
      .executeTakeFirstOrThrow()
    expect(row.office_code).toBe('lishan')
    expect(row.area_code).toBe('xili')

    await director.call.device.revoke({ id: reg.id })
    expect(await kiosk.call.kiosk.status()).toEqual({ bound: false })
    expect(await outcome(kiosk.call.kiosk.submitMediation(mediation()))).toBe('UNAUTHORIZED')
    const listed = await director.call.device.list()
    expect(listed.find((d) => d.id === reg.id)).toMatchObject({ status: 'revoked', officeName: '历山司法所' })
  })

  it('refuses an expired activation code', async () => {
    const admin = await signedIn(app, 'admin')
    const reg = await admin.call.device.register({ officeCode: 'yanya', label: '燕崖' })
    app.clock.advance(24 * 3600_000 + 1)
    expect(await outcome(agent(app, { ip: '10.2.0.3' }).call.kiosk.bind({ code: reg.activationCode }))).toBe(
      'BAD_REQUEST',
    )
  })

  it('rejects invalid submissions field by field in Chinese and stores nothing', async () => {
    const kiosk = await boundKiosk(app, 'zhongzhuang', { ip: '10.3.0.1' })
    const before = await counts(app)
    const err = await kiosk.call.kiosk
      .submitMediation({
        applicantName: '张',
        phone: '12800138000',
        idNumber: '370323198001011234',
        summary: '太短了',
        otherParty: '',
        consent: false,
      } as unknown as ReturnType<typeof mediation>)
      .catch((e) => e)
    expect(err).toMatchObject({ code: 'BAD_REQUEST' })
    const fe = fieldErrorsOf(err)
    expect(Object.keys(fe).sort()).toEqual(['applicantName', 'consent', 'otherParty', 'phone', 'summary'])
    for (const message of Object.values(fe)) expect(message).toMatch(chinese)

    // Shape right but checksum wrong: caught by the domain's validateIdNumber.
    const bad = idNumber().slice(0, 17) + (idNumber().endsWith('0') ? '1' : '0')
    const idErr = await kiosk.call.kiosk.submitMediation(mediation({ idNumber: bad })).catch((e) => e)
    expect(fieldErrorsOf(idErr)).toEqual({ idNumber: '身份证号校验位不正确' })
    // A birth date after today (China time) is refused.
    const future = await kiosk.call.kiosk
      .submitMediation(mediation({ idNumber: idNumber('20991231') }))
      .catch((e) => e)
    expect(fieldErrorsOf(future).idNumber).toMatch(/晚于今天/)
    // Under 14 the guardian must be named and consent (个人信息保护法31): the server refuses, not only
    // the kiosk screen (kiosk-guardian.test.ts has the rest).
    const child = await kiosk.call.kiosk
      .submitMediation(mediation({ idNumber: idNumber('20200101') }))
      .catch((e) => e)
    expect(Object.keys(fieldErrorsOf(child)).sort()).toEqual([
      'guardianConsent',
      'guardianIdNumber',
      'guardianName',
      'guardianPhone',
      'guardianRelation',
    ])
    expect(await counts(app)).toEqual(before)
  })

  it('rate-limits per device and per IP with TOO_MANY_REQUESTS in Chinese', async () => {
    const kiosk = await boundKiosk(app, 'dongli', { ip: '10.4.0.1' })
    for (let i = 0; i < 5; i++) await kiosk.call.kiosk.submitMediation(mediation())
    const limited = await kiosk.call.kiosk.submitMediation(mediation()).catch((e) => e)
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(chinese) })
    const before = await counts(app)
    expect(await outcome(kiosk.call.kiosk.submitMediation(mediation()))).toBe('TOO_MANY_REQUESTS')
    expect(await counts(app)).toEqual(before)

    // Per IP: two devices behind one address share the IP budget (8).
    const a = await boundKiosk(app, 'zhangjiapo', { ip: '10.5.0.1' })
    const b = await boundKiosk(app, 'shiqiao', { ip: '10.5.0.1' })
    for (let i = 0; i < 4; i++) {
      await a.call.kiosk.submitMediation(mediation())
      await b.call.kiosk.submitMediation(mediation())
    }
    expect(await outcome(a.call.kiosk.submitMediation(mediation()))).toBe('TOO_MANY_REQUESTS')

    // The window passes.
    app.clock.advance(10 * 60_000)
    expect(await outcome(kiosk.call.kiosk.submitMediation(mediation()))).toBe('OK')
  })

  it('encrypts the ID number (SM4 + MAC) with a blind index; the raw SQLite file never holds it', async () => {
    const kiosk = await boundKiosk(app, 'yuezhuang', { ip: '10.6.0.1' })
    const secret = idNumber('19751212', '987', '370323')
    const { receiptNo } = await kiosk.call.kiosk.submitMediation(
      mediation({ idNumber: secret, phone: '13912345678' }),
    )
    const row = await app.deps.db
      .selectFrom('intakes')
      .selectAll()
      .where('receipt_no', '=', receiptNo)
      .executeTakeFirstOrThrow()
    expect(row.id_number_enc).not.toContain(secret)
    expect(decryptField(app.deps.keys, row.id_number_enc)).toBe(secret)
    expect(decryptField(app.deps.keys, row.phone_enc)).toBe('13912345678')
    expect(row.id_number_masked).toBe(`${secret.slice(0, 4)}**********${secret.slice(14)}`)
    expect(row.id_number_index).toMatch(/^[0-9a-f]{64}$/)
    const auditText = JSON.stringify(await app.deps.db.selectFrom('audit_log').selectAll().execute())
    expect(auditText).not.toContain(secret)
    if (app.sqlitePath) {
      app.handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)')
      for (const file of [app.sqlitePath, `${app.sqlitePath}-wal`]) {
        let bytes: Buffer
        try {
          bytes = readFileSync(file)
        } catch {
          continue
        }
        expect(bytes.includes(Buffer.from(secret))).toBe(false)
        expect(bytes.includes(Buffer.from('13912345678'))).toBe(false)
      }
      // Sanity: the grep does find text that is stored in the clear.
      expect(readFileSync(app.sqlitePath).includes(Buffer.from(receiptNo))).toBe(true)
    }
  })
})
