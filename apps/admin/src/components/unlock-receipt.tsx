import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation } from '@tanstack/react-query'
import { Alert, App, Button, Form, Input, Modal, Space, Tag } from 'antd'
import { useState } from 'react'
import { queryClient, trpc } from '../lib/trpc.ts'

/**
 * A kiosk receipt that wrong secrets locked (issue 14): the tag, and for the director of its office (or
 * the administrator) the unlock, after checking the resident's ID card at the window, with a reason.
 */
export function LockedReceipt({ receiptNo, canUnlock }: { receiptNo: string; canUnlock: boolean }) {
  const [open, setOpen] = useState(false)
  return (
    <Space size={4}>
      <Tag color="red">查询码已锁定</Tag>
      {canUnlock ? (
        <Button size="small" onClick={() => setOpen(true)} aria-label={`解锁 ${receiptNo}`}>
          解锁
        </Button>
      ) : null}
      {open ? <UnlockModal receiptNo={receiptNo} onClose={() => setOpen(false)} /> : null}
    </Space>
  )
}

function UnlockModal({ receiptNo, onClose }: { receiptNo: string; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>()
  const { message } = App.useApp()
  const unlock = useMutation({
    ...trpc.receipt.unlock.mutationOptions(),
    onSuccess: () => {
      void message.success(`已解锁 ${receiptNo}，群众可用原查询码查询`)
      void queryClient.invalidateQueries({ queryKey: trpc.intake.pathKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.appointment.pathKey() })
      onClose()
    },
    onError: (err) => {
      const reason = fieldErrors(err).reason
      if (reason) form.setFields([{ name: 'reason', errors: [reason] }])
    },
  })
  return (
    <Modal
      open
      title="解锁查询码"
      okText="解锁"
      cancelText="取消"
      confirmLoading={unlock.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <p>
        受理编号 <strong>{receiptNo}</strong>{' '}
        的查询码输错次数过多，已被锁定。请先核验来人的身份证件，确认是申请人本人或其监护人后再解锁；解锁后原查询码重新可用。
      </p>
      {unlock.isError && !fieldErrors(unlock.error).reason ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(unlock.error)}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      ) : null}
      <Form
        form={form}
        name="unlock"
        layout="vertical"
        onFinish={(v) => unlock.mutate({ receiptNo, reason: v.reason.trim() })}
      >
        <Form.Item
          label="解锁原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写解锁原因' },
            { min: 2, message: '解锁原因至少2个字' },
            { max: 100, message: '解锁原因不超过100个字' },
          ]}
        >
          <Input maxLength={100} placeholder="例如：已核验申请人居民身份证" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
