// Accounts and security administration (issue 13): user management with one-time passwords that must
// be changed first, password rules as settings, sessions ended at once, the login log, the settings
// page's knobs and the TOTP second factor — on SQLite and PostgreSQL.
import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpOf, totpValid } from '../src/services/totp.ts'
import { type Agent, agent, dialects, setupApp, signedIn, type TestApp, userId } from './harness.ts'

const DAY = 86_400_000

const codeOf = (e: unknown) => (e as { code?: string }).code
const tagOf = (e: unknown) => (e as { cause?: { tag?: string } }).cause?.tag
const refusal = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (error) {
    return { code: codeOf(error), tag: tagOf(error), message: (error as Error).message }
  }
  throw new Error('expected a refusal')
}

describe('TOTP (RFC 6238 appendix B known-answer vectors)', () => {
  const secrets = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  } as const
  const vectors: ReadonlyArray<[number, string, string, string]> = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ]
  it('the library gives the RFC values for SHA-1, SHA-256 and SHA-512', () => {
    for (const [t, sha1, sha256, sha512] of vectors) {
      for (const [algorithm, expected] of [
        ['SHA1', sha1],
        ['SHA256', sha256],
        ['SHA512', sha512],
      ] as const) {
        const secret = Secret.fromLatin1(secrets[algorithm])
        expect(TOTP.generate({ secret, algorithm, digits: 8, period: 30, timestamp: t * 1000 })).toBe(
          expected,
        )
      }
    }
  })
  it('our 6-digit check accepts the current and adjacent step only', () => {
    const base32 = Secret.fromLatin1(secrets.SHA1).base32
    const at = 1111111109 * 1000
    const code = totpOf(base32, 'u').generate({ timestamp: at })
    expect(code).toBe('081804') // the RFC value's last 6 digits
    expect(totpValid(base32, code, at)).toBe(true)
    expect(totpValid(base32, code, at + 30_000)).toBe(true)
    expect(totpValid(base32, code, at + 90_000)).toBe(false)
    expect(totpValid(base32, '12345', at)).toBe(false)
  })
})

describe.each(dialects)('accounts and security administration (%s)', (dialect) => {
  let app: TestApp
  let admin: Agent
  let secadmin: Agent
  let auditor: Agent
  beforeAll(async () => {
    app = await setupApp(dialect, { env: { LOGIN_LIMIT_PER_IP: '1000' } })
    admin = await signedIn(app, 'admin')
    secadmin = await signedIn(app, 'secadmin')
    auditor = await signedIn(app, 'auditor')
  })
  afterAll(async () => {
    await app?.close()
  })

  const login = async (username: string, password: string) => {
    const a = agent(app)
    const { user } = await a.call.auth.login({ username, password })
    return { a, user }
  }

  const auditActions = async (subjectId: string) =>
    (
      await app.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', subjectId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action)

  it('creates an account for a position; the one-time password must be changed before anything works', async () => {
    const created = await admin.call.user.create({
      username: 'zhang-lucun',
      displayName: '张队员',
      role: 'squadMember',
      unit: 'lucun',
    })
    expect(created.oneTimePassword).toHaveLength(12)
    expect(await auditActions(created.id)).toEqual(['user.create'])
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('subject_id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(audit.after_json).not.toContain(created.oneTimePassword)

    const { a, user } = await login('zhang-lucun', created.oneTimePassword)
    expect(user).toMatchObject({ role: 'squadMember', squad: { code: 'lucun' }, gate: 'changePassword' })
    expect(await refusal(a.call.task.list({}))).toMatchObject({
      code: 'FORBIDDEN',
      tag: 'PasswordChangeRequired',
      message: '请先修改密码',
    })
    expect(
      await refusal(a.call.auth.changePassword({ oldPassword: created.oneTimePassword, newPassword: 'abc' })),
    ).toMatchObject({ code: 'BAD_REQUEST', tag: 'WeakPassword' })
    await a.call.auth.changePassword({ oldPassword: created.oneTimePassword, newPassword: 'Lucun#Zhang26' })
    expect((await a.call.auth.me())?.gate).toBeNull()
    expect((await a.call.task.list({})).items).toBeDefined()

    // a username is taken once, even by two administrators at the same moment
    const twice = await Promise.allSettled(
      [admin, admin].map((x) =>
        x.call.user.create({ username: 'li-xili', displayName: '李', role: 'officeDirector', unit: 'xili' }),
      ),
    )
    expect(twice.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = twice.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(codeOf(rejected.reason)).toBe('CONFLICT')
    // the position must fit the role
    expect(
      await refusal(
        admin.call.user.create({ username: 'wang-x', displayName: '王', role: 'officeDirector' }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: '请选择所在司法所' })
    expect(
      (await app.deps.db.selectFrom('users').select('id').where('username', '=', 'wang-x').execute()).length,
    ).toBe(0)
  })

  it('refuses common passwords (the zxcvbn list) and the last 5, and changing ends the other sessions', async () => {
    const { oneTimePassword: otp, id } = await admin.call.user.create({
      username: 'hist-user',
      displayName: '历史',
      role: 'departmentStaff',
      unit: 'fazhiducha',
    })
    const { a } = await login('hist-user', otp)
    const other = (await login('hist-user', otp)).a
    for (const common of ['Password123!', 'Qwerty123', 'Iloveyou1!']) {
      expect(
        await refusal(a.call.auth.changePassword({ oldPassword: otp, newPassword: common })),
      ).toMatchObject({
        tag: 'WeakPassword',
      })
    }
    const passwords = ['Birch#Lake01', 'Birch#Lake02', 'Birch#Lake03', 'Birch#Lake04', 'Birch#Lake05']
    let current = otp
    for (const p of passwords) {
      await a.call.auth.changePassword({ oldPassword: current, newPassword: p })
      current = p
    }
    // the current and the four before it are the last 5
    for (const reused of passwords) {
      expect(
        await refusal(a.call.auth.changePassword({ oldPassword: current, newPassword: reused })),
      ).toMatchObject({ tag: 'PasswordReused', message: '新密码不能与最近 5 次使用的密码相同' })
    }
    expect(
      await refusal(a.call.auth.changePassword({ oldPassword: 'Wrong#Pass99', newPassword: 'Birch#Lake09' })),
    ).toMatchObject({ tag: 'WrongPassword', message: '原密码不正确' })
    // the second browser's session ended at the first change; this one lives on
    expect(await other.call.auth.me()).toBeNull()
    expect((await a.call.auth.me())?.username).toBe('hist-user')
    expect((await auditActions(id)).filter((x) => x === 'user.changePassword')).toHaveLength(5)
  })

  it('expires a password after 90 days (demo accounts excepted), then forces a change', async () => {
    const { oneTimePassword: otp } = await admin.call.user.create({
      username: 'expiry-user',
      displayName: '到期',
      role: 'squadMember',
      unit: 'xili',
    })
    const { a } = await login('expiry-user', otp)
    await a.call.auth.changePassword({ oldPassword: otp, newPassword: 'Maple#Road11' })
    const demo = await signedIn(app, 'staff-xili-2')
    app.clock.advance(89 * DAY)
    const fresh = (await login('expiry-user', 'Maple#Road11')).a
    expect((await fresh.call.auth.me())?.gate).toBeNull()
    app.clock.advance(1 * DAY)
    const late = (await login('expiry-user', 'Maple#Road11')).a
    expect((await late.call.auth.me())?.gate).toBe('changePassword')
    expect(await refusal(late.call.task.list({}))).toMatchObject({ tag: 'PasswordChangeRequired' })
    await late.call.auth.changePassword({ oldPassword: 'Maple#Road11', newPassword: 'Maple#Road12' })
    expect((await late.call.auth.me())?.gate).toBeNull()
    expect(await demo.call.auth.me()).toBeNull() // idle 90 days: the session is gone anyway
    expect((await (await signedIn(app, 'staff-xili-2')).call.auth.me())?.gate).toBeNull()
    app.clock.advance(-90 * DAY)
  })

  it('disabling ends the sessions at once (no cache delay); enabling lets the person in again', async () => {
    const member = await signedIn(app, 'staff-shiqiao-2')
    const id = await userId(app, 'staff-shiqiao-2')
    expect((await member.call.task.list({})).items).toBeDefined() // now cached
    await admin.call.user.setDisabled({ id, disabled: true })
    expect(await refusal(member.call.task.list({}))).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(await refusal(login('staff-shiqiao-2', 'Demo#2026'))).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(
      await refusal(admin.call.user.setDisabled({ id: await userId(app, 'admin'), disabled: true })),
    ).toMatchObject({ tag: 'CannotDisableSelf' })
    await admin.call.user.setDisabled({ id, disabled: false })
    expect((await login('staff-shiqiao-2', 'Demo#2026')).user.username).toBe('staff-shiqiao-2')
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['user.disable', 'user.enable']))
    const disabledList = await admin.call.user.list({ status: 'disabled' })
    expect(disabledList.items.map((u) => u.username)).not.toContain('staff-shiqiao-2')
  })

  it('unlocks a locked account; resets a password to a one-time one and ends the sessions', async () => {
    const a = agent(app)
    for (let i = 0; i < 5; i++)
      await a.call.auth.login({ username: 'lead-shiqiao', password: 'Wrong#1234' }).catch(() => null)
    const id = await userId(app, 'lead-shiqiao')
    expect((await admin.call.user.list({ status: 'locked' })).items.map((u) => u.username)).toContain(
      'lead-shiqiao',
    )
    expect(await refusal(login('lead-shiqiao', 'Demo#2026'))).toMatchObject({ code: 'UNAUTHORIZED' })
    await admin.call.user.unlock({ id })
    const { a: before } = await login('lead-shiqiao', 'Demo#2026')

    const { oneTimePassword } = await admin.call.user.resetPassword({ id })
    expect(await before.call.auth.me()).toBeNull()
    expect(await refusal(login('lead-shiqiao', 'Demo#2026'))).toMatchObject({ code: 'UNAUTHORIZED' })
    const { user } = await login('lead-shiqiao', oneTimePassword)
    expect(user.gate).toBe('changePassword')
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['user.unlock', 'user.resetPassword']))
  })

  it('a one-time password is good for 72 hours (a setting of the 系统管理员)', async () => {
    const { oneTimePassword } = await admin.call.user.create({
      username: 'late-user',
      displayName: '迟到',
      role: 'squadMember',
      unit: 'shiqiao',
    })
    app.clock.advance(72 * 3_600_000)
    expect(await refusal(login('late-user', oneTimePassword))).toMatchObject({
      tag: 'OneTimePasswordExpired',
      message: '初始密码已过期，请联系系统管理员重置密码',
    })
    app.clock.advance(-72 * 3_600_000)
    await admin.call.setting.update({ key: 'account.oneTimePasswordHours', value: 100 })
    app.clock.advance(72 * 3_600_000)
    expect((await login('late-user', oneTimePassword)).user.gate).toBe('changePassword')
    app.clock.advance(-72 * 3_600_000)
    await admin.call.setting.update({ key: 'account.oneTimePasswordHours', value: 72 })
  })

  it('moving a person changes their access at once; nobody moves themself', async () => {
    const member = await signedIn(app, 'staff-lucun-4')
    const id = await userId(app, 'staff-lucun-4')
    expect((await member.call.auth.me())?.squad?.code).toBe('lucun')
    await secadmin.call.user.move({ id, role: 'squadMember', unit: 'xili' })
    expect(await member.call.auth.me()).toBeNull() // the old session, cached a moment ago, is gone
    const { user } = await login('staff-lucun-4', 'Demo#2026')
    expect(user).toMatchObject({ role: 'squadMember', squad: { code: 'xili' } })
    expect(
      await refusal(secadmin.call.user.move({ id: await userId(app, 'secadmin'), role: 'bureauAdmin' })),
    ).toMatchObject({ tag: 'CannotMoveSelf' })
    expect(await refusal(admin.call.user.move({ id, role: 'squadLeader', unit: 'xili' }))).toMatchObject({
      code: 'FORBIDDEN',
    })
    await secadmin.call.user.move({ id, role: 'squadMember', unit: 'lucun' })
  })

  it('lists online users with their last activity and ends one by force; the login log has it all', async () => {
    const { a } = await login('dir-zhongzhuang', 'Demo#2026')
    const online = await secadmin.call.session.list({ q: 'zhongzhuang' })
    expect(online).toHaveLength(1)
    expect(online[0]).toMatchObject({
      username: 'dir-zhongzhuang',
      ip: '10.0.0.1',
      userAgent: 'PingZhan-Test/1.0',
    })
    await secadmin.call.session.end({ id: online[0]?.id ?? '' })
    expect(await refusal(a.call.task.list({}))).toMatchObject({ code: 'UNAUTHORIZED' })
    expect(await secadmin.call.session.list({ q: 'zhongzhuang' })).toHaveLength(0)
    expect(await refusal(secadmin.call.session.end({ id: online[0]?.id ?? '' }))).toMatchObject({
      code: 'NOT_FOUND',
    })

    const again = (await login('dir-zhongzhuang', 'Demo#2026')).a
    await again.call.auth.logout({})
    await agent(app)
      .call.auth.login({ username: 'dir-zhongzhuang', password: 'Nope#2026' })
      .catch(() => null)
    const log = await auditor.call.loginLog.list({ username: 'zhongzhuang' })
    expect(log.items.map((i) => i.kind)).toEqual(['failure', 'logout', 'login', 'forceLogout', 'login'])
    expect(log.items[3]).toMatchObject({ byName: '安全管理员（演示）', reason: 'byAdministrator' })
    expect(log.items.every((i) => i.ip === '10.0.0.1' && i.userAgent === 'PingZhan-Test/1.0')).toBe(true)
    expect((await auditor.call.loginLog.list({ kind: 'lock' })).items.map((i) => i.username)).toContain(
      'lead-shiqiao',
    )
    const page = await auditor.call.loginLog.list({ limit: 2 })
    const next = await auditor.call.loginLog.list({ limit: 2, cursor: page.nextCursor ?? '' })
    expect((next.items[0]?.at ?? '') <= (page.items[1]?.at ?? '')).toBe(true)
    expect(new Set([...page.items, ...next.items].map((i) => i.id)).size).toBe(4)
    const file = await auditor.call.loginLog.export({ username: 'zhongzhuang' })
    expect(file.rows).toBe(5)
    expect(file.filename).toMatch(/^登录日志-\d{4}-\d{2}-\d{2}\.xlsx$/)
    expect(Buffer.from(file.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK')
  })

  it('settings: the 安全管理员 sets security rules (audited), the 系统管理员 cannot; bad values change nothing', async () => {
    const before = await secadmin.call.setting.list()
    expect(before.find((s) => s.key === 'password.minLength')).toMatchObject({ value: 8, editable: true })
    expect((await admin.call.setting.list()).find((s) => s.key === 'password.minLength')?.editable).toBe(
      false,
    )
    expect(await refusal(admin.call.setting.update({ key: 'password.minLength', value: 12 }))).toMatchObject({
      code: 'FORBIDDEN',
      message: '安全参数由安全管理员设置',
    })
    expect(
      await refusal(secadmin.call.setting.update({ key: 'password.minLength', value: 6 })),
    ).toMatchObject({ code: 'BAD_REQUEST', message: '密码最小长度不能小于 8' })
    expect(
      await refusal(secadmin.call.setting.update({ key: 'account.oneTimePasswordHours', value: 5 })),
    ).toMatchObject({ code: 'FORBIDDEN' })
    await secadmin.call.setting.update({ key: 'password.minLength', value: 12 })
    const row = await app.deps.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json', 'actor_role'])
      .where('action', '=', 'setting.update')
      .where('subject_id', '=', 'password.minLength')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ actor_role: 'securityAdmin' })
    expect(JSON.parse(row.before_json ?? '')).toEqual({ value: 8 })
    expect(JSON.parse(row.after_json ?? '')).toEqual({ value: 12 })

    const { oneTimePassword: otp } = await admin.call.user.create({
      username: 'long-user',
      displayName: '长密码',
      role: 'squadMember',
      unit: 'lucun',
    })
    const { a } = await login('long-user', otp)
    expect(
      await refusal(a.call.auth.changePassword({ oldPassword: otp, newPassword: 'Short#Pw99' })),
    ).toMatchObject({
      message: '密码至少 12 位',
    })
    await a.call.auth.changePassword({ oldPassword: otp, newPassword: 'Longer#Pass99' })
    await secadmin.call.setting.update({ key: 'password.minLength', value: 8 })

    // lockout after 3 failures once set so
    await secadmin.call.setting.update({ key: 'lockout.maxFailures', value: 3 })
    for (let i = 0; i < 3; i++) await login('dir-yanya', 'Wrong#1234').catch(() => null)
    expect(await refusal(login('dir-yanya', 'Demo#2026'))).toMatchObject({ code: 'UNAUTHORIZED' })
    await secadmin.call.setting.update({ key: 'lockout.maxFailures', value: 5 })
    await admin.call.user.unlock({ id: await userId(app, 'dir-yanya') })
  })

  it('TOTP: enrol with a QR code, then every login asks for a code; a required setting holds administrators', async () => {
    const { a } = await login('liaison-xili', 'Demo#2026')
    const setup = await a.call.auth.totpSetup({})
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/.+secret=/)
    expect(setup.qrSvg).toMatch(/^<svg/)
    const codeAt = (ms: number) => totpOf(setup.secret, 'x').generate({ timestamp: ms })
    expect(await refusal(a.call.auth.totpEnable({ code: '000000' }))).toMatchObject({ tag: 'TotpWrong' })
    await a.call.auth.totpEnable({ code: codeAt(app.clock.now().getTime()) })
    await a.call.auth.logout({})

    const { a: b, user } = await login('liaison-xili', 'Demo#2026')
    expect(user.gate).toBe('totp')
    expect(await refusal(b.call.task.list({}))).toMatchObject({ tag: 'TotpRequired' })
    expect(await refusal(b.call.auth.verifyTotp({ code: '123456' }))).toMatchObject({ tag: 'TotpWrong' })
    // the code that enrolled is used up (RFC 6238 §5.2), and so is every code of an earlier step
    const enrolCode = codeAt(app.clock.now().getTime())
    expect(await refusal(b.call.auth.verifyTotp({ code: enrolCode }))).toMatchObject({ tag: 'TotpReplayed' })
    app.clock.advance(30_000)
    expect(await refusal(b.call.auth.verifyTotp({ code: enrolCode }))).toMatchObject({ tag: 'TotpReplayed' })
    await b.call.auth.verifyTotp({ code: codeAt(app.clock.now().getTime()) })
    expect((await b.call.auth.me())?.gate).toBeNull()
    expect((await b.call.task.list({})).items).toBeDefined()

    // two sign-ins racing with one fresh code: one passes, the other is refused as a replay
    app.clock.advance(30_000)
    const [r1, r2] = [await login('liaison-xili', 'Demo#2026'), await login('liaison-xili', 'Demo#2026')]
    const fresh = codeAt(app.clock.now().getTime())
    const raced = await Promise.allSettled([
      r1.a.call.auth.verifyTotp({ code: fresh }),
      r2.a.call.auth.verifyTotp({ code: fresh }),
    ])
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(raced.flatMap((r) => (r.status === 'rejected' ? [tagOf(r.reason)] : []))).toEqual(['TotpReplayed'])
    await r1.a.call.auth.logout({})
    await r2.a.call.auth.logout({})

    // five wrong codes lock the account and end the half-open session
    const { a: c } = await login('liaison-xili', 'Demo#2026')
    for (let i = 0; i < 5; i++) await c.call.auth.verifyTotp({ code: '000001' }).catch(() => null)
    expect(await c.call.auth.me()).toBeNull()
    expect((await auditor.call.loginLog.list({ username: 'liaison-xili', kind: 'lock' })).items).toHaveLength(
      1,
    )
    await admin.call.user.unlock({ id: await userId(app, 'liaison-xili') })

    // a lost phone: the 系统管理员 resets the second factor; the user's sessions end, the next login
    // needs no code, and the reset is audited and in the login log
    app.clock.advance(30_000)
    const { a: d } = await login('liaison-xili', 'Demo#2026')
    await d.call.auth.verifyTotp({ code: codeAt(app.clock.now().getTime()) })
    const liaisonId = await userId(app, 'liaison-xili')
    expect(await refusal(secadmin.call.user.resetTotp({ id: liaisonId }))).toMatchObject({
      code: 'FORBIDDEN',
    })
    await admin.call.user.resetTotp({ id: liaisonId })
    expect(await d.call.auth.me()).toBeNull()
    expect(await refusal(admin.call.user.resetTotp({ id: liaisonId }))).toMatchObject({
      tag: 'TotpNotEnabled',
    })
    expect((await login('liaison-xili', 'Demo#2026')).user.gate).toBeNull()
    expect((await auditor.call.audit.list({ action: 'user.resetTotp' })).items).toHaveLength(1)

    // required for administrators and bureau leaders: the 系统管理员 without TOTP must enrol first
    // (the 安全管理员 enrols before turning it on, or they would be held at the gate too)
    const mine = await secadmin.call.auth.totpSetup({})
    await secadmin.call.auth.totpEnable({
      code: totpOf(mine.secret, 'x').generate({ timestamp: app.clock.now().getTime() }),
    })
    await secadmin.call.setting.update({ key: 'totp.requiredForLeaders', value: true })
    const { a: adminNow, user: adminMe } = await login('admin', 'Demo#2026')
    expect(adminMe.gate).toBe('enrolTotp')
    expect(await refusal(adminNow.call.user.list({}))).toMatchObject({ tag: 'TotpEnrolmentRequired' })
    const staff = (await login('staff-lucun-1', 'Demo#2026')).user
    expect(staff.gate).toBeNull()
    const enrol = await adminNow.call.auth.totpSetup({})
    await adminNow.call.auth.totpEnable({
      code: totpOf(enrol.secret, 'x').generate({ timestamp: app.clock.now().getTime() }),
    })
    expect((await adminNow.call.auth.me())?.gate).toBeNull()
    expect(await refusal(adminNow.call.auth.totpDisable({ password: 'Demo#2026' }))).toMatchObject({
      tag: 'TotpRequired',
    })
    await secadmin.call.setting.update({ key: 'totp.requiredForLeaders', value: false })
    await adminNow.call.auth.totpDisable({ password: 'Demo#2026' })
    await secadmin.call.auth.totpDisable({ password: 'Demo#2026' })
    expect((await login('admin', 'Demo#2026')).user.gate).toBeNull()
  })

  it('lists accounts with filters and exports them to Excel with formula characters escaped', async () => {
    await admin.call.user.create({
      username: 'formula-user',
      displayName: '=HYPERLINK("x")',
      role: 'auditAdmin',
    })
    const auditors = await admin.call.user.list({ role: 'auditAdmin' })
    expect(auditors.items.map((u) => u.username).sort()).toEqual(['auditor', 'formula-user'])
    expect((await admin.call.user.list({ unit: 'nanma' })).items.map((u) => u.username)).toEqual([
      'dir-nanma',
    ])
    expect((await admin.call.user.list({ q: '所长', limit: 200 })).items.length).toBe(12)
    const first = await admin.call.user.list({ limit: 3 })
    const second = await admin.call.user.list({ limit: 3, cursor: first.nextCursor ?? '' })
    expect((second.items[0]?.username ?? '') > (first.items[2]?.username ?? '')).toBe(true)
    const file = await admin.call.user.export({ role: 'auditAdmin' })
    expect(file.rows).toBe(2)
    const { default: ExcelJS } = await import('exceljs')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer)
    const names = wb.worksheets[0]?.getColumn(2).values.slice(2)
    expect(names).toContain(`'=HYPERLINK("x")`)
  })
})
