import { ArrowRightOutlined } from '@ant-design/icons'
import { Card, Statistic, type StatisticProps, Typography } from 'antd'
import type { ReactNode } from 'react'
import { Link } from 'react-router'

/** A figure of a 工作台: the statistic, then a link to where the work is or a line saying what it counts. */
export function StatCard({
  link,
  note,
  ...statistic
}: StatisticProps & {
  readonly link?: { readonly to: string; readonly text: string }
  readonly note?: ReactNode
}) {
  return (
    <Card>
      <Statistic {...statistic} />
      {link ? (
        <Link to={link.to}>
          {link.text} <ArrowRightOutlined />
        </Link>
      ) : null}
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
    </Card>
  )
}
