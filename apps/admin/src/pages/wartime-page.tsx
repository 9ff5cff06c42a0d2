import { useQuery } from '@tanstack/react-query'
import { App, Button, Card, Col, Empty, Flex, List, Row, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { useMe } from '../lib/session.tsx'
import { trpc } from '../lib/trpc.ts'
import { type AreaOverview, formatDuration, STAGE_COLORS, useNow, useWartimeEvents } from '../lib/wartime.ts'
import { StartWartimeModal } from './start-wartime-modal.tsx'
import { StandInDialog } from './wartime-dialogs.tsx'

const STARTERS = new Set(['officeDirector', 'squadLeader', 'brigadeLeader', 'bureauLeader'])

function AreaCard({
  area,
  now,
  onStandIn,
}: {
  area: AreaOverview
  now: number
  onStandIn: (() => void) | null
}) {
  const wartime = area.mode === 'wartime'
  return (
    <Card
      data-testid={`area-${area.area}`}
      title={area.areaName}
      extra={
        <Space>
          {onStandIn ? (
            <Button size="small" onClick={onStandIn}>
              指定代理指挥
            </Button>
          ) : null}
          <Tag color={wartime ? 'red' : 'green'} style={{ fontSize: 14, padding: '2px 10px' }}>
            {area.modeLabel}
          </Tag>
        </Space>
      }
      style={{ height: '100%', borderColor: wartime ? '#ff7875' : undefined }}
    >
      {area.activations.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="平时状态：司法所与中队各自开展工作" />
      ) : (
        <List
          dataSource={area.activations}
          renderItem={(a) => (
            <List.Item key={a.id} data-testid={`activation-${a.id}`}>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={STAGE_COLORS[a.stage]}>{a.stageLabel}</Tag>
                  <Link to={`/wartime/${a.id}`}>{a.dutyLabel}</Link>
                </Space>
                <Typography.Text type="secondary">
                  {a.reason} · {a.place} · 指挥：{a.commanderName}
                </Typography.Text>
                <Space wrap size={16}>
                  <span>启动 {formatDateTime(a.startedAt)}</span>
                  {a.stage === 'mobilising' || a.stage === 'active' ? (
                    <span>
                      已用时 <b>{formatDuration(now - Date.parse(a.startedAt))}</b>
                    </span>
                  ) : null}
                  <span>
                    响应 <b>{a.acknowledged}</b>/{a.rosterSize}
                  </span>
                  <span>首人响应 {formatDuration(a.firstAcknowledgementMs)}</span>
                  <span>全员到位 {formatDuration(a.fullAcknowledgementMs)}</span>
                </Space>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  )
}

/** 平战态势: the county's areas at a glance, live. */
export default function WartimePage() {
  const me = useMe()
  const { notification } = App.useApp()
  const now = useNow()
  const [params, setParams] = useSearchParams()
  const intakeId = params.get('intake')
  const [starting, setStarting] = useState(false)
  const [standIn, setStandIn] = useState<AreaOverview | null>(null)
  const pending = useQuery({
    ...trpc.activation.pendingDecisions.queryOptions(),
    enabled: me.role === 'bureauLeader',
  })
  const overview = useQuery(trpc.activation.overview.queryOptions())
  const intake = useQuery({
    ...trpc.intake.get.queryOptions({ id: intakeId ?? '' }),
    enabled: intakeId !== null && me.role === 'officeDirector',
  })
  useWartimeEvents((s) => {
    if (s.kind === 'ActivationStarted') void notification.warning({ title: '进入战时', description: s.text })
  })
  const showStart = starting || (intakeId !== null && intake.data !== undefined)

  return (
    <>
      <PageHeader
        title="平战态势"
        subtitle="各中队辖区的平时/战时状态、进行中的战时行动及响应用时，实时更新。"
        extra={
          <>
            <Link to="/wartime/history">历史战时行动</Link>
            {me.role === 'brigadeLeader' || me.role === 'squadLeader' || me.role === 'bureauLeader' ? (
              <Link to="/wartime/leave">请假外出登记</Link>
            ) : null}
            {STARTERS.has(me.role) ? (
              <Button type="primary" danger onClick={() => setStarting(true)}>
                启动战时
              </Button>
            ) : null}
          </>
        }
      />
      {(pending.data ?? []).length > 0 ? (
        <Card title="待决策的提报" size="small" style={{ marginBottom: 16 }} data-testid="pending-decisions">
          <List
            dataSource={pending.data ?? []}
            renderItem={(p) => (
              <List.Item key={p.escalationId}>
                <Space wrap>
                  <Tag color={Date.parse(p.deadline) < now ? 'red' : 'gold'}>{p.toLabel}</Tag>
                  <Link to={`/wartime/${p.activationId}`}>{p.question}</Link>
                  <Typography.Text type="secondary">
                    {p.areaName} · {p.byName}提报 · {formatDateTime(p.deadline)} 前决策
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {overview.isError ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : null}
      <Row gutter={[16, 16]}>
        {(overview.data ?? []).map((area) => (
          <Col key={area.area} xs={24} lg={8}>
            <AreaCard
              area={area}
              now={now}
              onStandIn={me.role === 'brigadeLeader' ? () => setStandIn(area) : null}
            />
          </Col>
        ))}
      </Row>
      {standIn ? (
        <StandInDialog area={standIn.area} areaName={standIn.areaName} onClose={() => setStandIn(null)} />
      ) : null}
      {showStart ? (
        <StartWartimeModal
          intake={intake.data && intakeId ? intake.data : undefined}
          onClose={() => {
            setStarting(false)
            if (intakeId) setParams({}, { replace: true })
          }}
        />
      ) : null}
    </>
  )
}
