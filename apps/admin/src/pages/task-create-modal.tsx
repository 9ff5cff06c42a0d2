import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd'
import type { Dayjs } from 'dayjs'
import dayjs from 'dayjs'
import { DutySelect, useCatalog } from '../components/duty-select.tsx'
import { useOffices } from '../lib/offices.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, trpc } from '../lib/trpc.ts'

interface Values {
  unit: string
  dutyCode: string
  title: string
  description?: string
  dueDate: Dayjs
  priority: 'normal' | 'high'
  assigneeIds: string[]
  recurrence: 'none' | 'weekly' | 'monthly'
}

/** The units the signed-in person heads (所长: own office; 中队长: own squad; 大队长: squads; admin: all). */
function useUnits() {
  const me = useMe()
  const offices = useOffices(me.role === 'bureauAdmin' || me.role === 'brigadeLeader')
  if (me.role === 'officeDirector' && me.office)
    return [{ value: `office:${me.office.code}`, label: me.office.name }]
  if (me.role === 'squadLeader' && me.squad)
    return [{ value: `squad:${me.squad.code}`, label: me.squad.name }]
  const squads = new Map((offices.data ?? []).map((o) => [o.area, o.areaName]))
  const squadOptions = [...squads].map(([code, name]) => ({ value: `squad:${code}`, label: name }))
  if (me.role === 'brigadeLeader') return squadOptions
  if (me.role === 'bureauAdmin') {
    return [
      ...(offices.data ?? []).map((o) => ({ value: `office:${o.code}`, label: o.name })),
      ...squadOptions,
    ]
  }
  return []
}

export function TaskCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const units = useUnits()
  const unit = Form.useWatch('unit', form) ?? units[0]?.value
  const kind = unit?.startsWith('squad:') ? 'squad' : 'office'
  const office = useCatalog(kind, 'peacetime')
  const area = unit?.startsWith('squad:') ? unit.slice(6) : undefined
  const people = useQuery({ ...trpc.org.assignees.queryOptions(area ? { area } : {}), enabled: open })
  const create = useMutation({
    ...trpc.task.create.mutationOptions(),
    onSuccess: () => {
      void message.success('任务已创建并分派')
      void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
      form.resetFields()
      onClose()
    },
    onError: (err) => {
      const fe = fieldErrors(err)
      const names: ReadonlyArray<keyof Values> = [
        'dutyCode',
        'title',
        'dueDate',
        'assigneeIds',
        'description',
      ]
      form.setFields(names.filter((n) => fe[n]).map((n) => ({ name: n, errors: [fe[n] ?? ''] })))
      if (fe.unit) form.setFields([{ name: 'unit', errors: [fe.unit] }])
    },
  })
  return (
    <Modal
      open={open}
      title="新建任务"
      okText="创建"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {create.error ? (
        <Alert
          type="error"
          showIcon
          title={errorMessage(create.error)}
          role="alert"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        name="task-create"
        initialValues={{
          unit: units[0]?.value,
          priority: 'normal',
          recurrence: 'none',
          dueDate: dayjs().add(7, 'day'),
        }}
        onFinish={(v) => {
          const [unitKind, unitCode] = v.unit.split(':') as ['office' | 'squad', string]
          create.mutate({
            unitKind,
            unitCode,
            dutyCode: v.dutyCode,
            title: v.title.trim(),
            ...(v.description?.trim() ? { description: v.description.trim() } : {}),
            dueDate: v.dueDate.format('YYYY-MM-DD'),
            priority: v.priority,
            assigneeIds: v.assigneeIds,
            ...(v.recurrence !== 'none' ? { recurrence: v.recurrence } : {}),
          })
        }}
      >
        <Form.Item label="承办单位" name="unit" rules={[{ required: true, message: '请选择承办单位' }]}>
          <Select options={units} />
        </Form.Item>
        <Form.Item label="职责事项" name="dutyCode" rules={[{ required: true, message: '请选择职责事项' }]}>
          <DutySelect options={office.options} loading={office.catalogs.isPending} />
        </Form.Item>
        <Form.Item
          label="任务名称"
          name="title"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写任务名称（至少 2 个字）' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="任务说明" name="description">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label="办理期限" name="dueDate" rules={[{ required: true, message: '请选择办理期限' }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          label="办理人员"
          name="assigneeIds"
          rules={[{ required: true, message: '请选择办理人员' }]}
        >
          <Select
            mode="multiple"
            loading={people.isPending}
            options={(people.data ?? []).map((p) => ({
              value: p.id,
              label: `${p.displayName}（${p.unitName}）`,
            }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item label="优先级" name="priority">
          <Radio.Group
            options={[
              { value: 'normal', label: '一般' },
              { value: 'high', label: '紧急' },
            ]}
          />
        </Form.Item>
        <Form.Item label="重复" name="recurrence">
          <Radio.Group
            options={[
              { value: 'none', label: '不重复' },
              { value: 'weekly', label: '每周' },
              { value: 'monthly', label: '每月' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
