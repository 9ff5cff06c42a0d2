// The deadline engine (issue 5): obligations of a case are recomputed from its events whenever one is
// recorded, and by a periodic sweep. New obligations become tasks (through the task service, source
// 'statutory'); satisfied ones close their task; changed due dates move it. A second run changes nothing.
import {
  type CaseFacts,
  type Obligation,
  obligationsOf,
  type ReleaseeFacts,
  type RuleSet,
  releaseeObligationsOf,
  type WorkCalendar,
} from '@pingzhan/domain'
import { type AuditActor, appendAudit } from '../audit/audit.ts'
import type { ObligationTable } from '../db/corrections-types.ts'
import type { Trx } from '../db/types.ts'
import {
  eventsOfReleasee,
  insertReleaseeObligation,
  obligationsOfReleasee,
  openReleaseeIds,
  toReleaseeEvent,
  updateReleaseeObligation,
} from '../repos/releasees.ts'
import {
  activeCaseIds,
  eventsOfSupervisee,
  insertObligation,
  moveStatutoryTaskDue,
  obligationsOfCase,
  toCaseEvent,
  updateObligation,
} from '../repos/supervisees.ts'
import { findTaskInScope, insertTaskEvent, updateTaskIfVersion } from '../repos/tasks.ts'
import { newId } from '../shared.ts'
import type { Deps } from '../trpc/context.ts'
import { createTask, endOfShanghaiDay } from './task-work.ts'
import { squadName } from './units.ts'
import { sweepVehicleDues } from './vehicles.ts'
import { loadCalendar, loadRules } from './work-calendar.ts'

export interface EngineRun {
  readonly created: number
  readonly closed: number
  readonly moved: number
}

export interface EngineAudit {
  readonly actor: AuditActor
  readonly correlationId: string
  readonly ip: string | null
  readonly at: Date
}

export const SWEEP_ACTOR: AuditActor = { id: null, name: '期限引擎（定时核查）', role: 'system' }

export const dueIso = (o: Obligation): string =>
  o.dueAtMs !== null ? new Date(o.dueAtMs).toISOString() : endOfShanghaiDay(o.dueDate)

/** Minors' names stay out of task titles, which reach wider task lists (社区矫正法54). */
export const subjectName = (c: { name: string; minor: number; id: string }): string =>
  c.minor === 1 ? `未成年社区矫正对象（${c.id.slice(-6)}）` : c.name

const taskTitle = (o: Obligation, who: string): string =>
  `${o.provisional ? '【期限待核】' : '【法定期限】'}${o.title}：${who}`

/** The task an open obligation becomes (also used by the scale generator's bulk load). */
export const statutoryTaskOf = (o: Obligation, who: string, rules: RuleSet) => ({
  dutyCode: o.duty,
  title: taskTitle(o, who),
  description: `依据：${rules.get(o.rule)?.source ?? o.rule}。${o.provisional ? `\n注意：${o.provisional}；当前期限按自然日计算，不晚于法定期限。` : ''}`,
  dueAt: dueIso(o),
  priority: (o.kind === 'search' || o.kind === 'report' || o.kind === 'handover' ? 'high' : 'normal') as
    | 'high'
    | 'normal',
})

const squadLeaderOf = async (trx: Trx, squad: string): Promise<ReadonlyArray<string>> =>
  (
    await trx
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'squadLeader')
      .where('squad_code', '=', squad)
      .where('disabled', '=', 0)
      .execute()
  ).map((r) => r.id)

/** An engine row without its case column: the same shape for supervisees and released prisoners. */
export type StoredObligation = Omit<ObligationTable, 'supervisee_id'>

/** Where one kind of case keeps its obligations (obligations / releasee_obligations). */
export interface ObligationStore {
  readonly stored: (trx: Trx) => Promise<ReadonlyArray<StoredObligation>>
  readonly insert: (trx: Trx, row: StoredObligation) => Promise<void>
  readonly update: (
    trx: Trx,
    id: string,
    set: Partial<
      Pick<StoredObligation, 'due_date' | 'due_at' | 'satisfied' | 'provisional' | 'title' | 'updated_at'>
    >,
  ) => Promise<void>
}

/** The case whose obligations are synced, as the engine needs it. */
export interface ObligationSubject {
  readonly type: 'supervisee' | 'releasee'
  readonly id: string
  readonly areaCode: string
  readonly officeCode: string
  readonly minor: number
  /** how the case is named in task titles (never a minor's name) */
  readonly who: string
  readonly createdBy: string
  /** why obligations that dropped out of the list no longer apply */
  readonly droppedReason: string
}

/**
 * Brings the stored obligations of one case in line with the computed list, inside the caller's
 * transaction: a new open obligation becomes a statutory task (createTask, assigned to the area's squad
 * leader); a satisfied one closes its task; a moved due date moves it; one that dropped out is settled.
 * Running it twice with the same input changes nothing the second time.
 */
export const syncObligations = async (
  trx: Trx,
  deps: Deps,
  subject: ObligationSubject,
  computed: ReadonlyArray<Obligation>,
  store: ObligationStore,
  rules: RuleSet,
  actorOfEvent: ReadonlyMap<string, string>,
  audit: EngineAudit,
): Promise<EngineRun> => {
  const stored = new Map((await store.stored(trx)).map((o) => [o.key, o]))
  const at = audit.at.toISOString()
  let created = 0
  let closed = 0
  let moved = 0
  for (const o of computed) {
    const due = dueIso(o)
    const title = taskTitle(o, subject.who)
    const existing = stored.get(o.key)
    if (!existing) {
      const id = newId()
      let taskId: string | null = null
      if (!o.satisfied) {
        const made = await createTask(
          trx,
          deps,
          {
            unit: { kind: 'squad', code: subject.areaCode },
            ...statutoryTaskOf(o, subject.who, rules),
            assigneeIds: await squadLeaderOf(trx, subject.areaCode),
            source: 'statutory',
            sourceId: id,
            createdBy: actorOfEvent.get(o.triggerId) ?? subject.createdBy,
          },
          audit,
        )
        taskId = made.taskId
        created++
      }
      await store.insert(trx, {
        id,
        key: o.key,
        kind: o.kind,
        rule: o.rule,
        title: o.title,
        due_date: o.dueDate,
        due_at: due,
        satisfied: o.satisfied ? 1 : 0,
        provisional: o.provisional,
        task_id: taskId,
        area_code: subject.areaCode,
        office_code: subject.officeCode,
        minor: subject.minor,
        updated_at: at,
      })
      continue
    }
    const satisfied = o.satisfied ? 1 : 0
    if (
      Number(existing.satisfied) !== satisfied ||
      existing.due_at !== due ||
      existing.provisional !== o.provisional ||
      existing.title !== o.title
    ) {
      await store.update(trx, existing.id, {
        satisfied,
        due_at: due,
        due_date: o.dueDate,
        provisional: o.provisional,
        title: o.title,
        updated_at: at,
      })
      if (existing.task_id && o.satisfied && Number(existing.satisfied) === 0) {
        if (await closeTask(trx, deps, existing.task_id, o, audit)) closed++
      } else if (existing.task_id && (existing.due_at !== due || existing.provisional !== o.provisional)) {
        await moveStatutoryTaskDue(trx, existing.task_id, due, title)
        moved++
      }
    }
  }
  // Obligations that no longer apply (e.g. visits after discharge) are settled and their tasks closed.
  const live = new Set(computed.map((o) => o.key))
  for (const existing of stored.values()) {
    if (live.has(existing.key) || Number(existing.satisfied) === 1) continue
    await store.update(trx, existing.id, { satisfied: 1, updated_at: at })
    if (
      existing.task_id &&
      (await closeTask(
        trx,
        deps,
        existing.task_id,
        { title: `${existing.title}（不再适用：${subject.droppedReason}）` },
        audit,
      ))
    )
      closed++
  }
  if (created + closed + moved > 0) {
    await appendAudit(trx, deps.keys, {
      ...audit,
      action: 'deadline.recompute',
      unit: { code: subject.areaCode, name: squadName(deps.org, subject.areaCode), area: subject.areaCode },
      subjectType: subject.type,
      subjectId: subject.id,
      after: { created, closed, moved },
    })
  }
  return { created, closed, moved }
}

const superviseeStore = (superviseeId: string): ObligationStore => ({
  stored: (trx) => obligationsOfCase(trx, superviseeId),
  insert: (trx, row) => insertObligation(trx, { ...row, supervisee_id: superviseeId }),
  update: (trx, id, set) => updateObligation(trx, id, set),
})

/**
 * Recomputes one case inside the caller's transaction. `rules` and `cal` may be passed in by a sweep
 * that handles many cases.
 */
export const recomputeCase = async (
  trx: Trx,
  deps: Deps,
  superviseeId: string,
  audit: EngineAudit,
  loaded?: { rules: RuleSet; cal: WorkCalendar },
): Promise<EngineRun> => {
  const c = await trx.selectFrom('supervisees').selectAll().where('id', '=', superviseeId).executeTakeFirst()
  if (!c) return { created: 0, closed: 0, moved: 0 }
  const rules = loaded?.rules ?? (await loadRules(trx))
  const cal = loaded?.cal ?? (await loadCalendar(trx))
  const rows = await eventsOfSupervisee(trx, superviseeId)
  const actorOfEvent = new Map(rows.map((r) => [r.id, r.actor_id]))
  const events = rows.flatMap((r) => {
    const e = toCaseEvent(r)
    return e ? [e] : []
  })
  const facts: CaseFacts = {
    correctionType: c.correction_type,
    managementLevel: c.management_level,
    status: c.status,
  }
  const minor = Number(c.minor)
  const subject: ObligationSubject = {
    type: 'supervisee',
    id: c.id,
    areaCode: c.area_code,
    officeCode: c.office_code,
    minor,
    who: subjectName({ name: c.name, minor, id: c.id }),
    createdBy: c.created_by,
    droppedReason:
      c.status === 'discharged'
        ? '已解除社区矫正'
        : c.status === 'transferred'
          ? '已变更执行地'
          : '案件情况变化',
  }
  return syncObligations(
    trx,
    deps,
    subject,
    obligationsOf(facts, events, rules, cal),
    superviseeStore(c.id),
    rules,
    actorOfEvent,
    audit,
  )
}

/**
 * Recomputes one released prisoner's aftercare obligations (安置帮教) inside the caller's transaction:
 * the same engine, tasks under the squad's duty ② (squad.peacetime.2.x).
 */
export const recomputeReleasee = async (
  trx: Trx,
  deps: Deps,
  releaseeId: string,
  audit: EngineAudit,
  loaded?: { rules: RuleSet; cal: WorkCalendar },
): Promise<EngineRun> => {
  const r = await trx.selectFrom('releasees').selectAll().where('id', '=', releaseeId).executeTakeFirst()
  if (!r) return { created: 0, closed: 0, moved: 0 }
  const rules = loaded?.rules ?? (await loadRules(trx))
  const cal = loaded?.cal ?? (await loadCalendar(trx))
  const rows = await eventsOfReleasee(trx, releaseeId)
  const events = rows.flatMap((row) => {
    const e = toReleaseeEvent(row)
    return e ? [e] : []
  })
  const facts: ReleaseeFacts = { category: r.category, releaseOn: r.release_date, status: r.status }
  const minor = Number(r.minor)
  return syncObligations(
    trx,
    deps,
    {
      type: 'releasee',
      id: r.id,
      areaCode: r.area_code,
      officeCode: r.office_code,
      minor,
      who: minor === 1 ? `未成年刑满释放人员（${r.id.slice(-6)}）` : r.name,
      createdBy: r.created_by,
      droppedReason: r.status === 'closed' ? '已解除帮教' : '情况变化',
    },
    releaseeObligationsOf(facts, events, rules, cal),
    {
      stored: (t) => obligationsOfReleasee(t, r.id),
      insert: (t, row) => insertReleaseeObligation(t, { ...row, releasee_id: r.id }),
      update: (t, id, set) => updateReleaseeObligation(t, id, set),
    },
    rules,
    new Map(rows.map((row) => [row.id, row.actor_id])),
    audit,
  )
}

/** Closes the task of an obligation the case's events have met (e.g. the supervisee reported). */
const closeTask = async (
  trx: Trx,
  deps: Deps,
  taskId: string,
  o: Pick<Obligation, 'title'>,
  audit: EngineAudit,
): Promise<boolean> => {
  const task = await findTaskInScope(trx, { kind: 'all' }, taskId)
  if (!task || (task.status !== 'open' && task.status !== 'in_progress')) return false
  const at = audit.at.toISOString()
  const note = `已办结：${o.title}（由案件登记事项自动办结）`
  if (
    !(await updateTaskIfVersion(trx, taskId, task.version, {
      status: 'done',
      completed_at: at,
      completed_by: audit.actor.id,
      completion_note: note,
    }))
  )
    return false
  await insertTaskEvent(trx, {
    id: newId(),
    task_id: taskId,
    at,
    actor_id: audit.actor.id,
    kind: 'completed',
    note,
  })
  await appendAudit(trx, deps.keys, {
    ...audit,
    action: 'task.complete',
    unit: { code: task.squadCode, name: squadName(deps.org, task.squadCode), area: task.squadCode },
    subjectType: 'task',
    subjectId: taskId,
    before: { status: task.status, version: task.version },
    after: { status: 'done', version: task.version + 1, note },
  })
  return true
}

/** Recomputes every open case — supervisees and released prisoners — one transaction each; returns the totals. */
export const sweepObligations = async (
  deps: Deps,
  audit: Omit<EngineAudit, 'at'>,
): Promise<EngineRun & { cases: number }> => {
  const rules = await loadRules(deps.db)
  const cal = await loadCalendar(deps.db)
  const loaded = { rules, cal }
  const jobs = [
    ...(await activeCaseIds(deps.db)).map(
      (id) => (trx: Trx, at: Date) => recomputeCase(trx, deps, id, { ...audit, at }, loaded),
    ),
    ...(await openReleaseeIds(deps.db)).map(
      (id) => (trx: Trx, at: Date) => recomputeReleasee(trx, deps, id, { ...audit, at }, loaded),
    ),
  ]
  let created = 0
  let closed = 0
  let moved = 0
  for (const job of jobs) {
    const r = await deps.db.transaction().execute((trx) => job(trx, deps.clock()))
    created += r.created
    closed += r.closed
    moved += r.moved
  }
  return { cases: jobs.length, created, closed, moved }
}

/** Runs the sweep now and then every `intervalMs`; returns a stop function. Errors are logged, never fatal. */
export const startDeadlineSweep = (deps: Deps, intervalMs = 3_600_000): (() => void) => {
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      await sweepObligations(deps, { actor: SWEEP_ACTOR, correlationId: newId(), ip: null })
      // issue 11: a vehicle's service and insurance due dates become tasks for its squad leader
      await sweepVehicleDues(deps, newId())
    } catch (error) {
      console.error('期限核查失败：', error)
    } finally {
      running = false
    }
  }
  void tick()
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
