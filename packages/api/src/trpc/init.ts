import { type Actor, type AdminRight, hasRight, type Role } from '@pingzhan/domain'
import { initTRPC } from '@trpc/server'
import { GATE_MESSAGES, type Gate, gateOf } from '../auth/gate.ts'
import { tokenHash } from '../crypto/keys.ts'
import { findActiveDevice, type KioskDevice } from '../repos/devices.ts'
import { findActiveSession } from '../repos/sessions.ts'
import type { User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import { type Context, KIOSK_COOKIE, type RequestInfo, SESSION_COOKIE } from './context.ts'
import { CODE_MESSAGES, fail, faultOf, forbidden, unauthorized } from './errors.ts'

const t = initTRPC.context<Context>().create({
  // Event streams (activation.events): a keep-alive comment every 15 s keeps proxies and phones from
  // dropping an idle connection; the client reconnects when nothing (not even a ping) came for 40 s.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error, ctx }) {
    const correlationId = ctx?.req.correlationId ?? newId()
    const cause = faultOf(error)
    const internal = error.code === 'INTERNAL_SERVER_ERROR' && cause === null
    const message = internal
      ? `服务器内部错误，请稍后重试（编号 ${correlationId}）`
      : cause
        ? cause.message
        : (CODE_MESSAGES[error.code] ?? '请求失败')
    const tag = cause?.tag ?? (internal ? 'Internal' : error.code)
    return {
      message,
      code: shape.code,
      data: {
        code: error.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        tag,
        message,
        correlationId,
        ...(cause?.fieldErrors ? { fieldErrors: cause.fieldErrors } : {}),
      },
    }
  },
})

export const router = t.router
export const createCallerFactory = t.createCallerFactory
export const middleware = t.middleware

const originAllowed = (req: RequestInfo, allowed: ReadonlyArray<string>): boolean => {
  if (req.origin === null) return false
  if (allowed.includes(req.origin)) return true
  try {
    return req.host !== null && new URL(req.origin).host === req.host
  } catch {
    return false
  }
}

/** Every procedure: mutations need the CSRF header and an allowed Origin. */
export const publicProcedure = t.procedure.use(({ ctx, type, next }) => {
  if (type === 'mutation') {
    if (ctx.req.csrfHeader !== '1') throw fail('FORBIDDEN', 'CsrfRejected', '请求缺少安全校验头，已拒绝')
    if (!originAllowed(ctx.req, ctx.deps.config.allowedOrigins)) {
      throw fail('FORBIDDEN', 'CsrfRejected', '请求来源不被允许，已拒绝')
    }
  }
  return next()
})

/** The domain's view of a signed-in user. */
export const actorOf = (user: User): Actor => ({
  userId: user.id,
  role: user.role,
  office: user.officeCode,
  squad: user.squadCode,
})

export const sessionLimits = (ctx: Context) => ({
  idleMs: ctx.deps.config.sessionIdleMinutes * 60_000,
  absoluteMs: ctx.deps.config.sessionAbsoluteHours * 3_600_000,
})

export const currentSession = async (ctx: Context) => {
  const token = ctx.req.cookies[SESSION_COOKIE]
  if (!token || token.length > 200) return null
  return findActiveSession(
    ctx.deps.db,
    tokenHash(token),
    ctx.deps.clock(),
    sessionLimits(ctx),
    ctx.deps.sessions,
  )
}

/**
 * Signed-in users whose session is not held at a gate (services/auth.ts: second factor pending, a
 * one-time or expired password, a required second factor not enrolled), except the gates in `allowed`:
 * the procedures that clear a gate. Everything else answers FORBIDDEN with the gate's tag.
 */
export const gatedProcedure = (...allowed: ReadonlyArray<Gate>) =>
  publicProcedure.use(async ({ ctx, next }) => {
    const session = await currentSession(ctx)
    if (session === null) throw unauthorized()
    const nowMs = ctx.deps.clock().getTime()
    const gate = gateOf(session, await ctx.deps.settings.current(nowMs), nowMs)
    if (gate !== null && !allowed.includes(gate))
      throw fail('FORBIDDEN', GATE_TAGS[gate], GATE_MESSAGES[gate])
    return next({
      ctx: { user: session.user, sessionId: session.sessionId, actor: actorOf(session.user), gate },
    })
  })

const GATE_TAGS: Readonly<Record<Gate, string>> = {
  totp: 'TotpRequired',
  changePassword: 'PasswordChangeRequired',
  enrolTotp: 'TotpEnrolmentRequired',
}

export const authedProcedure = gatedProcedure()

/** Signed-in users holding an administrative right (domain admin-rights.ts); others get FORBIDDEN. */
export const rightProcedure = (...rights: ReadonlyArray<AdminRight>) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!rights.some((r) => hasRight(ctx.user.role, r))) throw forbidden()
    return next()
  })

/** Signed-in users holding one of `roles`; others get FORBIDDEN. */
export const roleProcedure = (...roles: ReadonlyArray<Role>) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) throw forbidden()
    return next()
  })

/** Public kiosk procedures that need a bound, active device (from the httpOnly cookie only). */
export const kioskProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const token = ctx.req.cookies[KIOSK_COOKIE]
  const device: KioskDevice | null =
    token && token.length <= 200 ? await findActiveDevice(ctx.deps.db, tokenHash(token)) : null
  if (device === null)
    throw fail('UNAUTHORIZED', 'KioskNotBound', '本终端尚未绑定司法所或已停用，请联系工作人员')
  return next({ ctx: { device } })
})
