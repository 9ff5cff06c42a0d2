import { PlusOutlined } from '@ant-design/icons'
import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Result,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { DEVICE_STATUS, formatDateTime } from '../lib/format.ts'
import { useOffices } from '../lib/offices.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { type DeviceItem, queryClient, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Registered = RouterOutputs['device']['register']

export default function DevicesPage() {
  const [registering, setRegistering] = useState(false)
  const devices = useQuery(trpc.device.list.queryOptions())
  const { message } = App.useApp()

  const revoke = useMutation({
    ...trpc.device.revoke.mutationOptions(),
    onSuccess: () => {
      void message.success('终端已停用')
      void queryClient.invalidateQueries({ queryKey: trpc.device.list.queryKey() })
    },
    onError: (err) => void message.error(errorMessage(err)),
  })

  const columns: TableColumnsType<DeviceItem> = [
    { title: '司法所', dataIndex: 'officeName', width: 140 },
    { title: '设备名称', dataIndex: 'label' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (v: DeviceItem['status']) => <Tag color={DEVICE_STATUS[v].color}>{DEVICE_STATUS[v].label}</Tag>,
    },
    { title: '登记时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: '激活时间',
      dataIndex: 'activatedAt',
      width: 160,
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_: unknown, r) =>
        r.status === 'revoked' ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Popconfirm
            title={`停用“${r.label}”？`}
            description="停用后该终端立即不能再提交申请，需重新登记后才能使用。"
            okText="确定"
            cancelText="取消"
            okButtonProps={{ danger: true, loading: revoke.isPending && revoke.variables?.id === r.id }}
            onConfirm={() => revoke.mutateAsync({ id: r.id }).catch(() => undefined)}
          >
            <Button size="small" danger>
              停用
            </Button>
          </Popconfirm>
        ),
    },
  ]

  return (
    <>
      <PageHeader
        title="自助终端"
        subtitle="司法所大厅的自助终端。登记后在终端上输入登记码即可启用，群众可在终端上提交人民调解申请。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            登记终端
          </Button>
        }
      />
      {devices.isError ? <QueryError error={devices.error} onRetry={() => void devices.refetch()} /> : null}
      <Table<DeviceItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={devices.data ?? []}
        loading={devices.isPending ? { description: '正在加载…' } : false}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => rowTestId(`device-row-${r.id}`)}
        locale={{ emptyText: devices.isPending ? ' ' : <Empty description="还没有登记自助终端" /> }}
      />
      {registering ? <RegisterModal onClose={() => setRegistering(false)} /> : null}
    </>
  )
}

type RegisterForm = { officeCode: string; label: string }

function RegisterModal({ onClose }: { onClose: () => void }) {
  const me = useMe()
  const [form] = Form.useForm<RegisterForm>()
  const ownOffice = me.role === 'officeDirector' ? me.office : null
  const offices = useOffices(ownOffice === null)
  const [done, setDone] = useState<Registered | null>(null)
  const register = useMutation({
    ...trpc.device.register.mutationOptions(),
    onSuccess: (res) => {
      setDone(res)
      void queryClient.invalidateQueries({ queryKey: trpc.device.list.queryKey() })
    },
    onError: (err) => {
      const fields = fieldErrors(err)
      form.setFields(
        (['officeCode', 'label'] as const)
          .filter((name) => fields[name])
          .map((name) => ({ name, errors: [fields[name] ?? ''] })),
      )
    },
  })

  if (done) {
    return (
      <Modal
        open
        title="登记终端"
        onCancel={onClose}
        maskClosable={false}
        footer={
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        }
      >
        <Result
          status="success"
          title="终端已登记，请在终端上输入登记码"
          subTitle={
            <Flex vertical align="center" gap={8}>
              <Typography.Text type="secondary">登记码</Typography.Text>
              <Typography.Text
                copyable={{ text: done.activationCode, tooltips: ['复制', '已复制'] }}
                data-testid="activation-code"
                aria-label="登记码"
                style={{
                  fontSize: 32,
                  fontWeight: 600,
                  letterSpacing: 3,
                  whiteSpace: 'nowrap',
                  fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
                  color: '#1f5fbf',
                }}
              >
                {done.activationCode}
              </Typography.Text>
              <Typography.Text type="danger">
                有效期至 {formatDateTime(done.expiresAt)}，只能使用一次
              </Typography.Text>
            </Flex>
          }
        />
        <Alert
          type="info"
          showIcon
          title="启用步骤"
          description={
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              <li>在该终端浏览器打开 /kiosk/ 并输入登记码。</li>
              <li>终端显示本司法所名称后即已启用，可以交给群众使用。</li>
              <li>登记码过期或遗失时，停用该终端后重新登记。</li>
            </ol>
          }
        />
      </Modal>
    )
  }

  return (
    <Modal
      open
      title="登记终端"
      okText="确定"
      cancelText="取消"
      confirmLoading={register.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
    >
      {register.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(register.error)}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      ) : null}
      {offices.isError ? (
        <Alert
          type="error"
          showIcon
          title={`司法所列表加载失败：${errorMessage(offices.error)}`}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<RegisterForm>
        form={form}
        name="device"
        layout="vertical"
        initialValues={{ officeCode: ownOffice?.code }}
        onFinish={(v) => register.mutate({ officeCode: v.officeCode, label: v.label.trim() })}
      >
        <Form.Item
          label="司法所"
          name="officeCode"
          rules={[{ required: true, message: '请选择司法所' }]}
          extra={ownOffice ? '司法所长只能为本所登记终端。' : undefined}
        >
          <Select
            disabled={ownOffice !== null}
            loading={ownOffice === null && offices.isPending}
            placeholder="请选择司法所"
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent="没有匹配的司法所"
            options={
              ownOffice
                ? [{ value: ownOffice.code, label: ownOffice.name }]
                : (offices.data ?? []).map((o) => ({ value: o.code, label: o.name }))
            }
          />
        </Form.Item>
        <Form.Item
          label="设备名称"
          name="label"
          rules={[
            { required: true, whitespace: true, message: '请输入设备名称' },
            { max: 40, message: '设备名称不超过40个字' },
          ]}
        >
          <Input maxLength={40} placeholder="例如：大厅一号机" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
