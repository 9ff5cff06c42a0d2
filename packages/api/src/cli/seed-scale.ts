// Loads the province-sized data set of the benchmarks (issue 17) into the configured database
// (DATABASE_URL or SQLITE_PATH; PINGZHAN_DATA_KEY or the demo key). See src/seed/scale/scale.ts.
// Usage: pnpm --filter @pingzhan/api run seed:scale -- [--counties 100] [--tasks N] [--supervisees N]
//        [--staff-per-squad 4] [--seed 20261206] [--schema name (PostgreSQL: created if missing)]
// Defaults: 100 counties, 100k supervisees, 1M tasks on SQLite and 5M on PostgreSQL.
import pg from 'pg'
import { startApp } from '../app.ts'
import { ConfigInvalid, loadConfig } from '../config.ts'
import { seedScale } from '../seed/scale/scale.ts'

const FLAGS = ['counties', 'tasks', 'supervisees', 'staff-per-squad', 'seed'] as const

const parse = (argv: ReadonlyArray<string>): (Record<string, number> & { schema?: string }) | string => {
  const out: Record<string, number> & { schema?: string } = {}
  const args = argv.filter((a) => a !== '--')
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i]?.replace(/^--/, '') ?? ''
    const value = args[i + 1]
    if (flag === 'schema') {
      if (!value || !/^[a-z_][a-z0-9_]*$/.test(value)) return '--schema 应为小写字母、数字和下划线'
      out.schema = value
      continue
    }
    if (!(FLAGS as ReadonlyArray<string>).includes(flag))
      return `未知参数 ${args[i]}（可用：${FLAGS.map((f) => `--${f}`).join(' ')}）`
    if (
      value === undefined ||
      !/^\d+$/.test(value) ||
      Number(value) < 1 ||
      !Number.isSafeInteger(Number(value))
    )
      return `--${flag} 应为正整数`
    out[flag] = Number(value)
  }
  return out
}

const main = async (): Promise<number> => {
  const args = parse(process.argv.slice(2))
  if (typeof args === 'string') {
    console.error(args)
    return 2
  }
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig({ ...process.env, PINGZHAN_DEMO: '1' })
  } catch (error) {
    if (error instanceof ConfigInvalid) {
      console.error(error.message)
      return 2
    }
    throw error
  }
  if (args.schema && config.database.kind === 'postgres') {
    const client = new pg.Client({ connectionString: config.database.url })
    await client.connect()
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${args.schema}`)
    await client.end()
  }
  const { deps, handle } = await startApp(config, args.schema ? { schema: args.schema } : {})
  try {
    const counties = args.counties ?? 100
    const report = await seedScale(deps, handle, {
      counties,
      tasks: args.tasks ?? counties * (handle.dialect === 'postgres' ? 50_000 : 10_000),
      supervisees: args.supervisees ?? counties * 1_000,
      ...(args['staff-per-squad'] ? { staffPerSquad: args['staff-per-squad'] } : {}),
      ...(args.seed ? { seed: args.seed } : {}),
      log: (line) => console.log(line),
    })
    console.log(
      `省级规模数据已生成：${report.counties} 个县的数据量，用时 ${(report.ms / 1000).toFixed(1)} s`,
    )
    for (const [table, n] of Object.entries(report.rows))
      console.log(`  ${table.padEnd(20)} ${n.toLocaleString('en')}`)
    return 0
  } finally {
    await handle.destroy()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('生成失败：', error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
