import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Space,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { Link } from 'react-router'
import { DutySelect, useCatalog } from '../components/duty-select.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { PhotoThumb, PhotoUploadButton } from '../components/photo-upload.tsx'
import { QueryError } from '../components/query-error.tsx'
import { FormModal, RecordTable, showFieldErrors, unitOfValue } from '../components/record-form.tsx'
import { formatDateTime } from '../lib/format.ts'
import { useMe } from '../lib/session.tsx'
import { type RouterOutputs, trpc } from '../lib/trpc.ts'
import { useUrlParams } from '../lib/url-params.ts'
import { formatDuration } from '../lib/wartime.ts'

type Inspection = RouterOutputs['inspection']['list'][number]
type Finding = Inspection['findings'][number]
type Escalation = RouterOutputs['escalation']['list'][number]

const FINDING_COLORS: Record<Finding['status'], string> = {
  open: 'gold',
  rectifying: 'blue',
  accepted: 'green',
  returned: 'red',
}

/** 督导提报 (policy 四.1): 四不两直 inspections by the liaising bureau leaders and the 提报 register. */
export default function OversightPage() {
  const me = useMe()
  const { params, update } = useUrlParams()
  const showInspections = ['bureauAdmin', 'bureauLeader', 'officeDirector', 'squadLeader'].includes(me.role)
  const tab = params.get('tab') ?? (showInspections ? 'inspections' : 'escalations')
  return (
    <>
      <PageHeader
        title="督导提报"
        subtitle="采取“四不两直”方式经常到工作一线调研、督导工作；对需要局党组研究决策的问题、事项，第一时间提报"
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k, inspection: null })}
        items={[
          ...(showInspections
            ? [
                {
                  key: 'inspections',
                  label: '四不两直督导',
                  children: tab === 'inspections' ? <Inspections /> : null,
                },
              ]
            : []),
          { key: 'escalations', label: '提报事项', children: tab === 'escalations' ? <Escalations /> : null },
        ]}
      />
    </>
  )
}

interface EscalationForm {
  question: string
  deadlineHours: number
  aroseAt?: Dayjs
}

interface RecordForm {
  unit: string
  visitedAt: Dayjs
  place: string
  checked: string
  findings: string
}

function Inspections() {
  const me = useMe()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const { params, update } = useUrlParams()
  const list = useQuery(trpc.inspection.list.queryOptions({}))
  const offices = useQuery(trpc.org.offices.queryOptions())
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<RecordForm>()
  const leader = me.role === 'bureauLeader' && me.squad !== null
  const record = useMutation({
    ...trpc.inspection.record.mutationOptions(),
    onSuccess: (r) => {
      void message.success('督导检查已登记')
      setOpen(false)
      form.resetFields()
      void qc.invalidateQueries({ queryKey: trpc.inspection.list.queryKey() })
      update({ inspection: r.id })
    },
    onError: (e) => {
      showFieldErrors(form, e, { unitCode: 'unit' })
      void message.error(errorMessage(e))
    },
  })
  const areaOffices = (offices.data ?? []).filter((o) => o.area === me.squad?.code)
  const unitOptions = [
    ...areaOffices.map((o) => ({ value: `office:${o.code}`, label: o.name })),
    ...(me.squad ? [{ value: `squad:${me.squad.code}`, label: me.squad.name }] : []),
  ]
  const columns: TableColumnsType<Inspection> = [
    { title: '检查时间', dataIndex: 'visitedAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '被检查单位',
      dataIndex: 'unitName',
      render: (n: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => update({ inspection: r.id })}>
          {n}
        </Button>
      ),
    },
    { title: '地点', dataIndex: 'place' },
    { title: '检查人', dataIndex: 'leaderName', width: 180 },
    {
      title: '发现问题',
      key: 'findings',
      render: (_: unknown, r) =>
        r.findings.length === 0 ? (
          '无'
        ) : (
          <Space wrap>
            {r.findings.map((f) => (
              <Tag key={f.id} color={FINDING_COLORS[f.status]}>
                {f.statusLabel}
              </Tag>
            ))}
          </Space>
        ),
    },
  ]
  const current = list.data?.find((i) => i.id === params.get('inspection')) ?? null
  return (
    <>
      {leader ? (
        <Flex style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setOpen(true)}>
            登记督导检查
          </Button>
        </Flex>
      ) : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <RecordTable<Inspection>
        query={list}
        columns={columns}
        emptyText="暂无督导检查记录"
        size="middle"
        onRow={(r) => ({ 'data-testid': `inspection-row-${r.id}` })}
      />
      <FormModal<RecordForm>
        title="登记“四不两直”督导检查"
        open={open}
        okText="登记"
        pending={record.isPending}
        onClose={() => setOpen(false)}
        form={form}
        initialValues={{ visitedAt: dayjs() }}
        onFinish={(v) =>
          record.mutate({
            ...unitOfValue(v.unit),
            visitedAt: v.visitedAt.toISOString(),
            place: v.place,
            checked: v.checked,
            findings: (v.findings ?? '')
              .split('\n')
              .map((t) => t.trim())
              .filter((t) => t.length > 0)
              .map((text) => ({ text })),
          })
        }
      >
        <Form.Item name="unit" label="被检查单位" rules={[{ required: true, message: '请选择被检查单位' }]}>
          <Select options={unitOptions} />
        </Form.Item>
        <Form.Item name="visitedAt" label="检查时间" rules={[{ required: true, message: '请选择检查时间' }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label="检查地点" rules={[{ required: true, message: '请填写检查地点' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="checked" label="检查内容" rules={[{ required: true, message: '请填写检查内容' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="findings" label="发现问题（每行一条）">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </FormModal>
      <Drawer
        open={current !== null}
        onClose={() => update({ inspection: null })}
        size={760}
        title={current ? `${current.unitName} · ${formatDateTime(current.visitedAt)}` : ''}
      >
        {current ? <InspectionView item={current} /> : null}
      </Drawer>
    </>
  )
}

function Photo({ id }: { id: string }) {
  const p = useQuery({ ...trpc.inspection.photo.queryOptions({ id }), staleTime: Number.POSITIVE_INFINITY })
  return <PhotoThumb alt="检查照片" photo={p.data} />
}

function InspectionView({ item }: { item: Inspection }) {
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [photoError, setPhotoError] = useState<string | null>(null)
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.inspection.list.queryKey() })
  const upload = useMutation({
    ...trpc.inspection.addPhoto.mutationOptions(),
    onSuccess: () => {
      void message.success('照片已上传')
      refresh()
    },
    onError: (e) => setPhotoError(errorMessage(e)),
  })
  const raise = useMutation({
    ...trpc.escalation.raise.mutationOptions(),
    onSuccess: () => void message.success('已提报局党组'),
    onError: (e) => void message.error(errorMessage(e)),
  })
  const [question, setQuestion] = useState('')
  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="检查人">{item.leaderName}</Descriptions.Item>
        <Descriptions.Item label="所属辖区">{item.areaName}</Descriptions.Item>
        <Descriptions.Item label="检查地点">{item.place}</Descriptions.Item>
        <Descriptions.Item label="检查内容">{item.checked}</Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>发现问题（{item.findings.length}）</Typography.Title>
        <List
          dataSource={[...item.findings]}
          locale={{ emptyText: '未发现问题' }}
          renderItem={(f) => (
            <FindingRow finding={f} unitType={item.unitType} manage={item.mayManage} onDone={refresh} />
          )}
        />
      </div>
      <div>
        <Typography.Title level={5}>检查照片（{item.photos.length}）</Typography.Title>
        {photoError ? (
          <Alert type="error" showIcon title={photoError} role="alert" style={{ marginBottom: 8 }} />
        ) : null}
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {item.photos.map((p) => (
              <Photo key={p.id} id={p.id} />
            ))}
          </Flex>
        </Image.PreviewGroup>
        {item.mayManage ? (
          <PhotoUploadButton
            label="选择检查照片"
            style={{ marginTop: 8 }}
            loading={upload.isPending}
            onPhoto={(photo) => upload.mutate({ id: item.id, photo })}
            onError={setPhotoError}
          />
        ) : null}
      </div>
      {item.mayManage ? (
        <div>
          <Typography.Title level={5}>提报局党组</Typography.Title>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              aria-label="提报事项"
              placeholder="需要局党组研究决策的问题、事项"
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
            />
            <Button
              type="primary"
              loading={raise.isPending}
              disabled={question.trim().length < 4}
              onClick={() => raise.mutate({ question, deadlineHours: 72, inspectionId: item.id })}
            >
              提报
            </Button>
          </Space.Compact>
        </div>
      ) : null}
    </Flex>
  )
}

function FindingRow({
  finding,
  unitType,
  manage,
  onDone,
}: {
  finding: Finding
  unitType: 'office' | 'squad'
  manage: boolean
  onDone: () => void
}) {
  const { message } = App.useApp()
  const { options, catalogs } = useCatalog(unitType, 'peacetime')
  const [duty, setDuty] = useState<string | undefined>(finding.dutyCode ?? undefined)
  const [due, setDue] = useState<Dayjs | null>(dayjs().add(7, 'day'))
  const [note, setNote] = useState('')
  const rectify = useMutation({
    ...trpc.inspection.rectify.mutationOptions(),
    onSuccess: () => {
      void message.success('已交办整改任务')
      onDone()
    },
    onError: (e) => void message.error(errorMessage(e)),
  })
  const check = useMutation({
    ...trpc.inspection.checkFinding.mutationOptions(),
    onSuccess: () => {
      void message.success('验收意见已登记')
      onDone()
    },
    onError: (e) => void message.error(errorMessage(e)),
  })
  return (
    <List.Item>
      <Flex vertical gap={8} style={{ width: '100%' }}>
        <Space>
          <Tag color={FINDING_COLORS[finding.status]}>{finding.statusLabel}</Tag>
          <Typography.Text>{finding.text}</Typography.Text>
          {finding.taskId ? <Link to={`/tasks?task=${finding.taskId}`}>整改任务</Link> : null}
        </Space>
        {finding.checkNote ? (
          <Typography.Text type="secondary">验收意见：{finding.checkNote}</Typography.Text>
        ) : null}
        {manage && finding.status === 'open' ? (
          <Flex gap={8} wrap align="center">
            <label htmlFor={`duty-${finding.id}`}>整改涉及的职责事项</label>
            <div style={{ minWidth: 260 }}>
              <DutySelect
                id={`duty-${finding.id}`}
                options={options}
                loading={catalogs.isLoading}
                value={duty}
                onChange={setDuty}
              />
            </div>
            <DatePicker aria-label="整改期限" value={due} onChange={setDue} />
            <Button
              type="primary"
              disabled={!duty || !due}
              loading={rectify.isPending}
              onClick={() =>
                duty &&
                due &&
                rectify.mutate({ findingId: finding.id, dutyCode: duty, dueDate: due.format('YYYY-MM-DD') })
              }
            >
              交办整改
            </Button>
          </Flex>
        ) : null}
        {manage && finding.status === 'rectifying' ? (
          finding.taskStatus === 'done' ? (
            <Flex gap={8} wrap align="center">
              <Input
                aria-label="验收意见"
                placeholder="验收意见"
                value={note}
                onChange={(e) => setNote(e.target.value)}
                style={{ width: 240 }}
              />
              <Button
                type="primary"
                disabled={note.trim().length < 2}
                loading={check.isPending}
                onClick={() =>
                  check.mutate({ findingId: finding.id, version: finding.version, accept: true, note })
                }
              >
                验收通过
              </Button>
              <DatePicker aria-label="新的整改期限" value={due} onChange={setDue} />
              <Button
                danger
                disabled={note.trim().length < 2 || !due}
                loading={check.isPending}
                onClick={() =>
                  due &&
                  check.mutate({
                    findingId: finding.id,
                    version: finding.version,
                    accept: false,
                    note,
                    dueDate: due.format('YYYY-MM-DD'),
                  })
                }
              >
                退回整改
              </Button>
            </Flex>
          ) : (
            <Typography.Text type="secondary">整改任务办理中，办结后可验收</Typography.Text>
          )
        ) : null}
      </Flex>
    </List.Item>
  )
}

function Escalations() {
  const me = useMe()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [onlyOpen, setOnlyOpen] = useState(false)
  const list = useQuery(trpc.escalation.list.queryOptions(onlyOpen ? { open: true } : {}))
  const [deciding, setDeciding] = useState<Escalation | null>(null)
  const [decision, setDecision] = useState('')
  const [raising, setRaising] = useState(false)
  const [form] = Form.useForm<EscalationForm>()
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.escalation.list.queryKey() })
  const onError = (e: unknown) => void message.error(errorMessage(e))
  const decideHere = useMutation({ ...trpc.escalation.decide.mutationOptions(), onError })
  const decideActivation = useMutation({ ...trpc.activation.decideEscalation.mutationOptions(), onError })
  const raise = useMutation({
    ...trpc.escalation.raise.mutationOptions(),
    onSuccess: () => {
      void message.success('已提报')
      setRaising(false)
      form.resetFields()
      refresh()
    },
    onError,
  })
  const mayRaise = ['bureauLeader', 'brigadeLeader', 'squadLeader', 'officeDirector'].includes(me.role)
  const submitDecision = async () => {
    if (!deciding) return
    if (deciding.decidePath === 'activation') {
      await decideActivation.mutateAsync({
        id: deciding.activationId ?? '',
        escalationId: deciding.escalationId ?? '',
        decision,
      })
    } else {
      await decideHere.mutateAsync({ id: deciding.id, version: deciding.version, decision })
    }
    void message.success('决策意见已登记，已反馈提报人')
    setDeciding(null)
    setDecision('')
    refresh()
  }
  const columns: TableColumnsType<Escalation> = [
    {
      title: '提报事项',
      dataIndex: 'question',
      render: (q: string, e) => (
        <>
          {q}
          <br />
          <Typography.Text type="secondary">
            {e.sourceLabel}
            {e.source === 'activation' && e.activationId ? (
              <>
                {' '}
                · <Link to={`/wartime/${e.activationId}`}>查看战时行动</Link>
              </>
            ) : null}
          </Typography.Text>
        </>
      ),
    },
    { title: '辖区', dataIndex: 'areaName', width: 120 },
    { title: '提报对象', dataIndex: 'toLabel', width: 100 },
    {
      title: '提报',
      key: 'raised',
      width: 190,
      render: (_: unknown, e) => (
        <>
          {e.raisedByName}
          <br />
          {formatDateTime(e.raisedAt)}（用时 {formatDuration(e.timeToRaiseMs)}）
        </>
      ),
    },
    {
      title: '决策时限',
      dataIndex: 'decisionDeadline',
      width: 150,
      render: (v: string, e) =>
        e.overdue ? <Tag color="red">{formatDateTime(v)} 已超时</Tag> : formatDateTime(v),
    },
    {
      title: '决策意见',
      key: 'decision',
      render: (_: unknown, e) =>
        e.decision ? (
          <>
            {e.decision}
            <br />
            <Typography.Text type="secondary">
              {e.decidedByName} · {formatDateTime(e.decidedAt)}
            </Typography.Text>
          </>
        ) : e.mayDecide ? (
          <Button size="small" type="primary" onClick={() => setDeciding(e)}>
            登记决策
          </Button>
        ) : (
          <Tag color="gold">待决策</Tag>
        ),
    },
  ]
  return (
    <>
      <Flex gap={12} style={{ marginBottom: 12 }} align="center">
        <Radio.Group
          value={onlyOpen ? 'open' : 'all'}
          onChange={(e) => setOnlyOpen(e.target.value === 'open')}
          optionType="button"
          options={[
            { value: 'all', label: '全部' },
            { value: 'open', label: '待决策' },
          ]}
        />
        {mayRaise ? (
          <Button type="primary" onClick={() => setRaising(true)}>
            提报事项
          </Button>
        ) : null}
      </Flex>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <RecordTable<Escalation> query={list} columns={columns} emptyText="暂无提报事项" size="middle" />
      <Modal
        title="登记局党组决策意见"
        open={deciding !== null}
        okText="登记并反馈"
        cancelText="取消"
        okButtonProps={{ disabled: decision.trim().length < 2 }}
        confirmLoading={decideHere.isPending || decideActivation.isPending}
        onCancel={() => setDeciding(null)}
        onOk={() => void submitDecision().catch(() => {})}
      >
        <Typography.Paragraph>{deciding?.question}</Typography.Paragraph>
        <Input.TextArea
          aria-label="决策意见"
          rows={3}
          value={decision}
          onChange={(e) => setDecision(e.target.value)}
        />
      </Modal>
      <FormModal<EscalationForm>
        title="提报局党组"
        open={raising}
        okText="提报"
        pending={raise.isPending}
        onClose={() => setRaising(false)}
        form={form}
        initialValues={{ deadlineHours: 72 }}
        onFinish={(v) =>
          raise.mutate({
            question: v.question,
            deadlineHours: v.deadlineHours,
            ...(v.aroseAt ? { aroseAt: v.aroseAt.toISOString() } : {}),
          })
        }
      >
        <Form.Item name="question" label="提报事项" rules={[{ required: true, message: '请填写提报事项' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="aroseAt" label="问题发现时间（用于计算提报用时）">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="deadlineHours"
          label="决策时限（小时）"
          rules={[{ required: true, message: '请填写决策时限' }]}
        >
          <InputNumber min={1} max={720} />
        </Form.Item>
      </FormModal>
    </>
  )
}
