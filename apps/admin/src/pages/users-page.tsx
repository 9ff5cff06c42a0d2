import { DownloadOutlined, PlusOutlined } from '@ant-design/icons'
import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { KeysetTable } from '../components/keyset-table.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { useXlsxExport } from '../lib/download.ts'
import { formatDateTime } from '../lib/format.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Account = RouterOutputs['user']['list']['items'][number]
type Role = Account['role']
type Filter = Omit<RouterInputs['user']['list'], 'cursor' | 'limit'>
type Units = RouterOutputs['user']['units']

/** The roles in the order of the organisation, with the policy's names. */
export const ROLE_OPTIONS: ReadonlyArray<{ value: Role; label: string }> = [
  { value: 'bureauLeader', label: '局领导（班子成员）' },
  { value: 'brigadeLeader', label: '执法大队长' },
  { value: 'squadLeader', label: '中队长' },
  { value: 'squadMember', label: '中队工作人员' },
  { value: 'officeDirector', label: '司法所长' },
  { value: 'departmentStaff', label: '局科室工作人员' },
  { value: 'bureauAdmin', label: '系统管理员' },
  { value: 'securityAdmin', label: '安全管理员' },
  { value: 'auditAdmin', label: '审计管理员' },
]

const STATUS_OPTIONS = [
  { value: 'active', label: '正常' },
  { value: 'disabled', label: '已停用' },
  { value: 'locked', label: '已锁定' },
  { value: 'mustChange', label: '待修改初始密码' },
] as const

/** Which unit a role needs, and the label of its picker (domain positionFrom). */
function unitFor(role: Role | undefined, units: Units | undefined) {
  if (!units || !role) return null
  switch (role) {
    case 'squadLeader':
    case 'squadMember':
      return { label: '所在中队', options: units.squads }
    case 'bureauLeader':
      return { label: '联系的中队', options: units.squads }
    case 'officeDirector':
      return { label: '所在司法所', options: units.offices }
    case 'departmentStaff':
      return { label: '所在科室', options: units.departments }
    default:
      return null
  }
}

function statusTags(a: Account) {
  const tags = []
  if (a.disabled) tags.push(<Tag key="d">已停用</Tag>)
  if (a.lockedUntil)
    tags.push(
      <Tag key="l" color="red">
        已锁定
      </Tag>,
    )
  if (a.mustChangePassword)
    tags.push(
      <Tag key="m" color="orange">
        待改密
      </Tag>,
    )
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color="green">
        正常
      </Tag>,
    )
  if (a.totpEnabled)
    tags.push(
      <Tag key="t" color="blue">
        动态口令
      </Tag>,
    )
  return tags
}

export default function UsersPage() {
  const me = useMe()
  const accounts = me.role === 'bureauAdmin' // 系统管理员: accounts; 安全管理员: roles
  const [form] = Form.useForm<Filter>()
  const [filter, setFilter] = useState<Filter>({})
  const [creating, setCreating] = useState(false)
  const [moving, setMoving] = useState<Account | null>(null)
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null)
  const { message } = App.useApp()
  const units = useQuery({ ...trpc.user.units.queryOptions(), staleTime: Number.POSITIVE_INFINITY })
  const list = useInfiniteQuery(
    trpc.user.list.infiniteQueryOptions(
      { ...filter, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  )
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.user.list.pathKey() })
  const onError = (err: unknown) => void message.error(errorMessage(err))

  const setDisabled = useMutation({
    ...trpc.user.setDisabled.mutationOptions(),
    onSuccess: (_d, v) => {
      void message.success(v.disabled ? '账号已停用，其登录已全部结束' : '账号已启用')
      refresh()
    },
    onError,
  })
  const unlock = useMutation({
    ...trpc.user.unlock.mutationOptions(),
    onSuccess: () => {
      void message.success('账号已解锁')
      refresh()
    },
    onError,
  })
  const reset = useMutation({ ...trpc.user.resetPassword.mutationOptions(), onError })
  const resetTotp = useMutation({
    ...trpc.user.resetTotp.mutationOptions(),
    onSuccess: () => {
      void message.success('动态口令已重置，其登录已全部结束')
      refresh()
    },
    onError,
  })
  const exportXlsx = useXlsxExport(
    trpc.user.export.mutationOptions(),
    (f) => void message.success(`已导出 ${f.rows} 个账号`),
  )

  const columns: TableColumnsType<Account> = [
    { title: '用户名', dataIndex: 'username', width: 150 },
    { title: '姓名', dataIndex: 'displayName', width: 180 },
    { title: '角色', dataIndex: 'roleLabel', width: 150 },
    { title: '单位', dataIndex: 'unitName', width: 140, render: (v: string) => v || '—' },
    {
      title: '状态',
      key: 'status',
      render: (_: unknown, a) => (
        <Flex gap={4} wrap>
          {statusTags(a)}
        </Flex>
      ),
    },
    {
      title: '密码修改时间',
      dataIndex: 'passwordChangedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      width: 300,
      render: (_: unknown, a) =>
        a.id === me.id ? (
          <Typography.Text type="secondary">本人</Typography.Text>
        ) : accounts ? (
          <Flex gap={4} wrap>
            {a.disabled ? (
              <Button size="small" onClick={() => setDisabled.mutate({ id: a.id, disabled: false })}>
                启用
              </Button>
            ) : (
              <Popconfirm
                title={`停用 ${a.displayName}？`}
                description="停用后其所有登录立即结束，不能再登录。"
                okText="停用"
                cancelText="取消"
                okButtonProps={{ danger: true }}
                onConfirm={() => setDisabled.mutateAsync({ id: a.id, disabled: true }).catch(() => undefined)}
              >
                <Button size="small" danger>
                  停用
                </Button>
              </Popconfirm>
            )}
            {a.lockedUntil ? (
              <Button size="small" onClick={() => unlock.mutate({ id: a.id })}>
                解锁
              </Button>
            ) : null}
            <Popconfirm
              title={`重置 ${a.displayName} 的密码？`}
              description="将生成一次性初始密码，其所有登录立即结束，下次登录须先修改密码。"
              okText="重置"
              cancelText="取消"
              onConfirm={() =>
                reset
                  .mutateAsync({ id: a.id })
                  .then((r) => {
                    setIssued({ username: a.username, password: r.oneTimePassword })
                    refresh()
                  })
                  .catch(() => undefined)
              }
            >
              <Button size="small">重置密码</Button>
            </Popconfirm>
            {a.totpEnabled ? (
              <Popconfirm
                title={`重置 ${a.displayName} 的动态口令？`}
                description="用于手机丢失或更换：解除其动态口令绑定，其所有登录立即结束；如安全设置要求，下次登录须重新绑定。"
                okText="重置"
                cancelText="取消"
                onConfirm={() => resetTotp.mutateAsync({ id: a.id }).catch(() => undefined)}
              >
                <Button size="small">重置动态口令</Button>
              </Popconfirm>
            ) : null}
          </Flex>
        ) : (
          <Button size="small" onClick={() => setMoving(a)}>
            调整岗位
          </Button>
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title="用户管理"
        subtitle={
          accounts
            ? '为局机关、执法大队、中队和司法所人员开设账号；角色由岗位决定。停用、重置密码立即结束其登录。'
            : '调整人员的岗位或单位（角色随岗位变化），调整后其登录立即结束，按新权限重新登录。'
        }
        extra={
          accounts ? (
            <Flex gap={8}>
              <Button
                icon={<DownloadOutlined />}
                loading={exportXlsx.isPending}
                onClick={() => exportXlsx.mutate(filter)}
              >
                导出 Excel
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建用户
              </Button>
            </Flex>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filter>
          form={form}
          name="users"
          layout="inline"
          style={{ rowGap: 12 }}
          onFinish={(v) =>
            setFilter({
              q: v.q?.trim() || undefined,
              role: v.role || undefined,
              status: v.status || undefined,
              unit: v.unit || undefined,
            })
          }
        >
          <Form.Item label="用户名或姓名" name="q">
            <Input style={{ width: 160 }} allowClear />
          </Form.Item>
          <Form.Item label="角色" name="role">
            <Select style={{ width: 170 }} allowClear placeholder="全部" options={[...ROLE_OPTIONS]} />
          </Form.Item>
          <Form.Item label="单位" name="unit">
            <Select
              style={{ width: 160 }}
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部"
              options={[
                ...(units.data?.squads ?? []),
                ...(units.data?.offices ?? []),
                ...(units.data?.departments ?? []),
              ].map((u) => ({ value: u.code, label: u.name }))}
            />
          </Form.Item>
          <Form.Item label="状态" name="status">
            <Select style={{ width: 150 }} allowClear placeholder="全部" options={[...STATUS_OPTIONS]} />
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
      <KeysetTable<Account>
        list={list}
        columns={columns}
        testId={(a) => `user-row-${a.username}`}
        empty="没有符合条件的账号"
      />
      {creating ? (
        <CreateModal
          units={units.data}
          onClose={() => setCreating(false)}
          onCreated={(username, password) => {
            setCreating(false)
            setIssued({ username, password })
            refresh()
          }}
        />
      ) : null}
      {moving ? (
        <MoveModal
          account={moving}
          units={units.data}
          onClose={() => setMoving(null)}
          onMoved={() => {
            setMoving(null)
            refresh()
          }}
        />
      ) : null}
      <Modal
        open={issued !== null}
        title="一次性初始密码"
        okText="我已记下"
        cancelButtonProps={{ style: { display: 'none' } }}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
      >
        <Alert
          type="warning"
          showIcon
          title="此密码只显示这一次"
          description="请当面或通过安全渠道交给本人。首次登录后必须立即修改密码，逾期未用将失效。"
          style={{ marginBottom: 16 }}
        />
        <Typography.Paragraph>
          用户名：<Typography.Text strong>{issued?.username}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          初始密码：
          <Typography.Text code copyable data-testid="one-time-password">
            {issued?.password}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </>
  )
}

type PositionForm = { role: Role; unit?: string }

function PositionFields({ units }: { units: Units | undefined }) {
  const role = Form.useWatch<Role | undefined>('role')
  const unit = unitFor(role, units)
  return (
    <>
      <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
        <Select options={[...ROLE_OPTIONS]} placeholder="请选择" />
      </Form.Item>
      {unit ? (
        <Form.Item
          label={unit.label}
          name="unit"
          rules={[{ required: true, message: `请选择${unit.label}` }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            options={unit.options.map((u) => ({ value: u.code, label: u.name }))}
            placeholder="请选择"
          />
        </Form.Item>
      ) : null}
    </>
  )
}

type CreateForm = PositionForm & { username: string; displayName: string }

function CreateModal(props: {
  units: Units | undefined
  onClose: () => void
  onCreated: (username: string, password: string) => void
}) {
  const [form] = Form.useForm<CreateForm>()
  const create = useMutation({
    ...trpc.user.create.mutationOptions(),
    onSuccess: (r) => props.onCreated(r.username, r.oneTimePassword),
    onError: (err) => {
      const f = fieldErrors(err)
      form.setFields(
        (['username', 'displayName', 'role', 'unit'] as const)
          .filter((n) => f[n])
          .map((n) => ({ name: n, errors: [f[n] ?? ''] })),
      )
    },
  })
  return (
    <Modal
      open
      title="新建用户"
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {create.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(create.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<CreateForm>
        form={form}
        name="create-user"
        layout="vertical"
        onFinish={(v) =>
          create.mutate({
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            role: v.role,
            ...(v.unit ? { unit: v.unit } : {}),
          })
        }
        onValuesChange={(changed) => {
          if ('role' in changed) form.setFieldValue('unit', undefined)
        }}
      >
        <Form.Item
          label="用户名"
          name="username"
          extra="3–32 位字母、数字或 ._-，用于登录"
          rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="姓名"
          name="displayName"
          rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <PositionFields units={props.units} />
      </Form>
    </Modal>
  )
}

function MoveModal(props: {
  account: Account
  units: Units | undefined
  onClose: () => void
  onMoved: () => void
}) {
  const [form] = Form.useForm<PositionForm>()
  const { message } = App.useApp()
  const move = useMutation({
    ...trpc.user.move.mutationOptions(),
    onSuccess: () => {
      void message.success('岗位已调整，其登录已结束')
      props.onMoved()
    },
  })
  return (
    <Modal
      open
      title={`调整岗位：${props.account.displayName}`}
      okText="调整"
      cancelText="取消"
      confirmLoading={move.isPending}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {move.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(move.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Typography.Paragraph type="secondary">
        现为{props.account.roleLabel}
        {props.account.unitName ? `（${props.account.unitName}）` : ''}。调整后其所有登录立即结束。
      </Typography.Paragraph>
      <Form<PositionForm>
        form={form}
        name="move-user"
        layout="vertical"
        initialValues={{ role: props.account.role, unit: props.account.unitCode ?? undefined }}
        onFinish={(v) =>
          move.mutate({ id: props.account.id, role: v.role, ...(v.unit ? { unit: v.unit } : {}) })
        }
        onValuesChange={(changed) => {
          if ('role' in changed) form.setFieldValue('unit', undefined)
        }}
      >
        <PositionFields units={props.units} />
      </Form>
    </Modal>
  )
}
