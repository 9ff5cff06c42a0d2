import { useQuery } from '@tanstack/react-query'
import { Card, Col, Empty, List, Row, Statistic, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { trpc } from '../lib/trpc.ts'

/**
 * 联系辖区看板 of a bureau leader (policy 四.1: 及时调度掌握执法中队和司法所工作进展和融合联动情况): the area's
 * peacetime/wartime state, overdue work, open escalations, cooperation facts and the latest inspection.
 */
export function LiaisonDashboard() {
  const d = useQuery(trpc.oversight.dashboard.queryOptions())
  if (d.isError) return <QueryError error={d.error} onRetry={() => void d.refetch()} />
  const data = d.data
  return (
    <Card
      title={data ? `联系辖区：${data.areaName}` : '联系辖区'}
      loading={d.isPending}
      style={{ marginBottom: 16 }}
    >
      {data ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={6}>
            <Statistic
              title="辖区状态"
              value={data.modeLabel}
              styles={{ content: { color: data.mode === 'wartime' ? '#cf1322' : '#389e0d' } }}
            />
            {data.activations.map((a) => (
              <div key={a.id}>
                <Link to={`/wartime/${a.id}`}>{a.dutyLabel}</Link> <Tag>{a.stageLabel}</Tag>
              </div>
            ))}
          </Col>
          <Col xs={24} md={6}>
            <Statistic
              title="逾期未办结任务"
              value={data.overdue.count}
              styles={{ content: { color: data.overdue.count > 0 ? '#cf1322' : undefined } }}
            />
            {data.overdue.items.slice(0, 3).map((t) => (
              <div key={t.id}>
                <Link to={`/tasks?task=${t.id}`}>{t.title}</Link>
                <Typography.Text type="secondary"> · {t.unitName}</Typography.Text>
              </div>
            ))}
          </Col>
          <Col xs={24} md={6}>
            <Statistic title="待决策提报事项" value={data.escalations.length} />
            {data.escalations.slice(0, 3).map((e) => (
              <div key={e.id}>
                <Link to="/oversight?tab=escalations">{e.question.slice(0, 20)}</Link>
                {e.overdue ? <Tag color="red">已超时</Tag> : null}
              </div>
            ))}
          </Col>
          <Col xs={24} md={6}>
            <Typography.Text type="secondary">最近一次督导检查</Typography.Text>
            {data.latestInspection ? (
              <div>
                <Link to={`/oversight?tab=inspections&inspection=${data.latestInspection.id}`}>
                  {data.latestInspection.unitName}
                </Link>
                <div>{formatDateTime(data.latestInspection.visitedAt)}</div>
                <Typography.Text type="secondary">
                  发现问题 {data.latestInspection.findings.length} 条，已整改通过{' '}
                  {data.latestInspection.findings.filter((f) => f.status === 'accepted').length} 条
                </Typography.Text>
              </div>
            ) : (
              <div>尚未开展督导检查</div>
            )}
          </Col>
          <Col span={24}>
            <Typography.Text strong>融合联动情况（最近的战时行动）</Typography.Text>
            <List
              size="small"
              dataSource={[...data.cooperation]}
              locale={{ emptyText: <Empty description="暂无已结束的战时行动" /> }}
              renderItem={(a) => (
                <List.Item>
                  <Link to={`/wartime/${a.id}`}>{a.dutyLabel}</Link>
                  <span>
                    {formatDateTime(a.startedAt)} · 及时响应 {a.acknowledgedWithinWindow}/{a.rosterSize} ·
                    跨线任务 {a.crossTasks} · 推诿 {a.refusals > 0 ? <Tag color="red">{a.refusals}</Tag> : 0}
                  </span>
                </List.Item>
              )}
            />
          </Col>
        </Row>
      ) : null}
    </Card>
  )
}
