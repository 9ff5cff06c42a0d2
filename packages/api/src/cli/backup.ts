// Backup, restore and verify of the configured database (DATABASE_URL / SQLITE_PATH, PINGZHAN_DATA_KEY).
// Usage: pnpm --filter @pingzhan/api run backup -- <dir> [--schema=name]
//        pnpm --filter @pingzhan/api run restore -- <dir> [--schema=name]        (server stopped)
//        pnpm --filter @pingzhan/api run verify-backup -- <dir> [--schema=name]
// verify-backup exits 0 only when integrity, every table's row count and the audit chain match.
import { resolve } from 'node:path'
import { ConfigInvalid, loadConfig } from '../config.ts'
import { backupDatabase, restoreDatabase, verifyBackup } from '../ops/backup.ts'

const main = async (): Promise<number> => {
  const [mode, ...rest] = process.argv.slice(2).filter((a) => a !== '--')
  const schema = rest.find((a) => a.startsWith('--schema='))?.slice('--schema='.length)
  const dir = rest.find((a) => !a.startsWith('--'))
  if (!mode || !['backup', 'restore', 'verify'].includes(mode) || !dir) {
    console.error('用法：backup|restore|verify-backup <备份目录> [--schema=名称]')
    return 2
  }
  const config = loadConfig()
  const target = { schema }
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), dir)
  if (mode === 'backup') {
    const m = await backupDatabase(config, path, target)
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0)
    console.log(
      `已备份到 ${path}：${Object.keys(m.tables).length} 张表，${rows} 行，审计链 ${m.audit.rows} 条`,
    )
    return 0
  }
  if (mode === 'restore') {
    const m = await restoreDatabase(config, path, target)
    console.log(`已从 ${path} 恢复（备份时间 ${m.createdAt}）。请运行 verify-backup 校验。`)
    return 0
  }
  const report = await verifyBackup(config, path, target)
  console.log(`完整性：${report.integrity}`)
  for (const m of report.mismatches)
    console.log(`行数不符：${m.table} 应为 ${m.expected}，实为 ${m.actual ?? '（表不存在）'}`)
  console.log(
    report.audit.ok
      ? `审计链完整：${report.audit.checked} 条`
      : `审计链校验未通过：已校验 ${report.audit.checked} 条，断点 ${report.audit.brokenAt ?? '—'}`,
  )
  console.log(report.ok ? '校验通过' : '校验未通过')
  return report.ok ? 0 : 1
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(
      error instanceof ConfigInvalid ? error.message : error instanceof Error ? error.message : error,
    )
    process.exit(1)
  })
