// The province-sized data set of the benchmarks (issue 17 `--scale`): N counties' worth of the Yiyuan
// county's work, by the same rules as the demo (a realistic spread of done, late and open tasks under
// every duty; supervisees in every stage with the statutory obligations the deadline engine computes
// from their events) but bulk-loaded (seed/bulk.ts), not made through the services one by one.
//
// How "counties" are represented: the organisation is single-county (deps.org, validated from the
// domain's configuration; every screen and service resolves units through it), so the bench database
// keeps the 12 offices and 3 squads and puts N counties' worth of rows under them. County 1 is the
// demo accounts; each further county adds its own squad members (`scale-c<k>-<squad>-<m>`, password
// DEMO_PASSWORD) who carry that county's tasks. A squad's scope therefore holds N times a real squad's
// rows — the heavier case for the indexes the boards use. Names carry （演示·第k县）.
//
// What it writes: users, tasks (+ task_assignees, task_events), supervisees (+ supervisee_events,
// obligations and their statutory tasks), one `seed.scale` audit row and the seed_runs marker. Rows
// are not audited one by one: bulk rows never passed through a service (the audit chain stays valid).
// A later `deadline.sweep` over the loaded cases changes nothing (tested).
import {
  type CaseEvent,
  type CaseFacts,
  CURRENT_CATALOG_VERSION,
  dutiesOf,
  maskIdNumber,
  obligationsOf,
} from '@pingzhan/domain'
import { appendAudit } from '../../audit/audit.ts'
import { hashPassword } from '../../auth/password.ts'
import { blindIndex, encryptField } from '../../crypto/keys.ts'
import type { SuperviseeEventTable } from '../../db/corrections-types.ts'
import { toCaseEvent } from '../../repos/supervisees.ts'
import { statutoryTaskOf, subjectName } from '../../services/obligations.ts'
import { endOfShanghaiDay } from '../../services/task-work.ts'
import { loadCalendar, loadRules } from '../../services/work-calendar.ts'
import { newId, shanghaiDate } from '../../shared.ts'
import type { Deps } from '../../trpc/context.ts'
import { type BulkTarget, bulkWriter, withoutIndexes } from '../bulk.ts'
import { demoIdNumber } from '../fake-id.ts'
import { addDays, daysBetween, demoName, shanghaiAt } from '../names.ts'
import { rngOf } from '../prng.ts'
import { DEMO_PASSWORD } from '../seed.ts'
import { finishRun, startRun } from '../seed-runs.ts'
import { type TaskStatus, taskFate } from '../spread.ts'

export interface ScaleOptions {
  /** counties' worth of rows (default 100) */
  readonly counties?: number
  /** tasks in all, the supervisees' statutory tasks included (default 10,000 per county: 1M at 100 counties) */
  readonly tasks?: number
  /** supervisees in all (default 1,000 per county: 100k at 100 counties) */
  readonly supervisees?: number
  /** squad members added per squad per county beyond the first (default 4) */
  readonly staffPerSquad?: number
  readonly seed?: number
  /** the day the data ends on (default: the clock of deps) */
  readonly now?: Date
  readonly log?: (line: string) => void
}

export interface ScaleReport {
  readonly counties: number
  readonly ms: number
  /** rows written per table */
  readonly rows: Readonly<Record<string, number>>
}

const TASK_COLUMNS = [
  'id',
  'title',
  'description',
  'duty_version',
  'duty_code',
  'unit_code',
  'office_code',
  'squad_code',
  'status',
  'priority',
  'due_at',
  'source',
  'source_id',
  'created_by',
  'created_at',
  'started_at',
  'completed_at',
  'completed_by',
  'completion_note',
  'version',
  'recurrence',
  'recurrence_of',
  'cancelled_at',
  'cancelled_by',
  'cancel_reason',
] as const

interface People {
  readonly admin: string
  readonly leaderOf: ReadonlyMap<string, string>
  readonly directorOf: ReadonlyMap<string, string>
  /** members of (county, squad) */
  readonly members: (county: number, squad: string) => ReadonlyArray<string>
}

const iso = (d: Date) => d.toISOString()

const loadPeople = async (deps: Deps, counties: number, staffPerSquad: number, now: Date) => {
  const db = deps.db
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'squad_code', 'office_code'])
    .execute()
  const by = new Map(users.map((u) => [u.username, u]))
  const admin = by.get('admin')?.id
  if (!admin) throw new Error('scale: the demo accounts are missing (run with PINGZHAN_DEMO=1)')
  const squads = deps.org.config.squads.map((s) => s.code)
  const leaderOf = new Map<string, string>()
  const directorOf = new Map<string, string>()
  const county1 = new Map<string, string[]>()
  for (const u of users) {
    if (u.role === 'squadLeader' && u.squad_code) leaderOf.set(u.squad_code, u.id)
    if (u.role === 'officeDirector' && u.office_code) directorOf.set(u.office_code, u.id)
    if (u.role === 'squadMember' && u.squad_code && /^staff-/.test(u.username)) {
      county1.set(u.squad_code, [...(county1.get(u.squad_code) ?? []), u.id])
    }
  }
  const extra = new Map<string, string[]>()
  const rows: Array<Record<string, unknown>> = []
  const hash = counties > 1 ? await hashPassword(DEMO_PASSWORD) : ''
  for (let k = 2; k <= counties; k++) {
    for (const squad of squads) {
      const name = deps.org.squad(squad)?.name ?? squad
      for (let m = 1; m <= staffPerSquad; m++) {
        const id = newId()
        extra.set(`${k}|${squad}`, [...(extra.get(`${k}|${squad}`) ?? []), id])
        rows.push({
          id,
          username: `scale-c${k}-${squad}-${m}`,
          display_name: `${name}队员${m}（演示·第${k}县）`,
          role: 'squadMember',
          person_code: null,
          office_code: null,
          squad_code: squad,
          department_code: null,
          password_hash: hash,
          failed_count: 0,
          locked_until: null,
          disabled: 0,
          demo: 1,
          password_changed_at: iso(now),
          created_at: iso(now),
        })
      }
    }
  }
  const people: People = {
    admin,
    leaderOf,
    directorOf,
    members: (county, squad) =>
      (county === 1 ? county1.get(squad) : extra.get(`${county}|${squad}`)) ?? county1.get(squad) ?? [],
  }
  return { people, userRows: rows }
}

/**
 * Loads the province-sized data set into a migrated database with the demo organisation and accounts
 * (startApp with PINGZHAN_DEMO=1). Refuses to run twice on the same database (seed_runs marker).
 */
export const seedScale = async (
  deps: Deps,
  target: BulkTarget,
  options: ScaleOptions = {},
): Promise<ScaleReport> => {
  const t0 = performance.now()
  const counties = options.counties ?? 100
  const taskCount = options.tasks ?? counties * 10_000
  const caseCount = options.supervisees ?? counties * 1_000
  const staffPerSquad = options.staffPerSquad ?? 4
  // 5 × 20,000 distinct demo ID numbers per sex (seed/fake-id.ts); 4 in 5 cases are men
  if (caseCount > 120_000) throw new Error('scale: at most 120,000 supervisees')
  const seed = options.seed ?? 20_261_206
  const now = options.now ?? deps.clock()
  const nowMs = now.getTime()
  const today = shanghaiDate(now)
  const log = options.log ?? (() => {})
  const rng = rngOf(seed)
  await startRun(deps.db, 'scale', seed, now)
  const rows: Record<string, number> = {}
  const { people, userRows } = await loadPeople(deps, counties, staffPerSquad, now)
  if (userRows.length > 0) {
    const w = await bulkWriter(target, 'users', Object.keys(userRows[0] ?? {}))
    for (const r of userRows) await w.add(Object.values(r) as Array<string | number | null>)
    rows.users = await w.end()
  }
  const org = deps.org
  const offices = org.config.offices.map((o) => ({ code: o.code, area: org.areaOfOffice(o.code) }))
  const squads = org.config.squads.map((s) => s.code)
  const duties = dutiesOf(CURRENT_CATALOG_VERSION)
  const officeDuties = duties.filter((d) => d.kind === 'office' && d.mode === 'peacetime')
  const squadDuties = duties.filter((d) => d.kind === 'squad' && d.mode === 'peacetime')
  const officeWartime = duties.filter((d) => d.kind === 'office' && d.mode === 'wartime')
  const squadWartime = duties.filter((d) => d.kind === 'squad' && d.mode === 'wartime')

  await withoutIndexes(
    target,
    ['tasks', 'task_assignees', 'task_events', 'supervisees', 'supervisee_events', 'obligations'],
    async () => {
      const tasks = await bulkWriter(target, 'tasks', TASK_COLUMNS)
      const assignees = await bulkWriter(
        target,
        'task_assignees',
        ['task_id', 'user_id', 'assigned_at', 'assigned_by'],
        [tasks],
      )
      const events = await bulkWriter(
        target,
        'task_events',
        ['id', 'task_id', 'at', 'actor_id', 'kind', 'note'],
        [tasks],
      )

      /** One task with its assignee and history, by the task model's own transitions. */
      const writeTask = async (t: {
        title: string
        description: string
        dutyCode: string
        unit: { kind: 'office' | 'squad'; code: string; area: string }
        priority: 'normal' | 'high'
        dueAt: string
        source: 'manual' | 'statutory'
        sourceId: string | null
        createdBy: string
        createdAt: Date
        assignee: string
        fate: { status: TaskStatus; startedAt: Date | null; finishedAt: Date | null; note: string | null }
      }): Promise<string> => {
        const id = newId()
        const { status, startedAt, finishedAt, note } = t.fate
        const version = 1 + (startedAt ? 1 : 0) + (finishedAt ? 1 : 0)
        await tasks.add([
          id,
          t.title,
          t.description,
          CURRENT_CATALOG_VERSION,
          t.dutyCode,
          t.unit.code,
          t.unit.kind === 'office' ? t.unit.code : null,
          t.unit.area,
          status,
          t.priority,
          t.dueAt,
          t.source,
          t.sourceId,
          t.createdBy,
          iso(t.createdAt),
          startedAt ? iso(startedAt) : null,
          status === 'done' && finishedAt ? iso(finishedAt) : null,
          status === 'done' ? t.assignee : null,
          status === 'done' ? note : null,
          version,
          null,
          null,
          status === 'cancelled' && finishedAt ? iso(finishedAt) : null,
          status === 'cancelled' ? t.createdBy : null,
          status === 'cancelled' ? note : null,
        ])
        await assignees.add([id, t.assignee, iso(t.createdAt), t.createdBy])
        await events.add([newId(), id, iso(t.createdAt), t.createdBy, 'created', null])
        if (startedAt) await events.add([newId(), id, iso(startedAt), t.assignee, 'started', null])
        if (finishedAt)
          await events.add([
            newId(),
            id,
            iso(finishedAt),
            status === 'cancelled' ? t.createdBy : t.assignee,
            status === 'cancelled' ? 'cancelled' : 'completed',
            note,
          ])
        return id
      }

      let statutory = 0
      // ---- supervisees with their events, obligations and statutory tasks
      const rules = await loadRules(deps.db)
      const cal = await loadCalendar(deps.db)
      const cases = await bulkWriter(target, 'supervisees', [
        'id',
        'name',
        'id_number_enc',
        'id_number_index',
        'id_number_masked',
        'sex',
        'birth_date',
        'minor',
        'correction_type',
        'judgment_date',
        'term_start',
        'term_end',
        'town_code',
        'office_code',
        'area_code',
        'management_level',
        'prohibition_orders',
        'team_json',
        'status',
        'created_by',
        'created_at',
        'updated_at',
        'version',
      ])
      const caseEvents = await bulkWriter(
        target,
        'supervisee_events',
        ['id', 'supervisee_id', 'kind', 'on_date', 'at', 'actor_id', 'data_json', 'note'],
        [cases],
      )
      const obligations = await bulkWriter(
        target,
        'obligations',
        [
          'id',
          'supervisee_id',
          'key',
          'kind',
          'rule',
          'title',
          'due_date',
          'due_at',
          'satisfied',
          'provisional',
          'task_id',
          'area_code',
          'office_code',
          'minor',
          'updated_at',
        ],
        [cases, tasks],
      )
      const srng = rng.fork('supervisees')
      const towns = org.config.towns.map((t) => t.code)
      let men = 0
      let women = 0
      for (let n = 0; n < caseCount; n++) {
        const county = 1 + (n % counties)
        const town = srng.pick(towns)
        const office = org.officeOfTown(town)?.code ?? town
        const area = org.areaOfTown(town)
        const worker = srng.pick(people.members(county, area))
        // distinct ID numbers: each sex counts its own people over 20,000 birth dates × 5 digits
        const sex = n % 5 === 0 ? 'F' : 'M'
        const m = sex === 'F' ? women++ : men++
        const birth = addDays('1950-01-01', m % 20_000)
        const idNumber = demoIdNumber(birth, sex, Math.floor(m / 20_000))
        const type = srng.weighted([
          ['probation', 60],
          ['parole', 20],
          ['control', 12],
          ['medicalParole', 8],
        ] as const)
        const level = srng.weighted([
          ['strict', 20],
          ['normal', 60],
          ['loose', 20],
        ] as const)
        const stage = srng.weighted([
          ['investigation', 6],
          ['awaitingReport', 4],
          ['active', 75],
          ['discharged', 15],
        ] as const)
        const id = newId()
        const name = demoName(srng)
        const ev: SuperviseeEventTable[] = []
        const add = (kind: string, on: string, data: unknown = {}, note: string | null = null) => {
          if (on > today) return false
          const at = shanghaiAt(on, srng.int(9, 16), srng.int(0, 59))
          ev.push({
            id: newId(),
            supervisee_id: id,
            kind,
            on_date: on,
            at: iso(new Date(Math.min(at.getTime(), nowMs - 60_000))),
            actor_id: worker,
            data_json: JSON.stringify(data),
            note,
          })
          return true
        }
        let status: 'pending' | 'active' | 'discharged' = 'pending'
        let judgment: string | null = null
        let termEnd: string | null = null
        const createdOn = addDays(today, stage === 'discharged' ? -srng.int(380, 700) : -srng.int(2, 360))
        if (stage === 'investigation') {
          const fast = srng.chance(0.2)
          add('investigationCommissioned', createdOn, { fast })
          if (srng.chance(0.6)) add('investigationOpinion', addDays(createdOn, srng.int(3, fast ? 5 : 10)))
        } else {
          judgment = createdOn
          const months = srng.int(6, 36)
          termEnd =
            stage === 'discharged'
              ? addDays(today, -srng.int(1, 300))
              : addDays(judgment, Math.max(daysBetween(judgment, today) + 10, months * 30))
          add('documentsReceived', judgment)
          add('receiptSent', addDays(judgment, srng.int(0, 3)))
          add('judgment', judgment, { termStart: judgment, termEnd })
          if (stage !== 'awaitingReport') {
            const reported = addDays(judgment, srng.int(1, 9))
            if (add('reported', reported)) {
              status = 'active'
              add('intakeAnnounced', addDays(reported, srng.int(0, 3)))
              add('planMade', addDays(reported, srng.int(1, 8)), {}, '矫正方案：每月报告、教育学习、公益活动')
              const every = level === 'strict' ? 7 : level === 'normal' ? 30 : 90
              const end = stage === 'discharged' && termEnd ? termEnd : today
              for (
                let d = addDays(reported, every - srng.int(0, 3));
                d < end;
                d = addDays(d, every - srng.int(0, 4))
              ) {
                if (stage !== 'discharged' && srng.chance(0.04) && daysBetween(d, today) < every) break
                add('homeVisit', d)
              }
              if (stage === 'discharged' && termEnd) {
                add('discharged', termEnd)
                status = 'discharged'
              }
            }
          }
        }
        ev.sort((a, b) => (a.on_date < b.on_date ? -1 : a.on_date > b.on_date ? 1 : 0))
        // ids in event order: the engine reads a case's events ordered by id
        const ordered = ev.map((e) => ({ ...e, id: newId() }))
        const first = ordered[0]
        const createdAt = first ? first.at : iso(now)
        const lastAt = ordered.at(-1)?.at ?? createdAt
        await cases.add([
          id,
          name,
          encryptField(deps.keys, idNumber),
          blindIndex(deps.keys, idNumber),
          maskIdNumber(idNumber),
          sex,
          birth,
          0,
          type,
          judgment,
          judgment,
          termEnd,
          town,
          office,
          area,
          level,
          '[]',
          '[]',
          status,
          worker,
          createdAt,
          lastAt,
          1 + ordered.length,
        ])
        for (const e of ordered)
          await caseEvents.add([
            e.id,
            e.supervisee_id,
            e.kind,
            e.on_date,
            e.at,
            e.actor_id,
            e.data_json,
            e.note,
          ])
        const facts: CaseFacts = { correctionType: type, managementLevel: level, status }
        const caseEventsDomain = ordered.flatMap((r) => {
          const c = toCaseEvent(r)
          return c ? [c] : []
        }) as CaseEvent[]
        const atOf = new Map(ordered.map((e) => [e.id, e.at]))
        const who = subjectName({ name, minor: 0, id })
        for (const o of obligationsOf(facts, caseEventsDomain, rules, cal)) {
          const shape = statutoryTaskOf(o, who, rules)
          const oid = newId()
          const triggered = new Date(atOf.get(o.triggerId) ?? createdAt)
          const leader = people.leaderOf.get(area) ?? people.admin
          const taskId = await writeTask({
            ...shape,
            unit: { kind: 'squad', code: area, area },
            source: 'statutory',
            sourceId: oid,
            createdBy: worker,
            createdAt: triggered,
            assignee: leader,
            fate: o.satisfied
              ? {
                  status: 'done',
                  startedAt: null,
                  finishedAt: new Date(
                    Math.min(
                      nowMs - 60_000,
                      Math.max(triggered.getTime() + 60_000, Date.parse(shape.dueAt) - 86_400_000),
                    ),
                  ),
                  note: `已办结：${o.title}（由案件登记事项自动办结）`,
                }
              : { status: 'open', startedAt: null, finishedAt: null, note: null },
          })
          statutory++
          await obligations.add([
            oid,
            id,
            o.key,
            o.kind,
            o.rule,
            o.title,
            o.dueDate,
            shape.dueAt,
            o.satisfied ? 1 : 0,
            o.provisional,
            taskId,
            area,
            office,
            0,
            lastAt,
          ])
        }
        if ((n + 1) % 20_000 === 0) log(`  supervisees ${(n + 1).toLocaleString('en')}`)
      }
      // ---- peacetime work under every duty
      const trng = rng.fork('tasks')
      // the total asked for includes the statutory tasks of the cases
      const peacetime = Math.max(0, taskCount - statutory)
      for (let i = 0; i < peacetime; i++) {
        const county = 1 + (i % counties)
        const office = trng.chance(0.55)
        const o = trng.pick(offices)
        const squad = office ? o.area : trng.pick(squads)
        const wartime = trng.chance(0.06)
        const duty = trng.pick(
          office ? (wartime ? officeWartime : officeDuties) : wartime ? squadWartime : squadDuties,
        )
        const dueDate = addDays(today, trng.int(-182, 30))
        const dueAt = endOfShanghaiDay(dueDate)
        const dueMs = Date.parse(dueAt)
        const createdAt = shanghaiAt(addDays(dueDate, -trng.int(3, 30)), trng.int(8, 17), trng.int(0, 59))
        const members = people.members(county, squad)
        const assignee =
          office && trng.chance(0.4)
            ? (people.directorOf.get(o.code) ?? trng.pick(members))
            : trng.pick(members)
        const creator = office
          ? (people.directorOf.get(o.code) ?? people.admin)
          : (people.leaderOf.get(squad) ?? people.admin)
        const fate = taskFate(trng, dueMs, nowMs)
        const createdMs = Math.min(createdAt.getTime(), nowMs - 3_600_000)
        const span = Math.max(3_600_000, Math.min(dueMs, nowMs) - createdMs)
        const startedAt = fate.started ? new Date(createdMs + Math.floor(trng.next() * span * 0.5)) : null
        let finishedAt: Date | null = null
        if (fate.status === 'done') {
          const from = (startedAt ?? new Date(createdMs)).getTime()
          finishedAt = fate.late
            ? new Date(Math.min(nowMs - 60_000, dueMs + trng.int(1, 9) * 86_400_000))
            : new Date(from + Math.floor(trng.next() * Math.max(60_000, Math.min(dueMs, nowMs) - from)))
        } else if (fate.status === 'cancelled') {
          finishedAt = new Date(createdMs + Math.floor(trng.next() * span))
        }
        const unitName = office ? (org.office(o.code)?.name ?? o.code) : (org.squad(squad)?.name ?? squad)
        await writeTask({
          title: `${duty.title}（演示·第${county}县）`,
          description: `${unitName}：${duty.title}`,
          dutyCode: duty.code,
          unit: office
            ? { kind: 'office', code: o.code, area: o.area }
            : { kind: 'squad', code: squad, area: squad },
          priority: trng.chance(0.1) ? 'high' : 'normal',
          dueAt,
          source: 'manual',
          sourceId: null,
          createdBy: creator,
          createdAt: new Date(createdMs),
          assignee,
          fate: {
            status: fate.status,
            startedAt,
            finishedAt,
            note:
              fate.status === 'done'
                ? '已按要求办结。'
                : fate.status === 'cancelled'
                  ? '工作安排调整，撤销'
                  : null,
          },
        })
        if ((i + 1) % 200_000 === 0) log(`  tasks ${(i + 1).toLocaleString('en')}`)
      }

      rows.tasks = await tasks.end()
      rows.task_assignees = await assignees.end()
      rows.task_events = await events.end()
      rows.supervisees = await cases.end()
      rows.supervisee_events = await caseEvents.end()
      rows.obligations = await obligations.end()
    },
  )
  const ms = performance.now() - t0
  await deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, deps.keys, {
      correlationId: newId(),
      ip: null,
      at: now,
      actor: { id: null, name: '系统（演示数据·省级规模）', role: 'system' },
      action: 'seed.scale',
      unit: null,
      subjectType: 'seed',
      subjectId: null,
      after: { counties, seed, rows },
    })
  })
  await finishRun(deps.db, 'scale', rows, now)
  return { counties, ms, rows }
}
