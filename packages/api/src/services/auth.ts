import { appendAudit } from '../audit/audit.ts'
import { type Gate, gateOf } from '../auth/gate.ts'
import { burnVerify, verifyPassword } from '../auth/password.ts'
import { randomToken, tokenHash } from '../crypto/keys.ts'
import type { LoginLogKind } from '../db/accounts-types.ts'
import { appendLoginLog } from '../repos/login-log.ts'
import { type ActiveSession, createSession } from '../repos/sessions.ts'
import { clearLoginFailures, findUserForLogin, recordLoginFailure, type User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import { type Context, SESSION_COOKIE } from '../trpc/context.ts'
import { fail } from '../trpc/errors.ts'
import { currentSession, sessionLimits } from '../trpc/init.ts'
import { endSessions } from './session-end.ts'
import { auditActor, type Me, toMe, userUnit } from './units.ts'

/** Kept for older callers; the number in force is the setting `lockout.maxFailures` (default 5). */
export const MAX_FAILURES = 5

/** One message for every refusal: it never tells whether the user exists or is locked. */
const refused = (max: number) => `用户名或密码错误（连续失败 ${max} 次将暂时锁定账号）`

const LOGIN_WINDOW_MS = 10 * 60_000

export type MeWithGate = Me & { readonly gate: Gate | null; readonly totpEnabled: boolean }

export const meOf = async (ctx: Context, session: ActiveSession): Promise<MeWithGate> => {
  const now = ctx.deps.clock().getTime()
  const settings = await ctx.deps.settings.current(now)
  return {
    ...toMe(ctx.deps.org, session.user),
    gate: gateOf(session, settings, now),
    totpEnabled: session.user.totpEnabled,
  }
}

export const loginEvent = (
  ctx: Context,
  kind: LoginLogKind,
  who: { readonly id: string | null; readonly username: string; readonly displayName: string | null },
  reason: string | null = null,
  by: { readonly id: string; readonly name: string } | null = null,
) => ({
  kind,
  at: ctx.deps.clock(),
  userId: who.id,
  username: who.username,
  displayName: who.displayName,
  ip: ctx.req.ip,
  userAgent: ctx.req.userAgent ?? null,
  reason,
  by,
})

export const login = async (
  ctx: Context,
  username: string,
  password: string,
): Promise<{ user: MeWithGate }> => {
  const { deps, req } = ctx
  const now = deps.clock()
  if (
    !(await deps.limiter.hit(
      `login:${req.ip ?? '-'}`,
      deps.config.loginLimitPerIp,
      LOGIN_WINDOW_MS,
      now.getTime(),
    ))
  ) {
    throw fail('TOO_MANY_REQUESTS', 'LoginRateLimited', '登录尝试过于频繁，请 10 分钟后再试')
  }
  const settings = await deps.settings.current(now.getTime())
  const maxFailures = settings['lockout.maxFailures']
  const lockMinutes = settings['lockout.minutes']
  const REFUSED = refused(maxFailures)
  const meta = { correlationId: req.correlationId, ip: req.ip, at: now }
  const user = await findUserForLogin(deps.db, username)
  if (user === null) {
    await burnVerify(password)
    await deps.db.transaction().execute(async (trx) => {
      await appendAudit(trx, deps.keys, {
        ...meta,
        actor: { id: null, name: username.slice(0, 64), role: 'anonymous' },
        action: 'auth.loginFailed',
        unit: null,
        subjectType: 'user',
        subjectId: null,
        after: { reason: 'unknownUser' },
      })
      await appendLoginLog(
        trx,
        loginEvent(ctx, 'failure', { id: null, username, displayName: null }, 'unknownUser'),
      )
    })
    throw fail('UNAUTHORIZED', 'LoginRefused', REFUSED)
  }
  const locked = user.lockedUntil !== null && Date.parse(user.lockedUntil) > now.getTime()
  const passwordOk = await verifyPassword(user.passwordHash, password)
  const unit = userUnit(deps.org, user)
  const actor = auditActor(user)
  const who = { id: user.id, username: user.username, displayName: user.displayName }

  if (locked || user.disabled || !passwordOk) {
    await deps.db.transaction().execute(async (trx) => {
      if (locked || user.disabled) {
        const reason = user.disabled ? 'disabled' : 'locked'
        await appendAudit(trx, deps.keys, {
          ...meta,
          actor,
          action: 'auth.loginRefused',
          unit,
          subjectType: 'user',
          subjectId: user.id,
          after: { reason, lockedUntil: user.lockedUntil },
        })
        await appendLoginLog(trx, loginEvent(ctx, 'refused', who, reason))
        return
      }
      const failures = user.failedCount + 1
      const lockNow = failures >= maxFailures
      const lockedUntil = lockNow ? new Date(now.getTime() + lockMinutes * 60_000).toISOString() : null
      await recordLoginFailure(trx, user.id, lockNow ? 0 : failures, lockedUntil)
      await appendAudit(trx, deps.keys, {
        ...meta,
        actor,
        action: 'auth.loginFailed',
        unit,
        subjectType: 'user',
        subjectId: user.id,
        before: { failedCount: user.failedCount },
        after: { failedCount: failures, reason: 'badPassword' },
      })
      await appendLoginLog(trx, loginEvent(ctx, 'failure', who, 'badPassword'))
      if (lockNow) {
        await appendAudit(trx, deps.keys, {
          ...meta,
          actor,
          action: 'auth.locked',
          unit,
          subjectType: 'user',
          subjectId: user.id,
          after: { lockedUntil, minutes: lockMinutes },
        })
        await appendLoginLog(trx, loginEvent(ctx, 'lock', who, `${lockMinutes} 分钟`))
      }
    })
    throw fail('UNAUTHORIZED', 'LoginRefused', REFUSED)
  }

  // A one-time password is good for `account.oneTimePasswordHours` only.
  const oneTimeHours = settings['account.oneTimePasswordHours']
  if (
    user.mustChangePassword &&
    Date.parse(user.passwordChangedAt) + oneTimeHours * 3_600_000 <= now.getTime()
  ) {
    await deps.db.transaction().execute(async (trx) => {
      await appendAudit(trx, deps.keys, {
        ...meta,
        actor,
        action: 'auth.loginRefused',
        unit,
        subjectType: 'user',
        subjectId: user.id,
        after: { reason: 'oneTimePasswordExpired' },
      })
      await appendLoginLog(trx, loginEvent(ctx, 'refused', who, 'oneTimePasswordExpired'))
    })
    throw fail('UNAUTHORIZED', 'OneTimePasswordExpired', '初始密码已过期，请联系系统管理员重置密码')
  }

  // New session id at every login; the old token (if any) stops working.
  const previous = req.cookies[SESSION_COOKIE]
  const token = randomToken()
  const sessionId = newId()
  const pendingTotp = user.totpEnabled
  await deps.db.transaction().execute(async (trx) => {
    if (previous) await endSessions(deps, trx, { tokenHash: tokenHash(previous) })
    await clearLoginFailures(trx, user.id)
    await createSession(trx, {
      id: sessionId,
      tokenHash: tokenHash(token),
      userId: user.id,
      now,
      limits: sessionLimits(ctx),
      ip: req.ip,
      userAgent: req.userAgent ?? null,
      pendingTotp,
    })
    await appendAudit(trx, deps.keys, {
      ...meta,
      actor,
      action: 'auth.login',
      unit,
      subjectType: 'session',
      subjectId: sessionId,
      ...(pendingTotp ? { after: { awaiting: 'totp' } } : {}),
    })
    await appendLoginLog(trx, loginEvent(ctx, 'login', who, pendingTotp ? 'passwordOkAwaitingTotp' : null))
  })
  req.setCookie(SESSION_COOKIE, token, { maxAgeSeconds: deps.config.sessionAbsoluteHours * 3600 })
  return { user: await meOf(ctx, { sessionId, user, pendingTotp }) }
}

export const logout = async (ctx: Context): Promise<{ ok: true }> => {
  const session = await currentSession(ctx)
  if (session !== null) {
    const { deps, req } = ctx
    const user: User = session.user
    await deps.db.transaction().execute(async (trx) => {
      await endSessions(deps, trx, { sessionId: session.sessionId })
      await appendAudit(trx, deps.keys, {
        correlationId: req.correlationId,
        ip: req.ip,
        at: deps.clock(),
        actor: auditActor(user),
        action: 'auth.logout',
        unit: userUnit(deps.org, user),
        subjectType: 'session',
        subjectId: session.sessionId,
      })
      await appendLoginLog(
        trx,
        loginEvent(ctx, 'logout', { id: user.id, username: user.username, displayName: user.displayName }),
      )
    })
  }
  ctx.req.clearCookie(SESSION_COOKIE)
  return { ok: true }
}

export const me = async (ctx: Context): Promise<MeWithGate | null> => {
  const session = await currentSession(ctx)
  return session === null ? null : meOf(ctx, session)
}
