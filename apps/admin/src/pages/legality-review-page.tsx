import { errorMessage } from '@pingzhan/api/client'
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Radio,
  Segmented,
  Select,
  type TableColumnsType,
  Tag,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { KeysetTable } from '../components/keyset-table.tsx'
import { Loading } from '../components/loading.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { FormModal } from '../components/record-form.tsx'
import { RegisterHistory } from '../components/register-history.tsx'
import { useXlsxExport } from '../lib/download.ts'
import { useOffices } from '../lib/offices.ts'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterOutputs, trpc } from '../lib/trpc.ts'
import { useUrlParams } from '../lib/url-params.ts'

type Item = RouterOutputs['legalityReview']['list']['items'][number]
type Detail = RouterOutputs['legalityReview']['get']
type Opinion = NonNullable<Item['opinion']>

const OPINION: Record<Opinion, { label: string; color: string }> = {
  lawful: { label: '合法', color: 'green' },
  unlawful: { label: '不合法', color: 'red' },
  lawful_after_changes: { label: '修改后合法', color: 'orange' },
}
const FIELD: Record<string, string> = {
  status: '状态',
  document_title: '文件（事项）名称',
  requesting_body: '提请单位',
  deadline: '审查期限',
  opinion: '审查意见',
  opinion_note: '意见说明',
  concluded_on: '出具日期',
}
const ACTION: Record<string, string> = { received: '登记收文', edit: '修改', conclude: '出具审查意见' }
const show = (field: string, v: unknown): string =>
  field === 'opinion'
    ? (OPINION[v as Opinion]?.label ?? String(v))
    : field === 'status'
      ? v === 'pending'
        ? '待审查'
        : '已出具意见'
      : String(v)
const PAGE = 20

export default function LegalityReviewPage() {
  const { params, set } = useUrlParams()
  const statusParam = params.get('status')
  const status: Item['status'] | undefined =
    statusParam === 'pending' || statusParam === 'concluded' ? statusParam : undefined
  const overdue = params.get('overdue') === '1'
  const openId = params.get('review')
  const me = useMe()
  const [creating, setCreating] = useState(false)
  const filter = { ...(status ? { status } : {}), ...(overdue ? { overdue: true } : {}) }
  const list = useInfiniteQuery(
    trpc.legalityReview.list.infiniteQueryOptions(
      { ...filter, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  )
  const exporter = useXlsxExport(trpc.legalityReview.export.mutationOptions())
  const writer = me.role === 'officeDirector' || me.role === 'bureauAdmin'
  const columns: TableColumnsType<Item> = [
    {
      title: '审查编号',
      dataIndex: 'reviewNo',
      width: 170,
      render: (v: string, r) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => set('review', r.id)}>
          {v}
        </Button>
      ),
    },
    { title: '司法所', dataIndex: 'officeName', width: 110 },
    { title: '文件（事项）名称', dataIndex: 'documentTitle', ellipsis: true },
    { title: '提请单位', dataIndex: 'requestingBody', width: 160 },
    { title: '审查期限', dataIndex: 'deadline', width: 110 },
    {
      title: '审查意见',
      key: 'opinion',
      width: 150,
      render: (_: unknown, r) =>
        r.opinion ? (
          <Tag color={OPINION[r.opinion].color}>{OPINION[r.opinion].label}</Tag>
        ) : (
          <Tag color={r.overdue ? 'red' : 'blue'}>{r.overdue ? '待审查（已逾期）' : '待审查'}</Tag>
        ),
    },
    { title: '审查人员', dataIndex: 'reviewerName', width: 150 },
  ]
  return (
    <>
      <PageHeader
        title="合法性审查"
        subtitle="司法所平时职责①“开展重大事项合法性审查及档案整理”：收文登记、审查期限、审查意见。"
        extra={
          <Flex gap={8}>
            {writer ? (
              <Button type="primary" onClick={() => setCreating(true)}>
                登记审查事项
              </Button>
            ) : null}
            <Button loading={exporter.isPending} onClick={() => exporter.mutate(filter)}>
              导出Excel
            </Button>
          </Flex>
        }
      />
      <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
        <Segmented<string>
          aria-label="审查状态"
          value={status ?? 'all'}
          onChange={(v) => set('status', v === 'all' ? null : v)}
          options={[
            { value: 'all', label: '全部' },
            { value: 'pending', label: '待审查' },
            { value: 'concluded', label: '已出具意见' },
          ]}
        />
        <Checkbox checked={overdue} onChange={(e) => set('overdue', e.target.checked ? '1' : null)}>
          只看已逾期
        </Checkbox>
      </Flex>
      <KeysetTable<Item>
        list={list}
        columns={columns}
        testId={(r) => `legality-row-${r.reviewNo}`}
        empty="暂无合法性审查事项"
      />
      <CreateModal open={creating} onClose={() => setCreating(false)} />
      <Drawer
        open={openId !== null}
        onClose={() => set('review', null)}
        title="合法性审查事项"
        size={640}
        destroyOnHidden
      >
        {openId ? <ReviewView id={openId} writer={writer} /> : null}
      </Drawer>
    </>
  )
}

interface CreateForm {
  officeCode?: string
  documentTitle: string
  requestingBody: string
  receivedDate: Dayjs
  deadline: Dayjs
  reviewerId: string
}

function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe()
  const { message } = App.useApp()
  const [form] = Form.useForm<CreateForm>()
  const offices = useOffices(me.role === 'bureauAdmin')
  const people = useQuery({ ...trpc.org.assignees.queryOptions({}), enabled: open })
  const create = useMutation({
    ...trpc.legalityReview.create.mutationOptions(),
    onSuccess: (r) => {
      void message.success(`已登记，审查编号 ${r.reviewNo}，已生成审查任务`)
      void queryClient.invalidateQueries({ queryKey: trpc.legalityReview.pathKey() })
      form.resetFields()
      onClose()
    },
  })
  return (
    <FormModal
      open={open}
      title="登记合法性审查事项"
      okText="登记"
      onClose={onClose}
      pending={create.isPending}
      error={create.error}
      form={form}
      name="legality-create"
      initialValues={{ receivedDate: dayjs() }}
      onFinish={(v) =>
        create.mutate({
          ...(me.role === 'bureauAdmin' && v.officeCode ? { officeCode: v.officeCode } : {}),
          documentTitle: v.documentTitle,
          requestingBody: v.requestingBody,
          receivedDate: v.receivedDate.format('YYYY-MM-DD'),
          deadline: v.deadline.format('YYYY-MM-DD'),
          reviewerId: v.reviewerId,
        })
      }
    >
      {me.role === 'bureauAdmin' ? (
        <Form.Item label="司法所" name="officeCode" rules={[{ required: true, message: '请选择司法所' }]}>
          <Select options={(offices.data ?? []).map((o) => ({ value: o.code, label: o.name }))} />
        </Form.Item>
      ) : null}
      <Form.Item
        label="文件（事项）名称"
        name="documentTitle"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写文件（事项）名称' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item
        label="提请单位"
        name="requestingBody"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写提请单位' }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label="收到日期" name="receivedDate" rules={[{ required: true, message: '请选择收到日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="审查期限" name="deadline" rules={[{ required: true, message: '请选择审查期限' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="审查人员" name="reviewerId" rules={[{ required: true, message: '请选择审查人员' }]}>
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

function ReviewView({ id, writer }: { id: string; writer: boolean }) {
  const c = useQuery(trpc.legalityReview.get.queryOptions({ id }))
  if (c.isPending) return <Loading />
  if (c.isError) return <QueryError error={c.error} onRetry={() => void c.refetch()} />
  const d = c.data
  return (
    <Flex vertical gap={16}>
      {d.overdue ? (
        <Alert type="error" showIcon title={`已超过审查期限 ${d.deadline}，请尽快出具审查意见`} />
      ) : null}
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'no', label: '审查编号', children: d.reviewNo },
          { key: 'office', label: '司法所', children: d.officeName },
          { key: 'title', label: '文件（事项）名称', children: d.documentTitle },
          { key: 'body', label: '提请单位', children: d.requestingBody },
          { key: 'received', label: '收到日期', children: d.receivedDate },
          { key: 'deadline', label: '审查期限', children: d.deadline },
          { key: 'reviewer', label: '审查人员', children: d.reviewerName },
          {
            key: 'opinion',
            label: '审查意见',
            children: d.opinion ? (
              <Tag color={OPINION[d.opinion].color}>{OPINION[d.opinion].label}</Tag>
            ) : (
              '待审查'
            ),
          },
          ...(d.opinionNote ? [{ key: 'note', label: '意见说明', children: d.opinionNote }] : []),
          ...(d.concludedOn ? [{ key: 'on', label: '出具日期', children: d.concludedOn }] : []),
        ]}
      />
      {writer && d.status === 'pending' ? <ReviewActions d={d} /> : null}
      <RegisterHistory history={d.history} actions={ACTION} fields={FIELD} show={show} />
    </Flex>
  )
}

function ReviewActions({ d }: { d: Detail }) {
  const { message } = App.useApp()
  const [mode, setMode] = useState<'none' | 'conclude' | 'edit'>('none')
  const [form] = Form.useForm<{
    opinion?: Opinion
    opinionNote?: string
    documentTitle?: string
    requestingBody?: string
    deadline?: Dayjs
  }>()
  const update = useMutation({
    ...trpc.legalityReview.update.mutationOptions(),
    onSuccess: () => {
      void message.success('已保存')
      setMode('none')
      form.resetFields()
      void queryClient.invalidateQueries({ queryKey: trpc.legalityReview.pathKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
    },
  })
  return (
    <Flex vertical gap={8}>
      {update.error ? <Alert type="error" showIcon title={errorMessage(update.error)} role="alert" /> : null}
      <Flex gap={8}>
        <Button type="primary" onClick={() => setMode('conclude')}>
          出具审查意见
        </Button>
        <Button onClick={() => setMode('edit')}>修改</Button>
      </Flex>
      {mode !== 'none' ? (
        <Form
          form={form}
          layout="vertical"
          name="legality-update"
          initialValues={{
            opinion: 'lawful',
            documentTitle: d.documentTitle,
            requestingBody: d.requestingBody,
            deadline: dayjs(d.deadline),
          }}
          onFinish={(v) =>
            mode === 'conclude'
              ? update.mutate({
                  id: d.id,
                  version: d.version,
                  action: 'conclude',
                  ...(v.opinion ? { opinion: v.opinion } : {}),
                  ...(v.opinionNote ? { opinionNote: v.opinionNote.trim() } : {}),
                })
              : update.mutate({
                  id: d.id,
                  version: d.version,
                  action: 'edit',
                  ...(v.documentTitle ? { documentTitle: v.documentTitle.trim() } : {}),
                  ...(v.requestingBody ? { requestingBody: v.requestingBody.trim() } : {}),
                  ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
                })
          }
        >
          {mode === 'conclude' ? (
            <>
              <Form.Item label="审查意见" name="opinion">
                <Radio.Group
                  options={(Object.keys(OPINION) as Opinion[]).map((o) => ({
                    value: o,
                    label: OPINION[o].label,
                  }))}
                />
              </Form.Item>
              <Form.Item
                label="意见说明"
                name="opinionNote"
                extra="不合法或修改后合法的，请写明理由和修改意见"
              >
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item label="文件（事项）名称" name="documentTitle">
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item label="提请单位" name="requestingBody">
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item label="审查期限" name="deadline">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
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
