import { randomInt } from 'node:crypto'
import { oneTimePassword, positionFrom, ROLE_LABELS, type Role, unitCodesOf } from '@pingzhan/domain'
import { type AuditEntry, appendAudit } from '../audit/audit.ts'
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts'
import type { Trx } from '../db/types.ts'
import { appendLoginLog } from '../repos/login-log.ts'
import { decodeUser, USER_COLUMNS, type User } from '../repos/users.ts'
import { decodeCursor, encodeCursor, newId } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, notFound } from '../trpc/errors.ts'
import { loginEvent } from './auth.ts'
import { endSessions } from './session-end.ts'
import { escapeCell } from './task-work.ts'
import { auditActor, userUnit, userUnitName } from './units.ts'

// User management (issue 13): the 系统管理员 creates accounts for people of the organisation, disables
// and enables them, unlocks them and resets their password; the 安全管理员 moves a person to another
// unit or position (their role follows it). Every change is one transaction with its audit row, and
// whatever changes a person's access ends their sessions at once (services/session-end.ts).

export type AccountStatus = 'active' | 'disabled' | 'locked' | 'mustChange'

export interface AccountItem {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: Role
  readonly roleLabel: string
  /** office, squad (or liaison squad) or department code; null for bureau-wide positions */
  readonly unitCode: string | null
  readonly unitName: string
  readonly disabled: boolean
  readonly lockedUntil: string | null
  readonly mustChangePassword: boolean
  readonly totpEnabled: boolean
  readonly passwordChangedAt: string
  readonly createdAt: string
}

const unitCodeOf = (u: User): string | null => u.officeCode ?? u.squadCode ?? u.departmentCode

const likeText = (s: string) => `%${s.replace(/[%_\\]/g, '')}%`

const auditBase = (ctx: Context, actor: User, now: Date) => ({
  correlationId: ctx.req.correlationId,
  ip: ctx.req.ip,
  at: now,
  actor: auditActor(actor),
  unit: userUnit(ctx.deps.org, actor),
})

const accountColumns = [...USER_COLUMNS, 'users.locked_until', 'users.created_at'] as const

export const listAccounts = async (
  ctx: Context,
  f: {
    readonly q?: string | undefined
    readonly role?: Role | undefined
    readonly unit?: string | undefined
    readonly status?: AccountStatus | undefined
    readonly cursor?: string | undefined
    readonly limit: number
  },
): Promise<{ items: ReadonlyArray<AccountItem>; nextCursor: string | null }> => {
  const { db, org } = ctx.deps
  const nowIso = ctx.deps.clock().toISOString()
  let q = db.selectFrom('users').select(accountColumns)
  if (f.q) {
    const t = likeText(f.q)
    q = q.where((eb) => eb.or([eb('users.username', 'like', t), eb('users.display_name', 'like', t)]))
  }
  if (f.role) q = q.where('users.role', '=', f.role)
  if (f.unit) {
    const unit = f.unit
    q = q.where((eb) =>
      eb.or([
        eb('users.office_code', '=', unit),
        eb('users.squad_code', '=', unit),
        eb('users.department_code', '=', unit),
      ]),
    )
  }
  switch (f.status) {
    case 'active':
      q = q.where('users.disabled', '=', 0)
      break
    case 'disabled':
      q = q.where('users.disabled', '=', 1)
      break
    case 'locked':
      q = q.where('users.locked_until', '>', nowIso)
      break
    case 'mustChange':
      q = q.where('users.must_change_password', '=', 1)
      break
    case undefined:
      break
  }
  const after = f.cursor ? decodeCursor(f.cursor, 1) : null
  if (after) q = q.where('users.username', '>', after[0] as string)
  const rows = await q.orderBy('users.username').limit(f.limit).execute()
  const items = rows.map((r): AccountItem => {
    const u = decodeUser(r)
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      roleLabel: ROLE_LABELS[u.role],
      unitCode: unitCodeOf(u),
      unitName: userUnitName(org, u),
      disabled: u.disabled,
      lockedUntil: r.locked_until !== null && r.locked_until > nowIso ? r.locked_until : null,
      mustChangePassword: u.mustChangePassword,
      totpEnabled: u.totpEnabled,
      passwordChangedAt: u.passwordChangedAt,
      createdAt: r.created_at,
    }
  })
  const last = items.at(-1)
  return { items, nextCursor: items.length === f.limit && last ? encodeCursor([last.username]) : null }
}

const ACCOUNT_EXPORT_LIMIT = 5000

/** The filtered account list as an Excel workbook (formula characters escaped); the export is audited. */
export const exportAccounts = async (
  ctx: Context,
  user: User,
  f: Omit<Parameters<typeof listAccounts>[1], 'cursor' | 'limit'>,
): Promise<{ filename: string; contentBase64: string; rows: number }> => {
  const { items } = await listAccounts(ctx, { ...f, limit: ACCOUNT_EXPORT_LIMIT })
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('用户账号')
  ws.columns = [
    { header: '用户名', key: 'username', width: 18 },
    { header: '姓名', key: 'displayName', width: 20 },
    { header: '角色', key: 'role', width: 18 },
    { header: '单位', key: 'unit', width: 20 },
    { header: '状态', key: 'status', width: 12 },
    { header: '动态口令', key: 'totp', width: 10 },
    { header: '密码修改时间', key: 'changed', width: 22 },
    { header: '创建时间', key: 'created', width: 22 },
  ]
  for (const i of items) {
    ws.addRow({
      username: escapeCell(i.username),
      displayName: escapeCell(i.displayName),
      role: i.roleLabel,
      unit: escapeCell(i.unitName),
      status: i.disabled ? '已停用' : i.lockedUntil ? '已锁定' : i.mustChangePassword ? '待改密' : '正常',
      totp: i.totpEnabled ? '已绑定' : '未绑定',
      changed: i.passwordChangedAt,
      created: i.createdAt,
    })
  }
  ws.getRow(1).font = { bold: true }
  const now = ctx.deps.clock()
  await ctx.deps.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.deps.keys, {
      ...auditBase(ctx, user, now),
      action: 'user.export',
      subjectType: 'user',
      subjectId: null,
      after: { ...f, rows: items.length },
    }),
  )
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  return {
    filename: `用户账号-${today}.xlsx`,
    contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    rows: items.length,
  }
}

const loadAccount = async (trx: Trx | Context['deps']['db'], id: string): Promise<User> => {
  const row = await trx.selectFrom('users').select(USER_COLUMNS).where('users.id', '=', id).executeTakeFirst()
  if (!row) throw notFound('用户')
  return decodeUser(row)
}

const newOneTimePassword = () => oneTimePassword((n) => randomInt(n))

const positionOrFail = (ctx: Context, role: Role, unit: string | null | undefined) => {
  const p = positionFrom(ctx.deps.org, role, unit)
  if ('problem' in p) throw fail('BAD_REQUEST', 'InvalidPosition', p.problem, { unit: p.problem })
  return p.position
}

const isUniqueViolation = (error: unknown): boolean => {
  const text = String((error as { message?: unknown })?.message ?? error)
  return /UNIQUE constraint failed|duplicate key value|unique constraint/i.test(text)
}

/**
 * A new account for a person of the organisation: role and unit follow the position; a one-time
 * password (shown once to the administrator) must be changed at the first login.
 */
export const createAccount = async (
  ctx: Context,
  admin: User,
  input: {
    readonly username: string
    readonly displayName: string
    readonly role: Role
    readonly unit?: string | undefined
  },
): Promise<{ id: string; username: string; oneTimePassword: string }> => {
  const position = positionOrFail(ctx, input.role, input.unit)
  const codes = unitCodesOf(position)
  const { deps } = ctx
  const now = deps.clock()
  const password = newOneTimePassword()
  const hash = await hashPassword(password)
  const id = newId()
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({
          id,
          username: input.username,
          display_name: input.displayName,
          role: input.role,
          person_code: input.username,
          office_code: codes.office,
          squad_code: codes.squad,
          department_code: codes.department,
          password_hash: hash,
          failed_count: 0,
          locked_until: null,
          disabled: 0,
          demo: 0,
          password_changed_at: now.toISOString(),
          created_at: now.toISOString(),
          must_change_password: 1,
        })
        .execute()
      await appendAudit(trx, deps.keys, {
        ...auditBase(ctx, admin, now),
        action: 'user.create',
        subjectType: 'user',
        subjectId: id,
        after: { username: input.username, displayName: input.displayName, role: input.role, ...codes },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw fail('CONFLICT', 'UsernameTaken', `用户名 ${input.username} 已被使用`, {
        username: '该用户名已被使用',
      })
    }
    throw error
  }
  return { id, username: input.username, oneTimePassword: password }
}

/**
 * Changes an account and ends all its sessions in the same transaction (services/session-end.ts);
 * `change` writes the row and returns the audit entry's before/after.
 */
const changeAccountEndingSessions = async (
  ctx: Context,
  admin: User,
  id: string,
  action: string,
  change: (trx: Trx, target: User) => Promise<Pick<AuditEntry, 'before' | 'after'>>,
  loginReason: string | null,
): Promise<void> => {
  const { deps } = ctx
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const target = await loadAccount(trx, id)
    const diff = await change(trx, target)
    const ended = await endSessions(deps, trx, { userId: id })
    await appendAudit(trx, deps.keys, {
      ...auditBase(ctx, admin, now),
      action,
      subjectType: 'user',
      subjectId: id,
      ...diff,
      ...(ended.length > 0 ? { after: { ...(diff.after as object), sessionsEnded: ended.length } } : {}),
    })
    if (loginReason !== null && ended.length > 0) {
      await appendLoginLog(
        trx,
        loginEvent(
          ctx,
          'forceLogout',
          { id: target.id, username: target.username, displayName: target.displayName },
          loginReason,
          { id: admin.id, name: admin.displayName },
        ),
      )
    }
  })
}

export const setAccountDisabled = async (
  ctx: Context,
  admin: User,
  input: { readonly id: string; readonly disabled: boolean },
): Promise<{ ok: true }> => {
  if (input.id === admin.id && input.disabled) {
    throw fail('BAD_REQUEST', 'CannotDisableSelf', '不能停用自己的账号')
  }
  if (!input.disabled) {
    // enabling ends nothing; still one transaction with its audit
    const { deps } = ctx
    const now = deps.clock()
    await deps.db.transaction().execute(async (trx) => {
      const target = await loadAccount(trx, input.id)
      if (!target.disabled) return
      await trx.updateTable('users').set({ disabled: 0 }).where('id', '=', input.id).execute()
      await appendAudit(trx, deps.keys, {
        ...auditBase(ctx, admin, now),
        action: 'user.enable',
        subjectType: 'user',
        subjectId: input.id,
        before: { disabled: true },
        after: { disabled: false },
      })
    })
    deps.sessions.forgetUser(input.id)
    return { ok: true }
  }
  await changeAccountEndingSessions(
    ctx,
    admin,
    input.id,
    'user.disable',
    async (trx, target) => {
      await trx.updateTable('users').set({ disabled: 1 }).where('id', '=', target.id).execute()
      return { before: { disabled: target.disabled }, after: { disabled: true } }
    },
    'accountDisabled',
  )
  return { ok: true }
}

export const unlockAccount = async (ctx: Context, admin: User, id: string): Promise<{ ok: true }> => {
  const { deps } = ctx
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select(['id', 'failed_count', 'locked_until'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) throw notFound('用户')
    await trx.updateTable('users').set({ failed_count: 0, locked_until: null }).where('id', '=', id).execute()
    await appendAudit(trx, deps.keys, {
      ...auditBase(ctx, admin, now),
      action: 'user.unlock',
      subjectType: 'user',
      subjectId: id,
      before: { failedCount: Number(row.failed_count), lockedUntil: row.locked_until },
      after: { failedCount: 0, lockedUntil: null },
    })
  })
  return { ok: true }
}

/** A new one-time password (shown once), to be changed at the next login; the account's sessions end. */
export const resetAccountPassword = async (
  ctx: Context,
  admin: User,
  id: string,
): Promise<{ oneTimePassword: string }> => {
  if (id === admin.id) throw fail('BAD_REQUEST', 'CannotResetSelf', '请在“修改密码”中修改自己的密码')
  const password = newOneTimePassword()
  const hash = await hashPassword(password)
  const now = ctx.deps.clock().toISOString()
  await changeAccountEndingSessions(
    ctx,
    admin,
    id,
    'user.resetPassword',
    async (trx, target) => {
      await trx
        .updateTable('users')
        .set({
          password_hash: hash,
          must_change_password: 1,
          password_changed_at: now,
          failed_count: 0,
          locked_until: null,
        })
        .where('id', '=', target.id)
        .execute()
      return { after: { mustChangePassword: true } }
    },
    'passwordReset',
  )
  return { oneTimePassword: password }
}

/**
 * Clears a user's second factor (a lost or replaced phone): the secret goes, the account's sessions end,
 * and the next login enrols again where the settings require a second factor.
 */
export const resetAccountTotp = async (ctx: Context, admin: User, id: string): Promise<{ ok: true }> => {
  if (id === admin.id) throw fail('BAD_REQUEST', 'CannotResetSelf', '请在“我的账号”中解绑自己的动态口令')
  await changeAccountEndingSessions(
    ctx,
    admin,
    id,
    'user.resetTotp',
    async (trx, target) => {
      if (!target.totpEnabled) throw fail('BAD_REQUEST', 'TotpNotEnabled', '该用户未绑定动态口令')
      await trx
        .updateTable('users')
        .set({ totp_enabled: 0, totp_secret_enc: null, totp_last_step: null })
        .where('id', '=', target.id)
        .execute()
      return { before: { totpEnabled: true }, after: { totpEnabled: false } }
    },
    'totpReset',
  )
  return { ok: true }
}

/**
 * The 安全管理员 moves a person to another unit or position; the role follows the position. Their
 * sessions end at once, so the next request runs with the new access. Nobody changes their own role.
 */
export const moveAccount = async (
  ctx: Context,
  admin: User,
  input: { readonly id: string; readonly role: Role; readonly unit?: string | undefined },
): Promise<{ ok: true }> => {
  if (input.id === admin.id) throw fail('BAD_REQUEST', 'CannotMoveSelf', '不能修改自己的角色或单位')
  const position = positionOrFail(ctx, input.role, input.unit)
  const codes = unitCodesOf(position)
  await changeAccountEndingSessions(
    ctx,
    admin,
    input.id,
    'user.move',
    async (trx, target) => {
      await trx
        .updateTable('users')
        .set({
          role: input.role,
          office_code: codes.office,
          squad_code: codes.squad,
          department_code: codes.department,
        })
        .where('id', '=', target.id)
        .execute()
      return {
        before: {
          role: target.role,
          office: target.officeCode,
          squad: target.squadCode,
          department: target.departmentCode,
        },
        after: { role: input.role, ...codes },
      }
    },
    'roleChanged',
  )
  return { ok: true }
}

const CHANGE_WINDOW_MS = 10 * 60_000

/**
 * A person changes their own password: the old one is required, the rules in force apply (length,
 * classes, common passwords, not one of the last N), the person's other sessions end.
 */
export const changeOwnPassword = async (
  ctx: Context,
  user: User,
  sessionId: string,
  input: { readonly oldPassword: string; readonly newPassword: string },
): Promise<{ ok: true }> => {
  const { deps } = ctx
  const now = deps.clock()
  if (!(await deps.limiter.hit(`password:${user.id}`, 20, CHANGE_WINDOW_MS, now.getTime()))) {
    throw fail('TOO_MANY_REQUESTS', 'PasswordChangeRateLimited', '修改密码尝试过于频繁，请 10 分钟后再试')
  }
  const settings = await deps.settings.current(now.getTime())
  const row = await deps.db
    .selectFrom('users')
    .select(['password_hash'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  if (!(await verifyPassword(row.password_hash, input.oldPassword))) {
    throw fail('BAD_REQUEST', 'WrongPassword', '原密码不正确', { oldPassword: '原密码不正确' })
  }
  const problem = passwordProblem(input.newPassword, user.username, {
    minLength: settings['password.minLength'],
    minClasses: settings['password.minClasses'],
  })
  if (problem !== null) throw fail('BAD_REQUEST', 'WeakPassword', problem, { newPassword: problem })
  const history = settings['password.history']
  const previous = await deps.db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', user.id)
    .orderBy('changed_at', 'desc')
    .limit(Math.max(0, history - 1))
    .execute()
  for (const hash of [row.password_hash, ...previous.map((p) => p.password_hash)]) {
    if (await verifyPassword(hash, input.newPassword)) {
      const message =
        history > 1 ? `新密码不能与最近 ${history} 次使用的密码相同` : '新密码不能与当前密码相同'
      throw fail('BAD_REQUEST', 'PasswordReused', message, { newPassword: message })
    }
  }
  const hash = await hashPassword(input.newPassword)
  await deps.db.transaction().execute(async (trx) => {
    // compare-and-set on the hash read above: two changes at once cannot both win
    const updated = await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, password_changed_at: now.toISOString() })
      .where('id', '=', user.id)
      .where('password_hash', '=', row.password_hash)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1)
      throw conflict('密码刚被修改过，请重新登录后再试', 'PasswordChanged')
    const ended = await endSessions(deps, trx, { userId: user.id, exceptSessionId: sessionId })
    await trx
      .insertInto('password_history')
      .values({
        id: newId(),
        user_id: user.id,
        password_hash: row.password_hash,
        changed_at: now.toISOString(),
      })
      .execute()
    await appendAudit(trx, deps.keys, {
      ...auditBase(ctx, user, now),
      action: 'user.changePassword',
      subjectType: 'user',
      subjectId: user.id,
      after: { otherSessionsEnded: ended.length },
    })
  })
  return { ok: true }
}

// ------------------------------------------------------------------------------------------ sessions

export interface OnlineSession {
  readonly id: string
  readonly userId: string
  readonly username: string
  readonly displayName: string
  readonly roleLabel: string
  readonly unitName: string
  readonly ip: string | null
  readonly userAgent: string | null
  readonly createdAt: string
  readonly lastSeenAt: string
  readonly current: boolean
}

/** Sessions that are alive now (not expired by the idle or absolute limit), most recently active first. */
export const listOnlineSessions = async (
  ctx: Context,
  sessionId: string,
  f: { readonly q?: string | undefined },
): Promise<ReadonlyArray<OnlineSession>> => {
  const { db, org, config } = ctx.deps
  const now = ctx.deps.clock()
  let q = db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      ...USER_COLUMNS,
      'sessions.id as session_id',
      'sessions.ip',
      'sessions.user_agent',
      'sessions.created_at as session_created_at',
      'sessions.last_seen_at',
    ])
    .where('sessions.expires_at', '>', now.toISOString())
    .where(
      'sessions.last_seen_at',
      '>',
      new Date(now.getTime() - config.sessionIdleMinutes * 60_000).toISOString(),
    )
    .where('users.disabled', '=', 0)
  if (f.q) {
    const t = likeText(f.q)
    q = q.where((eb) => eb.or([eb('users.username', 'like', t), eb('users.display_name', 'like', t)]))
  }
  const rows = await q.orderBy('sessions.last_seen_at', 'desc').limit(500).execute()
  return rows.map((r) => {
    const u = decodeUser(r)
    return {
      id: r.session_id,
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      roleLabel: ROLE_LABELS[u.role],
      unitName: userUnitName(org, u),
      ip: r.ip,
      userAgent: r.user_agent,
      createdAt: r.session_created_at,
      lastSeenAt: r.last_seen_at,
      current: r.session_id === sessionId,
    }
  })
}

/** An administrator ends someone's session now (and its live event stream). */
export const forceLogout = async (ctx: Context, admin: User, id: string): Promise<{ ok: true }> => {
  const { deps } = ctx
  const now = deps.clock()
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'users.id as user_id', 'users.username', 'users.display_name'])
    .where('sessions.id', '=', id)
    .executeTakeFirst()
  if (!row) throw notFound('会话')
  await deps.db.transaction().execute(async (trx) => {
    const gone = await endSessions(deps, trx, { sessionId: id })
    if (gone.length === 0) throw notFound('会话')
    await appendAudit(trx, deps.keys, {
      ...auditBase(ctx, admin, now),
      action: 'session.forceLogout',
      subjectType: 'session',
      subjectId: id,
      after: { userId: row.user_id, username: row.username },
    })
    await appendLoginLog(
      trx,
      loginEvent(
        ctx,
        'forceLogout',
        { id: row.user_id, username: row.username, displayName: row.display_name },
        'byAdministrator',
        { id: admin.id, name: admin.displayName },
      ),
    )
  })
  return { ok: true }
}
