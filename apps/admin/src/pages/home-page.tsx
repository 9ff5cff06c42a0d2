import { useQuery } from '@tanstack/react-query'
import { Card, Col, Empty, List, Row, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { StatCard } from '../components/stat-card.tsx'
import { formatDateTime, TASK_STATUS } from '../lib/format.ts'
import { canSee, unitName, useMe } from '../lib/session.tsx'
import { trpc } from '../lib/trpc.ts'
import { AuditorHome, DepartmentHome, SecurityHome } from './home-other-roles.tsx'
import { LiaisonDashboard } from './liaison-dashboard.tsx'
import { MyEscalations } from './my-escalations.tsx'

// The list procedures have no total: count one page and say "100+" past it.
const PAGE = 100

function countText(page: { items: ReadonlyArray<unknown>; nextCursor: string | null } | undefined): string {
  if (!page) return '—'
  return page.nextCursor ? `${page.items.length}+` : String(page.items.length)
}

function greeting(hour: number): string {
  if (hour < 11) return '上午好'
  if (hour < 13) return '中午好'
  if (hour < 18) return '下午好'
  return '晚上好'
}

export default function HomePage() {
  const me = useMe()
  const showIntake = canSee(me.role, 'intake')
  const showTasks = canSee(me.role, 'tasks')

  const intake = useQuery({
    ...trpc.intake.list.queryOptions({ status: 'new', limit: PAGE }),
    enabled: showIntake,
  })
  const open = useQuery({
    ...trpc.task.list.queryOptions({ status: 'open', limit: PAGE }),
    enabled: showTasks,
  })
  const inProgress = useQuery({
    ...trpc.task.list.queryOptions({ status: 'in_progress', limit: PAGE }),
    enabled: showTasks,
  })

  const pending = [...(open.data?.items ?? []), ...(inProgress.data?.items ?? [])].sort((a, b) =>
    a.dueAt.localeCompare(b.dueAt),
  )
  const overdue = pending.filter((t) => t.overdue).length
  const failed = [intake, open, inProgress].find((q) => q.isError)

  return (
    <>
      <PageHeader
        title="工作台"
        subtitle={`${greeting(new Date().getHours())}，${me.displayName}（${unitName(me)} · ${me.roleLabel}）`}
      />
      {failed ? <QueryError error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      {me.role === 'bureauLeader' ? <LiaisonDashboard /> : null}
      <Row gutter={[16, 16]}>
        {showIntake ? (
          <Col xs={24} md={12} xl={6}>
            <StatCard
              title="待受理的调解申请"
              value={countText(intake.data)}
              loading={intake.isPending}
              link={{ to: '/intake', text: '进入受理队列' }}
            />
          </Col>
        ) : null}
        {showTasks ? (
          <>
            <Col xs={24} md={12} xl={6}>
              <StatCard
                title="待办任务"
                value={countText(open.data)}
                loading={open.isPending}
                link={{ to: '/tasks?status=open', text: '查看待办' }}
              />
            </Col>
            <Col xs={24} md={12} xl={6}>
              <StatCard
                title="办理中任务"
                value={countText(inProgress.data)}
                loading={inProgress.isPending}
                link={{ to: '/tasks?status=in_progress', text: '查看办理中' }}
              />
            </Col>
            <Col xs={24} md={12} xl={6}>
              <StatCard
                title="已逾期未办结"
                value={overdue}
                loading={open.isPending || inProgress.isPending}
                styles={{ content: { color: overdue > 0 ? '#cf1322' : undefined } }}
                note="截止时间已过仍未办结的任务"
              />
            </Col>
          </>
        ) : null}
      </Row>
      {showTasks ? (
        <Card title="临近截止的任务" style={{ marginTop: 16 }} extra={<Link to="/tasks">全部任务</Link>}>
          <List
            loading={open.isPending || inProgress.isPending}
            dataSource={pending.slice(0, 8)}
            locale={{ emptyText: <Empty description="暂无未办结的任务" /> }}
            renderItem={(t) => (
              <List.Item
                actions={[
                  <Link key="open" to={`/tasks?task=${encodeURIComponent(t.id)}`}>
                    查看
                  </Link>,
                ]}
              >
                <List.Item.Meta
                  title={t.title}
                  description={`${t.dutyTitle} · ${t.unitName} · 承办人：${t.assignees.map((a) => a.displayName).join('、') || '未指派'}`}
                />
                <Tag color={TASK_STATUS[t.status].color}>{TASK_STATUS[t.status].label}</Tag>
                {t.overdue ? <Tag color="red">已逾期</Tag> : null}
                <Typography.Text type={t.overdue ? 'danger' : 'secondary'}>
                  截止 {formatDateTime(t.dueAt)}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {['brigadeLeader', 'squadLeader', 'officeDirector', 'bureauLeader'].includes(me.role) ? (
        <MyEscalations />
      ) : null}
      {me.role === 'auditAdmin' ? <AuditorHome /> : null}
      {me.role === 'securityAdmin' ? <SecurityHome /> : null}
      {me.role === 'departmentStaff' ? <DepartmentHome /> : null}
      {!showIntake && !showTasks && !['auditAdmin', 'securityAdmin', 'departmentStaff'].includes(me.role) ? (
        <Card style={{ marginTop: 16 }}>
          <Empty description="您的角色在管理后台暂无可处理的事项。中队工作人员请使用移动端（/field/）办理任务。" />
        </Card>
      ) : null}
    </>
  )
}
