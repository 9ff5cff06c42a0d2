// 普法 register (issue 4; office peacetime duty ③, sub-item “开展辖区内法治宣传教育”): legal education
// events with date, place, audience, headcount, theme and photos. Photos reuse the field evidence rules
// (magic bytes decide the type, at most 600 KB each after compression; SECURITY.md uploads) and are
// served only through a scope check. Each event produces a task for its organiser, finished when the
// event is recorded as held.
import { appendAudit } from '../audit/audit.ts'
import type { LegalEducationEventTable } from '../db/registers-types.ts'
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
import { imageMime, MAX_PHOTO_BYTES } from './task-actions.ts'
import { endOfShanghaiDay, escapeCell } from './task-work.ts'
import { officeName, officeUnit } from './units.ts'

const DUTY = 'office.peacetime.3.2'
const WHAT = '普法活动'
/** Photos kept per event: enough for a record, bounded for the database. */
export const MAX_EVENT_PHOTOS = 9

export type EducationStatus = LegalEducationEventTable['status']

type Row = LegalEducationEventTable & { organiser_name: string }

export interface LegalEducationItem {
  readonly id: string
  readonly eventNo: string
  readonly officeCode: string
  readonly officeName: string
  readonly eventDate: string
  readonly place: string
  readonly audience: string
  readonly headcount: number
  readonly theme: string
  readonly status: EducationStatus
  readonly summary: string | null
  readonly organiserId: string
  readonly organiserName: string
  readonly taskId: string | null
  readonly version: number
}

const toItem = (ctx: Context, r: Row): LegalEducationItem => ({
  ...toListItem(ctx, r),
  summary: r.summary,
  organiserId: r.organiser_id,
  organiserName: r.organiser_name,
  taskId: r.task_id,
  version: Number(r.version),
})

export interface EducationFilter {
  readonly status?: EducationStatus | undefined
  readonly officeCode?: string | undefined
  readonly from?: string | undefined
  readonly to?: string | undefined
}

/** The events a user may read that pass the filter (nothing selected yet). */
const matching = (ctx: Context, user: User, f: EducationFilter) => {
  const scope = readScope(user)
  if (scope === null) return null
  let q = ctx.deps.db.selectFrom('legal_education_events').where(scopeOf('legal_education_events', scope))
  if (f.status) q = q.where('legal_education_events.status', '=', f.status)
  if (f.officeCode) q = q.where('legal_education_events.office_code', '=', f.officeCode)
  if (f.from) q = q.where('legal_education_events.event_date', '>=', f.from)
  if (f.to) q = q.where('legal_education_events.event_date', '<=', f.to)
  return q
}

const filtered = (ctx: Context, user: User, f: EducationFilter) =>
  matching(ctx, user, f)
    ?.innerJoin('users', 'users.id', 'legal_education_events.organiser_id')
    .selectAll('legal_education_events')
    .select('users.display_name as organiser_name') ?? null

/** What the register's list shows (issue 15: lean pages); everything else comes from `getLegalEducation`. */
export interface LegalEducationListItem {
  readonly id: string
  readonly eventNo: string
  readonly officeCode: string
  readonly officeName: string
  readonly eventDate: string
  readonly place: string
  readonly audience: string
  readonly headcount: number
  readonly theme: string
  readonly status: EducationStatus
}

const LIST_COLUMNS = [
  'id',
  'event_no',
  'office_code',
  'event_date',
  'place',
  'audience',
  'headcount',
  'theme',
  'status',
] as const satisfies ReadonlyArray<keyof LegalEducationEventTable>

const toListItem = (
  ctx: Context,
  r: Pick<LegalEducationEventTable, (typeof LIST_COLUMNS)[number]>,
): LegalEducationListItem => ({
  id: r.id,
  eventNo: r.event_no,
  officeCode: r.office_code,
  officeName: officeName(ctx.deps.org, r.office_code),
  eventDate: r.event_date,
  place: r.place,
  audience: r.audience,
  headcount: Number(r.headcount),
  theme: r.theme,
  status: r.status,
})

export const listLegalEducation = async (
  ctx: Context,
  user: User,
  input: EducationFilter & { cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ReadonlyArray<LegalEducationListItem>; nextCursor: string | null }> => {
  const limit = input.limit ?? 50
  let q = matching(ctx, user, input)
  if (q === null) return { items: [], nextCursor: null }
  if (input.cursor) q = q.where('legal_education_events.id', '<', input.cursor)
  const rows = await q
    .select(LIST_COLUMNS)
    .orderBy('legal_education_events.id', 'desc')
    .limit(limit)
    .execute()
  const last = rows.at(-1)
  return {
    items: rows.map((r) => toListItem(ctx, r)),
    nextCursor: rows.length === limit && last ? last.id : null,
  }
}

const findInScope = async (ctx: Context, user: User, id: string): Promise<Row> => {
  const q = filtered(ctx, user, {})
  const row = q ? await q.where('legal_education_events.id', '=', id).executeTakeFirst() : undefined
  if (!row) throw notFound(WHAT)
  return row
}

export const getLegalEducation = async (ctx: Context, user: User, id: string) => {
  const row = await findInScope(ctx, user, id)
  const photos = await ctx.deps.db
    .selectFrom('legal_education_photos')
    .innerJoin('users', 'users.id', 'legal_education_photos.uploaded_by')
    .select([
      'legal_education_photos.id',
      'legal_education_photos.mime',
      'legal_education_photos.bytes',
      'legal_education_photos.uploaded_at',
      'users.display_name',
    ])
    .where('legal_education_photos.event_id', '=', id)
    .orderBy('legal_education_photos.id')
    .execute()
  return {
    ...toItem(ctx, row),
    photos: photos.map((p) => ({
      id: p.id,
      mime: p.mime,
      bytes: Number(p.bytes),
      uploadedAt: p.uploaded_at,
      uploadedByName: p.display_name,
    })),
    history: await historyOf(ctx.deps.db, id),
  }
}

export const createLegalEducation = async (
  ctx: Context,
  user: User,
  input: {
    officeCode?: string | undefined
    eventDate: string
    place: string
    audience: string
    headcount: number
    theme: string
    organiserId: string
  },
): Promise<{ id: string; eventNo: string; taskId: string }> => {
  const office = writableOffice(ctx, user, input.officeCode, '只有司法所长可以登记普法活动')
  const { deps } = ctx
  const now = deps.clock()
  const at = now.toISOString()
  const id = newId()
  const eventNo = recordNumber('PF', shanghaiDate(now))
  const audit = auditContext(ctx, user, now)
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('legal_education_events')
      .values({
        id,
        event_no: eventNo,
        office_code: office,
        area_code: deps.org.areaOfOffice(office),
        event_date: input.eventDate,
        place: input.place,
        audience: input.audience,
        headcount: input.headcount,
        theme: input.theme,
        status: 'planned',
        summary: null,
        organiser_id: input.organiserId,
        task_id: null,
        created_by: user.id,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .execute()
    const taskId = await createRegisterTask(
      trx,
      deps,
      {
        unit: { kind: 'office', code: office },
        dutyCode: DUTY,
        title: `普法活动：${input.theme}`,
        description: `${input.eventDate} 在${input.place}面向${input.audience}开展，预计 ${input.headcount} 人；活动编号：${eventNo}`,
        dueAt: endOfShanghaiDay(input.eventDate),
        assigneeIds: [input.organiserId],
        source: 'manual',
        sourceId: id,
        createdBy: user.id,
      },
      audit,
      'organiserId',
    )
    await trx.updateTable('legal_education_events').set({ task_id: taskId }).where('id', '=', id).execute()
    await recordEvent(trx, 'legalEducation', id, at, user.id, 'planned')
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: 'legalEducation.create',
      unit: officeUnit(deps.org, office),
      subjectType: 'legalEducation',
      subjectId: id,
      after: { eventNo, eventDate: input.eventDate, theme: input.theme, taskId },
    })
    return { id, eventNo, taskId }
  })
}

export const updateLegalEducation = async (
  ctx: Context,
  user: User,
  input: {
    id: string
    version: number
    action: 'edit' | 'hold'
    eventDate?: string | undefined
    place?: string | undefined
    audience?: string | undefined
    headcount?: number | undefined
    theme?: string | undefined
    summary?: string | undefined
  },
): Promise<{ ok: true }> => {
  const row = await findInScope(ctx, user, input.id)
  writableOffice(ctx, user, row.office_code, '只有司法所长可以修改普法活动')
  if (Number(row.version) !== input.version) throw conflict('该活动已被他人修改，请刷新后重试')
  const { deps } = ctx
  const now = deps.clock()
  const at = now.toISOString()
  const today = shanghaiDate(now)
  const set: Partial<LegalEducationEventTable> = {}
  if (input.eventDate) {
    if (row.status === 'held' && input.eventDate > today)
      throw badField('eventDate', '已开展的活动日期不能晚于今天')
    set.event_date = input.eventDate
  }
  if (input.place) set.place = input.place
  if (input.audience) set.audience = input.audience
  if (input.headcount !== undefined) set.headcount = input.headcount
  if (input.theme) set.theme = input.theme
  if (input.summary) set.summary = input.summary
  if (input.action === 'hold') {
    if (row.status === 'held') throw conflict('该活动已登记为已开展', 'LegalEducationHeld')
    if ((set.event_date ?? row.event_date) > today)
      throw badField('eventDate', '活动日期未到，不能登记为已开展')
    if (!input.summary) throw badField('summary', '请填写活动开展情况')
    set.status = 'held'
  }
  const { organiser_name: _name, ...stored } = row
  const changes = changesOf(stored, set)
  if (Object.keys(changes).length === 0) throw badField('theme', '没有需要保存的修改')
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('legal_education_events')
      .set({ ...set, updated_at: at, version: Number(row.version) + 1 })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw conflict('该活动已被他人修改，请刷新后重试')
    await recordEvent(trx, 'legalEducation', row.id, at, user.id, input.action, changes)
    if (set.event_date && row.status === 'planned')
      await moveTaskDue(trx, row.task_id, endOfShanghaiDay(set.event_date), user.id, at)
    if (set.status === 'held')
      await finishTask(
        trx,
        row.task_id,
        user.id,
        at,
        `普法活动已开展，参加 ${set.headcount ?? row.headcount} 人`,
      )
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: `legalEducation.${input.action}`,
      unit: officeUnit(deps.org, row.office_code),
      subjectType: 'legalEducation',
      subjectId: row.id,
      before: Object.fromEntries(Object.entries(changes).map(([k, [b]]) => [k, b])),
      after: Object.fromEntries(Object.entries(changes).map(([k, [, a]]) => [k, a])),
    })
  })
  return { ok: true }
}

export const addLegalEducationPhoto = async (
  ctx: Context,
  user: User,
  input: { id: string; photo: string },
): Promise<{ photoId: string }> => {
  const row = await findInScope(ctx, user, input.id)
  writableOffice(ctx, user, row.office_code, '只有司法所长可以上传普法活动照片')
  const bytes = Buffer.from(input.photo, 'base64')
  if (bytes.length > MAX_PHOTO_BYTES) throw badField('photo', '照片过大（压缩后不超过 600 KB）')
  const mime = imageMime(bytes)
  if (mime === null) throw badField('photo', '只能上传 JPEG、PNG 或 WebP 照片')
  const { deps } = ctx
  const now = deps.clock()
  const at = now.toISOString()
  const photoId = newId()
  await deps.db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom('legal_education_photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', row.id)
      .executeTakeFirstOrThrow()
    if (Number(count.n) >= MAX_EVENT_PHOTOS)
      throw badField('photo', `每次活动最多保存 ${MAX_EVENT_PHOTOS} 张照片`)
    await trx
      .insertInto('legal_education_photos')
      .values({
        id: photoId,
        event_id: row.id,
        mime,
        data: bytes.toString('base64'),
        bytes: bytes.length,
        uploaded_by: user.id,
        uploaded_at: at,
      })
      .execute()
    await recordEvent(trx, 'legalEducation', row.id, at, user.id, 'photo', {})
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: 'legalEducation.addPhoto',
      unit: officeUnit(deps.org, row.office_code),
      subjectType: 'legalEducation',
      subjectId: row.id,
      after: { photoId, mime, bytes: bytes.length },
    })
  })
  return { photoId }
}

/** A photo, only for a reader of its event's office (another unit's → NOT_FOUND). */
export const legalEducationPhoto = async (
  ctx: Context,
  user: User,
  photoId: string,
): Promise<{ mime: string; contentBase64: string }> => {
  const scope = readScope(user)
  const photo = scope
    ? await ctx.deps.db
        .selectFrom('legal_education_photos')
        .innerJoin('legal_education_events', 'legal_education_events.id', 'legal_education_photos.event_id')
        .where(scopeOf('legal_education_events', scope))
        .where('legal_education_photos.id', '=', photoId)
        .select(['legal_education_photos.mime', 'legal_education_photos.data'])
        .executeTakeFirst()
    : undefined
  if (!photo) throw notFound('照片')
  return { mime: photo.mime, contentBase64: photo.data }
}

export const exportLegalEducation = async (ctx: Context, user: User, input: EducationFilter) => {
  const q = filtered(ctx, user, input)
  const rows =
    q === null
      ? []
      : await q.orderBy('legal_education_events.id', 'desc').limit(REGISTER_EXPORT_LIMIT).execute()
  return exportWorkbook(ctx, user, {
    register: 'legalEducation',
    title: '普法活动登记',
    filters: { ...input },
    columns: [
      { header: '活动编号', key: 'no', width: 20 },
      { header: '司法所', key: 'office', width: 14 },
      { header: '活动日期', key: 'date', width: 12 },
      { header: '地点', key: 'place', width: 20 },
      { header: '对象', key: 'audience', width: 16 },
      { header: '人数', key: 'headcount', width: 8 },
      { header: '主题', key: 'theme', width: 30 },
      { header: '状态', key: 'status', width: 10 },
      { header: '开展情况', key: 'summary', width: 40 },
      { header: '组织人', key: 'organiser', width: 14 },
    ],
    rows: rows.map((r) => {
      const i = toItem(ctx, r)
      return {
        no: i.eventNo,
        office: i.officeName,
        date: i.eventDate,
        place: escapeCell(i.place),
        audience: escapeCell(i.audience),
        headcount: i.headcount,
        theme: escapeCell(i.theme),
        status: i.status === 'held' ? '已开展' : '计划中',
        summary: escapeCell(i.summary ?? ''),
        organiser: i.organiserName,
      }
    }),
  })
}
