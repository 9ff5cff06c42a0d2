import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Empty, Flex, Form, Image, Input, List, Modal, Typography } from 'antd'
import { useState } from 'react'
import { formatDateTime } from '../lib/format.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type TaskDetail, trpc } from '../lib/trpc.ts'
import { TaskAssignModal } from './task-assign-modal.tsx'

const KIND: Record<string, string> = { checkin: '现场签到', note: '备注', photo: '照片' }

function Photo({ id }: { id: string }) {
  const photo = useQuery(trpc.task.photo.queryOptions({ id }))
  if (!photo.data)
    return (
      <Typography.Text type="secondary">{photo.isError ? '照片加载失败' : '正在加载照片…'}</Typography.Text>
    )
  return (
    <Image width={160} alt="现场照片" src={`data:${photo.data.mime};base64,${photo.data.contentBase64}`} />
  )
}

/** Evidence from the field: check-ins with place and time, notes, photos (issue 4). */
export function TaskEvidence({ task }: { task: TaskDetail }) {
  return (
    <div>
      <Typography.Title level={5}>现场材料</Typography.Title>
      {task.evidence.length === 0 ? (
        <Empty description="暂无现场材料" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          aria-label="现场材料"
          size="small"
          dataSource={[...task.evidence]}
          renderItem={(e) => (
            <List.Item data-testid={`evidence-${e.kind}`}>
              <Flex vertical gap={4}>
                <Typography.Text strong>
                  {KIND[e.kind] ?? e.kind} · {e.actorName}
                </Typography.Text>
                <Typography.Text type="secondary">
                  现场时间 {formatDateTime(e.at)}
                  {e.receivedAt !== e.at ? `（上传 ${formatDateTime(e.receivedAt)}）` : ''}
                </Typography.Text>
                {e.lat !== null && e.lng !== null ? (
                  <Typography.Text>
                    位置 {e.lat.toFixed(5)}, {e.lng.toFixed(5)}
                    {e.accuracy !== null ? `（精度约 ${Math.round(e.accuracy)} 米）` : ''}
                  </Typography.Text>
                ) : null}
                {e.note ? (
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Text>
                ) : null}
                {e.hasPhoto ? <Photo id={e.id} /> : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  )
}

/** Reassign and cancel, for the head of the task's unit. */
export function TaskManage({ task }: { task: TaskDetail }) {
  const me = useMe()
  const { message } = App.useApp()
  const [reassigning, setReassigning] = useState(false)
  const [cancelling, setCancelling] = useState(false)
  const [form] = Form.useForm<{ reason: string }>()
  const manages =
    me.role === 'bureauAdmin' ||
    (me.role === 'officeDirector' && task.officeCode !== null && task.officeCode === me.office?.code) ||
    (me.role === 'squadLeader' && task.officeCode === null && task.squadCode === me.squad?.code) ||
    (me.role === 'brigadeLeader' && task.officeCode === null)
  const cancel = useMutation({
    ...trpc.task.cancel.mutationOptions(),
    onSuccess: () => {
      void message.success('任务已撤销')
      setCancelling(false)
      void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
    },
  })
  if (!manages || (task.status !== 'open' && task.status !== 'in_progress')) return null
  return (
    <Flex gap={8}>
      <Button onClick={() => setReassigning(true)}>改派</Button>
      <Button danger onClick={() => setCancelling(true)}>
        撤销任务
      </Button>
      <TaskAssignModal
        target={
          reassigning ? { kind: 'one', id: task.id, version: task.version, area: task.squadCode } : null
        }
        onClose={() => setReassigning(false)}
      />
      <Modal
        open={cancelling}
        title="撤销任务"
        okText="确认撤销"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        onCancel={() => setCancelling(false)}
        onOk={() => form.submit()}
        confirmLoading={cancel.isPending}
        destroyOnHidden
      >
        {cancel.error ? (
          <Alert type="error" showIcon title={errorMessage(cancel.error)} role="alert" />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          name="task-cancel"
          onFinish={(v) => cancel.mutate({ id: task.id, version: task.version, reason: v.reason.trim() })}
        >
          <Form.Item
            label="撤销理由"
            name="reason"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写撤销理由' }]}
          >
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  )
}
