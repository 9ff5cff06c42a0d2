import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { useMe } from '../lib/session.tsx'
import { type RouterOutputs, trpc } from '../lib/trpc.ts'

type SchemeItem = RouterOutputs['assessment']['schemes'][number]
type Scheme = SchemeItem['scheme']
type Indicator = Scheme['indicators'][number]

const TYPE: Record<Indicator['unitType'], string> = { office: '司法所', squad: '执法中队', area: '中队辖区' }
const GROUP: Record<Indicator['group'], string> = { business: '业务考核', cooperation: '协调配合情况考核' }
const PART: Record<Indicator['part'], string> = { daily: '平时考核', yearEnd: '年底考核' }
const ACCOUNTABILITY: Record<keyof Scheme['accountability'], string> = {
  workStyle: '作风不实',
  dutyFailure: '履职不力',
  buckPassing: '推诿扯皮',
  falsification: '弄虚作假',
  disregardOfPublic: '漠视群众利益',
}
const METRIC: Record<string, string> = {
  tasksOnTime: '工作任务按时办结率',
  statutoryOnTime: '法定期限按时落实率',
  mediationSuccess: '人民调解成功率',
  legalAidInTime: '法律援助按期审查率',
  activationPromptAck: '战时及时响应率',
  refusals: '战时推诿次数',
}

const sourceText = (i: Indicator) =>
  i.source.kind === 'entered'
    ? `录入：${i.source.entry === 'onSite' ? '年底现场点评' : '材料报送'}`
    : `计算：${METRIC[i.source.metric] ?? i.source.metric}${i.source.dutyPrefix ? `（${i.source.dutyPrefix}）` : ''}`

const ruleText = (i: Indicator) =>
  i.rule.kind === 'linear'
    ? `线性：${Math.round(i.rule.zeroAt * 100)}% 得 0 分，${Math.round(i.rule.fullAt * 100)}% 得满分`
    : i.rule.kind === 'rank'
      ? '按名次计分'
      : `每次扣 ${i.rule.perEvent} 分`

/** 考核方案: versions (草稿 → 已发布); the bureau edits drafts, a published version is read only. */
export function AssessmentSchemes() {
  const me = useMe()
  const bureau = me.role === 'bureauAdmin'
  const { message } = App.useApp()
  const qc = useQueryClient()
  const schemes = useQuery(trpc.assessment.schemes.queryOptions())
  const [openId, setOpenId] = useState<string | null>(null)
  const template = useQuery({ ...trpc.assessment.schemeTemplate.queryOptions(), enabled: bureau })
  const create = useMutation({
    ...trpc.assessment.saveScheme.mutationOptions(),
    onSuccess: (r) => {
      void message.success(`已新建第 ${r.version} 版草稿`)
      void qc.invalidateQueries({ queryKey: trpc.assessment.schemes.queryKey() })
      setOpenId(r.id)
    },
    onError: (e) => void message.error(errorMessage(e)),
  })
  const open = schemes.data?.find((s) => s.id === openId) ?? schemes.data?.[0] ?? null
  return (
    <Flex gap={16} align="flex-start" wrap>
      <Card
        size="small"
        title="方案版本"
        style={{ width: 300 }}
        extra={
          bureau ? (
            <Button
              size="small"
              type="primary"
              loading={create.isPending}
              disabled={!template.data}
              onClick={() => {
                if (!template.data) return
                const { version: _v, ...scheme } = template.data
                create.mutate({ scheme })
              }}
            >
              新建版本
            </Button>
          ) : null
        }
      >
        {schemes.isError ? <QueryError error={schemes.error} onRetry={() => void schemes.refetch()} /> : null}
        <List
          loading={schemes.isLoading}
          dataSource={schemes.data ?? []}
          locale={{ emptyText: '尚无考核方案' }}
          renderItem={(s) => (
            <List.Item
              style={{
                cursor: 'pointer',
                background: s.id === open?.id ? '#f0f5ff' : undefined,
                paddingInline: 8,
              }}
              onClick={() => setOpenId(s.id)}
            >
              <Space direction="vertical" size={0}>
                <Typography.Text strong>
                  {s.name} 第{s.version}版
                </Typography.Text>
                <Space>
                  <Tag color={s.status === 'published' ? 'green' : 'gold'}>{s.statusLabel}</Tag>
                  <Typography.Text type="secondary">
                    {formatDateTime(s.publishedAt ?? s.updatedAt)}
                  </Typography.Text>
                </Space>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <div style={{ flex: 1, minWidth: 600 }}>
        {open ? <SchemeEditor key={`${open.id}-${open.rowVersion}`} item={open} editable={bureau} /> : null}
      </div>
    </Flex>
  )
}

function SchemeEditor({ item, editable }: { item: SchemeItem; editable: boolean }) {
  const { message } = App.useApp()
  const qc = useQueryClient()
  const draft = item.status === 'draft' && editable
  const [scheme, setScheme] = useState<Scheme>(item.scheme)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: trpc.assessment.schemes.queryKey() })
    // the rankings read the newest published version
    void qc.invalidateQueries({ queryKey: trpc.assessment.results.queryKey() })
    void qc.invalidateQueries({ queryKey: trpc.assessment.trend.queryKey() })
  }
  const save = useMutation({
    ...trpc.assessment.saveScheme.mutationOptions(),
    onSuccess: () => {
      setErrors({})
      void message.success('草稿已保存')
      refresh()
    },
    onError: (e) => {
      setErrors(fieldErrors(e))
      void message.error(errorMessage(e))
    },
  })
  const publish = useMutation({
    ...trpc.assessment.publishScheme.mutationOptions(),
    onSuccess: () => {
      void message.success('方案已发布，此后不能修改')
      refresh()
    },
    onError: (e) => void message.error(errorMessage(e)),
  })
  const dirty = JSON.stringify(scheme) !== JSON.stringify(item.scheme)
  const setIndicator = (code: string, patch: Partial<Indicator>) =>
    setScheme((s) => ({
      ...s,
      indicators: s.indicators.map((i) => (i.code === code ? ({ ...i, ...patch } as Indicator) : i)),
    }))
  const num = (value: number, onChange: (n: number) => void, label: string, max = 100) =>
    draft ? (
      <InputNumber
        aria-label={label}
        min={0}
        max={max}
        value={value}
        onChange={(v) => onChange(Number(v ?? 0))}
      />
    ) : (
      value
    )
  const { version: _v, ...body } = scheme
  const columns: TableColumnsType<Indicator> = [
    { title: '考核对象', dataIndex: 'unitType', width: 90, render: (t: Indicator['unitType']) => TYPE[t] },
    {
      title: '方式',
      key: 'part',
      width: 150,
      render: (_: unknown, i) => `${PART[i.part]} · ${GROUP[i.group]}`,
    },
    { title: '指标', dataIndex: 'name' },
    {
      title: '权重',
      dataIndex: 'weight',
      width: 100,
      render: (w: number, i) =>
        num(w, (n) => setIndicator(i.code, { weight: n }), `${TYPE[i.unitType]}${i.name}权重`),
    },
    { title: '数据来源', key: 'source', render: (_: unknown, i) => sourceText(i) },
    { title: '计分规则', key: 'rule', render: (_: unknown, i) => ruleText(i) },
  ]
  const messages = Object.values(errors)
  return (
    <Card
      size="small"
      title={`${item.name} 第${item.version}版`}
      extra={
        draft ? (
          <Space>
            <Button
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate({ id: item.id, rowVersion: item.rowVersion, scheme: body })}
            >
              保存草稿
            </Button>
            <Popconfirm
              title="发布该考核方案？"
              description="发布后方案不能再修改，如需调整请新建版本。"
              okText="发布"
              cancelText="取消"
              onConfirm={() => publish.mutate({ id: item.id, rowVersion: item.rowVersion })}
            >
              <Button type="primary" disabled={dirty} loading={publish.isPending}>
                发布方案
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Tag color={item.status === 'published' ? 'green' : 'gold'}>{item.statusLabel}</Tag>
        )
      }
    >
      {item.status === 'published' ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          title="已发布的考核方案不能修改；如需调整请新建版本。"
        />
      ) : null}
      {messages.length > 0 ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          title="方案未保存"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="方案名称" span={3}>
          {draft ? (
            <Input
              aria-label="方案名称"
              value={scheme.name}
              onChange={(e) => setScheme({ ...scheme, name: e.target.value })}
            />
          ) : (
            scheme.name
          )}
        </Descriptions.Item>
        <Descriptions.Item label="平时考核权重">
          {num(
            scheme.parts.daily,
            (n) => setScheme({ ...scheme, parts: { ...scheme.parts, daily: n } }),
            '平时考核权重',
          )}
        </Descriptions.Item>
        <Descriptions.Item label="年底考核权重" span={2}>
          {num(
            scheme.parts.yearEnd,
            (n) => setScheme({ ...scheme, parts: { ...scheme.parts, yearEnd: n } }),
            '年底考核权重',
          )}
        </Descriptions.Item>
        <Descriptions.Item label="辖区指标权重">
          {num(
            scheme.area.own,
            (n) => setScheme({ ...scheme, area: { ...scheme.area, own: n } }),
            '辖区指标权重',
          )}
        </Descriptions.Item>
        <Descriptions.Item label="中队得分权重">
          {num(
            scheme.area.squad,
            (n) => setScheme({ ...scheme, area: { ...scheme.area, squad: n } }),
            '中队得分权重',
          )}
        </Descriptions.Item>
        <Descriptions.Item label="司法所平均得分权重">
          {num(
            scheme.area.offices,
            (n) => setScheme({ ...scheme, area: { ...scheme.area, offices: n } }),
            '司法所平均得分权重',
          )}
        </Descriptions.Item>
        {(Object.keys(ACCOUNTABILITY) as Array<keyof Scheme['accountability']>).map((c) => (
          <Descriptions.Item key={c} label={`问责扣分：${ACCOUNTABILITY[c]}`}>
            {num(
              scheme.accountability[c],
              (n) => setScheme({ ...scheme, accountability: { ...scheme.accountability, [c]: n } }),
              `${ACCOUNTABILITY[c]}每次扣分`,
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Table<Indicator>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={[...scheme.indicators]}
        pagination={false}
      />
    </Card>
  )
}
