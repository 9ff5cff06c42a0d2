import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import {
  App,
  Button,
  DatePicker,
  Empty,
  Flex,
  Segmented,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { DueCell } from '../components/due-cell.tsx'
import { dutyOptions } from '../components/duty-select.tsx'
import { LoadMore } from '../components/load-more.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { useXlsxExport } from '../lib/download.ts'
import { formatDateTime, TASK_STATUS } from '../lib/format.ts'
import { useOffices } from '../lib/offices.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { type TaskItem, type TaskStatus, trpc } from '../lib/trpc.ts'
import { useUrlParams } from '../lib/url-params.ts'
import { TaskAssignModal } from './task-assign-modal.tsx'
import { TaskCreateModal } from './task-create-modal.tsx'
import { TaskDrawer } from './task-drawer.tsx'
import { TaskCalendar, TaskRollup } from './task-views.tsx'

const MANAGERS = new Set(['bureauAdmin', 'officeDirector', 'squadLeader', 'brigadeLeader'])

const STATUSES: ReadonlyArray<TaskStatus> = ['open', 'in_progress', 'done', 'cancelled']
const PAGE = 20

/** The board opens on 未完成 (open and in progress), like the phone: years of finished work come after. */
type BoardStatus = TaskStatus | 'unfinished' | 'all'

function parseStatus(s: string | null): BoardStatus {
  if (s === 'all') return 'all'
  return STATUSES.find((x) => x === s) ?? 'unfinished'
}

export default function TasksPage() {
  const { params, update } = useUrlParams()
  const status = parseStatus(params.get('status'))
  const mine = params.get('mine') === '1'
  const openTaskId = params.get('task')
  const view = params.get('view') ?? 'list'
  const me = useMe()
  const { message } = App.useApp()
  const manager = MANAGERS.has(me.role)
  const [creating, setCreating] = useState(false)
  const [selected, setSelected] = useState<string[]>([])
  const [bulkOpen, setBulkOpen] = useState(false)
  const offices = useOffices(true)
  const catalogs = useQuery({ ...trpc.org.catalogs.queryOptions(), staleTime: Number.POSITIVE_INFINITY })
  const people = useQuery(trpc.org.assignees.queryOptions({}))
  const unitParam = params.get('unit')
  const dueFrom = params.get('from') ?? undefined
  const dueTo = params.get('to') ?? undefined
  const filter = {
    status: status === 'all' ? undefined : status,
    mine: mine || undefined,
    ...(unitParam?.startsWith('office:') ? { officeCode: unitParam.slice(7) } : {}),
    ...(unitParam?.startsWith('area:') ? { areaCode: unitParam.slice(5), squadOnly: true } : {}),
    ...(params.get('duty') ? { dutyCode: params.get('duty') ?? '' } : {}),
    ...(params.get('person') ? { assigneeId: params.get('person') ?? '' } : {}),
    ...(dueFrom ? { dueFrom } : {}),
    ...(dueTo ? { dueTo } : {}),
    ...(params.get('overdue') === '1' ? { overdue: true } : {}),
  }
  const exporter = useXlsxExport(trpc.task.export.mutationOptions(), (f) => {
    void message.success(`已导出 ${f.rows} 项任务${f.truncated ? '（超过上限，仅导出前 5000 项）' : ''}`)
  })
  const units = [
    ...(offices.data ?? []).map((o) => ({ value: `office:${o.code}`, label: o.name })),
    ...[...new Map((offices.data ?? []).map((o) => [o.area, o.areaName]))].map(([code, name]) => ({
      value: `area:${code}`,
      label: `${name}（中队任务）`,
    })),
  ]
  const duties = (catalogs.data ?? []).flatMap((c) =>
    dutyOptions(c).map((d) => ({ value: d.value, label: `${c.title} · ${d.label}` })),
  )

  const list = useInfiniteQuery(
    trpc.task.list.infiniteQueryOptions(
      { ...filter, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  )
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []

  const columns: TableColumnsType<TaskItem> = [
    {
      title: '任务',
      dataIndex: 'title',
      render: (v: string, r) => (
        <Flex vertical gap={2}>
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', textAlign: 'left', whiteSpace: 'normal' }}
            onClick={() => update({ task: r.id })}
          >
            {v}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.unitName}
            {r.source === 'kiosk' ? ' · 来自自助终端' : ''}
            {r.priority === 'high' ? ' · 紧急' : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '职责事项',
      dataIndex: 'dutyTitle',
      width: 200,
      render: (v: string, r) => (
        <Tooltip title={`${r.dutyCode}（${r.dutyVersion}）`}>
          <span>{v}</span>
        </Tooltip>
      ),
    },
    {
      title: '承办人',
      key: 'assignees',
      width: 160,
      render: (_: unknown, r) => r.assignees.map((a) => a.displayName).join('、') || '未指派',
    },
    { title: '截止时间', dataIndex: 'dueAt', width: 150, render: (_: string, r) => <DueCell task={r} /> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: TaskStatus) => <Tag color={TASK_STATUS[v].color}>{TASK_STATUS[v].label}</Tag>,
    },
    {
      title: '完成说明',
      dataIndex: 'completionNote',
      width: 220,
      ellipsis: { showTitle: false },
      render: (v: string | null, r) =>
        v ? (
          <Tooltip
            title={`${v}${r.completedByName ? `（${r.completedByName}，${formatDateTime(r.completedAt)}）` : ''}`}
          >
            <span>{v}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title="任务"
        subtitle="辖区内的工作任务，每项任务对应职责清单中的一项职责事项。"
        extra={
          <Flex gap={8}>
            {manager ? (
              <Button type="primary" onClick={() => setCreating(true)}>
                新建任务
              </Button>
            ) : null}
            <Button loading={exporter.isPending} onClick={() => exporter.mutate(filter)}>
              导出Excel
            </Button>
            <Button
              onClick={() => void list.refetch()}
              loading={list.isRefetching && !list.isFetchingNextPage}
            >
              刷新
            </Button>
          </Flex>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }} role="search" aria-label="任务筛选">
        <Select
          aria-label="承办单位"
          placeholder="承办单位"
          allowClear
          style={{ width: 200 }}
          value={unitParam ?? undefined}
          options={units}
          onChange={(v?: string) => update({ unit: v ?? null })}
        />
        <Select
          aria-label="职责事项"
          placeholder="职责事项"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 300 }}
          value={params.get('duty') ?? undefined}
          options={duties}
          onChange={(v?: string) => update({ duty: v ?? null })}
        />
        <Select
          aria-label="办理人员"
          placeholder="办理人员"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          value={params.get('person') ?? undefined}
          options={(people.data ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
          onChange={(v?: string) => update({ person: v ?? null })}
        />
        <DatePicker.RangePicker
          aria-label="截止日期"
          placeholder={['截止日期起', '截止日期止']}
          value={dueFrom && dueTo ? [dayjs(dueFrom), dayjs(dueTo)] : null}
          onChange={(r) =>
            update({
              from: r?.[0] ? r[0].format('YYYY-MM-DD') : null,
              to: r?.[1] ? r[1].format('YYYY-MM-DD') : null,
            })
          }
        />
        <Flex align="center" gap={6}>
          <Switch
            id="tasks-overdue"
            checked={params.get('overdue') === '1'}
            onChange={(v) => update({ overdue: v ? '1' : null })}
          />
          <label htmlFor="tasks-overdue">只看逾期</label>
        </Flex>
      </Flex>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={12}>
        <Segmented<string>
          aria-label="任务状态"
          value={status}
          onChange={(v) => update({ status: v === 'unfinished' ? null : v })}
          options={[
            { value: 'unfinished', label: '未完成' },
            ...STATUSES.map((s) => ({ value: s, label: TASK_STATUS[s].label })),
            { value: 'all', label: '全部' },
          ]}
        />
        <Flex align="center" gap={8}>
          <Switch id="tasks-mine" checked={mine} onChange={(v) => update({ mine: v ? '1' : null })} />
          <label htmlFor="tasks-mine">只看我承办的</label>
          <Segmented<string>
            aria-label="视图"
            value={view}
            onChange={(v) => update({ view: v === 'list' ? null : v })}
            options={[
              { value: 'list', label: '列表' },
              { value: 'calendar', label: '日历' },
              { value: 'rollup', label: '按单位和职责汇总' },
            ]}
          />
        </Flex>
      </Flex>
      {manager && selected.length > 0 && view === 'list' ? (
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Typography.Text>已选 {selected.length} 项</Typography.Text>
          <Button onClick={() => setBulkOpen(true)}>批量分派</Button>
          <Button type="link" onClick={() => setSelected([])}>
            取消选择
          </Button>
        </Flex>
      ) : null}
      {view === 'calendar' ? <TaskCalendar filter={filter} onOpen={(id) => update({ task: id })} /> : null}
      {view === 'rollup' ? <TaskRollup /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<TaskItem>
        style={view === 'list' ? undefined : { display: 'none' }}
        rowSelection={
          manager
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (r) => ({
                  disabled: r.status === 'done' || r.status === 'cancelled',
                  'aria-label': `选择 ${r.title}`,
                }),
              }
            : undefined
        }
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isPending ? { description: '正在加载…' } : false}
        pagination={false}
        scroll={{ x: 1100 }}
        onRow={(r) => rowTestId(`task-row-${r.id}`)}
        rowClassName={(r) =>
          r.overdue && (r.status === 'open' || r.status === 'in_progress') ? 'row-overdue' : ''
        }
        locale={{ emptyText: list.isPending ? ' ' : <Empty description="暂无任务" /> }}
      />
      <LoadMore
        shown={rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
      <TaskDrawer taskId={openTaskId} onClose={() => update({ task: null })} />
      <TaskCreateModal open={creating} onClose={() => setCreating(false)} />
      <TaskAssignModal
        target={bulkOpen ? { kind: 'many', ids: selected } : null}
        onClose={() => {
          setBulkOpen(false)
          setSelected([])
        }}
      />
    </>
  )
}
