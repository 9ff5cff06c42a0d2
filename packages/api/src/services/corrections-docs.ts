// Word documents of community corrections (issue 5): the content is gathered here from the record as
// neutral blocks; corrections-docx.ts lays them out as an official document (GB/T 9704) with docx.
import { CORRECTION_TYPE_LABELS, LEAVE_LEVEL_LABELS } from '@pingzhan/domain'
import { appendAudit } from '../audit/audit.ts'
import { decryptField } from '../crypto/keys.ts'
import { eventsOfSupervisee, findLeave, findSuperviseeInScope, idNumberCipher } from '../repos/supervisees.ts'
import type { User } from '../repos/users.ts'
import type { Context } from '../trpc/context.ts'
import { fail, notFound } from '../trpc/errors.ts'
import { caseScopeOf } from './supervisees.ts'
import { auditActor, officeName, squadName } from './units.ts'

export interface ParaOptions {
  readonly indent?: boolean
  readonly align?: 'left' | 'right' | 'center'
}

/** One block of a document: its title, a paragraph, or a two-column form table. */
export type DocBlock =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'para'; readonly text: string; readonly options?: ParaOptions }
  | { readonly kind: 'table'; readonly rows: ReadonlyArray<readonly [string, string]> }

const title = (text: string): DocBlock => ({ kind: 'title', text })
const para = (text: string, options?: ParaOptions): DocBlock =>
  options ? { kind: 'para', text, options } : { kind: 'para', text }
const formTable = (rows: ReadonlyArray<readonly [string, string]>): DocBlock => ({ kind: 'table', rows })

const cn = (date: string | null): string =>
  date ? `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日` : '____年__月__日'

export type DocumentKind = 'leaveApproval' | 'intakeAnnouncement' | 'dischargeCertificate'

export const DOCUMENT_TITLES: Readonly<Record<DocumentKind, string>> = {
  leaveApproval: '社区矫正对象外出审批表',
  intakeAnnouncement: '社区矫正宣告记录（入矫）',
  dischargeCertificate: '解除社区矫正证明书',
}

/** Builds the document from the record; audited (the certificate carries the full ID number). */
export const generateDocument = async (
  ctx: Context,
  user: User,
  input: { id: string; kind: DocumentKind; leaveId?: string | undefined },
): Promise<{ filename: string; base64: string }> => {
  const { deps } = ctx
  const row = await findSuperviseeInScope(deps.db, caseScopeOf(user), input.id)
  if (row === null) throw notFound('社区矫正对象')
  const bureau = deps.org.config.bureau.name
  const office = officeName(deps.org, row.office_code)
  const town = deps.org.town(row.town_code)?.name ?? row.town_code
  const sex = row.sex === 'F' ? '女' : '男'
  const type = CORRECTION_TYPE_LABELS[row.correction_type]
  const events = await eventsOfSupervisee(deps.db, row.id)
  let children: DocBlock[]
  switch (input.kind) {
    case 'leaveApproval': {
      const leave = input.leaveId ? await findLeave(deps.db, input.leaveId) : undefined
      if (!leave || leave.supervisee_id !== row.id) throw notFound('外出申请')
      const decider = leave.decided_by
        ? ((
            await deps.db
              .selectFrom('users')
              .select('display_name')
              .where('id', '=', leave.decided_by)
              .executeTakeFirst()
          )?.display_name ?? '')
        : ''
      const status =
        leave.status === 'approved' ? '同意外出' : leave.status === 'rejected' ? '不同意外出' : '（待审批）'
      children = [
        title(DOCUMENT_TITLES.leaveApproval),
        formTable([
          ['姓名', row.name],
          ['性别', sex],
          ['出生日期', cn(row.birth_date)],
          ['矫正类别', type],
          ['矫正期限', `${cn(row.term_start)}至${cn(row.term_end)}`],
          ['居住地', `${town}（${office}）`],
          ['外出时间', `${cn(leave.from_date)}至${cn(leave.to_date)}，共${leave.days}日`],
          ['外出目的地', leave.destination],
          ['外出事由', leave.reason],
          ['申请日期', cn(leave.applied_on)],
          ['审批层级', `${LEAVE_LEVEL_LABELS[leave.level]}。${leave.route_reason}`],
          ['审批意见', `${status}${leave.decision_note ? `。${leave.decision_note}` : ''}`],
          ['审批人', decider],
          ['审批日期', leave.decided_at ? cn(leave.decided_at.slice(0, 10)) : ''],
          [
            '备案',
            Number(leave.filed_with_county) === 1
              ? `已报${bureau}社区矫正机构备案`
              : leave.level === 'office'
                ? '待备案'
                : '不适用',
          ],
        ]),
        para('依据：《中华人民共和国社区矫正法》第二十七条。', { indent: false }),
      ]
      break
    }
    case 'intakeAnnouncement': {
      const reported = events.find((e) => e.kind === 'reported')
      const announced = events.find((e) => e.kind === 'intakeAnnounced')
      if (!reported) throw fail('CONFLICT', 'CaseStateInvalid', '对象尚未报到，不能生成入矫宣告记录')
      const team = (JSON.parse(row.team_json) as Array<{ name: string; role: string }>)
        .map((m) => `${m.name}（${m.role}）`)
        .join('、')
      children = [
        title(DOCUMENT_TITLES.intakeAnnouncement),
        formTable([
          ['宣告时间', cn(announced?.on_date ?? null)],
          ['宣告地点', office],
          ['主持人', squadName(deps.org, row.area_code)],
          ['社区矫正对象', `${row.name}，${sex}，${cn(row.birth_date)}出生`],
          ['矫正类别', type],
          ['矫正期限', `${cn(row.term_start)}起至${cn(row.term_end)}止`],
          ['报到日期', cn(reported.on_date)],
          ['矫正小组', team || '（未确定）'],
          ['禁止令', (JSON.parse(row.prohibition_orders) as string[]).join('；') || '无'],
        ]),
        para(
          `宣告内容：判决、裁定、决定书的主要内容；社区矫正期限；社区矫正对象应当遵守的规定、被剥夺或者限制行使的权利、违反规定的法律后果、可以享有的权利；矫正小组人员组成及职责等（《中华人民共和国社区矫正法》第二十二条）。`,
        ),
        para('社区矫正对象签名：__________        宣告人签名：__________', { indent: false }),
      ]
      break
    }
    case 'dischargeCertificate': {
      if (row.status !== 'discharged')
        throw fail('CONFLICT', 'CaseStateInvalid', '对象尚未解除社区矫正，不能出具证明书')
      const discharged = events.find((e) => e.kind === 'discharged')
      const cipher = await idNumberCipher(deps.db, row.id)
      const idNumber = cipher ? decryptField(deps.keys, cipher) : row.id_number_masked
      children = [
        title(DOCUMENT_TITLES.dischargeCertificate),
        para(`${row.name}，${sex}，${cn(row.birth_date)}出生，公民身份号码${idNumber}，居住地${town}。`),
        para(
          `该社区矫正对象（${type}）社区矫正期限自${cn(row.term_start)}起至${cn(row.term_end)}止。矫正期满，依照《中华人民共和国社区矫正法》第四十四条的规定，自${cn(discharged?.on_date ?? row.term_end)}起解除社区矫正。`,
        ),
        para('特此证明。'),
        para(''),
        para(bureau, { align: 'right', indent: false }),
        para(cn(discharged?.on_date ?? null), { align: 'right', indent: false }),
        para('抄送：作出判决、裁定、决定的机关，人民检察院，公安机关。', { indent: false }),
      ]
      break
    }
  }
  const { renderDocx } = await import('./corrections-docx.ts')
  const buffer = await renderDocx(children)
  await deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, deps.keys, {
      correlationId: ctx.req.correlationId,
      ip: ctx.req.ip,
      at: deps.clock(),
      actor: auditActor(user),
      action: 'supervisee.document',
      unit: { code: row.area_code, name: squadName(deps.org, row.area_code), area: row.area_code },
      subjectType: 'supervisee',
      subjectId: row.id,
      after: { kind: input.kind, leaveId: input.leaveId ?? null },
    })
  })
  return {
    filename: `${DOCUMENT_TITLES[input.kind]}-${row.name}.docx`,
    base64: Buffer.from(buffer).toString('base64'),
  }
}
