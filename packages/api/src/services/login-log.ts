import { appendAudit } from '../audit/audit.ts'
import type { LoginLogKind } from '../db/accounts-types.ts'
import { type LoginLogFilter, listLoginLog } from '../repos/login-log.ts'
import type { User } from '../repos/users.ts'
import type { Context } from '../trpc/context.ts'
import { escapeCell } from './task-work.ts'
import { auditActor, userUnit } from './units.ts'

export const LOGIN_KIND_TEXT: Readonly<Record<LoginLogKind, string>> = {
  login: '登录成功',
  failure: '登录失败',
  lock: '账号锁定',
  refused: '拒绝登录',
  logout: '退出登录',
  forceLogout: '强制下线',
  totpFailure: '动态口令错误',
}

/** Dates (whole days, China time) or ISO instants, as the audit list takes them. */
const instant = (s: string | undefined, end: boolean): string | undefined =>
  s === undefined
    ? undefined
    : s.length === 10
      ? new Date(`${s}T${end ? '23:59:59.999' : '00:00:00'}+08:00`).toISOString()
      : s

export const listLoginLogFor = (ctx: Context, f: LoginLogFilter) =>
  listLoginLog(ctx.deps.db, { ...f, from: instant(f.from, false), to: instant(f.to, true) })

const LOGIN_LOG_EXPORT_LIMIT = 5000

/** The filtered login log as an Excel workbook; the export is audited. */
export const exportLoginLog = async (
  ctx: Context,
  user: User,
  f: Omit<LoginLogFilter, 'cursor' | 'limit'>,
): Promise<{ filename: string; contentBase64: string; rows: number }> => {
  const { items } = await listLoginLogFor(ctx, { ...f, limit: LOGIN_LOG_EXPORT_LIMIT })
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('登录日志')
  ws.columns = [
    { header: '时间', key: 'at', width: 24 },
    { header: '类型', key: 'kind', width: 12 },
    { header: '用户名', key: 'username', width: 18 },
    { header: '姓名', key: 'displayName', width: 20 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '浏览器', key: 'userAgent', width: 40 },
    { header: '说明', key: 'reason', width: 20 },
    { header: '操作人', key: 'byName', width: 18 },
  ]
  for (const i of items) {
    ws.addRow({
      at: i.at,
      kind: LOGIN_KIND_TEXT[i.kind],
      username: escapeCell(i.username),
      displayName: escapeCell(i.displayName ?? ''),
      ip: escapeCell(i.ip ?? ''),
      userAgent: escapeCell(i.userAgent ?? ''),
      reason: escapeCell(i.reason ?? ''),
      byName: escapeCell(i.byName ?? ''),
    })
  }
  ws.getRow(1).font = { bold: true }
  const now = ctx.deps.clock()
  await ctx.deps.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.deps.keys, {
      correlationId: ctx.req.correlationId,
      ip: ctx.req.ip,
      at: now,
      actor: auditActor(user),
      action: 'loginLog.export',
      unit: userUnit(ctx.deps.org, user),
      subjectType: 'loginLog',
      subjectId: null,
      after: { ...f, rows: items.length },
    }),
  )
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  return {
    filename: `登录日志-${today}.xlsx`,
    contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    rows: items.length,
  }
}
