import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
  Upload,
} from 'antd'
import { useMemo, useState } from 'react'
import { DutySelect, dutyOptions } from '../components/duty-select.tsx'
import { EChart } from '../components/echart.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { downloadBase64, useXlsxExport } from '../lib/download.ts'
import { formatDateTime } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { type RouterOutputs, trpc, trpcClient } from '../lib/trpc.ts'

type Ledger = RouterOutputs['budget']['ledger']
type OfficeRow = Ledger['offices'][number]
type Expense = RouterOutputs['expense']['list'][number]

const CATEGORIES = {
  travel: '差旅费',
  vehicle: '车辆运行费',
  office: '办公费',
  publicity: '宣传费（普法）',
  training: '培训费',
  mediation: '调解补贴',
  other: '其他',
} as const

const STATUS_COLORS: Record<Expense['status'], string> = {
  pending: 'gold',
  awaitingBureau: 'orange',
  approved: 'green',
  rejected: 'default',
  paid: 'blue',
}

/** 123456 fen → '1,234.56' (integers only, as the server does). */
export const yuan = (fen: number): string => {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(abs % 100).toString().padStart(2, '0')}`
}

/** '1234.5' yuan → 123450 fen exactly, or null (at most two decimals, never a float multiplication). */
export const toFen = (text: string): number | null => {
  const m = /^\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(text.replaceAll(',', ''))
  if (m === null) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

const yuanRule = {
  validator: (_: unknown, v: string | undefined) =>
    v === undefined || v === '' || toFen(v) !== null
      ? Promise.resolve()
      : Promise.reject(new Error('金额格式应为元，最多两位小数')),
}

function useRefresh() {
  const queryClient = useQueryClient()
  return () => {
    void queryClient.invalidateQueries({ queryKey: trpc.budget.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.expense.pathKey() })
  }
}

function LineDialog({ row, year, onClose }: { row: OfficeRow; year: number; onClose: () => void }) {
  const { message } = App.useApp()
  const refresh = useRefresh()
  const [form] = Form.useForm<{ amount: string }>()
  const save = useMutation({
    mutationFn: (v: { amount: string }) =>
      trpcClient.budget.setLine.mutate({
        officeCode: row.code,
        year,
        amountFen: toFen(v.amount) ?? -1,
        version: row.version,
      }),
    onSuccess: () => {
      void message.success('已保存')
      refresh()
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      open
      title={`录入年度经费：${row.name}（${year}年）`}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amount: (row.budget / 100).toFixed(2) }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="amount"
          label="年度额度（元）"
          extra="各所年度经费不变，按辖区统筹使用（四.2）"
          rules={[{ required: true, message: '请填写年度额度' }, yuanRule]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

interface RequestForm {
  officeCode: string
  amount: string
  category: keyof typeof CATEGORIES
  dutyCode: string
  purpose: string
}

function RequestDialog({ year, onClose }: { year: number; onClose: () => void }) {
  const me = useMe()
  const { message } = App.useApp()
  const refresh = useRefresh()
  const [form] = Form.useForm<RequestForm>()
  const offices = useQuery(trpc.org.offices.queryOptions())
  const catalogs = useQuery({ ...trpc.org.catalogs.queryOptions(), staleTime: Number.POSITIVE_INFINITY })
  const duties = useMemo(
    () =>
      (catalogs.data ?? [])
        .filter((c) => c.kind === 'office' && c.mode === 'peacetime')
        .flatMap((c) => dutyOptions(c)),
    [catalogs.data],
  )
  const mine = (offices.data ?? []).filter((o) =>
    me.role === 'officeDirector' ? o.code === me.office?.code : o.area === me.squad?.code,
  )
  const create = useMutation({
    mutationFn: (v: RequestForm) =>
      trpcClient.expense.create.mutate({
        officeCode: v.officeCode,
        year,
        amountFen: toFen(v.amount) ?? -1,
        category: v.category,
        dutyCode: v.dutyCode,
        purpose: v.purpose,
      }),
    onSuccess: (r) => {
      void message.success(
        r.needsBureau ? '已提交，超过限额，中队长审批后还须局领导审批' : '已提交，待中队长审批',
      )
      refresh()
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      open
      title="经费申请"
      okText="提交申请"
      cancelText="取消"
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ officeCode: me.office?.code, category: 'office' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="officeCode" label="列支单位" rules={[{ required: true, message: '请选择司法所' }]}>
          <Select options={mine.map((o) => ({ value: o.code, label: o.name }))} />
        </Form.Item>
        <Form.Item
          name="amount"
          label="金额（元）"
          rules={[{ required: true, message: '请填写金额' }, yuanRule]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="category" label="支出类别">
          <Select options={Object.entries(CATEGORIES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          name="dutyCode"
          label="服务的职责事项"
          rules={[{ required: true, message: '请选择职责事项' }]}
        >
          <DutySelect options={duties} loading={catalogs.isLoading} />
        </Form.Item>
        <Form.Item name="purpose" label="用途" rules={[{ required: true, message: '请填写用途' }]}>
          <Input.TextArea maxLength={300} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function DecideDialog({ item, onClose }: { item: Expense; onClose: () => void }) {
  const me = useMe()
  const { message } = App.useApp()
  const refresh = useRefresh()
  const [reason, setReason] = useState('')
  // 不批准 needs a reason: said under the field at once, without a round trip (the server refuses too).
  const [reasonMissing, setReasonMissing] = useState(false)
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      trpcClient.expense.decide.mutate({
        id: item.id,
        version: item.version,
        approve,
        ...(reason ? { reason } : {}),
      }),
    onSuccess: (r) => {
      void message.success(`已处理：${r.statusLabel}`)
      refresh()
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  const override = useMutation({
    mutationFn: () => trpcClient.expense.override.mutate({ id: item.id, version: item.version, reason }),
    onSuccess: () => {
      void message.success('已登记超支审批')
      refresh()
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      open
      title="审批经费申请"
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          {item.mayOverride ? (
            <Button danger loading={override.isPending} onClick={() => override.mutate()}>
              超支审批
            </Button>
          ) : null}
          {item.mayDecide ? (
            <>
              <Button
                danger
                loading={decide.isPending}
                onClick={() => {
                  if (!reason.trim()) setReasonMissing(true)
                  else decide.mutate(false)
                }}
              >
                不批准
              </Button>
              <Button type="primary" loading={decide.isPending} onClick={() => decide.mutate(true)}>
                批准
              </Button>
            </>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph>
        {item.officeName} 申请 {item.amountText} 元（{item.categoryLabel}，{item.dutyTitle}）：{item.purpose}
      </Typography.Paragraph>
      {item.needsBureau ? (
        <Alert
          type="info"
          showIcon
          title="超过限额：中队长批准后还须局领导审批"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form layout="vertical">
        <Form.Item
          label={me.role === 'bureauLeader' ? '审批意见 / 超支理由' : '审批意见'}
          extra="不批准须填写理由；余额不足时须由局领导填写超支理由后登记超支审批"
          {...(reasonMissing ? { validateStatus: 'error' as const, help: '不批准时请填写理由' } : {})}
        >
          <Input.TextArea
            value={reason}
            onChange={(e) => {
              setReason(e.target.value)
              if (e.target.value.trim()) setReasonMissing(false)
            }}
            maxLength={300}
            rows={2}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

const toBase64 = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '')
    reader.onerror = () => reject(new Error('读取文件失败'))
    reader.readAsDataURL(file)
  })

function Receipts({ item }: { item: Expense }) {
  const { message } = App.useApp()
  const refresh = useRefresh()
  const open = async (id: string) => {
    try {
      const r = await trpcClient.expense.receipt.query({ id })
      downloadBase64(
        `票据-${id}.${r.mime === 'application/pdf' ? 'pdf' : r.mime.split('/')[1]}`,
        r.contentBase64,
        r.mime,
      )
    } catch (err) {
      void message.error(errorMessage(err))
    }
  }
  return (
    <Space size={4} wrap>
      {item.receipts.map((r, i) => (
        <Button key={r.id} size="small" type="link" onClick={() => void open(r.id)}>
          票据{i + 1}（{r.mime === 'application/pdf' ? 'PDF' : '照片'}）
        </Button>
      ))}
      {item.mayAddReceipt ? (
        <Upload
          accept="image/jpeg,image/png,image/webp,application/pdf"
          showUploadList={false}
          beforeUpload={async (file) => {
            if (file.size > 2 * 1024 * 1024) {
              void message.error('票据文件过大（不超过 2 MB）')
              return false
            }
            try {
              await trpcClient.expense.addReceipt.mutate({ id: item.id, file: await toBase64(file) })
              void message.success('票据已上传')
              refresh()
            } catch (err) {
              void message.error(errorMessage(err))
            }
            return false
          }}
        >
          <Button size="small">上传票据</Button>
        </Upload>
      ) : null}
    </Space>
  )
}

function RequestsTab({ year }: { year: number }) {
  const { message } = App.useApp()
  const refresh = useRefresh()
  const [status, setStatus] = useState<Expense['status'] | 'all'>('all')
  const [deciding, setDeciding] = useState<Expense | null>(null)
  const list = useQuery(trpc.expense.list.queryOptions({ year, ...(status === 'all' ? {} : { status }) }))
  const pay = useMutation({
    mutationFn: (e: Expense) => trpcClient.expense.pay.mutate({ id: e.id, version: e.version }),
    onSuccess: () => {
      void message.success('已登记支付')
      refresh()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  const columns: TableColumnsType<Expense> = [
    { title: '申请时间', dataIndex: 'requestedAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: '司法所', dataIndex: 'officeName', width: 110 },
    { title: '金额（元）', dataIndex: 'amountText', width: 110, align: 'right' },
    { title: '类别', dataIndex: 'categoryLabel', width: 110 },
    {
      title: '用途',
      key: 'purpose',
      render: (_: unknown, e) => (
        <>
          {e.purpose}
          <Typography.Text type="secondary">（{e.dutyTitle}）</Typography.Text>
          {e.decisionNote ? <div>审批意见：{e.decisionNote}</div> : null}
          {e.overrideReason ? (
            <div>
              <Typography.Text type="danger">
                超支审批（{e.overrideByName}）：{e.overrideReason}
              </Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    { title: '申请人', dataIndex: 'requestedByName', width: 150 },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 130,
      render: (v: string, e) => <Tag color={STATUS_COLORS[e.status]}>{v}</Tag>,
    },
    { title: '票据', key: 'receipts', width: 190, render: (_: unknown, e) => <Receipts item={e} /> },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_: unknown, e) => (
        <Space size={4}>
          {e.mayDecide || e.mayOverride ? (
            <Button size="small" type="primary" onClick={() => setDeciding(e)}>
              审批
            </Button>
          ) : null}
          {e.mayPay ? (
            <Button size="small" onClick={() => pay.mutate(e)}>
              登记支付
            </Button>
          ) : null}
        </Space>
      ),
    },
  ]
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <label htmlFor="expense-status">状态</label>
        <Select
          id="expense-status"
          style={{ width: 180 }}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'all', label: '全部' },
            { value: 'pending', label: '待中队长审批' },
            { value: 'awaitingBureau', label: '待局领导审批' },
            { value: 'approved', label: '已批准（未支付）' },
            { value: 'paid', label: '已支付' },
            { value: 'rejected', label: '未批准' },
          ]}
        />
      </Flex>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<Expense>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={columns}
        dataSource={[...(list.data ?? [])]}
        onRow={(e) => rowTestId(`expense-row-${e.id}`)}
        locale={{ emptyText: '没有经费申请' }}
      />
      {deciding ? <DecideDialog item={deciding} onClose={() => setDeciding(null)} /> : null}
    </>
  )
}

function LedgerTab({ year }: { year: number }) {
  const me = useMe()
  const [editing, setEditing] = useState<OfficeRow | null>(null)
  const ledger = useQuery(trpc.budget.ledger.queryOptions({ year }))
  const exporter = useXlsxExport({ mutationFn: () => trpcClient.budget.export.mutate({ year }) })
  const data = ledger.data
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
  const areas = [...new Set((data?.months ?? []).map((m) => m.areaName))]
  const option = {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { data: areas.flatMap((a) => [`${a} 批准`, `${a} 支付`]) },
    grid: { left: 64, right: 24, bottom: 32 },
    xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
    yAxis: { type: 'value', name: '元' },
    series: areas.flatMap((a) => [
      {
        name: `${a} 批准`,
        type: 'bar',
        data: months.map(
          (m) => (data?.months.find((x) => x.areaName === a && x.month === m)?.committed ?? 0) / 100,
        ),
      },
      {
        name: `${a} 支付`,
        type: 'bar',
        data: months.map(
          (m) => (data?.months.find((x) => x.areaName === a && x.month === m)?.spent ?? 0) / 100,
        ),
      },
    ]),
  }
  const columns: TableColumnsType<OfficeRow> = [
    { title: '司法所', dataIndex: 'name' },
    { title: '辖区', dataIndex: 'areaName', width: 110 },
    { title: '年度额度（元）', dataIndex: 'budget', align: 'right', render: (v: number) => yuan(v) },
    { title: '已批准未支付（元）', dataIndex: 'committed', align: 'right', render: (v: number) => yuan(v) },
    { title: '已支付（元）', dataIndex: 'spent', align: 'right', render: (v: number) => yuan(v) },
    {
      title: '余额（元）',
      dataIndex: 'left',
      align: 'right',
      render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : undefined}>{yuan(v)}</Typography.Text>,
    },
    ...(me.role === 'bureauLeader'
      ? [
          {
            title: '操作',
            key: 'a',
            width: 110,
            render: (_: unknown, r: OfficeRow) => (
              <Button size="small" onClick={() => setEditing(r)}>
                录入额度
              </Button>
            ),
          },
        ]
      : []),
  ]
  return (
    <>
      {ledger.isError ? <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} /> : null}
      <Flex gap={16} wrap style={{ marginBottom: 12 }}>
        {(data?.areas ?? []).map((a) => (
          <Card
            key={a.code}
            size="small"
            title={`${a.name}辖区经费池`}
            style={{ minWidth: 320 }}
            data-testid={`pool-${a.code}`}
          >
            <Flex gap={24}>
              <Statistic title="年度合计" value={yuan(a.budget)} />
              <Statistic title="已批准" value={yuan(a.committed)} />
              <Statistic title="已支付" value={yuan(a.spent)} />
              <Statistic
                title="余额"
                value={yuan(a.left)}
                styles={{ content: { color: a.left < 0 ? '#cf1322' : undefined } }}
              />
            </Flex>
          </Card>
        ))}
        <Flex align="end">
          <Button loading={exporter.isPending} onClick={() => exporter.mutate(undefined)}>
            导出Excel
          </Button>
        </Flex>
      </Flex>
      <Table<OfficeRow>
        rowKey="code"
        size="small"
        loading={ledger.isLoading}
        pagination={false}
        columns={columns}
        dataSource={[...(data?.offices ?? [])]}
        onRow={(r) => rowTestId(`ledger-row-${r.code}`)}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        各辖区逐月批准与支付
      </Typography.Title>
      <EChart option={option} label={`${year}年各辖区逐月经费批准与支付`} testId="budget-monthly-chart" />
      {data ? (
        <Typography.Paragraph type="secondary">
          单笔超过 {yuan(data.thresholdFen)} 元的申请，中队长批准后还须局领导审批。
        </Typography.Paragraph>
      ) : null}
      {editing ? <LineDialog row={editing} year={year} onClose={() => setEditing(null)} /> : null}
    </>
  )
}

/**
 * 经费 (policy 四.2): each office keeps its yearly budget; the area's offices' funds are pooled and the
 * squad leader approves their spending; the bureau enters the lines, approves above the threshold and
 * records overspending with a reason.
 */
export default function BudgetPage() {
  const me = useMe()
  const [year, setYear] = useState(() => new Date().getFullYear())
  const [requesting, setRequesting] = useState(false)
  const mayRequest = me.role === 'officeDirector' || me.role === 'squadLeader'
  return (
    <>
      <PageHeader
        title="经费"
        subtitle="各所经费年度额度不变，按辖区统筹使用，由中队长审批辖区内各所支出（四.2）"
        extra={
          <>
            <label htmlFor="budget-year" style={{ alignSelf: 'center' }}>
              年度
            </label>
            <InputNumber
              id="budget-year"
              min={2020}
              max={2100}
              value={year}
              onChange={(v) => v && setYear(v)}
            />
            {mayRequest ? (
              <Button type="primary" onClick={() => setRequesting(true)}>
                经费申请
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small">
        <Tabs
          items={[
            { key: 'requests', label: '经费申请', children: <RequestsTab year={year} /> },
            { key: 'ledger', label: '经费台账', children: <LedgerTab year={year} /> },
          ]}
        />
      </Card>
      {requesting ? <RequestDialog year={year} onClose={() => setRequesting(false)} /> : null}
    </>
  )
}
