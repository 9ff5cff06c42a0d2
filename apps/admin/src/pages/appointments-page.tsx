import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { LockedReceipt } from '../components/unlock-receipt.tsx'
import { formatDateTime } from '../lib/format.ts'
import { useOffices } from '../lib/offices.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Slot = RouterOutputs['appointment']['day'][number]

const hhmm = (iso: string) => dayjs(iso).format('HH:mm')
const TIMES = Array.from({ length: 20 }, (_, i) => {
  const m = 8 * 60 + 30 + i * 30
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
})

/**
 * 咨询预约 (issue 14): the day's consultation appointments of the office (director), of the area
 * (squad, liaison leader) or all (brigade, administrator); the director opens free slots the kiosk offers.
 */
export default function AppointmentsPage() {
  const me = useMe()
  const manages = me.role === 'officeDirector' || me.role === 'bureauAdmin'
  const [day, setDay] = useState<Dayjs>(dayjs())
  const [adding, setAdding] = useState(false)
  const { message } = App.useApp()
  const dayText = day.format('YYYY-MM-DD')
  const list = useQuery(trpc.appointment.day.queryOptions({ day: dayText }))
  const remove = useMutation({
    ...trpc.appointment.removeSlot.mutationOptions(),
    onSuccess: () => {
      void message.success('已删除该时段')
      void queryClient.invalidateQueries({ queryKey: trpc.appointment.pathKey() })
    },
    onError: (err) => void message.error(errorMessage(err)),
  })

  const columns: TableColumnsType<Slot> = [
    {
      title: '时间',
      key: 'time',
      width: 120,
      render: (_: unknown, s) => `${hhmm(s.startsAt)}–${hhmm(s.endsAt)}`,
    },
    ...(me.role === 'officeDirector' ? [] : [{ title: '司法所', dataIndex: 'officeName', width: 120 }]),
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_: unknown, s) =>
        s.booking?.status === 'booked' ? <Tag color="blue">已预约</Tag> : <Tag color="green">空闲</Tag>,
    },
    {
      title: '预约人',
      key: 'who',
      render: (_: unknown, s) =>
        s.booking?.status === 'booked' ? `${s.booking.applicantName}（${s.booking.phoneMasked}）` : '—',
    },
    {
      title: '咨询事项',
      key: 'topic',
      width: 120,
      render: (_: unknown, s) => (s.booking?.status === 'booked' ? s.booking.topic : '—'),
    },
    {
      title: '受理编号',
      key: 'receipt',
      width: 190,
      render: (_: unknown, s) =>
        s.booking?.status === 'booked' ? (
          <Space direction="vertical" size={0}>
            <span>{s.booking.receiptNo}</span>
            {s.booking.receiptLocked ? (
              <LockedReceipt receiptNo={s.booking.receiptNo} canUnlock={manages} />
            ) : null}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '备注',
      key: 'note',
      render: (_: unknown, s) =>
        s.cancelledCount > 0
          ? `群众已取消 ${s.cancelledCount} 次（最近 ${s.booking?.cancelledAt ? formatDateTime(s.booking.cancelledAt) : ''}）`
          : '',
    },
    ...(manages
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_: unknown, s: Slot) =>
              s.booking === null ? (
                <Popconfirm
                  title="删除这个空闲时段？"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => remove.mutate({ id: s.id })}
                >
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ]

  return (
    <>
      <PageHeader
        title="咨询预约"
        subtitle={
          manages
            ? '设置本所可预约的法律咨询时段，群众在自助终端预约；预约情况同时推送给辖区中队。'
            : '辖区司法所当天的法律咨询预约（只读）。'
        }
        extra={
          <Space>
            <DatePicker aria-label="日期" value={day} allowClear={false} onChange={(d) => d && setDay(d)} />
            {manages ? (
              <Button type="primary" onClick={() => setAdding(true)}>
                添加可预约时段
              </Button>
            ) : null}
          </Space>
        }
      />
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Slot>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data ?? []}
          pagination={false}
          onRow={(s) =>
            ({ 'data-testid': `slot-row-${hhmm(s.startsAt)}` }) as React.HTMLAttributes<HTMLTableRowElement>
          }
          locale={{ emptyText: `${dayText} 没有咨询时段` }}
        />
      )}
      {adding ? <AddSlotsModal day={day} onClose={() => setAdding(false)} /> : null}
    </>
  )
}

type Values = { officeCode?: string; day: Dayjs; times: string[]; minutes: number }

function AddSlotsModal({ day, onClose }: { day: Dayjs; onClose: () => void }) {
  const me = useMe()
  const admin = me.role === 'bureauAdmin'
  const offices = useOffices(admin)
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const add = useMutation({
    ...trpc.appointment.addSlots.mutationOptions(),
    onSuccess: (r) => {
      void message.success(`已添加 ${r.created} 个可预约时段`)
      void queryClient.invalidateQueries({ queryKey: trpc.appointment.pathKey() })
      onClose()
    },
    onError: (err) => {
      const fe = fieldErrors(err)
      form.setFields(
        (['officeCode', 'day', 'times', 'minutes'] as const)
          .filter((n) => fe[n])
          .map((name) => ({ name, errors: [fe[name] ?? ''] })),
      )
    },
  })
  return (
    <Modal
      open
      title="添加可预约时段"
      okText="添加"
      cancelText="取消"
      confirmLoading={add.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ day, times: [], minutes: 30 }}
        onFinish={(v) =>
          add.mutate({
            ...(admin ? { officeCode: v.officeCode } : {}),
            day: v.day.format('YYYY-MM-DD'),
            times: v.times,
            minutes: v.minutes,
          })
        }
      >
        {admin ? (
          <Form.Item label="司法所" name="officeCode" rules={[{ required: true, message: '请选择司法所' }]}>
            <Select options={(offices.data ?? []).map((o) => ({ value: o.code, label: o.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item label="日期" name="day" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label="开始时间"
          name="times"
          rules={[{ required: true, message: '请选择至少一个开始时间' }]}
        >
          <Select mode="multiple" options={TIMES.map((t) => ({ value: t, label: t }))} placeholder="可多选" />
        </Form.Item>
        <Form.Item label="每个时段分钟数" name="minutes" rules={[{ required: true, message: '请填写时长' }]}>
          <InputNumber min={10} max={240} step={10} />
        </Form.Item>
        {add.error && !Object.keys(fieldErrors(add.error)).length ? (
          <Alert type="error" showIcon title={errorMessage(add.error)} />
        ) : null}
      </Form>
    </Modal>
  )
}
