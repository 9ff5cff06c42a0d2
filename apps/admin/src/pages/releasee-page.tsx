import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useParams } from 'react-router'
import { Loading } from '../components/loading.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Detail = RouterOutputs['releasee']['get']
type Obligation = Detail['obligations'][number]
type EventInput = RouterInputs['releasee']['recordEvent']

const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按“年-月-日”填写，如 2026-11-26' }
const STEP_OPTIONS: ReadonlyArray<{ value: EventInput['kind']; label: string }> = [
  { value: 'handedOver', label: '衔接到位' },
  { value: 'fileOpened', label: '建立安置帮教工作档案' },
  { value: 'infoEntered', label: '安置帮教系统信息核查、录入' },
  { value: 'visit', label: '走访排查' },
  { value: 'assisted', label: '安置救助、教育帮扶' },
  { value: 'closed', label: '帮教期满解除帮教' },
]
const ASSISTANCE_OPTIONS = [
  { value: 'placement', label: '安置就业' },
  { value: 'relief', label: '救助' },
  { value: 'education', label: '教育帮扶' },
  { value: 'training', label: '技能培训' },
]
const URGENCY: Record<Obligation['urgency'], { label: string; color: string }> = {
  done: { label: '已完成', color: 'success' },
  overdue: { label: '已逾期', color: 'red' },
  dueSoon: { label: '即将到期', color: 'orange' },
  later: { label: '未到期', color: 'blue' },
}

function StepModal({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Omit<EventInput, 'id'>>()
  const kind = Form.useWatch('kind', form)
  const act = useMutation({
    ...trpc.releasee.recordEvent.mutationOptions(),
    onSuccess: async () => {
      void message.success('已登记')
      await queryClient.invalidateQueries({ queryKey: trpc.releasee.pathKey() })
      await queryClient.invalidateQueries({ queryKey: trpc.deadline.warnings.queryKey() })
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      title="登记帮教事项"
      open={open}
      onCancel={onClose}
      okText="登记"
      cancelText="取消"
      confirmLoading={act.isPending}
      onOk={() => void form.validateFields().then((v) => act.mutate({ ...v, id }))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ on: dayjs().format('YYYY-MM-DD') }}>
        <Form.Item name="kind" label="事项" rules={[{ required: true, message: '请选择事项' }]}>
          <Select options={[...STEP_OPTIONS]} />
        </Form.Item>
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请填写日期' }, DATE_RULE]}>
          <Input placeholder="年-月-日" />
        </Form.Item>
        {kind === 'assisted' ? (
          <Form.Item
            name="assistance"
            label="帮扶方式"
            rules={[{ required: true, message: '请选择帮扶方式' }]}
          >
            <Select options={ASSISTANCE_OPTIONS} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={kind === 'visit' || kind === 'assisted' ? '走访或帮扶情况' : '说明'}
          rules={
            kind === 'visit' || kind === 'assisted'
              ? [{ required: true, message: '请填写走访或帮扶情况' }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export default function ReleaseePage() {
  const { id = '' } = useParams()
  const me = useMe()
  const { message, modal } = App.useApp()
  const [open, setOpen] = useState(false)
  const q = useQuery(trpc.releasee.get.queryOptions({ id }))
  const reveal = useMutation({
    ...trpc.releasee.revealIdNumber.mutationOptions(),
    onSuccess: (r) =>
      void modal.info({ title: '完整身份证号（已记入审计日志）', content: r.idNumber, okText: '关闭' }),
    onError: (err) => void message.error(errorMessage(err)),
  })
  if (q.isPending) return <Loading />
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />
  const r = q.data
  const works = me.role !== 'bureauLeader'
  const columns: TableColumnsType<Obligation> = [
    { title: '事项', dataIndex: 'title' },
    { title: '期限', dataIndex: 'dueDate', width: 120 },
    {
      title: '状态',
      dataIndex: 'urgency',
      width: 100,
      render: (u: Obligation['urgency']) => <Tag color={URGENCY[u].color}>{URGENCY[u].label}</Tag>,
    },
    { title: '依据', dataIndex: 'source' },
    {
      title: '提示',
      dataIndex: 'provisional',
      render: (v: string | null) => (v ? <Tag color="volcano">期限待核</Tag> : null),
    },
  ]
  return (
    <>
      <PageHeader
        title={`${r.name}（${r.categoryLabel}）`}
        subtitle={
          <Space>
            <Tag color={r.status === 'aftercare' ? 'blue' : r.status === 'notified' ? 'gold' : 'default'}>
              {r.statusLabel}
            </Tag>
            {r.minor ? <Tag color="purple">未成年人（身份保密）</Tag> : null}
            {r.squadName} · {r.officeName}
          </Space>
        }
        extra={
          works && r.status !== 'closed' ? (
            <Button type="primary" onClick={() => setOpen(true)}>
              登记帮教事项
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="身份证号">
            <Space>
              {r.idNumberMasked}
              <Button size="small" type="link" onClick={() => reveal.mutate({ id: r.id })}>
                查看完整号码
              </Button>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="性别">{r.sex === 'F' ? '女' : '男'}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{r.birthDate}</Descriptions.Item>
          <Descriptions.Item label="释放单位">{r.prison}</Descriptions.Item>
          <Descriptions.Item label="收到通知">
            <Space>
              {r.noticeDate}
              {r.noticeLate ? <Tag color="orange">晚于释放前一个月</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="释放日期">{r.releaseDate}</Descriptions.Item>
          <Descriptions.Item label="帮教期至">{r.aftercareEnd}</Descriptions.Item>
          <Descriptions.Item label="居住镇街">{r.townName}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="帮教期限" size="small" style={{ marginBottom: 16 }}>
        <Table<Obligation>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={[...r.obligations]}
          pagination={false}
          onRow={(o) => rowTestId(`releasee-obligation-${o.key}`)}
          locale={{ emptyText: '尚无期限' }}
        />
      </Card>
      <Card title="办理记录" size="small">
        <Timeline
          items={r.events.map((e) => ({
            key: e.id,
            children: (
              <span>
                {e.on} {e.label}
                {e.note ? `：${e.note}` : ''}
                <Typography.Text type="secondary">
                  （{e.actorName}，{formatDateTime(e.at)}）
                </Typography.Text>
              </span>
            ),
          }))}
        />
      </Card>
      <StepModal id={r.id} open={open} onClose={() => setOpen(false)} />
    </>
  )
}
