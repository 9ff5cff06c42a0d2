// Consultation appointments (issue 14): the director sets the office's free slots in the console; a
// resident books one at the kiosk (receipt + secret) and may cancel it there with both; the director and
// the squad serving the area see the day's appointments. One slot holds at most one live booking: a
// partial unique index (consult_bookings_one_per_slot) decides between two residents touching the same
// slot at the same moment, on SQLite and on PostgreSQL alike.
import { randomInt } from 'node:crypto'
import { appointmentScope } from '@pingzhan/domain'
import { appendAudit } from '../audit/audit.ts'
import { encryptField } from '../crypto/keys.ts'
import type { KioskDevice } from '../repos/devices.ts'
import type { User } from '../repos/users.ts'
import { newId, shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import {
  insertReceipt,
  type LookupVia,
  lockedReceipts,
  newReceiptNo,
  once,
  type PrintedReceipt,
  printed,
  receiptNoTaken,
  verifyReceipt,
} from './kiosk-receipts.ts'
import { auditActor, officeName, officeUnit } from './units.ts'

export const CONSULT_TOPICS = [
  '婚姻家庭',
  '继承赡养',
  '劳动用工',
  '土地房产',
  '借款合同',
  '交通事故',
  '人身损害',
  '其他法律问题',
] as const
export type ConsultTopic = (typeof CONSULT_TOPICS)[number]

/** How far ahead the kiosk offers slots. */
const BOOKING_DAYS = 14

const bad = (field: string, message: string) =>
  fail('BAD_REQUEST', 'InvalidInput', `输入有误：${message}`, { [field]: message })

/** A Beijing wall-clock time on a day as an instant (China keeps UTC+8 all year). */
const instant = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+08:00`)
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** The office a director or the administrator manages slots for. */
const managedOffice = (ctx: Context, user: User, officeCode: string | undefined): string => {
  if (user.role === 'officeDirector') {
    if (user.officeCode === null) throw forbidden()
    if (officeCode !== undefined && officeCode !== user.officeCode) throw notFound('司法所')
    return user.officeCode
  }
  if (user.role === 'bureauAdmin') {
    if (!officeCode) throw bad('officeCode', '请选择司法所')
    if (!ctx.deps.org.office(officeCode)) throw notFound('司法所')
    return officeCode
  }
  throw forbidden('只有司法所长可以设置咨询时段')
}

export interface SlotView {
  readonly id: string
  readonly officeCode: string
  readonly officeName: string
  readonly day: string
  readonly startsAt: string
  readonly endsAt: string
  readonly booking: {
    readonly id: string
    readonly receiptNo: string
    readonly applicantName: string
    readonly phoneMasked: string
    readonly topic: string
    readonly status: 'booked' | 'cancelled'
    readonly createdAt: string
    readonly cancelledAt: string | null
    readonly cancelledByResident: boolean
    /** wrong secrets locked the booking's receipt (the director may unlock it) */
    readonly receiptLocked: boolean
  } | null
  readonly cancelledCount: number
}

/**
 * The slots of one day in the caller's view, each with its live booking (or its latest cancelled one),
 * for the director's slot management and for the day's list of the director and the squad.
 */
export const daySlots = async (
  ctx: Context,
  user: User,
  input: { day: string; officeCode?: string | undefined },
): Promise<ReadonlyArray<SlotView>> => {
  const scope = appointmentScope(actorOf(user))
  if (scope.kind === 'none') return []
  let q = ctx.deps.db.selectFrom('consult_slots').selectAll().where('day', '=', input.day)
  if (scope.kind === 'office') q = q.where('office_code', '=', scope.office)
  if (scope.kind === 'area') q = q.where('area_code', '=', scope.squad)
  if (input.officeCode) q = q.where('office_code', '=', input.officeCode)
  const slots = await q.orderBy('starts_at').orderBy('office_code').limit(500).execute()
  if (slots.length === 0) return []
  const bookings = await ctx.deps.db
    .selectFrom('consult_bookings')
    .selectAll()
    .where(
      'slot_id',
      'in',
      slots.map((s) => s.id),
    )
    .orderBy('created_at', 'desc')
    .execute()
  const locked = await lockedReceipts(
    ctx.deps.db,
    bookings.map((b) => b.receipt_no),
  )
  return slots.map((s) => {
    const mine = bookings.filter((b) => b.slot_id === s.id)
    const b = mine.find((x) => x.status === 'booked') ?? mine[0] ?? null
    return {
      id: s.id,
      officeCode: s.office_code,
      officeName: officeName(ctx.deps.org, s.office_code),
      day: s.day,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      booking: b
        ? {
            id: b.id,
            receiptNo: b.receipt_no,
            applicantName: b.applicant_name,
            phoneMasked: b.phone_masked,
            topic: b.topic,
            status: b.status,
            createdAt: b.created_at,
            cancelledAt: b.cancelled_at,
            cancelledByResident: b.cancelled_by === 'resident',
            receiptLocked: locked.has(b.receipt_no),
          }
        : null,
      cancelledCount: mine.filter((x) => x.status === 'cancelled').length,
    }
  })
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** The director opens free slots on a day: each time for `minutes`. Times already open are refused. */
export const addSlots = async (
  ctx: Context,
  user: User,
  input: { officeCode?: string | undefined; day: string; times: ReadonlyArray<string>; minutes: number },
): Promise<{ created: number }> => {
  const office = managedOffice(ctx, user, input.officeCode)
  const { deps } = ctx
  const now = deps.clock()
  if (input.day < shanghaiDate(now)) throw bad('day', '不能设置今天以前的时段')
  const bad_ = input.times.find((t) => !TIME.test(t))
  if (bad_) throw bad('times', `时间 ${bad_} 无效，应为“时:分”`)
  const starts = [...new Set(input.times)].sort().map((t) => instant(input.day, t))
  for (let i = 1; i < starts.length; i++) {
    const prev = starts[i - 1] as Date
    if ((starts[i] as Date).getTime() - prev.getTime() < input.minutes * 60_000)
      throw bad('times', '时段之间不能重叠，请调整时间或时长')
  }
  if (starts.some((s) => s.getTime() <= now.getTime())) throw bad('times', '不能设置已经过去的时间')
  const existing = await deps.db
    .selectFrom('consult_slots')
    .select(['starts_at', 'ends_at'])
    .where('office_code', '=', office)
    .where('day', '=', input.day)
    .execute()
  for (const s of starts) {
    const end = s.getTime() + input.minutes * 60_000
    if (existing.some((e) => Date.parse(e.starts_at) < end && Date.parse(e.ends_at) > s.getTime()))
      throw bad('times', `${input.day} 已有与 ${s.toISOString().slice(11, 16)}（UTC）重叠的时段`)
  }
  const at = now.toISOString()
  const area = deps.org.areaOfOffice(office)
  await deps.db.transaction().execute(async (trx) => {
    const rows = starts.map((s) => ({
      id: newId(),
      office_code: office,
      area_code: area,
      day: input.day,
      starts_at: s.toISOString(),
      ends_at: new Date(s.getTime() + input.minutes * 60_000).toISOString(),
      created_by: user.id,
      created_at: at,
    }))
    for (const row of rows) await trx.insertInto('consult_slots').values(row).execute()
    await appendAudit(trx, deps.keys, {
      correlationId: ctx.req.correlationId,
      ip: ctx.req.ip,
      at: now,
      actor: auditActor(user),
      unit: officeUnit(deps.org, office),
      action: 'appointment.addSlots',
      subjectType: 'consultSlot',
      subjectId: rows[0]?.id ?? null,
      after: {
        day: input.day,
        times: [...new Set(input.times)].sort(),
        minutes: input.minutes,
        ids: rows.map((r) => r.id),
      },
    })
  })
  return { created: starts.length }
}

/** Withdraws a slot nobody ever booked (a booked or once-booked slot stays, with its history). */
export const removeSlot = async (ctx: Context, user: User, id: string): Promise<{ ok: true }> => {
  const { deps } = ctx
  const slot = await deps.db.selectFrom('consult_slots').selectAll().where('id', '=', id).executeTakeFirst()
  if (!slot) throw notFound('咨询时段')
  managedOffice(ctx, user, slot.office_code)
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const used = await trx
      .selectFrom('consult_bookings')
      .select('id')
      .where('slot_id', '=', id)
      .executeTakeFirst()
    if (used) throw conflict('该时段已有人预约过，不能删除', 'SlotBooked')
    await trx.deleteFrom('consult_slots').where('id', '=', id).execute()
    await appendAudit(trx, deps.keys, {
      correlationId: ctx.req.correlationId,
      ip: ctx.req.ip,
      at: now,
      actor: auditActor(user),
      unit: officeUnit(deps.org, slot.office_code),
      action: 'appointment.removeSlot',
      subjectType: 'consultSlot',
      subjectId: id,
      before: { day: slot.day, startsAt: slot.starts_at, endsAt: slot.ends_at },
    })
  })
  return { ok: true }
}

// ---------------------------------------------------------------------------------------------------
// Kiosk

/** The device office's free slots from now on, for the next two weeks: times only, nobody's data. */
export const freeSlots = async (
  ctx: Context,
  device: KioskDevice,
): Promise<Array<{ id: string; day: string; startsAt: string; endsAt: string }>> => {
  const now = ctx.deps.clock()
  const today = shanghaiDate(now)
  const rows = await ctx.deps.db
    .selectFrom('consult_slots')
    .select(['id', 'day', 'starts_at', 'ends_at'])
    .where('office_code', '=', device.officeCode)
    .where('day', '>=', today)
    .where('day', '<=', addDays(today, BOOKING_DAYS))
    .where('starts_at', '>', now.toISOString())
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('consult_bookings')
            .select('consult_bookings.id')
            .whereRef('consult_bookings.slot_id', '=', 'consult_slots.id')
            .where('consult_bookings.status', '=', 'booked'),
        ),
      ),
    )
    .orderBy('starts_at')
    .limit(200)
    .execute()
  return rows.map((r) => ({ id: r.id, day: r.day, startsAt: r.starts_at, endsAt: r.ends_at }))
}

const TAKEN = '这个时段刚刚被别人预约了，请选择其他时段'

export const bookSlot = async (
  ctx: Context,
  device: KioskDevice,
  input: {
    key: string
    slotId: string
    applicantName: string
    phone: string
    topic: ConsultTopic
    consent: true
  },
): Promise<PrintedReceipt & { startsAt: string; endsAt: string }> => {
  const { deps } = ctx
  const slot = await deps.db
    .selectFrom('consult_slots')
    .selectAll()
    .where('id', '=', input.slotId)
    .executeTakeFirst()
  // another office's slot is as good as none
  if (!slot || slot.office_code !== device.officeCode) throw bad('slotId', '该时段不存在，请重新选择')
  const withTimes = async (p: PrintedReceipt) => ({ ...p, startsAt: slot.starts_at, endsAt: slot.ends_at })
  return once(
    ctx,
    device,
    input.key,
    (r, secret) => printed(ctx, r.receipt_no, secret).then(withTimes),
    async () => {
      const now = deps.clock()
      if (Date.parse(slot.starts_at) <= now.getTime()) throw bad('slotId', '该时段已经过去，请选择其他时段')
      const live = () =>
        deps.db
          .selectFrom('consult_bookings')
          .select('id')
          .where('slot_id', '=', slot.id)
          .where('status', '=', 'booked')
          .executeTakeFirst()
      if (await live()) throw conflict(TAKEN, 'SlotTaken')
      let receiptNo = newReceiptNo('appointment', now, randomInt)
      for (let i = 0; i < 5 && (await receiptNoTaken(deps.db, receiptNo)); i++)
        receiptNo = newReceiptNo('appointment', now, randomInt)
      const id = newId()
      try {
        const secret = await deps.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('consult_bookings')
            .values({
              id,
              slot_id: slot.id,
              office_code: slot.office_code,
              area_code: slot.area_code,
              receipt_no: receiptNo,
              applicant_name: input.applicantName,
              phone_enc: encryptField(deps.keys, input.phone),
              phone_masked: `${input.phone.slice(0, 3)}****${input.phone.slice(7)}`,
              topic: input.topic,
              status: 'booked',
              created_at: now.toISOString(),
              cancelled_at: null,
              cancelled_by: null,
            })
            .execute()
          const secret = await insertReceipt(trx, deps.keys, {
            receiptNo,
            kind: 'appointment',
            subjectId: id,
            device,
            areaCode: slot.area_code,
            at: now.toISOString(),
            key: input.key,
          })
          await appendAudit(trx, deps.keys, {
            correlationId: ctx.req.correlationId,
            ip: ctx.req.ip,
            at: now,
            actor: { id: null, name: `自助终端：${device.label}`, role: 'kiosk' },
            action: 'appointment.book',
            unit: officeUnit(deps.org, slot.office_code),
            subjectType: 'consultBooking',
            subjectId: id,
            after: {
              receiptNo,
              slotId: slot.id,
              startsAt: slot.starts_at,
              topic: input.topic,
              status: 'booked',
            },
          })
          return secret
        })
        return withTimes(await printed(ctx, receiptNo, secret))
      } catch (error) {
        // the partial unique index refused a second live booking of the slot: the other resident won
        if (await live()) throw conflict(TAKEN, 'SlotTaken')
        throw error
      }
    },
  )
}

/** A resident cancels their booking with the receipt number and secret (wrong secrets count and lock). */
export const cancelBooking = async (
  ctx: Context,
  via: LookupVia,
  input: { receiptNo: string; secret: string },
): Promise<{ ok: true }> => {
  const receipt = await verifyReceipt(ctx, via, input, 'appointment')
  if (via.kind === 'kiosk' && via.device.officeCode !== receipt.office_code)
    throw fail('BAD_REQUEST', 'ReceiptOtherOffice', '该预约不是本司法所的，请到预约的司法所办理')
  const { deps } = ctx
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('consult_bookings')
      .set({ status: 'cancelled', cancelled_at: now.toISOString(), cancelled_by: 'resident' })
      .where('id', '=', receipt.subject_id)
      .where('status', '=', 'booked')
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1) throw conflict('该预约已经取消', 'BookingCancelled')
    await appendAudit(trx, deps.keys, {
      correlationId: ctx.req.correlationId,
      ip: ctx.req.ip,
      at: now,
      actor:
        via.kind === 'kiosk'
          ? { id: null, name: `自助终端：${via.device.label}`, role: 'kiosk' }
          : { id: null, name: '公众查询页', role: 'public' },
      action: 'appointment.cancel',
      unit: officeUnit(deps.org, receipt.office_code),
      subjectType: 'consultBooking',
      subjectId: receipt.subject_id,
      before: { status: 'booked' },
      after: { status: 'cancelled', by: 'resident' },
    })
  })
  return { ok: true }
}
