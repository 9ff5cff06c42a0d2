import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root (packages/api/src → ../../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

export interface Config {
  readonly database:
    | { readonly kind: 'sqlite'; readonly path: string }
    | { readonly kind: 'postgres'; readonly url: string }
  readonly host: string
  readonly port: number
  readonly demo: boolean
  /** issue 17: also generate about six months of the demo county's work (requires demo) */
  readonly demoData: boolean
  /** 32 bytes: SM4 key (first 16) + HMAC-SM3 master key (last 16). */
  readonly dataKey: Buffer
  readonly allowedOrigins: ReadonlyArray<string>
  readonly sessionIdleMinutes: number
  readonly sessionAbsoluteHours: number
  readonly lockoutMinutes: number
  readonly production: boolean
  /** Trust X-Forwarded-* from a reverse proxy (TLS terminated in front of Node). */
  readonly trustProxy: boolean
  readonly kioskLimits: { readonly perDevice: number; readonly perIp: number; readonly windowMinutes: number }
  /**
   * Status lookups by receipt number + secret (issue 14), per window of `kioskLimits.windowMinutes`:
   * per client IP (the public page), per bound kiosk, per receipt; `maxFailures` wrong secrets lock it.
   */
  readonly statusLimits: {
    readonly perIp: number
    readonly perDevice: number
    readonly perReceipt: number
    readonly maxFailures: number
  }
  /** login attempts per client IP per 10 minutes */
  readonly loginLimitPerIp: number
  readonly gitCommit: string | null
  readonly logRequests: boolean
  /** API processes on this machine (node:cluster); > 1 needs PostgreSQL */
  readonly workers: number
  /** run the hourly deadline sweep in this process (one process of all machines is enough) */
  readonly deadlineSweep: boolean
  /** issue 11: an expense above this (fen) needs the bureau's approval after the squad leader's */
  readonly budgetBureauThresholdFen: number
}

export class ConfigInvalid extends Error {
  readonly problems: ReadonlyArray<string>
  constructor(problems: ReadonlyArray<string>) {
    super(`配置有误（Invalid configuration）：\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigInvalid'
    this.problems = problems
  }
}

type Env = Readonly<Record<string, string | undefined>>

const intSetting = (
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number => {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(`${name}=${JSON.stringify(raw)} 无效：应为 ${min}–${max} 的整数（默认 ${fallback}）`)
    return fallback
  }
  return value
}

const boolSetting = (env: Env, name: string, problems: string[]): boolean => {
  const raw = env[name]
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false
  if (raw === '1' || raw === 'true') return true
  problems.push(`${name}=${JSON.stringify(raw)} 无效：应为 1 或 0`)
  return false
}

/** Reads the demo key file, creating it once (demo mode only). */
const demoDataKey = (dataDir: string): string => {
  const file = resolve(dataDir, 'dev-data-key')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' })
  }
  return readFileSync(file, 'utf8').trim()
}

/** The only reader of process.env. Every problem is reported at once. */
export const loadConfig = (env: Env = process.env): Config => {
  const problems: string[] = []
  const demo = boolSetting(env, 'PINGZHAN_DEMO', problems)
  const demoData = boolSetting(env, 'PINGZHAN_DEMO_DATA', problems)
  if (demoData && !demo)
    problems.push('PINGZHAN_DEMO_DATA=1 需要同时设置 PINGZHAN_DEMO=1（演示数据只在演示模式下生成）')
  const dataDir = resolve(repoRoot, 'data')

  let database: Config['database']
  const url = env.DATABASE_URL?.trim()
  if (url) {
    if (!/^postgres(ql)?:\/\/.+/.test(url)) {
      problems.push('DATABASE_URL 无效：应以 postgres:// 或 postgresql:// 开头（不设置则使用 SQLite）')
    }
    database = { kind: 'postgres', url }
  } else {
    const path = env.SQLITE_PATH?.trim() || resolve(dataDir, 'pingzhan.db')
    database = {
      kind: 'sqlite',
      path: path === ':memory:' || isAbsolute(path) ? path : resolve(repoRoot, path),
    }
  }

  const host = env.HOST?.trim() || '127.0.0.1'
  const port = intSetting(env, 'PORT', 3000, 0, 65535, problems)

  let keyHex = env.PINGZHAN_DATA_KEY?.trim()
  if (!keyHex && demo) keyHex = demoDataKey(dataDir)
  let dataKey = Buffer.alloc(32)
  if (!keyHex) {
    problems.push(
      'PINGZHAN_DATA_KEY 未设置：需要 64 位十六进制字符（SM4 密钥 + HMAC 密钥），例如用 `openssl rand -hex 32` 生成',
    )
  } else if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) {
    problems.push('PINGZHAN_DATA_KEY 无效：应为 64 位十六进制字符')
  } else {
    dataKey = Buffer.from(keyHex, 'hex')
  }

  const allowedOrigins: string[] = []
  for (const item of (env.ALLOWED_ORIGINS ?? '').split(',')) {
    const origin = item.trim()
    if (origin === '') continue
    try {
      const parsed = new URL(origin)
      if (parsed.origin !== origin.replace(/\/$/, '')) throw new Error('not an origin')
      allowedOrigins.push(parsed.origin)
    } catch {
      problems.push(
        `ALLOWED_ORIGINS 中的 ${JSON.stringify(origin)} 无效：应为 https://主机[:端口] 形式，逗号分隔`,
      )
    }
  }

  const nodeEnv = env.NODE_ENV?.trim() || 'development'
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV=${JSON.stringify(nodeEnv)} 无效：应为 development、production 或 test`)
  }

  const config: Config = {
    database,
    host,
    port,
    demo,
    demoData,
    dataKey,
    allowedOrigins,
    sessionIdleMinutes: intSetting(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60, problems),
    sessionAbsoluteHours: intSetting(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7, problems),
    lockoutMinutes: intSetting(env, 'LOCKOUT_MINUTES', 15, 1, 24 * 60, problems),
    production: nodeEnv === 'production',
    trustProxy: boolSetting(env, 'TRUST_PROXY', problems),
    kioskLimits: {
      perDevice: intSetting(env, 'KIOSK_LIMIT_PER_DEVICE', 20, 1, 100000, problems),
      perIp: intSetting(env, 'KIOSK_LIMIT_PER_IP', 60, 1, 100000, problems),
      windowMinutes: intSetting(env, 'KIOSK_LIMIT_WINDOW_MINUTES', 10, 1, 24 * 60, problems),
    },
    statusLimits: {
      perIp: intSetting(env, 'STATUS_LIMIT_PER_IP', 10, 1, 100000, problems),
      perDevice: intSetting(env, 'STATUS_LIMIT_PER_DEVICE', 60, 1, 100000, problems),
      perReceipt: intSetting(env, 'STATUS_LIMIT_PER_RECEIPT', 10, 1, 100000, problems),
      maxFailures: intSetting(env, 'STATUS_MAX_FAILURES', 5, 1, 20, problems),
    },
    loginLimitPerIp: intSetting(env, 'LOGIN_LIMIT_PER_IP', 30, 1, 100000, problems),
    gitCommit: env.GIT_COMMIT?.trim() || null,
    logRequests: !boolSetting(env, 'PINGZHAN_QUIET', problems),
    workers: intSetting(env, 'WORKERS', 1, 1, 64, problems),
    deadlineSweep: env.DEADLINE_SWEEP === undefined ? true : boolSetting(env, 'DEADLINE_SWEEP', problems),
    budgetBureauThresholdFen:
      intSetting(env, 'BUDGET_BUREAU_THRESHOLD_YUAN', 5000, 0, 100_000_000, problems) * 100,
  }
  if (config.workers > 1 && database.kind === 'sqlite') {
    problems.push(
      `WORKERS=${config.workers} 需要 PostgreSQL（设置 DATABASE_URL）：SQLite 是单进程嵌入式数据库，只能由一个进程使用（WORKERS=1）`,
    )
  }
  if (problems.length > 0) throw new ConfigInvalid(problems)
  return config
}
