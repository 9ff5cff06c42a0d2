// The roll-up's counts (issue 15): `task_counts` is kept by database triggers in the same transaction
// as every change of a task row, so it must equal a recount of `tasks` after any sequence of changes —
// through the services (create, start, complete with its next occurrence, cancel), through raw SQL as
// a bulk loader or another capability would write, rolled back, concurrent, and after compaction.
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TaskTable } from '../src/db/types.ts'
import { compactTaskCounts, countsByUnitAndDuty } from '../src/repos/task-counts.ts'
import { newId } from '../src/shared.ts'
import { type Agent, dialects, setupApp, signedIn, type TestApp, userId } from './harness.ts'

type Key = string
const keyOf = (r: {
  squad_code: string
  office_code: string | null
  duty_code: string
  status: string
}): Key => `${r.squad_code}|${r.office_code ?? ''}|${r.duty_code}|${r.status}`

/** Recount from the tasks themselves. */
const recount = async (app: TestApp): Promise<Map<Key, number>> => {
  const rows = await app.deps.db
    .selectFrom('tasks')
    .select(['squad_code', 'office_code', 'duty_code', 'status', sql<number>`count(*)`.as('n')])
    .groupBy(['squad_code', 'office_code', 'duty_code', 'status'])
    .execute()
  return new Map(rows.map((r) => [keyOf(r), Number(r.n)]))
}

/** What the triggers kept (deltas summed; zero keys dropped). */
const kept = async (app: TestApp): Promise<Map<Key, number>> => {
  const rows = await app.deps.db
    .selectFrom('task_counts')
    .select(['squad_code', 'office_code', 'duty_code', 'status', sql<number>`sum(n)`.as('n')])
    .groupBy(['squad_code', 'office_code', 'duty_code', 'status'])
    .execute()
  return new Map(rows.filter((r) => Number(r.n) !== 0).map((r) => [keyOf(r), Number(r.n)]))
}

const rawRow = (over: Partial<TaskTable> & { created_by: string }): TaskTable => ({
  id: newId(),
  title: '批量导入的任务',
  description: '',
  duty_version: 'yiyuan-2023',
  duty_code: 'squad.peacetime.1',
  unit_code: 'lucun',
  office_code: null,
  squad_code: 'lucun',
  status: 'open',
  priority: 'normal',
  due_at: '2026-11-20T15:59:59.999Z',
  source: 'manual',
  source_id: null,
  created_at: '2026-11-01T00:00:00.000Z',
  started_at: null,
  completed_at: null,
  completed_by: null,
  completion_note: null,
  version: 1,
  recurrence: null,
  recurrence_of: null,
  cancelled_at: null,
  cancelled_by: null,
  cancel_reason: null,
  ...over,
})

const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const
const DUTIES = ['office.peacetime.2', 'office.peacetime.3'] as const

type Op =
  | { kind: 'create'; office: 0 | 1; duty: 0 | 1; monthly: boolean; due: number }
  | { kind: 'start' | 'complete' | 'cancel'; pick: number }
  | { kind: 'rawInsert'; n: number; status: number }
  | { kind: 'rawUpdate'; pick: number; status: number; move: boolean }
  | { kind: 'rawDelete'; pick: number }
  | { kind: 'rolledBack'; pick: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    office: fc.constantFrom(0 as const, 1 as const),
    duty: fc.constantFrom(0 as const, 1 as const),
    monthly: fc.boolean(),
    due: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({
    kind: fc.constantFrom('start' as const, 'complete' as const, 'cancel' as const),
    pick: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('rawInsert' as const),
    n: fc.integer({ min: 1, max: 5 }),
    status: fc.nat(3),
  }),
  fc.record({
    kind: fc.constant('rawUpdate' as const),
    pick: fc.nat(),
    status: fc.nat(3),
    move: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('rawDelete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('rolledBack' as const), pick: fc.nat() }),
)

describe.each(dialects)('task counts kept by the database (%s)', (dialect) => {
  let app: TestApp
  let directors: [Agent, Agent]
  let staff: [Agent, Agent]
  let staffIds: [string, string]
  let adminId: string
  beforeAll(async () => {
    app = await setupApp(dialect)
    directors = [await signedIn(app, 'dir-nanma'), await signedIn(app, 'dir-xili')]
    staff = [await signedIn(app, 'staff-lucun-1'), await signedIn(app, 'staff-xili-1')]
    staffIds = [await userId(app, 'staff-lucun-1'), await userId(app, 'staff-xili-1')]
    adminId = await userId(app, 'admin')
  })
  afterAll(async () => {
    await app?.close()
  })

  const someTask = async (pick: number, statuses: ReadonlyArray<string>) => {
    const rows = await app.deps.db
      .selectFrom('tasks')
      .select(['id', 'version', 'office_code'])
      .where('status', 'in', statuses as TaskTable['status'][])
      .where('source', '=', 'manual')
      .orderBy('id')
      .execute()
    return rows.length === 0 ? null : rows[pick % rows.length]
  }

  const apply = async (o: Op): Promise<void> => {
    const db = app.deps.db
    switch (o.kind) {
      case 'create': {
        const day = new Date(Date.parse('2026-11-26T00:00:00Z') + o.due * 86_400_000)
          .toISOString()
          .slice(0, 10)
        await directors[o.office].call.task.create({
          unitKind: 'office',
          unitCode: o.office === 0 ? 'nanma' : 'xili',
          dutyCode: DUTIES[o.duty],
          title: '计数测试任务',
          dueDate: day,
          assigneeIds: [staffIds[o.office]],
          ...(o.monthly ? { recurrence: 'monthly' as const } : {}),
        })
        return
      }
      case 'start':
      case 'complete':
      case 'cancel': {
        const t = await someTask(o.pick, o.kind === 'start' ? ['open'] : ['open', 'in_progress'])
        if (!t || t.office_code === null) return
        const who = t.office_code === 'nanma' ? 0 : 1
        const version = Number(t.version)
        if (o.kind === 'start') await staff[who].call.task.start({ id: t.id, version })
        else if (o.kind === 'complete')
          await staff[who].call.task.complete({ id: t.id, version, note: '办结' })
        else await directors[who].call.task.cancel({ id: t.id, version, reason: '不再需要' })
        return
      }
      case 'rawInsert':
        await db
          .insertInto('tasks')
          .values(
            Array.from({ length: o.n }, () =>
              rawRow({ created_by: adminId, status: STATUSES[o.status] ?? 'open' }),
            ),
          )
          .execute()
        return
      case 'rawUpdate': {
        const t = await someTask(o.pick, STATUSES)
        if (!t) return
        await db
          .updateTable('tasks')
          .set({
            status: STATUSES[o.status] ?? 'done',
            ...(o.move ? { duty_code: 'office.peacetime.4' } : {}),
            version: sql`version + 1`,
          })
          .where('id', '=', t.id)
          .execute()
        return
      }
      case 'rawDelete': {
        const t = await someTask(o.pick, STATUSES)
        if (!t) return
        await db.deleteFrom('task_assignees').where('task_id', '=', t.id).execute()
        await db.deleteFrom('task_events').where('task_id', '=', t.id).execute()
        await db.deleteFrom('tasks').where('id', '=', t.id).execute()
        return
      }
      case 'rolledBack': {
        const t = await someTask(o.pick, STATUSES)
        await db
          .transaction()
          .execute(async (trx) => {
            await trx
              .insertInto('tasks')
              .values(rawRow({ created_by: adminId }))
              .execute()
            if (t)
              await trx.updateTable('tasks').set({ status: 'cancelled' }).where('id', '=', t.id).execute()
            throw new Error('rolled back')
          })
          .catch(() => {})
      }
    }
  }

  it('equal a recount after any sequence of task changes, and after compaction', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) await apply(o)
        expect(await kept(app)).toEqual(await recount(app))
      }),
      { numRuns: 25 },
    )
    const before = await kept(app)
    const folded = await compactTaskCounts(app.deps.db, app.deps.dialect)
    if (dialect === 'postgres') expect(folded).toBeGreaterThan(0)
    expect(await kept(app)).toEqual(before)
    const rows = await app.deps.db
      .selectFrom('task_counts')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst()
    expect(Number(rows?.n)).toBeLessThanOrEqual(before.size + (await recount(app)).size)
  })

  it('concurrent completions and creations leave the counts exact', async () => {
    const ids: string[] = []
    for (let i = 0; i < 12; i++) {
      const { taskId } = await directors[0].call.task.create({
        unitKind: 'office',
        unitCode: 'nanma',
        dutyCode: 'office.peacetime.2',
        title: `并发任务${i}`,
        dueDate: '2026-12-20',
        assigneeIds: [staffIds[0]],
        recurrence: 'weekly',
      })
      ids.push(taskId)
    }
    await Promise.all([
      ...ids.map((id) => staff[0].call.task.complete({ id, version: 1, note: '并发办结' }).catch(() => {})),
      ...ids
        .slice(0, 6)
        .map((id) => staff[0].call.task.complete({ id, version: 1, note: '重复' }).catch(() => {})),
      ...[0, 1, 2].map((i) =>
        directors[1].call.task.create({
          unitKind: 'office',
          unitCode: 'xili',
          dutyCode: 'office.peacetime.3',
          title: `并发新建${i}`,
          dueDate: '2026-12-20',
          assigneeIds: [staffIds[1]],
        }),
      ),
    ])
    expect(await kept(app)).toEqual(await recount(app))
    // each task completed once (one of the two racing completions lost) and spawned one next occurrence
    const done = await app.deps.db
      .selectFrom('tasks')
      .select('id')
      .where('id', 'in', ids)
      .where('status', '=', 'done')
      .execute()
    expect(done).toHaveLength(12)
  })

  it('task.rollup reads them, with overdue counted from the clock', async () => {
    const brigade = await signedIn(app, 'brigade')
    const rollup = await brigade.call.task.rollup()
    const now = app.deps.clock().toISOString()
    const tasks = await app.deps.db
      .selectFrom('tasks')
      .select(['squad_code', 'office_code', 'duty_code', 'status', 'due_at'])
      .execute()
    const expected = new Map<
      string,
      { open: number; inProgress: number; done: number; cancelled: number; overdue: number }
    >()
    for (const t of tasks) {
      const k = `${t.office_code ?? t.squad_code}|${t.duty_code}`
      const e = expected.get(k) ?? { open: 0, inProgress: 0, done: 0, cancelled: 0, overdue: 0 }
      if (t.status === 'open') e.open += 1
      if (t.status === 'in_progress') e.inProgress += 1
      if (t.status === 'done') e.done += 1
      if (t.status === 'cancelled') e.cancelled += 1
      if ((t.status === 'open' || t.status === 'in_progress') && t.due_at < now) e.overdue += 1
      expected.set(k, e)
    }
    const got = new Map(
      rollup.map((r) => [
        `${r.unitCode}|${r.dutyCode}`,
        { open: r.open, inProgress: r.inProgress, done: r.done, cancelled: r.cancelled, overdue: r.overdue },
      ]),
    )
    expect(got).toEqual(expected)
    expect([...got.values()].some((v) => v.overdue > 0)).toBe(true)
    // a director sees their own office only
    const own = await directors[0].call.task.rollup()
    expect(new Set(own.map((r) => r.unitCode))).toEqual(new Set(['nanma']))
    expect(
      await countsByUnitAndDuty(app.deps.db, app.deps.dialect, { kind: 'office', office: 'nanma' }, now),
    ).toHaveLength(own.length)
  })
})
