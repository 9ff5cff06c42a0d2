import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd'
import { useEffect } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { Loading } from '../components/loading.tsx'
import { queryClient, trpc } from '../lib/trpc.ts'

type LoginForm = { username: string; password: string }

// Only same-app paths: never send someone to another site after login.
function safeFrom(from: string | null): string {
  return from?.startsWith('/') && !from.startsWith('//') ? from : '/'
}

export default function LoginPage() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const [form] = Form.useForm<LoginForm>()
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 })
  const from = safeFrom(params.get('from'))

  const login = useMutation({
    ...trpc.auth.login.mutationOptions(),
    onSuccess: ({ user }) => {
      queryClient.clear()
      queryClient.setQueryData(trpc.auth.me.queryKey(), user)
      void navigate(from, { replace: true })
    },
    onError: (err) => {
      const fields = fieldErrors(err)
      form.setFields(
        (['username', 'password'] as const)
          .filter((name) => fields[name])
          .map((name) => ({ name, errors: [fields[name] ?? ''] })),
      )
    },
  })

  useEffect(() => {
    document.title = '登录 · 平战 · 管理后台'
    return () => {
      document.title = '平战 · 管理后台'
    }
  }, [])

  if (me.isPending) return <Loading fullPage />
  if (me.data) return <Navigate to={from} replace />

  return (
    <Flex
      align="center"
      justify="center"
      style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #eaf1fb 0%, #f7f9fc 60%)' }}
    >
      <main style={{ width: 400 }}>
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <Typography.Title level={2} style={{ margin: 0, color: '#1f5fbf' }}>
            平战 · 管理后台
          </Typography.Title>
          <Typography.Text type="secondary">
            司法所与社区矫正执法中队“一定五动 平战融合”工作平台
          </Typography.Text>
        </Flex>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            登录
          </Typography.Title>
          {login.isError ? (
            <Alert
              type="error"
              showIcon
              title={errorMessage(login.error)}
              style={{ marginBottom: 16 }}
              role="alert"
            />
          ) : null}
          <Form<LoginForm>
            form={form}
            name="login"
            layout="vertical"
            requiredMark={false}
            disabled={login.isPending}
            onFinish={(values) =>
              login.mutate({ username: values.username.trim(), password: values.password })
            }
          >
            <Form.Item
              label="用户名"
              name="username"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              登录
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ margin: '16px 0 0', fontSize: 12 }}>
            连续多次输入错误的密码，账号将被暂时锁定。请勿在公共电脑上保存密码。
          </Typography.Paragraph>
        </Card>
      </main>
    </Flex>
  )
}
