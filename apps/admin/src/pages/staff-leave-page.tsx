import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { Link } from 'react-router'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { useMe } from '../lib/session.tsx'
import { type RouterOutputs, trpc, trpcClient } from '../lib/trpc.ts'

type LeaveItem = RouterOutputs['staffLeave']['list'][number]

interface LeaveForm {
  userId: string
  kind: 'leave' | 'out'
  range: [Dayjs, Dayjs]
  reason: string
}

function RecordDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<LeaveForm>()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const people = useQuery(trpc.staffLeave.people.queryOptions())
  const record = useMutation({
    mutationFn: (v: LeaveForm) =>
      trpcClient.staffLeave.record.mutate({
        userId: v.userId,
        kind: v.kind,
        from: v.range[0].format('YYYY-MM-DD'),
        to: v.range[1].format('YYYY-MM-DD'),
        reason: v.reason,
      }),
    onSuccess: () => {
      void message.success('已登记')
      void queryClient.invalidateQueries({ queryKey: trpc.staffLeave.list.queryKey() })
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      open
      title="登记请假外出"
      okText="登记"
      cancelText="取消"
      confirmLoading={record.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'leave' }}
        onFinish={(v) => record.mutate(v)}
      >
        <Form.Item name="userId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={people.isLoading}
            options={(people.data ?? []).map((p) => ({
              value: p.userId,
              label: `${p.name}（${p.roleLabel}${p.areaName ? ` · ${p.areaName}` : ''}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="kind" label="类别">
          <Select
            options={[
              { value: 'leave', label: '请假' },
              { value: 'out', label: '外出' },
            ]}
          />
        </Form.Item>
        <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="事由" rules={[{ required: true, message: '请填写事由' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/**
 * 请假外出登记: staff absences recorded by the brigade leader or a squad leader. While someone is away
 * they are excused from a call-up, and an absent squad leader hands command to the stand-in (三.2).
 */
export default function StaffLeavePage() {
  const me = useMe()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const [recording, setRecording] = useState(false)
  const list = useQuery(trpc.staffLeave.list.queryOptions())
  const cancel = useMutation({
    mutationFn: (id: string) => trpcClient.staffLeave.cancel.mutate({ id }),
    onSuccess: () => {
      void message.success('已撤销')
      void queryClient.invalidateQueries({ queryKey: trpc.staffLeave.list.queryKey() })
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  const mayRecord = me.role === 'brigadeLeader' || me.role === 'squadLeader'

  const columns: TableColumnsType<LeaveItem> = [
    { title: '人员', dataIndex: 'name', width: 200 },
    { title: '职务', dataIndex: 'roleLabel', width: 140 },
    { title: '类别', dataIndex: 'kindLabel', width: 70 },
    { title: '开始', dataIndex: 'startsAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: '结束', dataIndex: 'endsAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: '事由', dataIndex: 'reason' },
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_: unknown, l) =>
        l.cancelled ? (
          <Tag>已撤销</Tag>
        ) : l.current ? (
          <Tag color="orange">不在岗</Tag>
        ) : (
          <Tag color="blue">已登记</Tag>
        ),
    },
    { title: '登记人', dataIndex: 'recordedByName', width: 160 },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, l) =>
        l.mayCancel ? (
          <Popconfirm
            title="撤销这条记录？"
            okText="撤销"
            cancelText="取消"
            onConfirm={() => cancel.mutate(l.id)}
          >
            <Button size="small">撤销</Button>
          </Popconfirm>
        ) : null,
    },
  ]

  return (
    <>
      <PageHeader
        title="请假外出登记"
        subtitle={
          <>
            请假、外出期间不参加战时集结；中队长不在岗时，新启动的战时行动由代理指挥或执法大队长统一指挥。{' '}
            <Link to="/wartime">返回平战态势</Link>
          </>
        }
        extra={
          mayRecord ? (
            <Button type="primary" onClick={() => setRecording(true)}>
              登记请假外出
            </Button>
          ) : null
        }
      />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card size="small">
        <Table<LeaveItem>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          pagination={false}
          columns={columns}
          dataSource={[...(list.data ?? [])]}
          onRow={(l) => rowTestId(`leave-row-${l.name}`)}
          locale={{ emptyText: '近期没有请假外出记录' }}
        />
      </Card>
      {recording ? <RecordDialog onClose={() => setRecording(false)} /> : null}
    </>
  )
}
