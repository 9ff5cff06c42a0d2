import type { RecordScope } from '@pingzhan/domain'
import type { DbOrTrx, IntakeTable } from '../db/types.ts'
import { toBool } from '../shared.ts'
import { scopeWhere } from './scope.ts'

export type IntakeStatus = IntakeTable['status']

export interface Intake {
  readonly id: string
  readonly receiptNo: string
  readonly kind: string
  readonly officeCode: string
  readonly areaCode: string
  readonly createdAt: string
  readonly applicantName: string
  readonly phoneMasked: string
  readonly idNumberMasked: string
  readonly summary: string
  readonly otherParty: string
  readonly groupDispute: boolean
  readonly status: IntakeStatus
  readonly taskId: string | null
  readonly rejectReason: string | null
  readonly otherPartyConsent: IntakeTable['other_party_consent']
}

const COLUMNS = [
  'id',
  'receipt_no',
  'kind',
  'office_code',
  'area_code',
  'created_at',
  'applicant_name',
  'phone_masked',
  'id_number_masked',
  'summary',
  'other_party',
  'group_dispute',
  'status',
  'task_id',
  'reject_reason',
  'other_party_consent',
] as const

type Row = Pick<IntakeTable, (typeof COLUMNS)[number]>

const decode = (r: Row): Intake => ({
  id: r.id,
  receiptNo: r.receipt_no,
  kind: r.kind,
  officeCode: r.office_code,
  areaCode: r.area_code,
  createdAt: r.created_at,
  applicantName: r.applicant_name,
  phoneMasked: r.phone_masked,
  idNumberMasked: r.id_number_masked,
  summary: r.summary,
  otherParty: r.other_party,
  groupDispute: toBool(r.group_dispute),
  status: r.status,
  taskId: r.task_id,
  rejectReason: r.reject_reason,
  otherPartyConsent: r.other_party_consent,
})

export const insertIntake = async (
  db: DbOrTrx,
  row: Omit<IntakeTable, 'other_party_consent'> & {
    other_party_consent?: IntakeTable['other_party_consent']
  },
): Promise<void> => {
  await db
    .insertInto('intakes')
    .values({ ...row, other_party_consent: row.other_party_consent ?? null })
    .execute()
}

export const receiptExists = async (db: DbOrTrx, receiptNo: string): Promise<boolean> =>
  (await db.selectFrom('intakes').select('id').where('receipt_no', '=', receiptNo).executeTakeFirst()) !==
  undefined

/** Newest first, keyset on id (UUIDv7 ids sort by creation time). */
export const listIntakes = async (
  db: DbOrTrx,
  scope: RecordScope,
  filter: { status?: IntakeStatus | undefined; afterId?: string | undefined; limit: number },
): Promise<ReadonlyArray<Intake>> => {
  if (scope.kind === 'none') return []
  let q = db.selectFrom('intakes').select(COLUMNS).where(scopeWhere('intakes', scope))
  if (filter.status) q = q.where('status', '=', filter.status)
  if (filter.afterId) q = q.where('id', '<', filter.afterId)
  const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map(decode)
}

/** The intake if it lies within the scope; null otherwise (the caller answers NOT_FOUND). */
export const findIntakeInScope = async (
  db: DbOrTrx,
  scope: RecordScope,
  id: string,
): Promise<Intake | null> => {
  if (scope.kind === 'none') return null
  const row = await db
    .selectFrom('intakes')
    .select(COLUMNS)
    .where('id', '=', id)
    .where(scopeWhere('intakes', scope))
    .executeTakeFirst()
  return row ? decode(row) : null
}

/** Moves a `new` intake to a decision; false if someone decided it first. */
export const decideIntake = async (
  db: DbOrTrx,
  id: string,
  decision: {
    status: 'accepted' | 'rejected'
    taskId: string | null
    by: string
    at: string
    reason: string | null
  },
): Promise<boolean> => {
  const result = await db
    .updateTable('intakes')
    .set({
      status: decision.status,
      task_id: decision.taskId,
      decided_by: decision.by,
      decided_at: decision.at,
      reject_reason: decision.reason,
    })
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
