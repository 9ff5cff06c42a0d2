import { errorMessage } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { App, Button, Card, Flex, InputNumber, Switch, Tag, Typography } from 'antd'
import { useState } from 'react'
import { Loading } from '../components/loading.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { QueryError } from '../components/query-error.tsx'
import { formatDateTime } from '../lib/format.ts'
import { queryClient, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Setting = RouterOutputs['setting']['list'][number]

export default function SettingsPage() {
  const settings = useQuery(trpc.setting.list.queryOptions())
  return (
    <>
      <PageHeader
        title="参数设置"
        subtitle="密码规则、账号锁定和动态口令由安全管理员设置；初始密码有效期由系统管理员设置。每次修改都记入审计日志。"
      />
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : null}
      {settings.isPending ? <Loading /> : null}
      <Flex vertical gap={12} style={{ maxWidth: 760 }}>
        {(settings.data ?? []).map((s) => (
          <SettingRow key={s.key} setting={s} />
        ))}
      </Flex>
    </>
  )
}

function SettingRow({ setting }: { setting: Setting }) {
  const [value, setValue] = useState<number | boolean>(setting.value)
  const { message } = App.useApp()
  const update = useMutation({
    ...trpc.setting.update.mutationOptions(),
    onSuccess: () => {
      void message.success(`已保存：${setting.label}`)
      void queryClient.invalidateQueries({ queryKey: trpc.setting.list.queryKey() })
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  const changed = value !== setting.value
  return (
    <Card size="small" data-testid={`setting-${setting.key}`}>
      <Flex justify="space-between" align="center" gap={16}>
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text strong id={`label-${setting.key}`}>
            {setting.label}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {setting.help}（默认{' '}
            {typeof setting.default === 'boolean' ? (setting.default ? '是' : '否') : setting.default}）
            {setting.updatedAt ? ` · ${setting.updatedBy} 于 ${formatDateTime(setting.updatedAt)} 修改` : ''}
          </Typography.Text>
        </Flex>
        <Flex gap={8} align="center">
          {setting.kind === 'bool' ? (
            <Switch
              aria-labelledby={`label-${setting.key}`}
              checked={value === true}
              disabled={!setting.editable}
              onChange={setValue}
            />
          ) : (
            <InputNumber
              aria-labelledby={`label-${setting.key}`}
              value={typeof value === 'number' ? value : undefined}
              min={setting.min ?? undefined}
              max={setting.max ?? undefined}
              precision={0}
              disabled={!setting.editable}
              onChange={(v) => setValue(typeof v === 'number' ? v : setting.value)}
              style={{ width: 100 }}
            />
          )}
          {setting.editable ? (
            <Button
              type="primary"
              disabled={!changed}
              loading={update.isPending}
              onClick={() => update.mutate({ key: setting.key, value })}
              aria-label={`保存${setting.label}`}
            >
              保存
            </Button>
          ) : (
            <Tag>只读</Tag>
          )}
        </Flex>
      </Flex>
    </Card>
  )
}
