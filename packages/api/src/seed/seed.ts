import { catalogsOf, catalogVersions, type Org, type PersonConfig } from '@pingzhan/domain'
import { appendAudit } from '../audit/audit.ts'
import { hashPassword } from '../auth/password.ts'
import type { DataKeys } from '../crypto/keys.ts'
import type { Db, NewUserRow } from '../db/types.ts'
import { newId } from '../shared.ts'

export const DEMO_PASSWORD = 'Demo#2026'

/**
 * Organisation units and every version of the duty catalogues. Inserts only what is missing, so a
 * second run changes nothing.
 */
export const seedOrg = async (db: Db, org: Org): Promise<void> => {
  const c = org.config
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('org_units')
      .values([
        { code: c.bureau.code, kind: 'bureau', name: c.bureau.name, sort: 0 },
        { code: c.brigade.code, kind: 'brigade', name: c.brigade.name, sort: 1 },
        ...c.departments.map((d, i) => ({
          code: d.code,
          kind: 'department' as const,
          name: d.name,
          sort: 10 + i,
        })),
      ])
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
    await trx
      .insertInto('squads')
      .values(c.squads.map((s, i) => ({ code: s.code, name: s.name, seat_town: s.seatTown, sort: i })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
    await trx
      .insertInto('offices')
      .values(
        c.offices.map((o, i) => ({
          code: o.code,
          name: o.name,
          town_code: o.town,
          town_name: org.town(o.town)?.name ?? o.town,
          area_code: org.areaOfOffice(o.code),
          sort: i,
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
    for (const version of catalogVersions) {
      const catalogs = catalogsOf(version)
      await trx
        .insertInto('duty_catalogs')
        .values(catalogs.map((k) => ({ version, kind: k.kind, mode: k.mode, title: k.title })))
        .onConflict((oc) => oc.columns(['version', 'kind', 'mode']).doNothing())
        .execute()
      let sort = 0
      const duties = catalogs.flatMap((k) =>
        k.duties.map((d) => ({
          version,
          code: d.code,
          kind: d.kind,
          mode: d.mode,
          number: d.number,
          parent: d.parent,
          title: d.title,
          text: d.text,
          sort: sort++,
        })),
      )
      for (let i = 0; i < duties.length; i += 100) {
        await trx
          .insertInto('duties')
          .values(duties.slice(i, i + 100))
          .onConflict((oc) => oc.columns(['version', 'code']).doNothing())
          .execute()
      }
    }
  })
}

export const userRowOf = (
  person: PersonConfig,
  passwordHash: string,
  at: string,
  demo: boolean,
): NewUserRow => {
  const p = person.position
  return {
    id: newId(),
    username: person.username ?? person.code,
    display_name: person.name,
    role: p.kind,
    person_code: person.code,
    office_code: p.kind === 'officeDirector' ? p.office : null,
    squad_code:
      p.kind === 'squadLeader' || p.kind === 'squadMember'
        ? p.squad
        : p.kind === 'bureauLeader'
          ? p.liaisonSquad
          : null,
    department_code: p.kind === 'departmentStaff' ? p.department : null,
    password_hash: passwordHash,
    failed_count: 0,
    locked_until: null,
    disabled: 0,
    demo: demo ? 1 : 0,
    password_changed_at: at,
    created_at: at,
  }
}

/** Demo accounts (password `Demo#2026`) for every person of the configuration who has a username. */
export const seedDemoUsers = async (db: Db, org: Org, keys: DataKeys, now: Date): Promise<number> => {
  const people = org.config.people.filter((p) => p.username !== undefined)
  const existing = new Set((await db.selectFrom('users').select('username').execute()).map((r) => r.username))
  const missing = people.filter((p) => !existing.has(p.username ?? p.code))
  if (missing.length === 0) return 0
  // One hash for all demo accounts: they share a published password anyway.
  const hash = await hashPassword(DEMO_PASSWORD)
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    const rows = missing.map((p) => userRowOf(p, hash, at, true))
    await trx.insertInto('users').values(rows).execute()
    await appendAudit(trx, keys, {
      correlationId: newId(),
      ip: null,
      at: now,
      actor: { id: null, name: '系统（演示数据）', role: 'system' },
      action: 'seed.demoUsers',
      unit: null,
      subjectType: 'user',
      subjectId: null,
      after: { usernames: rows.map((r) => r.username) },
    })
  })
  return missing.length
}
