import { useInfiniteQuery } from '@tanstack/react-query'
import { App, Button, Space, type TableColumnsType, Tabs, Tag, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { KeysetTable } from '../components/keyset-table.tsx'
import { PageHeader } from '../components/page-header.tsx'
import { LockedReceipt } from '../components/unlock-receipt.tsx'
import { formatDateTime, INTAKE_STATUS } from '../lib/format.ts'
import { canHandleIntake, useMe } from '../lib/session.tsx'
import { type IntakeItem, trpc } from '../lib/trpc.ts'
import { AcceptIntakeModal, RejectIntakeModal } from './intake-accept-modal.tsx'
import { AcceptLegalAidModal } from './intake-legal-aid-modal.tsx'

type Status = IntakeItem['status']
const STATUSES: ReadonlyArray<Status> = ['new', 'accepted', 'rejected']
const PAGE = 20

function parseStatus(s: string | null): Status {
  return STATUSES.find((x) => x === s) ?? 'new'
}

const EMPTY: Record<Status, string> = {
  new: '暂无待受理的申请',
  accepted: '暂无已受理的申请',
  rejected: '暂无已退回的申请',
}

export default function IntakePage() {
  const me = useMe()
  const canHandle = canHandleIntake(me.role)
  const [params, setParams] = useSearchParams()
  const status = parseStatus(params.get('status'))
  const [dialog, setDialog] = useState<{ kind: 'accept' | 'reject' | 'legalAid'; item: IntakeItem } | null>(
    null,
  )
  const { modal } = App.useApp()
  /** 人民调解法17, 26: what the resident was told at the kiosk when the other party refuses mediation. */
  const showRefusal = (r: IntakeItem) =>
    modal.info({
      title: `对方当事人拒绝调解（${r.receiptNo}）`,
      width: 560,
      okText: '关闭',
      content: (
        <>
          <Typography.Paragraph>{r.rejectReason}</Typography.Paragraph>
          <Typography.Paragraph>
            已在自助终端向申请人告知以下途径（人民调解法第二十六条）：
          </Typography.Paragraph>
          <ul aria-label="其他解决途径">
            {(r.alternatives ?? []).map((a) => (
              <li key={a.route}>
                <Typography.Text strong>{a.route}</Typography.Text>：{a.detail}
              </li>
            ))}
          </ul>
        </>
      ),
    })

  const list = useInfiniteQuery(
    trpc.intake.list.infiniteQueryOptions(
      { status, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  )

  const columns: TableColumnsType<IntakeItem> = [
    {
      title: '受理编号',
      dataIndex: 'receiptNo',
      width: 200,
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text copyable>{v}</Typography.Text>
          {r.receiptLocked ? <LockedReceipt receiptNo={v} canUnlock={canHandle} /> : null}
        </Space>
      ),
    },
    ...(me.role === 'officeDirector'
      ? []
      : [
          {
            title: '司法所',
            dataIndex: 'officeName',
            width: 110,
          } satisfies TableColumnsType<IntakeItem>[number],
        ]),
    {
      title: '类别',
      dataIndex: 'kind',
      width: 96,
      render: (v: IntakeItem['kind']) =>
        v === 'legalAid' ? <Tag color="blue">法律援助</Tag> : <Tag color="cyan">人民调解</Tag>,
    },
    {
      title: '申请人',
      dataIndex: 'applicantName',
      width: 150,
      render: (v: string, r) =>
        r.guardian ? (
          <Space direction="vertical" size={0}>
            <span>
              {v} <Tag color="purple">未满14周岁</Tag>
            </span>
            {/* 个人信息保护法31: the guardian who applied and consented at the kiosk */}
            <Tooltip
              title={`监护人身份证号 ${r.guardian.idNumberMasked}；${formatDateTime(r.guardian.consentedAt)} 在自助终端勾选同意`}
            >
              <Typography.Text type="secondary" data-testid="intake-guardian">
                监护人 {r.guardian.name}（{r.guardian.relation}）{r.guardian.phoneMasked}，已同意
              </Typography.Text>
            </Tooltip>
          </Space>
        ) : (
          v
        ),
    },
    { title: '电话', dataIndex: 'phoneMasked', width: 128 },
    { title: '身份证号', dataIndex: 'idNumberMasked', width: 190 },
    {
      title: '概要',
      dataIndex: 'summary',
      width: 260,
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <Space size={4}>
          {r.groupDispute ? (
            <Tooltip title="群体性矛盾纠纷：司法所战时职责③（政策三.3）">
              <Tag color="orange">战时候选</Tag>
            </Tooltip>
          ) : null}
          {r.groupDispute && r.status === 'new' && me.role === 'officeDirector' ? (
            <Link to={`/wartime?intake=${encodeURIComponent(r.id)}`}>建议启动战时</Link>
          ) : null}
          {r.legalAid ? <Tag>{r.legalAid.matterLabel.split('（')[0]}</Tag> : null}
          <Tooltip title={v} placement="topLeft">
            <span>{v}</span>
          </Tooltip>
        </Space>
      ),
    },
    { title: '对方当事人', dataIndex: 'otherParty', width: 120, render: (v: string) => v || '—' },
    { title: '提交时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 84,
      render: (v: Status) => <Tag color={INTAKE_STATUS[v].color}>{INTAKE_STATUS[v].label}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_: unknown, r) => {
        if (r.status === 'new' && canHandle) {
          return (
            <Space size={4}>
              {r.kind === 'legalAid' ? (
                <Button type="primary" size="small" onClick={() => setDialog({ kind: 'legalAid', item: r })}>
                  受理为法律援助申请
                </Button>
              ) : (
                <Button type="primary" size="small" onClick={() => setDialog({ kind: 'accept', item: r })}>
                  受理为任务
                </Button>
              )}
              <Button size="small" danger onClick={() => setDialog({ kind: 'reject', item: r })}>
                退回
              </Button>
            </Space>
          )
        }
        if (r.taskId) return <Link to={`/tasks?task=${encodeURIComponent(r.taskId)}`}>查看任务</Link>
        if (r.otherPartyConsent === 'refused')
          return (
            <Space size={4}>
              <Tag>对方拒绝调解</Tag>
              <Button type="link" size="small" onClick={() => showRefusal(r)}>
                告知内容
              </Button>
            </Space>
          )
        if (r.rejectReason)
          return (
            <Tooltip title={r.rejectReason}>
              <Typography.Text type="secondary">退回理由</Typography.Text>
            </Tooltip>
          )
        return <Typography.Text type="secondary">—</Typography.Text>
      },
    },
  ]

  return (
    <>
      <PageHeader
        title="受理队列"
        subtitle={
          canHandle
            ? '群众在自助终端提交的人民调解申请和法律援助申请。调解申请受理后生成工作任务；法律援助申请登记到法律援助台账，七日期限自终端提交之日起计算。'
            : '联系辖区内各司法所收到的人民调解和法律援助申请（只读）。'
        }
        extra={
          <Button onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage}>
            刷新
          </Button>
        }
      />
      <Tabs
        activeKey={status}
        onChange={(key) => setParams({ status: key }, { replace: true })}
        items={STATUSES.map((s) => ({ key: s, label: INTAKE_STATUS[s].label }))}
      />
      <KeysetTable<IntakeItem>
        list={list}
        columns={columns}
        testId={(r) => `intake-row-${r.receiptNo}`}
        empty={EMPTY[status]}
        scroll={{ x: 1500 }}
      />
      {dialog?.kind === 'accept' ? (
        <AcceptIntakeModal item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'legalAid' ? (
        <AcceptLegalAidModal item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'reject' ? (
        <RejectIntakeModal item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
    </>
  )
}
