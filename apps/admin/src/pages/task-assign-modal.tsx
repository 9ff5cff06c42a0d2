import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, App, Form, Input, Modal, Select } from 'antd'
import { queryClient, trpc } from '../lib/trpc.ts'

type Target =
  | { kind: 'one'; id: string; version: number; area: string }
  | { kind: 'many'; ids: string[]; area?: string }

/** Reassign one task (reason required, kept in its history) or assign many at once. */
export function TaskAssignModal({ target, onClose }: { target: Target | null; onClose: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ assigneeId: string; reason?: string }>()
  const area = target?.area
  const people = useQuery({
    ...trpc.org.assignees.queryOptions(area ? { area } : {}),
    enabled: target !== null,
  })
  const done = (text: string) => {
    void message.success(text)
    void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
    form.resetFields()
    onClose()
  }
  const reassign = useMutation({ ...trpc.task.reassign.mutationOptions(), onSuccess: () => done('已改派') })
  const bulk = useMutation({
    ...trpc.task.bulkAssign.mutationOptions(),
    onSuccess: (r) => done(`已分派 ${r.count} 项任务`),
  })
  const error = reassign.error ?? bulk.error
  const one = target?.kind === 'one'
  return (
    <Modal
      open={target !== null}
      title={one ? '改派任务' : `批量分派（${target?.kind === 'many' ? target.ids.length : 0} 项）`}
      okText="确定"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reassign.isPending || bulk.isPending}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} role="alert" style={{ marginBottom: 12 }} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        name="task-assign"
        onFinish={(v) => {
          if (!target) return
          const reason = v.reason?.trim()
          if (target.kind === 'one') {
            reassign.mutate({
              id: target.id,
              version: target.version,
              assigneeIds: [v.assigneeId],
              reason: reason ?? '',
            })
          } else bulk.mutate({ ids: target.ids, assigneeId: v.assigneeId, ...(reason ? { reason } : {}) })
        }}
      >
        <Form.Item label="办理人员" name="assigneeId" rules={[{ required: true, message: '请选择办理人员' }]}>
          <Select
            loading={people.isPending}
            options={(people.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.displayName}（${p.unitName}）`,
            }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item
          label="改派理由"
          name="reason"
          extra={one ? '改派理由记入任务的办理记录' : '所选任务已有承办人的，须填写改派理由'}
          rules={one ? [{ required: true, whitespace: true, min: 2, message: '请填写改派理由' }] : []}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
