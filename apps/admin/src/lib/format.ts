import dayjs from 'dayjs'
import type { DeviceItem, IntakeItem, TaskStatus } from './trpc.ts'

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = dayjs(iso)
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : '—'
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = dayjs(iso)
  return d.isValid() ? d.format('YYYY-MM-DD') : '—'
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'

/** The policy numbers its duty items ①②③…; fall back to (n) past twenty. */
export function circled(n: number): string {
  return n >= 1 && n <= CIRCLED.length ? (CIRCLED[n - 1] ?? `(${n})`) : `(${n})`
}

type StatusView = { label: string; color: string }

export const INTAKE_STATUS: Record<IntakeItem['status'], StatusView> = {
  new: { label: '待受理', color: 'gold' },
  accepted: { label: '已受理', color: 'green' },
  rejected: { label: '已退回', color: 'default' },
}

export const TASK_STATUS: Record<TaskStatus, StatusView> = {
  open: { label: '待办', color: 'blue' },
  in_progress: { label: '办理中', color: 'processing' },
  done: { label: '已完成', color: 'success' },
  cancelled: { label: '已取消', color: 'default' },
}

export const DEVICE_STATUS: Record<DeviceItem['status'], StatusView> = {
  pending: { label: '待激活', color: 'gold' },
  active: { label: '已启用', color: 'green' },
  revoked: { label: '已停用', color: 'default' },
}

const HISTORY_KIND: Record<string, string> = {
  created: '创建任务',
  create: '创建任务',
  assigned: '指派承办人',
  assign: '指派承办人',
  started: '开始办理',
  start: '开始办理',
  completed: '办结',
  complete: '办结',
  cancelled: '取消任务',
  cancel: '取消任务',
  reopened: '重新打开',
  commented: '备注',
  comment: '备注',
  reassigned: '改派',
  checked_in: '现场签到',
  noted: '添加备注',
  photo_added: '上传照片',
  due_changed: '办理期限变更',
}

export function historyKindLabel(kind: string): string {
  return HISTORY_KIND[kind] ?? kind
}

const AUDIT_ACTION: Record<string, string> = {
  'auth.login': '登录',
  'auth.loginFailed': '登录失败',
  'auth.loginRefused': '拒绝登录',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'device.register': '登记终端',
  'device.activate': '终端激活',
  'device.revoke': '停用终端',
  'intake.submit': '提交调解申请',
  'intake.accept': '受理为任务',
  'intake.reject': '退回申请',
  'task.create': '创建任务',
  'task.start': '开始办理',
  'task.complete': '办结任务',
  'seed.demoUsers': '初始化演示账号',
  'auth.totpVerified': '动态口令验证通过',
  'user.create': '新建用户',
  'user.createAdmin': '命令行创建管理员',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.unlock': '解锁账号',
  'user.resetPassword': '重置密码',
  'user.move': '调整岗位',
  'user.changePassword': '修改本人密码',
  'user.totpEnable': '绑定动态口令',
  'user.totpDisable': '解绑动态口令',
  'user.export': '导出用户',
  'session.forceLogout': '强制下线',
  'setting.update': '修改参数',
  'loginLog.export': '导出登录日志',
}

export function auditActionLabel(action: string): string {
  const label = AUDIT_ACTION[action]
  return label ? `${label}（${action}）` : action
}

export const AUDIT_ACTION_OPTIONS = Object.entries(AUDIT_ACTION).map(([value, label]) => ({
  value,
  label: `${label}（${value}）`,
}))

const SUBJECT_TYPE: Record<string, string> = {
  user: '用户',
  session: '会话',
  setting: '参数',
  loginLog: '登录日志',
  device: '自助终端',
  intake: '调解申请',
  task: '工作任务',
}

export function subjectTypeLabel(t: string): string {
  const label = SUBJECT_TYPE[t]
  return label ? `${label}（${t}）` : t
}

export const SUBJECT_TYPE_OPTIONS = Object.entries(SUBJECT_TYPE).map(([value, label]) => ({
  value,
  label: `${label}（${value}）`,
}))
