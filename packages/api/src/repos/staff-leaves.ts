import type { StaffLeaveTable } from '../db/leave-types.ts'
import type { DbOrTrx } from '../db/types.ts'

export interface StaffLeave {
  readonly id: string
  readonly personCode: string
  readonly areaCode: string | null
  readonly kind: 'leave' | 'out'
  readonly startsAt: string
  readonly endsAt: string
  readonly reason: string
  readonly recordedBy: string
  readonly recordedAt: string
  readonly cancelledAt: string | null
}

const decode = (r: StaffLeaveTable): StaffLeave => ({
  id: r.id,
  personCode: r.person_code,
  areaCode: r.area_code,
  kind: r.kind,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  reason: r.reason,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
  cancelledAt: r.cancelled_at,
})

/** The people away at `now`: a record not cancelled whose window [starts, ends) holds `now`. */
export const peopleOnLeaveAt = async (db: DbOrTrx, now: Date): Promise<ReadonlyArray<string>> => {
  const iso = now.toISOString()
  const rows = await db
    .selectFrom('staff_leaves')
    .select('person_code')
    .where('cancelled_at', 'is', null)
    .where('ends_at', '>', iso)
    .where('starts_at', '<=', iso)
    .execute()
  return [...new Set(rows.map((r) => r.person_code))]
}

export const insertStaffLeave = async (db: DbOrTrx, row: StaffLeaveTable): Promise<void> => {
  await db.insertInto('staff_leaves').values(row).execute()
}

export const findStaffLeave = async (db: DbOrTrx, id: string): Promise<StaffLeave | null> => {
  const row = await db.selectFrom('staff_leaves').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? decode(row) : null
}

/** Records not ended before `since`, newest start first; `people` limits them (null = everyone). */
export const listStaffLeaves = async (
  db: DbOrTrx,
  filter: { since: Date; people: ReadonlyArray<string> | null; limit: number },
): Promise<ReadonlyArray<StaffLeave>> => {
  if (filter.people !== null && filter.people.length === 0) return []
  let q = db
    .selectFrom('staff_leaves')
    .selectAll()
    .where('ends_at', '>', filter.since.toISOString())
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
  if (filter.people !== null) q = q.where('person_code', 'in', [...filter.people])
  return (await q.execute()).map(decode)
}

/** Marks a record cancelled; false when it was cancelled already (concurrent cancel). */
export const cancelStaffLeave = async (db: DbOrTrx, id: string, by: string, at: Date): Promise<boolean> => {
  const r = await db
    .updateTable('staff_leaves')
    .set({ cancelled_at: at.toISOString(), cancelled_by: by })
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}
