import { errorMessage } from '@pingzhan/api/client'
import { useMutation } from '@tanstack/react-query'
import { Alert, Button, Card, Flex, Input, Typography } from 'antd'
import { useState } from 'react'
import { type Me, queryClient, trpc } from '../lib/trpc.ts'
import { ChangePasswordForm, TotpEnrol } from './account-forms.tsx'

const TITLES: Record<NonNullable<Me['gate']>, string> = {
  totp: '输入动态口令',
  changePassword: '请先修改密码',
  enrolTotp: '请先绑定动态口令',
}

/**
 * A session held at a gate (services/auth.ts): nothing else works until the person clears it, so the
 * console shows only this screen — the code of the second factor, a new password in place of a
 * one-time or expired one, or the enrolment the security settings require.
 */
export function GateScreen({ me }: { me: Me }) {
  const gate = me.gate
  const logout = useMutation({
    ...trpc.auth.logout.mutationOptions(),
    onSettled: () => {
      queryClient.clear()
      queryClient.setQueryData(trpc.auth.me.queryKey(), null)
    },
  })
  if (gate === null) return null
  return (
    <Flex
      align="center"
      justify="center"
      style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #eaf1fb 0%, #f7f9fc 60%)' }}
    >
      <main style={{ width: 440 }}>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {TITLES[gate]}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {me.displayName}（{me.username}）
            {gate === 'changePassword'
              ? '：您使用的是初始密码或密码已过期，修改后才能继续使用系统。'
              : gate === 'enrolTotp'
                ? '：按本局安全设置，管理员和局领导必须使用动态口令（双因素认证）。'
                : '：请输入手机身份验证器上显示的 6 位动态口令。'}
          </Typography.Paragraph>
          {gate === 'changePassword' ? <ChangePasswordForm oldLabel="当前密码" /> : null}
          {gate === 'enrolTotp' ? <TotpEnrol /> : null}
          {gate === 'totp' ? <TotpVerify /> : null}
          <Button type="link" style={{ paddingInline: 0, marginTop: 16 }} onClick={() => logout.mutate({})}>
            退出登录
          </Button>
        </Card>
      </main>
    </Flex>
  )
}

function TotpVerify() {
  const [code, setCode] = useState('')
  const verify = useMutation({
    ...trpc.auth.verifyTotp.mutationOptions(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    onError: () => setCode(''),
  })
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        if (code.length === 6) verify.mutate({ code })
      }}
    >
      <Flex vertical gap={12}>
        {verify.isError ? (
          <Alert type="error" showIcon role="alert" title={errorMessage(verify.error)} />
        ) : null}
        <Input
          aria-label="动态口令"
          placeholder="6 位数字"
          maxLength={6}
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          size="large"
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          disabled={code.length !== 6}
          loading={verify.isPending}
        >
          验证
        </Button>
      </Flex>
    </form>
  )
}
