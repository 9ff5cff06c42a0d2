import { errorMessage, fieldErrors } from '@pingzhan/api/client'
import { useMutation } from '@tanstack/react-query'
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useMe } from '../lib/session.tsx'
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../lib/trpc.ts'

type Detail = RouterOutputs['supervisee']['get']
type Member = Detail['team'][number]
type TeamInput = RouterInputs['supervisee']['setTeam']
type MemberInput = { name: string; role: string; sex: 'M' | 'F'; familiarWithMinors?: boolean }

const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '请按“年-月-日”填写，如 2026-11-26' }
/** Common members of a correction team (社区矫正法25); the API accepts any 身份 of 1–30 characters. */
const ROLES = [
  '司法所工作人员',
  '村（居）委会人员',
  '监护人',
  '家庭成员',
  '所在单位人员',
  '社会工作者',
  '志愿者',
].map((value) => ({ value }))
const SEX_OPTIONS = [
  { value: 'M', label: '男' },
  { value: 'F', label: '女' },
]

const refresh = async () => {
  await queryClient.invalidateQueries({ queryKey: trpc.supervisee.pathKey() })
  await queryClient.invalidateQueries({ queryKey: trpc.deadline.warnings.queryKey() })
}

/** Squad staff of the area and the brigade may work a case (services/supervisees.ts forWork → mayWorkCases). */
const useWorks = () => {
  const me = useMe()
  return me.role === 'squadLeader' || me.role === 'squadMember' || me.role === 'brigadeLeader'
}

function TeamModal({ s, open, onClose }: { s: Detail; open: boolean; onClose: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ team: MemberInput[] }>()
  const act = useMutation({
    ...trpc.supervisee.setTeam.mutationOptions(),
    onSuccess: async () => {
      void message.success('已保存矫正小组')
      await refresh()
      onClose()
    },
    onError: (err) => {
      const fields = fieldErrors(err)
      if (fields.team) form.setFields([{ name: 'team', errors: [fields.team] }])
    },
  })
  const initial: MemberInput[] =
    s.team.length > 0
      ? s.team.map((m) => ({ ...m }))
      : [
          { name: '', role: '司法所工作人员', sex: 'M', familiarWithMinors: false },
          { name: '', role: '家庭成员', sex: 'M', familiarWithMinors: false },
        ]
  const submit = (v: { team?: MemberInput[] }) => {
    const team: TeamInput['team'] = (v.team ?? []).map((m) => ({
      name: m.name.trim(),
      role: m.role.trim(),
      sex: m.sex,
      familiarWithMinors: m.familiarWithMinors === true,
    }))
    act.mutate({ id: s.id, version: s.version, team })
  }
  return (
    <Modal
      title="编辑矫正小组"
      open={open}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      width={760}
      confirmLoading={act.isPending}
      onOk={() => void form.validateFields().then(submit)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {s.sex === 'F' ? '女性社区矫正对象的矫正小组应当有女性成员（社区矫正法第25条）。' : ''}
        {s.minor ? '未成年社区矫正对象的矫正小组应当有熟悉未成年人身心特点的人员（社区矫正法第52条）。' : ''}
        矫正小组至少两人，最多十二人。
      </Typography.Paragraph>
      {act.isError ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorMessage(act.error)} />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ team: initial }}>
        <Form.List
          name="team"
          rules={[
            {
              validator: async (_r, v?: unknown[]) => {
                if (!v || v.length < 1 || v.length > 12) throw new Error('矫正小组成员应为 1–12 人')
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="start" wrap>
                  <Form.Item
                    name={[f.name, 'name']}
                    label={`成员${i + 1} 姓名`}
                    rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
                  >
                    <Input maxLength={30} aria-label={`成员${i + 1} 姓名`} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'role']}
                    label="身份"
                    rules={[{ required: true, whitespace: true, message: '请填写身份' }]}
                  >
                    <AutoComplete
                      options={ROLES}
                      maxLength={30}
                      aria-label={`成员${i + 1} 身份`}
                      style={{ width: 170 }}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'sex']}
                    label="性别"
                    rules={[{ required: true, message: '请选择性别' }]}
                  >
                    <Select options={SEX_OPTIONS} aria-label={`成员${i + 1} 性别`} style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'familiarWithMinors']} label=" " valuePropName="checked">
                    <Checkbox>熟悉未成年人身心特点</Checkbox>
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button danger type="link" onClick={() => remove(f.name)} disabled={fields.length <= 1}>
                      删除成员{i + 1}
                    </Button>
                  </Form.Item>
                </Flex>
              ))}
              <Button
                type="dashed"
                block
                disabled={fields.length >= 12}
                onClick={() => add({ name: '', role: '', sex: 'M', familiarWithMinors: false })}
              >
                添加成员
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  )
}

/** 矫正小组 (社区矫正法25, 52): the current members and, for squad staff and the brigade, the editor. */
export function TeamCard({ s }: { s: Detail }) {
  const works = useWorks()
  const [open, setOpen] = useState(false)
  const columns: TableColumnsType<Member> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '身份', dataIndex: 'role' },
    { title: '性别', dataIndex: 'sex', render: (v: Member['sex']) => (v === 'F' ? '女' : '男') },
    {
      title: '熟悉未成年人身心特点',
      dataIndex: 'familiarWithMinors',
      render: (v: boolean) => (v ? <Tag color="purple">是</Tag> : '否'),
    },
  ]
  const editable = works && (s.status === 'pending' || s.status === 'active')
  return (
    <Card
      title="矫正小组"
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        editable ? (
          <Button size="small" onClick={() => setOpen(true)}>
            编辑矫正小组
          </Button>
        ) : null
      }
    >
      <Table<Member>
        rowKey={(m) => `${m.name}-${m.role}`}
        size="small"
        columns={columns}
        dataSource={[...s.team]}
        pagination={false}
        locale={{ emptyText: '尚未确定矫正小组' }}
      />
      {open ? <TeamModal s={s} open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  )
}

function PlanModal({ s, open, onClose }: { s: Detail; open: boolean; onClose: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ on: string; note: string }>()
  const act = useMutation({
    ...trpc.supervisee.recordEvent.mutationOptions(),
    onSuccess: async () => {
      void message.success('已记录矫正方案')
      await refresh()
      onClose()
    },
    onError: (err) => {
      const fields = fieldErrors(err)
      form.setFields(
        Object.entries(fields)
          .filter(([name]) => name === 'on' || name === 'note')
          .map(([name, msg]) => ({ name: name as 'on' | 'note', errors: [msg] })),
      )
    },
  })
  const latest = s.plans.at(-1)
  return (
    <Modal
      title={s.plans.length > 0 ? '调整矫正方案' : '制定矫正方案'}
      open={open}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      width={640}
      confirmLoading={act.isPending}
      onOk={() =>
        void form
          .validateFields()
          .then((v) => act.mutate({ id: s.id, kind: 'planMade', on: v.on, note: v.note.trim() }))
      }
      destroyOnHidden
    >
      {act.isError ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={errorMessage(act.error)} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ on: dayjs().format('YYYY-MM-DD'), note: latest?.text ?? '' }}
      >
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请填写日期' }, DATE_RULE]}>
          <Input placeholder="年-月-日" />
        </Form.Item>
        <Form.Item
          name="note"
          label="矫正方案内容"
          rules={[{ required: true, whitespace: true, message: '请填写矫正方案内容' }]}
        >
          <Input.TextArea rows={8} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 矫正方案: each 制定/调整 is a `planMade` event whose note is the plan; newest first. */
export function PlanCard({ s }: { s: Detail }) {
  const works = useWorks()
  const [open, setOpen] = useState(false)
  const editable = works && (s.status === 'pending' || s.status === 'active')
  const plans = [...s.plans].reverse()
  return (
    <Card
      title="矫正方案"
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        editable ? (
          <Button size="small" onClick={() => setOpen(true)}>
            制定/调整矫正方案
          </Button>
        ) : null
      }
    >
      {plans.length === 0 ? (
        <Typography.Text type="secondary">尚未制定矫正方案</Typography.Text>
      ) : (
        <Timeline
          items={plans.map((p, i) => ({
            key: p.version,
            color: i === 0 ? 'blue' : 'gray',
            children: (
              <div data-testid={`plan-v${p.version}`}>
                <Typography.Text strong>
                  第{p.version}版 · {p.on}
                </Typography.Text>
                {i === 0 ? <Tag style={{ marginLeft: 8 }}>现行</Tag> : null}
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {p.text}
                </Typography.Paragraph>
              </div>
            ),
          }))}
        />
      )}
      {open ? <PlanModal s={s} open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  )
}
