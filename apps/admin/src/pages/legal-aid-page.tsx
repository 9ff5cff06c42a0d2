import { errorMessage } from '@pingzhan/api/client'
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
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { KeysetTable } from '../components/keyset-table.tsx'
import { Loading } from '../components/loading.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { FormModal } from '../components/record-form.tsx'
import { RegisterHistory } from '../components/register-history.tsx'
import { downloadBase64, useXlsxExport } from '../lib/download.ts'
import { formatDateTime } from '../lib/format.ts'
import { useOffices } from '../lib/offices.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'
import { useUrlParams } from '../lib/url-params.ts'

type Item = RouterOutputs['legalAid']['list']['items'][number]
type Detail = RouterOutputs['legalAid']['get']
type Status = Item['status']
type CreateInput = RouterInputs['legalAid']['create']
type Matter = CreateInput['matterType']

const STATUS: Record<Status, { label: string; color: string }> = {
  received: { label: '已接收', color: 'blue' },
  awaiting_materials: { label: '待补充材料', color: 'gold' },
  forwarded: { label: '已转交法律援助中心', color: 'processing' },
  granted: { label: '决定给予援助', color: 'green' },
  refused: { label: '决定不予援助', color: 'default' },
  withdrawn: { label: '视为撤回', color: 'default' },
}
// 法律援助法 24, 25, 31 (the full wording comes back from the server as matterLabel)
const MATTERS: ReadonlyArray<[Matter, string]> = [
  ['criminal.24', '刑事：没有委托辩护人申请辩护（第24条）'],
  ['criminal.25', '刑事：应当通知辩护的情形（第25条）'],
  ['civil.31.1', '请求国家赔偿（第31条第1项）'],
  ['civil.31.2', '社会保险待遇或社会救助（第31条第2项）'],
  ['civil.31.3', '请求发给抚恤金（第31条第3项）'],
  ['civil.31.4', '赡养费、抚养费、扶养费（第31条第4项）'],
  ['civil.31.5', '确认劳动关系或支付劳动报酬（第31条第5项）'],
  ['civil.31.6', '认定无民事行为能力或限制民事行为能力（第31条第6项）'],
  ['civil.31.7', '工伤、交通、食品药品、医疗事故人身损害赔偿（第31条第7项）'],
  ['civil.31.8', '环境污染、生态破坏损害赔偿（第31条第8项）'],
  ['civil.31.9', '法律、法规、规章规定的其他情形（第31条第9项）'],
]
const ECONOMIC: ReadonlyArray<[NonNullable<CreateInput['economicWaiver']>, string]> = [
  ['32.1', '英雄烈士近亲属维护英雄烈士人格权益'],
  ['32.2', '因见义勇为行为主张相关民事权益'],
  ['32.3', '再审改判无罪请求国家赔偿'],
  ['32.4', '遭受虐待、遗弃或者家庭暴力的受害人主张相关权益'],
  ['32.5', '法律、法规、规章规定的其他情形'],
]
const HARDSHIP: ReadonlyArray<[NonNullable<CreateInput['hardshipWaiver']>, string]> = [
  ['42.1', '无固定生活来源的未成年人、老年人、残疾人等'],
  ['42.2', '社会救助、司法救助或者优抚对象'],
  ['42.3', '申请支付劳动报酬或工伤赔偿的进城务工人员'],
  ['42.4', '法律、法规、规章规定的其他人员'],
]
const FIELD: Record<string, string> = {
  status: '状态',
  applicant_name: '申请人',
  summary: '案情简述',
  matter_type: '援助事项',
  economic_waiver: '免予经济困难条件',
  hardship_waiver: '免予核查经济困难',
  waiver_note: '所依据的规定',
  missing_materials_json: '需补充材料',
  materials_notified_on: '告知日期',
  materials_due: '补充截止日期',
  materials_supplied_on: '补齐日期',
  decision_deadline: '决定期限',
  forwarded_at: '转交时间',
  decision_date: '决定日期',
  designation_due: '指派期限',
  designated_person: '被指派的法律援助人员',
  designated_on: '指派日期',
  applicant_notified_on: '通知申请人日期',
  refusal_notified_on: '书面告知日期',
  decision_note: '决定说明',
}
const ACTION: Record<string, string> = {
  received: '接收申请',
  edit: '修改',
  notifyMissing: '一次性告知补充材料',
  supplyMaterials: '材料已补齐',
  deemWithdrawn: '视为撤回',
  forward: '转交县法律援助中心',
  decide: '登记援助决定',
  designate: '登记指派法律援助人员',
  'notice.designation': '出具指派通知书',
  'notice.refusal': '出具不予法律援助通知书',
}
const show = (field: string, v: unknown): string => {
  if (field === 'status') return STATUS[v as Status]?.label ?? String(v)
  if (field === 'missing_materials_json') return (JSON.parse(String(v)) as string[]).join('、')
  if (field === 'forwarded_at') return formatDateTime(String(v))
  return String(v)
}
const PAGE = 20

function Clock({ item }: { item: Item }) {
  if (item.clockPaused) return <Tag color="gold">补充材料期间暂停计时</Tag>
  if (item.daysLeft === null) return <Typography.Text type="secondary">—</Typography.Text>
  if (item.decisionOverdue) return <Tag color="red">已超过决定期限</Tag>
  return <Tag color={item.daysLeft <= 2 ? 'orange' : 'blue'}>剩 {item.daysLeft} 天</Tag>
}

export default function LegalAidPage() {
  const { params, set } = useUrlParams()
  const status = (Object.keys(STATUS) as Status[]).find((s) => s === params.get('status'))
  const matterType = MATTERS.map(([m]) => m).find((m) => m === params.get('matter'))
  const openId = params.get('case')
  const me = useMe()
  const [creating, setCreating] = useState(false)
  const filter = { ...(status ? { status } : {}), ...(matterType ? { matterType } : {}) }
  const list = useInfiniteQuery(
    trpc.legalAid.list.infiniteQueryOptions(
      { ...filter, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  )
  const exporter = useXlsxExport(trpc.legalAid.export.mutationOptions())
  const writer = me.role === 'officeDirector' || me.role === 'bureauAdmin'
  const columns: TableColumnsType<Item> = [
    {
      title: '申请编号',
      dataIndex: 'caseNo',
      width: 170,
      render: (v: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => set('case', r.id)}>
          {v}
        </Button>
      ),
    },
    { title: '司法所', dataIndex: 'officeName', width: 110 },
    { title: '申请人', dataIndex: 'applicantName', width: 100 },
    { title: '援助事项', dataIndex: 'matterLabel', ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 200,
      render: (v: Status, r) => (
        <Flex gap={4} wrap>
          <Tag color={STATUS[v].color}>{STATUS[v].label}</Tag>
          {r.detained ? <Tag color={r.forwardOverdue ? 'red' : 'purple'}>在押</Tag> : null}
        </Flex>
      ),
    },
    { title: '决定期限', dataIndex: 'decisionDeadline', width: 110 },
    { title: '计时', key: 'clock', width: 150, render: (_: unknown, r) => <Clock item={r} /> },
  ]
  return (
    <>
      <PageHeader
        title="法律援助"
        subtitle="司法所平时职责④“协助开展法律援助”：受理申请、一次性告知补充材料、转交县法律援助中心，跟踪七日决定期限。"
        extra={
          <Flex gap={8}>
            {writer ? (
              <Button type="primary" onClick={() => setCreating(true)}>
                登记申请
              </Button>
            ) : null}
            <Button loading={exporter.isPending} onClick={() => exporter.mutate(filter)}>
              导出Excel
            </Button>
          </Flex>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Segmented<string>
          aria-label="申请状态"
          value={status ?? 'all'}
          onChange={(v) => set('status', v === 'all' ? null : v)}
          options={[
            { value: 'all', label: '全部' },
            ...(Object.keys(STATUS) as Status[]).map((s) => ({ value: s, label: STATUS[s].label })),
          ]}
        />
        <Select
          aria-label="援助事项"
          allowClear
          placeholder="全部援助事项"
          style={{ width: 300 }}
          value={matterType}
          onChange={(v?: string) => set('matter', v ?? null)}
          options={MATTERS.map(([value, label]) => ({ value, label }))}
        />
      </Flex>
      <KeysetTable<Item>
        list={list}
        columns={columns}
        testId={(r) => `legal-aid-row-${r.caseNo}`}
        empty="暂无法律援助申请"
      />
      <CreateModal open={creating} onClose={() => setCreating(false)} />
      <Drawer
        open={openId !== null}
        onClose={() => set('case', null)}
        title="法律援助申请"
        size={680}
        destroyOnHidden
      >
        {openId ? <CaseView id={openId} writer={writer} /> : null}
      </Drawer>
    </>
  )
}

type CreateForm = Omit<CreateInput, 'missingMaterials' | 'materialsDue' | 'detained'> & {
  detained: 'yes' | 'no'
  materialsText?: string
  materialsDue?: Dayjs
}

const materialsOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\n；;]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)

function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe()
  const { message } = App.useApp()
  const [form] = Form.useForm<CreateForm>()
  const offices = useOffices(me.role === 'bureauAdmin')
  const people = useQuery({ ...trpc.org.assignees.queryOptions({}), enabled: open })
  const create = useMutation({
    ...trpc.legalAid.create.mutationOptions(),
    onSuccess: (r) => {
      void message.success(`已登记，申请编号 ${r.caseNo}，已生成受理转交任务`)
      void queryClient.invalidateQueries({ queryKey: trpc.legalAid.pathKey() })
      form.resetFields()
      onClose()
    },
  })
  return (
    <FormModal
      open={open}
      title="登记法律援助申请"
      okText="登记"
      onClose={onClose}
      pending={create.isPending}
      error={create.error}
      width={640}
      form={form}
      name="legal-aid-create"
      initialValues={{ detained: 'no', matterType: 'civil.31.5' }}
      onFinish={(v) => {
        const { materialsText, materialsDue, detained, ...rest } = v
        const materials = materialsOf(materialsText)
        create.mutate({
          ...rest,
          detained: detained === 'yes',
          ...(materials.length > 0 ? { missingMaterials: materials } : {}),
          ...(materialsDue ? { materialsDue: materialsDue.format('YYYY-MM-DD') } : {}),
          ...(me.role === 'officeDirector' ? { officeCode: undefined } : {}),
        })
      }}
    >
      {me.role === 'bureauAdmin' ? (
        <Form.Item label="司法所" name="officeCode" rules={[{ required: true, message: '请选择司法所' }]}>
          <Select options={(offices.data ?? []).map((o) => ({ value: o.code, label: o.name }))} />
        </Form.Item>
      ) : null}
      <Form.Item
        label="申请人"
        name="applicantName"
        rules={[{ required: true, whitespace: true, message: '请填写申请人' }]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item label="援助事项" name="matterType">
        <Select options={MATTERS.map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item
        label="案情简述"
        name="summary"
        rules={[{ required: true, whitespace: true, min: 5, message: '请填写案情简述（至少 5 个字）' }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item
        label="申请人是否被羁押"
        name="detained"
        extra="被羁押的犯罪嫌疑人、被告人、服刑人员等提出申请的，应在二十四小时内转交法律援助机构（法律援助法第三十九条）"
      >
        <Radio.Group
          options={[
            { value: 'no', label: '否' },
            { value: 'yes', label: '是' },
          ]}
        />
      </Form.Item>
      <Form.Item label="免予经济困难条件的情形（第三十二条）" name="economicWaiver">
        <Select
          allowClear
          placeholder="不适用"
          options={ECONOMIC.map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item label="免予核查经济困难的情形（第四十二条）" name="hardshipWaiver">
        <Select
          allowClear
          placeholder="不适用"
          options={HARDSHIP.map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
      <Form.Item label="所依据的规定" name="waiverNote" extra="选择“其他情形”时必填">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        label="需补充的材料"
        name="materialsText"
        extra="材料不齐全的，每行列一项，一次性告知申请人（法律援助法第四十三条）；材料齐全则留空"
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item label="补充材料截止日期" name="materialsDue">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="承办人员" name="handlerId" rules={[{ required: true, message: '请选择承办人员' }]}>
        <Select
          options={(people.data ?? []).map((p) => ({
            value: p.id,
            label: `${p.displayName}（${p.unitName}）`,
          }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
    </FormModal>
  )
}

function CaseView({ id, writer }: { id: string; writer: boolean }) {
  const c = useQuery(trpc.legalAid.get.queryOptions({ id }))
  if (c.isPending) return <Loading />
  if (c.isError) return <QueryError error={c.error} onRetry={() => void c.refetch()} />
  const d = c.data
  const open = d.status === 'received' || d.status === 'awaiting_materials' || d.status === 'forwarded'
  return (
    <Flex vertical gap={16}>
      {d.status === 'awaiting_materials' ? (
        <Alert
          type="warning"
          showIcon
          title={`已一次性告知补充材料${d.clockPaused ? '，补充期间暂停计时' : '（按本局规则，补充期间照常计时）'}；申请人应在 ${d.materialsDue} 前补齐，逾期未补充的视为撤回申请（法律援助法第四十三条）`}
        />
      ) : null}
      {d.daysLeft !== null ? (
        <Alert
          type={d.decisionOverdue ? 'error' : 'info'}
          showIcon
          title={
            d.decisionOverdue
              ? `已超过决定期限 ${d.decisionDeadline}（法律援助法第四十三条：收到申请之日起七日内作出决定）`
              : `县法律援助中心应在 ${d.decisionDeadline} 前作出是否给予法律援助的决定，还剩 ${d.daysLeft} 天（法律援助法第四十三条）`
          }
        />
      ) : null}
      {d.deadlineProvisional ? (
        <Alert
          type="warning"
          showIcon
          title="工作日历缺少该年度节假日安排，决定期限未按节假日顺延，仅供参考；请在“期限规则”中录入当年安排"
        />
      ) : null}
      {d.detained && d.forwardDueAt && d.forwardedAt === null ? (
        <Alert
          type={d.forwardOverdue ? 'error' : 'warning'}
          showIcon
          title={`申请人被羁押：应在 ${formatDateTime(d.forwardDueAt)} 前转交县法律援助中心（二十四小时，法律援助法第三十九条）`}
        />
      ) : null}
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'no', label: '申请编号', children: d.caseNo },
          { key: 'office', label: '司法所', children: d.officeName },
          {
            key: 'status',
            label: '状态',
            children: <Tag color={STATUS[d.status].color}>{STATUS[d.status].label}</Tag>,
          },
          {
            key: 'applicant',
            label: '申请人',
            children: `${d.applicantName}${d.detained ? '（在押）' : ''}`,
          },
          { key: 'matter', label: '援助事项', children: d.matterLabel },
          {
            key: 'summary',
            label: '案情简述',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.summary}</span>,
          },
          { key: 'economic', label: '免予经济困难条件', children: d.economicWaiverLabel ?? '不适用' },
          { key: 'hardship', label: '免予核查经济困难', children: d.hardshipWaiverLabel ?? '不适用' },
          ...(d.waiverNote ? [{ key: 'note', label: '所依据的规定', children: d.waiverNote }] : []),
          { key: 'received', label: '接收时间', children: formatDateTime(d.receivedAt) },
          { key: 'deadline', label: '决定期限', children: d.decisionDeadline },
          ...(d.missingMaterials
            ? [
                {
                  key: 'materials',
                  label: '需补充材料',
                  children: `${d.missingMaterials.join('、')}（${d.materialsNotifiedOn} 告知，${d.materialsDue} 前补齐${d.materialsSuppliedOn ? `；${d.materialsSuppliedOn} 已补齐` : ''}）`,
                },
              ]
            : []),
          ...(d.forwardedAt
            ? [{ key: 'fwd', label: '转交时间', children: formatDateTime(d.forwardedAt) }]
            : []),
          ...(d.decisionDate
            ? [
                {
                  key: 'dec',
                  label: '决定日期',
                  children: `${d.decisionDate}${d.decisionNote ? `：${d.decisionNote}` : ''}`,
                },
              ]
            : []),
        ]}
      />
      {writer && open ? <CaseActions d={d} /> : null}
      {d.status === 'granted' || d.status === 'refused' ? <AfterDecision d={d} writer={writer} /> : null}
      <RegisterHistory history={d.history} actions={ACTION} fields={FIELD} show={show} />
    </Flex>
  )
}

type Mode = 'none' | 'notifyMissing' | 'decide' | 'edit'

function CaseActions({ d }: { d: Detail }) {
  const { message } = App.useApp()
  const [mode, setMode] = useState<Mode>('none')
  const [form] = Form.useForm<{
    materialsText?: string
    materialsDue?: Dayjs
    decision?: 'granted' | 'refused'
    decisionDate?: Dayjs
    decisionNote?: string
    summary?: string
  }>()
  const update = useMutation({
    ...trpc.legalAid.update.mutationOptions(),
    onSuccess: () => {
      void message.success('已保存')
      setMode('none')
      form.resetFields()
      void queryClient.invalidateQueries({ queryKey: trpc.legalAid.pathKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
    },
  })
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
  const base = { id: d.id, version: d.version }
  return (
    <Flex vertical gap={8}>
      {update.error ? <Alert type="error" showIcon title={errorMessage(update.error)} role="alert" /> : null}
      <Flex gap={8} wrap>
        {d.status === 'received' && d.materialsNotifiedOn === null ? (
          <Button onClick={() => setMode('notifyMissing')}>一次性告知补充材料</Button>
        ) : null}
        {d.status === 'awaiting_materials' ? (
          <Button type="primary" onClick={() => update.mutate({ ...base, action: 'supplyMaterials' })}>
            材料已补齐
          </Button>
        ) : null}
        {d.status === 'awaiting_materials' && d.materialsDue !== null && today > d.materialsDue ? (
          <Button danger onClick={() => update.mutate({ ...base, action: 'deemWithdrawn' })}>
            视为撤回
          </Button>
        ) : null}
        {d.status === 'received' ? (
          <Button type="primary" onClick={() => update.mutate({ ...base, action: 'forward' })}>
            转交县法律援助中心
          </Button>
        ) : null}
        {d.status === 'forwarded' ? (
          <Button type="primary" onClick={() => setMode('decide')}>
            登记援助决定
          </Button>
        ) : null}
        <Button onClick={() => setMode('edit')}>修改案情</Button>
      </Flex>
      {mode !== 'none' ? (
        <Form
          form={form}
          layout="vertical"
          name="legal-aid-update"
          initialValues={{ summary: d.summary, decision: 'granted' }}
          onFinish={(v) => {
            if (mode === 'notifyMissing')
              update.mutate({
                ...base,
                action: mode,
                missingMaterials: materialsOf(v.materialsText),
                ...(v.materialsDue ? { materialsDue: v.materialsDue.format('YYYY-MM-DD') } : {}),
              })
            else if (mode === 'decide')
              update.mutate({
                ...base,
                action: mode,
                ...(v.decision ? { decision: v.decision } : {}),
                ...(v.decisionDate ? { decisionDate: v.decisionDate.format('YYYY-MM-DD') } : {}),
                ...(v.decisionNote ? { decisionNote: v.decisionNote.trim() } : {}),
              })
            else
              update.mutate({ ...base, action: 'edit', ...(v.summary ? { summary: v.summary.trim() } : {}) })
          }}
        >
          {mode === 'notifyMissing' ? (
            <>
              <Form.Item
                label="需补充的材料"
                name="materialsText"
                extra="每行一项；只能一次性告知，告知后不能追加（法律援助法第四十三条）"
                rules={[{ required: true, message: '请列明需要补充的材料' }]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item
                label="补充材料截止日期"
                name="materialsDue"
                rules={[{ required: true, message: '请选择截止日期' }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          ) : null}
          {mode === 'decide' ? (
            <>
              <Form.Item label="援助决定" name="decision">
                <Radio.Group
                  options={[
                    { value: 'granted', label: '给予法律援助' },
                    { value: 'refused', label: '不予法律援助' },
                  ]}
                />
              </Form.Item>
              <Form.Item
                label="决定日期"
                name="decisionDate"
                rules={[{ required: true, message: '请选择决定日期' }]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label="决定说明" name="decisionNote" extra="不予援助的，应书面告知申请人并说明理由">
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </>
          ) : null}
          {mode === 'edit' ? (
            <Form.Item
              label="案情简述"
              name="summary"
              rules={[{ required: true, min: 5, message: '请填写案情简述' }]}
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
    </Flex>
  )
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/**
 * 法律援助法43 after the decision: a grant — legal-aid personnel designated within 3 days (a task of the
 * office) and the applicant notified; a refusal — notified in writing with its reason.
 */
function AfterDecision({ d, writer }: { d: Detail; writer: boolean }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ designatedPerson: string; designatedOn: Dayjs }>()
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.legalAid.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
  }
  const designate = useMutation({
    ...trpc.legalAid.designate.mutationOptions(),
    onSuccess: (r) => {
      void message.success(r.overdue ? '已登记指派（已超过三日期限）' : '已登记指派')
      refresh()
    },
  })
  const notice = useMutation({
    ...trpc.legalAid.notice.mutationOptions(),
    onSuccess: (r) => {
      downloadBase64(r.filename, r.contentBase64, DOCX_TYPE)
      refresh()
    },
  })
  const error = designate.error ?? notice.error
  return (
    <Flex vertical gap={8}>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} role="alert" /> : null}
      {d.status === 'granted' && d.designationDue ? (
        <Alert
          type={d.designationOverdue ? 'error' : d.designatedOn ? 'success' : 'info'}
          showIcon
          title={
            d.designatedOn
              ? `已于 ${d.designatedOn} 指派 ${d.designatedPerson}${d.designationOverdue ? '（超过三日期限）' : ''}${d.applicantNotifiedOn ? `；${d.applicantNotifiedOn} 已通知申请人` : '；尚未通知申请人'}`
              : `应在 ${d.designationDue}${d.designationProvisional ? '（暂定：该年度节假日安排尚未录入）' : ''} 前指派法律援助人员（法律援助法第四十三条：自作出决定之日起三日内）`
          }
        />
      ) : null}
      {d.status === 'refused' ? (
        <Alert
          type={d.refusalNotifiedOn ? 'success' : 'warning'}
          showIcon
          title={
            d.refusalNotifiedOn
              ? `已于 ${d.refusalNotifiedOn} 书面告知申请人不予法律援助的理由`
              : '决定不给予法律援助的，应当书面告知申请人并说明理由（法律援助法第四十三条）'
          }
        />
      ) : null}
      {writer && d.status === 'granted' && !d.designatedOn ? (
        <Form
          form={form}
          layout="vertical"
          name="legal-aid-designate"
          onFinish={(v) =>
            designate.mutate({
              id: d.id,
              version: d.version,
              designatedPerson: v.designatedPerson.trim(),
              designatedOn: v.designatedOn.format('YYYY-MM-DD'),
            })
          }
        >
          <Form.Item
            label="被指派的法律援助人员"
            name="designatedPerson"
            rules={[{ required: true, whitespace: true, message: '请填写被指派的法律援助人员及其所在机构' }]}
          >
            <Input maxLength={100} placeholder="如：山东某律师事务所 张律师" />
          </Form.Item>
          <Form.Item
            label="指派日期"
            name="designatedOn"
            rules={[{ required: true, message: '请选择指派日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={designate.isPending}>
            登记指派
          </Button>
        </Form>
      ) : null}
      {writer && d.status === 'granted' && d.designatedOn ? (
        <Button loading={notice.isPending} onClick={() => notice.mutate({ id: d.id, kind: 'designation' })}>
          出具指派通知书（Word）
        </Button>
      ) : null}
      {writer && d.status === 'refused' ? (
        <Button loading={notice.isPending} onClick={() => notice.mutate({ id: d.id, kind: 'refusal' })}>
          出具不予法律援助通知书（Word）
        </Button>
      ) : null}
    </Flex>
  )
}
