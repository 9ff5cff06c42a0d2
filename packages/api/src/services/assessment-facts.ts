// The facts of an assessment period (issue 12, policy 四.3), read with aggregate queries: the scoring
// function sums counts, so one row per unit and duty gives the same scores as one fact per record.
// Everything the scores rest on already exists: tasks and their timeliness, statutory deadline tasks,
// mediation outcomes, legal-aid decisions, activation cooperation facts and refusals, the year-end
// entries and the accountability records.
import {
  type AccountabilityCategory,
  type AssessmentFact,
  type AssessmentPeriod,
  cooperationFacts,
  type ModeEvent,
  type Org,
} from '@pingzhan/domain'
import { sql } from 'kysely'
import type { DbOrTrx } from '../db/types.ts'

export interface FactWindow {
  readonly period: AssessmentPeriod
  /** facts up to this instant only: a task not yet due is not judged */
  readonly asOf: Date
}

/** The earlier of two ISO strings (instants or dates). */
export const earlier = (a: string, b: string): string => [a, b].sort()[0] as string

/** The end of the window as an instant: the period's end, or now when the period is still running. */
export const until = (w: FactWindow): string => earlier(w.asOf.toISOString(), w.period.to)
/** The end of the window as a Beijing date (exclusive): today's decisions count. */
const untilDate = (w: FactWindow): string =>
  earlier(new Date(w.asOf.getTime() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10), w.period.toDate)

/**
 * The tasks a window judges: due in the period, not cancelled, and already due or done — a task done early
 * counts at once, one not yet due and still open does not. The scores and the drill-down read the same rows.
 */
export const judgedTasks = (db: DbOrTrx, w: FactWindow) =>
  db
    .selectFrom('tasks')
    .where('status', '<>', 'cancelled')
    .where('due_at', '>=', w.period.from)
    .where('due_at', '<', w.period.to)
    .where((eb) => eb.or([eb('due_at', '<', until(w)), eb('completed_at', 'is not', null)]))

/** Mediation cases closed in the window with an agreement or a failure. */
export const closedMediations = (db: DbOrTrx, w: FactWindow) =>
  db
    .selectFrom('mediation_cases')
    .where('status', 'in', ['agreement', 'failed'])
    .where('closed_at', '>=', w.period.from)
    .where('closed_at', '<', until(w))

/** Legal-aid applications decided (granted or refused) in the window: 法43, within the decision deadline. */
export const decidedLegalAid = (db: DbOrTrx, w: FactWindow) =>
  db
    .selectFrom('legal_aid_cases')
    .where('status', 'in', ['granted', 'refused'])
    .where('decision_date', '>=', w.period.fromDate)
    .where('decision_date', '<', untilDate(w))

/** Legal-aid applications of the detained forwarded in the window: 法39, within 24 hours. */
export const forwardedLegalAid = (db: DbOrTrx, w: FactWindow) =>
  db
    .selectFrom('legal_aid_cases')
    .where('status', '=', 'forwarded')
    .where('forwarded_at', '>=', w.period.from)
    .where('forwarded_at', '<', until(w))

/** Activations started in the window. */
export const startedActivations = (db: DbOrTrx, w: FactWindow) =>
  db.selectFrom('activations').where('started_at', '>=', w.period.from).where('started_at', '<', until(w))

/** The judged tasks per unit, duty and statutory or not. */
export const taskFacts = async (db: DbOrTrx, w: FactWindow): Promise<AssessmentFact[]> => {
  const rows = await judgedTasks(db, w)
    .select([
      'office_code',
      'squad_code',
      'duty_code',
      sql<number>`case when source = 'statutory' then 1 else 0 end`.as('statutory'),
      sql<number>`count(*)`.as('due'),
      sql<number>`sum(case when completed_at is not null and completed_at <= due_at then 1 else 0 end)`.as(
        'on_time',
      ),
    ])
    .groupBy([
      'office_code',
      'squad_code',
      'duty_code',
      sql`case when source = 'statutory' then 1 else 0 end`,
    ])
    .execute()
  return rows.map((r) => {
    const statutory = Number(r.statutory) === 1
    return {
      kind: 'tasks',
      id: `tasks:${r.office_code ?? '-'}:${r.squad_code}:${r.duty_code}:${statutory ? 'statutory' : 'other'}`,
      office: r.office_code,
      squad: r.squad_code,
      duty: r.duty_code,
      statutory,
      due: Number(r.due),
      onTime: Number(r.on_time),
    }
  })
}

/** The closed mediation cases per office. */
export const mediationFacts = async (db: DbOrTrx, w: FactWindow): Promise<AssessmentFact[]> => {
  const rows = await closedMediations(db, w)
    .select([
      'office_code',
      'area_code',
      sql<number>`count(*)`.as('closed'),
      sql<number>`sum(case when status = 'agreement' then 1 else 0 end)`.as('agreed'),
    ])
    .groupBy(['office_code', 'area_code'])
    .execute()
  return rows.map((r) => ({
    kind: 'mediation',
    id: `mediation:${r.office_code}`,
    office: r.office_code,
    squad: r.area_code,
    closed: Number(r.closed),
    agreed: Number(r.agreed),
  }))
}

/**
 * Legal-aid applications settled in the window, per office: decided (granted or refused, 法43: within the
 * decision deadline) and forwarded for the detained (法39: within 24 hours).
 */
export const legalAidFacts = async (db: DbOrTrx, w: FactWindow): Promise<AssessmentFact[]> => {
  const decided = await decidedLegalAid(db, w)
    .select([
      'office_code',
      'area_code',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when decision_date <= decision_deadline then 1 else 0 end)`.as('in_time'),
    ])
    .groupBy(['office_code', 'area_code'])
    .execute()
  const forwarded = await forwardedLegalAid(db, w)
    .select([
      'office_code',
      'area_code',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when forwarded_at <= forward_due_at then 1 else 0 end)`.as('in_time'),
    ])
    .groupBy(['office_code', 'area_code'])
    .execute()
  return [
    ...decided.map((r) => ({ ...r, what: 'decided' })),
    ...forwarded.map((r) => ({ ...r, what: 'forwarded' })),
  ].map((r) => ({
    kind: 'legalAid',
    id: `legalAid:${r.what}:${r.office_code}`,
    office: r.office_code,
    squad: r.area_code,
    decided: Number(r.n),
    inTime: Number(r.in_time),
  }))
}

/** The unit a person acts for in an activation: their office, or their squad's own work. */
const unitOfPerson = (org: Org, person: string): { office: string | null; squad: string } | null => {
  const p = org.positionOf(person)
  if (p === undefined) return null
  if (p.kind === 'officeDirector') return { office: p.office, squad: org.areaOfOffice(p.office) }
  if (p.kind === 'squadLeader' || p.kind === 'squadMember') return { office: null, squad: p.squad }
  return null
}

/**
 * Activations started in the window with their cooperation facts (cooperationFacts: who acknowledged
 * within the window), and every refusal (推诿) recorded in the window, charged to the refusing person's unit.
 */
export const activationFacts = async (db: DbOrTrx, org: Org, w: FactWindow): Promise<AssessmentFact[]> => {
  const started = await startedActivations(db, w).select(['id', 'area_code']).execute()
  const facts: AssessmentFact[] = []
  if (started.length > 0) {
    const rows = await db
      .selectFrom('mode_events')
      .select(['activation_id', 'payload'])
      .where(
        'activation_id',
        'in',
        started.map((a) => a.id),
      )
      .orderBy('area_code')
      .orderBy('seq')
      .execute()
    const byActivation = new Map<string, ModeEvent[]>()
    for (const r of rows) {
      const list = byActivation.get(r.activation_id ?? '') ?? []
      list.push(JSON.parse(r.payload) as ModeEvent)
      byActivation.set(r.activation_id ?? '', list)
    }
    for (const a of [...started].sort((x, y) => (x.id < y.id ? -1 : 1))) {
      const cf = cooperationFacts(byActivation.get(a.id) ?? [], a.id)
      if (cf === null) continue
      facts.push({
        kind: 'activation',
        id: a.id,
        squad: a.area_code,
        roster: cf.rosterSize,
        prompt: cf.acknowledgedWithinWindow,
      })
    }
  }
  const refusals = await db
    .selectFrom('mode_events')
    .select(['id', 'activation_id', 'payload'])
    .where('kind', '=', 'RefusalRecorded')
    .where('at', '>=', w.period.from)
    .where('at', '<', until(w))
    .execute()
  for (const r of refusals) {
    const person = (JSON.parse(r.payload) as { person?: string }).person ?? ''
    const unit = unitOfPerson(org, person)
    if (unit === null) continue
    facts.push({ kind: 'refusal', id: r.id, ...unit, activationId: r.activation_id ?? '' })
  }
  return facts
}

/** The year-end entries of the period's year (only the year's assessment uses them). */
export const entryFacts = async (db: DbOrTrx, year: number): Promise<AssessmentFact[]> => {
  const rows = await db
    .selectFrom('assessment_entries')
    .select(['id', 'unit_type', 'unit_code', 'entry', 'score'])
    .where('year', '=', year)
    .execute()
  return rows.map((r) => ({
    kind: 'entry',
    id: r.id,
    unitType: r.unit_type,
    unitCode: r.unit_code,
    entry: r.entry,
    score: Number(r.score),
  }))
}

/** Accountability records (not revoked) of things that happened in the period. */
export const accountabilityFacts = async (db: DbOrTrx, w: FactWindow): Promise<AssessmentFact[]> => {
  const rows = await db
    .selectFrom('accountability_records')
    .select(['id', 'unit_type', 'unit_code', 'category'])
    .where('revoked_at', 'is', null)
    .where('occurred_on', '>=', w.period.fromDate)
    .where('occurred_on', '<', w.period.toDate)
    .execute()
  return rows.map((r) => ({
    kind: 'accountability',
    id: r.id,
    unitType: r.unit_type,
    unitCode: r.unit_code,
    category: r.category as AccountabilityCategory,
  }))
}

/** Every fact of the period. */
export const gatherFacts = async (db: DbOrTrx, org: Org, w: FactWindow): Promise<AssessmentFact[]> => [
  ...(await taskFacts(db, w)),
  ...(await mediationFacts(db, w)),
  ...(await legalAidFacts(db, w)),
  ...(await activationFacts(db, org, w)),
  ...(w.period.kind === 'year' ? await entryFacts(db, w.period.year) : []),
  ...(await accountabilityFacts(db, w)),
]
