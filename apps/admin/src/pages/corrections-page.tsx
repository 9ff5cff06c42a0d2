import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { Loading } from '../components/loading.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Item = RouterOutputs['supervisee']['list']['items'][number]
type Warning = RouterOutputs['deadline']['warnings'][number]
type RegisterInput = RouterInputs['supervisee']['register']

export const CORRECTION_TYPE_OPTIONS = [
  { value: 'control', label: '管制' },
  { value: 'probation', label: '缓刑' },
  { value: 'parole', label: '假释' },
  { value: 'medicalParole', label: '暂予监外执行' },
] as const
const LEVEL_OPTIONS = [
  { value: 'strict', label: '严管' },
  { value: 'normal', label: '普管' },
  { value: 'loose', label: '宽管' },
] as const
const STATUS_COLOR: Record<Item['status'], string> = {
  pending: 'gold',
  active: 'blue',
  discharged: 'default',
  transferred: 'default',
}

/** Due-soon and overdue statutory deadlines in the reader's scope (the deadline engine's warnings). */
export function DeadlineWarnings() {
  const q = useQuery(trpc.deadline.warnings.queryOptions())
  if (q.isPending) return <Loading />
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />
  const columns: TableColumnsType<Warning> = [
    {
      title: '状态',
      dataIndex: 'urgency',
      width: 90,
      render: (u: Warning['urgency']) =>
        u === 'overdue' ? <Tag color="red">已逾期</Tag> : <Tag color="orange">即将到期</Tag>,
    },
    { title: '事项', dataIndex: 'title' },
    {
      title: '对象',
      dataIndex: 'subjectName',
      render: (v: string, w) => (
        <Link
          to={w.subjectType === 'releasee' ? `/resettlement/${w.subjectId}` : `/corrections/${w.subjectId}`}
        >
          {v}
        </Link>
      ),
    },
    { title: '期限', dataIndex: 'dueAt', width: 160, render: (v: string) => formatDateTime(v) },
    { title: '中队', dataIndex: 'squadName', width: 110 },
    {
      title: '提示',
      dataIndex: 'provisional',
      render: (v: string | null) => (v ? <Tag color="volcano">期限待核：{v}</Tag> : null),
    },
  ]
  return (
    <Card title="法定期限预警" size="small" style={{ marginBottom: 16 }}>
      <Table<Warning>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...q.data]}
        pagination={false}
        locale={{ emptyText: '近三日内没有到期或逾期的法定期限' }}
        onRow={(w) => rowTestId(`warning-${w.id}`)}
      />
    </Card>
  )
}

function RegisterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [form] = Form.useForm<RegisterInput>()
  const offices = useQuery(trpc.org.offices.queryOptions())
  const register = useMutation({
    ...trpc.supervisee.register.mutationOptions(),
    onSuccess: async ({ id }) => {
      void message.success('已登记社区矫正对象')
      await queryClient.invalidateQueries({ queryKey: trpc.supervisee.list.queryKey() })
      form.resetFields()
      onClose()
      void navigate(`/corrections/${id}`)
    },
    onError: (err) => {
      const fields = fieldErrors(err)
      form.setFields(
        Object.entries(fields).map(([name, msg]) => ({ name: name as keyof RegisterInput, errors: [msg] })),
      )
      void message.error(errorMessage(err))
    },
  })
  const towns = (offices.data ?? [])
    .filter((o) => me.role === 'brigadeLeader' || o.area === me.squad?.code)
    // an office's code is its town's code (one office per town)
    .map((o) => ({ value: o.code, label: `${o.name.replace('司法所', '')}（${o.name}）` }))
  return (
    <Modal
      title="登记社区矫正对象"
      open={open}
      onCancel={onClose}
      okText="登记"
      cancelText="取消"
      confirmLoading={register.isPending}
      onOk={() => void form.validateFields().then((v) => register.mutate(v))}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ correctionType: 'probation', managementLevel: 'normal' }}
      >
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号"
          rules={[{ required: true, len: 18, message: '身份证号应为18位' }]}
          extra="加密保存；列表中只显示前4位和后4位，查看完整号码会记入审计日志。"
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="correctionType" label="矫正类别" rules={[{ required: true }]}>
          <Select options={[...CORRECTION_TYPE_OPTIONS]} />
        </Form.Item>
        <Form.Item name="townCode" label="居住镇街" rules={[{ required: true, message: '请选择居住镇街' }]}>
          <Select options={towns} loading={offices.isPending} />
        </Form.Item>
        <Form.Item name="managementLevel" label="管理等级" rules={[{ required: true }]}>
          <Select options={[...LEVEL_OPTIONS]} />
        </Form.Item>
        <Form.Item name="prohibitionOrders" label="禁止令（每行一项）">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export default function CorrectionsPage() {
  const me = useMe()
  const navigate = useNavigate()
  const [q, setQ] = useState('')
  const [open, setOpen] = useState(false)
  const list = useQuery(trpc.supervisee.list.queryOptions({ limit: 100, ...(q ? { q } : {}) }))
  const canRegister = me.role === 'squadLeader' || me.role === 'squadMember' || me.role === 'brigadeLeader'
  const columns: TableColumnsType<Item> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (v: string, r) => <Link to={`/corrections/${r.id}`}>{v}</Link>,
    },
    { title: '身份证号', dataIndex: 'idNumberMasked' },
    { title: '矫正类别', dataIndex: 'correctionTypeLabel' },
    { title: '居住镇街', dataIndex: 'townName' },
    { title: '中队', dataIndex: 'squadName' },
    { title: '矫正期限', render: (_v, r) => (r.termStart ? `${r.termStart} 至 ${r.termEnd}` : '—') },
    { title: '管理等级', dataIndex: 'managementLevelLabel' },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      render: (v: string, r) => (
        <Flex gap={4}>
          <Tag color={STATUS_COLOR[r.status]}>{v}</Tag>
          {r.minor ? <Tag color="purple">未成年</Tag> : null}
        </Flex>
      ),
    },
  ]
  return (
    <>
      <PageHeader
        title="社区矫正"
        subtitle="社区矫正对象的登记、报到、外出审批、监督管理和解矫；法定期限自动生成任务并预警。"
        extra={
          canRegister ? (
            <Button type="primary" onClick={() => setOpen(true)}>
              登记对象
            </Button>
          ) : null
        }
      />
      <DeadlineWarnings />
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          placeholder="姓名或完整身份证号"
          allowClear
          onSearch={(v) => setQ(v.trim())}
          style={{ maxWidth: 320 }}
          aria-label="查询对象"
        />
      </Flex>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Item>
          rowKey="id"
          loading={list.isPending}
          columns={columns}
          dataSource={[...(list.data?.items ?? [])]}
          pagination={false}
          onRow={(r) => ({
            ...rowTestId(`supervisee-row-${r.name}`),
            onDoubleClick: () => void navigate(`/corrections/${r.id}`),
          })}
          locale={{ emptyText: '暂无社区矫正对象' }}
        />
      )}
      {me.role === 'officeDirector' ? (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title="司法所可查看本镇街的社区矫正对象并审批受委托的七日以内外出；未成年对象的档案不向司法所开放。"
        />
      ) : null}
      <RegisterModal open={open} onClose={() => setOpen(false)} />
    </>
  )
}
