import { useInfiniteQuery } from '@tanstack/react-query'
import { Button, Card, Table, type TableColumnsType, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { type RouterOutputs, trpcClient } from '../lib/trpc.ts'
import { formatDuration, STAGE_COLORS } from '../lib/wartime.ts'

type HistoryItem = RouterOutputs['activation']['history']['items'][number]

const percent = (x: number) => `${Math.round(x * 100)}%`

/** 历史战时行动: ended activations with their cooperation facts (四.3 融合联动 assessment reads them). */
export default function WartimeHistoryPage() {
  const pages = useInfiniteQuery({
    queryKey: ['activation', 'history'],
    queryFn: ({ pageParam }) => trpcClient.activation.history.query(pageParam ? { cursor: pageParam } : {}),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
  const items = pages.data?.pages.flatMap((p) => p.items) ?? []

  const columns: TableColumnsType<HistoryItem> = [
    {
      title: '战时行动',
      key: 'duty',
      render: (_: unknown, a) => (
        <>
          <Link to={`/wartime/${a.id}`}>{a.dutyLabel}</Link>
          <br />
          <Typography.Text type="secondary">
            {a.reason} · {a.place}
          </Typography.Text>
        </>
      ),
    },
    { title: '辖区', dataIndex: 'areaName', width: 100 },
    { title: '指挥', dataIndex: 'commanderName', width: 150 },
    { title: '启动', dataIndex: 'startedAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      dataIndex: 'stageLabel',
      width: 90,
      render: (v: string, a) => <Tag color={STAGE_COLORS[a.stage]}>{v}</Tag>,
    },
    {
      title: '首人/全员响应',
      key: 'ack',
      width: 150,
      render: (_: unknown, a) =>
        `${formatDuration(a.facts.firstAcknowledgementMs)} / ${formatDuration(a.facts.fullAcknowledgementMs)}`,
    },
    {
      title: '15分钟内响应',
      key: 'window',
      width: 110,
      render: (_: unknown, a) =>
        `${a.facts.acknowledgedWithinWindow}/${a.facts.rosterSize}（${percent(a.facts.shareAcknowledgedWithinWindow)}）`,
    },
    {
      title: '出力（中队/司法所/抽调）',
      key: 'sides',
      width: 150,
      render: (_: unknown, a) =>
        `${a.facts.contributed.squad}/${a.facts.contributed.office}/${a.facts.contributed.other}`,
    },
    {
      title: '推诿',
      key: 'refusals',
      width: 70,
      render: (_: unknown, a) =>
        a.facts.refusals > 0 ? <Tag color="red">{a.facts.refusals}</Tag> : a.facts.refusals,
    },
    {
      title: '任务完成',
      key: 'tasks',
      width: 90,
      render: (_: unknown, a) => `${a.facts.tasksDone}/${a.facts.tasksAssigned}`,
    },
    {
      title: '收队总结',
      key: 'summary',
      width: 100,
      render: (_: unknown, a) =>
        a.facts.summary === null ? (
          '—'
        ) : a.facts.summary.onTime === true ? (
          '按时提交'
        ) : a.facts.summary.onTime === false ? (
          <Tag color="red">逾期</Tag>
        ) : (
          '待提交'
        ),
    },
  ]

  return (
    <>
      <PageHeader title="历史战时行动" subtitle={<Link to="/wartime">返回平战态势</Link>} />
      {pages.isError ? <QueryError error={pages.error} onRetry={() => void pages.refetch()} /> : null}
      <Card size="small">
        <Table<HistoryItem>
          rowKey="id"
          size="small"
          loading={pages.isLoading}
          pagination={false}
          columns={columns}
          dataSource={items}
          onRow={(a) => rowTestId(`history-row-${a.reason}`)}
          expandable={{
            expandedRowRender: (a) => (
              <>
                <p>
                  <b>收队总结：</b>
                  {a.summary ?? '—'}
                </p>
                <p>
                  <b>复盘意见：</b>
                  {a.findings ?? '尚未复盘'}
                </p>
              </>
            ),
          }}
          locale={{ emptyText: '暂无已结束的战时行动' }}
        />
        {pages.hasNextPage ? (
          <Button
            block
            style={{ marginTop: 12 }}
            loading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            加载更多
          </Button>
        ) : null}
      </Card>
    </>
  )
}
