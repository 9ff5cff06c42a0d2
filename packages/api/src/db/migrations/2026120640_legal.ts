import type { Kysely } from 'kysely'

// Every period on the one calendar, and the legal checks that were missing (issue 16):
// - mediation: whether the target and the confirmation window were counted without the year's
//   schedule (provisional), the parties' refusal (人民调解法17) and the joint application for judicial
//   confirmation (人民调解法33);
// - kiosk intake: what the applicant says of the other party's consent to mediation (人民调解法17);
// - legal aid: the designation of legal-aid personnel within 3 days of a grant (法律援助法43) and the
//   written notice of a refusal with its reason.
// Portable: ADD COLUMN with a constant default works alike on SQLite and PostgreSQL.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

const columns: ReadonlyArray<readonly [string, string, 'text' | 'integer', boolean]> = [
  ['mediation_cases', 'target_provisional', 'integer', true],
  ['mediation_cases', 'confirmation_provisional', 'integer', true],
  ['mediation_cases', 'refused_by_party', 'integer', true],
  ['mediation_cases', 'confirmation_applied_on', 'text', false],
  ['intakes', 'other_party_consent', 'text', false],
  ['legal_aid_cases', 'designation_due', 'text', false],
  ['legal_aid_cases', 'designation_provisional', 'integer', true],
  ['legal_aid_cases', 'designation_task_id', 'text', false],
  ['legal_aid_cases', 'designated_person', 'text', false],
  ['legal_aid_cases', 'designated_on', 'text', false],
  ['legal_aid_cases', 'applicant_notified_on', 'text', false],
  ['legal_aid_cases', 'refusal_notified_on', 'text', false],
]

export async function up(db: AnyDb): Promise<void> {
  for (const [table, column, type, flag] of columns) {
    await db.schema
      .alterTable(table)
      .addColumn(column, type, (c) => (flag ? c.notNull().defaultTo(0) : c))
      .execute()
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const [table, column] of [...columns].reverse()) {
    await db.schema.alterTable(table).dropColumn(column).execute()
  }
}
