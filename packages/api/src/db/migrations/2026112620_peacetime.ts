import type { Kysely } from 'kysely'

// Issue 4, peacetime work: task recurrence and cancellation, evidence from the field (check-in, note,
// photo), the idempotency ledger of offline actions, and the mediation register (人民调解).
// Portable on both dialects: text ids, ISO text timestamps, double precision for coordinates.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('recurrence', 'text').execute()
  await db.schema.alterTable('tasks').addColumn('recurrence_of', 'text').execute()
  await db.schema.alterTable('tasks').addColumn('cancelled_at', 'text').execute()
  await db.schema.alterTable('tasks').addColumn('cancelled_by', 'text').execute()
  await db.schema.alterTable('tasks').addColumn('cancel_reason', 'text').execute()
  // Board filters by duty within a unit, and the calendar by due date.
  await db.schema
    .createIndex('tasks_squad_duty_due')
    .on('tasks')
    .columns(['squad_code', 'duty_code', 'due_at', 'id'])
    .execute()

  await db.schema
    .createTable('task_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    // when it happened on the phone (possibly offline), and when the server received it
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('accuracy', 'double precision')
    .addColumn('photo_mime', 'text')
    .addColumn('photo_data', 'text')
    .addColumn('action_key', 'text', (c) => c.notNull().unique())
    .execute()
  await db.schema.createIndex('task_evidence_task').on('task_evidence').columns(['task_id', 'id']).execute()

  // One row per offline action the server accepted: a replay with the same key is answered from here.
  await db.schema
    .createTable('task_actions')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('mediation_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('office_code', 'text', (c) => c.notNull().references('offices.code'))
    .addColumn('area_code', 'text', (c) => c.notNull().references('squads.code'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('intake_id', 'text', (c) => c.references('intakes.id'))
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('other_party', 'text', (c) => c.notNull())
    .addColumn('dispute_type', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('handled_elsewhere', 'text')
    .addColumn('refusal_reason', 'text')
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('target_date', 'text', (c) => c.notNull())
    .addColumn('agreement_text', 'text')
    .addColumn('agreement_date', 'text')
    .addColumn('confirmation_deadline', 'text')
    .addColumn('failure_note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('mediation_cases_office')
    .on('mediation_cases')
    .columns(['office_code', 'id'])
    .execute()
  await db.schema
    .createIndex('mediation_cases_area')
    .on('mediation_cases')
    .columns(['area_code', 'id'])
    .execute()

  await db.schema
    .createTable('mediation_case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('mediation_cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('changes_json', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('mediation_case_events_case')
    .on('mediation_case_events')
    .columns(['case_id', 'id'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['mediation_case_events', 'mediation_cases', 'task_actions', 'task_evidence']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
  await db.schema.dropIndex('tasks_squad_duty_due').ifExists().execute()
  for (const column of ['cancel_reason', 'cancelled_by', 'cancelled_at', 'recurrence_of', 'recurrence']) {
    await db.schema.alterTable('tasks').dropColumn(column).execute()
  }
}
