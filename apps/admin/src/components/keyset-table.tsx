import { Empty, Table, type TableColumnsType, type TableProps } from 'antd'
import { rowTestId } from '../lib/row-testid.ts'
import { LoadMore } from './load-more.tsx'
import { QueryError } from './query-error.tsx'

/** What the table needs of a useInfiniteQuery over a keyset-paged list procedure ({ items, nextCursor }). */
export interface KeysetList<T> {
  readonly data?: { readonly pages: ReadonlyArray<{ readonly items: ReadonlyArray<T> }> } | undefined
  readonly isPending: boolean
  readonly isError: boolean
  readonly error: unknown
  readonly refetch: () => unknown
  readonly hasNextPage: boolean
  readonly isFetchingNextPage: boolean
  readonly fetchNextPage: () => unknown
}

/**
 * A register's list: the load error with a retry, the rows of every page fetched so far, and 加载更多.
 * `testId` names each row for the browser tests.
 */
export function KeysetTable<T extends { id: string }>(props: {
  list: KeysetList<T>
  columns: TableColumnsType<T>
  testId: (row: T) => string
  empty: string
  expandable?: TableProps<T>['expandable']
  scroll?: TableProps<T>['scroll']
}) {
  const { list } = props
  const rows = list.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<T>
        rowKey="id"
        size="middle"
        columns={props.columns}
        dataSource={rows}
        loading={list.isPending ? { description: '正在加载…' } : false}
        pagination={false}
        {...(props.expandable ? { expandable: props.expandable } : {})}
        {...(props.scroll ? { scroll: props.scroll } : {})}
        onRow={(r) => rowTestId(props.testId(r))}
        locale={{ emptyText: list.isPending ? ' ' : <Empty description={props.empty} /> }}
      />
      <LoadMore
        shown={rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </>
  )
}
