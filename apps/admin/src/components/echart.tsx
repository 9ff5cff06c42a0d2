// The console's one chart component: Apache ECharts, tree-shaken to the chart kinds the console draws
// (bars, lines, radar, pie) and rendered as SVG, so the chart's texts are in the DOM for screen readers
// and browser tests, and it stays sharp when printed. Pages that draw charts are lazy routes, so ECharts
// is loaded only with them.
import { BarChart, LineChart, PieChart, RadarChart } from 'echarts/charts'
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { type CSSProperties, useEffect, useRef } from 'react'

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  RadarChart,
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
])

export type EChartOption = echarts.EChartsCoreOption

export interface EChartProps {
  /** the chart's ECharts option; replaced whole on every change (notMerge) */
  readonly option: EChartOption
  /** what the chart shows, in words: its accessible name */
  readonly label: string
  readonly height?: number
  readonly style?: CSSProperties
  readonly testId?: string
  /** a click on a data item (bar, point, radar vertex): its name and series index */
  readonly onItemClick?: (item: { name: string; seriesIndex: number; dataIndex: number }) => void
}

const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"

export function EChart({ option, label, height = 320, style, testId, onItemClick }: EChartProps) {
  const host = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const clickRef = useRef(onItemClick)
  clickRef.current = onItemClick

  useEffect(() => {
    const el = host.current
    if (!el) return
    const instance = echarts.init(el, undefined, { renderer: 'svg', locale: 'ZH' })
    chart.current = instance
    instance.on('click', (p) => {
      const params = p as { name?: string; seriesIndex?: number; dataIndex?: number }
      clickRef.current?.({
        name: String(params.name ?? ''),
        seriesIndex: params.seriesIndex ?? 0,
        dataIndex: params.dataIndex ?? 0,
      })
    })
    const resize = new ResizeObserver(() => instance.resize())
    resize.observe(el)
    return () => {
      resize.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(
      { textStyle: { fontFamily: FONT }, aria: { enabled: true }, animation: false, ...option },
      { notMerge: true },
    )
  }, [option])

  return (
    <div
      ref={host}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: '100%', height, ...style }}
    />
  )
}
