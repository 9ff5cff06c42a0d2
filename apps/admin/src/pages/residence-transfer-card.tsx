import { errorMessage } from '@pingzhan/api/client'
import { useMutation } from '@tanstack/react-query'
import { App, Button, Card, Checkbox, Form, Input, Modal, Space, Steps, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Detail = RouterOutputs['supervisee']['get']
type Step = RouterInputs['supervisee']['transfer']['step']

const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按“年-月-日”填写，如 2026-11-26' }
const STEPS: ReadonlyArray<{ step: Step; label: string }> = [
  { step: 'apply', label: '申请变更执行地' },
  { step: 'consult', label: '征求新执行地意见' },
  { step: 'reply', label: '登记回复意见' },
  { step: 'decide', label: '作出决定' },
  { step: 'sendFiles', label: '移交档案' },
  { step: 'complete', label: '确认报到' },
]

/** The next step a transfer in `stage` may take (社区矫正法27; 实施办法29–30). */
const nextStep = (t: Detail['transfer']): Step => {
  switch (t.stage) {
    case 'none':
    case 'completed':
      return 'apply'
    case 'applied':
      return 'consult'
    case 'consulted':
      return 'reply'
    case 'replied':
      return 'decide'
    case 'approved':
      return t.filesSent ? 'complete' : 'sendFiles'
  }
}

/** 变更执行地: the steps and their day counts, recorded one by one; the decision is the brigade's. */
export function ResidenceTransferCard({ s }: { s: Detail }) {
  const me = useMe()
  const { message, modal } = App.useApp()
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm<Omit<RouterInputs['supervisee']['transfer'], 'id' | 'step'>>()
  const step = nextStep(s.transfer)
  const label = STEPS.find((x) => x.step === step)?.label ?? ''
  const act = useMutation({
    ...trpc.supervisee.transfer.mutationOptions(),
    onSuccess: async (r) => {
      void message.success(`已登记：${r.label}`)
      if (r.late)
        modal.warning({
          title: '申请时间晚于拟迁居前一个月',
          content: '变更执行地应提前约一个月申请（社区矫正法实施办法第29条），已记录在案。',
          okText: '知道了',
        })
      await queryClient.invalidateQueries({ queryKey: trpc.supervisee.pathKey() })
      await queryClient.invalidateQueries({ queryKey: trpc.deadline.warnings.queryKey() })
      setOpen(false)
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  const works = me.role === 'squadLeader' || me.role === 'squadMember' || me.role === 'brigadeLeader'
  const mayAct = works && s.status === 'active' && (step !== 'decide' || me.role === 'brigadeLeader')
  const current = s.transfer.stage === 'none' ? -1 : STEPS.findIndex((x) => x.step === step)
  return (
    <Card title="变更执行地" size="small" style={{ marginBottom: 16 }}>
      {s.transfer.stage !== 'none' ? (
        <>
          <Typography.Paragraph>新执行地：{s.transfer.destination}</Typography.Paragraph>
          <Steps
            size="small"
            current={s.transfer.stage === 'completed' ? STEPS.length : current}
            items={STEPS.map((x) => ({ title: x.label }))}
          />
        </>
      ) : (
        <Typography.Text type="secondary">无正在办理的变更执行地申请。</Typography.Text>
      )}
      <Space style={{ marginTop: 12 }}>
        {mayAct ? (
          <Button onClick={() => setOpen(true)}>{label}</Button>
        ) : step === 'decide' && s.status === 'active' ? (
          <Typography.Text type="secondary">等待县级社区矫正机构（执法大队）作出决定</Typography.Text>
        ) : null}
      </Space>
      <Modal
        title={label}
        open={open}
        onCancel={() => setOpen(false)}
        okText="登记"
        cancelText="取消"
        confirmLoading={act.isPending}
        onOk={() => void form.validateFields().then((v) => act.mutate({ ...v, id: s.id, step }))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ on: dayjs().format('YYYY-MM-DD') }}>
          <Form.Item name="on" label="日期" rules={[{ required: true, message: '请填写日期' }, DATE_RULE]}>
            <Input placeholder="年-月-日" />
          </Form.Item>
          {step === 'apply' ? (
            <>
              <Form.Item
                name="destination"
                label="新执行地"
                rules={[{ required: true, message: '请填写新执行地（县、市、区）' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name="moveOn"
                label="拟迁居日期"
                rules={[{ required: true, message: '请填写拟迁居日期' }, DATE_RULE]}
              >
                <Input placeholder="年-月-日" />
              </Form.Item>
            </>
          ) : null}
          {step === 'reply' ? (
            <Form.Item name="agreed" valuePropName="checked" initialValue={false}>
              <Checkbox>新执行地同意接收</Checkbox>
            </Form.Item>
          ) : null}
          {step === 'decide' ? (
            <Form.Item name="approve" valuePropName="checked" initialValue={false}>
              <Checkbox>同意变更执行地</Checkbox>
            </Form.Item>
          ) : null}
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}
