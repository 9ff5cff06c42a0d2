import {
  AccountBookOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CarOutlined,
  DesktopOutlined,
  EyeOutlined,
  FileProtectOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  LoginOutlined,
  LogoutOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  UserSwitchOutlined,
  WifiOutlined,
} from '@ant-design/icons'
import { errorMessage } from '@pingzhan/api/client'
import { useMutation } from '@tanstack/react-query'
import { App, Avatar, Button, Flex, Layout, Menu, type MenuProps, Tag, Typography } from 'antd'
import { type ReactNode, Suspense } from 'react'
import { Link, Outlet, useLocation, useNavigate } from 'react-router'
import { canSee, type Section, unitName, useMe } from '../lib/session.tsx'
import { queryClient, trpc } from '../lib/trpc.ts'
import { Loading } from './loading.tsx'

const { Header, Sider, Content } = Layout

/** Items with a `group` are listed together under that heading (司法所业务: the office registers). */
const SECTION_ITEMS: ReadonlyArray<{
  section: Section
  path: string
  label: string
  icon: ReactNode
  group?: string
}> = [
  { section: 'home', path: '/', label: '工作台', icon: <HomeOutlined /> },
  { section: 'wartime', path: '/wartime', label: '平战态势', icon: <AlertOutlined /> },
  { section: 'intake', path: '/intake', label: '受理队列', icon: <InboxOutlined /> },
  { section: 'tasks', path: '/tasks', label: '任务', icon: <ScheduleOutlined /> },
  {
    section: 'mediation',
    path: '/mediation',
    label: '人民调解',
    icon: <TeamOutlined />,
    group: '司法所业务',
  },
  {
    section: 'legalAid',
    path: '/legal-aid',
    label: '法律援助',
    icon: <SolutionOutlined />,
    group: '司法所业务',
  },
  {
    section: 'legalityReview',
    path: '/legality-review',
    label: '合法性审查',
    icon: <FileProtectOutlined />,
    group: '司法所业务',
  },
  {
    section: 'legalEducation',
    path: '/legal-education',
    label: '普法活动',
    icon: <ReadOutlined />,
    group: '司法所业务',
  },
  {
    section: 'appointments',
    path: '/appointments',
    label: '咨询预约',
    icon: <CalendarOutlined />,
    group: '司法所业务',
  },
  { section: 'corrections', path: '/corrections', label: '社区矫正', icon: <SafetyCertificateOutlined /> },
  { section: 'resettlement', path: '/resettlement', label: '安置帮教', icon: <UserSwitchOutlined /> },
  { section: 'vehicles', path: '/vehicles', label: '车辆', icon: <CarOutlined />, group: '共享保障' },
  { section: 'budget', path: '/budget', label: '经费', icon: <AccountBookOutlined />, group: '共享保障' },
  { section: 'deadlineRules', path: '/deadline-rules', label: '期限规则', icon: <CalendarOutlined /> },
  { section: 'assessment', path: '/assessment', label: '考核排名', icon: <BarChartOutlined /> },
  { section: 'oversight', path: '/oversight', label: '督导提报', icon: <EyeOutlined /> },
  { section: 'users', path: '/users', label: '用户管理', icon: <IdcardOutlined />, group: '系统' },
  { section: 'sessions', path: '/sessions', label: '在线用户', icon: <WifiOutlined />, group: '系统' },
  { section: 'settings', path: '/settings', label: '参数设置', icon: <SettingOutlined />, group: '系统' },
  { section: 'devices', path: '/devices', label: '自助终端', icon: <DesktopOutlined />, group: '系统' },
  { section: 'audit', path: '/audit', label: '审计日志', icon: <AuditOutlined />, group: '系统' },
  { section: 'loginLog', path: '/login-log', label: '登录日志', icon: <LoginOutlined />, group: '系统' },
]

function selectedKey(pathname: string): string {
  const match = SECTION_ITEMS.find((i) => i.path !== '/' && pathname.startsWith(i.path))
  return match?.path ?? '/'
}

export function AppLayout() {
  const me = useMe()
  const location = useLocation()
  const navigate = useNavigate()
  const { message } = App.useApp()

  const logout = useMutation({
    ...trpc.auth.logout.mutationOptions(),
    onSettled: (_data, error) => {
      if (error) void message.warning(errorMessage(error))
      queryClient.clear()
      queryClient.setQueryData(trpc.auth.me.queryKey(), null)
      void navigate('/login', { replace: true })
    },
  })

  const items: NonNullable<MenuProps['items']> = []
  for (const i of SECTION_ITEMS.filter((x) => canSee(me.role, x.section))) {
    const entry = { key: i.path, icon: i.icon, label: <Link to={i.path}>{i.label}</Link> }
    if (!i.group) {
      items.push(entry)
      continue
    }
    const group = items.find((g) => g?.key === `group:${i.group}`)
    if (group && 'children' in group && group.children) group.children.push(entry)
    else items.push({ key: `group:${i.group}`, type: 'group', label: i.group, children: [entry] })
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <Flex
          vertical
          justify="center"
          style={{ height: 64, padding: '0 20px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Typography.Text strong style={{ fontSize: 18, color: '#1f5fbf' }}>
            平战 · 管理后台
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            一定五动 · 平战融合
          </Typography.Text>
        </Flex>
        <nav aria-label="主菜单">
          <Menu
            mode="inline"
            selectedKeys={[selectedKey(location.pathname)]}
            items={items}
            style={{ border: 0 }}
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 24px',
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'flex-end',
            gap: 12,
          }}
        >
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1f5fbf' }} />
          <Typography.Text strong data-testid="me-name">
            {me.displayName}
          </Typography.Text>
          <Typography.Text type="secondary">{me.username}</Typography.Text>
          <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="me-role">
            {me.roleLabel}
          </Tag>
          <Typography.Text type="secondary" data-testid="me-unit">
            {unitName(me)}
          </Typography.Text>
          <Link to="/account">账号安全</Link>
          <Button icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate({})}>
            退出登录
          </Button>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  )
}
