import { startApp } from './app.ts'
import { ConfigInvalid, loadConfig } from './config.ts'
import { DEMO_PASSWORD } from './seed/seed.ts'
import { buildServer } from './server.ts'
import { startDeadlineSweep } from './services/obligations.ts'

const main = async (): Promise<void> => {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigInvalid) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
  const { deps, handle, migrated, demoUsersCreated } = await startApp(config)
  const server = await buildServer(deps, { logger: config.logRequests })
  // Deadline engine (issue 5): recompute every open case now and hourly.
  startDeadlineSweep(deps)
  const shutdown = async (signal: string) => {
    server.log.info(`${signal}: shutting down`)
    await server.close()
    await handle.destroy()
    process.exit(0)
  }
  process.once('SIGINT', () => void shutdown('SIGINT'))
  process.once('SIGTERM', () => void shutdown('SIGTERM'))

  await server.listen({ host: config.host, port: config.port })
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  const db =
    config.database.kind === 'sqlite' ? `SQLite ${config.database.path}` : 'PostgreSQL (DATABASE_URL)'
  const lines = [
    '',
    '平战 PingZhan 已启动',
    `  数据库：${db}${migrated.length ? `（本次迁移：${migrated.join(', ')}）` : ''}`,
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
  } else {
    lines.push('', '首次使用请运行：pnpm --filter @pingzhan/api run create-admin -- <用户名> 创建系统管理员')
  }
  console.log(lines.join('\n'))
}

main().catch((error: unknown) => {
  console.error('启动失败：', error)
  process.exit(1)
})
