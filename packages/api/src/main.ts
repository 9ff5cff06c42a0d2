import cluster from 'node:cluster'
import { startApp } from './app.ts'
import { type Config, ConfigInvalid, loadConfig } from './config.ts'
import { startTaskCountCompaction } from './repos/task-counts.ts'
import type { DemoReport } from './seed/demo/index.ts'
import { DEMO_PASSWORD } from './seed/seed.ts'
import { buildServer } from './server.ts'
import { startDeadlineSweep } from './services/obligations.ts'

/** The addresses and (demo) accounts, printed once per start. */
const banner = (
  config: Config,
  port: number,
  migrated: ReadonlyArray<string>,
  demoUsersCreated: number,
  demoData: DemoReport | null,
) => {
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  const db =
    config.database.kind === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL (DATABASE_URL)'
  const lines = [
    '',
    '平战 PingZhan 已启动',
    `  数据库：${db}${migrated.length ? `（本次迁移：${migrated.join(', ')}）` : ''}`,
    ...(config.workers > 1 ? [`  进程：${config.workers} 个工作进程（WORKERS=${config.workers}）`] : []),
    `  管理端  ${base}/admin/`,
    `  移动端  ${base}/field/`,
    `  自助终端 ${base}/kiosk/`,
  ]
  if (config.demo) {
    lines.push(
      '',
      `演示模式：所有演示账号的密码均为 ${DEMO_PASSWORD}${demoUsersCreated ? `（本次新建 ${demoUsersCreated} 个）` : ''}`,
      '  admin 系统管理员 · brigade 执法大队长 · liaison-lucun / liaison-xili / liaison-shiqiao 局领导',
      '  lead-lucun / lead-xili / lead-shiqiao 中队长 · staff-lucun-1…4（-xili-、-shiqiao-）中队队员',
      '  dir-nanma、dir-lucun、dir-xili … 司法所长（每镇街一名） · dept-1 局科室工作人员',
      '  自助终端需先由管理员或所长在“自助终端”登记，得到登记码后在终端上绑定。',
    )
    if (demoData) {
      lines.push(
        demoData.created
          ? `  演示数据：已生成沂源县近六个月的工作记录（${demoData.rows.tasks ?? 0} 项任务，用时 ${(demoData.ms / 1000).toFixed(1)} 秒）`
          : '  演示数据：已存在，本次未作改动',
      )
    }
  } else {
    lines.push('', '首次使用请运行：pnpm --filter @pingzhan/api run create-admin -- <用户名> 创建系统管理员')
  }
  console.log(lines.join('\n'))
}

/**
 * WORKERS > 1 (PostgreSQL only; loadConfig refuses it on SQLite): this primary migrates and seeds once,
 * then forks the workers, which share the port (node:cluster hands out the connections) and talk to
 * each other only through PostgreSQL (realtime/cluster-bus.ts). A worker that dies is forked again.
 */
const runPrimary = async (config: Config): Promise<void> => {
  const { handle, migrated, demoUsersCreated, demoData } = await startApp(config)
  await handle.destroy()
  const indexOf = new Map<number, number>()
  let stopping = false
  const fork = (index: number) => {
    const worker = cluster.fork({ PINGZHAN_WORKER_INDEX: String(index) })
    indexOf.set(worker.id, index)
  }
  for (let i = 0; i < config.workers; i++) fork(i)
  let listening = 0
  cluster.on('listening', (_worker, address) => {
    listening += 1
    if (listening === config.workers) banner(config, address.port, migrated, demoUsersCreated, demoData)
  })
  cluster.on('exit', (worker, code, signal) => {
    const index = indexOf.get(worker.id) ?? 0
    indexOf.delete(worker.id)
    if (stopping) return
    console.error(`工作进程 ${worker.process.pid} 退出（${signal ?? code}），1 秒后重启`)
    setTimeout(() => fork(index), 1000).unref()
  })
  const shutdown = (signal: string) => {
    stopping = true
    console.log(`${signal}: 正在停止 ${Object.keys(cluster.workers ?? {}).length} 个工作进程`)
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    const wait = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
    }, 50)
    setTimeout(() => process.exit(1), 10_000).unref()
    wait.unref()
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

const main = async (): Promise<void> => {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigInvalid) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config)
  const worker = cluster.isWorker
  const { deps, handle, migrated, demoUsersCreated, demoData } = await startApp(
    config,
    worker ? { skipSeed: true } : {},
  )
  const server = await buildServer(deps, { logger: config.logRequests })
  // Deadline engine (issue 5): recompute every open case now and hourly — in one process of a cluster.
  if (config.deadlineSweep && (!worker || process.env.PINGZHAN_WORKER_INDEX === '0')) startDeadlineSweep(deps)
  // PostgreSQL: fold the roll-up's appended count deltas once a minute (one process at a time)
  startTaskCountCompaction(deps.db, deps.dialect)
  const shutdown = async (signal: string) => {
    server.log.info(`${signal}: shutting down`)
    await server.close()
    await handle.destroy()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))

  await server.listen({ host: config.host, port: config.port })
  if (worker) return
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  banner(config, port, migrated, demoUsersCreated, demoData)
}

main().catch((error: unknown) => {
  console.error('启动失败：', error)
  process.exit(1)
})
