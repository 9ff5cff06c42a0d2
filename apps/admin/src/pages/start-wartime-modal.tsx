import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd'
import { useEffect } from 'react'
import { useNavigate } from 'react-router'
import { useMe } from '../lib/session.tsx'
import { trpc } from '../lib/trpc.ts'

interface Values {
  area?: string
  dutyCode: string
  reason: string
  place: string
  expectedMinutes: number
  peopleNeeded: number
}

const AREAS = [
  { value: 'lucun', label: '鲁村中队辖区' },
  { value: 'xili', label: '西里中队辖区' },
  { value: 'shiqiao', label: '石桥中队辖区' },
]

/**
 * 启动战时: offers only the initiator's own wartime duties (policy 三.3). From a group-dispute mediation
 * request it suggests 司法所战时职责③ and links the request.
 */
export function StartWartimeModal({
  onClose,
  intake,
}: {
  onClose: () => void
  intake?: { id: string; summary: string; receiptNo: string } | undefined
}) {
  const me = useMe()
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const duties = useQuery(trpc.activation.duties.queryOptions())
  const pickArea = me.role === 'brigadeLeader'
  const start = useMutation({
    ...trpc.activation.start.mutationOptions(),
    onSuccess: ({ id }) => {
      void message.success('已进入战时状态，已通知全体参战人员')
      void queryClient.invalidateQueries({ queryKey: trpc.activation.overview.queryKey() })
      onClose()
      void navigate(`/wartime/${id}`)
    },
    onError: (err) => {
      const fe = fieldErrors(err)
      const fields = Object.entries(fe).filter(([k]) =>
        ['area', 'dutyCode', 'reason', 'place', 'expectedMinutes', 'peopleNeeded'].includes(k),
      )
      if (fields.length > 0)
        form.setFields(fields.map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })))
      void message.error(errorMessage(err))
    },
  })
  const suggested = intake ? duties.data?.find((d) => d.code === 'office.wartime.3')?.code : undefined
  // The duties arrive after the form mounts: preselect the suggestion then.
  useEffect(() => {
    if (suggested && !form.getFieldValue('dutyCode')) form.setFieldsValue({ dutyCode: suggested })
  }, [suggested, form])

  return (
    <Modal
      open
      title="启动战时"
      okText="启动"
      cancelText="取消"
      confirmLoading={start.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {intake ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="群体性矛盾纠纷，建议启动战时（司法所战时职责③）"
          description={`关联申请 ${intake.receiptNo}：${intake.summary}`}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          expectedMinutes: 120,
          peopleNeeded: 6,
          ...(suggested ? { dutyCode: suggested } : {}),
          ...(intake ? { reason: `群体性矛盾纠纷：${intake.summary}`.slice(0, 200) } : {}),
        }}
        onFinish={(v) => start.mutate({ ...v, ...(intake ? { intakeId: intake.id } : {}) })}
      >
        {pickArea ? (
          <Form.Item name="area" label="辖区" rules={[{ required: true, message: '请选择辖区' }]}>
            <Select options={AREAS} placeholder="请选择辖区" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="dutyCode"
          label="战时职责事项"
          rules={[{ required: true, message: '请选择战时职责事项' }]}
        >
          <Select
            loading={duties.isPending}
            placeholder="请选择本单位战时职责清单中的事项"
            options={(duties.data ?? []).map((d) => ({ value: d.code, label: d.label, title: d.text }))}
          />
        </Form.Item>
        <Form.Item name="reason" label="启动事由" rules={[{ required: true, message: '请填写启动事由' }]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="expectedMinutes"
          label="预计时长（分钟）"
          rules={[{ required: true, message: '请填写预计时长' }]}
        >
          <InputNumber min={1} max={10080} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="peopleNeeded"
          label="所需人数"
          rules={[{ required: true, message: '请填写所需人数' }]}
        >
          <InputNumber min={1} max={200} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
