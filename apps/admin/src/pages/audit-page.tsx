import { SafetyCertificateOutlined } from '@ant-design/icons'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  type TableColumnsType,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { KeysetTable } from '../components/keyset-table.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import {
  AUDIT_ACTION_OPTIONS,
  auditActionLabel,
  formatDateTime,
  SUBJECT_TYPE_OPTIONS,
  subjectTypeLabel,
} from '../lib/format.ts'
import { type AuditItem, type RouterInputs, trpc } from '../lib/trpc.ts'

type Filter = Omit<RouterInputs['audit']['list'], 'cursor' | 'limit'>
type FilterForm = {
  action?: string
  actor?: string
  subjectType?: string
  range?: [Dayjs | null, Dayjs | null] | null
}

const PAGE = 50

const ROLE_LABELS: Record<string, string> = {
  bureauAdmin: '系统管理员',
  bureauLeader: '局领导（班子成员）',
  brigadeLeader: '执法大队长',
  squadLeader: '中队长',
  squadMember: '中队工作人员',
  officeDirector: '司法所长',
  departmentStaff: '局科室工作人员',
  securityAdmin: '安全管理员',
  auditAdmin: '审计管理员',
  kiosk: '自助终端',
  anonymous: '未登录用户',
  system: '系统',
}

function toFilter(v: FilterForm): Filter {
  const clean = (s: string | undefined) => (s?.trim() ? s.trim() : undefined)
  const [from, to] = v.range ?? [null, null]
  return {
    action: clean(v.action),
    actor: clean(v.actor),
    subjectType: clean(v.subjectType),
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  }
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">（无）</Typography.Text>
  return (
    <pre
      style={{
        margin: 0,
        padding: 12,
        background: '#fafafa',
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        maxHeight: 320,
        overflow: 'auto',
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  )
}

function AuditDetail({ item }: { item: AuditItem }) {
  return (
    <Flex vertical gap={12} style={{ padding: '4px 8px' }}>
      <Descriptions
        size="small"
        column={3}
        items={[
          {
            key: 'subject',
            label: '对象编号',
            children: <Typography.Text copyable>{item.subjectId}</Typography.Text>,
          },
          {
            key: 'corr',
            label: '关联编号',
            children: <Typography.Text copyable>{item.correlationId}</Typography.Text>,
          },
          { key: 'ip', label: 'IP 地址', children: item.ip || '—' },
        ]}
      />
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <div>
          <Typography.Text strong>变更前</Typography.Text>
          <Json value={item.before} />
        </div>
        <div>
          <Typography.Text strong>变更后</Typography.Text>
          <Json value={item.after} />
        </div>
      </div>
    </Flex>
  )
}

export default function AuditPage() {
  const [form] = Form.useForm<FilterForm>()
  const [filter, setFilter] = useState<Filter>({})

  const list = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { ...filter, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  )
  const verify = useQuery({ ...trpc.audit.verify.queryOptions(), enabled: false, staleTime: 0, gcTime: 0 })

  const columns: TableColumnsType<AuditItem> = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 200,
      render: (v: string, r) => (
        <Flex vertical>
          <span>{v || '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ROLE_LABELS[r.actorRole] ?? r.actorRole}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '操作', dataIndex: 'action', render: (v: string) => auditActionLabel(v) },
    { title: '单位', dataIndex: 'unitName', width: 140, render: (v: string) => v || '—' },
    { title: '对象类型', dataIndex: 'subjectType', width: 160, render: (v: string) => subjectTypeLabel(v) },
  ]

  return (
    <>
      <PageHeader
        title="审计日志"
        subtitle="系统中每一次登录、受理、派单、终端登记等操作都按顺序记入审计链，不可修改。"
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isFetching}
            onClick={() => void verify.refetch()}
          >
            校验审计链
          </Button>
        }
      />
      {verify.isError ? <QueryError title="审计链校验失败" error={verify.error} /> : null}
      {verify.data && !verify.isFetching ? (
        verify.data.ok ? (
          <Alert
            type="success"
            showIcon
            closable
            role="status"
            title="审计链完整"
            description={`已校验 ${verify.data.checked} 条记录，未发现篡改或缺失。`}
            style={{ marginBottom: 16 }}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            title="审计链校验未通过"
            description={`共校验 ${verify.data.checked} 条记录，序号 ${verify.data.brokenAt ?? '—'} 处的记录与前一条不连续，可能被篡改或删除。请立即报告局党组并保全数据库。`}
            style={{ marginBottom: 16 }}
          />
        )
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm>
          form={form}
          name="audit"
          layout="inline"
          onFinish={(v) => setFilter(toFilter(v))}
          style={{ rowGap: 12 }}
        >
          <Form.Item label="操作" name="action">
            <AutoComplete
              options={AUDIT_ACTION_OPTIONS}
              style={{ width: 220 }}
              placeholder="全部"
              allowClear
              showSearch={{
                filterOption: (input, option) =>
                  (option?.label ?? '').toLowerCase().includes(input.toLowerCase()),
              }}
            />
          </Form.Item>
          <Form.Item label="操作人" name="actor">
            <Input style={{ width: 160 }} placeholder="姓名或用户名" allowClear />
          </Form.Item>
          <Form.Item label="对象类型" name="subjectType">
            <AutoComplete
              options={SUBJECT_TYPE_OPTIONS}
              style={{ width: 180 }}
              placeholder="全部"
              allowClear
            />
          </Form.Item>
          <Form.Item label="时间范围" name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields()
                  setFilter({})
                }}
              >
                重置
              </Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>
      <KeysetTable<AuditItem>
        list={list}
        columns={columns}
        testId={(r) => `audit-row-${r.seq}`}
        empty="没有符合条件的审计记录"
        expandable={{ expandedRowRender: (r) => <AuditDetail item={r} /> }}
      />
    </>
  )
}
