import { secondFactorRequiredFor } from '@pingzhan/domain'
import { Secret, TOTP } from 'otpauth'
import { renderSVG } from 'uqr'
import { appendAudit } from '../audit/audit.ts'
import { verifyPassword } from '../auth/password.ts'
import { decryptField, encryptField } from '../crypto/keys.ts'
import type { Trx } from '../db/types.ts'
import { appendLoginLog } from '../repos/login-log.ts'
import { recordLoginFailure, type User } from '../repos/users.ts'
import type { Context } from '../trpc/context.ts'
import { fail } from '../trpc/errors.ts'
import { loginEvent } from './auth.ts'
import { endSessions } from './session-end.ts'
import { auditActor, userUnit } from './units.ts'

// TOTP second factor (RFC 6238, otpauth): SHA-1, 6 digits, 30 s — what every authenticator app reads
// from the QR code. The secret is stored SM4-encrypted; a code is accepted one step either side, and
// only once (RFC 6238 §5.2): the step of the last accepted code is kept, and a code of that step or an
// earlier one is refused — claimed by a conditional UPDATE, so two requests racing with one code cannot
// both pass.

const ISSUER = '平战'

export const totpOf = (secretBase32: string, label: string): TOTP =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  })

const PERIOD_MS = 30_000

/** The time step `code` belongs to, if it is valid for the secret at `nowMs` (±1 step); else null. */
export const totpStep = (secretBase32: string, code: string, nowMs: number): number | null => {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpOf(secretBase32, 'x').validate({ token: code, timestamp: nowMs, window: 1 })
  return delta === null ? null : Math.floor(nowMs / PERIOD_MS) + delta
}

/** Whether `code` is valid for the secret at `nowMs` (±1 step), not counting replays. */
export const totpValid = (secretBase32: string, code: string, nowMs: number): boolean =>
  totpStep(secretBase32, code, nowMs) !== null

/**
 * Records `step` as used for the user, in `trx`; false when a code of this step or a later one was
 * already accepted (a replay, or the loser of a race).
 */
const claimStep = async (trx: Trx, userId: string, step: number): Promise<boolean> => {
  const r = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

const replayed = () =>
  fail('BAD_REQUEST', 'TotpReplayed', '该动态口令已使用过，请等待手机上出现新的口令后再输入', {
    code: '该动态口令已使用过',
  })

const audit = (ctx: Context, user: User, action: string, after?: object) => ({
  correlationId: ctx.req.correlationId,
  ip: ctx.req.ip,
  at: ctx.deps.clock(),
  actor: auditActor(user),
  action,
  unit: userUnit(ctx.deps.org, user),
  subjectType: 'user',
  subjectId: user.id,
  ...(after ? { after } : {}),
})

/** Starts enrolment: a new secret (not yet in force) and its QR code for the authenticator app. */
export const totpSetup = async (
  ctx: Context,
  user: User,
): Promise<{ secret: string; uri: string; qrSvg: string }> => {
  if (user.totpEnabled) throw fail('BAD_REQUEST', 'TotpAlreadyEnabled', '动态口令已绑定；如需更换请先解绑')
  const secret = new Secret({ size: 20 }).base32
  await ctx.deps.db
    .updateTable('users')
    .set({ totp_secret_enc: encryptField(ctx.deps.keys, secret) })
    .where('id', '=', user.id)
    .execute()
  const uri = totpOf(secret, user.username).toString()
  return { secret, uri, qrSvg: renderSVG(uri) }
}

/** Confirms enrolment with a first code; from then on every login asks for a code. */
export const totpEnable = async (ctx: Context, user: User, code: string): Promise<{ ok: true }> => {
  const { deps } = ctx
  const row = await deps.db
    .selectFrom('users')
    .select('totp_secret_enc')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  if (row.totp_secret_enc === null) throw fail('BAD_REQUEST', 'TotpNotSetUp', '请先获取绑定二维码')
  const step = totpStep(decryptField(deps.keys, row.totp_secret_enc), code, deps.clock().getTime())
  if (step === null) {
    throw fail('BAD_REQUEST', 'TotpWrong', '动态口令不正确，请核对手机时间后重试', { code: '动态口令不正确' })
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await claimStep(trx, user.id, step))) throw replayed()
    await trx.updateTable('users').set({ totp_enabled: 1 }).where('id', '=', user.id).execute()
    await appendAudit(trx, deps.keys, audit(ctx, user, 'user.totpEnable'))
  })
  deps.sessions.forgetUser(user.id)
  return { ok: true }
}

/** Turns the second factor off (the password is required); not possible while the setting requires it. */
export const totpDisable = async (ctx: Context, user: User, password: string): Promise<{ ok: true }> => {
  const { deps } = ctx
  const row = await deps.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  if (!(await verifyPassword(row.password_hash, password))) {
    throw fail('BAD_REQUEST', 'WrongPassword', '密码不正确', { password: '密码不正确' })
  }
  const settings = await deps.settings.current(deps.clock().getTime())
  if (settings['totp.requiredForLeaders'] && secondFactorRequiredFor(user.role)) {
    throw fail('BAD_REQUEST', 'TotpRequired', '按安全设置，您的账号必须使用动态口令，不能解绑')
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_enabled: 0, totp_secret_enc: null, totp_last_step: null })
      .where('id', '=', user.id)
      .execute()
    await appendAudit(trx, deps.keys, audit(ctx, user, 'user.totpDisable'))
  })
  deps.sessions.forgetUser(user.id)
  return { ok: true }
}

/**
 * The second step of a login: the code of the session's user. A wrong code counts as a failed login
 * (the lockout applies); at the limit the account locks and the half-open session ends.
 */
export const verifyTotpLogin = async (
  ctx: Context,
  user: User,
  sessionId: string,
  code: string,
): Promise<{ ok: true }> => {
  const { deps } = ctx
  const now = deps.clock()
  const row = await deps.db
    .selectFrom('users')
    .select(['totp_secret_enc', 'failed_count'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  const who = { id: user.id, username: user.username, displayName: user.displayName }
  const step =
    row.totp_secret_enc === null
      ? null
      : totpStep(decryptField(deps.keys, row.totp_secret_enc), code, now.getTime())
  if (step === null) {
    const settings = await deps.settings.current(now.getTime())
    const failures = Number(row.failed_count) + 1
    const lockNow = failures >= settings['lockout.maxFailures']
    const lockedUntil = lockNow
      ? new Date(now.getTime() + settings['lockout.minutes'] * 60_000).toISOString()
      : null
    const record = async (trx: Trx) => {
      await recordLoginFailure(trx, user.id, lockNow ? 0 : failures, lockedUntil)
      await appendLoginLog(trx, loginEvent(ctx, 'totpFailure', who, 'wrongCode'))
      if (lockNow) {
        await appendAudit(trx, deps.keys, audit(ctx, user, 'auth.locked', { lockedUntil, reason: 'totp' }))
        await appendLoginLog(trx, loginEvent(ctx, 'lock', who, `${settings['lockout.minutes']} 分钟`))
      }
    }
    await deps.db.transaction().execute(async (trx) => {
      await record(trx)
      if (lockNow) await endSessions(deps, trx, { sessionId })
    })
    throw fail('BAD_REQUEST', 'TotpWrong', '动态口令不正确', { code: '动态口令不正确' })
  }
  await deps.db.transaction().execute(async (trx) => {
    // a replayed code is refused without counting as a failure: its holder knew a real code once
    if (!(await claimStep(trx, user.id, step))) throw replayed()
    await trx.updateTable('sessions').set({ pending_totp: 0 }).where('id', '=', sessionId).execute()
    await trx.updateTable('users').set({ failed_count: 0 }).where('id', '=', user.id).execute()
    await appendAudit(trx, deps.keys, {
      ...audit(ctx, user, 'auth.totpVerified'),
      subjectType: 'session',
      subjectId: sessionId,
    })
  })
  deps.sessions.forgetSession(sessionId)
  return { ok: true }
}
