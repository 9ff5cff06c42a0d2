import type { Kysely } from 'kysely'

// Accounts and security administration (issue 13): one-time passwords that must be changed, password
// history, a second factor, the login log (separate from the operation audit), the security and system
// settings, and the user agent of a session (online users). Portable: text ids, ISO text timestamps,
// 0/1 integers.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('users').addColumn('totp_secret_enc', 'text').execute()
  await db.schema
    .alterTable('users')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute()
  // a session waiting for its second factor is not yet a session: it may only verify the code
  await db.schema
    .alterTable('sessions')
    .addColumn('pending_totp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('password_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('password_history_user')
    .on('password_history')
    .columns(['user_id', 'changed_at'])
    .execute()

  await db.schema
    .createTable('login_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('reason', 'text')
    .addColumn('by_user_id', 'text')
    .addColumn('by_name', 'text')
    .execute()
  await db.schema.createIndex('login_log_at').on('login_log').columns(['at', 'id']).execute()
  await db.schema.createIndex('login_log_user').on('login_log').columns(['username', 'at']).execute()

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('settings').execute()
  await db.schema.dropTable('login_log').execute()
  await db.schema.dropTable('password_history').execute()
  await db.schema.alterTable('sessions').dropColumn('pending_totp').execute()
  await db.schema.alterTable('sessions').dropColumn('user_agent').execute()
  await db.schema.alterTable('users').dropColumn('totp_enabled').execute()
  await db.schema.alterTable('users').dropColumn('totp_secret_enc').execute()
  await db.schema.alterTable('users').dropColumn('must_change_password').execute()
}
