import type { Org } from '@pingzhan/domain'
import type { Config } from '../config.ts'
import type { DataKeys } from '../crypto/keys.ts'
import type { Dialect } from '../db/database.ts'
import type { Db } from '../db/types.ts'
import type { RateLimiter } from '../rate-limit.ts'
import type { ClusterBus } from '../realtime/cluster-bus.ts'
import type { SessionCache } from '../repos/sessions.ts'
import type { SettingsStore } from '../services/settings.ts'
import type { Clock } from '../shared.ts'

/** Long-lived dependencies, built once at startup (or per test file). */
export interface Deps {
  readonly db: Db
  readonly dialect: Dialect
  readonly config: Config
  readonly keys: DataKeys
  readonly org: Org
  readonly clock: Clock
  /** login and kiosk limits, counted in the database (shared by every process) */
  readonly limiter: RateLimiter
  /** the channel between the API processes (realtime/cluster-bus.ts); in process on SQLite */
  readonly bus: ClusterBus
  /** sessions read in the last seconds (repos/sessions.ts); evict on every end of a session */
  readonly sessions: SessionCache
  /** issue 13: the settings in force (参数设置), read through a short cache */
  readonly settings: SettingsStore
}

export interface CookieOptions {
  readonly maxAgeSeconds?: number
}

/** What a procedure may know about the HTTP request; built by the Fastify adapter or by tests. */
export interface RequestInfo {
  readonly ip: string | null
  /** the User-Agent header (login log, online sessions); cut to 300 characters */
  readonly userAgent?: string | null
  readonly origin: string | null
  readonly host: string | null
  readonly csrfHeader: string | null
  readonly correlationId: string
  readonly cookies: Readonly<Record<string, string | undefined>>
  readonly setCookie: (name: string, value: string, options?: CookieOptions) => void
  readonly clearCookie: (name: string) => void
}

export interface Context {
  readonly deps: Deps
  readonly req: RequestInfo
}

export const SESSION_COOKIE = 'pz_session'
export const KIOSK_COOKIE = 'pz_kiosk'
