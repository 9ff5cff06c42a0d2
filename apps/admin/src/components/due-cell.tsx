import { Flex, Tag, Typography } from 'antd'
import { formatDateTime } from '../lib/format.ts'
import type { TaskItem } from '../lib/trpc.ts'

export function DueCell({ task }: { task: Pick<TaskItem, 'dueAt' | 'overdue' | 'status'> }) {
  const overdue = task.overdue && (task.status === 'open' || task.status === 'in_progress')
  return (
    <Flex vertical gap={2}>
      <Typography.Text type={overdue ? 'danger' : undefined}>{formatDateTime(task.dueAt)}</Typography.Text>
      {overdue ? (
        <Tag color="red" style={{ width: 'fit-content' }}>
          已逾期
        </Tag>
      ) : null}
    </Flex>
  )
}
