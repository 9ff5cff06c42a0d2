import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { DutySelect, dutyOptions } from '../components/duty-select.tsx'
import { EChart } from '../components/echart.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { useXlsxExport } from '../lib/download.ts'
import { formatDateTime } from '../lib/format.ts'
import { rowTestId } from '../lib/row-testid.ts'
import { canSee, useMe } from '../lib/session.tsx'
import { type RouterOutputs, trpc, trpcClient } from '../lib/trpc.ts'
import { useWartimeEvents } from '../lib/wartime.ts'

type Vehicle = RouterOutputs['vehicle']['list'][number]
type Booking = RouterOutputs['vehicle']['bookings'][number]
type Trip = RouterOutputs['vehicle']['trips'][number]
type UseRow = RouterOutputs['vehicle']['utilisation']['bySquad'][number]

const STATUS_COLORS: Record<Booking['status'], string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'default',
  displaced: 'red',
  cancelled: 'default',
  out: 'processing',
  returned: 'blue',
}

const span = (b: { startsAt: string; endsAt: string }) => {
  const a = dayjs(b.startsAt)
  const z = dayjs(b.endsAt)
  return a.isSame(z, 'day')
    ? `${a.format('MM-DD HH:mm')}–${z.format('HH:mm')}`
    : `${a.format('MM-DD HH:mm')}–${z.format('MM-DD HH:mm')}`
}

/** Everything the vehicle page shows is refetched together after a change or a live notice. */
function useRefresh() {
  const queryClient = useQueryClient()
  return () => void queryClient.invalidateQueries({ queryKey: trpc.vehicle.pathKey() })
}

// ── dialogs ──

interface BookForm {
  vehicleId: string
  range: [Dayjs, Dayjs]
  purposeKind: 'duty' | 'activation'
  dutyCode?: string
  activationId?: string
  purposeNote: string
  towns: string[]
  driver: string
  passengers?: string
}

function BookDialog({ vehicles, onClose }: { vehicles: ReadonlyArray<Vehicle>; onClose: () => void }) {
  const me = useMe()
  const [form] = Form.useForm<BookForm>()
  const { message } = App.useApp()
  const refresh = useRefresh()
  const vehicleId = Form.useWatch('vehicleId', form)
  const range = Form.useWatch('range', form)
  const purposeKind = Form.useWatch('purposeKind', form)
  const vehicle = vehicles.find((v) => v.id === vehicleId)
  const catalogs = useQuery({ ...trpc.org.catalogs.queryOptions(), staleTime: Number.POSITIVE_INFINITY })
  const duties = useMemo(() => {
    const peacetime = (catalogs.data ?? []).filter((c) => c.mode === 'peacetime')
    const own =
      me.role === 'officeDirector'
        ? peacetime.filter((c) => c.kind === 'office')
        : me.role.startsWith('squad')
          ? peacetime.filter((c) => c.kind === 'squad')
          : peacetime
    return own.flatMap((c) => dutyOptions(c))
  }, [catalogs.data, me.role])
  const overview = useQuery(trpc.activation.overview.queryOptions())
  const activations = (overview.data ?? [])
    .filter((a) => a.area === vehicle?.squadCode)
    .flatMap((a) => a.activations.filter((x) => x.stage === 'mobilising' || x.stage === 'active'))
  // fixed when the dialog opens, so the free-window query keeps one key
  const opened = useMemo(() => dayjs(), [])
  const minutes = range ? Math.max(30, range[1].diff(range[0], 'minute')) : 60
  const free = useQuery({
    ...trpc.vehicle.freeWindows.queryOptions({
      vehicleId: vehicleId ?? '',
      from: (range?.[0] ?? opened).toISOString(),
      durationMinutes: Math.min(minutes, 7 * 24 * 60),
    }),
    enabled: Boolean(vehicleId),
  })
  // a wartime booking may take the window of a peacetime one (平战融合: 战时优先): offer those windows
  const week = useMemo(() => dayjs().startOf('hour'), [])
  const upcoming = useQuery({
    ...trpc.vehicle.bookings.queryOptions({
      vehicleId: vehicleId ?? '',
      from: week.toISOString(),
      to: week.add(7, 'day').toISOString(),
    }),
    enabled: Boolean(vehicleId) && purposeKind === 'activation',
  })
  const takeable = (upcoming.data ?? []).filter(
    (b) => !b.wartime && (b.status === 'pending' || b.status === 'approved'),
  )
  const book = useMutation({
    mutationFn: (v: BookForm) =>
      trpcClient.vehicle.book.mutate({
        vehicleId: v.vehicleId,
        startsAt: v.range[0].second(0).millisecond(0).toISOString(),
        endsAt: v.range[1].second(0).millisecond(0).toISOString(),
        purposeKind: v.purposeKind,
        ...(v.purposeKind === 'duty' ? { dutyCode: v.dutyCode } : { activationId: v.activationId }),
        purposeNote: v.purposeNote,
        towns: v.towns,
        driver: v.driver,
        ...(v.passengers ? { passengers: v.passengers } : {}),
      }),
    onSuccess: (r) => {
      void message.success(
        r.displaced > 0
          ? `已预约（战时用车），${r.displaced} 个平时预约已被征用并已通知预约人`
          : `已预约，状态：${r.statusLabel}`,
      )
      refresh()
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      open
      title="预约用车"
      okText="提交预约"
      cancelText="取消"
      width={640}
      confirmLoading={book.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          vehicleId: vehicles[0]?.id,
          purposeKind: 'duty',
          driver: me.displayName.replace('（演示）', ''),
        }}
        onFinish={(v) => book.mutate(v)}
      >
        <Form.Item name="vehicleId" label="车辆" rules={[{ required: true, message: '请选择车辆' }]}>
          <Select options={vehicles.map((v) => ({ value: v.id, label: `${v.plate}（${v.squadName}）` }))} />
        </Form.Item>
        <Form.Item
          name="range"
          label="用车时间"
          extra="以半小时为单位；非本中队用车须经车辆所属中队长批准"
          rules={[{ required: true, message: '请选择用车时间' }]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm', minuteStep: 30 }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        {free.data && free.data.length > 0 ? (
          <Form.Item label="空闲时段（点击选用）">
            <Flex wrap gap={4}>
              {free.data.map((w) => (
                <Tag.CheckableTag
                  key={w.startsAt}
                  checked={false}
                  onChange={() => form.setFieldValue('range', [dayjs(w.startsAt), dayjs(w.endsAt)])}
                >
                  {span(w)}
                </Tag.CheckableTag>
              ))}
            </Flex>
          </Form.Item>
        ) : null}
        <Form.Item name="purposeKind" label="用车类别">
          <Radio.Group
            options={[
              { value: 'duty', label: '平时用车' },
              { value: 'activation', label: '战时用车', disabled: activations.length === 0 },
            ]}
          />
        </Form.Item>
        {purposeKind === 'activation' && takeable.length > 0 ? (
          <Form.Item label="可征用的平时预约时段（点击选用；被征用的预约人会立即收到通知）">
            <Flex wrap gap={4}>
              {takeable.map((b) => (
                <Tag.CheckableTag
                  key={b.id}
                  checked={false}
                  onChange={() => form.setFieldValue('range', [dayjs(b.startsAt), dayjs(b.endsAt)])}
                >
                  征用 {span(b)} {b.requesterUnitName}
                </Tag.CheckableTag>
              ))}
            </Flex>
          </Form.Item>
        ) : null}
        {purposeKind === 'activation' ? (
          <Form.Item
            name="activationId"
            label="战时行动"
            rules={[{ required: true, message: '请选择战时行动' }]}
          >
            <Select
              options={activations.map((a) => ({ value: a.id, label: `${a.dutyLabel}（${a.reason}）` }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="dutyCode" label="职责事项" rules={[{ required: true, message: '请选择职责事项' }]}>
            <DutySelect options={duties} loading={catalogs.isLoading} />
          </Form.Item>
        )}
        <Form.Item
          name="purposeNote"
          label="用车事由"
          rules={[{ required: true, message: '请填写用车事由' }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="towns" label="前往镇街" rules={[{ required: true, message: '请选择前往镇街' }]}>
          <Select
            mode="multiple"
            options={(vehicle?.areaTowns ?? []).map((t) => ({ value: t.code, label: t.name }))}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="driver"
            label="驾驶员"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请填写驾驶员' }]}
          >
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="passengers" label="同行人员" style={{ flex: 2 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  )
}

function DecideDialog({ booking, onClose }: { booking: Booking; onClose: () => void }) {
  const { message } = App.useApp()
  const refresh = useRefresh()
  const [note, setNote] = useState('')
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      trpcClient.vehicle.decide.mutate({
        id: booking.id,
        version: booking.version,
        approve,
        ...(note ? { note } : {}),
      }),
    onSuccess: (_r, approve) => {
      void message.success(approve ? '已批准' : '已不批准')
      refresh()
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      open
      title="审批用车预约"
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button danger loading={decide.isPending} onClick={() => decide.mutate(false)}>
            不批准
          </Button>
          <Button type="primary" loading={decide.isPending} onClick={() => decide.mutate(true)}>
            批准
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>
        {booking.requesterUnitName} {booking.requesterName} 申请使用 {booking.plate}：{span(booking)}，
        {booking.purposeNote}（{booking.dutyTitle}）
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="审批意见" extra="不批准时须填写理由">
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function DriveDialog({
  booking,
  vehicle,
  onClose,
}: {
  booking: Booking
  vehicle: Vehicle | undefined
  onClose: () => void
}) {
  const { message } = App.useApp()
  const refresh = useRefresh()
  const kind = booking.status === 'approved' ? 'checkout' : 'checkin'
  const [form] = Form.useForm<{ odometerKm: number; fuelPercent: number; note?: string }>()
  const act = useMutation({
    mutationFn: (v: { odometerKm: number; fuelPercent: number; note?: string }) =>
      trpcClient.vehicle.act.mutate({
        key: crypto.randomUUID(),
        bookingId: booking.id,
        kind,
        at: new Date().toISOString(),
        odometerKm: v.odometerKm,
        fuelPercent: v.fuelPercent,
        ...(v.note ? { note: v.note } : {}),
      }),
    onSuccess: (r) => {
      void message.success(kind === 'checkout' ? '已出车' : `已还车，本次行驶 ${r.distanceKm ?? 0} 公里`)
      refresh()
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      open
      title={kind === 'checkout' ? '出车登记' : '还车登记'}
      okText={kind === 'checkout' ? '确认出车' : '确认还车'}
      cancelText="取消"
      confirmLoading={act.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ odometerKm: vehicle?.odometerKm, fuelPercent: vehicle?.fuelPercent }}
        onFinish={(v) => act.mutate(v)}
      >
        <Form.Item
          name="odometerKm"
          label="里程表读数（公里）"
          extra={`上次记录 ${booking.trip?.outKm ?? vehicle?.odometerKm ?? '—'} 公里，读数不能倒退`}
          rules={[{ required: true, message: '请填写里程表读数' }]}
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="fuelPercent"
          label="油量（电量）%"
          rules={[{ required: true, message: '请填写油量（电量）' }]}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

interface VehicleForm {
  squadCode: string
  plate: string
  model: string
  seats: number
  odometerKm: number
  fuelPercent: number
  serviceDue: Dayjs
  insuranceDue: Dayjs
}

function VehicleDialog({ vehicle, onClose }: { vehicle: Vehicle | null; onClose: () => void }) {
  const me = useMe()
  const { message } = App.useApp()
  const refresh = useRefresh()
  const [form] = Form.useForm<VehicleForm>()
  const offices = useQuery(trpc.org.offices.queryOptions())
  const squads = [...new Map((offices.data ?? []).map((o) => [o.area, o.areaName])).entries()].filter(
    ([code]) => me.role === 'brigadeLeader' || code === me.squad?.code,
  )
  const save = useMutation({
    mutationFn: async (v: VehicleForm): Promise<unknown> =>
      vehicle
        ? trpcClient.vehicle.update.mutate({
            id: vehicle.id,
            version: vehicle.version,
            model: v.model,
            seats: v.seats,
            serviceDue: v.serviceDue.format('YYYY-MM-DD'),
            insuranceDue: v.insuranceDue.format('YYYY-MM-DD'),
          })
        : trpcClient.vehicle.register.mutate({
            ...v,
            serviceDue: v.serviceDue.format('YYYY-MM-DD'),
            insuranceDue: v.insuranceDue.format('YYYY-MM-DD'),
          }),
    onSuccess: () => {
      void message.success('已保存')
      refresh()
      onClose()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  return (
    <Modal
      open
      title={vehicle ? `修改车辆信息 ${vehicle.plate}` : '登记执法车辆'}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          vehicle
            ? { ...vehicle, serviceDue: dayjs(vehicle.serviceDue), insuranceDue: dayjs(vehicle.insuranceDue) }
            : { squadCode: me.squad?.code, seats: 5, fuelPercent: 100 }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {vehicle ? null : (
          <>
            <Form.Item name="squadCode" label="所属中队" rules={[{ required: true, message: '请选择中队' }]}>
              <Select options={squads.map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="plate" label="车牌号" rules={[{ required: true, message: '请填写车牌号' }]}>
              <Input placeholder="鲁C·J1001" maxLength={9} />
            </Form.Item>
          </>
        )}
        <Form.Item name="model" label="车型" rules={[{ required: true, message: '请填写车型' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="seats" label="座位数" rules={[{ required: true, message: '请填写座位数' }]}>
          <InputNumber min={2} max={60} precision={0} />
        </Form.Item>
        {vehicle ? null : (
          <Flex gap={12}>
            <Form.Item
              name="odometerKm"
              label="里程表读数（公里）"
              rules={[{ required: true, message: '请填写里程' }]}
            >
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item
              name="fuelPercent"
              label="油量（电量）%"
              rules={[{ required: true, message: '请填写油量' }]}
            >
              <InputNumber min={0} max={100} precision={0} />
            </Form.Item>
          </Flex>
        )}
        <Flex gap={12}>
          <Form.Item name="serviceDue" label="保养到期日" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="insuranceDue"
            label="保险到期日"
            rules={[{ required: true, message: '请选择日期' }]}
          >
            <DatePicker />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  )
}

// ── tables ──

function BookingTable({
  rows,
  loading,
  vehicles,
  empty,
}: {
  rows: ReadonlyArray<Booking>
  loading: boolean
  vehicles: ReadonlyArray<Vehicle>
  empty: string
}) {
  const { message } = App.useApp()
  const refresh = useRefresh()
  const [deciding, setDeciding] = useState<Booking | null>(null)
  const [driving, setDriving] = useState<Booking | null>(null)
  const cancel = useMutation({
    mutationFn: (b: Booking) =>
      trpcClient.vehicle.cancel.mutate({ id: b.id, version: b.version, reason: '预约人取消' }),
    onSuccess: () => {
      void message.success('已取消')
      refresh()
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  const columns: TableColumnsType<Booking> = [
    { title: '用车时间', key: 'when', width: 170, render: (_: unknown, b) => span(b) },
    { title: '车辆', dataIndex: 'plate', width: 100 },
    {
      title: '用车单位',
      key: 'who',
      width: 200,
      render: (_: unknown, b) => `${b.requesterUnitName} · ${b.requesterName}`,
    },
    {
      title: '事由',
      key: 'purpose',
      render: (_: unknown, b) => (
        <>
          {b.wartime ? <Tag color="red">战时</Tag> : null}
          {b.purposeNote}
          <Typography.Text type="secondary">（{b.dutyTitle}）</Typography.Text>
          {b.status === 'displaced' && b.displacedReason ? (
            <div>
              <Typography.Text type="danger">{b.displacedReason}</Typography.Text>
            </div>
          ) : null}
          {b.decisionNote && b.status === 'rejected' ? (
            <div>
              <Typography.Text type="secondary">理由：{b.decisionNote}</Typography.Text>
            </div>
          ) : null}
        </>
      ),
    },
    {
      title: '镇街',
      key: 'towns',
      width: 140,
      render: (_: unknown, b) => b.towns.map((t) => t.name).join('、'),
    },
    { title: '驾驶员', dataIndex: 'driver', width: 90 },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 110,
      render: (v: string, b) => <Tag color={STATUS_COLORS[b.status]}>{v}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_: unknown, b) => (
        <Space size={4}>
          {b.mayDecide ? (
            <Button size="small" type="primary" onClick={() => setDeciding(b)}>
              审批
            </Button>
          ) : null}
          {b.mayDrive ? (
            <Button size="small" onClick={() => setDriving(b)}>
              {b.status === 'approved' ? '出车' : '还车'}
            </Button>
          ) : null}
          {b.mayCancel ? (
            <Button size="small" onClick={() => cancel.mutate(b)}>
              取消预约
            </Button>
          ) : null}
        </Space>
      ),
    },
  ]
  return (
    <>
      <Table<Booking>
        rowKey="id"
        size="small"
        loading={loading}
        pagination={false}
        columns={columns}
        dataSource={[...rows]}
        onRow={(b) => rowTestId(`booking-row-${b.id}`)}
        locale={{ emptyText: empty }}
      />
      {deciding ? <DecideDialog booking={deciding} onClose={() => setDeciding(null)} /> : null}
      {driving ? (
        <DriveDialog
          booking={driving}
          vehicle={vehicles.find((v) => v.id === driving.vehicleId)}
          onClose={() => setDriving(null)}
        />
      ) : null}
    </>
  )
}

/** One row per day, 06:00–22:00, bookings drawn as blocks: the week at a glance. */
function Timeline({ rows, weekStart }: { rows: ReadonlyArray<Booking>; weekStart: Dayjs }) {
  const days = Array.from({ length: 7 }, (_, i) => weekStart.add(i, 'day'))
  const FROM = 6
  const TO = 22
  return (
    <div style={{ marginBottom: 12 }}>
      <ul aria-label="本周用车时间轴" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {days.map((d) => {
          const dayStart = d.hour(FROM)
          const dayEnd = d.hour(TO)
          const blocks = rows.filter(
            (b) =>
              b.status !== 'cancelled' &&
              b.status !== 'rejected' &&
              dayjs(b.startsAt).isBefore(dayEnd) &&
              dayjs(b.endsAt).isAfter(dayStart),
          )
          return (
            <li
              key={d.format('YYYY-MM-DD')}
              style={{ display: 'flex', alignItems: 'center', gap: 8, height: 26 }}
            >
              <span style={{ width: 90, fontSize: 12 }}>{d.format('MM-DD ddd')}</span>
              <div
                style={{ position: 'relative', flex: 1, height: 20, background: '#f5f5f5', borderRadius: 4 }}
              >
                {blocks.map((b) => {
                  const s = Math.max(0, dayjs(b.startsAt).diff(dayStart, 'minute'))
                  const e = Math.min((TO - FROM) * 60, dayjs(b.endsAt).diff(dayStart, 'minute'))
                  const total = (TO - FROM) * 60
                  return (
                    <div
                      key={b.id}
                      title={`${span(b)} ${b.requesterUnitName} ${b.purposeNote}（${b.statusLabel}）`}
                      style={{
                        position: 'absolute',
                        left: `${(s / total) * 100}%`,
                        width: `${Math.max(1, ((e - s) / total) * 100)}%`,
                        top: 2,
                        bottom: 2,
                        borderRadius: 3,
                        background:
                          b.status === 'displaced'
                            ? '#ffccc7'
                            : b.wartime
                              ? '#cf1322'
                              : b.status === 'pending'
                                ? '#faad14'
                                : '#1f5fbf',
                        opacity: b.status === 'displaced' ? 0.6 : 1,
                      }}
                    />
                  )
                })}
              </div>
            </li>
          )
        })}
      </ul>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        06:00–22:00；蓝色已批准，黄色待审批，红色战时用车，浅红已被战时征用
      </Typography.Text>
    </div>
  )
}

function ScheduleTab({ vehicles }: { vehicles: ReadonlyArray<Vehicle> }) {
  const [vehicleId, setVehicleId] = useState<string | undefined>(vehicles[0]?.id)
  const [weekStart, setWeekStart] = useState<Dayjs>(() => dayjs().startOf('day'))
  const id = vehicleId ?? vehicles[0]?.id ?? ''
  const bookings = useQuery({
    ...trpc.vehicle.bookings.queryOptions({
      vehicleId: id,
      from: weekStart.toISOString(),
      to: weekStart.add(7, 'day').toISOString(),
    }),
    enabled: id !== '',
  })
  return (
    <>
      <Flex gap={12} align="center" style={{ marginBottom: 12 }} wrap>
        <label htmlFor="schedule-vehicle">车辆</label>
        <Select
          id="schedule-vehicle"
          style={{ width: 220 }}
          value={id}
          onChange={setVehicleId}
          options={vehicles.map((v) => ({ value: v.id, label: `${v.plate}（${v.squadName}）` }))}
        />
        <label htmlFor="schedule-week">自</label>
        <DatePicker
          id="schedule-week"
          value={weekStart}
          allowClear={false}
          onChange={(d) => d && setWeekStart(d.startOf('day'))}
        />
        <Typography.Text type="secondary">起 7 天</Typography.Text>
      </Flex>
      {bookings.isError ? (
        <QueryError error={bookings.error} onRetry={() => void bookings.refetch()} />
      ) : null}
      <Timeline rows={bookings.data ?? []} weekStart={weekStart} />
      <BookingTable
        rows={bookings.data ?? []}
        loading={bookings.isLoading}
        vehicles={vehicles}
        empty="这 7 天没有用车预约"
      />
    </>
  )
}

function TripsTab() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('month'), dayjs()])
  const trips = useQuery(
    trpc.vehicle.trips.queryOptions({
      from: range[0].format('YYYY-MM-DD'),
      to: range[1].format('YYYY-MM-DD'),
    }),
  )
  const columns: TableColumnsType<Trip> = [
    { title: '出车时间', dataIndex: 'outAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: '还车时间',
      dataIndex: 'inAt',
      width: 140,
      render: (v: string | null) => (v ? formatDateTime(v) : <Tag color="processing">在途</Tag>),
    },
    { title: '车辆', dataIndex: 'plate', width: 100 },
    {
      title: '用车单位',
      key: 'who',
      width: 190,
      render: (_: unknown, t) => `${t.requesterUnitName} · ${t.requesterName}`,
    },
    { title: '职责事项', dataIndex: 'dutyTitle', width: 160 },
    { title: '事由', dataIndex: 'purposeNote' },
    { title: '镇街', dataIndex: 'towns', width: 120 },
    { title: '驾驶员', dataIndex: 'driver', width: 80 },
    {
      title: '里程（公里）',
      key: 'km',
      width: 150,
      render: (_: unknown, t) => `${t.outKm} → ${t.inKm ?? '—'}`,
    },
    {
      title: '行驶',
      dataIndex: 'distanceKm',
      width: 70,
      render: (v: number | null) => (v === null ? '—' : `${v} 公里`),
    },
  ]
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <span>出车日期</span>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
        />
      </Flex>
      {trips.isError ? <QueryError error={trips.error} onRetry={() => void trips.refetch()} /> : null}
      <Table<Trip>
        rowKey="id"
        size="small"
        loading={trips.isLoading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={columns}
        dataSource={[...(trips.data ?? [])]}
        locale={{ emptyText: '该期间没有出车记录' }}
      />
    </>
  )
}

const GROUPS = { bySquad: '按中队', byDuty: '按职责', byRequester: '按用车单位' } as const

function UtilisationTab() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('month'), dayjs()])
  const [by, setBy] = useState<keyof typeof GROUPS>('bySquad')
  const input = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }
  const use = useQuery(trpc.vehicle.utilisation.queryOptions(input))
  const exporter = useXlsxExport({ mutationFn: () => trpcClient.vehicle.export.mutate(input) })
  const rows: ReadonlyArray<UseRow> = use.data?.[by] ?? []
  const option = {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { data: ['出车次数', '用车小时', '行驶公里'] },
    grid: { left: 48, right: 48, bottom: 64 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisLabel: { interval: 0, rotate: rows.length > 4 ? 20 : 0 },
    },
    yAxis: [
      { type: 'value', name: '次数 / 小时' },
      { type: 'value', name: '公里' },
    ],
    series: [
      { name: '出车次数', type: 'bar', data: rows.map((r) => r.trips) },
      { name: '用车小时', type: 'bar', data: rows.map((r) => r.hours) },
      { name: '行驶公里', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.km) },
    ],
  }
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <span>统计期间</span>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
        />
        <Segmented
          value={by}
          onChange={(v) => setBy(v as keyof typeof GROUPS)}
          options={Object.entries(GROUPS).map(([value, label]) => ({ value, label }))}
        />
        <Button loading={exporter.isPending} onClick={() => exporter.mutate(undefined)}>
          导出Excel
        </Button>
      </Flex>
      {use.isError ? <QueryError error={use.error} onRetry={() => void use.refetch()} /> : null}
      {use.data?.truncated ? (
        <Alert type="warning" showIcon title="出车记录超过 5000 条，只统计了最近的 5000 条" />
      ) : null}
      <EChart option={option} label={`车辆使用统计（${GROUPS[by]}）`} testId="vehicle-utilisation-chart" />
      <Table<UseRow>
        rowKey="key"
        size="small"
        loading={use.isLoading}
        pagination={false}
        dataSource={[...rows]}
        columns={[
          { title: GROUPS[by].slice(1), dataIndex: 'label' },
          { title: '出车次数', dataIndex: 'trips', width: 100 },
          { title: '用车小时', dataIndex: 'hours', width: 100 },
          { title: '行驶公里', dataIndex: 'km', width: 100 },
        ]}
        locale={{ emptyText: '该期间没有出车记录' }}
      />
    </>
  )
}

function VehiclesTab({ vehicles }: { vehicles: ReadonlyArray<Vehicle> }) {
  const [editing, setEditing] = useState<Vehicle | null>(null)
  const due = (date: string, soon: boolean) => (soon ? <Tag color="red">{date} 即将到期</Tag> : date)
  return (
    <>
      <Table<Vehicle>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...vehicles]}
        onRow={(v) => rowTestId(`vehicle-row-${v.plate}`)}
        columns={[
          { title: '车牌号', dataIndex: 'plate', width: 110 },
          { title: '所属中队', dataIndex: 'squadName', width: 100 },
          { title: '车型', dataIndex: 'model' },
          { title: '座位', dataIndex: 'seats', width: 60 },
          { title: '里程（公里）', dataIndex: 'odometerKm', width: 110 },
          { title: '油量（电量）', dataIndex: 'fuelPercent', width: 100, render: (v: number) => `${v}%` },
          {
            title: '保养到期',
            key: 's',
            width: 170,
            render: (_: unknown, v) => due(v.serviceDue, v.serviceDueSoon),
          },
          {
            title: '保险到期',
            key: 'i',
            width: 170,
            render: (_: unknown, v) => due(v.insuranceDue, v.insuranceDueSoon),
          },
          {
            title: '操作',
            key: 'a',
            width: 80,
            render: (_: unknown, v) =>
              v.mayManage ? (
                <Button size="small" onClick={() => setEditing(v)}>
                  修改
                </Button>
              ) : null,
          },
        ]}
        locale={{ emptyText: '尚未登记执法车辆' }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        保养、保险到期前 14 天，系统自动为车辆所属中队长生成提醒任务（每小时核查一次）。
      </Typography.Paragraph>
      {editing ? <VehicleDialog vehicle={editing} onClose={() => setEditing(null)} /> : null}
    </>
  )
}

/** Follows the live stream (the one the phones get) for notices addressed to this person. */
function DisplacementListener({ onNotice }: { onNotice: (s: { at: string; text: string }) => void }) {
  useWartimeEvents((s) => {
    if (s.kind === 'VehicleBookingDisplaced') onNotice(s)
  })
  return null
}

/**
 * 执法车辆 (policy 四.2: 一队一车): the squad's vehicle, booked by the squad itself, the offices of its
 * area, the brigade and the bureau's departments; wartime bookings take precedence.
 */
export default function VehiclesPage() {
  const me = useMe()
  const refresh = useRefresh()
  const [booking, setBooking] = useState(false)
  const [registering, setRegistering] = useState(false)
  const [notices, setNotices] = useState<ReadonlyArray<{ at: string; text: string }>>([])
  const { notification } = App.useApp()
  const vehicles = useQuery(trpc.vehicle.list.queryOptions())
  const mine = useQuery(trpc.vehicle.myBookings.queryOptions())
  const pending = useQuery(trpc.vehicle.pending.queryOptions())
  const onNotice = (s: { at: string; text: string }) => {
    setNotices((n) => [{ at: s.at, text: s.text }, ...n].slice(0, 5))
    notification.warning({ title: '用车预约已被战时征用', description: s.text, duration: 0 })
    refresh()
  }
  const list = vehicles.data ?? []
  const mayBook = list.some((v) => v.mayBook)
  const mayRegister = me.role === 'brigadeLeader' || me.role === 'squadLeader'
  const items = [
    { key: 'schedule', label: '用车日程', children: <ScheduleTab vehicles={list} /> },
    {
      key: 'mine',
      label: '我的预约',
      children: (
        <BookingTable
          rows={mine.data ?? []}
          loading={mine.isLoading}
          vehicles={list}
          empty="近期没有您的用车预约"
        />
      ),
    },
    ...(me.role === 'squadLeader'
      ? [
          {
            key: 'pending',
            label: `待审批${pending.data?.length ? `（${pending.data.length}）` : ''}`,
            children: (
              <BookingTable
                rows={pending.data ?? []}
                loading={pending.isLoading}
                vehicles={list}
                empty="没有待审批的用车预约"
              />
            ),
          },
        ]
      : []),
    { key: 'trips', label: '出车记录', children: <TripsTab /> },
    { key: 'use', label: '使用统计', children: <UtilisationTab /> },
    { key: 'vehicles', label: '车辆信息', children: <VehiclesTab vehicles={list} /> },
  ]
  return (
    <>
      <PageHeader
        title="执法车辆"
        subtitle="一队一车，可供辖区司法所、执法大队和局科室借用；战时行动用车优先（四.2）"
        extra={
          <>
            {mayRegister ? <Button onClick={() => setRegistering(true)}>登记车辆</Button> : null}
            {mayBook ? (
              <Button type="primary" onClick={() => setBooking(true)}>
                预约用车
              </Button>
            ) : null}
          </>
        }
      />
      {canSee(me.role, 'wartime') ? <DisplacementListener onNotice={onNotice} /> : null}
      {vehicles.isError ? (
        <QueryError error={vehicles.error} onRetry={() => void vehicles.refetch()} />
      ) : null}
      {notices.map((n) => (
        <Alert
          key={`${n.at}${n.text}`}
          type="error"
          showIcon
          role="alert"
          title="用车预约已被战时征用"
          description={n.text}
          style={{ marginBottom: 12 }}
        />
      ))}
      <Card size="small">
        <Tabs
          items={items}
          defaultActiveKey={me.role === 'squadLeader' && pending.data?.length ? 'pending' : 'schedule'}
        />
      </Card>
      {booking ? (
        <BookDialog vehicles={list.filter((v) => v.mayBook)} onClose={() => setBooking(false)} />
      ) : null}
      {registering ? <VehicleDialog vehicle={null} onClose={() => setRegistering(false)} /> : null}
    </>
  )
}
