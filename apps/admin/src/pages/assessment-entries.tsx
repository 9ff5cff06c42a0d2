import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { QueryError } from '../components/query-error.tsx'
import { FormModal, RecordTable, showFieldErrors, unitOfValue } from '../components/record-form.tsx'
import { formatDate } from '../lib/format.ts'
import { useMe } from '../lib/session.tsx'
import { type RouterOutputs, trpc } from '../lib/trpc.ts'

type Entry = RouterOutputs['assessment']['entries'][number]
/** A unit that gets year-end entries: an office, a squad, or a squad's area as a whole. */
interface UnitScore {
  readonly unitType: 'office' | 'squad' | 'area'
  readonly unitCode: string
  readonly unitName: string
}
type Accountability = RouterOutputs['assessment']['accountability'][number]

const ENTRY_KINDS = [
  ['onSite', '年底现场点评'],
  ['materials', '材料报送'],
] as const

function EntryCell({
  year,
  unit,
  entry,
  current,
  editable,
}: {
  year: number
  unit: UnitScore
  entry: 'onSite' | 'materials'
  current: Entry | undefined
  editable: boolean
}) {
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [value, setValue] = useState<number | null>(current?.score ?? null)
  const save = useMutation({
    ...trpc.assessment.enterScore.mutationOptions(),
    onSuccess: () => {
      void message.success('已保存')
      void qc.invalidateQueries({ queryKey: trpc.assessment.entries.queryKey() })
      void qc.invalidateQueries({ queryKey: trpc.assessment.results.queryKey() })
    },
    onError: (e) => void message.error(errorMessage(e)),
  })
  const label = `${unit.unitName}${entry === 'onSite' ? '年底现场点评' : '材料报送'}分值`
  if (!editable) return <>{current ? current.score : '—'}</>
  return (
    <Space.Compact>
      <InputNumber
        aria-label={label}
        min={0}
        max={100}
        precision={0}
        value={value}
        onChange={(v) => setValue(v)}
        style={{ width: 80 }}
      />
      <Button
        aria-label={`保存${label}`}
        disabled={value === null || value === current?.score}
        loading={save.isPending}
        onClick={() =>
          value !== null &&
          save.mutate({
            year,
            unitType: unit.unitType,
            unitCode: unit.unitCode,
            entry,
            score: value,
            note: '',
          })
        }
      >
        保存
      </Button>
    </Space.Compact>
  )
}

/** 年底考核录入: 年底现场点评、材料报送 per unit (0–100), entered by the bureau. */
export function AssessmentEntries() {
  const me = useMe()
  const editable = me.role === 'bureauAdmin'
  const thisYear = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
  const [year, setYear] = useState(thisYear)
  const entries = useQuery(trpc.assessment.entries.queryOptions({ year }))
  const units = useQuery(trpc.org.offices.queryOptions())
  const areas = [...new Map((units.data ?? []).map((o) => [o.area, o.areaName] as const)).entries()]
  const all: UnitScore[] = [
    ...(units.data ?? []).map((o) => ({ unitType: 'office' as const, unitCode: o.code, unitName: o.name })),
    ...areas.map(([code, name]) => ({ unitType: 'squad' as const, unitCode: code, unitName: name })),
    ...areas.map(([code, name]) => ({ unitType: 'area' as const, unitCode: code, unitName: `${name}辖区` })),
  ]
  const find = (u: UnitScore, e: string) =>
    entries.data?.find((x) => x.unitType === u.unitType && x.unitCode === u.unitCode && x.entry === e)
  const columns: TableColumnsType<UnitScore> = [
    { title: '单位', dataIndex: 'unitName' },
    ...ENTRY_KINDS.map(([k, label]) => ({
      title: label,
      key: k,
      width: 200,
      render: (_: unknown, u: UnitScore) =>
        entries.data ? (
          <EntryCell
            key={`${u.unitType}-${u.unitCode}-${k}-${find(u, k)?.score ?? ''}`}
            year={year}
            unit={u}
            entry={k}
            current={find(u, k)}
            editable={editable && (k === 'onSite' || u.unitType !== 'area')}
          />
        ) : null,
    })),
  ]
  return (
    <>
      <Flex gap={12} style={{ marginBottom: 12 }}>
        <Select
          aria-label="年度"
          value={year}
          style={{ width: 120 }}
          options={[thisYear, thisYear - 1].map((y) => ({ value: y, label: `${y}年度` }))}
          onChange={setYear}
        />
      </Flex>
      {units.isError ? <QueryError error={units.error} onRetry={() => void units.refetch()} /> : null}
      {entries.isError ? <QueryError error={entries.error} onRetry={() => void entries.refetch()} /> : null}
      <Table<UnitScore>
        rowKey={(u) => `${u.unitType}-${u.unitCode}`}
        size="small"
        loading={units.isLoading || entries.isLoading}
        columns={columns}
        dataSource={all}
        pagination={false}
      />
      <AccountabilityRecords year={year} />
    </>
  )
}

const CATEGORIES = [
  ['workStyle', '作风不实'],
  ['dutyFailure', '履职不力'],
  ['buckPassing', '推诿扯皮'],
  ['falsification', '弄虚作假'],
  ['disregardOfPublic', '漠视群众利益'],
] as const

interface RecordForm {
  category: (typeof CATEGORIES)[number][0]
  unit: string
  personName: string
  occurredOn: Dayjs
  facts: string
  decision: string
}

/** 问责记录 (四.3): recorded and revoked by the bureau only; each deducts by the scheme. */
function AccountabilityRecords({ year }: { year: number }) {
  const me = useMe()
  const editable = me.role === 'bureauAdmin'
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<RecordForm>()
  const list = useQuery(trpc.assessment.accountability.queryOptions({ year }))
  const offices = useQuery(trpc.org.offices.queryOptions())
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.assessment.accountability.queryKey() })
    void qc.invalidateQueries({ queryKey: trpc.assessment.results.queryKey() })
  }
  const record = useMutation({
    ...trpc.assessment.recordAccountability.mutationOptions(),
    onSuccess: () => {
      void message.success('问责记录已登记')
      setOpen(false)
      form.resetFields()
      refresh()
    },
    onError: (e) => {
      showFieldErrors(form, e, { unitCode: 'unit' })
      void message.error(errorMessage(e))
    },
  })
  const revoke = useMutation({
    ...trpc.assessment.revokeAccountability.mutationOptions(),
    onSuccess: () => {
      void message.success('已撤销')
      refresh()
    },
    onError: (e) => void message.error(errorMessage(e)),
  })
  const squads = [...new Map((offices.data ?? []).map((o) => [o.area, o.areaName] as const)).entries()]
  const unitOptions = [
    {
      label: '司法所',
      options: (offices.data ?? []).map((o) => ({ value: `office:${o.code}`, label: o.name })),
    },
    { label: '执法中队', options: squads.map(([code, name]) => ({ value: `squad:${code}`, label: name })) },
  ]
  const columns: TableColumnsType<Accountability> = [
    {
      title: '情形',
      dataIndex: 'categoryLabel',
      width: 110,
      render: (v: string, r) => <Tag color={r.revoked ? 'default' : 'red'}>{v}</Tag>,
    },
    { title: '单位', dataIndex: 'unitName', width: 130 },
    { title: '人员', dataIndex: 'personName', width: 120 },
    { title: '发生日期', dataIndex: 'occurredOn', width: 110, render: (v: string) => formatDate(v) },
    { title: '问责事实', dataIndex: 'facts' },
    { title: '处理决定', dataIndex: 'decision' },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_: unknown, r) =>
        r.revoked ? (
          `已撤销：${r.revokeReason ?? ''}`
        ) : editable ? (
          <Popconfirm
            title="撤销该问责记录？"
            okText="撤销"
            cancelText="取消"
            onConfirm={() => revoke.mutate({ id: r.id, reason: '经复核撤销' })}
          >
            <Button size="small" danger>
              撤销
            </Button>
          </Popconfirm>
        ) : (
          '有效'
        ),
    },
  ]
  return (
    <Card
      size="small"
      title="问责记录（作风不实、履职不力、推诿扯皮、弄虚作假、漠视群众利益）"
      style={{ marginTop: 16 }}
      extra={
        editable ? (
          <Button type="primary" size="small" onClick={() => setOpen(true)}>
            登记问责
          </Button>
        ) : null
      }
    >
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <RecordTable<Accountability> query={list} columns={columns} emptyText="本年度无问责记录" />
      <FormModal<RecordForm>
        title="登记问责"
        open={open}
        okText="登记"
        pending={record.isPending}
        onClose={() => setOpen(false)}
        form={form}
        onFinish={(v) =>
          record.mutate({
            category: v.category,
            ...unitOfValue(v.unit),
            personName: v.personName,
            occurredOn: v.occurredOn.format('YYYY-MM-DD'),
            facts: v.facts,
            decision: v.decision,
          })
        }
      >
        <Form.Item name="category" label="问责情形" rules={[{ required: true, message: '请选择问责情形' }]}>
          <Select options={CATEGORIES.map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="unit" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
          <Select options={unitOptions} />
        </Form.Item>
        <Form.Item
          name="personName"
          label="被问责人员"
          rules={[{ required: true, message: '请填写被问责人员' }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="occurredOn" label="发生日期" rules={[{ required: true, message: '请选择发生日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="facts" label="问责事实" rules={[{ required: true, message: '请填写问责事实' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="decision" label="处理决定" rules={[{ required: true, message: '请填写处理决定' }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Card>
  )
}
