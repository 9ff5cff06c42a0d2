import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation, useQuery } from '@tanstack/react-query'
import { Alert, App, DatePicker, Descriptions, Form, Modal, Select, Tag } from 'antd'
import type { Dayjs } from 'dayjs'
import { formatDateTime } from '../lib/format.ts'
import { type IntakeItem, queryClient, trpc } from '../lib/trpc.ts'
import { assigneeOptions } from './intake-accept-modal.tsx'

type Values = { handlerId: string; missingMaterials?: string[]; materialsDue?: Dayjs }

const OUTCOME: Record<string, { label: string; color: string }> = {
  likely: { label: '初步判断：符合条件', color: 'green' },
  review: { label: '初步判断：需审查经济困难状况', color: 'gold' },
  unlikely: { label: '初步判断：可能不符合条件', color: 'red' },
}
const ROLE: Record<string, string> = {
  self: '本人申请',
  guardian: '监护人代为申请',
  relative: '近亲属代为申请',
}
const ECONOMY: Record<string, string> = { yes: '困难', no: '不困难', unsure: '说不清' }

/**
 * 受理为法律援助申请 (issue 14): the kiosk application enters the 法律援助 register as received on the day
 * of the kiosk receipt — 法律援助法43 counts the 7 days from receipt — with the resident's 法32/法42
 * grounds. Materials the resident did not bring are offered as the one-time notice of missing materials.
 */
export function AcceptLegalAidModal({ item, onClose }: { item: IntakeItem; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const assignees = useQuery(trpc.org.assignees.queryOptions({}))
  const la = item.legalAid
  const notBrought = (la?.materials ?? []).filter((m) => !m.brought).map((m) => m.text)
  const accept = useMutation({
    ...trpc.intake.acceptLegalAid.mutationOptions(),
    onSuccess: (r) => {
      void message.success(`已登记法律援助申请 ${r.caseNo}，决定期限 ${r.decisionDeadline}`)
      void queryClient.invalidateQueries({ queryKey: trpc.intake.pathKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.legalAid.pathKey() })
      void queryClient.invalidateQueries({ queryKey: trpc.task.pathKey() })
      onClose()
    },
    onError: (err) => {
      const fe = fieldErrors(err)
      form.setFields(
        (['handlerId', 'missingMaterials', 'materialsDue'] as const)
          .filter((n) => fe[n])
          .map((name) => ({ name, errors: [fe[name] ?? ''] })),
      )
    },
  })
  if (!la) return null
  return (
    <Modal
      open
      title="受理为法律援助申请"
      okText="登记到法律援助台账"
      cancelText="取消"
      confirmLoading={accept.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={720}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`收到申请的时间按自助终端提交时间（${formatDateTime(item.createdAt)}）计算`}
        description="法律援助法第四十三条：法律援助机构应当自收到申请之日起七日内作出决定。在队列中停留的时间计入七日期限；被羁押人员的申请应在提交后二十四小时内转交（第三十九条）。"
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'no', label: '受理编号', children: item.receiptNo },
          {
            key: 'who',
            label: '申请人',
            children: `${item.applicantName}（${item.idNumberMasked}，${item.phoneMasked}）`,
          },
          { key: 'role', label: '申请方式', children: ROLE[la.applicantRole] ?? la.applicantRole },
          ...(la.agentName
            ? [
                {
                  key: 'agent',
                  label: '代为申请人',
                  children: `${la.agentName}（${la.agentRelation ?? ''}，${la.agentIdNumberMasked ?? ''}）`,
                },
              ]
            : []),
          { key: 'matter', label: '援助事项', children: la.matterLabel },
          { key: 'summary', label: '简要情况', children: item.summary },
          {
            key: 'check',
            label: '终端初步判断',
            children: <Tag color={OUTCOME[la.outcome]?.color}>{OUTCOME[la.outcome]?.label}</Tag>,
          },
          ...(la.economicWaiverLabel
            ? [{ key: '32', label: '不受经济困难条件限制（第三十二条）', children: la.economicWaiverLabel }]
            : []),
          ...(la.hardshipWaiverLabel
            ? [{ key: '42', label: '免予核查经济困难（第四十二条）', children: la.hardshipWaiverLabel }]
            : []),
          ...(!la.economicWaiverLabel && !la.hardshipWaiverLabel
            ? [{ key: 'eco', label: '自述家庭经济状况', children: ECONOMY[la.economicHardship] }]
            : []),
          { key: 'detained', label: '是否被羁押', children: la.detained ? '是' : '否' },
          { key: 'counsel', label: '已委托律师或代理人', children: la.hasCounsel ? '是' : '否' },
          { key: 'urgent', label: '紧急情形（第四十四条）', children: la.urgent ? '是' : '否' },
          {
            key: 'materials',
            label: '材料清单',
            children: (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {la.materials.map((m) => (
                  <li key={m.code}>
                    {m.text} {m.brought ? <Tag color="green">已带来</Tag> : <Tag>未带</Tag>}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{ missingMaterials: [] }}
        onFinish={(v) =>
          accept.mutate({
            id: item.id,
            handlerId: v.handlerId,
            ...(v.missingMaterials && v.missingMaterials.length > 0
              ? { missingMaterials: v.missingMaterials, materialsDue: v.materialsDue?.format('YYYY-MM-DD') }
              : {}),
          })
        }
      >
        <Form.Item label="承办人员" name="handlerId" rules={[{ required: true, message: '请选择承办人员' }]}>
          <Select
            showSearch={{ optionFilterProp: 'search' }}
            loading={assignees.isLoading}
            options={assigneeOptions(assignees.data ?? [], item.officeName)}
            placeholder="本辖区中队工作人员或司法所长"
          />
        </Form.Item>
        <Form.Item
          label="需补充的材料（一次性告知，法律援助法第四十三条）"
          name="missingMaterials"
          extra={
            notBrought.length > 0
              ? '可从申请人未带的材料中选择，也可输入其他材料'
              : '申请人已带齐清单中的材料'
          }
        >
          <Select
            mode="tags"
            options={notBrought.map((t) => ({ value: t, label: t }))}
            placeholder="不需要补充则留空"
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {() =>
            (form.getFieldValue('missingMaterials') ?? []).length > 0 ? (
              <Form.Item
                label="补充材料截止日期"
                name="materialsDue"
                rules={[{ required: true, message: '请选择截止日期' }]}
              >
                <DatePicker />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        {accept.error ? <Alert type="error" showIcon title={errorMessage(accept.error)} /> : null}
      </Form>
    </Modal>
  )
}
