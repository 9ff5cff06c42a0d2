import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { type ReactNode, useState } from 'react'
import { Link, useParams } from 'react-router'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { trpc, trpcClient } from '../lib/trpc.ts'
import {
  type ActivationView,
  formatDuration,
  RESPONSE_COLORS,
  type RosterView,
  STAGE_COLORS,
  useNow,
  useWartimeEvents,
} from '../lib/wartime.ts'
import { BorrowDialog, DecisionDialog, DeclineDialog } from './wartime-dialogs.tsx'

type TaskView = ActivationView['tasks'][number]

function useCommand<I>(run: (input: I) => Promise<unknown>, success: string, after?: () => void) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void message.success(success)
      void queryClient.invalidateQueries({ queryKey: trpc.activation.get.pathKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.activation.overview.queryKey() })
      after?.()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
}

/** A dialog with one text field (summary, findings, escalation question …). */
function TextDialog(props: {
  title: string
  label: string
  okText: string
  pending: boolean
  onCancel: () => void
  onSubmit: (text: string) => void
  extra?: ReactNode
}) {
  const [form] = Form.useForm<{ text: string }>()
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText="取消"
      confirmLoading={props.pending}
      onCancel={props.onCancel}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" onFinish={(v) => props.onSubmit(v.text)}>
        {props.extra}
        <Form.Item
          name="text"
          label={props.label}
          rules={[{ required: true, message: `请填写${props.label}` }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function AssignDialog({
  activation,
  member,
  onClose,
}: {
  activation: ActivationView
  member: RosterView
  onClose: () => void
}) {
  const [form] = Form.useForm<{ title: string; dutyCode: string; dueMinutes?: number }>()
  const catalogs = useQuery(trpc.org.catalogs.queryOptions())
  const assign = useCommand(
    (v: { title: string; dutyCode: string; dueMinutes?: number }) =>
      trpcMutate.assign({ id: activation.id, userId: member.userId ?? '', ...v }),
    `已向${member.name}分派任务`,
    onClose,
  )
  const duties = (catalogs.data ?? []).flatMap((c) =>
    c.duties
      .filter((d) => d.parent === null)
      .map((d) => ({ value: d.code, label: `${c.title} ${d.number}. ${d.title}` })),
  )
  return (
    <Modal
      open
      title={`分派任务：${member.name}（${member.sideLabel}）`}
      okText="分派"
      cancelText="取消"
      confirmLoading={assign.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ dutyCode: activation.dutyCode, dueMinutes: 60 }}
        onFinish={(v) => assign.mutate(v)}
      >
        <Form.Item name="title" label="任务内容" rules={[{ required: true, message: '请填写任务内容' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="dutyCode" label="职责事项">
          <Select options={duties} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="dueMinutes" label="完成时限（分钟后）">
          <InputNumber min={1} max={10080} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

const trpcMutate = {
  assign: (i: { id: string; userId: string; title: string; dutyCode?: string; dueMinutes?: number }) =>
    trpcClient.activation.assign.mutate(i),
  ruleDecline: (i: { id: string; userId: string; ruling: 'accept' | 'refusal' }) =>
    trpcClient.activation.ruleDecline.mutate(i),
  escalate: (i: { id: string; to: 'liaison' | 'partyGroup'; question: string; deadlineHours: number }) =>
    trpcClient.activation.escalate.mutate(i),
  standDown: (i: { id: string; summary: string }) => trpcClient.activation.standDown.mutate(i),
  review: (i: { id: string; findings: string }) => trpcClient.activation.review.mutate(i),
  reportDone: (i: { id: string; taskId: string; note: string }) => trpcClient.activation.reportDone.mutate(i),
  reportProgress: (i: { id: string; taskId: string; note: string }) =>
    trpcClient.activation.reportProgress.mutate(i),
  acknowledge: (i: { id: string; etaMinutes: number }) => trpcClient.activation.acknowledge.mutate(i),
}

function Facts({ a }: { a: ActivationView }) {
  const f = a.facts
  return (
    <Card title="融合联动情况" size="small" data-testid="cooperation-facts">
      <Row gutter={[16, 16]}>
        <Col span={6}>
          <Statistic title="首人响应用时" value={formatDuration(f.firstAcknowledgementMs)} />
        </Col>
        <Col span={6}>
          <Statistic title="全员响应用时" value={formatDuration(f.fullAcknowledgementMs)} />
        </Col>
        <Col span={6}>
          <Statistic title="15分钟内响应" value={`${f.acknowledgedWithinWindow}/${f.rosterSize}`} />
        </Col>
        <Col span={6}>
          <Statistic
            title="推诿"
            value={f.refusals}
            valueStyle={f.refusals > 0 ? { color: '#cf1322' } : undefined}
          />
        </Col>
        <Col span={6}>
          <Statistic title="中队出力人数" value={f.contributed.squad} />
        </Col>
        <Col span={6}>
          <Statistic title="司法所出力人数" value={f.contributed.office} />
        </Col>
        <Col span={6}>
          <Statistic title="任务完成" value={`${f.tasksDone}/${f.tasksAssigned}`} />
        </Col>
        <Col span={6}>
          <Statistic title="跨所队任务" value={f.crossTasks} />
        </Col>
        <Col span={6}>
          <Statistic title="提报" value={f.escalations} />
        </Col>
        <Col span={6}>
          <Statistic
            title="收队总结"
            value={
              f.summary === null
                ? '未收队'
                : f.summary.onTime === true
                  ? '按时提交'
                  : f.summary.onTime === false
                    ? '逾期'
                    : '待提交'
            }
          />
        </Col>
      </Row>
    </Card>
  )
}

function LinkedCase({ id }: { id: string }) {
  const [open, setOpen] = useState(false)
  const item = useQuery({ ...trpc.activation.linkedCase.queryOptions({ id }), enabled: open })
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        查看关联案件
      </Button>
      <Modal open={open} title="关联案件" footer={null} onCancel={() => setOpen(false)}>
        {item.isError ? <QueryError error={item.error} /> : null}
        {item.data ? (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="受理编号">{item.data.receiptNo}</Descriptions.Item>
            <Descriptions.Item label="司法所">{item.data.officeName}</Descriptions.Item>
            <Descriptions.Item label="申请人">{item.data.applicantName}</Descriptions.Item>
            <Descriptions.Item label="电话">{item.data.phoneMasked}</Descriptions.Item>
            <Descriptions.Item label="纠纷概要">{item.data.summary}</Descriptions.Item>
            <Descriptions.Item label="对方当事人">{item.data.otherParty}</Descriptions.Item>
          </Descriptions>
        ) : null}
      </Modal>
    </>
  )
}

/** 指挥台: one activation's roster, tasks, timeline and the commander's actions. */
export default function ActivationPage() {
  const { id = '' } = useParams()
  const now = useNow()
  const board = useQuery(trpc.activation.get.queryOptions({ id }))
  useWartimeEvents()
  const [dialog, setDialog] = useState<
    | { kind: 'assign'; member: RosterView }
    | { kind: 'done'; task: TaskView }
    | { kind: 'progress'; task: TaskView }
    | { kind: 'decline' }
    | { kind: 'borrow' }
    | { kind: 'decide'; escalation: ActivationView['escalations'][number] }
    | { kind: 'escalate' }
    | { kind: 'standDown' }
    | { kind: 'review' }
    | null
  >(null)
  const close = () => setDialog(null)
  const rule = useCommand(trpcMutate.ruleDecline, '已处理请辞')
  const escalate = useCommand(trpcMutate.escalate, '已提报', close)
  const standDown = useCommand(trpcMutate.standDown, '已收队，战时状态结束', close)
  const review = useCommand(trpcMutate.review, '复盘已完成，战时行动结束', close)
  const done = useCommand(trpcMutate.reportDone, '已报告完成', close)
  const progress = useCommand(trpcMutate.reportProgress, '已报告进展', close)
  const respond = useCommand(trpcMutate.acknowledge, '已响应')
  const me = useMe()
  const [escalateTo, setEscalateTo] = useState<'liaison' | 'partyGroup'>('liaison')
  const [deadlineHours, setDeadlineHours] = useState(2)

  if (board.isError) return <QueryError error={board.error} onRetry={() => void board.refetch()} />
  const a = board.data
  if (!a) return <Card loading />

  const rosterColumns: TableColumnsType<RosterView> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (v: string, m) => (
        <Space>
          {v}
          {m.personCode === a.commander.personCode ? <Tag color="red">指挥</Tag> : null}
          {m.borrowed ? <Tag color="purple">抽调</Tag> : null}
        </Space>
      ),
    },
    { title: '来源', dataIndex: 'sideLabel', width: 80 },
    {
      title: '响应',
      dataIndex: 'responseLabel',
      width: 100,
      render: (v: string, m) => <Tag color={RESPONSE_COLORS[m.response]}>{m.outcomeLabel ?? v}</Tag>,
    },
    { title: '预计到达', dataIndex: 'eta', width: 140, render: (v: string | null) => formatDateTime(v) },
    {
      title: '说明',
      key: 'note',
      render: (_: unknown, m) => (m.declineReason ? `${m.declineReason}${m.note ? `：${m.note}` : ''}` : '—'),
    },
    {
      title: '任务',
      key: 'tasks',
      render: (_: unknown, m) => {
        const mine = a.tasks.filter((t) => t.personCode === m.personCode)
        return (
          <Space direction="vertical" size={0}>
            {mine.map((t) => (
              <span key={t.taskId}>
                {t.done ? '✓ ' : '· '}
                {t.title}
              </span>
            ))}
            {m.conflicts.map((c) => (
              <Typography.Text key={c.activationId + c.title} type="warning">
                另有行动任务（{c.areaName}）：{c.title}
              </Typography.Text>
            ))}
          </Space>
        )
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_: unknown, m) => {
        if (!a.me.mayCommand || !a.open || !m.userId) return null
        const userId = m.userId
        if (m.response === 'declined') {
          return (
            <Space size={4}>
              <Button size="small" onClick={() => rule.mutate({ id: a.id, userId, ruling: 'accept' })}>
                批准请辞
              </Button>
              <Button
                size="small"
                danger
                onClick={() => rule.mutate({ id: a.id, userId, ruling: 'refusal' })}
              >
                记为推诿
              </Button>
            </Space>
          )
        }
        if (m.response === 'refused' || m.response === 'declinedAccepted' || !a.me.isCommander) return null
        return (
          <Button size="small" type="primary" onClick={() => setDialog({ kind: 'assign', member: m })}>
            分派任务
          </Button>
        )
      },
    },
  ]

  const taskColumns: TableColumnsType<TaskView> = [
    { title: '承办人', dataIndex: 'personName', width: 160 },
    { title: '任务', dataIndex: 'title' },
    { title: '职责事项', dataIndex: 'dutyLabel', width: 260 },
    { title: '分派', dataIndex: 'assignedAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      key: 'status',
      width: 90,
      render: (_: unknown, t) =>
        t.done ? <Tag color="success">已完成</Tag> : <Tag color="processing">进行中</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      render: (_: unknown, t) =>
        a.open && !t.done && (t.userId === me.id || a.me.isCommander) ? (
          <Space size={4}>
            {t.userId === me.id ? (
              <Button size="small" onClick={() => setDialog({ kind: 'progress', task: t })}>
                报告进展
              </Button>
            ) : null}
            <Button size="small" onClick={() => setDialog({ kind: 'done', task: t })}>
              报告完成
            </Button>
          </Space>
        ) : null,
    },
    {
      title: '情况',
      key: 'note',
      render: (_: unknown, t) => t.done?.note || t.progress.at(-1)?.note || '—',
    },
  ]

  return (
    <>
      <PageHeader
        title={`指挥台：${a.dutyLabel}`}
        subtitle={<Link to="/wartime">返回平战态势</Link>}
        extra={
          <>
            {a.open && a.me.response === 'pending' ? (
              <>
                <Button
                  type="primary"
                  loading={respond.isPending}
                  onClick={() => respond.mutate({ id: a.id, etaMinutes: 0 })}
                >
                  立即响应（已到岗）
                </Button>
                <Button onClick={() => setDialog({ kind: 'decline' })}>无法参加</Button>
              </>
            ) : null}
            {a.open && me.role === 'brigadeLeader' ? (
              <Button onClick={() => setDialog({ kind: 'borrow' })}>跨辖区抽调</Button>
            ) : null}
            {a.me.mayCommand && a.open ? (
              <>
                <Button onClick={() => setDialog({ kind: 'escalate' })}>提报</Button>
                <Button type="primary" danger onClick={() => setDialog({ kind: 'standDown' })}>
                  收队
                </Button>
              </>
            ) : null}
            {a.me.mayReview && a.stage === 'standingDown' ? (
              <Button type="primary" onClick={() => setDialog({ kind: 'review' })}>
                复盘
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={3} size="small">
          <Descriptions.Item label="状态">
            <Tag color={STAGE_COLORS[a.stage]} data-testid="activation-stage">
              {a.stageLabel}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="辖区">{a.areaName}</Descriptions.Item>
          <Descriptions.Item label="指挥">
            {a.commander.name}（{a.commanderBasisLabel}）
          </Descriptions.Item>
          <Descriptions.Item label="启动事由">{a.reason}</Descriptions.Item>
          <Descriptions.Item label="地点">{a.place}</Descriptions.Item>
          <Descriptions.Item label="启动">
            {a.startedByName} · {formatDateTime(a.startedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="预计时长">{a.expectedMinutes} 分钟</Descriptions.Item>
          <Descriptions.Item label="所需人数">{a.peopleNeeded} 人</Descriptions.Item>
          <Descriptions.Item label="已用时">
            {a.open
              ? formatDuration(now - Date.parse(a.startedAt))
              : a.stoodDown
                ? `已于 ${formatDateTime(a.stoodDown.at)} 收队`
                : '—'}
          </Descriptions.Item>
          {a.linkedCase ? (
            <Descriptions.Item label="关联案件">
              <Space>
                {a.linkedCase.receiptNo ?? '—'}
                <LinkedCase id={a.id} />
              </Space>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title="参战人员" size="small" style={{ marginBottom: 16 }}>
        <Table<RosterView>
          rowKey="personCode"
          size="small"
          pagination={false}
          columns={rosterColumns}
          dataSource={[...a.roster]}
          onRow={(m) => rowTestId(`roster-row-${m.name}`)}
        />
      </Card>
      <Card title="任务" size="small" style={{ marginBottom: 16 }}>
        <Table<TaskView>
          rowKey="taskId"
          size="small"
          pagination={false}
          columns={taskColumns}
          dataSource={[...a.tasks]}
          onRow={(t) => rowTestId(`wartime-task-${t.title}`)}
          locale={{ emptyText: '尚未分派任务' }}
        />
      </Card>
      {a.escalations.length > 0 ? (
        <Card title="提报事项" size="small" style={{ marginBottom: 16 }} data-testid="escalations">
          <Table
            rowKey="escalationId"
            size="small"
            pagination={false}
            dataSource={[...a.escalations]}
            onRow={(e) => rowTestId(`escalation-${e.question}`)}
            columns={[
              { title: '提报对象', dataIndex: 'toLabel', width: 200 },
              { title: '事项', dataIndex: 'question' },
              { title: '提报人', dataIndex: 'byName', width: 160 },
              {
                title: '决策时限',
                dataIndex: 'deadline',
                width: 140,
                render: (v: string) => formatDateTime(v),
              },
              {
                title: '决策',
                key: 'decision',
                render: (_: unknown, e: ActivationView['escalations'][number]) =>
                  e.decision ? (
                    <span>
                      {e.decision.text}
                      <Typography.Text type="secondary">（{e.decision.byName}）</Typography.Text>
                    </span>
                  ) : e.mayDecide ? (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setDialog({ kind: 'decide', escalation: e })}
                    >
                      作出决策
                    </Button>
                  ) : (
                    <Tag color={Date.parse(e.deadline) < now ? 'red' : 'gold'}>
                      {Date.parse(e.deadline) < now ? '逾期未决' : '待决策'}
                    </Tag>
                  ),
              },
            ]}
          />
        </Card>
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Facts a={a} />
          {a.summary ? (
            <Card title="收队总结" size="small" style={{ marginTop: 16 }}>
              <Typography.Paragraph data-testid="stand-down-summary">{a.summary.text}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {a.summary.byName} · {formatDateTime(a.summary.at)}
              </Typography.Text>
            </Card>
          ) : null}
          {a.review ? (
            <Card title="复盘意见" size="small" style={{ marginTop: 16 }}>
              <Typography.Paragraph>{a.review.findings}</Typography.Paragraph>
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={10}>
          <Card title="经过" size="small">
            <Timeline
              items={a.timeline.map((e) => ({
                key: `${e.at}-${e.kind}-${e.text}`,
                content: (
                  <>
                    <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text> {e.text}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {dialog?.kind === 'assign' ? (
        <AssignDialog activation={a} member={dialog.member} onClose={close} />
      ) : null}
      {dialog?.kind === 'standDown' ? (
        <TextDialog
          title="收队"
          label="收队总结"
          okText="确认收队"
          pending={standDown.isPending}
          onCancel={close}
          onSubmit={(summary) => standDown.mutate({ id: a.id, summary })}
        />
      ) : null}
      {dialog?.kind === 'done' ? (
        <TextDialog
          title={`报告完成：${dialog.task.title}`}
          label="完成情况"
          okText="提交完成"
          pending={done.isPending}
          onCancel={close}
          onSubmit={(note) => done.mutate({ id: a.id, taskId: dialog.task.taskId, note })}
        />
      ) : null}
      {dialog?.kind === 'progress' ? (
        <TextDialog
          title={`报告进展：${dialog.task.title}`}
          label="进展情况"
          okText="提交进展"
          pending={progress.isPending}
          onCancel={close}
          onSubmit={(note) => progress.mutate({ id: a.id, taskId: dialog.task.taskId, note })}
        />
      ) : null}
      {dialog?.kind === 'decline' ? <DeclineDialog activation={a} onClose={close} /> : null}
      {dialog?.kind === 'borrow' ? <BorrowDialog activation={a} onClose={close} /> : null}
      {dialog?.kind === 'decide' ? (
        <DecisionDialog activationId={a.id} escalation={dialog.escalation} onClose={close} />
      ) : null}
      {dialog?.kind === 'review' ? (
        <TextDialog
          title="复盘"
          label="复盘意见"
          okText="完成复盘"
          pending={review.isPending}
          onCancel={close}
          onSubmit={(findings) => review.mutate({ id: a.id, findings })}
        />
      ) : null}
      {dialog?.kind === 'escalate' ? (
        <TextDialog
          title="提报"
          label="提报事项"
          okText="提报"
          pending={escalate.isPending}
          onCancel={close}
          onSubmit={(question) => escalate.mutate({ id: a.id, to: escalateTo, question, deadlineHours })}
          extra={
            <Space style={{ marginBottom: 16 }}>
              <Select
                aria-label="提报对象"
                value={escalateTo}
                onChange={setEscalateTo}
                options={[
                  { value: 'liaison', label: '联系局领导' },
                  { value: 'partyGroup', label: '局党组' },
                ]}
              />
              <InputNumber
                aria-label="决策时限（小时）"
                min={1}
                max={720}
                value={deadlineHours}
                onChange={(v) => setDeadlineHours(v ?? 2)}
                addonAfter="小时内决策"
              />
            </Space>
          }
        />
      ) : null}
    </>
  )
}
