import { ROLES } from '@pingzhan/domain'
import {
  changeOwnPassword,
  createAccount,
  exportAccounts,
  forceLogout,
  listAccounts,
  listOnlineSessions,
  moveAccount,
  resetAccountPassword,
  resetAccountTotp,
  setAccountDisabled,
  unlockAccount,
} from '../services/accounts.ts'
import { exportLoginLog, listLoginLogFor } from '../services/login-log.ts'
import { listSettings, updateSetting } from '../services/settings.ts'
import { totpDisable, totpEnable, totpSetup, verifyTotpLogin } from '../services/totp.ts'
import { fail } from '../trpc/errors.ts'
import { gatedProcedure, rightProcedure, router } from '../trpc/init.ts'
import {
  bool,
  cursor,
  dateOrInstant,
  empty,
  id,
  int,
  object,
  oneOf,
  optional,
  secret,
  text,
} from '../trpc/validate.ts'

// Accounts and security administration (issue 13). Who may call what is an administrative right of
// the domain (admin-rights.ts): 系统管理员 manageAccounts / manageSystemSettings, 安全管理员 manageRoles /
// manageSecurity, 审计管理员 readLoginLog (and the audit router's readAudit).

const USERNAME = { re: /^[a-zA-Z0-9._-]{3,32}$/, message: '用户名为 3–32 位字母、数字或 ._-' }
const STATUSES = ['active', 'disabled', 'locked', 'mustChange'] as const
const LOGIN_KINDS = ['login', 'failure', 'lock', 'refused', 'logout', 'forceLogout', 'totpFailure'] as const

const accountFilter = {
  q: optional(text('用户名或姓名', 1, 40)),
  role: optional(oneOf('角色', ROLES)),
  unit: optional(text('单位', 1, 40)),
  status: optional(oneOf('状态', STATUSES)),
}

const position = { role: oneOf('角色', ROLES), unit: optional(text('单位', 1, 40)) }

export const userRouter = router({
  list: rightProcedure('manageAccounts', 'manageRoles')
    .input(object({ ...accountFilter, cursor: optional(cursor), limit: optional(int('每页条数', 1, 200)) }))
    .query(({ ctx, input }) => listAccounts(ctx, { ...input, limit: input.limit ?? 50 })),
  /** the units a position can name, for the account form's pickers */
  units: rightProcedure('manageAccounts', 'manageRoles').query(({ ctx }) => {
    const c = ctx.deps.org.config
    return {
      squads: c.squads.map((s) => ({ code: s.code, name: s.name })),
      offices: c.offices.map((o) => ({ code: o.code, name: o.name })),
      departments: c.departments.map((d) => ({ code: d.code, name: d.name })),
    }
  }),
  export: rightProcedure('manageAccounts')
    .input(object(accountFilter))
    .mutation(({ ctx, input }) => exportAccounts(ctx, ctx.user, input)),
  create: rightProcedure('manageAccounts')
    .input(
      object({ username: text('用户名', 3, 32, USERNAME), displayName: text('姓名', 1, 40), ...position }),
    )
    .mutation(({ ctx, input }) => createAccount(ctx, ctx.user, input)),
  setDisabled: rightProcedure('manageAccounts')
    .input(object({ id: id('用户'), disabled: bool('停用') }))
    .mutation(({ ctx, input }) => setAccountDisabled(ctx, ctx.user, input)),
  unlock: rightProcedure('manageAccounts')
    .input(object({ id: id('用户') }))
    .mutation(({ ctx, input }) => unlockAccount(ctx, ctx.user, input.id)),
  resetPassword: rightProcedure('manageAccounts')
    .input(object({ id: id('用户') }))
    .mutation(({ ctx, input }) => resetAccountPassword(ctx, ctx.user, input.id)),
  resetTotp: rightProcedure('manageAccounts')
    .input(object({ id: id('用户') }))
    .mutation(({ ctx, input }) => resetAccountTotp(ctx, ctx.user, input.id)),
  move: rightProcedure('manageRoles')
    .input(object({ id: id('用户'), ...position }))
    .mutation(({ ctx, input }) => moveAccount(ctx, ctx.user, input)),
})

export const sessionRouter = router({
  list: rightProcedure('manageSecurity')
    .input(object({ q: optional(text('用户名或姓名', 1, 40)) }))
    .query(({ ctx, input }) => listOnlineSessions(ctx, ctx.sessionId, input)),
  end: rightProcedure('manageSecurity')
    .input(object({ id: id('会话') }))
    .mutation(({ ctx, input }) => forceLogout(ctx, ctx.user, input.id)),
})

const loginLogFilter = {
  username: optional(text('用户名或姓名', 1, 64)),
  kind: optional(oneOf('类型', LOGIN_KINDS)),
  ip: optional(text('IP', 1, 64)),
  from: optional(dateOrInstant('开始时间')),
  to: optional(dateOrInstant('结束时间')),
}

export const loginLogRouter = router({
  list: rightProcedure('readLoginLog')
    .input(object({ ...loginLogFilter, cursor: optional(cursor), limit: optional(int('每页条数', 1, 200)) }))
    .query(({ ctx, input }) => listLoginLogFor(ctx, { ...input, limit: input.limit ?? 50 })),
  export: rightProcedure('readLoginLog')
    .input(object(loginLogFilter))
    .mutation(({ ctx, input }) => exportLoginLog(ctx, ctx.user, input)),
})

/** A setting's value: an integer or a yes/no (the definition decides which). */
const settingValue = (value: unknown) =>
  typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
    ? { ok: true as const, value: value as number | boolean }
    : { ok: false as const, message: '参数值无效' }

export const settingRouter = router({
  list: rightProcedure('manageSecurity', 'manageSystemSettings').query(({ ctx }) =>
    listSettings(ctx, ctx.user),
  ),
  update: rightProcedure('manageSecurity', 'manageSystemSettings')
    .input(object({ key: text('参数', 1, 60), value: settingValue }))
    .mutation(({ ctx, input }) => updateSetting(ctx, ctx.user, input)),
})

/** Own account: what a signed-in person may do even while held at a gate that these clear. */
export const accountProcedures = {
  changePassword: gatedProcedure('changePassword', 'enrolTotp')
    .input(object({ oldPassword: secret('原密码', 128), newPassword: secret('新密码', 128) }))
    .mutation(({ ctx, input }) => changeOwnPassword(ctx, ctx.user, ctx.sessionId, input)),
  totpSetup: gatedProcedure('enrolTotp')
    .input(empty)
    .mutation(({ ctx }) => totpSetup(ctx, ctx.user)),
  totpEnable: gatedProcedure('enrolTotp')
    .input(object({ code: text('动态口令', 6, 6) }))
    .mutation(({ ctx, input }) => totpEnable(ctx, ctx.user, input.code)),
  totpDisable: gatedProcedure()
    .input(object({ password: secret('密码', 128) }))
    .mutation(({ ctx, input }) => totpDisable(ctx, ctx.user, input.password)),
  verifyTotp: gatedProcedure('totp')
    .input(object({ code: text('动态口令', 6, 6) }))
    .mutation(({ ctx, input }) => {
      if (ctx.gate !== 'totp') throw fail('BAD_REQUEST', 'TotpNotPending', '本次登录不需要动态口令')
      return verifyTotpLogin(ctx, ctx.user, ctx.sessionId, input.code)
    }),
}
