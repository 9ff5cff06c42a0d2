import { createHash, randomInt } from 'node:crypto'
import { appendAudit } from '../audit/audit.ts'
import { randomToken, tokenHash } from '../crypto/keys.ts'
import {
  activateDevice,
  type Device,
  findDevice,
  insertDevice,
  listDevices,
  revokeDevice,
} from '../repos/devices.ts'
import type { User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import { type Context, KIOSK_COOKIE } from '../trpc/context.ts'
import { fail, forbidden, notFound } from '../trpc/errors.ts'
import { auditActor, officeName, officeUnit } from './units.ts'

const ACTIVATION_MS = 24 * 3600_000
const KIOSK_COOKIE_SECONDS = 5 * 365 * 24 * 3600
// Crockford base32: no I, L, O, U — easy to read off a screen and type on a kiosk.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

const newActivationCode = (): string => {
  let code = ''
  for (let i = 0; i < 12; i++) code += ALPHABET.charAt(randomInt(ALPHABET.length))
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`
}

const normaliseCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '')

const codeHash = (code: string): string =>
  createHash('sha256')
    .update(`activation:${normaliseCode(code)}`)
    .digest('hex')

export interface DeviceItem {
  readonly id: string
  readonly officeCode: string
  readonly officeName: string
  readonly label: string
  readonly status: Device['status']
  readonly createdAt: string
  readonly activatedAt: string | null
}

const toItem = (ctx: Context, d: Device): DeviceItem => ({
  id: d.id,
  officeCode: d.officeCode,
  officeName: officeName(ctx.deps.org, d.officeCode),
  label: d.label,
  status: d.status,
  createdAt: d.createdAt,
  activatedAt: d.activatedAt,
})

/** bureauAdmin: every office; officeDirector: their own. */
const officeFilter = (user: User): string | null =>
  user.role === 'bureauAdmin' ? null : (user.officeCode ?? '-')

export const listDeviceItems = async (ctx: Context, user: User): Promise<ReadonlyArray<DeviceItem>> =>
  (await listDevices(ctx.deps.db, officeFilter(user))).map((d) => toItem(ctx, d))

export const registerDevice = async (
  ctx: Context,
  user: User,
  input: { officeCode: string; label: string },
): Promise<{ id: string; activationCode: string; expiresAt: string }> => {
  const { deps, req } = ctx
  if (deps.org.office(input.officeCode) === undefined) {
    throw fail('BAD_REQUEST', 'UnknownOffice', '司法所不存在', { officeCode: '司法所不存在' })
  }
  if (user.role !== 'bureauAdmin' && user.officeCode !== input.officeCode) {
    throw forbidden('只能为本所登记终端')
  }
  const now = deps.clock()
  const id = newId()
  const activationCode = newActivationCode()
  const expiresAt = new Date(now.getTime() + ACTIVATION_MS).toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await insertDevice(trx, {
      id,
      officeCode: input.officeCode,
      label: input.label,
      codeHash: codeHash(activationCode),
      expiresAt,
      createdBy: user.id,
      at: now.toISOString(),
    })
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: auditActor(user),
      action: 'device.register',
      unit: officeUnit(deps.org, input.officeCode),
      subjectType: 'device',
      subjectId: id,
      after: { officeCode: input.officeCode, label: input.label, status: 'pending', expiresAt },
    })
  })
  return { id, activationCode, expiresAt }
}

export const revokeDeviceById = async (ctx: Context, user: User, id: string): Promise<{ ok: true }> => {
  const { deps, req } = ctx
  const device = await findDevice(deps.db, id)
  const filter = officeFilter(user)
  if (device === null || (filter !== null && device.officeCode !== filter)) throw notFound('终端')
  if (device.status === 'revoked') return { ok: true }
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    await revokeDevice(trx, id, now)
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: auditActor(user),
      action: 'device.revoke',
      unit: officeUnit(deps.org, device.officeCode),
      subjectType: 'device',
      subjectId: id,
      before: { status: device.status },
      after: { status: 'revoked' },
    })
  })
  return { ok: true }
}

const BIND_ATTEMPTS_PER_IP = 20
const BIND_WINDOW_MS = 10 * 60_000

/** Binds this browser to the device whose one-time code it presents; the office comes from the device. */
export const bindKiosk = async (ctx: Context, code: string): Promise<{ officeName: string }> => {
  const { deps, req } = ctx
  const now = deps.clock()
  if (
    !(await deps.limiter.hit(`bind:${req.ip ?? '-'}`, BIND_ATTEMPTS_PER_IP, BIND_WINDOW_MS, now.getTime()))
  ) {
    throw fail('TOO_MANY_REQUESTS', 'KioskRateLimited', '尝试过于频繁，请稍后再试')
  }
  const token = randomToken()
  const device = await deps.db.transaction().execute(async (trx) => {
    const activated = await activateDevice(trx, codeHash(code), tokenHash(token), now)
    if (activated === null) return null
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: { id: null, name: `自助终端：${activated.label}`, role: 'kiosk' },
      action: 'device.activate',
      unit: officeUnit(deps.org, activated.officeCode),
      subjectType: 'device',
      subjectId: activated.id,
      before: { status: 'pending' },
      after: { status: 'active' },
    })
    return activated
  })
  if (device === null) {
    throw fail('BAD_REQUEST', 'ActivationCodeInvalid', '登记码无效或已过期', { code: '登记码无效或已过期' })
  }
  req.setCookie(KIOSK_COOKIE, token, { maxAgeSeconds: KIOSK_COOKIE_SECONDS })
  return { officeName: officeName(deps.org, device.officeCode) }
}
