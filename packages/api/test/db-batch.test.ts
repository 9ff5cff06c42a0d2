// The SQLite batch the demo generator writes in (db/database.ts, issue 17): inside one batch every
// Kysely transaction is a savepoint, so a service call that fails rolls back alone and the others
// stay; nothing is visible to a second connection before the batch commits; a batch rolled back
// leaves nothing.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, sqliteBatchOf } from '../src/db/database.ts'

const dir = mkdtempSync(join(tmpdir(), 'pz-batch-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('SQLite batch', () => {
  it('makes each transaction a savepoint: a failing one rolls back alone, the batch commits the rest', async () => {
    const path = join(dir, 'a.db')
    const handle = openDatabase({ kind: 'sqlite', path })
    const db = handle.db
    await sql`create table t (k text primary key)`.execute(db)
    const batch = sqliteBatchOf(db)
    expect(batch).not.toBeNull()
    batch?.begin()
    const insert = (k: string) => sql`insert into t (k) values (${k})`.execute(db)
    await db.transaction().execute(async (trx) => {
      await sql`insert into t (k) values ('a')`.execute(trx)
    })
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into t (k) values ('b')`.execute(trx)
        await sql`insert into t (k) values ('a')`.execute(trx) // unique violation
      })
      .catch((e: unknown) => e)
    expect(String(failed)).toMatch(/UNIQUE/)
    await insert('c')
    // a second connection sees nothing before the commit
    const other = new SqliteDatabase(path, { readonly: true })
    expect(other.prepare('select count(*) as n from t').get()).toEqual({ n: 0 })
    batch?.commit()
    expect(other.prepare('select k from t order by k').all()).toEqual([{ k: 'a' }, { k: 'c' }])
    // after the batch, transactions are real transactions again
    await db.transaction().execute(async (trx) => {
      await sql`insert into t (k) values ('d')`.execute(trx)
    })
    expect(other.prepare('select count(*) as n from t').get()).toEqual({ n: 3 })
    // a batch rolled back leaves nothing
    batch?.begin()
    await insert('e')
    batch?.rollback()
    expect(batch?.active()).toBe(false)
    expect(other.prepare('select count(*) as n from t').get()).toEqual({ n: 3 })
    other.close()
    await handle.destroy()
  })
})
