import { errorMessage } from '@pingzhan/api/client'
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  Segmented,
  Select,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { KeysetTable } from '../components/keyset-table.tsx'
import { Loading } from '../components/loading.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { PhotoThumb, PhotoUploadButton } from '../components/photo-upload.tsx'
import { QueryError } from '../components/query-error.tsx'
import { FormModal } from '../components/record-form.tsx'
import { RegisterHistory } from '../components/register-history.tsx'
import { useXlsxExport } from '../lib/download.ts'
import { useOffices } from '../lib/offices.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterOutputs, trpc } from '../lib/trpc.ts'
import { useUrlParams } from '../lib/url-params.ts'

type Item = RouterOutputs['legalEducation']['list']['items'][number]
type Detail = RouterOutputs['legalEducation']['get']

const FIELD: Record<string, string> = {
  status: '状态',
  event_date: '活动日期',
  place: '地点',
  audience: '对象',
  headcount: '人数',
  theme: '主题',
  summary: '开展情况',
}
const ACTION: Record<string, string> = {
  planned: '登记活动',
  edit: '修改',
  hold: '登记已开展',
  photo: '上传照片',
}
const show = (field: string, v: unknown): string =>
  field === 'status' ? (v === 'held' ? '已开展' : '计划中') : String(v)
const PAGE = 20

export default function LegalEducationPage() {
  const { params, set } = useUrlParams()
  const statusParam = params.get('status')
  const status: Item['status'] | undefined =
    statusParam === 'planned' || statusParam === 'held' ? statusParam : undefined
  const openId = params.get('event')
  const me = useMe()
  const [creating, setCreating] = useState(false)
  const filter = status ? { status } : {}
  const list = useInfiniteQuery(
    trpc.legalEducation.list.infiniteQueryOptions(
      { ...filter, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  )
  const exporter = useXlsxExport(trpc.legalEducation.export.mutationOptions())
  const writer = me.role === 'officeDirector' || me.role === 'bureauAdmin'
  const columns: TableColumnsType<Item> = [
    {
      title: '活动编号',
      dataIndex: 'eventNo',
      width: 170,
      render: (v: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => set('event', r.id)}>
          {v}
        </Button>
      ),
    },
    { title: '司法所', dataIndex: 'officeName', width: 110 },
    { title: '活动日期', dataIndex: 'eventDate', width: 110 },
    { title: '主题', dataIndex: 'theme', ellipsis: true },
    { title: '地点', dataIndex: 'place', width: 160 },
    { title: '对象', dataIndex: 'audience', width: 120 },
    { title: '人数', dataIndex: 'headcount', width: 70 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: Item['status']) => (
        <Tag color={v === 'held' ? 'green' : 'blue'}>{v === 'held' ? '已开展' : '计划中'}</Tag>
      ),
    },
  ]
  return (
    <>
      <PageHeader
        title="普法活动"
        subtitle="司法所平时职责③“开展辖区内法治宣传教育”：活动登记、开展情况与现场照片。"
        extra={
          <Flex gap={8}>
            {writer ? (
              <Button type="primary" onClick={() => setCreating(true)}>
                登记活动
              </Button>
            ) : null}
            <Button loading={exporter.isPending} onClick={() => exporter.mutate(filter)}>
              导出Excel
            </Button>
          </Flex>
        }
      />
      <Segmented<string>
        aria-label="活动状态"
        style={{ marginBottom: 16 }}
        value={status ?? 'all'}
        onChange={(v) => set('status', v === 'all' ? null : v)}
        options={[
          { value: 'all', label: '全部' },
          { value: 'planned', label: '计划中' },
          { value: 'held', label: '已开展' },
        ]}
      />
      <KeysetTable<Item>
        list={list}
        columns={columns}
        testId={(r) => `education-row-${r.eventNo}`}
        empty="暂无普法活动"
      />
      <CreateModal open={creating} onClose={() => setCreating(false)} />
      <Drawer
        open={openId !== null}
        onClose={() => set('event', null)}
        title="普法活动"
        size={640}
        destroyOnHidden
      >
        {openId ? <EventView id={openId} writer={writer} /> : null}
      </Drawer>
    </>
  )
}

interface CreateForm {
  officeCode?: string
  eventDate: Dayjs
  place: string
  audience: string
  headcount: number
  theme: string
  organiserId: string
}

function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe()
  const { message } = App.useApp()
  const [form] = Form.useForm<CreateForm>()
  const offices = useOffices(me.role === 'bureauAdmin')
  const people = useQuery({ ...trpc.org.assignees.queryOptions({}), enabled: open })
  const create = useMutation({
    ...trpc.legalEducation.create.mutationOptions(),
    onSuccess: (r) => {
      void message.success(`已登记，活动编号 ${r.eventNo}，已生成普法任务`)
      void queryClient.invalidateQueries({ queryKey: trpc.legalEducation.pathKey() })
      form.resetFields()
      onClose()
    },
  })
  return (
    <FormModal
      open={open}
      title="登记普法活动"
      okText="登记"
      onClose={onClose}
      pending={create.isPending}
      error={create.error}
      form={form}
      name="education-create"
      initialValues={{ eventDate: dayjs(), headcount: 50 }}
      onFinish={(v) =>
        create.mutate({
          ...(me.role === 'bureauAdmin' && v.officeCode ? { officeCode: v.officeCode } : {}),
          eventDate: v.eventDate.format('YYYY-MM-DD'),
          place: v.place,
          audience: v.audience,
          headcount: v.headcount,
          theme: v.theme,
          organiserId: v.organiserId,
        })
      }
    >
      {me.role === 'bureauAdmin' ? (
        <Form.Item label="司法所" name="officeCode" rules={[{ required: true, message: '请选择司法所' }]}>
          <Select options={(offices.data ?? []).map((o) => ({ value: o.code, label: o.name }))} />
        </Form.Item>
      ) : null}
      <Form.Item
        label="活动主题"
        name="theme"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写活动主题' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="活动日期" name="eventDate" rules={[{ required: true, message: '请选择活动日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        label="活动地点"
        name="place"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写活动地点' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        label="活动对象"
        name="audience"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写活动对象' }]}
      >
        <Input maxLength={100} placeholder="如：辖区村民、中小学生、企业职工" />
      </Form.Item>
      <Form.Item label="参加人数" name="headcount" rules={[{ required: true, message: '请填写参加人数' }]}>
        <InputNumber min={1} max={100000} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="组织人员" name="organiserId" rules={[{ required: true, message: '请选择组织人员' }]}>
        <Select
          options={(people.data ?? []).map((p) => ({
            value: p.id,
            label: `${p.displayName}（${p.unitName}）`,
          }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
    </FormModal>
  )
}

function Photo({ id }: { id: string }) {
  const p = useQuery({
    ...trpc.legalEducation.photo.queryOptions({ id }),
    staleTime: Number.POSITIVE_INFINITY,
  })
  return <PhotoThumb alt="活动照片" photo={p.data} />
}

function EventView({ id, writer }: { id: string; writer: boolean }) {
  const c = useQuery(trpc.legalEducation.get.queryOptions({ id }))
  if (c.isPending) return <Loading />
  if (c.isError) return <QueryError error={c.error} onRetry={() => void c.refetch()} />
  const d = c.data
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'no', label: '活动编号', children: d.eventNo },
          { key: 'office', label: '司法所', children: d.officeName },
          { key: 'theme', label: '主题', children: d.theme },
          { key: 'date', label: '活动日期', children: d.eventDate },
          { key: 'place', label: '地点', children: d.place },
          { key: 'audience', label: '对象', children: d.audience },
          { key: 'headcount', label: '人数', children: d.headcount },
          { key: 'organiser', label: '组织人员', children: d.organiserName },
          {
            key: 'status',
            label: '状态',
            children: (
              <Tag color={d.status === 'held' ? 'green' : 'blue'}>
                {d.status === 'held' ? '已开展' : '计划中'}
              </Tag>
            ),
          },
          ...(d.summary ? [{ key: 'summary', label: '开展情况', children: d.summary }] : []),
        ]}
      />
      <div>
        <Typography.Title level={5}>活动照片（{d.photos.length}）</Typography.Title>
        <Image.PreviewGroup>
          <Flex gap={8} wrap>
            {d.photos.map((p) => (
              <Photo key={p.id} id={p.id} />
            ))}
          </Flex>
        </Image.PreviewGroup>
      </div>
      {writer ? <EventActions d={d} /> : null}
      <RegisterHistory history={d.history} actions={ACTION} fields={FIELD} show={show} />
    </Flex>
  )
}

function EventActions({ d }: { d: Detail }) {
  const { message } = App.useApp()
  const [mode, setMode] = useState<'none' | 'hold' | 'edit'>('none')
  const [form] = Form.useForm<{
    eventDate?: Dayjs
    place?: string
    audience?: string
    headcount?: number
    theme?: string
    summary?: string
  }>()
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.legalEducation.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
  }
  const update = useMutation({
    ...trpc.legalEducation.update.mutationOptions(),
    onSuccess: () => {
      void message.success('已保存')
      setMode('none')
      form.resetFields()
      done()
    },
  })
  const upload = useMutation({
    ...trpc.legalEducation.addPhoto.mutationOptions(),
    onSuccess: () => {
      void message.success('照片已上传')
      done()
    },
  })
  const [photoError, setPhotoError] = useState<string | null>(null)
  const error = update.error ?? upload.error
  return (
    <Flex vertical gap={8}>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} role="alert" /> : null}
      {photoError ? <Alert type="error" showIcon title={photoError} role="alert" /> : null}
      <Flex gap={8} wrap>
        {d.status === 'planned' ? (
          <Button type="primary" onClick={() => setMode('hold')}>
            登记已开展
          </Button>
        ) : null}
        <Button onClick={() => setMode('edit')}>修改</Button>
        <PhotoUploadButton
          label="选择活动照片"
          loading={upload.isPending}
          onPhoto={(photo) => upload.mutate({ id: d.id, photo })}
          onError={setPhotoError}
        />
      </Flex>
      {mode !== 'none' ? (
        <Form
          form={form}
          layout="vertical"
          name="education-update"
          initialValues={{
            eventDate: dayjs(d.eventDate),
            place: d.place,
            audience: d.audience,
            headcount: d.headcount,
            theme: d.theme,
          }}
          onFinish={(v) =>
            update.mutate({
              id: d.id,
              version: d.version,
              action: mode,
              ...(v.eventDate && v.eventDate.format('YYYY-MM-DD') !== d.eventDate
                ? { eventDate: v.eventDate.format('YYYY-MM-DD') }
                : {}),
              ...(v.place && v.place !== d.place ? { place: v.place.trim() } : {}),
              ...(v.audience && v.audience !== d.audience ? { audience: v.audience.trim() } : {}),
              ...(v.headcount && v.headcount !== d.headcount ? { headcount: v.headcount } : {}),
              ...(v.theme && v.theme !== d.theme ? { theme: v.theme.trim() } : {}),
              ...(v.summary ? { summary: v.summary.trim() } : {}),
            })
          }
        >
          {mode === 'edit' ? (
            <>
              <Form.Item label="活动主题" name="theme">
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item label="活动日期" name="eventDate">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label="活动地点" name="place">
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item label="活动对象" name="audience">
                <Input maxLength={100} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item label={mode === 'hold' ? '实际参加人数' : '参加人数'} name="headcount">
            <InputNumber min={1} max={100000} style={{ width: '100%' }} />
          </Form.Item>
          {mode === 'hold' ? (
            <Form.Item
              label="开展情况"
              name="summary"
              rules={[{ required: true, min: 5, message: '请填写开展情况' }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          ) : null}
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              保存
            </Button>
            <Button onClick={() => setMode('none')}>取消</Button>
          </Flex>
        </Form>
      ) : null}
    </Flex>
  )
}
