import type { Kysely } from 'kysely'

// Guardian consent for an applicant under 14 at the kiosk (issue 14; 个人信息保护法31, 民法典27): one row
// per intake (mediation request or legal-aid application) whose applicant was under 14 on the day of
// submission — the guardian's name, relation, ID number and phone (both encrypted, masked beside them)
// and when they consented, under which notice. Portable: text ids, ISO text timestamps.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('intake_guardians')
    .addColumn('intake_id', 'text', (c) => c.primaryKey().references('intakes.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text', (c) => c.notNull())
    .addColumn('id_number_masked', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('consented_at', 'text', (c) => c.notNull())
    .addColumn('notice_version', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('intake_guardians').execute()
}
