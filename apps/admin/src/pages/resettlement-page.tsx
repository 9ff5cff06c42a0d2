import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Table, type TableColumnsType, Tag } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'
import { DeadlineWarnings } from './corrections-page.tsx'

type Item = RouterOutputs['releasee']['list']['items'][number]
type RegisterInput = RouterInputs['releasee']['register']

export const CATEGORY_OPTIONS = [
  { value: 'general', label: '一般刑满释放人员' },
  { value: 'key', label: '重点帮教对象' },
  { value: 'elderlySick', label: '老病残刑满释放人员' },
] as const
const STATUS_COLOR: Record<Item['status'], string> = {
  notified: 'gold',
  aftercare: 'blue',
  closed: 'default',
}
const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按“年-月-日”填写，如 2026-11-26' }

/** 监狱释放通知登记: the person, the category (sets the aftercare period), the town they return to. */
function RegisterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const [form] = Form.useForm<RegisterInput>()
  const offices = useQuery(trpc.org.offices.queryOptions())
  const register = useMutation({
    ...trpc.releasee.register.mutationOptions(),
    onSuccess: async ({ id, noticeLate }) => {
      void message.success('已登记释放通知，衔接任务已派给中队')
      await queryClient.invalidateQueries({ queryKey: trpc.releasee.list.queryKey() })
      await queryClient.invalidateQueries({ queryKey: trpc.deadline.warnings.queryKey() })
      form.resetFields()
      onClose()
      if (noticeLate)
        modal.warning({
          title: '释放通知晚于释放前一个月',
          content: '监狱应在释放前约一个月通知，本次通知较晚，已记录在案；请抓紧落实衔接。',
          okText: '知道了',
        })
      void navigate(`/resettlement/${id}`)
    },
    onError: (err) => {
      form.setFields(
        Object.entries(fieldErrors(err)).map(([name, msg]) => ({
          name: name as keyof RegisterInput,
          errors: [msg],
        })),
      )
      void message.error(errorMessage(err))
    },
  })
  const towns = (offices.data ?? [])
    .filter((o) =>
      me.role === 'brigadeLeader'
        ? true
        : me.role === 'officeDirector'
          ? o.code === me.office?.code
          : o.area === me.squad?.code,
    )
    .map((o) => ({ value: o.code, label: `${o.name.replace('司法所', '')}（${o.name}）` }))
  return (
    <Modal
      title="登记刑满释放人员（监狱释放通知）"
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
        initialValues={{ category: 'general', noticeOn: dayjs().format('YYYY-MM-DD') }}
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
        <Form.Item name="category" label="帮教类别" extra="帮教期限和走访频次按类别设定（期限规则）。">
          <Select options={[...CATEGORY_OPTIONS]} />
        </Form.Item>
        <Form.Item name="townCode" label="居住镇街" rules={[{ required: true, message: '请选择居住镇街' }]}>
          <Select options={towns} loading={offices.isPending} />
        </Form.Item>
        <Form.Item
          name="prison"
          label="释放单位（监狱）"
          rules={[{ required: true, message: '请填写释放单位' }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="noticeOn"
          label="收到通知日期"
          rules={[{ required: true, message: '请填写收到通知日期' }, DATE_RULE]}
        >
          <Input placeholder="年-月-日" />
        </Form.Item>
        <Form.Item
          name="releaseOn"
          label="释放日期"
          rules={[{ required: true, message: '请填写释放日期' }, DATE_RULE]}
        >
          <Input placeholder="年-月-日" />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export default function ResettlementPage() {
  const me = useMe()
  const navigate = useNavigate()
  const [q, setQ] = useState('')
  const [open, setOpen] = useState(false)
  const list = useQuery(trpc.releasee.list.queryOptions({ limit: 100, ...(q ? { q } : {}) }))
  const canRegister = me.role !== 'bureauLeader'
  const columns: TableColumnsType<Item> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (v: string, r) => <Link to={`/resettlement/${r.id}`}>{v}</Link>,
    },
    { title: '身份证号', dataIndex: 'idNumberMasked' },
    { title: '帮教类别', dataIndex: 'categoryLabel' },
    { title: '释放日期', dataIndex: 'releaseDate' },
    { title: '帮教期至', dataIndex: 'aftercareEnd' },
    { title: '居住镇街', dataIndex: 'townName' },
    { title: '中队', dataIndex: 'squadName' },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      render: (v: string, r) => (
        <Flex gap={4}>
          <Tag color={STATUS_COLOR[r.status]}>{v}</Tag>
          {r.noticeLate ? <Tag color="orange">通知较晚</Tag> : null}
        </Flex>
      ),
    },
  ]
  return (
    <>
      <PageHeader
        title="安置帮教"
        subtitle="刑满释放人员的衔接、建档、信息核查录入、走访排查和安置救助；法定和本局设定的期限自动生成任务并预警。"
        extra={
          canRegister ? (
            <Button type="primary" onClick={() => setOpen(true)}>
              登记释放通知
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
          aria-label="查询刑满释放人员"
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
            ...rowTestId(`releasee-row-${r.name}`),
            onDoubleClick: () => void navigate(`/resettlement/${r.id}`),
          })}
          locale={{ emptyText: '暂无刑满释放人员' }}
        />
      )}
      {me.role === 'officeDirector' ? (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title="司法所可登记本镇街的释放通知并参与衔接、走访和帮扶；任务由辖区中队统筹。"
        />
      ) : null}
      <RegisterModal open={open} onClose={() => setOpen(false)} />
    </>
  )
}
