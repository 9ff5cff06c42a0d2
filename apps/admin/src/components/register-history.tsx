import { Timeline, Typography } from 'antd'
import { formatDateTime } from '../lib/format.ts'

export interface HistoryEntry {
  readonly at: string
  readonly kind: string
  readonly actorName: string
  readonly changes: Record<string, [unknown, unknown]>
}

/** 修改记录 of a register record: who did what, and each field's before → after. */
export function RegisterHistory({
  history,
  actions,
  fields,
  show,
}: {
  history: ReadonlyArray<HistoryEntry>
  actions: Record<string, string>
  fields: Record<string, string>
  show?: (field: string, value: unknown) => string
}) {
  const text = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—'
    if (show) return show(field, v)
    return String(v)
  }
  return (
    <div>
      <Typography.Title level={5}>修改记录</Typography.Title>
      <Timeline
        items={history.map((h, i) => ({
          key: `${h.at}-${i}`,
          title: formatDateTime(h.at),
          content: (
            <>
              <Typography.Text strong>{actions[h.kind] ?? h.kind}</Typography.Text>
              <Typography.Text type="secondary"> · {h.actorName}</Typography.Text>
              {Object.entries(h.changes).map(([k, [before, after]]) => (
                <div key={k}>
                  {fields[k] ?? k}：{text(k, before)} → {text(k, after)}
                </div>
              ))}
            </>
          ),
        }))}
      />
    </div>
  )
}
