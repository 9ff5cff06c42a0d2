import type { Kysely } from 'kysely'

// TOTP replay protection (RFC 6238 §5.2): the time step of the last code accepted for a user. A code of
// that step or an earlier one is refused, so a code seen over a shoulder or in a log cannot be used again.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the untyped schema
type AnyDb = Kysely<any>

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute()
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute()
}
