import { useQuery } from '@tanstack/react-query'
import { Select, Tooltip, Typography } from 'antd'
import { circled } from '../lib/format.ts'
import { type DutyCatalog, trpc } from '../lib/trpc.ts'

type Duty = DutyCatalog['duties'][number]
export type DutyOption = { value: string; label: string; text: string; depth: number }

/** Items ①②… of one catalogue, each followed by its sub-duties, labelled the way the policy numbers them. */
export function dutyOptions(catalog: DutyCatalog | undefined): DutyOption[] {
  if (!catalog) return []
  const byCode = new Map(catalog.duties.map((d) => [d.code, d]))
  const label = (d: Duty): string => {
    const parent = d.parent ? byCode.get(d.parent) : undefined
    return parent ? `${circled(parent.number)}.${d.number} ${d.title}` : `${circled(d.number)}${d.title}`
  }
  const top = catalog.duties.filter((d) => d.parent === null).sort((a, b) => a.number - b.number)
  return top.flatMap((d) => [
    { value: d.code, label: label(d), text: d.text, depth: 0 },
    ...catalog.duties
      .filter((s) => s.parent === d.code)
      .sort((a, b) => a.number - b.number)
      .map((s) => ({ value: s.code, label: label(s), text: s.text, depth: 1 })),
  ])
}

export function useCatalog(kind: DutyCatalog['kind'], mode: DutyCatalog['mode']) {
  const catalogs = useQuery({ ...trpc.org.catalogs.queryOptions(), staleTime: Number.POSITIVE_INFINITY })
  const catalog = catalogs.data?.find((c) => c.kind === kind && c.mode === mode)
  return { catalogs, catalog, options: dutyOptions(catalog) }
}

type DutySelectProps = {
  id?: string
  value?: string
  onChange?: (value: string) => void
  options: DutyOption[]
  loading?: boolean
}

/** Form control: pass as the child of a Form.Item so the label points at it. */
export function DutySelect({ id, value, onChange, options, loading }: DutySelectProps) {
  return (
    <Select<string, DutyOption>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={loading ? '正在加载职责清单…' : '请选择职责事项'}
      notFoundContent="没有匹配的职责事项"
      popupMatchSelectWidth={560}
      optionRender={(option) => (
        <Tooltip title={option.data.text} placement="right" mouseEnterDelay={0.4}>
          <div style={{ paddingLeft: option.data.depth * 20 }}>
            {option.data.depth > 0 ? <Typography.Text type="secondary">└ </Typography.Text> : null}
            {option.data.label}
          </div>
        </Tooltip>
      )}
    />
  )
}
