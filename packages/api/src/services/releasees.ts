// Released prisoners' aftercare (刑满释放人员安置帮教, issue 5; squad duty ②): the prison's notice is
// registered, and the handover (衔接), the file, the information check and entry, visits, assistance and
// the end of the aftercare period follow as events. Every write is one transaction with its audit row
// and the deadline engine's recompute.
import {
  ASSISTANCE_LABELS,
  type AssistanceKind,
  aftercareEndOf,
  checkReleaseeEvent,
  isMinorOn,
  mayReadMinors,
  mayWorkReleasees,
  noticeLate,
  RELEASEE_CATEGORY_LABELS,
  RELEASEE_EVENT_LABELS,
  RELEASEE_STATUS_LABELS,
  type ReleaseeCategory,
  type ReleaseeEventKind,
  releaseeScope,
  urgencyOf,
} from '@pingzhan/domain'
import { maskIdNumber, validateIdNumber } from '@pingzhan/domain/id-number'
import { Result } from 'effect'
import { appendAudit } from '../audit/audit.ts'
import { blindIndex, decryptField, encryptField } from '../crypto/keys.ts'
import {
  eventsOfReleasee,
  findReleaseeInScope,
  insertReleasee,
  insertReleaseeEvent,
  listReleasees,
  obligationsOfReleasee,
  openReleaseeWithIdIndex,
  type ReleaseeRow,
  releaseeIdCipher,
  toReleaseeEvent,
  updateReleaseeIfVersion,
} from '../repos/releasees.ts'
import type { CaseScope } from '../repos/supervisees.ts'
import type { User } from '../repos/users.ts'
import { newId, shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { recomputeReleasee } from './obligations.ts'
import { auditActor, officeName, squadName } from './units.ts'
import { loadRules } from './work-calendar.ts'

const releaseeScopeOf = (user: User): CaseScope => {
  const actor = actorOf(user)
  return { scope: releaseeScope(actor), minors: mayReadMinors(actor) }
}

const badInput = (fieldErrors: Record<string, string>) =>
  fail('BAD_REQUEST', 'InvalidInput', `输入有误：${Object.values(fieldErrors).join('；')}`, fieldErrors)

const toItem = (ctx: Context, r: ReleaseeRow, aftercareEnd: string) => ({
  id: r.id,
  name: r.name,
  idNumberMasked: r.id_number_masked,
  sex: r.sex,
  birthDate: r.birth_date,
  minor: r.minor === 1,
  category: r.category,
  categoryLabel: RELEASEE_CATEGORY_LABELS[r.category],
  prison: r.prison,
  noticeDate: r.notice_date,
  releaseDate: r.release_date,
  noticeLate: r.notice_late === 1,
  aftercareEnd,
  townCode: r.town_code,
  townName: ctx.deps.org.town(r.town_code)?.name ?? r.town_code,
  officeCode: r.office_code,
  officeName: officeName(ctx.deps.org, r.office_code),
  areaCode: r.area_code,
  squadName: squadName(ctx.deps.org, r.area_code),
  status: r.status,
  statusLabel: RELEASEE_STATUS_LABELS[r.status],
  version: r.version,
})

export type ReleaseeItem = ReturnType<typeof toItem>

const inScope = async (ctx: Context, user: User, id: string): Promise<ReleaseeRow> => {
  const row = await findReleaseeInScope(ctx.deps.db, releaseeScopeOf(user), id)
  if (row === null) throw notFound('刑满释放人员')
  return row
}

const auditBase = (ctx: Context, user: User) => ({
  correlationId: ctx.req.correlationId,
  ip: ctx.req.ip,
  at: ctx.deps.clock(),
  actor: auditActor(user),
})

const caseUnit = (ctx: Context, r: { area_code: string }) => ({
  code: r.area_code,
  name: squadName(ctx.deps.org, r.area_code),
  area: r.area_code,
})

export const listReleaseeItems = async (
  ctx: Context,
  user: User,
  input: {
    status?: ReleaseeRow['status'] | undefined
    q?: string | undefined
    cursor?: string | undefined
    limit?: number | undefined
  },
) => {
  const limit = input.limit ?? 50
  const q = input.q?.trim() || undefined
  const looksLikeId = q !== undefined && /^\d{17}[\dXx]$/.test(q)
  const rows = await listReleasees(ctx.deps.db, releaseeScopeOf(user), {
    status: input.status,
    nameLike: q && !looksLikeId ? q : undefined,
    idIndex: looksLikeId ? blindIndex(ctx.deps.keys, q.toUpperCase()) : undefined,
    afterId: input.cursor,
    limit,
  })
  const rules = await loadRules(ctx.deps.db)
  const last = rows.at(-1)
  return {
    items: rows.map((r) => toItem(ctx, r, aftercareEndOf(rules, r.category, r.release_date))),
    nextCursor: rows.length === limit && last ? last.id : null,
  }
}

export const getReleaseeDetail = async (ctx: Context, user: User, id: string) => {
  const row = await inScope(ctx, user, id)
  const now = ctx.deps.clock()
  const today = shanghaiDate(now)
  const rules = await loadRules(ctx.deps.db)
  const events = (await eventsOfReleasee(ctx.deps.db, id)).map((e) => {
    const data = JSON.parse(e.data_json) as Record<string, unknown>
    const base = RELEASEE_EVENT_LABELS[e.kind as ReleaseeEventKind] ?? e.kind
    const assistance = ASSISTANCE_LABELS[data.assistance as AssistanceKind]
    return {
      id: e.id,
      kind: e.kind,
      label: assistance ? `${base}：${assistance}` : base,
      on: e.on_date,
      at: e.at,
      actorName: e.actor_name ?? '',
      note: e.note,
    }
  })
  const obligations = (await obligationsOfReleasee(ctx.deps.db, id)).map((o) => {
    const satisfied = Number(o.satisfied) === 1
    return {
      id: o.id,
      key: o.key,
      kind: o.kind,
      title: o.title,
      dueDate: o.due_date,
      satisfied,
      urgency: urgencyOf({ dueDate: o.due_date, dueAtMs: null, satisfied }, today, now.getTime()),
      provisional: o.provisional,
      taskId: o.task_id,
      source: rules.get(o.rule)?.source ?? o.rule,
    }
  })
  return { ...toItem(ctx, row, aftercareEndOf(rules, row.category, row.release_date)), events, obligations }
}

const townsOfUser = (ctx: Context, user: User): ReadonlyArray<string> | null => {
  if (user.role === 'brigadeLeader') return null
  if ((user.role === 'squadLeader' || user.role === 'squadMember') && user.squadCode)
    return ctx.deps.org.townsOfArea(user.squadCode).map((t) => t.code)
  if (user.role === 'officeDirector' && user.officeCode) {
    const town = ctx.deps.org.office(user.officeCode)?.town
    return town ? [town] : []
  }
  return []
}

export interface RegisterReleaseeInput {
  readonly name: string
  readonly idNumber: string
  readonly category: ReleaseeCategory
  readonly townCode: string
  readonly prison: string
  readonly noticeOn: string
  readonly releaseOn: string
  readonly note?: string | undefined
}

/**
 * Registers the prison's release notice (释放通知, about a month before release: 1999 司法部 notice):
 * the person, the category that sets the aftercare period, the town they return to (→ office, area).
 * The notice is the first event; the engine then sets the handover task for the area's squad.
 */
export const registerReleasee = async (
  ctx: Context,
  user: User,
  input: RegisterReleaseeInput,
): Promise<{ id: string; noticeLate: boolean }> => {
  if (!mayWorkReleasees(actorOf(user))) throw forbidden('只有执法中队、执法大队或司法所可以登记刑满释放人员')
  const { deps } = ctx
  const now = deps.clock()
  const today = shanghaiDate(now)
  const errors: Record<string, string> = {}
  const idCheck = validateIdNumber(input.idNumber, today)
  if (!idCheck.ok) errors.idNumber = idCheck.reason
  if (input.noticeOn > today) errors.noticeOn = '收到通知日期不能晚于今天'
  if (input.releaseOn < input.noticeOn) errors.releaseOn = '释放日期不能早于收到通知日期'
  const town = deps.org.town(input.townCode)
  const office = town ? deps.org.officeOfTown(town.code) : undefined
  const allowed = townsOfUser(ctx, user)
  if (!town || !office) errors.townCode = '居住镇街不存在'
  else if (allowed !== null && !allowed.includes(town.code))
    throw forbidden('只能登记本辖区镇街的刑满释放人员')
  if (!idCheck.ok || !town || !office || Object.keys(errors).length > 0) throw badInput(errors)
  const idNumber = input.idNumber.trim().toUpperCase()
  const index = blindIndex(deps.keys, idNumber)
  if (await openReleaseeWithIdIndex(deps.db, index))
    throw conflict('该身份证号已有在册的刑满释放人员', 'ReleaseeExists')
  const rules = await loadRules(deps.db)
  const late = noticeLate(rules, input.noticeOn, input.releaseOn)
  const id = newId()
  const area = deps.org.areaOfTown(town.code)
  const minor = isMinorOn(idCheck.birthDate, input.releaseOn)
  const audit = auditBase(ctx, user)
  await deps.db.transaction().execute(async (trx) => {
    await insertReleasee(trx, {
      id,
      name: input.name,
      id_number_enc: encryptField(deps.keys, idNumber),
      id_number_index: index,
      id_number_masked: maskIdNumber(idNumber),
      sex: idCheck.sex,
      birth_date: idCheck.birthDate,
      minor: minor ? 1 : 0,
      category: input.category,
      prison: input.prison,
      notice_date: input.noticeOn,
      release_date: input.releaseOn,
      notice_late: late ? 1 : 0,
      town_code: town.code,
      office_code: office.code,
      area_code: area,
      status: 'notified',
      created_by: user.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      version: 1,
    })
    await insertReleaseeEvent(trx, {
      id: newId(),
      releasee_id: id,
      kind: 'noticeReceived',
      on_date: input.noticeOn,
      at: now.toISOString(),
      actor_id: user.id,
      data_json: JSON.stringify({ releaseOn: input.releaseOn, prison: input.prison }),
      note: input.note?.trim() || null,
    })
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: 'releasee.register',
      unit: caseUnit(ctx, { area_code: area }),
      subjectType: 'releasee',
      subjectId: id,
      after: {
        idNumberMasked: maskIdNumber(idNumber),
        category: input.category,
        town: town.code,
        noticeOn: input.noticeOn,
        releaseOn: input.releaseOn,
        noticeLate: late,
      },
    })
    await recomputeReleasee(trx, deps, id, audit)
  })
  return { id, noticeLate: late }
}

/** Shows the full ID number to a reader of the record; every reveal is audited (SECURITY.md). */
export const revealReleaseeIdNumber = async (ctx: Context, user: User, id: string) => {
  const row = await inScope(ctx, user, id)
  const cipher = await releaseeIdCipher(ctx.deps.db, row.id)
  if (cipher === null) throw notFound('刑满释放人员')
  const idNumber = decryptField(ctx.deps.keys, cipher)
  await ctx.deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, ctx.deps.keys, {
      ...auditBase(ctx, user),
      action: 'releasee.revealIdNumber',
      unit: caseUnit(ctx, row),
      subjectType: 'releasee',
      subjectId: row.id,
      after: { idNumberMasked: row.id_number_masked },
    })
  })
  return { idNumber }
}

export type ReleaseeStep = Exclude<ReleaseeEventKind, 'noticeReceived'>

export interface ReleaseeEventInput {
  readonly id: string
  readonly kind: ReleaseeStep
  readonly on: string
  readonly assistance?: AssistanceKind | undefined
  readonly note?: string | undefined
}

/** Records one aftercare step; the engine then recomputes the case's deadlines (tasks, warnings). */
export const recordReleaseeEvent = async (ctx: Context, user: User, input: ReleaseeEventInput) => {
  const row = await inScope(ctx, user, input.id)
  if (!mayWorkReleasees(actorOf(user))) throw forbidden('只有执法中队、执法大队或司法所可以办理安置帮教事项')
  const now = ctx.deps.clock()
  if (input.on > shanghaiDate(now)) throw badInput({ on: '日期不能晚于今天' })
  if (input.kind === 'assisted' && !input.assistance) throw badInput({ assistance: '请选择帮扶方式' })
  if ((input.kind === 'visit' || input.kind === 'assisted') && !input.note?.trim())
    throw badInput({ note: '请填写走访或帮扶情况' })
  const rules = await loadRules(ctx.deps.db)
  const stored = await eventsOfReleasee(ctx.deps.db, row.id)
  const events = stored.flatMap((e) => {
    const d = toReleaseeEvent(e)
    return d ? [d] : []
  })
  const checked = checkReleaseeEvent(
    { category: row.category, releaseOn: row.release_date, status: row.status },
    events,
    input.kind,
    input.on,
    rules,
  )
  if (Result.isFailure(checked)) throw fail('CONFLICT', 'CaseStateInvalid', checked.failure.message)
  const status = checked.success
  const data = input.kind === 'assisted' ? { assistance: input.assistance } : {}
  const audit = auditBase(ctx, user)
  await ctx.deps.db.transaction().execute(async (trx) => {
    await insertReleaseeEvent(trx, {
      id: newId(),
      releasee_id: row.id,
      kind: input.kind,
      on_date: input.on,
      at: now.toISOString(),
      actor_id: user.id,
      data_json: JSON.stringify(data),
      note: input.note?.trim() || null,
    })
    if (!(await updateReleaseeIfVersion(trx, row.id, row.version, { status, updated_at: now.toISOString() })))
      throw conflict('该人员的记录已被他人修改，请刷新后重试')
    await appendAudit(trx, ctx.deps.keys, {
      ...audit,
      action: `releasee.${input.kind}`,
      unit: caseUnit(ctx, row),
      subjectType: 'releasee',
      subjectId: row.id,
      before: { status: row.status },
      after: { kind: input.kind, on: input.on, status, ...data },
    })
    await recomputeReleasee(trx, ctx.deps, row.id, audit)
  })
  return { ok: true as const, status, statusLabel: RELEASEE_STATUS_LABELS[status] }
}
