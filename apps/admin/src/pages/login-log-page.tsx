import { DownloadOutlined } from '@ant-design/icons'
import { useInfiniteQuery } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Select,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { KeysetTable } from '../components/keyset-table.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { useXlsxExport } from '../lib/download.ts'
import { formatDateTime } from '../lib/format.ts'
import { type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'

type LoginItem = RouterOutputs['loginLog']['list']['items'][number]
type Filter = Omit<RouterInputs['loginLog']['list'], 'cursor' | 'limit'>
type FilterForm = {
  username?: string
  kind?: LoginItem['kind']
  ip?: string
  range?: [Dayjs | null, Dayjs | null] | null
}

const KINDS: Record<LoginItem['kind'], { label: string; color: string }> = {
  login: { label: '登录成功', color: 'green' },
  failure: { label: '登录失败', color: 'orange' },
  lock: { label: '账号锁定', color: 'red' },
  refused: { label: '拒绝登录', color: 'red' },
  logout: { label: '退出登录', color: 'default' },
  forceLogout: { label: '强制下线', color: 'purple' },
  totpFailure: { label: '动态口令错误', color: 'orange' },
}

const REASONS: Record<string, string> = {
  unknownUser: '用户名不存在',
  badPassword: '密码错误',
  disabled: '账号已停用',
  locked: '账号已锁定',
  oneTimePasswordExpired: '初始密码已过期',
  passwordOkAwaitingTotp: '待输入动态口令',
  byAdministrator: '管理员强制下线',
  accountDisabled: '账号被停用',
  passwordReset: '密码被重置',
  totpReset: '动态口令被重置',
  roleChanged: '岗位调整',
  wrongCode: '动态口令错误',
}

export default function LoginLogPage() {
  const [form] = Form.useForm<FilterForm>()
  const [filter, setFilter] = useState<Filter>({})
  const { message } = App.useApp()
  const list = useInfiniteQuery(
    trpc.loginLog.list.infiniteQueryOptions(
      { ...filter, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  )
  const exportXlsx = useXlsxExport(
    trpc.loginLog.export.mutationOptions(),
    (f) => void message.success(`已导出 ${f.rows} 条登录记录`),
  )
  const columns: TableColumnsType<LoginItem> = [
    { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 120,
      render: (v: LoginItem['kind']) => <Tag color={KINDS[v].color}>{KINDS[v].label}</Tag>,
    },
    {
      title: '用户',
      key: 'user',
      width: 200,
      render: (_: unknown, r) => (
        <Flex vertical>
          <span>{r.displayName ?? '（未知用户）'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.username}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: 'IP 地址', dataIndex: 'ip', width: 130, render: (v: string | null) => v || '—' },
    { title: '浏览器', dataIndex: 'userAgent', ellipsis: true, render: (v: string | null) => v || '—' },
    {
      title: '说明',
      key: 'reason',
      width: 200,
      render: (_: unknown, r) =>
        [r.reason ? (REASONS[r.reason] ?? r.reason) : '', r.byName ? `操作人：${r.byName}` : '']
          .filter(Boolean)
          .join('；') || '—',
    },
  ]
  return (
    <>
      <PageHeader
        title="登录日志"
        subtitle="每一次登录、失败、锁定、退出和强制下线，与操作审计分开保存，只有审计管理员可以查看。"
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exportXlsx.isPending}
            onClick={() => exportXlsx.mutate(filter)}
          >
            导出 Excel
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm>
          form={form}
          name="login-log"
          layout="inline"
          style={{ rowGap: 12 }}
          onFinish={(v) => {
            const [from, to] = v.range ?? [null, null]
            setFilter({
              username: v.username?.trim() || undefined,
              kind: v.kind || undefined,
              ip: v.ip?.trim() || undefined,
              from: from ? from.startOf('day').toISOString() : undefined,
              to: to ? to.endOf('day').toISOString() : undefined,
            })
          }}
        >
          <Form.Item label="用户" name="username">
            <Input style={{ width: 150 }} placeholder="用户名或姓名" allowClear />
          </Form.Item>
          <Form.Item label="类型" name="kind">
            <Select
              style={{ width: 140 }}
              allowClear
              placeholder="全部"
              options={Object.entries(KINDS).map(([value, k]) => ({ value, label: k.label }))}
            />
          </Form.Item>
          <Form.Item label="IP 地址" name="ip">
            <Input style={{ width: 140 }} allowClear />
          </Form.Item>
          <Form.Item label="时间范围" name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields()
                  setFilter({})
                }}
              >
                重置
              </Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>
      <KeysetTable<LoginItem>
        list={list}
        columns={columns}
        testId={(r) => `login-row-${r.id}`}
        empty="没有符合条件的登录记录"
      />
    </>
  )
}
