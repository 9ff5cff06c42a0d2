// Assessment and rankings (issue 12, policy 四.3): scheme versions (draft → published, a published one
// never changes), year-end entries, accountability records, the scores of a period computed by the
// domain's one pure function from the facts the aggregate queries read, the published (official)
// results, drill-down to the records behind a score, the Excel export and the party group's report.
//
// Who sees what: the bureau (系统管理员) and the bureau leaders see everything, live; the brigade and the
// units see a period once it is published, and units the detail of their own unit only; only the bureau
// edits schemes, entries and accountability records (audited).
import {
  ACCOUNTABILITY_CATEGORIES,
  ACCOUNTABILITY_LABELS,
  type AccountabilityCategory,
  type AssessedUnitType,
  type AssessmentPeriod,
  type AssessmentResult,
  type AssessmentScheme,
  assessmentUnitsOf,
  ENTRY_LABELS,
  type EntryKind,
  type Indicator,
  METRICS,
  monthsOf,
  parsePeriod,
  schemeProblems,
  scoreAssessment,
  UNIT_TYPE_LABELS,
  type UnitScore,
  yiyuanScheme2026,
} from '@pingzhan/domain'
import { Effect, Exit } from 'effect'
import { type AuditEntry, appendAudit } from '../audit/audit.ts'
import type { AssessmentSchemeTable } from '../db/assessment-types.ts'
import type { DbOrTrx, Trx } from '../db/types.ts'
import type { User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import {
  closedMediations,
  decidedLegalAid,
  type FactWindow,
  forwardedLegalAid,
  gatherFacts,
  judgedTasks,
  startedActivations,
} from './assessment-facts.ts'
import { auditContext } from './registers.ts'
import { escapeCell } from './task-work.ts'
import { officeName, squadName, userUnit } from './units.ts'

// --- access ------------------------------------------------------------------------------------------------

/** 系统管理员 acts for the bureau: schemes, entries, accountability, publishing. */
export const isBureau = (user: User): boolean => user.role === 'bureauAdmin'
/** The bureau and its leaders see every score, live (四.1: 班子成员 follow the work of the areas). */
export const seesEverything = (user: User): boolean =>
  user.role === 'bureauAdmin' || user.role === 'bureauLeader'

const requireBureau = (user: User): void => {
  if (!isBureau(user)) throw forbidden('只有局机关（系统管理员）可以修改考核方案、年底考核分值和问责记录')
}
const requireEverything = (user: User): void => {
  if (!seesEverything(user)) throw forbidden()
}

/** The assessed units a unit user may see the detail of: their own office, or their squad and its area. */
const ownUnits = (user: User): ReadonlyArray<{ type: AssessedUnitType; code: string }> | 'all' | 'none' => {
  switch (user.role) {
    case 'bureauAdmin':
    case 'bureauLeader':
    case 'brigadeLeader':
      return 'all'
    case 'officeDirector':
      return user.officeCode ? [{ type: 'office', code: user.officeCode }] : 'none'
    case 'squadLeader':
    case 'squadMember':
      return user.squadCode
        ? [
            { type: 'squad', code: user.squadCode },
            { type: 'area', code: user.squadCode },
          ]
        : 'none'
    default:
      return 'none'
  }
}

const mayReadResults = (user: User): boolean => ownUnits(user) !== 'none'

/** A unique index refused the row (two callers raced for the same version or period). */
const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: unknown; message?: unknown } | null
  return e?.code === '23505' || (typeof e?.message === 'string' && /UNIQUE constraint failed/.test(e.message))
}

// --- names ---------------------------------------------------------------------------------------------------

/** An assessment write's audit entry, in its transaction: the acting user, their unit, the request. */
const audit = (
  trx: Trx,
  ctx: Context,
  user: User,
  now: Date,
  entry: Pick<AuditEntry, 'action' | 'subjectType' | 'subjectId' | 'before' | 'after'>,
): Promise<void> =>
  appendAudit(trx, ctx.deps.keys, {
    ...auditContext(ctx, user, now),
    unit: userUnit(ctx.deps.org, user),
    ...entry,
  })

export const unitName = (ctx: Context, type: AssessedUnitType, code: string): string =>
  type === 'office'
    ? officeName(ctx.deps.org, code)
    : type === 'squad'
      ? squadName(ctx.deps.org, code)
      : `${squadName(ctx.deps.org, code)}辖区`

// --- periods -------------------------------------------------------------------------------------------------

export const periodOf = (key: string): AssessmentPeriod => {
  const exit = Effect.runSyncExit(parsePeriod(key))
  if (Exit.isSuccess(exit)) return exit.value
  throw fail(
    'BAD_REQUEST',
    'PeriodInvalid',
    `考核期间“${key}”无效，应为年（2026）、季度（2026-Q4）或月份（2026-11）`,
    {
      period: '考核期间无效',
    },
  )
}

// --- schemes -------------------------------------------------------------------------------------------------

export interface SchemeItem {
  readonly id: string
  readonly code: string
  readonly version: number
  readonly name: string
  readonly status: 'draft' | 'published'
  readonly statusLabel: string
  readonly createdAt: string
  readonly updatedAt: string
  readonly publishedAt: string | null
  readonly rowVersion: number
  readonly scheme: AssessmentScheme
}

const schemeItem = (r: AssessmentSchemeTable): SchemeItem => ({
  id: r.id,
  code: r.code,
  version: Number(r.version),
  name: r.name,
  status: r.status,
  statusLabel: r.status === 'published' ? '已发布' : '草稿',
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
  rowVersion: Number(r.row_version),
  scheme: JSON.parse(r.body_json) as AssessmentScheme,
})

const findScheme = async (db: DbOrTrx, id: string): Promise<SchemeItem | null> => {
  const r = await db.selectFrom('assessment_schemes').selectAll().where('id', '=', id).executeTakeFirst()
  return r ? schemeItem(r) : null
}

/** The newest published version, or `null` when nothing is published yet. */
const latestPublished = async (db: DbOrTrx): Promise<SchemeItem | null> => {
  const r = await db
    .selectFrom('assessment_schemes')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return r ? schemeItem(r) : null
}

export const listSchemes = async (ctx: Context, user: User): Promise<ReadonlyArray<SchemeItem>> => {
  requireEverything(user)
  const rows = await ctx.deps.db
    .selectFrom('assessment_schemes')
    .selectAll()
    .orderBy('code')
    .orderBy('version', 'desc')
    .execute()
  return rows.map(schemeItem)
}

export const getScheme = async (ctx: Context, user: User, id: string): Promise<SchemeItem> => {
  requireEverything(user)
  const s = await findScheme(ctx.deps.db, id)
  if (s === null) throw notFound('考核方案')
  return s
}

/** The starting point of a new scheme: the newest version's data, or the Yiyuan scheme. */
export const schemeTemplate = async (ctx: Context, user: User): Promise<AssessmentScheme> => {
  requireBureau(user)
  const rows = await ctx.deps.db
    .selectFrom('assessment_schemes')
    .selectAll()
    .orderBy('updated_at', 'desc')
    .limit(1)
    .execute()
  return rows[0] ? schemeItem(rows[0]).scheme : yiyuanScheme2026
}

/** Rejects a scheme with all its problems in Chinese (nothing is written). */
const checkScheme = (scheme: AssessmentScheme): void => {
  const problems = schemeProblems(scheme)
  if (problems.length > 0) {
    throw fail(
      'BAD_REQUEST',
      'SchemeInvalid',
      `考核方案有误：${problems.map((p) => p.message).join('；')}`,
      Object.fromEntries(problems.map((p) => [p.path, p.message])),
    )
  }
}

const immutable = (version: number) =>
  fail('CONFLICT', 'SchemeImmutable', `考核方案第 ${version} 版已发布，不能修改；如需调整请另建新版本`)

/**
 * Saves a draft: a new version (no id) numbered after the newest of its code, or changes to a draft
 * (id + rowVersion). A published version is refused (SchemeImmutable) and nothing changes.
 */
export const saveScheme = async (
  ctx: Context,
  user: User,
  input: {
    id?: string | undefined
    rowVersion?: number | undefined
    scheme: Omit<AssessmentScheme, 'version'>
  },
): Promise<{ id: string; version: number; rowVersion: number }> => {
  requireBureau(user)
  const { deps } = ctx
  const now = deps.clock()
  return deps.db
    .transaction()
    .execute(async (trx) => {
      if (input.id !== undefined) {
        const current = await findScheme(trx, input.id)
        if (current === null) throw notFound('考核方案')
        if (current.status === 'published') throw immutable(current.version)
        if (input.scheme.code !== current.code) {
          throw fail('BAD_REQUEST', 'InvalidInput', '输入有误：方案代码不能修改', {
            code: '方案代码不能修改',
          })
        }
        const scheme: AssessmentScheme = { ...input.scheme, version: current.version }
        checkScheme(scheme)
        const res = await trx
          .updateTable('assessment_schemes')
          .set({
            name: scheme.name,
            body_json: JSON.stringify(scheme),
            updated_at: now.toISOString(),
            row_version: current.rowVersion + 1,
          })
          .where('id', '=', current.id)
          .where('status', '=', 'draft')
          .where('row_version', '=', input.rowVersion ?? -1)
          .executeTakeFirst()
        if (Number(res.numUpdatedRows) !== 1) {
          const again = await findScheme(trx, current.id)
          if (again?.status === 'published') throw immutable(current.version)
          throw conflict('考核方案已被他人修改，请刷新后重试')
        }
        await audit(trx, ctx, user, now, {
          action: 'assessment.saveScheme',
          subjectType: 'assessmentScheme',
          subjectId: current.id,
          before: current.scheme,
          after: scheme,
        })
        return { id: current.id, version: current.version, rowVersion: current.rowVersion + 1 }
      }
      const newest = await trx
        .selectFrom('assessment_schemes')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('code', '=', input.scheme.code)
        .executeTakeFirst()
      const version = Number(newest?.v ?? 0) + 1
      const scheme: AssessmentScheme = { ...input.scheme, version }
      checkScheme(scheme)
      const id = newId()
      await trx
        .insertInto('assessment_schemes')
        .values({
          id,
          code: scheme.code,
          version,
          name: scheme.name,
          status: 'draft',
          body_json: JSON.stringify(scheme),
          created_by: user.id,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
          published_at: null,
          published_by: null,
          row_version: 1,
        })
        .execute()
      await audit(trx, ctx, user, now, {
        action: 'assessment.createScheme',
        subjectType: 'assessmentScheme',
        subjectId: id,
        after: scheme,
      })
      return { id, version, rowVersion: 1 }
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error))
        throw conflict('另一位同事刚刚新建了同一方案的新版本，请刷新后重试', 'SchemeVersionTaken')
      throw error
    })
}

/** Publishes a draft; from then on it is immutable. Only one caller wins a race (conditional update). */
export const publishScheme = async (
  ctx: Context,
  user: User,
  input: { id: string; rowVersion: number },
): Promise<{ ok: true }> => {
  requireBureau(user)
  const { deps } = ctx
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const current = await findScheme(trx, input.id)
    if (current === null) throw notFound('考核方案')
    if (current.status === 'published') throw immutable(current.version)
    checkScheme(current.scheme)
    const res = await trx
      .updateTable('assessment_schemes')
      .set({
        status: 'published',
        published_at: now.toISOString(),
        published_by: user.id,
        row_version: current.rowVersion + 1,
      })
      .where('id', '=', current.id)
      .where('status', '=', 'draft')
      .where('row_version', '=', input.rowVersion)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) throw conflict('考核方案已被他人修改或发布，请刷新后重试')
    await audit(trx, ctx, user, now, {
      action: 'assessment.publishScheme',
      subjectType: 'assessmentScheme',
      subjectId: current.id,
      before: { status: 'draft' },
      after: { status: 'published', version: current.version },
    })
  })
  return { ok: true }
}

// --- computing -----------------------------------------------------------------------------------------------

/** Scores a period with a scheme from the facts in the database (the aggregate queries). */
export const computeResult = async (
  ctx: Context,
  scheme: AssessmentScheme,
  period: AssessmentPeriod,
): Promise<AssessmentResult> => {
  const window: FactWindow = { period, asOf: ctx.deps.clock() }
  const facts = await gatherFacts(ctx.deps.db, ctx.deps.org, window)
  return scoreAssessment(scheme, assessmentUnitsOf(ctx.deps.org), facts, period.kind)
}

export type NamedUnitScore = UnitScore & {
  readonly unitName: string
  readonly areaName: string
  readonly detail: boolean
}

export interface ResultsView {
  readonly period: { readonly key: string; readonly label: string; readonly kind: AssessmentPeriod['kind'] }
  readonly scheme: {
    readonly id: string
    readonly version: number
    readonly name: string
    readonly status: string
  } | null
  readonly publication: {
    readonly at: string
    readonly byName: string
    readonly schemeVersion: number
  } | null
  /** `true` when computed now from the records; `false` for the published snapshot */
  readonly live: boolean
  readonly partWeights: AssessmentResult['partWeights'] | null
  readonly office: ReadonlyArray<NamedUnitScore>
  readonly squad: ReadonlyArray<NamedUnitScore>
  readonly area: ReadonlyArray<NamedUnitScore>
}

const named = (
  ctx: Context,
  list: ReadonlyArray<UnitScore>,
  detailOf: (u: UnitScore) => boolean,
): ReadonlyArray<NamedUnitScore> =>
  list.map((u) => {
    const detail = detailOf(u)
    return {
      ...u,
      // a unit sees the other units' totals and ranks, not their inner workings
      indicators: detail ? u.indicators : [],
      accountability: detail ? u.accountability : [],
      basis: detail ? u.basis : '',
      composition: detail ? u.composition : null,
      unitName: unitName(ctx, u.unitType, u.unitCode),
      areaName: `${squadName(ctx.deps.org, u.area)}辖区`,
      detail,
    }
  })

const publicationOf = async (db: DbOrTrx, key: string) =>
  db
    .selectFrom('assessment_publications')
    .innerJoin('users', 'users.id', 'assessment_publications.published_by')
    .innerJoin('assessment_schemes', 'assessment_schemes.id', 'assessment_publications.scheme_id')
    .select([
      'assessment_publications.id',
      'assessment_publications.scheme_id',
      'assessment_publications.published_at',
      'assessment_publications.result_json',
      'users.display_name',
      'assessment_schemes.version',
      'assessment_schemes.name',
    ])
    .where('assessment_publications.period_key', '=', key)
    .executeTakeFirst()

/** The scheme a bureau reader's computation uses: the one asked for, else the newest published. */
const schemeForReading = async (ctx: Context, schemeId: string | undefined): Promise<SchemeItem | null> => {
  if (schemeId !== undefined) {
    const s = await findScheme(ctx.deps.db, schemeId)
    if (s === null) throw notFound('考核方案')
    return s
  }
  return latestPublished(ctx.deps.db)
}

/**
 * The scores of a period. The bureau and its leaders: computed now (with the scheme asked for or the
 * newest published one), with the publication if there is one. Others: the published result only.
 */
export const results = async (
  ctx: Context,
  user: User,
  input: { period: string; schemeId?: string | undefined },
): Promise<ResultsView> => {
  if (!mayReadResults(user)) throw forbidden()
  const period = periodOf(input.period)
  const pub = await publicationOf(ctx.deps.db, period.key)
  const publication = pub
    ? { at: pub.published_at, byName: pub.display_name, schemeVersion: Number(pub.version) }
    : null
  const head = { key: period.key, label: period.label, kind: period.kind }
  if (seesEverything(user)) {
    const scheme = await schemeForReading(ctx, input.schemeId)
    if (scheme === null) {
      return {
        period: head,
        scheme: null,
        publication,
        live: true,
        partWeights: null,
        office: [],
        squad: [],
        area: [],
      }
    }
    const r = await computeResult(ctx, scheme.scheme, period)
    const all = () => true
    return {
      period: head,
      scheme: { id: scheme.id, version: scheme.version, name: scheme.name, status: scheme.status },
      publication,
      live: true,
      partWeights: r.partWeights,
      office: named(ctx, r.office, all),
      squad: named(ctx, r.squad, all),
      area: named(ctx, r.area, all),
    }
  }
  if (pub === undefined) {
    return {
      period: head,
      scheme: null,
      publication: null,
      live: false,
      partWeights: null,
      office: [],
      squad: [],
      area: [],
    }
  }
  const r = JSON.parse(pub.result_json) as AssessmentResult
  const own = ownUnits(user)
  const detailOf = (u: UnitScore) =>
    own === 'all' || (own !== 'none' && own.some((o) => o.type === u.unitType && o.code === u.unitCode))
  return {
    period: head,
    scheme: { id: pub.scheme_id, version: Number(pub.version), name: pub.name, status: 'published' },
    publication,
    live: false,
    partWeights: r.partWeights,
    office: named(ctx, r.office, detailOf),
    squad: named(ctx, r.squad, detailOf),
    area: named(ctx, r.area, detailOf),
  }
}

/** Publishes the official result of a period with a published scheme; once per period. */
export const publishResults = async (
  ctx: Context,
  user: User,
  input: { period: string; schemeId: string },
): Promise<{ ok: true }> => {
  requireBureau(user)
  const { deps } = ctx
  const period = periodOf(input.period)
  const scheme = await findScheme(deps.db, input.schemeId)
  if (scheme === null) throw notFound('考核方案')
  if (scheme.status !== 'published') {
    throw fail('BAD_REQUEST', 'SchemeNotPublished', '只能用已发布的考核方案发布考核结果')
  }
  const result = await computeResult(ctx, scheme.scheme, period)
  const now = deps.clock()
  const taken = () => conflict(`${period.label}的考核结果已经发布`, 'AlreadyPublished')
  await deps.db
    .transaction()
    .execute(async (trx) => {
      if (await publicationOf(trx, period.key)) {
        throw taken()
      }
      const id = newId()
      await trx
        .insertInto('assessment_publications')
        .values({
          id,
          period_key: period.key,
          scheme_id: scheme.id,
          published_at: now.toISOString(),
          published_by: user.id,
          result_json: JSON.stringify(result),
        })
        .execute()
      await audit(trx, ctx, user, now, {
        action: 'assessment.publishResults',
        subjectType: 'assessmentPublication',
        subjectId: id,
        after: {
          period: period.key,
          schemeVersion: scheme.version,
          office: result.office.map((u) => [u.unitCode, u.total]),
          squad: result.squad.map((u) => [u.unitCode, u.total]),
          area: result.area.map((u) => [u.unitCode, u.total]),
        },
      })
    })
    .catch((error: unknown) => {
      // the period's unique index: a concurrent publication won
      throw isUniqueViolation(error) ? taken() : error
    })
  return { ok: true }
}

/** Each month's totals of a year for one unit type (the trend chart). */
export const trend = async (
  ctx: Context,
  user: User,
  input: { year: number; unitType: AssessedUnitType; schemeId?: string | undefined },
): Promise<{
  months: ReadonlyArray<{
    key: string
    label: string
    published: boolean
    units: ReadonlyArray<{ code: string; name: string; total: number }>
  }>
}> => {
  if (!mayReadResults(user)) throw forbidden()
  const year = periodOf(String(input.year))
  const scheme = seesEverything(user) ? await schemeForReading(ctx, input.schemeId) : null
  const now = ctx.deps.clock().toISOString()
  const months = []
  for (const m of monthsOf(year)) {
    if (m.from > now) break
    const pub = await publicationOf(ctx.deps.db, m.key)
    let list: ReadonlyArray<UnitScore> | null = null
    if (scheme !== null) list = (await computeResult(ctx, scheme.scheme, m))[input.unitType]
    else if (pub) list = (JSON.parse(pub.result_json) as AssessmentResult)[input.unitType]
    if (list === null) continue
    months.push({
      key: m.key,
      label: m.label,
      published: pub !== undefined,
      units: [...list]
        .sort((a, b) => (a.unitCode < b.unitCode ? -1 : 1))
        .map((u) => ({ code: u.unitCode, name: unitName(ctx, u.unitType, u.unitCode), total: u.total })),
    })
  }
  return { months }
}

// --- drill-down: the records behind an indicator ---------------------------------------------------------------

export interface FactRow {
  readonly kind: 'task' | 'mediation' | 'legalAid' | 'activation' | 'refusal' | 'entry' | 'accountability'
  readonly id: string
  readonly title: string
  readonly detail: string
  readonly at: string | null
  /** counted for the unit (on time, agreed, in time, prompt) or against it */
  readonly good: boolean
  /** the console page that shows the record */
  readonly link: string | null
}

const FACT_LIMIT = 200

/**
 * The records behind one indicator of one unit in a period (at most 200, oldest first): the tasks with
 * their due and completion times, the mediation and legal-aid cases, the activations and refusals.
 */
export const indicatorFacts = async (
  ctx: Context,
  user: User,
  input: {
    period: string
    unitType: AssessedUnitType
    unitCode: string
    indicator: string
    schemeId?: string | undefined
  },
): Promise<{
  indicator: { code: string; name: string; basis: string }
  items: ReadonlyArray<FactRow>
  truncated: boolean
}> => {
  const view = await results(ctx, user, input)
  const unit = view[input.unitType].find((u) => u.unitCode === input.unitCode)
  if (unit === undefined || !unit.detail) throw notFound('考核单位')
  const score = unit.indicators.find((i) => i.code === input.indicator)
  if (score === undefined) throw notFound('考核指标')
  const scheme = view.scheme ? await findScheme(ctx.deps.db, view.scheme.id) : null
  const ind: Indicator | undefined = scheme?.scheme.indicators.find((i) => i.code === input.indicator)
  if (ind === undefined) throw notFound('考核指标')
  const period = periodOf(input.period)
  const db = ctx.deps.db
  const window: FactWindow = { period, asOf: ctx.deps.clock() }
  const t = input.unitType
  const code = input.unitCode
  let items: FactRow[] = []
  const src = ind.source
  if (src.kind === 'entered') {
    const rows = await db
      .selectFrom('assessment_entries')
      .selectAll()
      .where('year', '=', period.year)
      .where('unit_type', '=', t)
      .where('unit_code', '=', code)
      .where('entry', '=', src.entry)
      .execute()
    items = rows.map((r) => ({
      kind: 'entry',
      id: r.id,
      title: `${ENTRY_LABELS[r.entry]} ${r.score} 分`,
      detail: r.note,
      at: r.entered_at,
      good: true,
      link: null,
    }))
  } else if (src.metric === 'tasksOnTime' || src.metric === 'statutoryOnTime') {
    let q = judgedTasks(db, window).select(['id', 'title', 'duty_code', 'due_at', 'completed_at', 'status'])
    if (t === 'office') q = q.where('office_code', '=', code)
    else if (t === 'squad') q = q.where('office_code', 'is', null).where('squad_code', '=', code)
    else q = q.where('squad_code', '=', code)
    if (src.metric === 'statutoryOnTime') q = q.where('source', '=', 'statutory')
    if (src.dutyPrefix) {
      const p = src.dutyPrefix
      q = q.where((eb) => eb.or([eb('duty_code', '=', p), eb('duty_code', 'like', `${p}.%`)]))
    }
    const rows = await q
      .orderBy('due_at')
      .orderBy('id')
      .limit(FACT_LIMIT + 1)
      .execute()
    items = rows.map((r) => {
      const onTime = r.completed_at !== null && r.completed_at <= r.due_at
      return {
        kind: 'task',
        id: r.id,
        title: r.title,
        detail: onTime ? '按时办结' : r.completed_at ? '逾期办结' : '逾期未办结',
        at: r.due_at,
        good: onTime,
        link: `/tasks?task=${r.id}`,
      }
    })
  } else if (src.metric === 'mediationSuccess') {
    let q = closedMediations(db, window).select(['id', 'case_no', 'status', 'closed_at', 'summary'])
    q = t === 'office' ? q.where('office_code', '=', code) : q.where('area_code', '=', code)
    const rows = await q
      .orderBy('closed_at')
      .limit(FACT_LIMIT + 1)
      .execute()
    items = rows.map((r) => ({
      kind: 'mediation',
      id: r.id,
      title: `${r.case_no} ${r.summary.slice(0, 30)}`,
      detail: r.status === 'agreement' ? '调解成功' : '调解不成',
      at: r.closed_at,
      good: r.status === 'agreement',
      link: `/mediation?case=${r.id}`,
    }))
  } else if (src.metric === 'legalAidInTime') {
    const columns = [
      'id',
      'case_no',
      'status',
      'decision_date',
      'decision_deadline',
      'forwarded_at',
      'forward_due_at',
    ] as const
    const ofUnit = (q: ReturnType<typeof decidedLegalAid>) =>
      t === 'office' ? q.where('office_code', '=', code) : q.where('area_code', '=', code)
    const [decided, forwarded] = await Promise.all(
      [decidedLegalAid(db, window), forwardedLegalAid(db, window)].map((q) =>
        ofUnit(q)
          .select(columns)
          .orderBy('id')
          .limit(FACT_LIMIT + 1)
          .execute(),
      ),
    )
    const rows = [...(decided ?? []), ...(forwarded ?? [])]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, FACT_LIMIT + 1)
    items = rows.map((r) => {
      const forwarded = r.status === 'forwarded'
      const good = forwarded
        ? (r.forwarded_at ?? '') <= (r.forward_due_at ?? '')
        : (r.decision_date ?? '') <= r.decision_deadline
      return {
        kind: 'legalAid',
        id: r.id,
        title: r.case_no,
        detail: `${forwarded ? '转交' : '审查决定'}${good ? '按期' : '超期'}`,
        at: forwarded ? r.forwarded_at : r.decision_date,
        good,
        link: `/legal-aid?case=${r.id}`,
      }
    })
  } else if (src.metric === 'activationPromptAck') {
    const rows = await startedActivations(db, window)
      .select(['id', 'duty_code', 'started_at'])
      .where('area_code', '=', code)
      .orderBy('started_at')
      .limit(FACT_LIMIT + 1)
      .execute()
    items = rows.map((r) => ({
      kind: 'activation',
      id: r.id,
      title: `战时行动（${r.duty_code}）`,
      detail: '及时响应情况见战时行动记录',
      at: r.started_at,
      good: true,
      link: `/wartime/${r.id}`,
    }))
  } else {
    const ids = new Set(score.facts)
    const rows =
      ids.size === 0
        ? []
        : await db
            .selectFrom('mode_events')
            .select(['id', 'activation_id', 'at', 'payload'])
            .where('id', 'in', [...ids].slice(0, FACT_LIMIT + 1))
            .orderBy('at')
            .execute()
    items = rows.map((r) => {
      const p = JSON.parse(r.payload) as { person?: string; note?: string }
      return {
        kind: 'refusal',
        id: r.id,
        title: `${ctx.deps.org.person(p.person ?? '')?.name ?? p.person ?? ''} 推诿`,
        detail: p.note ?? '',
        at: r.at,
        good: false,
        link: r.activation_id ? `/wartime/${r.activation_id}` : null,
      }
    })
  }
  return {
    indicator: { code: score.code, name: score.name, basis: score.basis },
    items: items.slice(0, FACT_LIMIT),
    truncated: items.length > FACT_LIMIT,
  }
}

// --- year-end entries -------------------------------------------------------------------------------------------

export interface EntryItem {
  readonly id: string
  readonly year: number
  readonly unitType: AssessedUnitType
  readonly unitCode: string
  readonly unitName: string
  readonly entry: EntryKind
  readonly entryLabel: string
  readonly score: number
  readonly note: string
  readonly enteredAt: string
  readonly enteredByName: string
}

export const listEntries = async (
  ctx: Context,
  user: User,
  year: number,
): Promise<ReadonlyArray<EntryItem>> => {
  requireEverything(user)
  const rows = await ctx.deps.db
    .selectFrom('assessment_entries')
    .innerJoin('users', 'users.id', 'assessment_entries.entered_by')
    .selectAll('assessment_entries')
    .select('users.display_name')
    .where('year', '=', year)
    .orderBy('unit_type')
    .orderBy('unit_code')
    .orderBy('entry')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    year: Number(r.year),
    unitType: r.unit_type,
    unitCode: r.unit_code,
    unitName: unitName(ctx, r.unit_type, r.unit_code),
    entry: r.entry,
    entryLabel: ENTRY_LABELS[r.entry],
    score: Number(r.score),
    note: r.note,
    enteredAt: r.entered_at,
    enteredByName: r.display_name,
  }))
}

const unitExists = (ctx: Context, type: AssessedUnitType, code: string): boolean =>
  type === 'office' ? ctx.deps.org.office(code) !== undefined : ctx.deps.org.squad(code) !== undefined

/** Records (or corrects) the year-end on-site score or the materials score of a unit; audited with before/after. */
export const enterScore = async (
  ctx: Context,
  user: User,
  input: {
    year: number
    unitType: AssessedUnitType
    unitCode: string
    entry: EntryKind
    score: number
    note: string
  },
): Promise<{ id: string }> => {
  requireBureau(user)
  if (!unitExists(ctx, input.unitType, input.unitCode)) {
    throw fail('BAD_REQUEST', 'InvalidInput', '输入有误：考核单位不存在', { unitCode: '考核单位不存在' })
  }
  const { deps } = ctx
  const now = deps.clock()
  return deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('assessment_entries')
      .selectAll()
      .where('year', '=', input.year)
      .where('unit_type', '=', input.unitType)
      .where('unit_code', '=', input.unitCode)
      .where('entry', '=', input.entry)
      .executeTakeFirst()
    const id = before?.id ?? newId()
    if (before) {
      await trx
        .updateTable('assessment_entries')
        .set({ score: input.score, note: input.note, entered_by: user.id, entered_at: now.toISOString() })
        .where('id', '=', id)
        .execute()
    } else {
      await trx
        .insertInto('assessment_entries')
        .values({
          id,
          year: input.year,
          unit_type: input.unitType,
          unit_code: input.unitCode,
          entry: input.entry,
          score: input.score,
          note: input.note,
          entered_by: user.id,
          entered_at: now.toISOString(),
        })
        .execute()
    }
    await audit(trx, ctx, user, now, {
      action: 'assessment.enterScore',
      subjectType: 'assessmentEntry',
      subjectId: id,
      before: before ? { score: Number(before.score), note: before.note } : undefined,
      after: { ...input },
    })
    return { id }
  })
}

// --- accountability -------------------------------------------------------------------------------------------

export interface AccountabilityItem {
  readonly id: string
  readonly category: AccountabilityCategory
  readonly categoryLabel: string
  readonly unitType: 'office' | 'squad'
  readonly unitCode: string
  readonly unitName: string
  readonly personName: string
  readonly occurredOn: string
  readonly facts: string
  readonly decision: string
  readonly recordedAt: string
  readonly recordedByName: string
  readonly revoked: boolean
  readonly revokeReason: string | null
}

export const listAccountability = async (
  ctx: Context,
  user: User,
  input: { year?: number | undefined },
): Promise<ReadonlyArray<AccountabilityItem>> => {
  requireEverything(user)
  let q = ctx.deps.db
    .selectFrom('accountability_records')
    .innerJoin('users', 'users.id', 'accountability_records.recorded_by')
    .selectAll('accountability_records')
    .select('users.display_name')
  if (input.year !== undefined) {
    q = q
      .where('occurred_on', '>=', `${input.year}-01-01`)
      .where('occurred_on', '<', `${input.year + 1}-01-01`)
  }
  const rows = await q.orderBy('occurred_on', 'desc').orderBy('id', 'desc').limit(500).execute()
  return rows.map((r) => ({
    id: r.id,
    category: r.category as AccountabilityCategory,
    categoryLabel: ACCOUNTABILITY_LABELS[r.category as AccountabilityCategory] ?? r.category,
    unitType: r.unit_type,
    unitCode: r.unit_code,
    unitName: unitName(ctx, r.unit_type, r.unit_code),
    personName: r.person_name,
    occurredOn: r.occurred_on,
    facts: r.facts,
    decision: r.decision,
    recordedAt: r.recorded_at,
    recordedByName: r.display_name,
    revoked: r.revoked_at !== null,
    revokeReason: r.revoke_reason,
  }))
}

export const recordAccountability = async (
  ctx: Context,
  user: User,
  input: {
    category: AccountabilityCategory
    unitType: 'office' | 'squad'
    unitCode: string
    personName: string
    occurredOn: string
    facts: string
    decision: string
  },
): Promise<{ id: string }> => {
  requireBureau(user)
  if (!ACCOUNTABILITY_CATEGORIES.includes(input.category)) throw forbidden()
  if (!unitExists(ctx, input.unitType, input.unitCode)) {
    throw fail('BAD_REQUEST', 'InvalidInput', '输入有误：单位不存在', { unitCode: '单位不存在' })
  }
  const { deps } = ctx
  const now = deps.clock()
  const id = newId()
  const area = input.unitType === 'office' ? deps.org.areaOfOffice(input.unitCode) : input.unitCode
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('accountability_records')
      .values({
        id,
        category: input.category,
        unit_type: input.unitType,
        unit_code: input.unitCode,
        area_code: area,
        person_name: input.personName,
        occurred_on: input.occurredOn,
        facts: input.facts,
        decision: input.decision,
        recorded_by: user.id,
        recorded_at: now.toISOString(),
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
      })
      .execute()
    await audit(trx, ctx, user, now, {
      action: 'accountability.record',
      subjectType: 'accountability',
      subjectId: id,
      after: { ...input },
    })
  })
  return { id }
}

export const revokeAccountability = async (
  ctx: Context,
  user: User,
  input: { id: string; reason: string },
): Promise<{ ok: true }> => {
  requireBureau(user)
  const { deps } = ctx
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('accountability_records')
      .set({ revoked_at: now.toISOString(), revoked_by: user.id, revoke_reason: input.reason })
      .where('id', '=', input.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) {
      const exists = await trx
        .selectFrom('accountability_records')
        .select('id')
        .where('id', '=', input.id)
        .executeTakeFirst()
      if (!exists) throw notFound('问责记录')
      throw conflict('该问责记录已经撤销', 'AlreadyRevoked')
    }
    await audit(trx, ctx, user, now, {
      action: 'accountability.revoke',
      subjectType: 'accountability',
      subjectId: input.id,
      after: { reason: input.reason },
    })
  })
  return { ok: true }
}

// --- export and report -------------------------------------------------------------------------------------------

const fmt2 = (n: number) => n.toFixed(2)

/** The rankings of a period as an Excel workbook: one sheet per unit type, indicators as columns. */
export const exportResults = async (
  ctx: Context,
  user: User,
  input: { period: string; schemeId?: string | undefined },
): Promise<{ filename: string; contentBase64: string; rows: number }> => {
  const view = await results(ctx, user, input)
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  let rows = 0
  for (const type of ['office', 'squad', 'area'] as const) {
    const list = view[type]
    const ws = wb.addWorksheet(`${UNIT_TYPE_LABELS[type]}排名`)
    const indicators = list.find((u) => u.detail)?.indicators ?? []
    ws.columns = [
      { header: '名次', key: 'rank', width: 6 },
      { header: '单位', key: 'unit', width: 18 },
      { header: '总分', key: 'total', width: 10 },
      { header: '业务考核', key: 'business', width: 10 },
      { header: '协调配合', key: 'cooperation', width: 10 },
      { header: '问责扣分', key: 'deducted', width: 10 },
      ...indicators.map((i) => ({ header: escapeCell(i.name), key: i.code, width: 14 })),
    ]
    for (const u of list) {
      ws.addRow({
        rank: u.rank,
        unit: escapeCell(u.unitName),
        total: u.total,
        business: u.business,
        cooperation: u.cooperation,
        deducted: u.deducted,
        ...Object.fromEntries(u.indicators.map((i) => [i.code, i.points])),
      })
      rows++
    }
    ws.getRow(1).font = { bold: true }
  }
  const now = ctx.deps.clock()
  await ctx.deps.db.transaction().execute((trx) =>
    audit(trx, ctx, user, now, {
      action: 'assessment.export',
      subjectType: 'assessment',
      subjectId: null,
      after: { period: view.period.key, rows },
    }),
  )
  return {
    filename: `考核排名-${view.period.key}.xlsx`,
    contentBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    rows,
  }
}

/** A printable report for the party group (局党组): the rankings and each unit's basis, as Word. */
export const reportResults = async (
  ctx: Context,
  user: User,
  input: { period: string; schemeId?: string | undefined },
): Promise<{ filename: string; base64: string }> => {
  requireEverything(user)
  const view = await results(ctx, user, input)
  if (view.scheme === null) throw fail('BAD_REQUEST', 'SchemeNotPublished', '尚无已发布的考核方案')
  const blocks: Array<import('./corrections-docs.ts').DocBlock> = [
    { kind: 'title', text: `${ctx.deps.org.config.bureau.name}${view.period.label}考核情况报告` },
    {
      kind: 'para',
      text:
        `按照“司法所、执法中队分别考核与辖区整体工作考核相结合，平时考核与年底考核相结合，业务考核与协调配合情况考核相结合”的要求，` +
        `依据《${view.scheme.name}》第 ${view.scheme.version} 版，对${view.period.label}各司法所、执法中队和中队辖区的工作进行了考核。` +
        (view.publication
          ? `本结果已于 ${view.publication.at.slice(0, 10)} 发布。`
          : '本结果为即时计算，尚未发布。'),
    },
  ]
  const section = ['一', '二', '三']
  ;(['office', 'squad', 'area'] as const).forEach((type, i) => {
    blocks.push({
      kind: 'para',
      text: `${section[i]}、${UNIT_TYPE_LABELS[type]}排名`,
      options: { indent: false },
    })
    blocks.push({
      kind: 'table',
      rows: view[type].map((u) => [`第 ${u.rank} 名 ${u.unitName}`, `${fmt2(u.total)} 分`] as const),
    })
    for (const u of view[type]) {
      if (u.basis) blocks.push({ kind: 'para', text: `${u.unitName}：${u.basis}。` })
      for (const a of u.accountability)
        blocks.push({ kind: 'para', text: `${u.unitName}：问责（${a.label}）扣 ${a.points} 分。` })
    }
  })
  blocks.push({
    kind: 'para',
    text: '考核成绩作为评先树优、干部任用的重要参考；对作风不实、履职不力、推诿扯皮、弄虚作假、漠视群众利益的，按照干部管理权限，依规依纪依法严肃问责。',
  })
  const { renderDocx } = await import('./corrections-docx.ts')
  const buffer = await renderDocx(blocks)
  const now = ctx.deps.clock()
  await ctx.deps.db.transaction().execute((trx) =>
    audit(trx, ctx, user, now, {
      action: 'assessment.report',
      subjectType: 'assessment',
      subjectId: null,
      after: { period: view.period.key },
    }),
  )
  return { filename: `考核情况报告-${view.period.key}.docx`, base64: buffer.toString('base64') }
}

export const metricLabels = (): Record<string, string> =>
  Object.fromEntries(Object.entries(METRICS).map(([k, v]) => [k, v.label]))
