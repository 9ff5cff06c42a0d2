import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import {
  App,
  Button,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { queryClient, type RouterOutputs, trpc } from '../lib/trpc.ts'

type OnlineSession = RouterOutputs['session']['list'][number]

export default function SessionsPage() {
  const [q, setQ] = useState<string | undefined>(undefined)
  const sessions = useQuery({ ...trpc.session.list.queryOptions(q ? { q } : {}), refetchInterval: 30_000 })
  const { message } = App.useApp()
  const end = useMutation({
    ...trpc.session.end.mutationOptions(),
    onSuccess: () => {
      void message.success('已强制下线')
      void queryClient.invalidateQueries({ queryKey: trpc.session.list.pathKey() })
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  const columns: TableColumnsType<OnlineSession> = [
    {
      title: '用户',
      key: 'user',
      render: (_: unknown, s) => (
        <Flex vertical>
          <span>
            {s.displayName} {s.current ? <Tag color="blue">本次登录</Tag> : null}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.username} · {s.roleLabel}
            {s.unitName ? ` · ${s.unitName}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '登录时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: '最近活动', dataIndex: 'lastSeenAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: 'IP 地址', dataIndex: 'ip', width: 130, render: (v: string | null) => v || '—' },
    {
      title: '浏览器',
      dataIndex: 'userAgent',
      ellipsis: true,
      render: (v: string | null) => v || '—',
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_: unknown, s) =>
        s.current ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Popconfirm
            title={`让 ${s.displayName} 强制下线？`}
            description="其本次登录立即结束（包括实时推送），需要重新登录。"
            okText="强制下线"
            cancelText="取消"
            okButtonProps={{ danger: true }}
            onConfirm={() => end.mutateAsync({ id: s.id }).catch(() => undefined)}
          >
            <Button size="small" danger>
              强制下线
            </Button>
          </Popconfirm>
        ),
    },
  ]
  return (
    <>
      <PageHeader
        title="在线用户"
        subtitle="当前有效的登录会话（空闲超时或超过最长时限的不显示），最近活动时间约每分钟更新。"
        extra={
          <Input.Search
            aria-label="搜索在线用户"
            placeholder="用户名或姓名"
            allowClear
            style={{ width: 220 }}
            onSearch={(v) => setQ(v.trim() || undefined)}
          />
        }
      />
      {sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : null}
      <Table<OnlineSession>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={sessions.data ?? []}
        loading={sessions.isPending ? { description: '正在加载…' } : false}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(s) => rowTestId(`session-row-${s.username}`)}
        locale={{ emptyText: sessions.isPending ? ' ' : <Empty description="没有在线用户" /> }}
      />
    </>
  )
}
