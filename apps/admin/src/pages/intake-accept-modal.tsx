import { DISPUTE_TYPES, type DisputeType, errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, App, DatePicker, Descriptions, Form, Input, Modal, Select } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { DutySelect, useCatalog } from '../components/duty-select.tsx'
import { formatDateTime } from '../lib/format.ts'
import { type IntakeItem, queryClient, type RouterOutputs, trpc } from '../lib/trpc.ts'

type AcceptForm = {
  dutyCode: string
  title: string
  dueDate: Dayjs
  assigneeId: string
  disputeType: DisputeType
}

// Every kiosk request is a 人民调解 application: 司法所平时职责② 指导辖区调解工作.
const MEDIATION_DUTY = 'office.peacetime.2'
const DEFAULT_DAYS = 30

export function defaultTitle(summary: string): string {
  return `人民调解：${Array.from(summary.trim()).slice(0, 20).join('')}`
}

type Assignee = RouterOutputs['org']['assignees'][number]

/** Grouped by unit, the request's own office first: an administrator sees every area's people. */
export function assigneeOptions(people: ReadonlyArray<Assignee>, officeName: string) {
  const units = [...new Set(people.map((p) => p.unitName))].sort((a, b) =>
    a === officeName ? -1 : b === officeName ? 1 : a.localeCompare(b, 'zh-CN'),
  )
  return units.map((unit) => ({
    label: unit,
    title: unit,
    options: people
      .filter((p) => p.unitName === unit)
      .map((p) => ({
        value: p.id,
        label: `${p.displayName}（${p.unitName} · ${p.roleLabel}）`,
        search: `${p.displayName} ${p.unitName} ${p.roleLabel}`,
      })),
  }))
}

export function GroupDisputeAlert() {
  return (
    <Alert
      type="warning"
      showIcon
      title="群体性矛盾纠纷，建议进入战时"
      description="该申请涉及群体性矛盾纠纷，属于司法所战时职责③（调解疑难复杂矛盾纠纷、群体性矛盾纠纷等需要多人参与配合的工作）。建议报请进入战时，由中队长统筹协调中队和司法所工作人员共同调处。"
      style={{ marginBottom: 16 }}
    />
  )
}

export function AcceptIntakeModal({ item, onClose }: { item: IntakeItem; onClose: () => void }) {
  const [form] = Form.useForm<AcceptForm>()
  const { message } = App.useApp()
  const { catalogs, catalog, options } = useCatalog('office', 'peacetime')
  const assignees = useQuery(trpc.org.assignees.queryOptions({}))

  const accept = useMutation({
    ...trpc.intake.accept.mutationOptions(),
    onSuccess: () => {
      void message.success(`已受理 ${item.receiptNo}，任务已派给承办人`)
      void queryClient.invalidateQueries({ queryKey: trpc.intake.pathKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
      onClose()
    },
    onError: (err) => {
      const fields = fieldErrors(err)
      form.setFields(
        (['dutyCode', 'title', 'dueDate', 'assigneeId'] as const)
          .filter((name) => fields[name])
          .map((name) => ({ name, errors: [fields[name] ?? ''] })),
      )
    },
  })

  const defaultDuty = catalog?.duties.some((d) => d.code === MEDIATION_DUTY) ? MEDIATION_DUTY : undefined
  // The catalogue may arrive after the form mounted: fill the default in unless someone chose already.
  useEffect(() => {
    if (defaultDuty && !form.getFieldValue('dutyCode')) form.setFieldValue('dutyCode', defaultDuty)
  }, [defaultDuty, form])

  return (
    <Modal
      open
      title="受理为任务"
      okText="确定"
      cancelText="取消"
      width={680}
      confirmLoading={accept.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      {item.groupDispute ? <GroupDisputeAlert /> : null}
      <Descriptions
        size="small"
        column={2}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'no', label: '受理编号', children: item.receiptNo },
          { key: 'at', label: '提交时间', children: formatDateTime(item.createdAt) },
          { key: 'who', label: '申请人', children: `${item.applicantName}（${item.phoneMasked}）` },
          { key: 'other', label: '对方当事人', children: item.otherParty || '—' },
          { key: 'sum', label: '纠纷概要', span: 2, children: item.summary },
        ]}
      />
      {accept.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(accept.error)}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      ) : null}
      {catalogs.isError ? (
        <Alert
          type="error"
          showIcon
          title={`职责清单加载失败：${errorMessage(catalogs.error)}`}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {assignees.isError ? (
        <Alert
          type="error"
          showIcon
          title={`承办人加载失败：${errorMessage(assignees.error)}`}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form<AcceptForm>
        form={form}
        name="accept"
        layout="vertical"
        initialValues={{
          dutyCode: defaultDuty,
          title: defaultTitle(item.summary),
          dueDate: dayjs().add(DEFAULT_DAYS, 'day'),
        }}
        onFinish={(v) =>
          accept.mutate({
            id: item.id,
            dutyCode: v.dutyCode,
            title: v.title.trim(),
            dueDate: v.dueDate.format('YYYY-MM-DD'),
            assigneeId: v.assigneeId,
            disputeType: v.disputeType,
          })
        }
      >
        <Form.Item
          label="职责事项"
          name="dutyCode"
          rules={[{ required: true, message: '请选择职责事项' }]}
          extra={catalog ? `${catalog.title}（${catalog.version}）` : undefined}
        >
          <DutySelect options={options} loading={catalogs.isPending} />
        </Form.Item>
        <Form.Item
          label="任务标题"
          name="title"
          rules={[
            { required: true, whitespace: true, message: '请输入任务标题' },
            { max: 100, message: '任务标题不超过100个字' },
          ]}
        >
          <Input maxLength={100} showCount />
        </Form.Item>
        <Form.Item
          label="纠纷类型"
          name="disputeType"
          rules={[{ required: true, message: '请选择纠纷类型（登记人民调解案件所需）' }]}
        >
          <Select placeholder="请选择纠纷类型" options={DISPUTE_TYPES.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
          <Form.Item label="截止日期" name="dueDate" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker
              style={{ width: '100%' }}
              format="YYYY-MM-DD"
              disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            />
          </Form.Item>
          <Form.Item label="承办人" name="assigneeId" rules={[{ required: true, message: '请选择承办人' }]}>
            <Select
              loading={assignees.isPending}
              placeholder={assignees.isPending ? '正在加载…' : '请选择承办人'}
              showSearch={{ optionFilterProp: 'search' }}
              notFoundContent="没有可指派的人员"
              options={assigneeOptions(assignees.data ?? [], item.officeName)}
            />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  )
}

export function RejectIntakeModal({ item, onClose }: { item: IntakeItem; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>()
  const { message } = App.useApp()
  const reject = useMutation({
    ...trpc.intake.reject.mutationOptions(),
    onSuccess: () => {
      void message.success(`已退回 ${item.receiptNo}`)
      void queryClient.invalidateQueries({ queryKey: trpc.intake.pathKey() })
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
      title="退回申请"
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: true }}
      confirmLoading={reject.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <p>
        退回受理编号 <strong>{item.receiptNo}</strong>（申请人 {item.applicantName}
        ）的调解申请。退回后不生成任务， 记录移入“已退回”。
      </p>
      {reject.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(reject.error)}
          style={{ marginBottom: 16 }}
          role="alert"
        />
      ) : null}
      <Form
        form={form}
        name="reject"
        layout="vertical"
        onFinish={(v) => reject.mutate({ id: item.id, reason: v.reason.trim() })}
      >
        <Form.Item
          label="退回原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写退回原因' },
            { max: 200, message: '退回原因不超过200个字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder="例如：不属于人民调解受理范围，已告知申请人向法院起诉"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
