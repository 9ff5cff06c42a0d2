import { ROLE_LABELS } from '@pingzhan/domain'
import { appendAudit } from '../audit/audit.ts'
import { usersByPersonCodes } from '../repos/activations.ts'
import {
  cancelStaffLeave,
  findStaffLeave,
  insertStaffLeave,
  listStaffLeaves,
  peopleOnLeaveAt,
  type StaffLeave,
} from '../repos/staff-leaves.ts'
import { findUser, type User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { fail, forbidden, notFound } from '../trpc/errors.ts'
import { auditActor, squadName, userUnit } from './units.ts'

// 请假 / 外出 of staff (issue 3). The brigade leader records anyone's absence; a squad leader that of
// the people of the squad's area (squad staff and the area's office directors). Wartime commands read
// who is away (policy 三.2, 四.1: an absent squad leader hands command to the stand-in).

export const STAFF_LEAVE_KINDS = { leave: '请假', out: '外出' } as const
export type StaffLeaveKind = keyof typeof STAFF_LEAVE_KINDS

const RECORDABLE = new Set(['squadLeader', 'squadMember', 'officeDirector', 'brigadeLeader', 'bureauLeader'])

/** The person codes whose absence the user may record, or `null` for everyone (the brigade leader). */
const recordablePeople = (ctx: Context, user: User): ReadonlySet<string> | null => {
  const org = ctx.deps.org
  switch (user.role) {
    case 'brigadeLeader':
      return null
    case 'squadLeader':
      return new Set(user.squadCode ? org.assigneesOf(user.squadCode).map((p) => p.code) : [])
    default:
      return new Set()
  }
}

/** Whose records the user reads: the brigade all; a squad leader or liaising bureau leader their area; others their own. */
const readablePeople = (ctx: Context, user: User): ReadonlyArray<string> | null => {
  const org = ctx.deps.org
  switch (user.role) {
    case 'brigadeLeader':
      return null
    case 'squadLeader':
    case 'bureauLeader':
      return [
        ...(user.squadCode ? org.assigneesOf(user.squadCode).map((p) => p.code) : []),
        ...(user.personCode ? [user.personCode] : []),
      ]
    default:
      return user.personCode ? [user.personCode] : []
  }
}

const mayRecord = (ctx: Context, user: User, person: string): boolean => {
  const kind = ctx.deps.org.positionOf(person)?.kind
  if (kind === undefined || !RECORDABLE.has(kind)) return false
  const allowed = recordablePeople(ctx, user)
  return allowed === null || allowed.has(person)
}

/** Who is away at `now`, for the wartime rules. */
export const onLeaveNow = (ctx: Context, now: Date) => peopleOnLeaveAt(ctx.deps.db, now)

export interface StaffLeaveItem {
  readonly id: string
  readonly personCode: string
  readonly userId: string | null
  readonly name: string
  readonly roleLabel: string
  readonly kind: StaffLeaveKind
  readonly kindLabel: string
  readonly startsAt: string
  readonly endsAt: string
  readonly reason: string
  readonly recordedByName: string
  readonly recordedAt: string
  readonly cancelled: boolean
  readonly current: boolean
  readonly mayCancel: boolean
}

const itemsOf = async (
  ctx: Context,
  user: User,
  rows: ReadonlyArray<StaffLeave>,
): Promise<ReadonlyArray<StaffLeaveItem>> => {
  const org = ctx.deps.org
  const accounts = await usersByPersonCodes(
    ctx.deps.db,
    rows.map((r) => r.personCode),
  )
  const recorders = new Map<string, string>()
  for (const id of new Set(rows.map((r) => r.recordedBy))) {
    recorders.set(id, (await findUser(ctx.deps.db, id))?.displayName ?? '')
  }
  const now = ctx.deps.clock().toISOString()
  return rows.map((r) => {
    const position = org.positionOf(r.personCode)
    return {
      id: r.id,
      personCode: r.personCode,
      userId: accounts.get(r.personCode)?.id ?? null,
      name: org.person(r.personCode)?.name ?? r.personCode,
      roleLabel: position ? ROLE_LABELS[position.kind as keyof typeof ROLE_LABELS] : '',
      kind: r.kind,
      kindLabel: STAFF_LEAVE_KINDS[r.kind],
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      reason: r.reason,
      recordedByName: recorders.get(r.recordedBy) ?? '',
      recordedAt: r.recordedAt,
      cancelled: r.cancelledAt !== null,
      current: r.cancelledAt === null && r.startsAt <= now && now < r.endsAt,
      mayCancel: r.cancelledAt === null && r.endsAt > now && mayRecord(ctx, user, r.personCode),
    }
  })
}

/** Records in the caller's view that have not ended more than 30 days ago, newest first. */
export const listLeaves = async (ctx: Context, user: User): Promise<ReadonlyArray<StaffLeaveItem>> => {
  const since = new Date(ctx.deps.clock().getTime() - 30 * 86_400_000)
  const rows = await listStaffLeaves(ctx.deps.db, { since, people: readablePeople(ctx, user), limit: 200 })
  return itemsOf(ctx, user, rows)
}

/** The people whose absence the caller may record, with their accounts (the form's choices). */
export const leavePeople = async (ctx: Context, user: User) => {
  const org = ctx.deps.org
  const allowed = recordablePeople(ctx, user)
  const people = org.config.people.filter(
    (p) => RECORDABLE.has(p.position.kind) && (allowed === null || allowed.has(p.code)),
  )
  const accounts = await usersByPersonCodes(
    ctx.deps.db,
    people.map((p) => p.code),
  )
  return people.flatMap((p) => {
    const account = accounts.get(p.code)
    if (account === undefined) return []
    const area = org.areaOfPosition(p.position)
    return [
      {
        userId: account.id,
        name: p.name,
        roleLabel: ROLE_LABELS[p.position.kind as keyof typeof ROLE_LABELS],
        areaName: area ? squadName(org, area) : '',
      },
    ]
  })
}

/** 'YYYY-MM-DD' is a whole day in Beijing time: from its 00:00, to the next day's 00:00. */
const instantOf = (value: string, end: boolean): Date => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00+08:00`)
    return new Date(end ? start + 86_400_000 : start)
  }
  return new Date(value)
}

export interface RecordLeaveInput {
  userId: string
  kind: StaffLeaveKind
  from: string
  to: string
  reason: string
}

export const recordLeave = async (
  ctx: Context,
  user: User,
  input: RecordLeaveInput,
): Promise<{ id: string }> => {
  const { deps, req } = ctx
  const target = await findUser(deps.db, input.userId)
  if (target === null || target.personCode === null || !mayRecord(ctx, user, target.personCode)) {
    throw notFound('人员')
  }
  const person = target.personCode
  const startsAt = instantOf(input.from, false)
  const endsAt = instantOf(input.to, true)
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw fail('BAD_REQUEST', 'InvalidInput', '结束时间必须晚于开始时间', { to: '结束时间必须晚于开始时间' })
  }
  if (endsAt.getTime() - startsAt.getTime() > 366 * 86_400_000) {
    throw fail('BAD_REQUEST', 'InvalidInput', '一次登记不能超过一年', { to: '一次登记不能超过一年' })
  }
  const now = deps.clock()
  const id = newId()
  const position = deps.org.positionOf(person)
  const area = position ? deps.org.areaOfPosition(position) : null
  await deps.db.transaction().execute(async (trx) => {
    await insertStaffLeave(trx, {
      id,
      person_code: person,
      area_code: area,
      kind: input.kind,
      starts_at: startsAt.toISOString(),
      ends_at: endsAt.toISOString(),
      reason: input.reason,
      recorded_by: user.id,
      recorded_at: now.toISOString(),
      cancelled_at: null,
      cancelled_by: null,
    })
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: auditActor(user),
      unit: userUnit(deps.org, user),
      action: 'staffLeave.record',
      subjectType: 'staffLeave',
      subjectId: id,
      after: {
        person,
        kind: input.kind,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        reason: input.reason,
      },
    })
  })
  return { id }
}

export const cancelLeave = async (ctx: Context, user: User, id: string): Promise<{ ok: true }> => {
  const { deps, req } = ctx
  if (recordablePeople(ctx, user)?.size === 0) throw forbidden()
  const row = await findStaffLeave(deps.db, id)
  if (row === null || !mayRecord(ctx, user, row.personCode)) throw notFound('请假外出记录')
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    if (!(await cancelStaffLeave(trx, id, user.id, now))) {
      throw fail('CONFLICT', 'AlreadyCancelled', '该记录已经撤销')
    }
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: auditActor(user),
      unit: userUnit(deps.org, user),
      action: 'staffLeave.cancel',
      subjectType: 'staffLeave',
      subjectId: id,
      before: { person: row.personCode, startsAt: row.startsAt, endsAt: row.endsAt },
    })
  })
  return { ok: true }
}
