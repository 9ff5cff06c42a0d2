import { useQuery } from '@tanstack/react-query'
import { Badge, Calendar, Empty, Table, type TableColumnsType, Tag } from 'antd'
import type { Dayjs } from 'dayjs'
import dayjs from 'dayjs'
import { useState } from 'react'
import { QueryError } from '../components/query-error.tsx'
import { TASK_STATUS } from '../lib/format.ts'
import { type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Filter = Omit<RouterInputs['task']['list'], 'cursor' | 'limit'>
type RollupRow = RouterOutputs['task']['rollup'][number]

/** Month calendar of due tasks under the board's filters (one page of 100 per month). */
export function TaskCalendar({ filter, onOpen }: { filter: Filter; onOpen: (id: string) => void }) {
  const [month, setMonth] = useState<Dayjs>(dayjs())
  const list = useQuery(
    trpc.task.list.queryOptions({
      ...filter,
      dueFrom: month.startOf('month').format('YYYY-MM-DD'),
      dueTo: month.endOf('month').format('YYYY-MM-DD'),
      limit: 100,
    }),
  )
  const byDay = new Map<string, NonNullable<typeof list.data>['items'][number][]>()
  for (const t of list.data?.items ?? []) {
    const day = dayjs(t.dueAt).format('YYYY-MM-DD')
    byDay.set(day, [...(byDay.get(day) ?? []), t])
  }
  return (
    <>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.nextCursor ? (
        <Tag color="orange">本月任务超过 100 项，日历只显示前 100 项，请加筛选条件</Tag>
      ) : null}
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d) => setMonth(d)}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode
          const items = byDay.get(d.format('YYYY-MM-DD')) ?? []
          return (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((t) => (
                <li key={t.id}>
                  <button
                    type="button"
                    onClick={() => onOpen(t.id)}
                    style={{
                      border: 0,
                      background: 'none',
                      padding: 0,
                      cursor: 'pointer',
                      textAlign: 'left',
                    }}
                  >
                    <Badge color={t.overdue ? 'red' : TASK_STATUS[t.status].color} text={t.title} />
                  </button>
                </li>
              ))}
            </ul>
          )
        }}
      />
    </>
  )
}

/** Counts by unit and duty (the brigade's and bureau's roll-up). */
export function TaskRollup() {
  const rollup = useQuery(trpc.task.rollup.queryOptions())
  const columns: TableColumnsType<RollupRow> = [
    { title: '辖区', dataIndex: 'area', width: 110 },
    { title: '单位', dataIndex: 'unitName', width: 130 },
    { title: '职责事项', dataIndex: 'dutyTitle' },
    { title: '待办', dataIndex: 'open', width: 80 },
    { title: '办理中', dataIndex: 'inProgress', width: 80 },
    { title: '已完成', dataIndex: 'done', width: 80 },
    { title: '已撤销', dataIndex: 'cancelled', width: 80 },
    {
      title: '逾期',
      dataIndex: 'overdue',
      width: 80,
      render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
    },
  ]
  return (
    <>
      {rollup.isError ? <QueryError error={rollup.error} onRetry={() => void rollup.refetch()} /> : null}
      <Table<RollupRow>
        rowKey={(r) => `${r.unitKind}:${r.unitCode}:${r.dutyCode}`}
        size="small"
        columns={columns}
        dataSource={rollup.data ?? []}
        loading={rollup.isPending}
        pagination={false}
        locale={{ emptyText: <Empty description="暂无任务" /> }}
      />
    </>
  )
}
