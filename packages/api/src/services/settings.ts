import {
  hasRight,
  resolveSettings,
  SETTINGS,
  type SettingDefinition,
  type Settings,
  settingDefinition,
  settingProblem,
} from '@pingzhan/domain'
import { appendAudit } from '../audit/audit.ts'
import type { Db } from '../db/types.ts'
import type { User } from '../repos/users.ts'
import type { Context } from '../trpc/context.ts'
import { fail, forbidden } from '../trpc/errors.ts'
import { auditActor, userUnit } from './units.ts'

/**
 * The settings in force (参数设置), read from the `settings` table at most every `ttlMs` (5 s) and at
 * once after a change in this process. Another process sees a change within `ttlMs`.
 */
export class SettingsStore {
  readonly #db: Db
  readonly #ttlMs: number
  readonly #base: Partial<Settings>
  #cached: { readonly settings: Settings; readonly atMs: number } | null = null
  #loading: Promise<Settings> | null = null

  /** `base`: defaults from the deployment's configuration (LOCKOUT_MINUTES) where nothing is stored */
  constructor(db: Db, base: Partial<Settings> = {}, ttlMs = 5_000) {
    this.#db = db
    this.#base = base
    this.#ttlMs = ttlMs
  }

  async current(nowMs: number): Promise<Settings> {
    const c = this.#cached
    if (c !== null && nowMs - c.atMs < this.#ttlMs && nowMs >= c.atMs) return c.settings
    this.#loading ??= this.#load(nowMs).finally(() => {
      this.#loading = null
    })
    return this.#loading
  }

  async #load(nowMs: number): Promise<Settings> {
    const rows = await this.#db.selectFrom('settings').select(['key', 'value_json']).execute()
    const stored = new Map<string, unknown>(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]))
    const settings = resolveSettings(stored, this.#base)
    this.#cached = { settings, atMs: nowMs }
    return settings
  }

  invalidate(): void {
    this.#cached = null
  }
}

export interface SettingItem {
  readonly key: string
  readonly label: string
  readonly help: string
  readonly kind: 'int' | 'bool'
  readonly min: number | null
  readonly max: number | null
  readonly value: number | boolean
  readonly default: number | boolean
  /** whether the caller may change it (the 安全管理员 the security rules, the 系统管理员 the rest) */
  readonly editable: boolean
  readonly updatedAt: string | null
  readonly updatedBy: string | null
}

const mayEdit = (user: User, d: SettingDefinition) => hasRight(user.role, d.right)

export const listSettings = async (ctx: Context, user: User): Promise<ReadonlyArray<SettingItem>> => {
  const settings = await ctx.deps.settings.current(ctx.deps.clock().getTime())
  const rows = await ctx.deps.db.selectFrom('settings').selectAll().execute()
  const byKey = new Map(rows.map((r) => [r.key, r]))
  return SETTINGS.map((d) => ({
    key: d.key,
    label: d.label,
    help: d.help,
    kind: d.kind,
    min: d.min ?? null,
    max: d.max ?? null,
    value: settings[d.key],
    default: d.default,
    editable: mayEdit(user, d),
    updatedAt: byKey.get(d.key)?.updated_at ?? null,
    updatedBy: byKey.get(d.key)?.updated_by ?? null,
  }))
}

/** Changes one setting, audited with its value before and after, in one transaction. */
export const updateSetting = async (
  ctx: Context,
  user: User,
  input: { readonly key: string; readonly value: unknown },
): Promise<{ ok: true }> => {
  const d = settingDefinition(input.key)
  if (d === undefined) throw fail('BAD_REQUEST', 'UnknownSetting', '没有这项参数')
  if (!mayEdit(user, d)) {
    throw forbidden(d.right === 'manageSecurity' ? '安全参数由安全管理员设置' : '该参数由系统管理员设置')
  }
  const problem = settingProblem(d, input.value)
  if (problem !== null) throw fail('BAD_REQUEST', 'InvalidSetting', problem, { value: problem })
  const { deps, req } = ctx
  const now = deps.clock()
  const before = (await deps.settings.current(now.getTime()))[d.key]
  await deps.db.transaction().execute(async (trx) => {
    const row = {
      value_json: JSON.stringify(input.value),
      updated_at: now.toISOString(),
      updated_by: user.displayName,
    }
    const updated = await trx.updateTable('settings').set(row).where('key', '=', d.key).executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0)
      await trx
        .insertInto('settings')
        .values({ key: d.key, ...row })
        .execute()
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: auditActor(user),
      action: 'setting.update',
      unit: userUnit(deps.org, user),
      subjectType: 'setting',
      subjectId: d.key,
      before: { value: before },
      after: { value: input.value },
    })
  })
  deps.settings.invalidate()
  return { ok: true }
}
