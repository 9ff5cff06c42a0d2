import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Form, Input, Modal, Select } from 'antd'
import { trpc, trpcClient } from '../lib/trpc.ts'
import type { ActivationView } from '../lib/wartime.ts'

// The wartime commands that had no screen before: decline with a reason, borrowing from another area,
// designating the stand-in commander, and the decision on an escalation (policy 三.2, 四.1).

type DeclineReason = 'leave' | 'sick' | 'otherAssignment' | 'divisionOfLabour' | 'other'

export const DECLINE_CHOICES: ReadonlyArray<{ value: DeclineReason; label: string }> = [
  { value: 'leave', label: '请假' },
  { value: 'sick', label: '病假' },
  { value: 'otherAssignment', label: '另有任务' },
  { value: 'divisionOfLabour', label: '分工不同（不属本单位业务）' },
  { value: 'other', label: '其他' },
]

/** The policy's words shown whenever 分工不同 is chosen: it is recorded as 推诿 at once. */
export const REFUSAL_WARNING =
  '“司法所和执法中队不得以业务分工互相推诿”：以分工不同为由不参加，将直接记为推诿，计入融合联动考核，不能由指挥人员批准。'

function useWartimeCommand<I>(run: (input: I) => Promise<unknown>, success: string, onDone: () => void) {
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void message.success(success)
      void queryClient.invalidateQueries({ queryKey: trpc.activation.get.pathKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.activation.overview.queryKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.activation.pendingDecisions.queryKey() })
      onDone()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
}

/** 无法参加: the roster member's own decline, with the reason; 分工不同 warns that it counts as 推诿. */
export function DeclineDialog({ activation, onClose }: { activation: ActivationView; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: DeclineReason; note?: string }>()
  const reason = Form.useWatch('reason', form)
  const decline = useWartimeCommand(
    (v: { reason: DeclineReason; note?: string }) =>
      trpcClient.activation.decline.mutate({ id: activation.id, reason: v.reason, note: v.note ?? '' }),
    '已报告无法参加',
    onClose,
  )
  return (
    <Modal
      open
      title="无法参加"
      okText="提交"
      cancelText="取消"
      okButtonProps={{ danger: reason === 'divisionOfLabour' }}
      confirmLoading={decline.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" onFinish={(v) => decline.mutate(v)}>
        <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请选择原因' }]}>
          <Select options={[...DECLINE_CHOICES]} />
        </Form.Item>
        {reason === 'divisionOfLabour' ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title="将记为推诿"
            description={REFUSAL_WARNING}
          />
        ) : null}
        <Form.Item
          name="note"
          label="说明"
          rules={[{ required: reason === 'other', message: '选择“其他”时请填写说明' }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 跨辖区抽调 (brigade leader): anyone from another area joins the roster, recorded as borrowed. */
export function BorrowDialog({ activation, onClose }: { activation: ActivationView; onClose: () => void }) {
  const [form] = Form.useForm<{ userId: string }>()
  const people = useQuery(trpc.org.assignees.queryOptions({}))
  const onRoster = new Set(activation.roster.map((m) => m.userId))
  const borrow = useWartimeCommand(
    (v: { userId: string }) => trpcClient.activation.borrow.mutate({ id: activation.id, userId: v.userId }),
    '已抽调参战',
    onClose,
  )
  return (
    <Modal
      open
      title="跨辖区抽调人员"
      okText="抽调"
      cancelText="取消"
      confirmLoading={borrow.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" onFinish={(v) => borrow.mutate(v)}>
        <Form.Item name="userId" label="抽调人员" rules={[{ required: true, message: '请选择抽调人员' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={people.isLoading}
            options={(people.data ?? [])
              .filter((p) => !onRoster.has(p.id))
              .map((p) => ({ value: p.id, label: `${p.displayName}（${p.unitName}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 指定代理指挥 (brigade leader): who commands the area when the squad leader is absent; empty clears it. */
export function StandInDialog({
  area,
  areaName,
  onClose,
}: {
  area: string
  areaName: string
  onClose: () => void
}) {
  const [form] = Form.useForm<{ userId?: string }>()
  const people = useQuery(trpc.org.assignees.queryOptions({ area }))
  const designate = useWartimeCommand(
    (v: { userId?: string }) =>
      trpcClient.activation.designateStandIn.mutate({ area, ...(v.userId ? { userId: v.userId } : {}) }),
    '已更新代理指挥',
    onClose,
  )
  return (
    <Modal
      open
      title={`指定代理指挥：${areaName}`}
      okText="确定"
      cancelText="取消"
      confirmLoading={designate.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="中队长请假、外出或正在指挥另一次战时行动时，新启动的战时行动由代理指挥统一指挥；未指定时由执法大队长指挥。"
      />
      <Form form={form} layout="vertical" onFinish={(v) => designate.mutate(v)}>
        <Form.Item name="userId" label="代理指挥">
          <Select
            allowClear
            placeholder="不指定"
            loading={people.isLoading}
            options={(people.data ?? [])
              .filter((p) => p.roleLabel !== '中队长')
              .map((p) => ({ value: p.id, label: `${p.displayName}（${p.unitName}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 作出决策: the liaison's (or, for the party group, a bureau leader's record of its) decision. */
export function DecisionDialog({
  activationId,
  escalation,
  onClose,
}: {
  activationId: string
  escalation: { escalationId: string; question: string; toLabel: string }
  onClose: () => void
}) {
  const [form] = Form.useForm<{ decision: string }>()
  const decide = useWartimeCommand(
    (v: { decision: string }) =>
      trpcClient.activation.decideEscalation.mutate({
        id: activationId,
        escalationId: escalation.escalationId,
        decision: v.decision,
      }),
    '决策已登记',
    onClose,
  )
  return (
    <Modal
      open
      title={`作出决策（${escalation.toLabel}）`}
      okText="登记决策"
      cancelText="取消"
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <p>提报事项：{escalation.question}</p>
      <Form form={form} layout="vertical" onFinish={(v) => decide.mutate(v)}>
        <Form.Item name="decision" label="决策意见" rules={[{ required: true, message: '请填写决策意见' }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}
