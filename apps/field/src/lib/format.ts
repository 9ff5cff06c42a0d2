const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

/** '2026-11-26 09:30' in Beijing time, whatever the phone's own zone. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const parts = Object.fromEntries(dateTime.formatToParts(d).map((p) => [p.type, p.value]))
  const hour = parts.hour === '24' ? '00' : parts.hour
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}`
}

export const STATUS_LABELS: Record<string, string> = {
  open: '待办',
  in_progress: '办理中',
  done: '已完成',
  cancelled: '已撤销',
}

export const HISTORY_LABELS: Record<string, string> = {
  created: '创建任务',
  assigned: '分派',
  reassigned: '改派',
  started: '开始办理',
  completed: '标记完成',
  cancelled: '撤销任务',
  commented: '备注',
  checked_in: '现场签到',
  noted: '添加备注',
  photo_added: '上传照片',
}

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status
}
