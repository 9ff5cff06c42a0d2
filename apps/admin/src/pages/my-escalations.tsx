import { useQuery } from '@tanstack/react-query'
import { Card, List, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { trpc } from '../lib/trpc.ts'

/** 我的提报: what the caller raised to the party group, and the decision sent back (policy 四.1). */
export function MyEscalations() {
  const list = useQuery(trpc.escalation.list.queryOptions({}))
  const mine = (list.data ?? []).filter((e) => e.mine).slice(0, 5)
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />
  if (!list.isPending && mine.length === 0) return null
  return (
    <Card
      title="我的提报"
      style={{ marginTop: 16 }}
      loading={list.isPending}
      extra={<Link to="/oversight?tab=escalations">全部提报事项</Link>}
    >
      <List
        dataSource={mine}
        renderItem={(e) => (
          <List.Item>
            <List.Item.Meta
              title={e.question}
              description={
                e.decision
                  ? `局党组决策：${e.decision}（${e.decidedByName ?? ''}，${formatDateTime(e.decidedAt)}）`
                  : `决策时限 ${formatDateTime(e.decisionDeadline)}`
              }
            />
            {e.decision ? (
              <Tag color="green">已决策</Tag>
            ) : e.overdue ? (
              <Tag color="red">已超时</Tag>
            ) : (
              <Tag color="gold">待决策</Tag>
            )}
            <Typography.Text type="secondary">{e.sourceLabel}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  )
}
