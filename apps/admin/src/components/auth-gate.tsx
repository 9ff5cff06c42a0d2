import { useQuery } from '@tanstack/react-query'
import { Navigate, useLocation } from 'react-router'
import { MeProvider } from '../lib/session.tsx'
import { trpc } from '../lib/trpc.ts'
import { AppLayout } from './app-layout.tsx'
import { GateScreen } from './gate-screen.tsx'
import { Loading } from './loading.tsx'
import { QueryError } from './query-error.tsx'

/** Everything but 登录 needs a session; without one, go to 登录 and come back afterwards. */
export function AuthGate() {
  const location = useLocation()
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 })
  if (me.isPending) return <Loading fullPage text="正在验证登录状态…" />
  if (me.isError) {
    return (
      <div style={{ maxWidth: 560, margin: '120px auto' }}>
        <QueryError error={me.error} title="无法连接服务器" onRetry={() => void me.refetch()} />
      </div>
    )
  }
  if (me.data === null) {
    const from = location.pathname + location.search
    return <Navigate to={from === '/' ? '/login' : `/login?from=${encodeURIComponent(from)}`} replace />
  }
  // held at a gate (one-time or expired password, second factor): nothing else until it is cleared
  if (me.data.gate !== null) return <GateScreen me={me.data} />
  return (
    <MeProvider me={me.data}>
      <AppLayout />
    </MeProvider>
  )
}
