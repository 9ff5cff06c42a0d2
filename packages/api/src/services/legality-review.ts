// 合法性审查 register (issue 4; office peacetime duty ①, sub-item “开展重大事项合法性审查及档案整理”):
// a town's major decision or normative document is sent to the office for review; the office gives
// its opinion (合法 / 不合法 / 修改后合法) by the requested deadline. Each review produces a task for
// its reviewer, finished when the opinion is recorded.
import { appendAudit } from '../audit/audit.ts'
import type { LegalityOpinion, LegalityReviewTable } from '../db/registers-types.ts'
import type { User } from '../repos/users.ts'
import { newId, shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, notFound } from '../trpc/errors.ts'
import {
  auditContext,
  badField,
  changesOf,
  createRegisterTask,
  exportWorkbook,
  finishTask,
  historyOf,
  moveTaskDue,
  REGISTER_EXPORT_LIMIT,
  readScope,
  recordEvent,
  recordNumber,
  scopeOf,
  writableOffice,
} from './registers.ts'
import { endOfShanghaiDay, escapeCell } from './task-work.ts'
import { officeName, officeUnit } from './units.ts'

export const OPINIONS: ReadonlyArray<LegalityOpinion> = ['lawful', 'unlawful', 'lawful_after_changes']
export const OPINION_TEXT: Record<LegalityOpinion, string> = {
  lawful: '合法',
  unlawful: '不合法',
  lawful_after_changes: '修改后合法',
}
const DUTY = 'office.peacetime.1.2'
const WHAT = '合法性审查事项'

export interface LegalityReviewItem {
  readonly id: string
  readonly reviewNo: string
  readonly officeCode: string
  readonly officeName: string
  readonly documentTitle: string
  readonly requestingBody: string
  readonly receivedDate: string
  readonly deadline: string
  readonly status: 'pending' | 'concluded'
  readonly overdue: boolean
  readonly opinion: LegalityOpinion | null
  readonly opinionNote: string | null
  readonly concludedOn: string | null
  readonly reviewerId: string
  readonly reviewerName: string
  readonly taskId: string | null
  readonly version: number
}

type Row = LegalityReviewTable & { reviewer_name: string }

const toItem = (ctx: Context, r: Row, today: string): LegalityReviewItem => ({
  ...toListItem(ctx, r, today),
  receivedDate: r.received_date,
  opinionNote: r.opinion_note,
  concludedOn: r.concluded_on,
  reviewerId: r.reviewer_id,
  taskId: r.task_id,
  version: Number(r.version),
})

export interface LegalityFilter {
  readonly status?: 'pending' | 'concluded' | undefined
  readonly opinion?: LegalityOpinion | undefined
  readonly officeCode?: string | undefined
  readonly overdue?: boolean | undefined
}

/** The rows a user may read that pass the filter, with their reviewer (nothing selected yet). */
const matching = (ctx: Context, user: User, f: LegalityFilter) => {
  const scope = readScope(user)
  if (scope === null) return null
  let q = ctx.deps.db
    .selectFrom('legality_reviews')
    .innerJoin('users', 'users.id', 'legality_reviews.reviewer_id')
    .where(scopeOf('legality_reviews', scope))
  if (f.status) q = q.where('legality_reviews.status', '=', f.status)
  if (f.opinion) q = q.where('legality_reviews.opinion', '=', f.opinion)
  if (f.officeCode) q = q.where('legality_reviews.office_code', '=', f.officeCode)
  if (f.overdue)
    q = q
      .where('legality_reviews.status', '=', 'pending')
      .where('legality_reviews.deadline', '<', shanghaiDate(ctx.deps.clock()))
  return q
}

const filtered = (ctx: Context, user: User, f: LegalityFilter) =>
  matching(ctx, user, f)?.selectAll('legality_reviews').select('users.display_name as reviewer_name') ?? null

/** What the register's list shows (issue 15: lean pages); everything else comes from `getLegalityReview`. */
export interface LegalityReviewListItem {
  readonly id: string
  readonly reviewNo: string
  readonly officeCode: string
  readonly officeName: string
  readonly documentTitle: string
  readonly requestingBody: string
  readonly deadline: string
  readonly status: 'pending' | 'concluded'
  readonly overdue: boolean
  readonly opinion: LegalityOpinion | null
  readonly reviewerName: string
}

type ListRow = Pick<
  Row,
  | 'id'
  | 'review_no'
  | 'office_code'
  | 'document_title'
  | 'requesting_body'
  | 'deadline'
  | 'status'
  | 'opinion'
> & { reviewer_name: string }

const toListItem = (ctx: Context, r: ListRow, today: string): LegalityReviewListItem => ({
  id: r.id,
  reviewNo: r.review_no,
  officeCode: r.office_code,
  officeName: officeName(ctx.deps.org, r.office_code),
  documentTitle: r.document_title,
  requestingBody: r.requesting_body,
  deadline: r.deadline,
  status: r.status,
  overdue: r.status === 'pending' && today > r.deadline,
  opinion: r.opinion,
  reviewerName: r.reviewer_name,
})

export const listLegalityReviews = async (
  ctx: Context,
  user: User,
  input: LegalityFilter & { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ReadonlyArray<LegalityReviewListItem>; nextCursor: string | null }> => {
  const limit = input.limit ?? 50
  let q = matching(ctx, user, input)
  if (q === null) return { items: [], nextCursor: null }
  if (input.cursor) q = q.where('legality_reviews.id', '<', input.cursor)
  const rows = await q
    .select([
      'legality_reviews.id',
      'legality_reviews.review_no',
      'legality_reviews.office_code',
      'legality_reviews.document_title',
      'legality_reviews.requesting_body',
      'legality_reviews.deadline',
      'legality_reviews.status',
      'legality_reviews.opinion',
      'users.display_name as reviewer_name',
    ])
    .orderBy('legality_reviews.id', 'desc')
    .limit(limit)
    .execute()
  const today = shanghaiDate(ctx.deps.clock())
  const last = rows.at(-1)
  return {
    items: rows.map((r) => toListItem(ctx, r, today)),
    nextCursor: rows.length === limit && last ? last.id : null,
  }
}

const findInScope = async (ctx: Context, user: User, id: string): Promise<Row> => {
  const q = filtered(ctx, user, {})
  const row = q ? await q.where('legality_reviews.id', '=', id).executeTakeFirst() : undefined
  if (!row) throw notFound(WHAT)
  return row
}

export const getLegalityReview = async (ctx: Context, user: User, id: string) => {
  const row = await findInScope(ctx, user, id)
  return {
    ...toItem(ctx, row, shanghaiDate(ctx.deps.clock())),
    history: await historyOf(ctx.deps.db, id),
  }
}

export const createLegalityReview = async (
  ctx: Context,
  user: User,
  input: {
    officeCode?: string | undefined
    documentTitle: string
    requestingBody: string
    receivedDate: string
    deadline: string
    reviewerId: string
  },
): Promise<{ id: string; reviewNo: string; taskId: string }> => {
  const office = writableOffice(ctx, user, input.officeCode, '只有司法所长可以登记合法性审查事项')
  const { deps } = ctx
  const now = deps.clock()
  const at = now.toISOString()
  const today = shanghaiDate(now)
  if (input.receivedDate > today) throw badField('receivedDate', '收到日期不能晚于今天')
  if (input.deadline < input.receivedDate) throw badField('deadline', '审查期限不能早于收到日期')
  const id = newId()
  const reviewNo = recordNumber('HF', today)
  const audit = auditContext(ctx, user, now)
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('legality_reviews')
      .values({
        id,
        review_no: reviewNo,
        office_code: office,
        area_code: deps.org.areaOfOffice(office),
        document_title: input.documentTitle,
        requesting_body: input.requestingBody,
        received_date: input.receivedDate,
        deadline: input.deadline,
        status: 'pending',
        opinion: null,
        opinion_note: null,
        concluded_on: null,
        reviewer_id: input.reviewerId,
        task_id: null,
        created_by: user.id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute()
    // createTask checks the reviewer works in the office's area (一定五动).
    const taskId = await createRegisterTask(
      trx,
      deps,
      {
        unit: { kind: 'office', code: office },
        dutyCode: DUTY,
        title: `合法性审查：${input.documentTitle}`,
        description: `提请单位：${input.requestingBody}；收到日期：${input.receivedDate}；审查编号：${reviewNo}`,
        dueAt: endOfShanghaiDay(input.deadline),
        assigneeIds: [input.reviewerId],
        source: 'manual',
        sourceId: id,
        createdBy: user.id,
      },
      audit,
      'reviewerId',
    )
    await trx.updateTable('legality_reviews').set({ task_id: taskId }).where('id', '=', id).execute()
    await recordEvent(trx, 'legalityReview', id, at, user.id, 'received')
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: 'legalityReview.create',
      unit: officeUnit(deps.org, office),
      subjectType: 'legalityReview',
      subjectId: id,
      after: { reviewNo, documentTitle: input.documentTitle, deadline: input.deadline, taskId },
    })
    return { id, reviewNo, taskId }
  })
}

export const updateLegalityReview = async (
  ctx: Context,
  user: User,
  input: {
    id: string
    version: number
    action: 'edit' | 'conclude'
    documentTitle?: string | undefined
    requestingBody?: string | undefined
    deadline?: string | undefined
    opinion?: LegalityOpinion | undefined
    opinionNote?: string | undefined
  },
): Promise<{ ok: true }> => {
  const row = await findInScope(ctx, user, input.id)
  writableOffice(ctx, user, row.office_code, '只有司法所长可以办理合法性审查事项')
  if (row.status !== 'pending') throw conflict('该审查已出具意见，不能再修改', 'LegalityReviewClosed')
  if (Number(row.version) !== input.version) throw conflict('该审查事项已被他人修改，请刷新后重试')
  const { deps } = ctx
  const now = deps.clock()
  const at = now.toISOString()
  const set: Partial<LegalityReviewTable> = {}
  if (input.action === 'edit') {
    if (input.documentTitle) set.document_title = input.documentTitle
    if (input.requestingBody) set.requesting_body = input.requestingBody
    if (input.deadline) {
      if (input.deadline < row.received_date) throw badField('deadline', '审查期限不能早于收到日期')
      set.deadline = input.deadline
    }
  } else {
    if (!input.opinion) throw badField('opinion', '请选择审查意见')
    if (input.opinion !== 'lawful' && !input.opinionNote)
      throw badField('opinionNote', '不合法或修改后合法的，请写明理由和修改意见')
    set.status = 'concluded'
    set.opinion = input.opinion
    set.opinion_note = input.opinionNote ?? null
    set.concluded_on = shanghaiDate(now)
  }
  const { reviewer_name: _name, ...stored } = row
  const changes = changesOf(stored, set)
  if (Object.keys(changes).length === 0) throw badField('documentTitle', '没有需要保存的修改')
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('legality_reviews')
      .set({ ...set, updated_at: at, version: Number(row.version) + 1 })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw conflict('该审查事项已被他人修改，请刷新后重试')
    await recordEvent(trx, 'legalityReview', row.id, at, user.id, input.action, changes)
    if (set.deadline) await moveTaskDue(trx, row.task_id, endOfShanghaiDay(set.deadline), user.id, at)
    if (set.opinion)
      await finishTask(trx, row.task_id, user.id, at, `已出具审查意见：${OPINION_TEXT[set.opinion]}`)
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: `legalityReview.${input.action}`,
      unit: officeUnit(deps.org, row.office_code),
      subjectType: 'legalityReview',
      subjectId: row.id,
      before: Object.fromEntries(Object.entries(changes).map(([k, [b]]) => [k, b])),
      after: Object.fromEntries(Object.entries(changes).map(([k, [, a]]) => [k, a])),
    })
  })
  return { ok: true }
}

export const exportLegalityReviews = async (ctx: Context, user: User, input: LegalityFilter) => {
  const q = filtered(ctx, user, input)
  const rows =
    q === null ? [] : await q.orderBy('legality_reviews.id', 'desc').limit(REGISTER_EXPORT_LIMIT).execute()
  const today = shanghaiDate(ctx.deps.clock())
  return exportWorkbook(ctx, user, {
    register: 'legalityReview',
    title: '合法性审查登记',
    filters: { ...input },
    columns: [
      { header: '审查编号', key: 'no', width: 20 },
      { header: '司法所', key: 'office', width: 14 },
      { header: '文件（事项）名称', key: 'title', width: 40 },
      { header: '提请单位', key: 'body', width: 20 },
      { header: '收到日期', key: 'received', width: 12 },
      { header: '审查期限', key: 'deadline', width: 12 },
      { header: '审查意见', key: 'opinion', width: 12 },
      { header: '意见说明', key: 'note', width: 40 },
      { header: '出具日期', key: 'concluded', width: 12 },
      { header: '审查人员', key: 'reviewer', width: 14 },
    ],
    rows: rows.map((r) => {
      const i = toItem(ctx, r, today)
      return {
        no: i.reviewNo,
        office: i.officeName,
        title: escapeCell(i.documentTitle),
        body: escapeCell(i.requestingBody),
        received: i.receivedDate,
        deadline: i.deadline,
        opinion: i.opinion ? OPINION_TEXT[i.opinion] : i.overdue ? '待审查（已逾期）' : '待审查',
        note: escapeCell(i.opinionNote ?? ''),
        concluded: i.concludedOn ?? '',
        reviewer: i.reviewerName,
      }
    }),
  })
}
