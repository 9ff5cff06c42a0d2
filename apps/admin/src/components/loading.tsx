import { Flex, Spin, Typography } from 'antd'

export function Loading({ text = '正在加载…', fullPage = false }: { text?: string; fullPage?: boolean }) {
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      gap={12}
      role="status"
      style={{ minHeight: fullPage ? '100vh' : 240, width: '100%' }}
    >
      <Spin size="large" />
      <Typography.Text type="secondary">{text}</Typography.Text>
    </Flex>
  )
}
