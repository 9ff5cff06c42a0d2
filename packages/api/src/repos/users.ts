import type { Role } from '@pingzhan/domain'
import type { Selectable } from 'kysely'
import type { DbOrTrx, UserTable } from '../db/types.ts'
import { toBool } from '../shared.ts'

export interface User {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: Role
  readonly personCode: string | null
  readonly officeCode: string | null
  /** Own squad for squad staff; liaison squad for a bureau leader. */
  readonly squadCode: string | null
  readonly departmentCode: string | null
  readonly disabled: boolean
  /** issue 13: a one-time password was issued and has not been changed yet */
  readonly mustChangePassword: boolean
  readonly passwordChangedAt: string
  /** a demo account (demo mode): its published password never expires */
  readonly demo: boolean
  readonly totpEnabled: boolean
}

export interface UserWithSecret extends User {
  readonly passwordHash: string
  readonly failedCount: number
  readonly lockedUntil: string | null
}

type UserRow = Pick<
  Selectable<UserTable>,
  | 'id'
  | 'username'
  | 'display_name'
  | 'role'
  | 'person_code'
  | 'office_code'
  | 'squad_code'
  | 'department_code'
  | 'disabled'
  | 'must_change_password'
  | 'password_changed_at'
  | 'demo'
  | 'totp_enabled'
>

export const USER_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.person_code',
  'users.office_code',
  'users.squad_code',
  'users.department_code',
  'users.disabled',
  'users.must_change_password',
  'users.password_changed_at',
  'users.demo',
  'users.totp_enabled',
] as const

export const decodeUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role as Role,
  personCode: row.person_code,
  officeCode: row.office_code,
  squadCode: row.squad_code,
  departmentCode: row.department_code,
  disabled: toBool(Number(row.disabled)),
  mustChangePassword: toBool(Number(row.must_change_password)),
  passwordChangedAt: row.password_changed_at,
  demo: toBool(Number(row.demo)),
  totpEnabled: toBool(Number(row.totp_enabled)),
})

export const findUserForLogin = async (db: DbOrTrx, username: string): Promise<UserWithSecret | null> => {
  const row = await db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'users.password_hash', 'users.failed_count', 'users.locked_until'])
    .where('users.username', '=', username)
    .executeTakeFirst()
  if (!row) return null
  return {
    ...decodeUser(row),
    passwordHash: row.password_hash,
    failedCount: Number(row.failed_count),
    lockedUntil: row.locked_until,
  }
}

export const findUser = async (db: DbOrTrx, id: string): Promise<User | null> => {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('users.id', '=', id).executeTakeFirst()
  return row ? decodeUser(row) : null
}

export const recordLoginFailure = async (
  db: DbOrTrx,
  id: string,
  failedCount: number,
  lockedUntil: string | null,
): Promise<void> => {
  await db
    .updateTable('users')
    .set({ failed_count: failedCount, locked_until: lockedUntil })
    .where('id', '=', id)
    .execute()
}

export const clearLoginFailures = async (db: DbOrTrx, id: string): Promise<void> => {
  await db.updateTable('users').set({ failed_count: 0, locked_until: null }).where('id', '=', id).execute()
}

export interface NewUser {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: Role
  readonly personCode: string | null
  readonly officeCode: string | null
  readonly squadCode: string | null
  readonly departmentCode: string | null
  readonly passwordHash: string
  readonly demo: boolean
  readonly at: string
}

export const insertUser = async (db: DbOrTrx, u: NewUser): Promise<void> => {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      person_code: u.personCode,
      office_code: u.officeCode,
      squad_code: u.squadCode,
      department_code: u.departmentCode,
      password_hash: u.passwordHash,
      failed_count: 0,
      locked_until: null,
      disabled: 0,
      demo: u.demo ? 1 : 0,
      password_changed_at: u.at,
      created_at: u.at,
    })
    .execute()
}

/** Users who hold one of `roles` within the given units, ordered for display. */
export const listUsersInUnits = async (
  db: DbOrTrx,
  filter: { readonly squads: ReadonlyArray<string>; readonly offices: ReadonlyArray<string> },
): Promise<ReadonlyArray<User>> => {
  if (filter.squads.length === 0 && filter.offices.length === 0) return []
  const rows = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('users.disabled', '=', 0)
    .where((eb) =>
      eb.or([
        ...(filter.squads.length > 0
          ? [
              eb.and([
                eb('users.role', 'in', ['squadLeader', 'squadMember']),
                eb('users.squad_code', 'in', filter.squads),
              ]),
            ]
          : []),
        ...(filter.offices.length > 0
          ? [eb.and([eb('users.role', '=', 'officeDirector'), eb('users.office_code', 'in', filter.offices)])]
          : []),
      ]),
    )
    .orderBy('users.username')
    .execute()
  return rows.map(decodeUser)
}
