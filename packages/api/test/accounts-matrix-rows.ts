// Authorization-matrix rows of issue 13: accounts, sessions, login log, settings and the own-account
// procedures. Administrative rights are not scoped by unit: own and foreign are the same. Each row that
// changes an account works on a throw-away account made for it, never on a matrix user.
import { ROLES, type Role } from '@pingzhan/domain'
import { randomToken, tokenHash } from '../src/crypto/keys.ts'
import { createSession } from '../src/repos/sessions.ts'
import { newId } from '../src/shared.ts'
import type { Agent, TestApp } from './harness.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'
type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }
interface Row {
  readonly call: (a: Agent, f: unknown, app: TestApp) => Promise<unknown>
  readonly sees?: (result: unknown, f: unknown) => boolean
  readonly expect: Expect
}

const U: Outcome = 'UNAUTHORIZED'

/** Only the holders of an administrative right get OK; everyone else FORBIDDEN. */
const only = (...holders: ReadonlyArray<Role>): Expect =>
  ({
    ...Object.fromEntries(
      ROLES.map((r) => [r, holders.includes(r) ? ['OK', 'OK'] : ['FORBIDDEN', 'FORBIDDEN']]),
    ),
    anonymous: U,
  }) as Expect

/** Every signed-in person (own account). */
const everyone: Expect = { ...only(...ROLES) }

/** A throw-away squad member account (not usable to sign in: its hash is no argon2 hash). */
export const throwAway = async (app: TestApp): Promise<string> => {
  const id = newId()
  const at = app.deps.clock().toISOString()
  await app.deps.db
    .insertInto('users')
    .values({
      id,
      username: `m-${id.slice(-12)}`,
      display_name: '矩阵测试账号',
      role: 'squadMember',
      person_code: null,
      office_code: null,
      squad_code: 'shiqiao',
      department_code: null,
      password_hash: 'x',
      failed_count: 3,
      locked_until: null,
      disabled: 0,
      demo: 0,
      password_changed_at: at,
      created_at: at,
    })
    .execute()
  return id
}

const sessionOf = async (app: TestApp, userId: string): Promise<string> => {
  const id = newId()
  await createSession(app.deps.db, {
    id,
    tokenHash: tokenHash(randomToken()),
    userId,
    now: app.deps.clock(),
    limits: { idleMs: 30 * 60_000, absoluteMs: 3_600_000 },
    ip: '10.9.9.9',
  })
  return id
}

/** A call refused for its input (wrong old password, wrong code) passed authorization: it counts as OK. */
const passedAuthorization = (p: Promise<unknown>) =>
  p.catch((e: { code?: string }) => {
    if (e.code === 'BAD_REQUEST') return null
    throw e
  })

export const ACCOUNTS_ROWS: Record<string, Row> = {
  'user.list': {
    call: (a) => a.call.user.list({ limit: 5 }),
    expect: only('bureauAdmin', 'securityAdmin'),
  },
  'user.units': {
    call: (a) => a.call.user.units(),
    expect: only('bureauAdmin', 'securityAdmin'),
  },
  'user.export': {
    call: (a) => a.call.user.export({ role: 'auditAdmin' }),
    expect: only('bureauAdmin'),
  },
  'user.create': {
    call: (a) =>
      a.call.user.create({
        username: `n-${newId().slice(-12)}`,
        displayName: '矩阵新账号',
        role: 'squadMember',
        unit: 'xili',
      }),
    expect: only('bureauAdmin'),
  },
  'user.setDisabled': {
    call: async (a, _f, app) => a.call.user.setDisabled({ id: await throwAway(app), disabled: true }),
    expect: only('bureauAdmin'),
  },
  'user.unlock': {
    call: async (a, _f, app) => a.call.user.unlock({ id: await throwAway(app) }),
    expect: only('bureauAdmin'),
  },
  'user.resetPassword': {
    call: async (a, _f, app) => a.call.user.resetPassword({ id: await throwAway(app) }),
    expect: only('bureauAdmin'),
  },
  'user.resetTotp': {
    // the throw-away account has no second factor: past authorization the refusal is TotpNotEnabled
    call: (a, _f, app) => passedAuthorization(throwAway(app).then((id) => a.call.user.resetTotp({ id }))),
    expect: only('bureauAdmin'),
  },
  'user.move': {
    call: async (a, _f, app) =>
      a.call.user.move({ id: await throwAway(app), role: 'squadLeader', unit: 'xili' }),
    expect: only('securityAdmin'),
  },
  'session.list': {
    call: (a) => a.call.session.list({}),
    expect: only('securityAdmin'),
  },
  'session.end': {
    call: async (a, _f, app) => a.call.session.end({ id: await sessionOf(app, await throwAway(app)) }),
    expect: only('securityAdmin'),
  },
  'loginLog.list': {
    call: (a) => a.call.loginLog.list({ limit: 5 }),
    expect: only('auditAdmin'),
  },
  'loginLog.export': {
    call: (a) => a.call.loginLog.export({ kind: 'lock' }),
    expect: only('auditAdmin'),
  },
  'setting.list': {
    call: (a) => a.call.setting.list(),
    expect: only('bureauAdmin', 'securityAdmin'),
  },
  // a security rule: the 安全管理员's alone (the 系统管理员 may change only the system's settings)
  'setting.update': {
    call: (a) => a.call.setting.update({ key: 'password.expiryDays', value: 90 }),
    expect: only('securityAdmin'),
  },
  'auth.changePassword': {
    call: (a) => passedAuthorization(a.call.auth.changePassword({ oldPassword: 'not-it', newPassword: 'x' })),
    expect: everyone,
  },
  'auth.totpSetup': { call: (a) => a.call.auth.totpSetup({}), expect: everyone },
  'auth.totpEnable': {
    call: (a) => passedAuthorization(a.call.auth.totpEnable({ code: '000000' })),
    expect: everyone,
  },
  'auth.totpDisable': {
    call: (a) => passedAuthorization(a.call.auth.totpDisable({ password: 'not-it' })),
    expect: everyone,
  },
  'auth.verifyTotp': {
    call: (a) => passedAuthorization(a.call.auth.verifyTotp({ code: '000000' })),
    expect: everyone,
  },
}
