import type { Activation, ModeEvent } from '@pingzhan/domain'
import { PostgresAdapter, sql } from 'kysely'
import type { ActivationTable, DbOrTrx, Trx } from '../db/types.ts'
import { newId } from '../shared.ts'

/** The area's wartime log, oldest first. Rows are the events `transition` decided, stored as JSON. */
export const loadAreaEvents = async (db: DbOrTrx, area: string): Promise<ReadonlyArray<ModeEvent>> => {
  const rows = await db
    .selectFrom('mode_events')
    .select(['payload'])
    .where('area_code', '=', area)
    .orderBy('seq')
    .execute()
  return rows.map((r) => JSON.parse(r.payload) as ModeEvent)
}

/** Every area's log, by area (the county overview and cross-area conflict checks read all three). */
export const loadAllEvents = async (db: DbOrTrx): Promise<ReadonlyMap<string, ReadonlyArray<ModeEvent>>> => {
  const rows = await db
    .selectFrom('mode_events')
    .select(['area_code', 'payload'])
    .orderBy('area_code')
    .orderBy('seq')
    .execute()
  const out = new Map<string, ModeEvent[]>()
  for (const r of rows) {
    const list = out.get(r.area_code) ?? []
    list.push(JSON.parse(r.payload) as ModeEvent)
    out.set(r.area_code, list)
  }
  return out
}

/**
 * Serialises commands on one area: PostgreSQL takes a transaction-scoped advisory lock on the area;
 * SQLite transactions are serialised already. The (area, seq) unique key is the backstop.
 */
export const lockArea = async (trx: Trx, area: string): Promise<void> => {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`SELECT pg_advisory_xact_lock(7157010, hashtext(${area}))`.execute(trx)
  }
}

export const appendModeEvents = async (
  trx: Trx,
  area: string,
  events: ReadonlyArray<ModeEvent>,
  actorId: string,
): Promise<void> => {
  if (events.length === 0) return
  const last = await trx
    .selectFrom('mode_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('area_code', '=', area)
    .executeTakeFirst()
  let seq = Number(last?.seq ?? 0)
  await trx
    .insertInto('mode_events')
    .values(
      events.map((e) => ({
        id: newId(),
        area_code: area,
        seq: ++seq,
        activation_id: e._tag === 'StandInDesignated' ? null : e.activationId,
        kind: e._tag,
        at: new Date(e.at).toISOString(),
        actor_id: actorId,
        payload: JSON.stringify(e),
      })),
    )
    .execute()
}

/** Brings the projection row and roster of an activation in line with its state after the events. */
export const saveActivationProjection = async (
  trx: Trx,
  activation: Activation,
  startedByUserId: string,
  source: { type: string; id: string } | null,
): Promise<void> => {
  const existing = await trx
    .selectFrom('activations')
    .select('id')
    .where('id', '=', activation.id)
    .executeTakeFirst()
  if (existing === undefined) {
    const row: ActivationTable = {
      id: activation.id,
      area_code: activation.area,
      stage: activation.stage,
      duty_code: activation.duty,
      catalog_version: activation.catalogVersion,
      commander_code: activation.commander,
      started_at: new Date(activation.startedAt).toISOString(),
      started_by: startedByUserId,
      source_type: source?.type ?? null,
      source_id: source?.id ?? null,
    }
    await trx.insertInto('activations').values(row).execute()
  } else {
    await trx
      .updateTable('activations')
      .set({ stage: activation.stage })
      .where('id', '=', activation.id)
      .execute()
  }
  const have = new Set(
    (
      await trx
        .selectFrom('activation_roster')
        .select('person_code')
        .where('activation_id', '=', activation.id)
        .execute()
    ).map((r) => r.person_code),
  )
  const missing = activation.roster.filter((m) => !have.has(m.person))
  if (missing.length > 0) {
    await trx
      .insertInto('activation_roster')
      .values(
        missing.map((m) => ({
          activation_id: activation.id,
          person_code: m.person,
          borrowed: m.borrowed ? 1 : 0,
        })),
      )
      .execute()
  }
}

export interface ActivationRef {
  readonly id: string
  readonly area: string
  readonly stage: ActivationTable['stage']
  readonly sourceType: string | null
  readonly sourceId: string | null
}

export const findActivationRef = async (db: DbOrTrx, id: string): Promise<ActivationRef | null> => {
  const row = await db
    .selectFrom('activations')
    .select(['id', 'area_code', 'stage', 'source_type', 'source_id'])
    .where('id', '=', id)
    .executeTakeFirst()
  return row
    ? {
        id: row.id,
        area: row.area_code,
        stage: row.stage,
        sourceType: row.source_type,
        sourceId: row.source_id,
      }
    : null
}

export const isOnRoster = async (db: DbOrTrx, activationId: string, person: string): Promise<boolean> =>
  (await db
    .selectFrom('activation_roster')
    .select('person_code')
    .where('activation_id', '=', activationId)
    .where('person_code', '=', person)
    .executeTakeFirst()) !== undefined

/** Ids of the activations a person is on the roster of, optionally only the open ones. */
export const activationIdsOfPerson = async (
  db: DbOrTrx,
  person: string,
  openOnly: boolean,
): Promise<ReadonlyArray<{ id: string; area: string }>> => {
  let q = db
    .selectFrom('activation_roster')
    .innerJoin('activations', 'activations.id', 'activation_roster.activation_id')
    .select(['activations.id', 'activations.area_code'])
    .where('activation_roster.person_code', '=', person)
  if (openOnly) q = q.where('activations.stage', 'in', ['mobilising', 'active'])
  const rows = await q.orderBy('activations.started_at', 'desc').execute()
  return rows.map((r) => ({ id: r.id, area: r.area_code }))
}

/** Source links of activations: which record (e.g. a kiosk mediation request) started each. */
export const activationsOfSource = async (
  db: DbOrTrx,
  sourceType: string,
  sourceIds: ReadonlyArray<string>,
): Promise<ReadonlyArray<{ id: string; sourceId: string; stage: ActivationTable['stage'] }>> => {
  if (sourceIds.length === 0) return []
  const rows = await db
    .selectFrom('activations')
    .select(['id', 'source_id', 'stage'])
    .where('source_type', '=', sourceType)
    .where('source_id', 'in', sourceIds)
    .execute()
  return rows.map((r) => ({ id: r.id, sourceId: r.source_id ?? '', stage: r.stage }))
}

/** Signed-in accounts of organisation people, by person code (one account per person). */
export const usersByPersonCodes = async (
  db: DbOrTrx,
  codes: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, { id: string; displayName: string }>> => {
  if (codes.length === 0) return new Map()
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'person_code'])
    .where('person_code', 'in', [...new Set(codes)])
    .execute()
  return new Map(rows.map((r) => [r.person_code ?? '', { id: r.id, displayName: r.display_name }]))
}

/** Whether any question of this activation was raised to the party group (四.1). */
export const hasPartyGroupEscalation = async (db: DbOrTrx, activationId: string): Promise<boolean> => {
  const rows = await db
    .selectFrom('mode_events')
    .select('payload')
    .where('activation_id', '=', activationId)
    .where('kind', '=', 'Escalated')
    .execute()
  return rows.some((r) => (JSON.parse(r.payload) as { to?: string }).to === 'partyGroup')
}

/** Activations of the given areas in the given stages, newest start first (the history list). */
export const listActivationRefs = async (
  db: DbOrTrx,
  filter: {
    areas: ReadonlyArray<string>
    stages: ReadonlyArray<ActivationTable['stage']>
    /** keyset: only activations after this (started_at, id) in newest-first order */
    after: readonly [startedAt: string, id: string] | null
    limit: number
  },
): Promise<ReadonlyArray<ActivationRef & { startedAt: string }>> => {
  if (filter.areas.length === 0) return []
  let q = db
    .selectFrom('activations')
    .select(['id', 'area_code', 'stage', 'source_type', 'source_id', 'started_at'])
    .where('area_code', 'in', [...filter.areas])
    .where('stage', 'in', [...filter.stages])
  const after = filter.after
  if (after !== null) {
    q = q.where((eb) =>
      eb.or([
        eb('started_at', '<', after[0]),
        eb.and([eb('started_at', '=', after[0]), eb('id', '<', after[1])]),
      ]),
    )
  }
  const rows = await q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map((r) => ({
    id: r.id,
    area: r.area_code,
    stage: r.stage,
    sourceType: r.source_type,
    sourceId: r.source_id,
    startedAt: r.started_at,
  }))
}
