// Issue 16: no period of the system is computed outside the calendar engine. Every line of the API's
// sources that does date arithmetic (day or hour constants, UTC date fields, civil-date helpers, sums on
// parsed instants) must be listed here with the reason it is not a legal period; a new line fails the
// test until it goes through the engine (`deadlineOf`, `dueInstantOf` and the domain functions built on
// them) or is listed with its reason. A listed line that no longer exists fails too, so the list stays
// exact. The domain side — every period rule classified and counted by the engine — is
// packages/domain/src/corrections/periods.test.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_RULES, isPeriodRule, PERIOD_RULE_CODES } from '@pingzhan/domain'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../src/', import.meta.url))

const ARITHMETIC =
  /86_?400_?000|3_?600_?000|UTC(?:Date|Month|FullYear)\(|Date\.UTC\(|setDate\(|\baddDays\(|\baddMonths\(|addOneMonth|\bdaysBetween\(|Date\.parse\([^)]*\)\s*[-+]|getTime\(\)\s*[-+]/

/**
 * Capabilities that hold no statutory period at all: their date arithmetic is listed by file, with the
 * reason. A file not listed here is checked line by line below.
 */
const NO_STATUTORY_PERIODS: Readonly<Record<string, string>> = {
  'services/vehicles.ts':
    '公车管理: booking windows, look-backs and report ranges of the bureau’s own vehicle rules',
  'services/staff-leave.ts': 'staff leave (HR): look-back, day ends and input bounds',
  'services/task-actions.ts': "the field app's offline outbox: clock skew and the age of a queued action",
  'services/devices.ts': "a kiosk registration code's validity",
  'services/auth.ts': 'login lockout',
  'services/activations.ts':
    "wartime (一定五动): the commander's own minute and hour deadlines, and display times",
  'repos/sessions.ts': 'session expiry',
  'repos/session-alive.ts': 'session idle expiry',
  'trpc/init.ts': 'session expiry',
  'rate-limit.ts': "the login rate limiter's retention and pruning",
  'services/accounts.ts': 'accounts: today in China Standard Time, who is online',
  'services/login-log.ts': 'the login log: today in China Standard Time',
  'services/totp.ts': 'two-factor sign-in lockout',
  'services/appointments.ts':
    "kiosk appointments: the office's own booking horizon and slot lengths, not a legal period",
  'services/oversight.ts':
    'oversight (四.1 提报): the time-to-raise measured and the decision deadline the raiser sets in hours',
}

/** file (relative to src/) → the exact line text (trimmed) → why it is not a legal period. */
const NOT_LEGAL_PERIODS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'shared.ts': {
    'new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)':
      'time zone: the civil date in China Standard Time (UTC+8), no period',
  },
  'services/registers.ts': {
    'const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)':
      'time zone: today in China Standard Time, no period',
  },

  'services/task-work.ts': {
    'const local = new Date(Date.parse(dueAt) + 8 * 3600_000)': 'time zone of a recurring task',
    "if (recurrence === 'weekly') return new Date(Date.parse(dueAt) + 7 * 86_400_000).toISOString()":
      "recurring work: the office's own weekly schedule, not a legal period",
    'const y = local.getUTCFullYear()': "recurring work: the office's own monthly schedule",
    'const m = local.getUTCMonth() + 1': "recurring work: the office's own monthly schedule",
    'const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()':
      "recurring work: the office's own monthly schedule",
    'const day = Math.min(local.getUTCDate(), lastDay)': "recurring work: the office's own monthly schedule",
    'const next = Date.UTC(': "recurring work: the office's own monthly schedule",
    'return new Date(next - 8 * 3600_000).toISOString()': 'time zone of a recurring task',
    "iso ? new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : ''":
      'time zone: a timestamp for the export',
  },
  'services/deadlines.ts': {
    'const until = new Date(`${addDays(today, soonDays)}T23:59:59.999+08:00`).toISOString()':
      "the dashboard's look-ahead window (due within N days), not a period",
  },
  'services/legal-aid.ts': {
    'daysLeft: awaitingDecision ? daysBetween(today, r.decision_deadline) : null,':
      "display: days left until the engine's deadline",
  },

  'services/obligations.ts': {
    'export const startDeadlineSweep = (deps: Deps, intervalMs = 3_600_000): (() => void) => {':
      "the sweep's timer interval",
  },

  'services/assessment-facts.ts': {
    'earlier(new Date(w.asOf.getTime() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10), w.period.toDate)':
      'assessment: the end (exclusive) of the scoring window as a Beijing date, not a legal period',
  },
}

// Not scanned: migrations (schema), and the seeds — the demo simulates days passing and records every
// case through the services (so its deadlines come from the engine), the scale seed writes synthetic
// rows for load tests.
const SKIPPED = [join('db', 'migrations'), join(SRC, 'seed')]

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return SKIPPED.some((s) => path.endsWith(s)) ? [] : sources(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : []
  })

const hits = (): Array<{ file: string; line: string }> =>
  sources(SRC).flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => ARITHMETIC.test(l) && !l.startsWith('//') && !l.startsWith('*'))
      .map((line) => ({ file: relative(SRC, path).split('\\').join('/'), line })),
  )

describe('every period goes through the calendar engine (issue 16)', () => {
  it('finds date arithmetic where it is (the scan works)', () => {
    expect(hits().some((h) => h.file === 'services/task-work.ts')).toBe(true)
  })

  it('has no date arithmetic outside the engine except the listed lines that are not legal periods', () => {
    const unlisted = hits().filter(
      (h) => NO_STATUTORY_PERIODS[h.file] === undefined && NOT_LEGAL_PERIODS[h.file]?.[h.line] === undefined,
    )
    expect(unlisted, 'route these through deadlineOf/dueInstantOf, or list them with the reason').toEqual([])
  })

  it('lists no file without date arithmetic, and no file twice', () => {
    const files = new Set(hits().map((h) => h.file))
    expect(Object.keys(NO_STATUTORY_PERIODS).filter((f) => !files.has(f))).toEqual([])
    expect(Object.keys(NO_STATUTORY_PERIODS).filter((f) => f in NOT_LEGAL_PERIODS)).toEqual([])
  })

  it('lists no line that is gone', () => {
    const found = new Set(hits().map((h) => `${h.file}\n${h.line}`))
    const stale = Object.entries(NOT_LEGAL_PERIODS).flatMap(([file, lines]) =>
      Object.keys(lines)
        .filter((l) => !found.has(`${file}\n${l}`))
        .map((line) => ({ file, line })),
    )
    expect(stale).toEqual([])
  })

  it('ships every period rule of the system in the one rule table the engine counts', () => {
    expect(PERIOD_RULE_CODES).toEqual(DEFAULT_RULES.filter(isPeriodRule).map((r) => r.code))
    for (const code of [
      'mediation.target',
      'mediation.confirmation',
      'legalAid.decision',
      'legalAid.designation',
      'legalAid.detainedForward',
    ])
      expect(PERIOD_RULE_CODES).toContain(code)
  })
})
