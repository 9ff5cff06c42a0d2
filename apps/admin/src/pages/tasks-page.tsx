import { useInfiniteQuery } from '@tanstack/react-query'
import {
  Button,
  Empty,
  Flex,
  Segmented,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import { useSearchParams } from 'react-router'
import { DueCell } from '../components/due-cell.tsx'
import { LoadMore } from '../components/load-more.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime, TASK_STATUS } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { type TaskItem, type TaskStatus, trpc } from '../lib/trpc.ts'
import { TaskDrawer } from './task-drawer.tsx'

const STATUSES: ReadonlyArray<TaskStatus> = ['open', 'in_progress', 'done', 'cancelled']
const PAGE = 20

function parseStatus(s: string | null): TaskStatus | undefined {
  return STATUSES.find((x) => x === s)
}

export default function TasksPage() {
  const [params, setParams] = useSearchParams()
  const status = parseStatus(params.get('status'))
  const mine = params.get('mine') === '1'
  const openTaskId = params.get('task')

  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k)
      else next.set(k, v)
    }
    setParams(next, { replace: true })
  }

  const list = useInfiniteQuery(
    trpc.task.list.infiniteQueryOptions(
      { status, mine: mine || undefined, limit: PAGE },
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
          <Button onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage}>
            刷新
          </Button>
        }
      />
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={12}>
        <Segmented<string>
          aria-label="任务状态"
          value={status ?? 'all'}
          onChange={(v) => update({ status: v === 'all' ? null : v })}
          options={[
            { value: 'all', label: '全部' },
            ...STATUSES.map((s) => ({ value: s, label: TASK_STATUS[s].label })),
          ]}
        />
        <Flex align="center" gap={8}>
          <Switch id="tasks-mine" checked={mine} onChange={(v) => update({ mine: v ? '1' : null })} />
          <label htmlFor="tasks-mine">只看我承办的</label>
        </Flex>
      </Flex>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<TaskItem>
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
    </>
  )
}
