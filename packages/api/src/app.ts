import { buildOrg, yiyuanOrgConfig } from '@pingzhan/domain'
import { Effect } from 'effect'
import type { Config } from './config.ts'
import { deriveKeys } from './crypto/keys.ts'
import { type DatabaseHandle, type OpenOptions, openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { RateLimiter } from './rate-limit.ts'
import { SessionCache } from './repos/sessions.ts'
import { seedDemoUsers, seedOrg } from './seed/seed.ts'
import { SettingsStore } from './services/settings.ts'
import { type Clock, systemClock } from './shared.ts'
import type { Deps } from './trpc/context.ts'

export interface Started {
  readonly deps: Deps
  readonly handle: DatabaseHandle
  readonly migrated: ReadonlyArray<string>
  readonly demoUsersCreated: number
}

/** Opens the database, migrates, seeds the organisation (and demo accounts in demo mode). */
export const startApp = async (
  config: Config,
  options: OpenOptions & { clock?: Clock } = {},
): Promise<Started> => {
  // The organisation is validated before anything touches the database.
  const org = Effect.runSync(buildOrg(yiyuanOrgConfig))
  const handle = openDatabase(config.database, options)
  try {
    const migrated = await migrateToLatest(handle.db)
    await seedOrg(handle.db, org)
    const clock = options.clock ?? systemClock
    const keys = deriveKeys(config.dataKey)
    const demoUsersCreated = config.demo ? await seedDemoUsers(handle.db, org, keys, clock()) : 0
    const deps: Deps = {
      db: handle.db,
      dialect: handle.dialect,
      config,
      keys,
      org,
      clock,
      limiter: new RateLimiter(),
      sessions: new SessionCache(),
      settings: new SettingsStore(handle.db, { 'lockout.minutes': config.lockoutMinutes }),
    }
    return { deps, handle, migrated, demoUsersCreated }
  } catch (error) {
    await handle.destroy()
    throw error
  }
}
