import { Button, Flex, Typography } from 'antd'

type Props = {
  shown: number
  hasNextPage: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => unknown
}

/** Keyset paging: the lists have no totals, only "there is more". */
export function LoadMore({ shown, hasNextPage, isFetchingNextPage, fetchNextPage }: Props) {
  if (shown === 0) return null
  return (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">已显示 {shown} 条</Typography.Text>
      {hasNextPage ? (
        <Button loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
          加载更多
        </Button>
      ) : (
        <Typography.Text type="secondary">· 已全部加载</Typography.Text>
      )}
    </Flex>
  )
}
