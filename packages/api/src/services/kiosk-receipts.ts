// Kiosk receipts (issue 14): every request a resident makes at the kiosk (mediation, legal aid,
// consultation appointment) gets a receipt number and an 8-digit secret printed on the receipt. Only an
// HMAC of the secret is stored. The status lookup — at the bound kiosk or on the public page the
// receipt's QR code opens — needs both and answers only the stage of that one request.
//
// Idempotency: the kiosk sends a key with each submission and keeps it until it has the answer. The
// receipt row stores a hash of (device, key) under a unique index, and the secret is derived from the
// same pair with a server key, so a submission retried after a lost answer returns the first receipt and
// the same secret, and creates nothing twice.
//
// Limits (docs/CONTRACT.md): per window of KIOSK_LIMIT_WINDOW_MINUTES, lookups are counted per client IP
// (public page, STATUS_LIMIT_PER_IP), per bound kiosk (STATUS_LIMIT_PER_DEVICE) and per receipt number
// (STATUS_LIMIT_PER_RECEIPT, whoever asks); STATUS_MAX_FAILURES wrong secrets lock the receipt in the
// database (a correct secret resets the count). An unknown receipt number and a wrong secret get the
// same answer. Every lookup is audited, successful or not.
import { timingSafeEqual } from 'node:crypto'
import { isInScope, receiptUnlockScope } from '@pingzhan/domain'
import QRCode from 'qrcode'
import { appendAudit } from '../audit/audit.ts'
import { type DataKeys, hmacSm3, tokenHash } from '../crypto/keys.ts'
import type { KioskReceiptTable, ReceiptKind } from '../db/kiosk-types.ts'
import type { DbOrTrx, Trx } from '../db/types.ts'
import type { KioskDevice } from '../repos/devices.ts'
import type { User } from '../repos/users.ts'
import { shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { LEGAL_AID_STATUS_TEXT } from './legal-aid.ts'
import { auditActor, officeName, officeUnit } from './units.ts'

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
const PREFIX: Record<ReceiptKind, string> = { mediation: 'TJ', legalAid: 'FY', appointment: 'YY' }
export const RECEIPT_NO = /^(TJ|FY|YY)\d{8}-[2-9A-HJKMNP-TV-Z]{6}$/
export const SECRET = /^\d{8}$/

const secretKey = (keys: DataKeys): Buffer => hmacSm3(keys.fieldMac, 'pingzhan/receipt-secret/v1')

/** A receipt number from 30 unambiguous characters (no 0/O, 1/I/L, U). `pick` gives 0 ≤ n < 30. */
export const newReceiptNo = (kind: ReceiptKind, at: Date, pick: (n: number) => number): string => {
  let suffix = ''
  for (let i = 0; i < 6; i++) suffix += ALPHABET.charAt(pick(ALPHABET.length))
  return `${PREFIX[kind]}${shanghaiDate(at).replaceAll('-', '')}-${suffix}`
}

/** The 8-digit secret of a submission: derived from the device and its idempotency key. */
export const secretOf = (keys: DataKeys, deviceId: string, key: string): string => {
  const mac = hmacSm3(secretKey(keys), `${deviceId}|${key}`)
  return String(mac.readUInt32BE(0) % 100_000_000).padStart(8, '0')
}

const secretHash = (keys: DataKeys, receiptNo: string, secret: string): string =>
  hmacSm3(keys.blindIndex, `receipt|${receiptNo}|${secret}`).toString('hex')

const idemHash = (deviceId: string, key: string): string => tokenHash(`kiosk|${deviceId}|${key}`)

/** The receipt a device already made for this idempotency key, if any. */
export const receiptForKey = async (
  db: DbOrTrx,
  deviceId: string,
  key: string,
): Promise<KioskReceiptTable | null> =>
  (await db
    .selectFrom('kiosk_receipts')
    .selectAll()
    .where('idem_hash', '=', idemHash(deviceId, key))
    .executeTakeFirst()) ?? null

export const receiptNoTaken = async (db: DbOrTrx, receiptNo: string): Promise<boolean> =>
  (await db
    .selectFrom('kiosk_receipts')
    .select('receipt_no')
    .where('receipt_no', '=', receiptNo)
    .executeTakeFirst()) !== undefined

/** Inside the submission's transaction: the receipt row, with only the secret's hash. */
export const insertReceipt = async (
  trx: Trx,
  keys: DataKeys,
  r: {
    receiptNo: string
    kind: ReceiptKind
    subjectId: string
    device: KioskDevice
    areaCode: string
    at: string
    key: string
  },
): Promise<string> => {
  const secret = secretOf(keys, r.device.id, r.key)
  await trx
    .insertInto('kiosk_receipts')
    .values({
      receipt_no: r.receiptNo,
      kind: r.kind,
      subject_id: r.subjectId,
      office_code: r.device.officeCode,
      area_code: r.areaCode,
      device_id: r.device.id,
      created_at: r.at,
      secret_hash: secretHash(keys, r.receiptNo, secret),
      failed_attempts: 0,
      locked_at: null,
      idem_hash: idemHash(r.device.id, r.key),
    })
    .execute()
  return secret
}

/**
 * Runs a submission once per (device, key): a retry of a finished one, or one racing it with the same
 * key (the unique index refuses the second insert), returns the receipt of the first.
 */
export const once = async <T>(
  ctx: Context,
  device: KioskDevice,
  key: string,
  replay: (receipt: KioskReceiptTable, secret: string) => Promise<T>,
  run: () => Promise<T>,
): Promise<T> => {
  const db = ctx.deps.db
  const done = await receiptForKey(db, device.id, key)
  if (done) return replay(done, secretOf(ctx.deps.keys, device.id, key))
  try {
    return await run()
  } catch (error) {
    const raced = await receiptForKey(db, device.id, key)
    if (raced) return replay(raced, secretOf(ctx.deps.keys, device.id, key))
    throw error
  }
}

/** The public status page of a receipt, for its QR code: the origin the kiosk itself was served from. */
export const statusUrl = (ctx: Context, receiptNo: string): string => {
  const origin = ctx.req.origin ?? `http://${ctx.req.host ?? '127.0.0.1'}`
  return `${origin}/kiosk/status?no=${encodeURIComponent(receiptNo)}`
}

/** The QR code as an SVG document (generated here, so the kiosk bundles no QR encoder). */
export const qrSvg = (url: string): Promise<string> =>
  QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  })

export interface PrintedReceipt {
  readonly receiptNo: string
  readonly secret: string
  readonly statusUrl: string
  readonly qrSvg: string
}

export const printed = async (ctx: Context, receiptNo: string, secret: string): Promise<PrintedReceipt> => {
  const url = statusUrl(ctx, receiptNo)
  return { receiptNo, secret, statusUrl: url, qrSvg: await qrSvg(url) }
}

/** Output DTO of every kiosk submission: exactly these fields leave. */
export const PrintedOutput = (v: unknown): PrintedReceipt => {
  const r = v as PrintedReceipt
  return {
    receiptNo: String(r.receiptNo),
    secret: String(r.secret),
    statusUrl: String(r.statusUrl),
    qrSvg: String(r.qrSvg),
  }
}

// ---------------------------------------------------------------------------------------------------
// Status lookup

export interface ReceiptStatus {
  readonly receiptNo: string
  /** 人民调解申请 / 法律援助申请 / 法律咨询预约 */
  readonly kindLabel: string
  readonly officeName: string
  /** the stage, in plain words */
  readonly stage: string
  /** one more line about the stage (a deadline, the booked time), never personal data */
  readonly detail: string | null
}

export const StatusOutput = (v: unknown): ReceiptStatus => {
  const r = v as ReceiptStatus
  return {
    receiptNo: String(r.receiptNo),
    kindLabel: String(r.kindLabel),
    officeName: String(r.officeName),
    stage: String(r.stage),
    detail: r.detail === null ? null : String(r.detail),
  }
}

const KIND_LABEL: Record<ReceiptKind, string> = {
  mediation: '人民调解申请',
  legalAid: '法律援助申请',
  appointment: '法律咨询预约',
}

const MEDIATION_STAGE: Record<string, string> = {
  accepted: '司法所已受理，正在安排调解',
  mediating: '正在调解',
  agreement: '已达成调解协议',
  failed: '调解未达成协议，调解已终止',
  refused: '司法所不予调解（纠纷已由法院、公安机关或其他部门处理）',
}

const WAITING = '已提交，等待司法所受理'
const RETURNED = '司法所未予受理，请到司法所窗口了解原因'

const formatDay = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
const hhmm = (iso: string): string =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso))

/** The stage of the request behind a receipt: reads that one record and nothing else. */
const stageOf = async (
  ctx: Context,
  r: KioskReceiptTable,
): Promise<{ stage: string; detail: string | null }> => {
  const db = ctx.deps.db
  if (r.kind === 'appointment') {
    const b = await db
      .selectFrom('consult_bookings')
      .innerJoin('consult_slots', 'consult_slots.id', 'consult_bookings.slot_id')
      .select([
        'consult_bookings.status',
        'consult_slots.day',
        'consult_slots.starts_at',
        'consult_slots.ends_at',
      ])
      .where('consult_bookings.id', '=', r.subject_id)
      .executeTakeFirst()
    if (!b) return { stage: '查无此预约', detail: null }
    const when = `${formatDay(b.day)} ${hhmm(b.starts_at)}–${hhmm(b.ends_at)}`
    if (b.status === 'cancelled') return { stage: '预约已取消', detail: `原预约时间：${when}` }
    if (Date.parse(b.ends_at) < ctx.deps.clock().getTime()) return { stage: '预约时间已过', detail: when }
    return { stage: '已预约', detail: `请于 ${when} 到司法所咨询` }
  }
  const intake = await db
    .selectFrom('intakes')
    .select(['status'])
    .where('id', '=', r.subject_id)
    .executeTakeFirst()
  if (!intake) return { stage: '查无此申请', detail: null }
  if (intake.status === 'new') return { stage: WAITING, detail: null }
  if (intake.status === 'rejected') return { stage: RETURNED, detail: null }
  if (r.kind === 'mediation') {
    const c = await db
      .selectFrom('mediation_cases')
      .select(['status'])
      .where('intake_id', '=', r.subject_id)
      .executeTakeFirst()
    return { stage: c ? (MEDIATION_STAGE[c.status] ?? '已受理') : '司法所已受理', detail: null }
  }
  const c = await db
    .selectFrom('intake_legal_aid')
    .innerJoin('legal_aid_cases', 'legal_aid_cases.id', 'intake_legal_aid.legal_aid_id')
    .select(['legal_aid_cases.status', 'legal_aid_cases.decision_deadline', 'legal_aid_cases.materials_due'])
    .where('intake_legal_aid.intake_id', '=', r.subject_id)
    .executeTakeFirst()
  if (!c) return { stage: '司法所已受理', detail: null }
  const stage = `司法所已受理：${LEGAL_AID_STATUS_TEXT[c.status]}`
  if (c.status === 'awaiting_materials')
    return { stage, detail: c.materials_due ? `请在 ${formatDay(c.materials_due)} 前补充材料` : null }
  if (c.status === 'received' || c.status === 'forwarded')
    return {
      stage,
      detail: `县法律援助中心应在 ${formatDay(c.decision_deadline)} 前作出是否给予法律援助的决定`,
    }
  return { stage, detail: null }
}

const WRONG = '受理编号或查询码不正确，请核对回执上的编号和查询码'
const LOCKED = '该受理编号的查询码输入错误次数过多，已锁定。请携带身份证件到司法所窗口查询'
const TOO_MANY = '查询过于频繁，请稍后再试'

export type LookupVia = { readonly kind: 'kiosk'; readonly device: KioskDevice } | { readonly kind: 'public' }

/** Counted before the input is parsed, so malformed floods are limited too. */
export const checkLookupRate = async (ctx: Context, via: LookupVia): Promise<void> => {
  const { limiter, config, clock } = ctx.deps
  const windowMs = config.kioskLimits.windowMinutes * 60_000
  const now = clock().getTime()
  const ok =
    via.kind === 'kiosk'
      ? await limiter.hit(`status-device:${via.device.id}`, config.statusLimits.perDevice, windowMs, now)
      : await limiter.hit(`status-ip:${ctx.req.ip ?? '-'}`, config.statusLimits.perIp, windowMs, now)
  if (!ok) throw fail('TOO_MANY_REQUESTS', 'StatusRateLimited', TOO_MANY)
}

type Outcome = 'ok' | 'wrongSecret' | 'unknown' | 'locked' | 'lockedNow' | 'limited'

const auditLookup = async (
  trx: Trx,
  ctx: Context,
  via: LookupVia,
  receiptNo: string,
  receipt: KioskReceiptTable | null,
  outcome: Outcome,
): Promise<void> => {
  await appendAudit(trx, ctx.deps.keys, {
    correlationId: ctx.req.correlationId,
    ip: ctx.req.ip,
    at: ctx.deps.clock(),
    actor:
      via.kind === 'kiosk'
        ? { id: null, name: `自助终端：${via.device.label}`, role: 'kiosk' }
        : { id: null, name: '公众查询页', role: 'public' },
    action: 'receipt.lookup',
    unit: receipt ? officeUnit(ctx.deps.org, receipt.office_code) : null,
    subjectType: 'receipt',
    subjectId: receipt ? receipt.receipt_no : null,
    after: { outcome, receiptNo, failedAttempts: receipt?.failed_attempts ?? null },
  })
}

/**
 * The stage of one request, for whoever holds its receipt number and secret. A wrong secret counts
 * against the receipt (conditional update in the database: concurrent wrong guesses all count) and
 * the receipt locks at the limit; every lookup leaves an audit row.
 */
export const lookupStatus = async (
  ctx: Context,
  via: LookupVia,
  input: { receiptNo: string; secret: string },
): Promise<ReceiptStatus> => {
  const { deps } = ctx
  const receiptNo = input.receiptNo.trim().toUpperCase()
  const secret = input.secret.replace(/\s+/g, '')
  const now = deps.clock()
  const windowMs = deps.config.kioskLimits.windowMinutes * 60_000
  const receiptOk = await deps.limiter.hit(
    `status-receipt:${receiptNo}`,
    deps.config.statusLimits.perReceipt,
    windowMs,
    now.getTime(),
  )
  const found = RECEIPT_NO.test(receiptNo)
    ? ((await deps.db
        .selectFrom('kiosk_receipts')
        .selectAll()
        .where('receipt_no', '=', receiptNo)
        .executeTakeFirst()) ?? null)
    : null
  if (!receiptOk) {
    await deps.db.transaction().execute((trx) => auditLookup(trx, ctx, via, receiptNo, found, 'limited'))
    throw fail('TOO_MANY_REQUESTS', 'StatusRateLimited', TOO_MANY)
  }
  if (found === null) {
    await deps.db.transaction().execute((trx) => auditLookup(trx, ctx, via, receiptNo, null, 'unknown'))
    throw fail('BAD_REQUEST', 'ReceiptNotMatched', WRONG, { secret: WRONG })
  }
  if (found.locked_at !== null) {
    await deps.db.transaction().execute((trx) => auditLookup(trx, ctx, via, receiptNo, found, 'locked'))
    throw fail('FORBIDDEN', 'ReceiptLocked', LOCKED)
  }
  const expected = Buffer.from(found.secret_hash, 'hex')
  const given = Buffer.from(SECRET.test(secret) ? secretHash(deps.keys, receiptNo, secret) : '', 'hex')
  const match = given.length === expected.length && timingSafeEqual(given, expected)
  if (!match) {
    const max = deps.config.statusLimits.maxFailures
    const lockedNow = await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('kiosk_receipts')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('receipt_no', '=', receiptNo)
        .execute()
      const locked = await trx
        .updateTable('kiosk_receipts')
        .set({ locked_at: now.toISOString() })
        .where('receipt_no', '=', receiptNo)
        .where('locked_at', 'is', null)
        .where('failed_attempts', '>=', max)
        .executeTakeFirst()
      const after = await trx
        .selectFrom('kiosk_receipts')
        .selectAll()
        .where('receipt_no', '=', receiptNo)
        .executeTakeFirstOrThrow()
      const now2 = Number(locked.numUpdatedRows) === 1
      await auditLookup(trx, ctx, via, receiptNo, after, now2 ? 'lockedNow' : 'wrongSecret')
      return after.locked_at !== null
    })
    if (lockedNow) throw fail('FORBIDDEN', 'ReceiptLocked', LOCKED)
    throw fail('BAD_REQUEST', 'ReceiptNotMatched', WRONG, { secret: WRONG })
  }
  const { stage, detail } = await stageOf(ctx, found)
  await deps.db.transaction().execute(async (trx) => {
    if (Number(found.failed_attempts) > 0)
      await trx
        .updateTable('kiosk_receipts')
        .set({ failed_attempts: 0 })
        .where('receipt_no', '=', receiptNo)
        .where('locked_at', 'is', null)
        .execute()
    await auditLookup(trx, ctx, via, receiptNo, found, 'ok')
  })
  return {
    receiptNo,
    kindLabel: KIND_LABEL[found.kind],
    officeName: officeName(deps.org, found.office_code),
    stage,
    detail,
  }
}

/** Checks receipt + secret for a resident's own action (cancelling a booking); same counting and lock. */
export const verifyReceipt = async (
  ctx: Context,
  via: LookupVia,
  input: { receiptNo: string; secret: string },
  kind: ReceiptKind,
): Promise<KioskReceiptTable> => {
  await lookupStatus(ctx, via, input)
  const r = await ctx.deps.db
    .selectFrom('kiosk_receipts')
    .selectAll()
    .where('receipt_no', '=', input.receiptNo.trim().toUpperCase())
    .executeTakeFirstOrThrow()
  if (r.kind !== kind) throw fail('BAD_REQUEST', 'ReceiptWrongKind', `该受理编号不是${KIND_LABEL[kind]}`)
  return r
}

// ---------------------------------------------------------------------------------------------------
// Unlock (console)

/**
 * The director of the receipt's office (or the administrator) unlocks a receipt that wrong secrets
 * locked, once the resident has shown their ID card at the window: the count starts again from zero
 * and the same secret works again. Out of scope is as good as unknown (NOT_FOUND); a receipt that is
 * not locked is a CONFLICT; audited with the lock it lifted and the reason.
 */
export const unlockReceipt = async (
  ctx: Context,
  user: User,
  input: { receiptNo: string; reason: string },
): Promise<{ receiptNo: string; unlocked: true }> => {
  const { deps } = ctx
  const receiptNo = input.receiptNo.trim().toUpperCase()
  const scope = receiptUnlockScope(actorOf(user))
  const found = RECEIPT_NO.test(receiptNo)
    ? await deps.db
        .selectFrom('kiosk_receipts')
        .selectAll()
        .where('receipt_no', '=', receiptNo)
        .executeTakeFirst()
    : undefined
  if (!found || !isInScope(scope, { office: found.office_code, squad: found.area_code }))
    throw notFound('受理编号')
  if (found.locked_at === null) throw conflict('该受理编号未被锁定，无需解锁', 'ReceiptNotLocked')
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('kiosk_receipts')
      .set({ locked_at: null, failed_attempts: 0 })
      .where('receipt_no', '=', receiptNo)
      .where('locked_at', 'is not', null)
      .executeTakeFirst()
    if (Number(done.numUpdatedRows) !== 1)
      throw conflict('该受理编号已被他人解锁，请刷新后查看', 'ReceiptNotLocked')
    await appendAudit(trx, deps.keys, {
      correlationId: ctx.req.correlationId,
      ip: ctx.req.ip,
      at: now,
      actor: auditActor(user),
      unit: officeUnit(deps.org, found.office_code),
      action: 'receipt.unlock',
      subjectType: 'receipt',
      subjectId: receiptNo,
      before: { lockedAt: found.locked_at, failedAttempts: Number(found.failed_attempts) },
      after: { lockedAt: null, failedAttempts: 0, reason: input.reason },
    })
  })
  return { receiptNo, unlocked: true }
}

/** Which of these receipt numbers are locked now (for the console's lists). */
export const lockedReceipts = async (
  db: DbOrTrx,
  receiptNos: ReadonlyArray<string>,
): Promise<Set<string>> => {
  if (receiptNos.length === 0) return new Set()
  const rows = await db
    .selectFrom('kiosk_receipts')
    .select('receipt_no')
    .where('receipt_no', 'in', [...receiptNos])
    .where('locked_at', 'is not', null)
    .execute()
  return new Set(rows.map((r) => r.receipt_no))
}
