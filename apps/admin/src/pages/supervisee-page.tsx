import { errorMessage } from '@pingzhan/api/client'
import { type MutationFunction, useMutation, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
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
import { downloadBase64 } from '../lib/download.ts'
import { formatDateTime } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'
import { ResidenceTransferCard } from './residence-transfer-card.tsx'
import { PlanCard, TeamCard } from './supervisee-team-plan.tsx'

type Detail = RouterOutputs['supervisee']['get']
type Obligation = Detail['obligations'][number]
type Leave = Detail['leaves'][number]
type EventInput = RouterInputs['supervisee']['recordEvent']

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按“年-月-日”填写，如 2026-11-26' }
const today = () => dayjs().format('YYYY-MM-DD')

const EVENT_OPTIONS: ReadonlyArray<{ value: EventInput['kind']; label: string }> = [
  { value: 'investigationCommissioned', label: '收到调查评估委托' },
  { value: 'investigationOpinion', label: '提交调查评估意见' },
  { value: 'judgment', label: '判决、裁定生效' },
  { value: 'documentsReceived', label: '收到法律文书' },
  { value: 'receiptSent', label: '送达回执' },
  { value: 'reported', label: '报到' },
  { value: 'intakeAnnounced', label: '入矫宣告' },
  { value: 'planMade', label: '制定（调整）矫正方案' },
  { value: 'homeVisit', label: '入户走访' },
  { value: 'lostContact', label: '失去联系' },
  { value: 'contactRestored', label: '恢复联系' },
  { value: 'monitoringEnded', label: '解除电子定位' },
  { value: 'prohibitionBreach', label: '违反人民法院禁止令' },
  { value: 'leftWithoutApproval', label: '无正当理由未经批准离开所居住的市、县' },
  { value: 'publicSecurityPenalty', label: '违反监督管理规定受到治安管理处罚' },
  { value: 'revocationRejected', label: '撤销缓刑、假释或收监执行的提请未获支持' },
]
const URGENCY: Record<Obligation['urgency'], { label: string; color: string }> = {
  done: { label: '已完成', color: 'success' },
  overdue: { label: '已逾期', color: 'red' },
  dueSoon: { label: '即将到期', color: 'orange' },
  later: { label: '未到期', color: 'blue' },
}
const SITUATIONS = [
  { value: 'prohibitionBreach', label: '违反人民法院禁止令的' },
  { value: 'leftWithoutApproval', label: '无正当理由，未经批准离开所居住的市、县的' },
  { value: 'refusedReportAfterWarning', label: '拒不按照规定报告自己的活动情况，被给予警告的' },
  { value: 'publicSecurityPenalty', label: '违反监督管理规定，受到治安管理处罚的' },
  { value: 'revocationPending', label: '拟提请撤销缓刑、假释或者暂予监外执行收监执行的' },
]

const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.supervisee.pathKey() })

function useAct<D, V>(options: { mutationFn?: MutationFunction<D, V> }, done: string, after?: () => void) {
  const { message } = App.useApp()
  return useMutation({
    ...options,
    onSuccess: async () => {
      void message.success(done)
      await invalidate()
      await queryClient.invalidateQueries({ queryKey: trpc.deadline.warnings.queryKey() })
      after?.()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
}

function EventModal({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Omit<EventInput, 'id'>>()
  const kind = Form.useWatch('kind', form)
  const act = useAct(trpc.supervisee.recordEvent.mutationOptions(), '已登记', onClose)
  return (
    <Modal
      title="登记事项"
      open={open}
      onCancel={onClose}
      okText="登记"
      cancelText="取消"
      confirmLoading={act.isPending}
      onOk={() => void form.validateFields().then((v) => act.mutate({ ...v, id }))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ on: today() }}>
        <Form.Item name="kind" label="事项" rules={[{ required: true, message: '请选择事项' }]}>
          <Select options={[...EVENT_OPTIONS]} />
        </Form.Item>
        <Form.Item
          name="on"
          label={kind === 'judgment' ? '判决、裁定生效日期' : '日期'}
          rules={[{ required: true, message: '请填写日期' }, DATE_RULE]}
        >
          <Input placeholder="年-月-日" />
        </Form.Item>
        {kind === 'judgment' ? (
          <>
            <Form.Item name="termStart" label="矫正起始日期" rules={[DATE_RULE]}>
              <Input placeholder="年-月-日（默认为生效日期）" />
            </Form.Item>
            <Form.Item
              name="termEnd"
              label="矫正期满日期"
              rules={[{ required: true, message: '请填写矫正期满日期' }, DATE_RULE]}
            >
              <Input placeholder="年-月-日" />
            </Form.Item>
          </>
        ) : null}
        {kind === 'investigationCommissioned' ? (
          <Form.Item name="fast" valuePropName="checked">
            <Checkbox>速裁程序（五个工作日）</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={kind === 'planMade' ? '矫正方案内容' : '说明'}>
          <Input.TextArea rows={kind === 'planMade' ? 5 : 2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function LeaveModal({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Omit<RouterInputs['supervisee']['requestLeave'], 'id'>>()
  const { modal } = App.useApp()
  const act = useMutation({
    ...trpc.supervisee.requestLeave.mutationOptions(),
    onSuccess: async (r) => {
      await invalidate()
      onClose()
      modal.info({
        title: `已登记外出申请：由${r.levelLabel}审批`,
        content: `${r.reason}${r.late ? '。注意：未按规定提前约三日申请。' : ''}`,
        okText: '知道了',
      })
    },
  })
  return (
    <Modal
      title="外出申请"
      open={open}
      onCancel={onClose}
      okText="提交"
      cancelText="取消"
      confirmLoading={act.isPending}
      onOk={() => void form.validateFields().then((v) => act.mutate({ ...v, id }))}
      destroyOnHidden
    >
      {act.isError ? <Typography.Text type="danger">{errorMessage(act.error)}</Typography.Text> : null}
      <Form form={form} layout="vertical">
        <Form.Item
          name="from"
          label="外出开始日期"
          rules={[{ required: true, message: '请填写开始日期' }, DATE_RULE]}
        >
          <Input placeholder="年-月-日" />
        </Form.Item>
        <Form.Item
          name="to"
          label="外出结束日期"
          rules={[{ required: true, message: '请填写结束日期' }, DATE_RULE]}
        >
          <Input placeholder="年-月-日" />
        </Form.Item>
        <Form.Item name="destination" label="目的地" rules={[{ required: true, message: '请填写目的地' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label="外出事由" rules={[{ required: true, message: '请填写外出事由' }]}>
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function SanctionModal({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Omit<RouterInputs['supervisee']['sanction'], 'id'>>()
  const act = useAct(trpc.supervisee.sanction.mutationOptions(), '已登记处理', onClose)
  return (
    <Modal
      title="训诫、警告或提请撤销"
      open={open}
      onCancel={onClose}
      okText="登记"
      cancelText="取消"
      confirmLoading={act.isPending}
      onOk={() => void form.validateFields().then((v) => act.mutate({ ...v, id }))}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: today(), absentDays: 0, serious: false, kind: 'reprimand' }}
      >
        <Form.Item name="kind" label="处理种类">
          <Select
            options={[
              { value: 'reprimand', label: '训诫' },
              { value: 'warning', label: '警告' },
              { value: 'revocation', label: '提请撤销缓刑、假释或收监执行' },
            ]}
          />
        </Form.Item>
        <Form.Item name="on" label="日期" rules={[DATE_RULE]}>
          <Input />
        </Form.Item>
        <Form.Item name="absentDays" label="无故不报到或脱离监管天数">
          <InputNumber min={0} max={3650} />
        </Form.Item>
        <Form.Item name="serious" valuePropName="checked">
          <Checkbox>情节严重</Checkbox>
        </Form.Item>
        <Form.Item name="reason" label="事实和理由" rules={[{ required: true, message: '请填写事实和理由' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function MonitoringModal({
  id,
  open,
  onClose,
  monitoring,
}: {
  id: string
  open: boolean
  onClose: () => void
  monitoring: RouterOutputs['supervisee']['get']['monitoring']
}) {
  const [form] = Form.useForm<Omit<RouterInputs['supervisee']['startMonitoring'], 'id'>>()
  const supported = new Set(monitoring.grounds.map((g) => g.value))
  const nextFrom = monitoring.current
    ? dayjs(monitoring.current.until).add(1, 'day').format('YYYY-MM-DD')
    : null
  const act = useAct(trpc.supervisee.startMonitoring.mutationOptions(), '已批准使用电子定位装置', onClose)
  return (
    <Modal
      title="批准使用电子定位装置（社区矫正法第29条）"
      open={open}
      onCancel={onClose}
      okText="批准"
      cancelText="取消"
      confirmLoading={act.isPending}
      onOk={() => void form.validateFields().then((v) => act.mutate({ ...v, id }))}
      destroyOnHidden
    >
      {monitoring.current ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`电子定位使用至 ${monitoring.current.until}。期满后经评估仍有必要的，可批准延长，每次不超过三个月，自 ${nextFrom} 起算`}
        />
      ) : null}
      {monitoring.grounds.length === 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="对象的记录中没有社区矫正法第29条规定的情形（须先登记警告、违反禁止令、未经批准离开、治安管理处罚或提请撤销等事实）"
        />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ from: nextFrom ?? today(), months: 3 }}>
        <Form.Item
          name="situation"
          label="适用情形"
          extra="只能选择对象记录中已有事实支持的情形"
          rules={[{ required: true, message: '请选择适用情形' }]}
        >
          <Select
            options={SITUATIONS.map((o) => ({
              ...o,
              label: supported.has(o.value as never) ? o.label : `${o.label}（记录中无此情形）`,
              disabled: !supported.has(o.value as never),
            }))}
          />
        </Form.Item>
        <Form.Item name="from" label="开始日期" rules={[DATE_RULE]}>
          <Input />
        </Form.Item>
        <Form.Item name="months" label="期限（月，不超过三个月）">
          <InputNumber min={1} max={12} />
        </Form.Item>
        <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export default function SuperviseePage() {
  const { id = '' } = useParams()
  const me = useMe()
  const { message, modal } = App.useApp()
  const [modalOpen, setModalOpen] = useState<'event' | 'leave' | 'sanction' | 'monitoring' | null>(null)
  const q = useQuery(trpc.supervisee.get.queryOptions({ id }))
  const reveal = useMutation({
    ...trpc.supervisee.revealIdNumber.mutationOptions(),
    onSuccess: (r) =>
      void modal.info({ title: '完整身份证号（已记入审计日志）', content: r.idNumber, okText: '关闭' }),
    onError: (err) => void message.error(errorMessage(err)),
  })
  const doc = useMutation({
    ...trpc.supervisee.document.mutationOptions(),
    onSuccess: (r) => downloadBase64(r.filename, r.base64, DOCX),
    onError: (err) => void message.error(errorMessage(err)),
  })
  const decide = useAct(trpc.supervisee.decideLeave.mutationOptions(), '已审批')
  const discharge = useAct(trpc.supervisee.discharge.mutationOptions(), '已解除社区矫正')
  if (q.isPending) return <Loading />
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />
  const s = q.data
  const works = me.role === 'squadLeader' || me.role === 'squadMember' || me.role === 'brigadeLeader'
  const obligationColumns: TableColumnsType<Obligation> = [
    { title: '法定事项', dataIndex: 'title' },
    {
      title: '期限',
      dataIndex: 'dueAt',
      width: 150,
      render: (v: string, o) => (o.kind === 'search' ? formatDateTime(v) : o.dueDate),
    },
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
  const leaveColumns: TableColumnsType<Leave> = [
    { title: '外出时间', render: (_v, l) => `${l.from} 至 ${l.to}（${l.days}日）` },
    { title: '目的地', dataIndex: 'destination' },
    { title: '审批层级', dataIndex: 'levelLabel' },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      render: (v: string, l) => (
        <Space>
          {v}
          {l.filedWithCounty ? <Tag>已报县级备案</Tag> : null}
        </Space>
      ),
    },
    { title: '审批人', dataIndex: 'decidedByName' },
    {
      title: '操作',
      render: (_v, l) => (
        <Space>
          {l.status === 'pending' ? (
            <>
              <Button
                size="small"
                type="primary"
                onClick={() =>
                  decide.mutate({
                    leaveId: l.id,
                    version: l.version,
                    approve: true,
                    note: '同意外出，按期返回并报告',
                  })
                }
              >
                批准外出
              </Button>
              <Button
                size="small"
                onClick={() =>
                  decide.mutate({ leaveId: l.id, version: l.version, approve: false, note: '不予批准' })
                }
              >
                不予批准
              </Button>
            </>
          ) : null}
          <Button size="small" onClick={() => doc.mutate({ id: s.id, kind: 'leaveApproval', leaveId: l.id })}>
            下载审批表
          </Button>
        </Space>
      ),
    },
  ]
  return (
    <>
      <PageHeader
        title={`${s.name}（${s.correctionTypeLabel}）`}
        subtitle={
          <Space>
            <Tag color={s.status === 'active' ? 'blue' : s.status === 'pending' ? 'gold' : 'default'}>
              {s.statusLabel}
            </Tag>
            {s.minor ? <Tag color="purple">未成年人（身份保密，档案不公开）</Tag> : null}
            {s.squadName} · {s.officeName}
          </Space>
        }
        extra={
          <>
            {works && (s.status === 'pending' || s.status === 'active') ? (
              <Button type="primary" onClick={() => setModalOpen('event')}>
                登记事项
              </Button>
            ) : null}
            {(works || me.role === 'officeDirector') && s.status === 'active' ? (
              <Button onClick={() => setModalOpen('leave')}>外出申请</Button>
            ) : null}
            {works && s.status === 'active' ? (
              <Button onClick={() => setModalOpen('sanction')}>训诫/警告</Button>
            ) : null}
            {me.role === 'bureauLeader' && s.status === 'active' ? (
              <Button onClick={() => setModalOpen('monitoring')}>电子定位</Button>
            ) : null}
            {works && s.status === 'active' ? (
              <Button
                danger
                onClick={() =>
                  modal.confirm({
                    title: '解除社区矫正',
                    content: `矫正期满（${s.termEnd}），解除社区矫正，并书面通知决定机关、人民检察院、公安机关？`,
                    okText: '解除矫正',
                    cancelText: '取消',
                    onOk: () => discharge.mutateAsync({ id: s.id, on: today() }),
                  })
                }
              >
                解除矫正
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="身份证号">
            <Space>
              {s.idNumberMasked}
              <Button size="small" type="link" onClick={() => reveal.mutate({ id: s.id })}>
                查看完整号码
              </Button>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="性别">{s.sex === 'F' ? '女' : '男'}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{s.birthDate}</Descriptions.Item>
          <Descriptions.Item label="判决、裁定生效">{s.judgmentDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="矫正期限">
            {s.termStart ? `${s.termStart} 至 ${s.termEnd}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="管理等级">{s.managementLevelLabel}</Descriptions.Item>
          <Descriptions.Item label="居住镇街">{s.townName}</Descriptions.Item>
          <Descriptions.Item label="禁止令">{s.prohibitionOrders.join('；') || '无'}</Descriptions.Item>
        </Descriptions>
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Button
            size="small"
            onClick={() => doc.mutate({ id: s.id, kind: 'intakeAnnouncement' })}
            disabled={s.status === 'pending'}
          >
            下载入矫宣告记录
          </Button>
          <Button
            size="small"
            onClick={() => doc.mutate({ id: s.id, kind: 'dischargeCertificate' })}
            disabled={s.status !== 'discharged'}
          >
            下载解除社区矫正证明书
          </Button>
        </Flex>
      </Card>
      <TeamCard s={s} />
      <PlanCard s={s} />
      <Card title="法定期限" size="small" style={{ marginBottom: 16 }}>
        <Table<Obligation>
          rowKey="id"
          size="small"
          columns={obligationColumns}
          dataSource={[...s.obligations]}
          pagination={false}
          onRow={(o) => rowTestId(`obligation-${o.key}`)}
          locale={{ emptyText: '尚无法定期限（登记判决生效后自动计算）' }}
        />
      </Card>
      <Card title="外出审批" size="small" style={{ marginBottom: 16 }}>
        <Table<Leave>
          rowKey="id"
          size="small"
          columns={leaveColumns}
          dataSource={[...s.leaves]}
          pagination={false}
          onRow={(l) => rowTestId(`leave-${l.from}`)}
          locale={{ emptyText: '暂无外出申请' }}
        />
      </Card>
      <ResidenceTransferCard s={s} />
      <Card title="办理记录" size="small">
        <Timeline
          items={s.events.map((e) => ({
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
      <EventModal id={s.id} open={modalOpen === 'event'} onClose={() => setModalOpen(null)} />
      <LeaveModal id={s.id} open={modalOpen === 'leave'} onClose={() => setModalOpen(null)} />
      <SanctionModal id={s.id} open={modalOpen === 'sanction'} onClose={() => setModalOpen(null)} />
      <MonitoringModal
        id={s.id}
        open={modalOpen === 'monitoring'}
        onClose={() => setModalOpen(null)}
        monitoring={s.monitoring}
      />
    </>
  )
}
