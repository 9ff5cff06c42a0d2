import { buildOrg, yiyuanOrgConfig } from '@pingzhan/domain'
import { Effect } from 'effect'
import { sql } from 'kysely'
import type { Config } from './config.ts'
import { deriveKeys } from './crypto/keys.ts'
import { type DatabaseHandle, type OpenOptions, openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import type { Db } from './db/types.ts'
import { RateLimiter } from './rate-limit.ts'
import { type ClusterBus, LocalBus, PgBus, type PgBusOptions } from './realtime/cluster-bus.ts'
import { SessionCache } from './repos/sessions.ts'
import { DEMO_DAYS, type DemoReport, seedDemoData } from './seed/demo/index.ts'
import { seedDemoUsers, seedOrg } from './seed/seed.ts'
import { listenForEndedSessions } from './services/session-end.ts'
import { SettingsStore } from './services/settings.ts'
import { seedDemoVehicles } from './services/vehicles.ts'
import { type Clock, systemClock } from './shared.ts'
import type { Deps } from './trpc/context.ts'

export interface Started {
  readonly deps: Deps
  /** `destroy` also closes the cluster bus */
  readonly handle: DatabaseHandle
  readonly migrated: ReadonlyArray<string>
  readonly demoUsersCreated: number
  /** issue 17: the demo county's work, when PINGZHAN_DEMO_DATA is on (null otherwise) */
  readonly demoData: DemoReport | null
}

/** Test hooks of the PostgreSQL bus (e.g. a longer reconnect delay, to hold an outage open). */
export type BusOptions = Pick<PgBusOptions, 'reconnectMinMs'>

/** SQLite: in process. PostgreSQL: LISTEN/NOTIFY on the channel of the schema this pool works in. */
const openBus = async (config: Config, db: Db, options: BusOptions): Promise<ClusterBus> => {
  if (config.database.kind === 'sqlite') return new LocalBus()
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const bus = new PgBus({ url: config.database.url, schema: rows[0]?.schema ?? 'public', db, ...options })
  try {
    await bus.ready()
  } catch (error) {
    await bus.close()
    throw error
  }
  return bus
}

/** Opens the database, migrates, seeds the organisation (and demo accounts in demo mode). */
export const startApp = async (
  config: Config,
  options: OpenOptions & { clock?: Clock; skipSeed?: boolean; bus?: BusOptions } = {},
): Promise<Started> => {
  // The organisation is validated before anything touches the database.
  const org = Effect.runSync(buildOrg(yiyuanOrgConfig))
  const opened = openDatabase(config.database, options)
  let bus: ClusterBus | null = null
  const handle: DatabaseHandle = {
    ...opened,
    destroy: async () => {
      await bus?.close()
      await opened.destroy()
    },
  }
  try {
    const migrated = options.skipSeed ? [] : await migrateToLatest(handle.db)
    if (!options.skipSeed) await seedOrg(handle.db, org)
    const clock = options.clock ?? systemClock
    const keys = deriveKeys(config.dataKey)
    const demoUsersCreated =
      config.demo && !options.skipSeed ? await seedDemoUsers(handle.db, org, keys, clock()) : 0
    bus = await openBus(config, handle.db, options.bus ?? {})
    const deps: Deps = {
      db: handle.db,
      dialect: handle.dialect,
      config,
      keys,
      org,
      clock,
      limiter: new RateLimiter(handle.db),
      sessions: new SessionCache(),
      settings: new SettingsStore(handle.db, { 'lockout.minutes': config.lockoutMinutes }),
      bus,
    }
    // with the demo county's data the vehicles are registered through the vehicle service (seed/demo)
    if (config.demo && !config.demoData && !options.skipSeed) await seedDemoVehicles(deps)
    listenForEndedSessions(deps)
    const demoData = config.demoData && !options.skipSeed ? await seedDemoData(deps) : null
    return { deps, handle, migrated, demoUsersCreated, demoData }
  } catch (error) {
    await handle.destroy()
    throw error
  }
}
