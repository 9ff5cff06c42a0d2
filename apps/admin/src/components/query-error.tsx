import { errorMessage } from '@pingzhan/api/client'
import { Alert, Button } from 'antd'

/** A failed load, in Chinese, with a retry. */
export function QueryError({
  error,
  onRetry,
  title = '加载失败',
}: {
  error: unknown
  onRetry?: () => void
  title?: string
}) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  )
}
