import { useQuery } from '@tanstack/react-query'
import { Card, Col, Empty, List, Row, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { QueryError } from '../components/query-error.tsx'
import { StatCard } from '../components/stat-card.tsx'
import { auditActionLabel, formatDateTime } from '../lib/format.ts'
import { trpc } from '../lib/trpc.ts'

// The 工作台 of the roles without tasks (issue 17): the 审计管理员 opens on today's audit and sign-ins and
// the state of the audit chain; the 安全管理员 on locked accounts, accounts waiting for their first
// password change, who is online and the security rules in force; a 局科室 user on their vehicle borrowings.

const PAGE = 100

function countText(page: { items: ReadonlyArray<unknown>; nextCursor: string | null } | undefined): string {
  if (!page) return '—'
  return page.nextCursor ? `${page.items.length}+` : String(page.items.length)
}

/** Today's date in China (the server's days are Beijing days). */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
}

export function AuditorHome() {
  const today = chinaToday()
  const audit = useQuery(trpc.audit.list.queryOptions({ from: today, limit: PAGE }))
  const logins = useQuery(trpc.loginLog.list.queryOptions({ from: today, limit: PAGE }))
  const failures = useQuery(trpc.loginLog.list.queryOptions({ from: today, kind: 'failure', limit: PAGE }))
  const verify = useQuery(trpc.audit.verify.queryOptions())
  const failed = [audit, logins, failures, verify].find((q) => q.isError)
  const chain = verify.data
  return (
    <>
      {failed ? <QueryError error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}>
          <StatCard
            title="今日操作审计"
            value={countText(audit.data)}
            loading={audit.isPending}
            link={{ to: '/audit', text: '查看审计日志' }}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <StatCard
            title="今日登录记录"
            value={countText(logins.data)}
            loading={logins.isPending}
            link={{ to: '/login-log', text: '查看登录日志' }}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <StatCard
            title="今日登录失败"
            value={countText(failures.data)}
            loading={failures.isPending}
            styles={{ content: { color: (failures.data?.items.length ?? 0) > 0 ? '#cf1322' : undefined } }}
            note="密码错误或账号不存在"
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <StatCard
            title="审计链校验"
            value={chain ? (chain.ok ? '完整' : `第 ${chain.brokenAt} 条起断裂`) : '—'}
            loading={verify.isPending}
            styles={{ content: { color: chain && !chain.ok ? '#cf1322' : '#389e0d' } }}
            note={chain ? `已校验 ${chain.checked} 条记录的 HMAC 链` : '正在校验…'}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title="今日登录失败" extra={<Link to="/login-log">登录日志</Link>}>
            <List
              loading={failures.isPending}
              dataSource={failures.data?.items.slice(0, 8) ?? []}
              locale={{ emptyText: <Empty description="今日没有登录失败" /> }}
              renderItem={(r) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${r.displayName ?? r.username}（${r.username}）`}
                    description={`${formatDateTime(r.at)} · IP ${r.ip ?? '—'}${r.reason ? ` · ${r.reason}` : ''}`}
                  />
                  <Tag color="red">登录失败</Tag>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="最新操作" extra={<Link to="/audit">审计日志</Link>}>
            <List
              loading={audit.isPending}
              dataSource={audit.data?.items.slice(0, 8) ?? []}
              locale={{ emptyText: <Empty description="今日暂无操作记录" /> }}
              renderItem={(r) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${auditActionLabel(r.action)} · ${r.actorName}`}
                    description={`${formatDateTime(r.at)}${r.unitName ? ` · ${r.unitName}` : ''}`}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  )
}

export function SecurityHome() {
  const locked = useQuery(trpc.user.list.queryOptions({ status: 'locked', limit: PAGE }))
  const waiting = useQuery(trpc.user.list.queryOptions({ status: 'mustChange', limit: PAGE }))
  const sessions = useQuery(trpc.session.list.queryOptions({}))
  const settings = useQuery(trpc.setting.list.queryOptions())
  const failed = [locked, waiting, sessions, settings].find((q) => q.isError)
  const accounts = [...(locked.data?.items ?? []), ...(waiting.data?.items ?? [])]
  const unique = accounts.filter((a, i) => accounts.findIndex((b) => b.id === a.id) === i)
  return (
    <>
      {failed ? <QueryError error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <StatCard
            title="已锁定账号"
            value={countText(locked.data)}
            loading={locked.isPending}
            styles={{ content: { color: (locked.data?.items.length ?? 0) > 0 ? '#cf1322' : undefined } }}
            link={{ to: '/users', text: '查看并解锁' }}
          />
        </Col>
        <Col xs={24} md={8}>
          <StatCard
            title="待首次改密账号"
            value={countText(waiting.data)}
            loading={waiting.isPending}
            link={{ to: '/users', text: '查看账号' }}
          />
        </Col>
        <Col xs={24} md={8}>
          <StatCard
            title="当前在线会话"
            value={sessions.data?.length ?? '—'}
            loading={sessions.isPending}
            link={{ to: '/sessions', text: '管理在线会话' }}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title="需要关注的账号" extra={<Link to="/users">账号管理</Link>}>
            <List
              loading={locked.isPending || waiting.isPending}
              dataSource={unique.slice(0, 8)}
              locale={{ emptyText: <Empty description="没有锁定或待改密的账号" /> }}
              renderItem={(a) => (
                <List.Item>
                  <List.Item.Meta
                    title={`${a.displayName}（${a.username}）`}
                    description={`${a.roleLabel} · ${a.unitName} · 创建于 ${formatDateTime(a.createdAt)}`}
                  />
                  {a.lockedUntil ? (
                    <Tag color="red">锁定至 {formatDateTime(a.lockedUntil)}</Tag>
                  ) : (
                    <Tag color="orange">待首次改密</Tag>
                  )}
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="现行安全规则" extra={<Link to="/settings">系统设置</Link>}>
            <List
              loading={settings.isPending}
              dataSource={(settings.data ?? []).filter((s) => s.editable)}
              locale={{ emptyText: <Empty description="暂无安全设置" /> }}
              renderItem={(s) => (
                <List.Item>
                  <List.Item.Meta title={s.label} description={s.help} />
                  <Typography.Text strong>
                    {typeof s.value === 'boolean' ? (s.value ? '开启' : '关闭') : String(s.value)}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  )
}

export function DepartmentHome() {
  const mine = useQuery(trpc.vehicle.myBookings.queryOptions())
  const vehicles = useQuery(trpc.vehicle.list.queryOptions())
  const failed = [mine, vehicles].find((q) => q.isError)
  const today = chinaToday()
  const isToday = (b: { startsAt: string; endsAt: string }) =>
    chinaDay(b.startsAt) <= today && chinaDay(b.endsAt) >= today
  // what is still ahead, and what was (or is) on the road today
  const live = (mine.data ?? [])
    .filter(
      (b) => ['pending', 'approved', 'out'].includes(b.status) || (b.status === 'returned' && isToday(b)),
    )
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  const todays = live.filter(isToday)
  return (
    <>
      {failed ? <QueryError error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <StatCard
            title="今日用车"
            value={mine.data ? todays.length : '—'}
            loading={mine.isPending}
            link={{ to: '/vehicles', text: '查看用车' }}
          />
        </Col>
        <Col xs={24} md={8}>
          <StatCard
            title="待审批的借车"
            value={mine.data ? live.filter((b) => b.status === 'pending').length : '—'}
            loading={mine.isPending}
            note="等待车辆所属中队长审批"
          />
        </Col>
        <Col xs={24} md={8}>
          <StatCard
            title="可借用的执法车辆"
            value={vehicles.data?.length ?? '—'}
            loading={vehicles.isPending}
            link={{ to: '/vehicles', text: '预约用车' }}
          />
        </Col>
      </Row>
      <Card title="我的借车" style={{ marginTop: 16 }} extra={<Link to="/vehicles">执法车辆</Link>}>
        <List
          loading={mine.isPending}
          dataSource={live.slice(0, 8)}
          locale={{ emptyText: <Empty description="暂无进行中的借车" /> }}
          renderItem={(b) => (
            <List.Item>
              <List.Item.Meta
                title={`${b.plate}（${b.squadName}） · ${b.purposeNote}`}
                description={`${formatDateTime(b.startsAt)} 至 ${formatDateTime(b.endsAt)} · 驾驶人：${b.driver}`}
              />
              <Tag color={b.status === 'pending' ? 'orange' : b.status === 'out' ? 'blue' : 'green'}>
                {b.statusLabel}
              </Tag>
            </List.Item>
          )}
        />
      </Card>
    </>
  )
}

function chinaDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso))
}
