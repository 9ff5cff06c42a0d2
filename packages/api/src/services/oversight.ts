// Oversight by the bureau leaders (issue 12, policy 四.1): 3名班子成员分别联系3个中队及中队辖区内的司法所，
// 采取“四不两直”方式经常到工作一线调研、督导工作 … 对需要局党组研究决策的问题、事项，第一时间提报.
//
// Inspections: a leader records an unannounced visit to an office or squad of the area they liaise with
// (time, place, what was checked, findings, photos). A finding becomes a rectification task for the unit
// through createTask (the duty the finding concerns, assigned to the unit's head); when the task is done the
// leader accepts the rectification or sends it back (a new rectification task).
//
// Escalations (提报): one register. Raised from an inspection or by hand here; an activation's escalations
// stay in its event log (activation.escalate / activation.decideEscalation decide them) and are read into
// the register, never decided a second way. Time-to-raise = raised − arose (for an activation: its start).
import { ACTIVATION_STAGE_LABELS, type ModeEvent } from '@pingzhan/domain'
import { appendAudit } from '../audit/audit.ts'
import type { EscalationTable, InspectionFindingTable, InspectionTable } from '../db/assessment-types.ts'
import type { DbOrTrx, Trx } from '../db/types.ts'
import { findUser, type User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { history, overview } from './activations.ts'
import { auditContext, badField } from './registers.ts'
import { imageMime, MAX_PHOTO_BYTES } from './task-actions.ts'
import { createTask, endOfShanghaiDay } from './task-work.ts'
import { officeName, officeUnit, squadName, userUnit } from './units.ts'

export const MAX_INSPECTION_PHOTOS = 9

const unitLabel = (ctx: Context, type: 'office' | 'squad', code: string) =>
  type === 'office' ? officeName(ctx.deps.org, code) : squadName(ctx.deps.org, code)

const unitAudit = (ctx: Context, type: 'office' | 'squad', code: string) =>
  type === 'office'
    ? officeUnit(ctx.deps.org, code)
    : { code, name: squadName(ctx.deps.org, code), area: code }

/** Which inspections a user reads: the bureau and its leaders all; a director or squad leader their own unit's. */
const inspectionFilter = (
  user: User,
): { kind: 'all' } | { kind: 'unit'; type: 'office' | 'squad'; code: string } | null => {
  switch (user.role) {
    case 'bureauAdmin':
    case 'bureauLeader':
      return { kind: 'all' }
    case 'officeDirector':
      return user.officeCode ? { kind: 'unit', type: 'office', code: user.officeCode } : null
    case 'squadLeader':
      return user.squadCode ? { kind: 'unit', type: 'squad', code: user.squadCode } : null
    default:
      return null
  }
}

export interface FindingItem {
  readonly id: string
  readonly seq: number
  readonly text: string
  readonly dutyCode: string | null
  readonly taskId: string | null
  readonly taskStatus: string | null
  readonly status: InspectionFindingTable['status']
  readonly statusLabel: string
  readonly checkedAt: string | null
  readonly checkNote: string | null
  readonly version: number
}

export interface InspectionItem {
  readonly id: string
  readonly leaderName: string
  readonly unitType: 'office' | 'squad'
  readonly unitCode: string
  readonly unitName: string
  readonly area: string
  readonly areaName: string
  readonly visitedAt: string
  readonly place: string
  readonly checked: string
  readonly createdAt: string
  readonly findings: ReadonlyArray<FindingItem>
  readonly photos: ReadonlyArray<{ id: string; mime: string; bytes: number; uploadedAt: string }>
  /** the caller recorded it and liaises the area: may add photos, make tasks, check closings */
  readonly mayManage: boolean
}

const FINDING_STATUS: Record<InspectionFindingTable['status'], string> = {
  open: '待整改',
  rectifying: '整改中',
  accepted: '整改通过',
  returned: '退回整改',
}

const mayManage = (user: User, row: InspectionTable): boolean =>
  user.role === 'bureauLeader' && user.squadCode === row.area_code

const itemsOf = async (
  ctx: Context,
  user: User,
  rows: ReadonlyArray<InspectionTable>,
): Promise<InspectionItem[]> => {
  if (rows.length === 0) return []
  const db = ctx.deps.db
  const ids = rows.map((r) => r.id)
  const findings = await db
    .selectFrom('inspection_findings')
    .leftJoin('tasks', 'tasks.id', 'inspection_findings.task_id')
    .selectAll('inspection_findings')
    .select('tasks.status as task_status')
    .where('inspection_id', 'in', ids)
    .orderBy('inspection_id')
    .orderBy('seq')
    .execute()
  const photos = await db
    .selectFrom('inspection_photos')
    .select(['id', 'inspection_id', 'mime', 'bytes', 'uploaded_at'])
    .where('inspection_id', 'in', ids)
    .orderBy('id')
    .execute()
  const leaders = new Map<string, string>()
  for (const id of new Set(rows.map((r) => r.leader_id)))
    leaders.set(id, (await findUser(db, id))?.displayName ?? '')
  return rows.map((r) => ({
    id: r.id,
    leaderName: leaders.get(r.leader_id) ?? '',
    unitType: r.unit_type,
    unitCode: r.unit_code,
    unitName: unitLabel(ctx, r.unit_type, r.unit_code),
    area: r.area_code,
    areaName: `${squadName(ctx.deps.org, r.area_code)}辖区`,
    visitedAt: r.visited_at,
    place: r.place,
    checked: r.checked,
    createdAt: r.created_at,
    findings: findings
      .filter((f) => f.inspection_id === r.id)
      .map((f) => ({
        id: f.id,
        seq: Number(f.seq),
        text: f.text,
        dutyCode: f.duty_code,
        taskId: f.task_id,
        taskStatus: f.task_status ?? null,
        status: f.status,
        statusLabel: FINDING_STATUS[f.status],
        checkedAt: f.checked_at,
        checkNote: f.check_note,
        version: Number(f.version),
      })),
    photos: photos
      .filter((p) => p.inspection_id === r.id)
      .map((p) => ({ id: p.id, mime: p.mime, bytes: Number(p.bytes), uploadedAt: p.uploaded_at })),
    mayManage: mayManage(user, r),
  }))
}

export const listInspections = async (
  ctx: Context,
  user: User,
  input: { area?: string | undefined },
): Promise<ReadonlyArray<InspectionItem>> => {
  const filter = inspectionFilter(user)
  if (filter === null) throw forbidden()
  let q = ctx.deps.db.selectFrom('inspections').selectAll()
  if (filter.kind === 'unit') q = q.where('unit_type', '=', filter.type).where('unit_code', '=', filter.code)
  if (input.area) q = q.where('area_code', '=', input.area)
  const rows = await q.orderBy('visited_at', 'desc').orderBy('id', 'desc').limit(200).execute()
  return itemsOf(ctx, user, rows)
}

const findInspection = async (
  ctx: Context,
  user: User,
  id: string,
  db: DbOrTrx = ctx.deps.db,
): Promise<InspectionTable> => {
  const filter = inspectionFilter(user)
  if (filter === null) throw forbidden()
  const row = await db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirst()
  if (
    row === undefined ||
    (filter.kind === 'unit' && (row.unit_type !== filter.type || row.unit_code !== filter.code))
  ) {
    throw notFound('督导检查记录')
  }
  return row
}

export const getInspection = async (ctx: Context, user: User, id: string): Promise<InspectionItem> => {
  const row = await findInspection(ctx, user, id)
  const [item] = await itemsOf(ctx, user, [row])
  if (item === undefined) throw notFound('督导检查记录')
  return item
}

/** 四不两直: the liaising bureau leader records an unannounced visit to an office or squad of their area. */
export const recordInspection = async (
  ctx: Context,
  user: User,
  input: {
    unitType: 'office' | 'squad'
    unitCode: string
    visitedAt: string
    place: string
    checked: string
    findings: ReadonlyArray<{ text: string; dutyCode?: string | undefined }>
  },
): Promise<{ id: string; findingIds: ReadonlyArray<string> }> => {
  if (user.role !== 'bureauLeader') throw forbidden('只有联系该辖区的局领导可以登记“四不两直”督导检查')
  const org = ctx.deps.org
  const area =
    input.unitType === 'office'
      ? org.office(input.unitCode)
        ? org.areaOfOffice(input.unitCode)
        : null
      : org.squad(input.unitCode)
        ? input.unitCode
        : null
  if (area === null || area !== user.squadCode) throw notFound('被检查单位')
  const { deps } = ctx
  const now = deps.clock()
  if (Date.parse(input.visitedAt) > now.getTime()) throw badField('visitedAt', '检查时间不能晚于现在')
  const id = newId()
  const findingIds = input.findings.map(() => newId())
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('inspections')
      .values({
        id,
        leader_id: user.id,
        unit_type: input.unitType,
        unit_code: input.unitCode,
        area_code: area,
        visited_at: new Date(input.visitedAt).toISOString(),
        place: input.place,
        checked: input.checked,
        created_at: now.toISOString(),
      })
      .execute()
    for (const [i, f] of input.findings.entries()) {
      await trx
        .insertInto('inspection_findings')
        .values({
          id: findingIds[i] ?? newId(),
          inspection_id: id,
          seq: i + 1,
          text: f.text,
          duty_code: f.dutyCode ?? null,
          task_id: null,
          status: 'open',
          checked_at: null,
          checked_by: null,
          check_note: null,
          version: 1,
        })
        .execute()
    }
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: 'inspection.record',
      unit: unitAudit(ctx, input.unitType, input.unitCode),
      subjectType: 'inspection',
      subjectId: id,
      after: { ...input },
    })
  })
  return { id, findingIds }
}

export const addInspectionPhoto = async (
  ctx: Context,
  user: User,
  input: { id: string; photo: string },
): Promise<{ photoId: string }> => {
  const row = await findInspection(ctx, user, input.id)
  if (!mayManage(user, row)) throw forbidden('只有联系该辖区的局领导可以上传检查照片')
  const bytes = Buffer.from(input.photo, 'base64')
  if (bytes.length > MAX_PHOTO_BYTES) throw badField('photo', '照片过大（压缩后不超过 600 KB）')
  const mime = imageMime(bytes)
  if (mime === null) throw badField('photo', '只能上传 JPEG、PNG 或 WebP 照片')
  const { deps } = ctx
  const now = deps.clock()
  const photoId = newId()
  await deps.db.transaction().execute(async (trx) => {
    const count = await trx
      .selectFrom('inspection_photos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('inspection_id', '=', row.id)
      .executeTakeFirstOrThrow()
    if (Number(count.n) >= MAX_INSPECTION_PHOTOS) {
      throw badField('photo', `每次检查最多保存 ${MAX_INSPECTION_PHOTOS} 张照片`)
    }
    await trx
      .insertInto('inspection_photos')
      .values({
        id: photoId,
        inspection_id: row.id,
        mime,
        data: bytes.toString('base64'),
        bytes: bytes.length,
        uploaded_by: user.id,
        uploaded_at: now.toISOString(),
      })
      .execute()
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: 'inspection.addPhoto',
      unit: unitAudit(ctx, row.unit_type, row.unit_code),
      subjectType: 'inspection',
      subjectId: row.id,
      after: { photoId, mime, bytes: bytes.length },
    })
  })
  return { photoId }
}

export const inspectionPhoto = async (
  ctx: Context,
  user: User,
  photoId: string,
): Promise<{ mime: string; contentBase64: string }> => {
  const photo = await ctx.deps.db
    .selectFrom('inspection_photos')
    .select(['inspection_id', 'mime', 'data'])
    .where('id', '=', photoId)
    .executeTakeFirst()
  if (photo === undefined) throw notFound('照片')
  await findInspection(ctx, user, photo.inspection_id)
  return { mime: photo.mime, contentBase64: photo.data }
}

const findingInScope = async (ctx: Context, user: User, trx: Trx, findingId: string) => {
  const f = await trx
    .selectFrom('inspection_findings')
    .selectAll()
    .where('id', '=', findingId)
    .executeTakeFirst()
  if (f === undefined) throw notFound('检查发现的问题')
  const row = await findInspection(ctx, user, f.inspection_id, trx)
  if (!mayManage(user, row)) throw forbidden('只有联系该辖区的局领导可以交办整改')
  return { f, row }
}

/** The head of a unit, who receives its rectification task: the office's director, the squad's leader. */
const headOf = async (ctx: Context, trx: Trx, type: 'office' | 'squad', code: string): Promise<string> => {
  const person = type === 'office' ? ctx.deps.org.directorOf(code) : ctx.deps.org.leaderOf(code)
  const u = person
    ? await trx.selectFrom('users').select('id').where('person_code', '=', person.code).executeTakeFirst()
    : undefined
  if (u === undefined) throw fail('BAD_REQUEST', 'InvalidInput', '被检查单位没有负责人账号，无法交办整改')
  return u.id
}

const makeRectificationTask = async (
  ctx: Context,
  user: User,
  trx: Trx,
  f: InspectionFindingTable,
  row: InspectionTable,
  input: { dutyCode: string; dueDate: string },
  now: Date,
  again: boolean,
): Promise<string> => {
  const { taskId } = await createTask(
    trx,
    ctx.deps,
    {
      unit: { kind: row.unit_type, code: row.unit_code },
      dutyCode: input.dutyCode,
      title: `${again ? '再次整改' : '整改'}：${f.text.slice(0, 40)}`,
      description: `“四不两直”督导检查（${row.visited_at.slice(0, 10)}，${row.place}）发现的问题：${f.text}`,
      dueAt: endOfShanghaiDay(input.dueDate),
      priority: 'high',
      assigneeIds: [await headOf(ctx, trx, row.unit_type, row.unit_code)],
      source: 'manual',
      sourceId: f.id,
      createdBy: user.id,
    },
    auditContext(ctx, user, now),
  )
  return taskId
}

/** A finding becomes a rectification task for the unit (once: a second call is a CONFLICT, nothing made). */
export const rectifyFinding = async (
  ctx: Context,
  user: User,
  input: { findingId: string; dutyCode: string; dueDate: string },
): Promise<{ taskId: string }> => {
  const { deps } = ctx
  const now = deps.clock()
  return deps.db.transaction().execute(async (trx) => {
    const { f, row } = await findingInScope(ctx, user, trx, input.findingId)
    const claimed = await trx
      .updateTable('inspection_findings')
      .set({ status: 'rectifying', duty_code: input.dutyCode, version: Number(f.version) + 1 })
      .where('id', '=', f.id)
      .where('task_id', 'is', null)
      .where('status', '=', 'open')
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) throw conflict('该问题已经交办整改', 'AlreadyRectifying')
    const taskId = await makeRectificationTask(ctx, user, trx, f, row, input, now, false)
    await trx.updateTable('inspection_findings').set({ task_id: taskId }).where('id', '=', f.id).execute()
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: 'inspection.rectify',
      unit: unitAudit(ctx, row.unit_type, row.unit_code),
      subjectType: 'inspectionFinding',
      subjectId: f.id,
      before: { status: f.status },
      after: { status: 'rectifying', taskId, dutyCode: input.dutyCode },
    })
    return { taskId }
  })
}

/** The leader checks a closed rectification: accepted, or sent back with a new task. */
export const checkFinding = async (
  ctx: Context,
  user: User,
  input: { findingId: string; version: number; accept: boolean; note: string; dueDate?: string | undefined },
): Promise<{ ok: true; taskId: string | null }> => {
  const { deps } = ctx
  const now = deps.clock()
  return deps.db.transaction().execute(async (trx) => {
    const { f, row } = await findingInScope(ctx, user, trx, input.findingId)
    if (f.status !== 'rectifying' || f.task_id === null) {
      throw conflict('只能验收正在整改的问题', 'FindingStateInvalid')
    }
    const task = await trx
      .selectFrom('tasks')
      .select(['status'])
      .where('id', '=', f.task_id)
      .executeTakeFirst()
    if (task?.status !== 'done') throw conflict('整改任务尚未办结，不能验收', 'RectificationNotDone')
    if (!input.accept && !input.dueDate) throw badField('dueDate', '退回整改请填写新的整改期限')
    const taskId =
      input.accept || !input.dueDate
        ? null
        : await makeRectificationTask(
            ctx,
            user,
            trx,
            f,
            row,
            { dutyCode: f.duty_code ?? '', dueDate: input.dueDate },
            now,
            true,
          )
    const res = await trx
      .updateTable('inspection_findings')
      .set({
        status: input.accept ? 'accepted' : 'rectifying',
        checked_at: now.toISOString(),
        checked_by: user.id,
        check_note: input.note,
        ...(taskId ? { task_id: taskId } : {}),
        version: Number(f.version) + 1,
      })
      .where('id', '=', f.id)
      .where('version', '=', input.version)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该问题已被他人处理，请刷新后重试')
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: input.accept ? 'inspection.accept' : 'inspection.return',
      unit: unitAudit(ctx, row.unit_type, row.unit_code),
      subjectType: 'inspectionFinding',
      subjectId: f.id,
      before: { status: f.status, taskId: f.task_id },
      after: { status: input.accept ? 'accepted' : 'returned', note: input.note, newTaskId: taskId },
    })
    return { ok: true as const, taskId }
  })
}

// --- escalations (提报) -------------------------------------------------------------------------------------------

export interface EscalationItem {
  readonly id: string
  readonly source: 'activation' | 'inspection' | 'manual'
  readonly sourceLabel: string
  readonly sourceId: string | null
  readonly area: string | null
  readonly areaName: string
  readonly question: string
  readonly toLabel: string
  readonly raisedAt: string
  readonly raisedByName: string
  /** ms from the moment the matter came up to its escalation */
  readonly timeToRaiseMs: number
  readonly decisionDeadline: string
  readonly decision: string | null
  readonly decidedAt: string | null
  readonly decidedByName: string | null
  readonly overdue: boolean
  /** the caller may record the decision here (register) or on the activation (activation) */
  readonly mayDecide: boolean
  readonly decidePath: 'register' | 'activation'
  readonly activationId: string | null
  readonly escalationId: string | null
  /** raised by the caller: the decision comes back to them */
  readonly mine: boolean
  readonly version: number
}

const SOURCE_LABELS = { activation: '战时行动', inspection: '督导检查', manual: '直接提报' } as const

/** Who reads the register: the bureau, its leaders and the brigade all; a squad leader or director their area's. */
const escalationAreas = (ctx: Context, user: User): ReadonlyArray<string> | 'all' | null => {
  switch (user.role) {
    case 'bureauAdmin':
    case 'bureauLeader':
    case 'brigadeLeader':
      return 'all'
    case 'squadLeader':
      return user.squadCode ? [user.squadCode] : []
    case 'officeDirector':
      return user.officeCode && ctx.deps.org.office(user.officeCode)
        ? [ctx.deps.org.areaOfOffice(user.officeCode)]
        : []
    default:
      return null
  }
}

const nameOfPerson = (ctx: Context, code: string) => ctx.deps.org.person(code)?.name ?? code

export const listEscalations = async (
  ctx: Context,
  user: User,
  input: { open?: boolean | undefined },
): Promise<ReadonlyArray<EscalationItem>> => {
  const areas = escalationAreas(ctx, user)
  if (areas === null) throw forbidden()
  const db = ctx.deps.db
  const now = ctx.deps.clock().toISOString()
  let q = db
    .selectFrom('escalations')
    .innerJoin('users as raiser', 'raiser.id', 'escalations.raised_by')
    .leftJoin('users as decider', 'decider.id', 'escalations.decided_by')
    .selectAll('escalations')
    .select(['raiser.display_name as raiser_name', 'decider.display_name as decider_name'])
  if (areas !== 'all') {
    q = q.where((eb) =>
      eb.or([
        eb('escalations.raised_by', '=', user.id),
        ...(areas.length ? [eb('area_code', 'in', [...areas])] : []),
      ]),
    )
  }
  if (input.open) q = q.where('decision', 'is', null)
  const rows = await q.orderBy('raised_at', 'desc').limit(200).execute()
  const own: EscalationItem[] = rows.map((r) => ({
    id: r.id,
    source: r.source,
    sourceLabel: SOURCE_LABELS[r.source],
    sourceId: r.source_id,
    area: r.area_code,
    areaName: r.area_code ? `${squadName(ctx.deps.org, r.area_code)}辖区` : '全局',
    question: r.question,
    toLabel: '局党组',
    raisedAt: r.raised_at,
    raisedByName: r.raiser_name,
    timeToRaiseMs: Date.parse(r.raised_at) - Date.parse(r.arose_at),
    decisionDeadline: r.decision_deadline,
    decision: r.decision,
    decidedAt: r.decided_at,
    decidedByName: r.decider_name ?? null,
    overdue: r.decision === null && r.decision_deadline < now,
    mayDecide: r.decision === null && user.role === 'bureauLeader',
    decidePath: 'register',
    activationId: null,
    escalationId: null,
    mine: r.raised_by === user.id,
    version: Number(r.version),
  }))

  // an activation's escalations, from its event log
  let eq = db
    .selectFrom('mode_events')
    .select(['area_code', 'activation_id', 'kind', 'payload'])
    .where('kind', 'in', ['Escalated', 'EscalationDecided'])
  if (areas !== 'all')
    eq = areas.length ? eq.where('area_code', 'in', [...areas]) : eq.where('area_code', '=', '')
  const events = await eq.orderBy('seq').execute()
  const ids = [...new Set(events.map((e) => e.activation_id ?? ''))]
  const starts = ids.length
    ? await db
        .selectFrom('activations')
        .select(['id', 'started_at', 'stage'])
        .where('id', 'in', ids)
        .execute()
    : []
  const startOf = new Map(starts.map((s) => [s.id, s] as const))
  const decided = new Map<string, Extract<ModeEvent, { _tag: 'EscalationDecided' }>>()
  for (const e of events) {
    if (e.kind === 'EscalationDecided') {
      const p = JSON.parse(e.payload) as Extract<ModeEvent, { _tag: 'EscalationDecided' }>
      decided.set(p.escalationId, p)
    }
  }
  const fromActivations: EscalationItem[] = []
  for (const e of events) {
    if (e.kind !== 'Escalated') continue
    const p = JSON.parse(e.payload) as Extract<ModeEvent, { _tag: 'Escalated' }>
    const d = decided.get(p.escalationId)
    if (input.open && d) continue
    const a = startOf.get(p.activationId)
    const deadline = new Date(p.decisionDeadline).toISOString()
    const open = a !== undefined && a.stage !== 'closed'
    const mayDecide =
      d === undefined &&
      open &&
      user.role === 'bureauLeader' &&
      (p.to === 'partyGroup' || (p.recipient !== null && p.recipient === user.personCode))
    fromActivations.push({
      id: p.escalationId,
      source: 'activation',
      sourceLabel: `${SOURCE_LABELS.activation}（${a ? ACTIVATION_STAGE_LABELS[a.stage] : ''}）`,
      sourceId: p.activationId,
      area: e.area_code,
      areaName: `${squadName(ctx.deps.org, e.area_code)}辖区`,
      question: p.question,
      toLabel: p.to === 'partyGroup' ? '局党组' : '联系局领导',
      raisedAt: new Date(p.at).toISOString(),
      raisedByName: nameOfPerson(ctx, p.by),
      timeToRaiseMs: a ? p.at - Date.parse(a.started_at) : 0,
      decisionDeadline: deadline,
      decision: d?.decision ?? null,
      decidedAt: d ? new Date(d.at).toISOString() : null,
      decidedByName: d ? nameOfPerson(ctx, d.by) : null,
      overdue: d === undefined && deadline < now,
      mayDecide,
      decidePath: 'activation',
      activationId: p.activationId,
      escalationId: p.escalationId,
      mine: user.personCode !== null && p.by === user.personCode,
      version: 1,
    })
  }
  return [...own, ...fromActivations].sort((x, y) => y.raisedAt.localeCompare(x.raisedAt))
}

/** 提报 by hand or from an inspection: to the party group, with a decision deadline. */
export const raiseEscalation = async (
  ctx: Context,
  user: User,
  input: {
    question: string
    deadlineHours: number
    inspectionId?: string | undefined
    aroseAt?: string | undefined
  },
): Promise<{ id: string }> => {
  if (!['bureauLeader', 'brigadeLeader', 'squadLeader', 'officeDirector'].includes(user.role))
    throw forbidden()
  const { deps } = ctx
  const now = deps.clock()
  let area: string | null =
    user.role === 'officeDirector' && user.officeCode
      ? deps.org.areaOfOffice(user.officeCode)
      : user.role === 'brigadeLeader'
        ? null
        : user.squadCode
  let arose = input.aroseAt ? new Date(input.aroseAt) : now
  if (input.inspectionId) {
    if (user.role !== 'bureauLeader') throw forbidden('只有局领导可以从督导检查提报')
    const row = await findInspection(ctx, user, input.inspectionId)
    area = row.area_code
    arose = new Date(row.visited_at)
  }
  if (arose.getTime() > now.getTime()) throw badField('aroseAt', '发生时间不能晚于现在')
  const id = newId()
  const row: EscalationTable = {
    id,
    source: input.inspectionId ? 'inspection' : 'manual',
    source_id: input.inspectionId ?? null,
    area_code: area,
    question: input.question,
    arose_at: arose.toISOString(),
    raised_at: now.toISOString(),
    raised_by: user.id,
    decision_deadline: new Date(now.getTime() + input.deadlineHours * 3_600_000).toISOString(),
    decision: null,
    decided_at: null,
    decided_by: null,
    version: 1,
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('escalations').values(row).execute()
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: 'escalation.raise',
      unit: userUnit(deps.org, user),
      subjectType: 'escalation',
      subjectId: id,
      after: {
        question: row.question,
        source: row.source,
        sourceId: row.source_id,
        deadline: row.decision_deadline,
      },
    })
  })
  return { id }
}

/**
 * The party group's decision, recorded by a bureau leader and sent back to the one who raised it (it shows
 * in their register). An activation's escalation is decided on the activation (activation.decideEscalation).
 */
export const decideEscalation = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; decision: string },
): Promise<{ ok: true }> => {
  if (user.role !== 'bureauLeader') throw forbidden('局党组的决策意见由局领导登记')
  const { deps } = ctx
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('escalations').selectAll().where('id', '=', input.id).executeTakeFirst()
    if (row === undefined) throw notFound('提报事项')
    if (row.decision !== null) throw conflict('该提报事项已有决策意见', 'EscalationAlreadyDecided')
    const res = await trx
      .updateTable('escalations')
      .set({
        decision: input.decision,
        decided_at: now.toISOString(),
        decided_by: user.id,
        version: Number(row.version) + 1,
      })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .where('decision', 'is', null)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该提报事项已被他人处理，请刷新后重试')
    await appendAudit(trx, deps.keys, {
      ...auditContext(ctx, user, now),
      action: 'escalation.decide',
      unit: userUnit(deps.org, user),
      subjectType: 'escalation',
      subjectId: row.id,
      before: { decision: null },
      after: { decision: input.decision },
    })
  })
  return { ok: true }
}

// --- the liaison dashboard -------------------------------------------------------------------------------------------

/**
 * A bureau leader's area at a glance (四.1 及时调度掌握执法中队和司法所工作进展和融合联动情况): peacetime or
 * wartime, overdue work, open escalations, the cooperation facts of recent activations, the latest inspection.
 */
export const liaisonDashboard = async (ctx: Context, user: User) => {
  if (user.role !== 'bureauLeader' || user.squadCode === null)
    throw forbidden('联系辖区看板仅供联系辖区的局领导使用')
  const area = user.squadCode
  const db = ctx.deps.db
  const now = ctx.deps.clock().toISOString()
  const [state] = await overview(ctx, user)
  const overdueRows = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'due_at', 'office_code', 'squad_code'])
    .where('squad_code', '=', area)
    .where('status', 'in', ['open', 'in_progress'])
    .where('due_at', '<', now)
    .orderBy('due_at')
    .limit(10)
    .execute()
  const overdueCount = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('squad_code', '=', area)
    .where('status', 'in', ['open', 'in_progress'])
    .where('due_at', '<', now)
    .executeTakeFirstOrThrow()
  const escalations = (await listEscalations(ctx, user, { open: true })).filter(
    (e) => e.area === area || e.area === null,
  )
  const recent = await history(ctx, user, { limit: 5 })
  const latest = await db
    .selectFrom('inspections')
    .selectAll()
    .where('area_code', '=', area)
    .orderBy('visited_at', 'desc')
    .limit(1)
    .execute()
  const [latestInspection] = await itemsOf(ctx, user, latest)
  return {
    area,
    areaName: `${squadName(ctx.deps.org, area)}辖区`,
    mode: state?.mode ?? 'peacetime',
    modeLabel: state?.modeLabel ?? '平时',
    activations: state?.activations ?? [],
    overdue: {
      count: Number(overdueCount.n),
      items: overdueRows.map((t) => ({
        id: t.id,
        title: t.title,
        dueAt: t.due_at,
        unitName: t.office_code
          ? officeName(ctx.deps.org, t.office_code)
          : squadName(ctx.deps.org, t.squad_code),
      })),
    },
    escalations,
    cooperation: recent.items.map((a) => ({
      id: a.id,
      dutyLabel: a.dutyLabel,
      startedAt: a.startedAt,
      stageLabel: a.stageLabel,
      rosterSize: a.facts.rosterSize,
      acknowledgedWithinWindow: a.facts.acknowledgedWithinWindow,
      refusals: a.facts.refusals,
      crossTasks: a.facts.crossTasks,
    })),
    latestInspection: latestInspection ?? null,
  }
}
