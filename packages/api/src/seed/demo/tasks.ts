// Peacetime (and wartime-duty) tasks of every office and squad: created by the director or squad
// leader through createTaskByUser under every duty of the four catalogues, then started, completed
// (on time or late), left open, or cancelled by the people who carry them — squad staff through the
// field app's action endpoint (check-in with location, note, completion), directors through the
// console's task.start / task.complete. Each unit also has work due today, and monthly recurring tasks
// that spawn their next occurrence when done.
import { CURRENT_CATALOG_VERSION, type Duty, dutiesOf } from '@pingzhan/domain'
import type { User } from '../../repos/users.ts'
import { applyFieldAction } from '../../services/task-actions.ts'
import { cancelTask, createTaskByUser } from '../../services/task-work.ts'
import { completeTask, startTask } from '../../services/tasks.ts'
import { newId, shanghaiDate } from '../../shared.ts'
import { addDays } from '../names.ts'
import { taskFate } from '../spread.ts'
import type { Sim } from './sim.ts'

const OFFICE_TASKS_PER_MONTH = 6
const SQUAD_TASKS_PER_MONTH = 10

/** Town centres (approximate) for field check-ins. */
const TOWN_AT: Record<string, readonly [number, number]> = {
  nanma: [36.185, 118.17],
  nanlushan: [36.32, 118.04],
  lucun: [36.25, 118.04],
  dazhangzhuang: [36.17, 118.07],
  lishan: [36.19, 118.16],
  yanya: [36.07, 118.22],
  zhongzhuang: [36.03, 118.3],
  xili: [36.08, 118.12],
  dongli: [36.05, 118.36],
  zhangjiapo: [36.1, 118.39],
  shiqiao: [36.27, 118.24],
  yuezhuang: [36.2, 118.29],
}

const NOTES = [
  '已按要求办结，材料已归档。',
  '已完成，相关情况已向所长汇报。',
  '已办结，台账已更新。',
  '已现场核实并办结。',
]

export const versionOf = async (sim: Sim, id: string): Promise<number> =>
  Number(
    (
      await sim.ctx.deps.db
        .selectFrom('tasks')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).version,
  )

/** Works one task to its fate: `startMs`, `doneMs` (null: stays as it is), by `worker`. */
export const workTask = (
  sim: Sim,
  taskId: string,
  worker: User,
  plan: { startMs: number | null; doneMs: number | null; note: string; town: string | null },
): void => {
  const field = worker.role === 'squadMember'
  const [lat, lng] = TOWN_AT[plan.town ?? ''] ?? [36.185, 118.17]
  const jitter = () => (sim.rng.next() - 0.5) * 0.02
  if (plan.startMs !== null) {
    const startMs = plan.startMs
    sim.at(startMs, async () => {
      if (field) {
        await sim.call('task.act', () =>
          applyFieldAction(sim.ctx, worker, {
            key: newId(),
            taskId,
            kind: 'start',
            at: new Date(startMs).toISOString(),
          }),
        )
        if (sim.rng.chance(0.6)) {
          await sim.call('task.act', () =>
            applyFieldAction(sim.ctx, worker, {
              key: newId(),
              taskId,
              kind: 'checkin',
              at: new Date(startMs + 600_000).toISOString(),
              lat: lat + jitter(),
              lng: lng + jitter(),
              accuracy: sim.rng.int(5, 40),
              note: '已到达现场',
            }),
          )
        }
      } else {
        await sim.call('task.start', async () =>
          startTask(sim.ctx, worker, { id: taskId, version: await versionOf(sim, taskId) }),
        )
      }
    })
  }
  if (plan.doneMs !== null) {
    const doneMs = plan.doneMs
    sim.at(doneMs, async () => {
      if (field) {
        await sim.call('task.act', () =>
          applyFieldAction(sim.ctx, worker, {
            key: newId(),
            taskId,
            kind: 'complete',
            at: new Date(doneMs).toISOString(),
            note: plan.note,
          }),
        )
      } else {
        await sim.call('task.complete', async () =>
          completeTask(sim.ctx, worker, {
            id: taskId,
            version: await versionOf(sim, taskId),
            note: plan.note,
          }),
        )
      }
    })
  }
}

/** Plans a task's life from its fate: when it is started and finished, relative to its due date. */
export const planOf = (sim: Sim, createdMs: number, dueMs: number) => {
  const fate = taskFate(sim.rng, dueMs, sim.endMs)
  const horizon = Math.min(dueMs, sim.endMs - 120_000)
  const span = Math.max(3_600_000, horizon - createdMs)
  const startMs = fate.started ? createdMs + 1_800_000 + Math.floor(sim.rng.next() * span * 0.4) : null
  let doneMs: number | null = null
  if (fate.status === 'done') {
    const from = startMs ?? createdMs + 1_800_000
    doneMs = fate.late
      ? Math.min(sim.endMs - 60_000, dueMs + sim.rng.int(1, 8) * 86_400_000 + sim.rng.int(0, 8) * 3_600_000)
      : from + 600_000 + Math.floor(sim.rng.next() * Math.max(600_000, horizon - from - 600_000))
    if (doneMs > sim.endMs - 60_000) doneMs = null
  }
  return { fate, startMs, doneMs }
}

interface Unit {
  readonly kind: 'office' | 'squad'
  readonly code: string
  readonly area: string
  readonly town: string | null
  readonly manager: User
  readonly workers: ReadonlyArray<User>
  readonly duties: ReadonlyArray<Duty>
}

export const seedTasks = (sim: Sim): void => {
  const org = sim.ctx.deps.org
  const duties = dutiesOf(CURRENT_CATALOG_VERSION)
  const membersOf = (squad: string) =>
    sim.users.filter((u) => u.role === 'squadMember' && u.squadCode === squad)
  const units: Unit[] = [
    ...org.config.offices.map((o): Unit => {
      const area = org.areaOfOffice(o.code)
      const director = sim.user(`dir-${o.code}`)
      return {
        kind: 'office',
        code: o.code,
        area,
        town: o.town,
        manager: director,
        // the director and the area's squad staff carry office work (一定五动)
        workers: [director, director, ...membersOf(area).slice(0, 2)],
        duties: duties.filter((d) => d.kind === 'office'),
      }
    }),
    ...org.config.squads.map(
      (s): Unit => ({
        kind: 'squad',
        code: s.code,
        area: s.code,
        town: s.seatTown,
        manager: sim.user(`lead-${s.code}`),
        workers: membersOf(s.code),
        duties: duties.filter((d) => d.kind === 'squad'),
      }),
    ),
  ]
  const months = 6
  for (const [u, unit] of units.entries()) {
    const perMonth = unit.kind === 'office' ? OFFICE_TASKS_PER_MONTH : SQUAD_TASKS_PER_MONTH
    const count = perMonth * months
    // every duty of the unit's catalogues in turn, wartime ones less often
    const peace = unit.duties.filter((d) => d.mode === 'peacetime')
    const war = unit.duties.filter((d) => d.mode === 'wartime')
    for (let k = 0; k < count; k++) {
      // each unit starts the round at another duty, so the county covers every one of them
      const duty =
        k % 8 === 7
          ? (war[(Math.floor(k / 8) + u) % war.length] as Duty)
          : (peace[(k + 7 * u) % peace.length] as Duty)
      const createdOn = addDays(sim.firstDay, Math.floor(((k + sim.rng.next()) / count) * 182))
      const due = addDays(createdOn, sim.rng.int(3, 28))
      createAndWork(sim, unit, duty, createdOn, due, sim.rng.chance(0.12) ? 'high' : 'normal', null)
    }
    // work due today and tomorrow: something on every 工作台 this morning
    const peaceItems = peace.filter((d) => d.parent !== null)
    for (const [offset, dueOffset] of [
      [-9, 0],
      [-4, 0],
      [-2, 1],
      [-12, -2],
    ] as const) {
      const duty = sim.rng.pick(peaceItems)
      const createdOn = addDays(sim.today, offset)
      createAndWork(sim, unit, duty, createdOn, addDays(sim.today, dueOffset), 'normal', 'keepOpen')
    }
    // a monthly recurring task (排查 / 考核) from the first month: done each month, the next one spawned
    const recurringDuty =
      unit.kind === 'office'
        ? (duties.find((d) => d.code === 'office.peacetime.2.2') as Duty)
        : (duties.find((d) => d.code === 'squad.peacetime.1.9') as Duty)
    recurring(sim, unit, recurringDuty)
  }
}

const titleOf = (duty: Duty, unitName: string, on: string): string =>
  `${duty.title}（${on.slice(5, 7).replace(/^0/, '')}月·${unitName}）`

const createAndWork = (
  sim: Sim,
  unit: Unit,
  duty: Duty,
  createdOn: string,
  due: string,
  priority: 'normal' | 'high',
  keep: 'keepOpen' | null,
): void => {
  if (createdOn > sim.today) return
  const createdAt = sim.recent(createdOn, 8, 11)
  const worker = sim.rng.pick(unit.workers)
  const org = sim.ctx.deps.org
  const unitName =
    unit.kind === 'office'
      ? (org.office(unit.code)?.name ?? unit.code)
      : (org.squad(unit.code)?.name ?? unit.code)
  sim.at(createdAt, async () => {
    const { taskId } = await sim.call('task.create', () =>
      createTaskByUser(sim.ctx, unit.manager, {
        unitKind: unit.kind,
        unitCode: unit.code,
        dutyCode: duty.code,
        title: titleOf(duty, unitName, createdOn),
        description: `${duty.text}\n（演示数据）`,
        dueDate: due < shanghaiDate(new Date(sim.now())) ? shanghaiDate(new Date(sim.now())) : due,
        priority,
        assigneeIds: [worker.id],
      }),
    )
    const dueMs = Date.parse(`${due}T23:59:59.999+08:00`)
    if (keep === 'keepOpen') {
      // started by some, none finished: today's work
      if (sim.rng.chance(0.5))
        workTask(sim, taskId, worker, {
          startMs: sim.later(createdAt, 90),
          doneMs: null,
          note: '',
          town: unit.town,
        })
      return
    }
    const plan = planOf(sim, createdAt.getTime(), dueMs)
    if (plan.fate.status === 'cancelled') {
      sim.at(sim.later(createdAt, sim.rng.int(60, 60 * 24 * 3)), async () => {
        await sim.call('task.cancel', async () =>
          cancelTask(sim.ctx, unit.manager, {
            id: taskId,
            version: await versionOf(sim, taskId),
            reason: '工作安排调整，该项工作并入其他任务',
          }),
        )
      })
      return
    }
    workTask(sim, taskId, worker, {
      startMs: plan.startMs,
      doneMs: plan.doneMs,
      note: sim.rng.pick(NOTES),
      town:
        unit.kind === 'office'
          ? unit.town
          : sim.rng.pick(org.config.squads.find((s) => s.code === unit.code)?.towns ?? [unit.town ?? '']),
    })
  })
}

const recurring = (sim: Sim, unit: Unit, duty: Duty): void => {
  const org = sim.ctx.deps.org
  const unitName =
    unit.kind === 'office'
      ? (org.office(unit.code)?.name ?? unit.code)
      : (org.squad(unit.code)?.name ?? unit.code)
  const worker = unit.workers.at(-1) ?? unit.manager
  const createdOn = addDays(sim.firstDay, sim.rng.int(1, 5))
  const createdAt = sim.workTime(createdOn, 9, 10)
  sim.at(createdAt, async () => {
    const { taskId } = await sim.call('task.create', () =>
      createTaskByUser(sim.ctx, unit.manager, {
        unitKind: unit.kind,
        unitCode: unit.code,
        dutyCode: duty.code,
        title:
          unit.kind === 'office' ? `每月矛盾纠纷排查（${unitName}）` : `每月社区矫正对象考核（${unitName}）`,
        description: `${duty.text}\n每月一次，办结后自动生成下月任务。（演示数据）`,
        dueDate: addDays(createdOn, 25),
        assigneeIds: [worker.id],
        recurrence: 'monthly',
      }),
    )
    completeEachMonth(sim, taskId, worker)
  })
}

/** Completes a monthly task a few days before it is due, then the spawned next one, up to today. */
const completeEachMonth = (sim: Sim, taskId: string, worker: User): void => {
  sim.at(sim.now(), async () => {
    const row = await sim.ctx.deps.db
      .selectFrom('tasks')
      .select(['due_at'])
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow()
    const doneMs = Date.parse(row.due_at) - sim.rng.int(1, 5) * 86_400_000 - sim.rng.int(1, 6) * 3_600_000
    if (doneMs > sim.endMs - 60_000) return
    sim.at(doneMs, async () => {
      if (worker.role === 'squadMember') {
        await sim.call('task.act', () =>
          applyFieldAction(sim.ctx, worker, {
            key: newId(),
            taskId,
            kind: 'complete',
            at: new Date(sim.now()).toISOString(),
            note: '本月排查、考核已完成，台账已更新。',
          }),
        )
      } else {
        await sim.call('task.complete', async () =>
          completeTask(sim.ctx, worker, {
            id: taskId,
            version: await versionOf(sim, taskId),
            note: '本月排查、考核已完成，台账已更新。',
          }),
        )
      }
      const next = await sim.ctx.deps.db
        .selectFrom('tasks')
        .select('id')
        .where('recurrence_of', '=', taskId)
        .executeTakeFirst()
      if (next) completeEachMonth(sim, next.id, worker)
    })
  })
}
