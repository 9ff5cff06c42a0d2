import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { useState } from 'react'
import { Link } from 'react-router'
import { DueCell } from '../components/due-cell.tsx'
import { Loading } from '../components/loading.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime, historyKindLabel, TASK_STATUS } from '../lib/format.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type TaskDetail, trpc } from '../lib/trpc.ts'
import { TaskEvidence, TaskManage } from './task-evidence.tsx'

export function TaskDrawer({ taskId, onClose }: { taskId: string | null; onClose: () => void }) {
  const task = useQuery({ ...trpc.task.get.queryOptions({ id: taskId ?? '' }), enabled: taskId !== null })
  return (
    <Drawer open={taskId !== null} onClose={onClose} title="任务详情" size={640} destroyOnHidden>
      {task.isPending ? <Loading /> : null}
      {task.isError ? <QueryError error={task.error} onRetry={() => void task.refetch()} /> : null}
      {task.data ? <TaskDetailView task={task.data} /> : null}
    </Drawer>
  )
}

function TaskDetailView({ task }: { task: TaskDetail }) {
  const me = useMe()
  // Mirrors the API's rule: the assignee, the head of the task's office or squad, or the administrator.
  const mayWork =
    task.assignees.some((a) => a.id === me.id) ||
    me.role === 'bureauAdmin' ||
    (me.role === 'officeDirector' && task.officeCode !== null && task.officeCode === me.office?.code) ||
    (me.role === 'squadLeader' && task.squadCode === me.squad?.code)
  const status = TASK_STATUS[task.status]
  return (
    <Flex vertical gap={20}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {task.title}
        </Typography.Title>
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Tag color={status.color}>{status.label}</Tag>
          {task.priority === 'high' ? <Tag color="volcano">紧急</Tag> : null}
          {task.source === 'kiosk' ? <Tag>来自自助终端</Tag> : null}
        </Flex>
      </div>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'duty',
            label: '职责事项',
            children: `${task.dutyTitle}（${task.dutyCode} · ${task.dutyVersion}）`,
          },
          { key: 'unit', label: '承办单位', children: task.unitName },
          {
            key: 'who',
            label: '承办人',
            children: task.assignees.map((a) => a.displayName).join('、') || '未指派',
          },
          { key: 'due', label: '截止时间', children: <DueCell task={task} /> },
          { key: 'created', label: '创建时间', children: formatDateTime(task.createdAt) },
          ...(task.description
            ? [
                {
                  key: 'desc',
                  label: '任务说明',
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.description}</span>,
                },
              ]
            : []),
          ...(task.source === 'kiosk' && task.sourceId
            ? [
                {
                  key: 'src',
                  label: '来源',
                  children: <Link to="/intake?status=accepted">受理队列（已受理）</Link>,
                },
              ]
            : []),
          ...(task.cancelReason ? [{ key: 'cancel', label: '撤销理由', children: task.cancelReason }] : []),
          ...(task.recurrence
            ? [{ key: 'rec', label: '重复', children: task.recurrence === 'monthly' ? '每月' : '每周' }]
            : []),
          ...(task.completedAt
            ? [
                {
                  key: 'done',
                  label: '办结',
                  children: `${task.completedByName ?? '—'}，${formatDateTime(task.completedAt)}`,
                },
                {
                  key: 'note',
                  label: '完成说明',
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.completionNote ?? '—'}</span>,
                },
              ]
            : []),
        ]}
      />
      {mayWork && (task.status === 'open' || task.status === 'in_progress') ? (
        <TaskActions task={task} />
      ) : null}
      <TaskManage task={task} />
      <TaskEvidence task={task} />
      <div>
        <Typography.Title level={5}>办理记录</Typography.Title>
        {task.history.length === 0 ? (
          <Empty description="暂无办理记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline
            items={task.history.map((h, i) => ({
              key: `${h.at}-${i}`,
              title: formatDateTime(h.at),
              content: (
                <>
                  <Typography.Text strong>{historyKindLabel(h.kind)}</Typography.Text>
                  <Typography.Text type="secondary"> · {h.actorName}</Typography.Text>
                  {h.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{h.note}</div> : null}
                </>
              ),
            }))}
          />
        )}
      </div>
    </Flex>
  )
}

function TaskActions({ task }: { task: TaskDetail }) {
  const { message } = App.useApp()
  const [completing, setCompleting] = useState(false)
  const [form] = Form.useForm<{ note: string }>()
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })

  const start = useMutation({
    ...trpc.task.start.mutationOptions(),
    onSuccess: () => {
      void message.success('已开始办理')
      refresh()
    },
  })
  const complete = useMutation({
    ...trpc.task.complete.mutationOptions(),
    onSuccess: () => {
      void message.success('任务已办结')
      setCompleting(false)
      refresh()
    },
    onError: (err) => {
      const note = fieldErrors(err).note
      if (note) form.setFields([{ name: 'note', errors: [note] }])
    },
  })
  const error = start.error ?? complete.error

  return (
    <div>
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} role="alert" />
      ) : null}
      {completing ? (
        <Form
          form={form}
          name="complete"
          layout="vertical"
          onFinish={(v) => complete.mutate({ id: task.id, version: task.version, note: v.note.trim() })}
        >
          <Form.Item
            label="完成说明"
            name="note"
            rules={[{ required: true, whitespace: true, message: '请填写完成说明' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="办理经过和结果" />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={complete.isPending}>
              确认办结
            </Button>
            <Button onClick={() => setCompleting(false)}>取消</Button>
          </Flex>
        </Form>
      ) : (
        <Flex gap={8}>
          {task.status === 'open' ? (
            <Button
              type="primary"
              loading={start.isPending}
              onClick={() => start.mutate({ id: task.id, version: task.version })}
            >
              开始办理
            </Button>
          ) : null}
          <Button onClick={() => setCompleting(true)}>办结</Button>
        </Flex>
      )}
    </div>
  )
}
