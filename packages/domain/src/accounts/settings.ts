import type { AdminRight } from '../org/admin-rights.ts'

/**
 * The knobs of accounts and security (issue 13), stored as audited data (参数设置). Security rules are
 * the 安全管理员's (right manageSecurity); the rest of the system's settings the 系统管理员's
 * (manageSystemSettings). Defaults are 等保2.0 level 3 (SECURITY.md): length ≥ 8, 3 of 4 classes,
 * 90-day expiry, last 5 not reused, 5 failures lock for 15 minutes.
 */
export interface SettingDefinition {
  readonly key: SettingKey
  readonly label: string
  readonly help: string
  readonly right: AdminRight
  readonly kind: 'int' | 'bool'
  readonly min?: number
  readonly max?: number
  readonly default: number | boolean
}

export type SettingKey =
  | 'password.minLength'
  | 'password.minClasses'
  | 'password.expiryDays'
  | 'password.history'
  | 'lockout.maxFailures'
  | 'lockout.minutes'
  | 'totp.requiredForLeaders'
  | 'account.oneTimePasswordHours'

export interface Settings {
  readonly 'password.minLength': number
  readonly 'password.minClasses': number
  readonly 'password.expiryDays': number
  readonly 'password.history': number
  readonly 'lockout.maxFailures': number
  readonly 'lockout.minutes': number
  readonly 'totp.requiredForLeaders': boolean
  readonly 'account.oneTimePasswordHours': number
}

export const SETTINGS: ReadonlyArray<SettingDefinition> = [
  {
    key: 'password.minLength',
    label: '密码最小长度',
    help: '等保要求不少于 8 位',
    right: 'manageSecurity',
    kind: 'int',
    min: 8,
    max: 64,
    default: 8,
  },
  {
    key: 'password.minClasses',
    label: '密码至少包含的字符类别数',
    help: '大写字母、小写字母、数字、符号四类中至少几类',
    right: 'manageSecurity',
    kind: 'int',
    min: 3,
    max: 4,
    default: 3,
  },
  {
    key: 'password.expiryDays',
    label: '密码有效期（天）',
    help: '到期须修改密码；0 表示不过期',
    right: 'manageSecurity',
    kind: 'int',
    min: 0,
    max: 365,
    default: 90,
  },
  {
    key: 'password.history',
    label: '不得重复使用最近几次的密码',
    help: '修改密码时不得与最近这几次的密码相同',
    right: 'manageSecurity',
    kind: 'int',
    min: 0,
    max: 24,
    default: 5,
  },
  {
    key: 'lockout.maxFailures',
    label: '连续登录失败锁定次数',
    help: '连续失败达到此次数后锁定账号',
    right: 'manageSecurity',
    kind: 'int',
    min: 3,
    max: 10,
    default: 5,
  },
  {
    key: 'lockout.minutes',
    label: '锁定时长（分钟）',
    help: '锁定后经过此时长自动解锁，系统管理员也可提前解锁',
    right: 'manageSecurity',
    kind: 'int',
    min: 1,
    max: 1440,
    default: 15,
  },
  {
    key: 'totp.requiredForLeaders',
    label: '管理员和局领导必须使用动态口令',
    help: '开启后，三类管理员和局领导未绑定动态口令（TOTP）时须先绑定才能使用系统',
    right: 'manageSecurity',
    kind: 'bool',
    default: false,
  },
  {
    key: 'account.oneTimePasswordHours',
    label: '初始密码有效期（小时）',
    help: '新建账号或重置密码后发放的一次性密码须在此时间内首次登录并修改',
    right: 'manageSystemSettings',
    kind: 'int',
    min: 1,
    max: 720,
    default: 72,
  },
]

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(
  SETTINGS.map((d) => [d.key, d.default]),
) as unknown as Settings

export const settingDefinition = (key: string): SettingDefinition | undefined =>
  SETTINGS.find((d) => d.key === key)

/** Why a value cannot be stored for a setting (Chinese), or null. */
export const settingProblem = (definition: SettingDefinition, value: unknown): string | null => {
  if (definition.kind === 'bool') return typeof value === 'boolean' ? null : `${definition.label}须为是或否`
  if (typeof value !== 'number' || !Number.isInteger(value)) return `${definition.label}须为整数`
  if (definition.min !== undefined && value < definition.min)
    return `${definition.label}不能小于 ${definition.min}`
  if (definition.max !== undefined && value > definition.max)
    return `${definition.label}不能大于 ${definition.max}`
  return null
}

/**
 * The settings in force: the stored values that are still valid, the defaults for the rest (`base`
 * overrides the built-in defaults, e.g. with the deployment's configuration).
 */
export const resolveSettings = (
  stored: ReadonlyMap<string, unknown>,
  base: Partial<Settings> = {},
): Settings => {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...base }
  for (const d of SETTINGS) {
    const v = stored.get(d.key)
    if (v !== undefined && settingProblem(d, v) === null) out[d.key] = v
  }
  return out as unknown as Settings
}
