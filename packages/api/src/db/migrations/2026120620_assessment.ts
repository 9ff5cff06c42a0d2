import type { Kysely } from 'kysely'

// Assessment, rankings and oversight (issue 12, policy 四.1 and 四.3): scheme versions (published ones are
// never changed), year-end entries, accountability records, published period results, inspections (四不两直)
// with their findings and photos, and escalations to the party group raised from an inspection or by hand
// (an activation's escalations stay in its event log and are read from there).

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('assessment_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('row_version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('assessment_schemes_code_version', ['code', 'version'])
    .execute()

  await db.schema
    .createTable('assessment_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('unit_type', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assessment_entries_unit', ['year', 'unit_type', 'unit_code', 'entry'])
    .execute()

  await db.schema
    .createTable('accountability_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('unit_type', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoke_reason', 'text')
    .execute()
  await db.schema
    .createIndex('accountability_on')
    .on('accountability_records')
    .columns(['occurred_on'])
    .execute()

  await db.schema
    .createTable('assessment_publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period_key', 'text', (c) => c.notNull().unique())
    .addColumn('scheme_id', 'text', (c) => c.notNull().references('assessment_schemes.id'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('result_json', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('unit_type', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('checked', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('inspections_area')
    .on('inspections')
    .columns(['area_code', 'visited_at'])
    .execute()

  await db.schema
    .createTable('inspection_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('duty_code', 'text')
    .addColumn('task_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text')
    .addColumn('checked_by', 'text')
    .addColumn('check_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('inspection_findings_inspection')
    .on('inspection_findings')
    .columns(['inspection_id', 'seq'])
    .execute()

  await db.schema
    .createTable('inspection_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('inspections.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('inspection_photos_inspection')
    .on('inspection_photos')
    .columns(['inspection_id'])
    .execute()

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('area_code', 'text')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('arose_at', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decision_deadline', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('escalations_raised').on('escalations').columns(['raised_at']).execute()
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'escalations',
    'inspection_photos',
    'inspection_findings',
    'inspections',
    'assessment_publications',
    'accountability_records',
    'assessment_entries',
    'assessment_schemes',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
