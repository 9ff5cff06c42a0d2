import type { Kysely } from 'kysely'

// Staff absence (请假 / 外出 of bureau staff, issue 3): who is away from when to when. Wartime commands
// read it so that an absent squad leader hands command to the stand-in (policy 三.2, 四.1), and absent
// roster members are excused from the call-up. Records are cancelled, never deleted.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('staff_leaves')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_code', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .execute()
  await db.schema
    .createIndex('staff_leaves_window')
    .on('staff_leaves')
    .columns(['ends_at', 'starts_at'])
    .execute()
  await db.schema
    .createIndex('staff_leaves_person')
    .on('staff_leaves')
    .columns(['person_code', 'starts_at'])
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('staff_leaves').execute()
}
