import { errorMessage } from '@pingzhan/api/client'
import { useMutation } from '@tanstack/react-query'
import { Alert, Button, Card, Flex, Input, Tag, Typography } from 'antd'
import { useState } from 'react'
import { ChangePasswordForm, TotpEnrol } from '../components/account-forms.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { useMe } from '../lib/session.tsx'
import { queryClient, trpc } from '../lib/trpc.ts'

/** 账号安全: one's own password and second factor. */
export default function AccountPage() {
  const me = useMe()
  const [password, setPassword] = useState('')
  const disable = useMutation({
    ...trpc.auth.totpDisable.mutationOptions(),
    onSuccess: () => {
      setPassword('')
      void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() })
    },
  })
  return (
    <>
      <PageHeader title="账号安全" subtitle={`${me.displayName}（${me.username}）· ${me.roleLabel}`} />
      <Flex gap={16} wrap align="start">
        <Card title="修改密码" style={{ width: 420 }}>
          <ChangePasswordForm />
        </Card>
        <Card
          title={
            <Flex gap={8} align="center">
              动态口令（双因素认证）
              {me.totpEnabled ? <Tag color="green">已绑定</Tag> : <Tag>未绑定</Tag>}
            </Flex>
          }
          style={{ width: 420 }}
        >
          {me.totpEnabled ? (
            <Flex vertical gap={12}>
              <Typography.Text type="secondary">
                每次登录需输入手机身份验证器上的动态口令。解绑需输入登录密码。
              </Typography.Text>
              {disable.isError ? (
                <Alert type="error" showIcon role="alert" title={errorMessage(disable.error)} />
              ) : null}
              <Input.Password
                aria-label="登录密码"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <Button
                danger
                disabled={!password}
                loading={disable.isPending}
                onClick={() => disable.mutate({ password })}
              >
                解绑动态口令
              </Button>
            </Flex>
          ) : (
            <TotpEnrol />
          )}
        </Card>
      </Flex>
    </>
  )
}
