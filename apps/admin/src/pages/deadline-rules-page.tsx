import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd'
import { useState } from 'react'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Rule = RouterOutputs['deadline']['rules'][number]
type Year = RouterOutputs['deadline']['calendar']['items'][number]

const UNIT: Record<string, string> = {
  day: '日',
  workingDay: '个工作日',
  month: '个月',
  hour: '小时',
  count: '',
  flag: '',
}
const periodUnit = (r: Rule): boolean => r.unit === 'day' || r.unit === 'month'
/** A rule's value as the table shows it: 是/否 for a yes-or-no rule, else the number and its unit. */
const valueText = (r: Rule, amount: number): string =>
  r.unit === 'flag' ? (amount === 1 ? '是' : '否') : `${amount}${UNIT[r.unit] ?? ''}`
const CONFIDENCE_COLOR: Record<Rule['confidence'], string> = {
  V: 'green',
  S: 'gold',
  R: 'volcano',
  B: 'blue',
}
const splitDates = (text: string): string[] =>
  text
    .split(/[\s,，、;；]+/)
    .map((d) => d.trim())
    .filter((d) => d.length > 0)

function RuleModal({ rule, onClose }: { rule: Rule | null; onClose: () => void }) {
  const [form] = Form.useForm<{ amount: number; roll: boolean; reason: string }>()
  const { message } = App.useApp()
  const update = useMutation({
    ...trpc.deadline.updateRule.mutationOptions(),
    onSuccess: async () => {
      void message.success('规则已调整（已记入审计日志）；新期限在下次期限核查时生效')
      await queryClient.invalidateQueries({ queryKey: trpc.deadline.rules.queryKey() })
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  if (!rule) return null
  return (
    <Modal
      title={`调整规则：${rule.title}`}
      open
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={update.isPending}
      destroyOnHidden
      onOk={() =>
        void form
          .validateFields()
          .then((v) => update.mutate({ code: rule.code, version: rule.version, ...v }))
      }
    >
      <p>
        依据：{rule.source}（{rule.confidenceLabel}）
      </p>
      <Form form={form} layout="vertical" initialValues={{ amount: rule.amount, roll: rule.roll }}>
        {rule.unit === 'flag' ? (
          <Form.Item name="amount" label="是否适用" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 1, label: '是' },
                { value: 0, label: '否' },
              ]}
            />
          </Form.Item>
        ) : (
          <Form.Item name="amount" label={`取值（${rule.min}–${rule.max}）`} rules={[{ required: true }]}>
            <InputNumber min={rule.min} max={rule.max} />
          </Form.Item>
        )}
        {/* rolling over rest days applies to day and month periods only; other rules keep their value */}
        <Form.Item name="roll" valuePropName="checked" hidden={!periodUnit(rule)}>
          <Checkbox>期限届满日遇节假日顺延至下一个工作日</Checkbox>
        </Form.Item>
        <Form.Item
          name="reason"
          label="调整依据（如省级实施细则条文）"
          rules={[{ required: true, message: '请填写调整依据' }]}
        >
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function YearModal({ open, year, onClose }: { open: boolean; year: Year | null; onClose: () => void }) {
  const [form] = Form.useForm<{ year: number; daysOff: string; workdays: string; notice: string }>()
  const { message } = App.useApp()
  const save = useMutation({
    ...trpc.deadline.setCalendarYear.mutationOptions(),
    onSuccess: async () => {
      void message.success('已录入年度放假安排（已记入审计日志）')
      await queryClient.invalidateQueries({ queryKey: trpc.deadline.calendar.queryKey() })
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      title="录入年度放假安排"
      open={open}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then((v) =>
          save.mutate({
            year: v.year,
            daysOff: splitDates(v.daysOff),
            workdays: splitDates(v.workdays ?? ''),
            notice: v.notice,
            version: year?.source === 'bureau' && year.year === v.year ? year.version : 0,
          }),
        )
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          year
            ? { year: year.year, daysOff: year.daysOff.join(' '), workdays: year.workdays.join(' ') }
            : { year: new Date().getFullYear() + 1 }
        }
      >
        <Form.Item name="year" label="年份" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item
          name="daysOff"
          label="放假日期（国务院通知中的全部放假日，空格分隔，年-月-日）"
          rules={[{ required: true, message: '请填写放假日期' }]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="workdays" label="调休上班日期（周末上班的日期）">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="notice" label="通知文号" rules={[{ required: true, message: '请填写通知文号' }]}>
          <Input maxLength={200} placeholder="如：国办发明电〔2026〕×号" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export default function DeadlineRulesPage() {
  const me = useMe()
  const { message } = App.useApp()
  const canAdjust = me.role === 'brigadeLeader' || me.role === 'bureauAdmin'
  const rules = useQuery(trpc.deadline.rules.queryOptions())
  const calendar = useQuery(trpc.deadline.calendar.queryOptions())
  const [editing, setEditing] = useState<Rule | null>(null)
  const [yearOpen, setYearOpen] = useState<{ year: Year | null } | null>(null)
  const sweep = useMutation({
    ...trpc.deadline.sweep.mutationOptions(),
    onSuccess: (r) =>
      void message.success(
        `期限核查完成：${r.cases} 件，新建任务 ${r.created}，自动办结 ${r.closed}，调整期限 ${r.moved}`,
      ),
    onError: (err) => void message.error(errorMessage(err)),
  })
  const ruleColumns: TableColumnsType<Rule> = [
    { title: '规则', dataIndex: 'title' },
    {
      title: '取值',
      render: (_v, r) =>
        `${valueText(r, r.amount)}${r.amount !== r.defaultAmount ? `（默认 ${valueText(r, r.defaultAmount)}）` : ''}`,
    },
    {
      title: '顺延',
      dataIndex: 'roll',
      width: 70,
      render: (v: boolean, r) => (periodUnit(r) ? (v ? '是' : '否') : '—'),
    },
    { title: '计算方式', dataIndex: 'counting', width: 200 },
    { title: '依据', dataIndex: 'source' },
    {
      title: '可信度',
      dataIndex: 'confidence',
      width: 190,
      render: (c: Rule['confidence'], r) => (
        <Tag color={CONFIDENCE_COLOR[c]}>
          {c} · {r.confidenceLabel}
        </Tag>
      ),
    },
    {
      title: '操作',
      width: 90,
      render: (_v, r) =>
        canAdjust && r.adjustable ? (
          <Button size="small" onClick={() => setEditing(r)}>
            调整
          </Button>
        ) : null,
    },
  ]
  const yearColumns: TableColumnsType<Year> = [
    { title: '年份', dataIndex: 'year', width: 80 },
    {
      title: '来源',
      dataIndex: 'source',
      width: 120,
      render: (s: Year['source']) =>
        s === 'bureau' ? <Tag color="blue">本局录入</Tag> : <Tag>内置数据</Tag>,
    },
    { title: '放假日', render: (_v, y) => `${y.daysOff.length} 天` },
    { title: '调休上班日', render: (_v, y) => y.workdays.join('、') || '—' },
    { title: '通知', dataIndex: 'notice' },
    {
      title: '操作',
      width: 90,
      render: (_v, y) =>
        canAdjust ? (
          <Button size="small" onClick={() => setYearOpen({ year: y })}>
            修改
          </Button>
        ) : null,
    },
  ]
  return (
    <>
      <PageHeader
        title="期限规则与节假日"
        subtitle="法定期限、审批层级和阈值均为带出处的规则；S/R 类（二手或凭记忆）和本局设定的规则可调整，已核对法条原文的不可调整。"
        extra={
          canAdjust ? (
            <Space>
              <Button onClick={() => setYearOpen({ year: null })}>录入年度安排</Button>
              <Button type="primary" loading={sweep.isPending} onClick={() => sweep.mutate()}>
                立即核查期限
              </Button>
            </Space>
          ) : null
        }
      />
      <Card title="节假日日历（国务院办公厅放假通知）" size="small" style={{ marginBottom: 16 }}>
        {calendar.isError ? (
          <QueryError error={calendar.error} />
        ) : (
          <>
            <p>
              已知年份截至 {calendar.data?.knownUntil ?? '…'}{' '}
              年；期限计算进入未录入的年份时，任务标注“期限待核”并按自然日从严计算。
            </p>
            <Table<Year>
              rowKey="year"
              size="small"
              loading={calendar.isPending}
              columns={yearColumns}
              dataSource={[...(calendar.data?.items ?? [])]}
              pagination={false}
              onRow={(y) => rowTestId(`year-${y.year}`)}
            />
          </>
        )}
      </Card>
      <Card title="期限与审批规则" size="small">
        {rules.isError ? (
          <QueryError error={rules.error} />
        ) : (
          <Table<Rule>
            rowKey="code"
            size="small"
            loading={rules.isPending}
            columns={ruleColumns}
            dataSource={[...(rules.data ?? [])]}
            pagination={false}
            onRow={(r) => rowTestId(`rule-${r.code}`)}
          />
        )}
      </Card>
      <RuleModal rule={editing} onClose={() => setEditing(null)} />
      {yearOpen ? <YearModal open year={yearOpen.year} onClose={() => setYearOpen(null)} /> : null}
    </>
  )
}
