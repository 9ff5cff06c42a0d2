import { DISPUTE_TYPES, errorMessage } from '@pingzhan/api/client'
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Radio,
  Segmented,
  Select,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { KeysetTable } from '../components/keyset-table.tsx'
import { Loading } from '../components/loading.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { FormModal } from '../components/record-form.tsx'
import { useXlsxExport } from '../lib/download.ts'
import { formatDate, formatDateTime } from '../lib/format.ts'
import { useOffices } from '../lib/offices.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'
import { useUrlParams } from '../lib/url-params.ts'

type Item = RouterOutputs['mediation']['list']['items'][number]
type Detail = RouterOutputs['mediation']['get']
type Status = Item['status']
type CreateInput = RouterInputs['mediation']['create']

const STATUS: Record<Status, { label: string; color: string }> = {
  accepted: { label: '已受理', color: 'blue' },
  mediating: { label: '调解中', color: 'processing' },
  agreement: { label: '达成协议', color: 'green' },
  failed: { label: '调解不成', color: 'orange' },
  refused: { label: '不予受理', color: 'default' },
}
const FIELD: Record<string, string> = {
  status: '状态',
  summary: '纠纷概况',
  other_party: '对方当事人',
  dispute_type: '纠纷类型',
  agreement_text: '调解协议',
  agreement_date: '协议生效日期',
  confirmation_deadline: '司法确认申请截止',
  failure_note: '终止情况',
  refusal_reason: '不予调解理由',
  refused_by_party: '当事人拒绝调解',
  confirmation_applied_on: '申请司法确认日期',
}
const ACTION: Record<string, string> = {
  accepted: '受理登记',
  refused: '不予受理',
  start: '开始调解',
  edit: '修改',
  agree: '达成调解协议',
  fail: '终止调解',
  partyRefused: '对方拒绝调解',
  confirmationApplied: '双方共同申请司法确认',
}

const PAGE = 20

/** 人民调解法26: the other routes, shown to the director whenever mediation does not take place or fails. */
function Alternatives({ items }: { items: ReadonlyArray<{ route: string; detail: string }> }) {
  return (
    <Alert
      type="info"
      showIcon
      title="应告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利（人民调解法第二十六条）"
      description={
        <ul aria-label="其他解决途径" style={{ margin: 0, paddingInlineStart: 20 }}>
          {items.map((a) => (
            <li key={a.route}>
              <Typography.Text strong>{a.route}</Typography.Text>：{a.detail}
            </li>
          ))}
        </ul>
      }
    />
  )
}

const show = (field: string, v: unknown): string =>
  v === null || v === undefined
    ? '—'
    : field === 'status'
      ? (STATUS[v as Status]?.label ?? String(v))
      : String(v)

export default function MediationPage() {
  const { params, set } = useUrlParams()
  const status = (Object.keys(STATUS) as Status[]).find((s) => s === params.get('status'))
  const openId = params.get('case')
  const me = useMe()
  const [creating, setCreating] = useState(false)
  const list = useInfiniteQuery(
    trpc.mediation.list.infiniteQueryOptions(
      { status, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  )
  const exporter = useXlsxExport(trpc.mediation.export.mutationOptions())
  const writer = me.role === 'officeDirector' || me.role === 'bureauAdmin'
  const columns: TableColumnsType<Item> = [
    {
      title: '案件编号',
      dataIndex: 'caseNo',
      width: 170,
      render: (v: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => set('case', r.id)}>
          {v}
        </Button>
      ),
    },
    { title: '司法所', dataIndex: 'officeName', width: 120 },
    { title: '当事人', key: 'parties', render: (_: unknown, r) => `${r.applicantName} — ${r.otherParty}` },
    { title: '纠纷类型', dataIndex: 'disputeType', width: 100 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (v: Status, r) => (
        <Flex gap={4} wrap>
          <Tag color={STATUS[v].color}>{STATUS[v].label}</Tag>
          {r.overTarget ? <Tag color="red">已超一个月</Tag> : null}
        </Flex>
      ),
    },
    {
      title: '调解期限',
      dataIndex: 'targetDate',
      width: 120,
      render: (v: string, r) => (r.targetProvisional ? `${v}（暂定）` : v),
    },
    {
      title: '司法确认申请截止',
      dataIndex: 'confirmationDeadline',
      width: 150,
      render: (v: string | null) => v ?? '—',
    },
  ]
  return (
    <>
      <PageHeader
        title="人民调解"
        subtitle="司法所平时职责②“指导辖区调解工作”的案件登记：受理、调解、协议与司法确认期限。"
        extra={
          <Flex gap={8}>
            {writer ? (
              <Button type="primary" onClick={() => setCreating(true)}>
                登记案件
              </Button>
            ) : null}
            <Button loading={exporter.isPending} onClick={() => exporter.mutate(status ? { status } : {})}>
              导出Excel
            </Button>
          </Flex>
        }
      />
      <Segmented<string>
        aria-label="案件状态"
        style={{ marginBottom: 16 }}
        value={status ?? 'all'}
        onChange={(v) => set('status', v === 'all' ? null : v)}
        options={[
          { value: 'all', label: '全部' },
          ...(Object.keys(STATUS) as Status[]).map((s) => ({ value: s, label: STATUS[s].label })),
        ]}
      />
      <KeysetTable<Item>
        list={list}
        columns={columns}
        testId={(r) => `mediation-row-${r.caseNo}`}
        empty="暂无调解案件"
      />
      <CreateModal open={creating} onClose={() => setCreating(false)} />
      <Drawer
        open={openId !== null}
        onClose={() => set('case', null)}
        title="调解案件"
        size={640}
        destroyOnHidden
      >
        {openId ? <CaseView id={openId} writer={writer} /> : null}
      </Drawer>
    </>
  )
}

function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe()
  const { message, modal } = App.useApp()
  const [form] = Form.useForm<CreateInput & { refuse: 'no' | 'party' | 'court' | 'police' | 'agency' }>()
  const offices = useOffices(me.role === 'bureauAdmin')
  const people = useQuery({ ...trpc.org.assignees.queryOptions({}), enabled: open })
  const refuse = Form.useWatch('refuse', form)
  const create = useMutation({
    ...trpc.mediation.create.mutationOptions(),
    onSuccess: (r) => {
      void message.success(
        r.taskId ? `已受理，案件编号 ${r.caseNo}，已生成调解任务` : `已登记为不予受理（${r.caseNo}）`,
      )
      if (r.alternatives)
        modal.info({
          title: `对方当事人明确拒绝调解，不予调解（${r.caseNo}）`,
          content: <Alternatives items={r.alternatives} />,
          okText: '已告知当事人',
          width: 560,
        })
      void queryClient.invalidateQueries({ queryKey: trpc.mediation.pathKey() })
      form.resetFields()
      onClose()
    },
  })
  return (
    <FormModal
      open={open}
      title="登记人民调解案件"
      okText="登记"
      onClose={onClose}
      pending={create.isPending}
      error={create.error}
      form={form}
      name="mediation-create"
      initialValues={{ source: 'walk_in', refuse: 'no', disputeType: '邻里纠纷' }}
      onFinish={(v) => {
        const { refuse: r, ...rest } = v
        create.mutate({
          ...rest,
          ...(r === 'party' ? { otherPartyRefused: true } : r !== 'no' ? { handledElsewhere: r } : {}),
          ...(me.role === 'officeDirector' ? { officeCode: undefined } : {}),
        })
      }}
    >
      {me.role === 'bureauAdmin' ? (
        <Form.Item label="司法所" name="officeCode" rules={[{ required: true, message: '请选择司法所' }]}>
          <Select options={(offices.data ?? []).map((o) => ({ value: o.code, label: o.name }))} />
        </Form.Item>
      ) : null}
      <Form.Item label="来源" name="source">
        <Radio.Group
          options={[
            { value: 'walk_in', label: '来所申请' },
            { value: 'kiosk', label: '自助终端' },
          ]}
        />
      </Form.Item>
      <Form.Item
        label="申请人"
        name="applicantName"
        rules={[{ required: true, whitespace: true, message: '请填写申请人' }]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item
        label="对方当事人"
        name="otherParty"
        rules={[{ required: true, whitespace: true, message: '请填写对方当事人' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="纠纷类型" name="disputeType">
        <Select options={DISPUTE_TYPES.map((t) => ({ value: t, label: t }))} />
      </Form.Item>
      <Form.Item
        label="纠纷概况"
        name="summary"
        rules={[{ required: true, whitespace: true, min: 5, message: '请填写纠纷概况（至少 5 个字）' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item
        label="是否不予调解"
        name="refuse"
        extra="当事人一方明确拒绝调解的，不得调解（人民调解法第十七条）；人民法院、公安机关或其他行政机关已经受理或者解决的纠纷，不予受理（人民调解工作若干规定第二十二条）"
      >
        <Radio.Group
          options={[
            { value: 'no', label: '否，受理调解' },
            { value: 'party', label: '对方明确拒绝调解' },
            { value: 'court', label: '人民法院' },
            { value: 'police', label: '公安机关' },
            { value: 'agency', label: '其他行政机关' },
          ]}
        />
      </Form.Item>
      {refuse === 'no' || refuse === undefined ? (
        <Form.Item label="承办人员" name="assigneeId" rules={[{ required: true, message: '请选择承办人员' }]}>
          <Select
            options={(people.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.displayName}（${p.unitName}）`,
            }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      ) : null}
    </FormModal>
  )
}

function CaseView({ id, writer }: { id: string; writer: boolean }) {
  const c = useQuery(trpc.mediation.get.queryOptions({ id }))
  if (c.isPending) return <Loading />
  if (c.isError) return <QueryError error={c.error} onRetry={() => void c.refetch()} />
  const d = c.data
  return (
    <Flex vertical gap={16}>
      {d.overTarget ? (
        <Alert
          type="warning"
          showIcon
          title={`已超过一个月调解期限（${d.targetDate}），请抓紧调结（人民调解工作若干规定第三十三条）`}
        />
      ) : null}
      {d.status === 'agreement' && d.confirmationDeadline ? (
        <Alert
          type="info"
          showIcon
          title={
            d.confirmationAppliedOn
              ? `双方当事人已于 ${d.confirmationAppliedOn} 共同申请司法确认（人民调解法第三十三条）`
              : `双方当事人可在 ${d.confirmationDeadline}${d.confirmationProvisional ? '（暂定：该年度节假日安排尚未录入）' : ''} 前共同向人民法院申请司法确认（人民调解法第三十三条）`
          }
        />
      ) : null}
      {d.alternatives ? <Alternatives items={d.alternatives} /> : null}
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'no', label: '案件编号', children: d.caseNo },
          { key: 'office', label: '司法所', children: d.officeName },
          {
            key: 'status',
            label: '状态',
            children: <Tag color={STATUS[d.status].color}>{STATUS[d.status].label}</Tag>,
          },
          { key: 'parties', label: '当事人', children: `${d.applicantName} — ${d.otherParty}` },
          { key: 'type', label: '纠纷类型', children: d.disputeType },
          {
            key: 'summary',
            label: '纠纷概况',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.summary}</span>,
          },
          { key: 'accepted', label: '受理时间', children: formatDateTime(d.acceptedAt) },
          {
            key: 'target',
            label: '调解期限',
            children: d.targetProvisional
              ? `${d.targetDate}（暂定：该年度节假日安排尚未录入）`
              : d.targetDate,
          },
          ...(d.refusalReason
            ? [
                {
                  key: 'refusal',
                  label: d.refusedByParty ? '不予调解理由' : '不予受理理由',
                  children: d.refusalReason,
                },
              ]
            : []),
          ...(d.agreementText ? [{ key: 'agreement', label: '调解协议', children: d.agreementText }] : []),
          ...(d.agreementDate ? [{ key: 'adate', label: '协议生效日期', children: d.agreementDate }] : []),
          ...(d.failureNote ? [{ key: 'fail', label: '终止调解情况', children: d.failureNote }] : []),
        ]}
      />
      {writer && (d.status === 'accepted' || d.status === 'mediating') ? <CaseActions d={d} /> : null}
      {writer && d.status === 'agreement' && !d.confirmationAppliedOn ? <ConfirmationForm d={d} /> : null}
      <div>
        <Typography.Title level={5}>修改记录</Typography.Title>
        <Timeline
          items={d.history.map((h, i) => ({
            key: `${h.at}-${i}`,
            title: formatDateTime(h.at),
            content: (
              <>
                <Typography.Text strong>{ACTION[h.kind] ?? h.kind}</Typography.Text>
                <Typography.Text type="secondary"> · {h.actorName}</Typography.Text>
                {Object.entries(h.changes).map(([k, [before, after]]) => (
                  <div key={k}>
                    {FIELD[k] ?? k}：{show(k, before)} → {show(k, after)}
                  </div>
                ))}
              </>
            ),
          }))}
        />
      </div>
    </Flex>
  )
}

function CaseActions({ d }: { d: Detail }) {
  const { message } = App.useApp()
  const [mode, setMode] = useState<'none' | 'agree' | 'fail' | 'edit' | 'partyRefused'>('none')
  const [form] = Form.useForm<{
    agreementText?: string
    agreementDate?: Dayjs
    failureNote?: string
    summary?: string
    refusalNote?: string
  }>()
  const update = useMutation({
    ...trpc.mediation.update.mutationOptions(),
    onSuccess: () => {
      void message.success('已保存')
      setMode('none')
      form.resetFields()
      void queryClient.invalidateQueries({ queryKey: trpc.mediation.pathKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
    },
  })
  return (
    <Flex vertical gap={8}>
      {update.error ? <Alert type="error" showIcon title={errorMessage(update.error)} role="alert" /> : null}
      <Flex gap={8} wrap>
        {d.status === 'accepted' ? (
          <Button onClick={() => update.mutate({ id: d.id, version: d.version, action: 'start' })}>
            开始调解
          </Button>
        ) : null}
        <Button type="primary" onClick={() => setMode('agree')}>
          达成协议
        </Button>
        <Button onClick={() => setMode('fail')}>调解不成</Button>
        {d.status === 'accepted' ? (
          <Button onClick={() => setMode('partyRefused')}>对方拒绝调解</Button>
        ) : null}
        <Button onClick={() => setMode('edit')}>修改概况</Button>
      </Flex>
      {mode !== 'none' ? (
        <Form
          form={form}
          layout="vertical"
          name="mediation-update"
          initialValues={{ summary: d.summary }}
          onFinish={(v) =>
            update.mutate({
              id: d.id,
              version: d.version,
              action: mode,
              ...(v.agreementText ? { agreementText: v.agreementText.trim() } : {}),
              ...(v.agreementDate ? { agreementDate: v.agreementDate.format('YYYY-MM-DD') } : {}),
              ...(v.failureNote ? { failureNote: v.failureNote.trim() } : {}),
              ...(mode === 'edit' && v.summary ? { summary: v.summary.trim() } : {}),
              ...(mode === 'partyRefused' && v.refusalNote ? { refusalNote: v.refusalNote.trim() } : {}),
            })
          }
        >
          {mode === 'agree' ? (
            <>
              <Form.Item
                label="调解协议内容"
                name="agreementText"
                rules={[{ required: true, min: 5, message: '请填写调解协议内容' }]}
              >
                <Input.TextArea rows={3} maxLength={4000} />
              </Form.Item>
              <Form.Item
                label="协议生效日期"
                name="agreementDate"
                rules={[{ required: true, message: '请选择协议生效日期' }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          ) : null}
          {mode === 'fail' ? (
            <Form.Item
              label="终止调解情况"
              name="failureNote"
              extra="应告知当事人可依法通过仲裁、行政、司法等途径维护权利（人民调解法第二十六条）"
              rules={[{ required: true, min: 5, message: '请填写终止调解的情况' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          ) : null}
          {mode === 'partyRefused' ? (
            <Form.Item
              label="拒绝调解情况"
              name="refusalNote"
              extra="首次联系时对方当事人明确拒绝调解的，不得调解（人民调解法第十七条），案件即终结，并告知申请人其他解决途径"
            >
              <Input.TextArea
                rows={2}
                maxLength={500}
                placeholder="如：电话联系对方，对方明确表示不同意调解"
              />
            </Form.Item>
          ) : null}
          {mode === 'edit' ? (
            <Form.Item
              label="纠纷概况"
              name="summary"
              rules={[{ required: true, min: 5, message: '请填写纠纷概况' }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          ) : null}
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              保存
            </Button>
            <Button onClick={() => setMode('none')}>取消</Button>
          </Flex>
        </Form>
      ) : null}
      <Typography.Text type="secondary">受理日期 {formatDate(d.acceptedAt)}</Typography.Text>
    </Flex>
  )
}

/** 人民调解法33: only both parties together may apply for judicial confirmation, within the window. */
function ConfirmationForm({ d }: { d: Detail }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ applicants: 'joint' | 'single'; appliedOn: Dayjs }>()
  const apply = useMutation({
    ...trpc.mediation.applyConfirmation.mutationOptions(),
    onSuccess: () => {
      void message.success('已登记司法确认申请')
      void queryClient.invalidateQueries({ queryKey: trpc.mediation.pathKey() })
    },
  })
  return (
    <Form
      form={form}
      layout="vertical"
      name="mediation-confirmation"
      initialValues={{ applicants: 'joint' }}
      onFinish={(v) =>
        apply.mutate({
          id: d.id,
          version: d.version,
          applicants: v.applicants,
          appliedOn: v.appliedOn.format('YYYY-MM-DD'),
        })
      }
    >
      <Typography.Title level={5}>登记司法确认申请</Typography.Title>
      {apply.error ? <Alert type="error" showIcon title={errorMessage(apply.error)} role="alert" /> : null}
      <Form.Item
        label="申请人"
        name="applicants"
        extra="须由双方当事人共同向人民法院申请（人民调解法第三十三条）"
      >
        <Radio.Group
          options={[
            { value: 'joint', label: '双方当事人共同申请' },
            { value: 'single', label: '一方当事人单独申请' },
          ]}
        />
      </Form.Item>
      <Form.Item label="申请日期" name="appliedOn" rules={[{ required: true, message: '请选择申请日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Button htmlType="submit" loading={apply.isPending}>
        登记申请
      </Button>
    </Form>
  )
}
