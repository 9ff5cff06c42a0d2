import { Result } from 'antd'
import type { ReactNode } from 'react'
import { canSee, type Section, useMe } from '../lib/session.tsx'

export function SectionGuard({ section, page }: { section: Section; page: ReactNode }) {
  const me = useMe()
  if (!canSee(me.role, section)) {
    return <Result status="403" title="无权访问" subTitle={`${me.roleLabel}无权查看该页面。`} />
  }
  return page
}
