import type { DbOrTrx, DeviceTable } from '../db/types.ts'

export interface KioskDevice {
  readonly id: string
  readonly officeCode: string
  readonly label: string
}

export interface Device extends KioskDevice {
  readonly status: DeviceTable['status']
  readonly createdAt: string
  readonly activatedAt: string | null
  readonly activationExpiresAt: string | null
}

const decode = (row: DeviceTable): Device => ({
  id: row.id,
  officeCode: row.office_code,
  label: row.label,
  status: row.status,
  createdAt: row.created_at,
  activatedAt: row.activated_at,
  activationExpiresAt: row.activation_expires_at,
})

export const insertDevice = async (
  db: DbOrTrx,
  d: {
    id: string
    officeCode: string
    label: string
    codeHash: string
    expiresAt: string
    createdBy: string
    at: string
  },
): Promise<void> => {
  await db
    .insertInto('devices')
    .values({
      id: d.id,
      office_code: d.officeCode,
      label: d.label,
      status: 'pending',
      activation_code_hash: d.codeHash,
      activation_expires_at: d.expiresAt,
      token_hash: null,
      created_by: d.createdBy,
      created_at: d.at,
      activated_at: null,
      revoked_at: null,
    })
    .execute()
}

export const listDevices = async (db: DbOrTrx, officeCode: string | null): Promise<ReadonlyArray<Device>> => {
  let q = db.selectFrom('devices').selectAll()
  if (officeCode !== null) q = q.where('office_code', '=', officeCode)
  const rows = await q.orderBy('office_code').orderBy('id', 'desc').limit(1000).execute()
  return rows.map(decode)
}

export const findDevice = async (db: DbOrTrx, id: string): Promise<Device | null> => {
  const row = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? decode(row) : null
}

/** Consumes a pending, unexpired activation code; returns the device it belonged to. */
export const activateDevice = async (
  db: DbOrTrx,
  codeHash: string,
  newTokenHash: string,
  now: Date,
): Promise<Device | null> => {
  const row = await db
    .selectFrom('devices')
    .selectAll()
    .where('activation_code_hash', '=', codeHash)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  if (!row || row.activation_expires_at === null || Date.parse(row.activation_expires_at) <= now.getTime()) {
    return null
  }
  await db
    .updateTable('devices')
    .set({
      status: 'active',
      activation_code_hash: null,
      activation_expires_at: null,
      token_hash: newTokenHash,
      activated_at: now.toISOString(),
    })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .execute()
  return decode({ ...row, status: 'active', activated_at: now.toISOString() })
}

export const revokeDevice = async (db: DbOrTrx, id: string, now: Date): Promise<void> => {
  await db
    .updateTable('devices')
    .set({ status: 'revoked', token_hash: null, activation_code_hash: null, revoked_at: now.toISOString() })
    .where('id', '=', id)
    .execute()
}

export const findActiveDevice = async (db: DbOrTrx, tokenHash: string): Promise<KioskDevice | null> => {
  const row = await db
    .selectFrom('devices')
    .select(['id', 'office_code', 'label'])
    .where('token_hash', '=', tokenHash)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return row ? { id: row.id, officeCode: row.office_code, label: row.label } : null
}
