import { passwordExpired, type Settings, secondFactorRequiredFor } from '@pingzhan/domain'
import type { ActiveSession } from '../repos/sessions.ts'

/**
 * What a signed-in session must do before anything else works (issue 13):
 * - 'totp': enter the code of their second factor (the password was right);
 * - 'changePassword': a one-time password (new account, reset) or an expired one must be replaced;
 * - 'enrolTotp': the setting requires a second factor for administrators and bureau leaders.
 */
export type Gate = 'totp' | 'changePassword' | 'enrolTotp'

export const GATE_MESSAGES: Readonly<Record<Gate, string>> = {
  totp: '请输入动态口令完成登录',
  changePassword: '请先修改密码',
  enrolTotp: '请先绑定动态口令（双因素认证）',
}

export const gateOf = (session: ActiveSession, settings: Settings, nowMs: number): Gate | null => {
  if (session.pendingTotp) return 'totp'
  const u = session.user
  if (u.mustChangePassword) return 'changePassword'
  // demo accounts carry the published demo password; their expiry would only stop the demo
  if (!u.demo && passwordExpired(Date.parse(u.passwordChangedAt), nowMs, settings['password.expiryDays'])) {
    return 'changePassword'
  }
  if (settings['totp.requiredForLeaders'] && secondFactorRequiredFor(u.role) && !u.totpEnabled)
    return 'enrolTotp'
  return null
}
