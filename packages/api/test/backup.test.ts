// Backup, restore and verify (SECURITY.md "backup/restore drill"): a backup taken while the server
// writes is consistent (its manifest describes exactly the dump), a restore brings it back exactly,
// and verify checks integrity, every table's row count and the audit chain — and notices a difference.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupDatabase, readManifest, restoreDatabase, verifyBackup } from '../src/ops/backup.ts'
import { boundKiosk, dialects, mediation, setupApp, signedIn, type TestApp } from './harness.ts'

describe.each(dialects)('backup, restore and verify (%s)', (dialect) => {
  let app: TestApp
  let dir: string
  let schema: string | undefined
  beforeAll(async () => {
    app = await setupApp(dialect, { env: { KIOSK_LIMIT_PER_DEVICE: '10000', KIOSK_LIMIT_PER_IP: '10000' } })
    dir = mkdtempSync(join(tmpdir(), 'pingzhan-backup-'))
    schema =
      dialect === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(app.deps.db)).rows[0]?.s
        : undefined
  })
  afterAll(async () => {
    await app?.close().catch(() => {})
    rmSync(dir, { recursive: true, force: true })
  })

  it('backs up while requests write, restores exactly that, and verifies counts and the audit chain', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    for (let i = 0; i < 5; i++) await kiosk.call.kiosk.submitMediation(mediation())
    // writes keep coming while the backup runs
    let writing = true
    const writes = (async () => {
      let n = 0
      while (writing) {
        await kiosk.call.kiosk.submitMediation(mediation())
        n += 1
        // a server interleaves requests with I/O; in-process calls resolve as microtasks only
        await new Promise((r) => setImmediate(r))
      }
      return n
    })()
    const manifest = await backupDatabase(app.deps.config, join(dir, 'b1'), { schema })
    writing = false
    expect(await writes).toBeGreaterThan(0)
    expect(manifest.dialect).toBe(dialect)
    expect(manifest.tables.users).toBeGreaterThan(30)
    expect(manifest.tables.intakes).toBeGreaterThanOrEqual(5)
    expect(manifest.audit.rows).toBe(manifest.tables.audit_log)

    // after the backup: more work, which the restore must take away again
    const admin = await signedIn(app, 'admin')
    await admin.call.user.create({ username: 'after-backup', displayName: '备份后', role: 'auditAdmin' })
    await kiosk.call.kiosk.submitMediation(mediation())
    const count = async (table: 'users' | 'intakes' | 'audit_log') =>
      Number(
        (
          await app.deps.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    expect(await count('users')).toBe((manifest.tables.users ?? 0) + 1)

    if (dialect === 'sqlite') await app.handle.destroy() // the server is stopped for a restore
    await restoreDatabase(app.deps.config, join(dir, 'b1'), { schema })
    const report = await verifyBackup(app.deps.config, join(dir, 'b1'), { schema })
    expect(report).toMatchObject({ ok: true, integrity: 'ok', mismatches: [] })
    expect(report.audit).toEqual({ ok: true, checked: manifest.audit.rows, brokenAt: null })

    // a database that differs from the backup fails verification, naming the table
    const b2 = join(dir, 'b2')
    await backupDatabase(app.deps.config, b2, { schema })
    const b2Manifest = readManifest(b2)
    expect(b2Manifest.tables.sessions).toBeGreaterThan(0)
    if (dialect === 'sqlite') {
      const Sqlite = (await import('better-sqlite3')).default
      const raw = new Sqlite(app.deps.config.database.kind === 'sqlite' ? app.deps.config.database.path : '')
      raw.prepare('DELETE FROM sessions').run()
      raw.close()
    } else {
      await sql`DELETE FROM sessions`.execute(app.deps.db)
    }
    const bad = await verifyBackup(app.deps.config, b2, { schema })
    expect(bad.ok).toBe(false)
    expect(bad.mismatches).toEqual([{ table: 'sessions', expected: b2Manifest.tables.sessions, actual: 0 }])
    expect(bad.audit.ok).toBe(true)
    await expect(backupDatabase(app.deps.config, b2, { schema })).rejects.toThrow(/已有备份/)
  }, 120_000)
})
