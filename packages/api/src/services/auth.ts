import { appendAudit } from '../audit/audit.ts'
import { burnVerify, verifyPassword } from '../auth/password.ts'
import { randomToken, tokenHash } from '../crypto/keys.ts'
import { createSession } from '../repos/sessions.ts'
import { clearLoginFailures, findUserForLogin, recordLoginFailure } from '../repos/users.ts'
import { newId } from '../shared.ts'
import { type Context, SESSION_COOKIE } from '../trpc/context.ts'
import { fail } from '../trpc/errors.ts'
import { currentSession, sessionLimits } from '../trpc/init.ts'
import { endSessions } from './session-end.ts'
import { auditActor, type Me, toMe, userUnit } from './units.ts'

export const MAX_FAILURES = 5

/** One message for every refusal: it never tells whether the user exists or is locked. */
const REFUSED = `用户名或密码错误（连续失败 ${MAX_FAILURES} 次将暂时锁定账号）`

const LOGIN_WINDOW_MS = 10 * 60_000

export const login = async (ctx: Context, username: string, password: string): Promise<{ user: Me }> => {
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
  const meta = { correlationId: req.correlationId, ip: req.ip, at: now }
  const user = await findUserForLogin(deps.db, username)
  if (user === null) {
    await burnVerify(password)
    await deps.db.transaction().execute((trx) =>
      appendAudit(trx, deps.keys, {
        ...meta,
        actor: { id: null, name: username.slice(0, 64), role: 'anonymous' },
        action: 'auth.loginFailed',
        unit: null,
        subjectType: 'user',
        subjectId: null,
        after: { reason: 'unknownUser' },
      }),
    )
    throw fail('UNAUTHORIZED', 'LoginRefused', REFUSED)
  }
  const locked = user.lockedUntil !== null && Date.parse(user.lockedUntil) > now.getTime()
  const passwordOk = await verifyPassword(user.passwordHash, password)
  const unit = userUnit(deps.org, user)
  const actor = auditActor(user)

  if (locked || user.disabled || !passwordOk) {
    await deps.db.transaction().execute(async (trx) => {
      if (locked || user.disabled) {
        await appendAudit(trx, deps.keys, {
          ...meta,
          actor,
          action: 'auth.loginRefused',
          unit,
          subjectType: 'user',
          subjectId: user.id,
          after: { reason: user.disabled ? 'disabled' : 'locked', lockedUntil: user.lockedUntil },
        })
        return
      }
      const failures = user.failedCount + 1
      const lockNow = failures >= MAX_FAILURES
      const lockedUntil = lockNow
        ? new Date(now.getTime() + deps.config.lockoutMinutes * 60_000).toISOString()
        : null
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
      if (lockNow) {
        await appendAudit(trx, deps.keys, {
          ...meta,
          actor,
          action: 'auth.locked',
          unit,
          subjectType: 'user',
          subjectId: user.id,
          after: { lockedUntil, minutes: deps.config.lockoutMinutes },
        })
      }
    })
    throw fail('UNAUTHORIZED', 'LoginRefused', REFUSED)
  }

  // New session id at every login; the old token (if any) stops working.
  const previous = req.cookies[SESSION_COOKIE]
  const token = randomToken()
  const sessionId = newId()
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
    })
    await appendAudit(trx, deps.keys, {
      ...meta,
      actor,
      action: 'auth.login',
      unit,
      subjectType: 'session',
      subjectId: sessionId,
    })
  })
  req.setCookie(SESSION_COOKIE, token, { maxAgeSeconds: deps.config.sessionAbsoluteHours * 3600 })
  return { user: toMe(deps.org, user) }
}

export const logout = async (ctx: Context): Promise<{ ok: true }> => {
  const session = await currentSession(ctx)
  if (session !== null) {
    const { deps, req } = ctx
    await deps.db.transaction().execute(async (trx) => {
      await endSessions(deps, trx, { sessionId: session.sessionId })
      await appendAudit(trx, deps.keys, {
        correlationId: req.correlationId,
        ip: req.ip,
        at: deps.clock(),
        actor: auditActor(session.user),
        action: 'auth.logout',
        unit: userUnit(deps.org, session.user),
        subjectType: 'session',
        subjectId: session.sessionId,
      })
    })
  }
  ctx.req.clearCookie(SESSION_COOKIE)
  return { ok: true }
}

export const me = async (ctx: Context): Promise<Me | null> => {
  const session = await currentSession(ctx)
  return session === null ? null : toMe(ctx.deps.org, session.user)
}
