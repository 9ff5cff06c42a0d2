import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { EChart, type EChartOption } from '../components/echart.tsx'
import { QueryError } from '../components/query-error.tsx'
import { downloadBase64, useXlsxExport } from '../lib/download.ts'
import { formatDateTime } from '../lib/format.ts'
import { useMe } from '../lib/session.tsx'
import { type RouterOutputs, trpc, trpcClient } from '../lib/trpc.ts'
import { useUrlParams } from '../lib/url-params.ts'

type Results = RouterOutputs['assessment']['results']
type UnitScore = Results['office'][number]
type IndicatorScore = UnitScore['indicators'][number]
type UnitType = 'office' | 'squad' | 'area'

const TYPE_LABELS: Record<UnitType, string> = { office: '司法所', squad: '执法中队', area: '中队辖区' }
const GROUP_LABELS: Record<IndicatorScore['group'], string> = {
  business: '业务考核',
  cooperation: '协调配合',
}
const PART_LABELS: Record<IndicatorScore['part'], string> = { daily: '平时考核', yearEnd: '年底考核' }
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** The periods offered: this year and last, as years, quarters and months (Beijing time). */
export function periodOptions(
  now: Date,
): Array<{ label: string; options: Array<{ value: string; label: string }> }> {
  const beijing = new Date(now.getTime() + 8 * 3600_000)
  const year = beijing.getUTCFullYear()
  const month = beijing.getUTCMonth() + 1
  const groups = []
  for (const y of [year, year - 1]) {
    const last = y === year ? month : 12
    const months = Array.from({ length: last }, (_, i) => last - i).map((m) => ({
      value: `${y}-${String(m).padStart(2, '0')}`,
      label: `${y}年${m}月`,
    }))
    const quarters = Array.from({ length: Math.ceil(last / 3) }, (_, i) => Math.ceil(last / 3) - i).map(
      (q) => ({
        value: `${y}-Q${q}`,
        label: `${y}年第${'一二三四'[q - 1]}季度`,
      }),
    )
    groups.push({
      label: `${y}年`,
      options: [{ value: String(y), label: `${y}年度` }, ...quarters, ...months],
    })
  }
  return groups
}

export function defaultPeriod(now: Date): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000)
  return `${beijing.getUTCFullYear()}-${String(beijing.getUTCMonth() + 1).padStart(2, '0')}`
}

/** 考核排名: offices, squads and areas, with charts and drill-down to the facts. */
export function AssessmentRankings() {
  const me = useMe()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const { params, update } = useUrlParams()
  const bureau = me.role === 'bureauAdmin'
  const everything = bureau || me.role === 'bureauLeader'
  const period = params.get('period') ?? defaultPeriod(new Date())
  const type = (['office', 'squad', 'area'] as const).find((t) => t === params.get('type')) ?? 'office'
  const schemeId = params.get('scheme') ?? undefined
  const openUnit = params.get('unit')

  const schemes = useQuery({ ...trpc.assessment.schemes.queryOptions(), enabled: everything })
  const input = { period, ...(schemeId ? { schemeId } : {}) }
  const view = useQuery(trpc.assessment.results.queryOptions(input))
  const year = Number(period.slice(0, 4))
  const trend = useQuery(
    trpc.assessment.trend.queryOptions({ year, unitType: type, ...(schemeId ? { schemeId } : {}) }),
  )

  const publish = useMutation({
    ...trpc.assessment.publishResults.mutationOptions(),
    onSuccess: () => {
      void message.success('考核结果已发布，各单位可查看')
      void qc.invalidateQueries({ queryKey: trpc.assessment.results.queryKey() })
    },
    onError: (e) => void message.error(errorMessage(e)),
  })
  const exportXlsx = useXlsxExport(trpc.assessment.export.mutationOptions())
  const report = useMutation({
    ...trpc.assessment.report.mutationOptions(),
    onSuccess: (file) => downloadBase64(file.filename, file.base64, DOCX_TYPE),
    onError: (e) => void message.error(errorMessage(e)),
  })

  const data = view.data
  const list: ReadonlyArray<UnitScore> = data ? data[type] : []
  const selected = list.find((u) => u.unitCode === openUnit) ?? null
  const schemeOptions = (schemes.data ?? []).map((s) => ({
    value: s.id,
    label: `${s.name} 第${s.version}版（${s.statusLabel}）`,
  }))

  const bars: EChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 64 },
      xAxis: {
        type: 'category',
        data: list.map((u) => u.unitName),
        axisLabel: { rotate: list.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', min: 0, max: 100, name: '得分' },
      series: [
        { type: 'bar', name: '总分', data: list.map((u) => u.total), itemStyle: { color: '#1f5fbf' } },
      ],
    }),
    [list],
  )
  const trendOption: EChartOption = useMemo(() => {
    const months = trend.data?.months ?? []
    const units = months[0]?.units ?? []
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      xAxis: { type: 'category', data: months.map((m) => m.label.replace(/^\d+年/, '')) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: units.map((u) => ({
        type: 'line',
        name: u.name,
        data: months.map((m) => m.units.find((x) => x.code === u.code)?.total ?? null),
      })),
    }
  }, [trend.data])

  const columns: TableColumnsType<UnitScore> = [
    { title: '名次', dataIndex: 'rank', width: 64 },
    {
      title: '单位',
      dataIndex: 'unitName',
      render: (name: string, u) =>
        u.detail ? (
          <Button type="link" style={{ padding: 0 }} onClick={() => update({ unit: u.unitCode })}>
            {name}
          </Button>
        ) : (
          name
        ),
    },
    {
      title: '总分',
      dataIndex: 'total',
      width: 90,
      render: (v: number) => <Typography.Text strong>{v.toFixed(2)}</Typography.Text>,
    },
    { title: '业务考核', dataIndex: 'business', width: 100, render: (v: number) => v.toFixed(2) },
    { title: '协调配合', dataIndex: 'cooperation', width: 100, render: (v: number) => v.toFixed(2) },
    {
      title: '问责扣分',
      dataIndex: 'deducted',
      width: 100,
      render: (v: number) => (v > 0 ? <Tag color="red">−{v}</Tag> : '—'),
    },
  ]

  return (
    <>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
        <Select
          aria-label="考核期间"
          style={{ width: 180 }}
          value={period}
          options={periodOptions(new Date())}
          onChange={(v) => update({ period: v, unit: null })}
        />
        {everything ? (
          <Select
            aria-label="考核方案"
            style={{ width: 320 }}
            placeholder="最新发布的考核方案"
            allowClear
            value={schemeId}
            options={schemeOptions}
            onChange={(v) => update({ scheme: v ?? null, unit: null })}
          />
        ) : null}
        <Space wrap>
          {bureau && data?.scheme && !data.publication ? (
            <Popconfirm
              title={`发布${data.period.label}考核结果？`}
              description="发布后各单位可查看本单位得分和排名，结果不再变化。"
              okText="发布"
              cancelText="取消"
              onConfirm={() => publish.mutate({ period, schemeId: data.scheme?.id ?? '' })}
            >
              <Button
                type="primary"
                loading={publish.isPending}
                disabled={data.scheme.status !== 'published'}
              >
                发布考核结果
              </Button>
            </Popconfirm>
          ) : null}
          <Button
            loading={exportXlsx.isPending}
            disabled={!data?.scheme}
            onClick={() => exportXlsx.mutate(input)}
          >
            导出 Excel
          </Button>
          {everything ? (
            <Button loading={report.isPending} disabled={!data?.scheme} onClick={() => report.mutate(input)}>
              打印党组报告（Word）
            </Button>
          ) : null}
        </Space>
      </Flex>
      {view.isError ? <QueryError error={view.error} onRetry={() => void view.refetch()} /> : null}
      {data ? (
        <Alert
          style={{ marginBottom: 16 }}
          type={data.publication ? 'success' : data.scheme ? 'info' : 'warning'}
          showIcon
          title={
            data.publication
              ? `${data.period.label}考核结果已于 ${formatDateTime(data.publication.at)} 发布（第 ${data.publication.schemeVersion} 版方案，${data.publication.byName}）`
              : data.scheme
                ? `${data.period.label}：按《${data.scheme.name}》第 ${data.scheme.version} 版即时计算，尚未发布`
                : everything
                  ? '尚无已发布的考核方案，请先在“考核方案”中发布'
                  : `${data.period.label}考核结果尚未发布`
          }
          description={
            data.partWeights
              ? data.partWeights.yearEnd > 0
                ? `平时考核 ${data.partWeights.daily}% + 年底考核 ${data.partWeights.yearEnd}%`
                : '月度、季度考核仅计平时考核'
              : undefined
          }
        />
      ) : null}
      <Tabs
        activeKey={type}
        onChange={(k) => update({ type: k, unit: null })}
        items={(['office', 'squad', 'area'] as const).map((t) => ({
          key: t,
          label: `${TYPE_LABELS[t]}排名`,
        }))}
      />
      {data && list.length === 0 ? (
        <Empty description="暂无考核结果" />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={`${TYPE_LABELS[type]}得分`} size="small">
              <EChart
                option={bars}
                label={`${TYPE_LABELS[type]}得分柱状图`}
                testId="assessment-bars"
                onItemClick={({ dataIndex }) => {
                  const u = list[dataIndex]
                  if (u?.detail) update({ unit: u.unitCode })
                }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={`${year}年各月得分趋势`} size="small">
              {trend.isError ? <QueryError error={trend.error} onRetry={() => void trend.refetch()} /> : null}
              <EChart
                option={trendOption}
                label={`${TYPE_LABELS[type]}各月得分趋势图`}
                testId="assessment-trend"
              />
            </Card>
          </Col>
          <Col span={24}>
            <Table<UnitScore>
              rowKey="unitCode"
              size="middle"
              loading={view.isLoading}
              columns={columns}
              dataSource={[...list]}
              pagination={false}
              onRow={(u) => ({ 'data-testid': `rank-row-${u.unitType}-${u.unitCode}` }) as never}
            />
          </Col>
        </Row>
      )}
      <UnitDrawer
        unit={selected}
        period={period}
        schemeId={schemeId}
        onClose={() => update({ unit: null })}
      />
    </>
  )
}

function UnitDrawer({
  unit,
  period,
  schemeId,
  onClose,
}: {
  unit: UnitScore | null
  period: string
  schemeId: string | undefined
  onClose: () => void
}) {
  const [indicator, setIndicator] = useState<string | null>(null)
  const radar: EChartOption = useMemo(
    () => ({
      tooltip: {},
      radar: {
        indicator: (unit?.indicators ?? []).map((i) => ({ name: i.name, max: 100 })),
        radius: '62%',
      },
      series: [
        {
          type: 'radar',
          name: unit?.unitName ?? '',
          data: [
            { name: '得分率', value: (unit?.indicators ?? []).map((i) => Math.round(i.fraction * 100)) },
          ],
        },
      ],
    }),
    [unit],
  )
  const columns: TableColumnsType<IndicatorScore> = [
    { title: '指标', dataIndex: 'name' },
    {
      title: '类别',
      key: 'kind',
      width: 150,
      render: (_: unknown, i) => `${PART_LABELS[i.part]} · ${GROUP_LABELS[i.group]}`,
    },
    { title: '权重', dataIndex: 'weight', width: 64 },
    { title: '得分', dataIndex: 'points', width: 72, render: (v: number) => v.toFixed(2) },
    { title: '依据', dataIndex: 'basis' },
    {
      title: '事实',
      key: 'facts',
      width: 96,
      render: (_: unknown, i) => (
        <Button size="small" onClick={() => setIndicator(i.code)} aria-label={`查看事实：${i.name}`}>
          查看事实
        </Button>
      ),
    },
  ]
  return (
    <Drawer
      open={unit !== null}
      onClose={() => {
        setIndicator(null)
        onClose()
      }}
      size={960}
      title={unit ? `${unit.unitName} · 第 ${unit.rank} 名 · ${unit.total.toFixed(2)} 分` : ''}
    >
      {unit ? (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="计分依据" span={2}>
              {unit.basis}
            </Descriptions.Item>
            {unit.accountability.map((a) => (
              <Descriptions.Item key={a.fact} label="问责扣分" span={2}>
                {a.label}：扣 {a.points} 分
              </Descriptions.Item>
            ))}
          </Descriptions>
          {unit.indicators.length > 2 ? (
            <EChart
              option={radar}
              label={`${unit.unitName}各项指标得分率雷达图`}
              height={280}
              testId="assessment-radar"
            />
          ) : null}
          <Table<IndicatorScore>
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={[...unit.indicators]}
            pagination={false}
            onRow={(i) => ({ 'data-testid': `indicator-row-${i.code}` }) as never}
          />
          {indicator ? (
            <FactsList
              period={period}
              schemeId={schemeId}
              unitType={unit.unitType}
              unitCode={unit.unitCode}
              indicator={indicator}
            />
          ) : null}
        </>
      ) : null}
    </Drawer>
  )
}

type FactRow = RouterOutputs['assessment']['facts']['items'][number]

function FactsList(props: {
  period: string
  schemeId: string | undefined
  unitType: UnitType
  unitCode: string
  indicator: string
}) {
  const { schemeId, ...rest } = props
  const facts = useQuery({
    queryKey: ['assessment', 'facts', props],
    queryFn: () => trpcClient.assessment.facts.query({ ...rest, ...(schemeId ? { schemeId } : {}) }),
  })
  const columns: TableColumnsType<FactRow> = [
    {
      title: '事实',
      dataIndex: 'title',
      render: (t: string, f) => (f.link ? <Link to={f.link}>{t}</Link> : t),
    },
    {
      title: '情况',
      dataIndex: 'detail',
      width: 160,
      render: (d: string, f) => <Tag color={f.good ? 'green' : 'red'}>{d}</Tag>,
    },
    { title: '时间', dataIndex: 'at', width: 150, render: (v: string | null) => formatDateTime(v) },
  ]
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={facts.data ? `${facts.data.indicator.name}的事实依据` : '事实依据'}
    >
      {facts.isError ? <QueryError error={facts.error} onRetry={() => void facts.refetch()} /> : null}
      {facts.data ? (
        <Typography.Paragraph type="secondary">{facts.data.indicator.basis}</Typography.Paragraph>
      ) : null}
      <Table<FactRow>
        rowKey="id"
        size="small"
        loading={facts.isLoading}
        columns={columns}
        dataSource={[...(facts.data?.items ?? [])]}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '本期无相关事实' }}
      />
      {facts.data?.truncated ? <Typography.Text type="secondary">仅显示前 200 条</Typography.Text> : null}
    </Card>
  )
}
