// The working-day calendar (chinese-days data + the bureau's entries) and the rules in force
// (domain defaults + the bureau's overrides of S/R/B rules). Both are audited when changed.
import { createRequire } from 'node:module'
import {
  buildCalendar,
  CONFIDENCE_LABELS,
  type Confidence,
  checkRuleChange,
  countingOf,
  DEFAULT_RULES,
  type RuleSet,
  ruleSetOf,
  validateYearSchedule,
  type WorkCalendar,
  type YearSchedule,
} from '@pingzhan/domain'
import { Result } from 'effect'
import { appendAudit } from '../audit/audit.ts'
import type { DbOrTrx } from '../db/types.ts'
import type { User } from '../repos/users.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail } from '../trpc/errors.ts'
import { auditActor, userUnit } from './units.ts'

interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>
  readonly workdays: Readonly<Record<string, string>>
}

/** The State Council schedules as the chinese-days package carries them (2004–2026 in 1.5.7). */
const packageSchedules = ((): ReadonlyArray<YearSchedule> => {
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData
  const years = new Map<number, { daysOff: string[]; workdays: string[] }>()
  const yearOf = (d: string) => {
    const y = Number(d.slice(0, 4))
    let entry = years.get(y)
    if (!entry) {
      entry = { daysOff: [], workdays: [] }
      years.set(y, entry)
    }
    return entry
  }
  for (const d of Object.keys(data.holidays)) yearOf(d).daysOff.push(d)
  for (const d of Object.keys(data.workdays)) yearOf(d).workdays.push(d)
  return [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, e]) => ({
      year,
      daysOff: e.daysOff.sort(),
      workdays: e.workdays.sort(),
      source: 'package' as const,
    }))
})()

export const bureauSchedules = async (
  db: DbOrTrx,
): Promise<ReadonlyArray<YearSchedule & { notice: string; version: number; enteredAt: string }>> => {
  const rows = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute()
  return rows.map((r) => ({
    year: Number(r.year),
    daysOff: JSON.parse(r.days_off_json) as string[],
    workdays: JSON.parse(r.workdays_json) as string[],
    source: 'bureau' as const,
    notice: r.notice,
    version: Number(r.version),
    enteredAt: r.entered_at,
  }))
}

/** The calendar in force: the package's years, then the bureau's (which replace a year they repeat). */
export const loadCalendar = async (db: DbOrTrx): Promise<WorkCalendar> =>
  buildCalendar([...packageSchedules, ...(await bureauSchedules(db))])

export const loadRules = async (db: DbOrTrx): Promise<RuleSet> => {
  const rows = await db.selectFrom('rule_overrides').select(['code', 'amount', 'roll']).execute()
  return ruleSetOf(rows.map((r) => ({ code: r.code, amount: Number(r.amount), roll: Number(r.roll) === 1 })))
}

export interface CalendarYearItem {
  readonly year: number
  readonly source: 'package' | 'bureau'
  readonly daysOff: ReadonlyArray<string>
  readonly workdays: ReadonlyArray<string>
  readonly notice: string
  readonly version: number
}

/** Years from two before `today` on, so the bureau sees what the next deadlines rest on. */
export const listCalendarYears = async (
  ctx: Context,
): Promise<{ items: ReadonlyArray<CalendarYearItem>; knownUntil: number }> => {
  const thisYear = Number(ctx.deps.clock().toISOString().slice(0, 4))
  const bureau = await bureauSchedules(ctx.deps.db)
  const byYear = new Map<number, CalendarYearItem>()
  for (const s of packageSchedules) {
    if (s.year >= thisYear - 2)
      byYear.set(s.year, { ...s, notice: 'chinese-days 1.5.7（国务院办公厅放假通知）', version: 0 })
  }
  for (const s of bureau) byYear.set(s.year, s)
  const items = [...byYear.values()].sort((a, b) => a.year - b.year)
  return { items, knownUntil: items.at(-1)?.year ?? thisYear }
}

/** The bureau enters (or corrects) a year's official schedule; audited with before and after. */
export const setCalendarYear = async (
  ctx: Context,
  user: User,
  input: {
    year: number
    daysOff: ReadonlyArray<string>
    workdays: ReadonlyArray<string>
    notice: string
    version: number
  },
): Promise<CalendarYearItem> => {
  const checked = validateYearSchedule({
    year: input.year,
    daysOff: input.daysOff,
    workdays: input.workdays,
    source: 'bureau',
  })
  if (Result.isFailure(checked)) throw fail('BAD_REQUEST', checked.failure._tag, checked.failure.message)
  const s = checked.success
  const { deps, req } = ctx
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('calendar_years')
      .selectAll()
      .where('year', '=', s.year)
      .executeTakeFirst()
    const current = existing ? Number(existing.version) : 0
    if (current !== input.version) throw conflict('该年度日历已被他人修改，请刷新后重试')
    const row = {
      days_off_json: JSON.stringify(s.daysOff),
      workdays_json: JSON.stringify(s.workdays),
      notice: input.notice,
      entered_by: user.id,
      entered_at: now.toISOString(),
      version: current + 1,
    }
    if (existing) await trx.updateTable('calendar_years').set(row).where('year', '=', s.year).execute()
    else
      await trx
        .insertInto('calendar_years')
        .values({ year: s.year, ...row })
        .execute()
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: auditActor(user),
      unit: userUnit(deps.org, user),
      action: 'calendar.setYear',
      subjectType: 'calendarYear',
      subjectId: String(s.year),
      before: existing
        ? {
            daysOff: JSON.parse(existing.days_off_json),
            workdays: JSON.parse(existing.workdays_json),
            notice: existing.notice,
          }
        : null,
      after: { daysOff: s.daysOff, workdays: s.workdays, notice: input.notice },
    })
  })
  return {
    year: s.year,
    source: 'bureau',
    daysOff: s.daysOff,
    workdays: s.workdays,
    notice: input.notice,
    version: input.version + 1,
  }
}

export interface RuleItem {
  readonly code: string
  readonly title: string
  readonly amount: number
  readonly defaultAmount: number
  readonly unit: string
  readonly roll: boolean
  /** how the period counts (natural days with the holiday rollover, working days, hours, months) */
  readonly counting: string
  readonly source: string
  readonly confidence: Confidence
  readonly confidenceLabel: string
  readonly adjustable: boolean
  readonly min: number
  readonly max: number
  readonly version: number
}

export const listRules = async (ctx: Context): Promise<ReadonlyArray<RuleItem>> => {
  const rules = await loadRules(ctx.deps.db)
  const versions = new Map(
    (await ctx.deps.db.selectFrom('rule_overrides').select(['code', 'version']).execute()).map((r) => [
      r.code,
      Number(r.version),
    ]),
  )
  return DEFAULT_RULES.map((d) => {
    const r = rules.get(d.code) ?? d
    return {
      code: d.code,
      title: d.title,
      amount: r.amount,
      defaultAmount: d.amount,
      unit: d.unit,
      roll: r.roll,
      counting: countingOf({ unit: d.unit, roll: r.roll }),
      source: d.source,
      confidence: d.confidence,
      confidenceLabel: CONFIDENCE_LABELS[d.confidence],
      adjustable: d.confidence !== 'V',
      min: d.min,
      max: d.max,
      version: versions.get(d.code) ?? 0,
    }
  })
}

/** Changes an S/R/B rule (LEGAL-RULES.md: such rules are data the bureau can change), audited. */
export const updateRule = async (
  ctx: Context,
  user: User,
  input: { code: string; amount: number; roll: boolean; reason: string; version: number },
): Promise<RuleItem> => {
  const { deps, req } = ctx
  const rules = await loadRules(deps.db)
  const current = rules.get(input.code)
  if (!current) throw fail('NOT_FOUND', 'NotFound', '找不到该规则')
  const checked = checkRuleChange(current, input)
  if (Result.isFailure(checked)) throw fail('BAD_REQUEST', checked.failure._tag, checked.failure.message)
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('rule_overrides')
      .selectAll()
      .where('code', '=', input.code)
      .executeTakeFirst()
    const version = existing ? Number(existing.version) : 0
    if (version !== input.version) throw conflict('该规则已被他人修改，请刷新后重试')
    const row = {
      amount: input.amount,
      roll: input.roll ? 1 : 0,
      reason: input.reason,
      updated_by: user.id,
      updated_at: now.toISOString(),
      version: version + 1,
    }
    if (existing) await trx.updateTable('rule_overrides').set(row).where('code', '=', input.code).execute()
    else
      await trx
        .insertInto('rule_overrides')
        .values({ code: input.code, ...row })
        .execute()
    await appendAudit(trx, deps.keys, {
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      actor: auditActor(user),
      unit: userUnit(deps.org, user),
      action: 'rule.update',
      subjectType: 'rule',
      subjectId: input.code,
      before: { amount: current.amount, roll: current.roll },
      after: { amount: input.amount, roll: input.roll, reason: input.reason },
    })
  })
  const item = (await listRules(ctx)).find((r) => r.code === input.code)
  if (!item) throw new Error('rule vanished')
  return item
}
