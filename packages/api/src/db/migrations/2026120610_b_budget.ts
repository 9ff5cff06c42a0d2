import type { Kysely } from 'kysely'

// Shared means, part 2 (issue 11, policy 四.2): each office keeps its yearly budget line; the area pool is
// the sum of its offices' lines; the area's squad leader approves spending. Money is integer fen.
//
// Concurrent approvals never overspend: `area_pools` holds one row per area and year with budget,
// committed and spent; an approval commits with one conditional UPDATE
// (`... set committed = committed + x where budget - committed - spent >= x`) inside its transaction,
// so of two concurrent approvals that together exceed the pool one updates no row and is refused, on
// both dialects (PostgreSQL re-checks the condition after the row lock). An override by a bureau
// leader commits without the condition and records who and why.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('budget_lines')
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('budget_fen', 'bigint', (c) => c.notNull())
    .addColumn('committed_fen', 'bigint', (c) => c.notNull())
    .addColumn('spent_fen', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('budget_lines_pk', ['office_code', 'year'])
    .execute()
  await db.schema
    .createTable('area_pools')
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('budget_fen', 'bigint', (c) => c.notNull())
    .addColumn('committed_fen', 'bigint', (c) => c.notNull())
    .addColumn('spent_fen', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('area_pools_pk', ['area_code', 'year'])
    .execute()
  await db.schema
    .createTable('expense_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_code', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('duty_version', 'text', (c) => c.notNull())
    .addColumn('duty_code', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('needs_bureau', 'integer', (c) => c.notNull())
    .addColumn('squad_decided_by', 'text')
    .addColumn('squad_decided_at', 'text')
    .addColumn('bureau_decided_by', 'text')
    .addColumn('bureau_decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('override_by', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('committed_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('paid_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('expense_requests_area')
    .on('expense_requests')
    .columns(['area_code', 'year', 'requested_at'])
    .execute()
  await db.schema
    .createTable('expense_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('expense_requests.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('expense_receipts_request')
    .on('expense_receipts')
    .column('request_id')
    .execute()
  // Every movement of money, signed, for the monthly chart and the ledger's history.
  await db.schema
    .createTable('budget_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('office_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('by', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('budget_movements_area')
    .on('budget_movements')
    .columns(['area_code', 'year', 'at'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'budget_movements',
    'expense_receipts',
    'expense_requests',
    'area_pools',
    'budget_lines',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
