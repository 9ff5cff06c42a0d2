// Issue 4: duty-based tasks (create, filters, reassign, bulk-assign, cancel, recurrence, roll-up,
// export), the idempotent field actions of the offline outbox, and the mediation register.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { boardListQuery } from '../src/repos/tasks.ts'
import { newId } from '../src/shared.ts'
import { faultOf } from '../src/trpc/errors.ts'
import {
  type Agent,
  counts,
  dialects,
  fieldErrorsOf,
  outcome,
  setupApp,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'

// 1×1 JPEG (magic bytes FF D8 FF)
const JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='

const DAY = 86_400_000

/** exceljs declares the un-generic Buffer of older @types/node. */
const xlsxBytes = (base64: string) =>
  Buffer.from(base64, 'base64') as unknown as Parameters<ExcelJS.Xlsx['load']>[0]

describe.each(dialects)('peacetime tasks and registers (%s)', (dialect) => {
  let app: TestApp
  let director: Agent
  let staff1: Agent
  let staff2: Agent
  let staff1Id: string
  let staff2Id: string

  const newTask = async (overrides: Record<string, unknown> = {}) =>
    (
      await director.call.task.create({
        unitKind: 'office',
        unitCode: 'nanma',
        dutyCode: 'office.peacetime.3',
        title: '进村开展法治宣传',
        description: '到南麻街道各村发放宣传资料',
        dueDate: '2026-12-15',
        assigneeIds: [staff1Id],
        ...overrides,
      })
    ).taskId

  const act = (
    a: Agent,
    taskId: string,
    kind: 'start' | 'checkin' | 'note' | 'photo' | 'complete',
    extra = {},
  ) => a.call.task.act({ key: newId(), taskId, kind, at: app.deps.clock().toISOString(), ...extra })

  /** Sessions idle out after 30 minutes: sign in again after moving the clock. */
  const signInAll = async () => {
    director = await signedIn(app, 'dir-nanma')
    staff1 = await signedIn(app, 'staff-lucun-1')
    staff2 = await signedIn(app, 'staff-lucun-2')
  }
  const START = Date.parse('2026-11-26T02:00:00.000Z')
  beforeEach(async () => {
    app.clock.advance(START - app.clock.now().getTime())
    await signInAll()
  })

  beforeAll(async () => {
    app = await setupApp(dialect)
    staff1Id = await userId(app, 'staff-lucun-1')
    staff2Id = await userId(app, 'staff-lucun-2')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('a director creates a duty-based task for the office; the board filters by duty, person, status and due date', async () => {
    const id = await newTask()
    await newTask({
      dutyCode: 'office.peacetime.1',
      title: '审查镇政府合同',
      dueDate: '2026-12-20',
      assigneeIds: [staff2Id],
    })
    const t = await director.call.task.get({ id })
    expect(t).toMatchObject({
      dutyCode: 'office.peacetime.3',
      dutyTitle: '参与辖区普法依法治理',
      dutyVersion: 'yiyuan-2023',
      unitName: '南麻司法所',
      source: 'manual',
      status: 'open',
      assignees: [{ id: staff1Id }],
    })
    expect(t.history.map((h) => h.kind)).toEqual(['created', 'assigned'])

    const ids = async (filter: Record<string, unknown>) =>
      (await director.call.task.list({ limit: 100, ...filter })).items.map((i) => i.title)
    expect(await ids({ dutyCode: 'office.peacetime.3' })).toContain('进村开展法治宣传')
    expect(await ids({ dutyCode: 'office.peacetime.3' })).not.toContain('审查镇政府合同')
    expect(await ids({ assigneeId: staff2Id })).toEqual(['审查镇政府合同'])
    expect(await ids({ dueFrom: '2026-12-16', dueTo: '2026-12-31' })).toEqual(['审查镇政府合同'])
    expect(await ids({ dueTo: '2026-12-15' })).toContain('进村开展法治宣传')
    expect(await ids({ status: 'done' })).toEqual([])
    expect((await staff1.call.task.list({ mine: true })).items.map((i) => i.id)).toContain(id)
  })

  it("the 'unfinished' filter lists open and in-progress tasks, not done ones (the phone's default)", async () => {
    const stamp = newId().slice(-6)
    const open = await newTask({ title: `未开始 ${stamp}` })
    const doing = await newTask({ title: `办理中 ${stamp}` })
    const done = await newTask({ title: `已办结 ${stamp}` })
    await staff1.call.task.start({ id: doing, version: (await staff1.call.task.get({ id: doing })).version })
    await staff1.call.task.complete({
      id: done,
      version: (await staff1.call.task.get({ id: done })).version,
      note: '办结',
    })
    const listed = (await staff1.call.task.list({ mine: true, status: 'unfinished', limit: 100 })).items
    const ids = listed.map((i) => i.id)
    expect(ids).toContain(open)
    expect(ids).toContain(doing)
    expect(ids).not.toContain(done)
    expect(new Set(listed.map((i) => i.status))).toEqual(new Set(['open', 'in_progress']))
    await expect(staff1.call.task.list({ status: 'finished' as never })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    })
  })

  it('each status filter lists exactly the tasks in that status, through the partial indexes on SQLite', async () => {
    const stamp = newId().slice(-6)
    const made = {
      open: await newTask({ title: `状态甲 ${stamp}` }),
      in_progress: await newTask({ title: `状态乙 ${stamp}` }),
      done: await newTask({ title: `状态丙 ${stamp}` }),
      cancelled: await newTask({ title: `状态丁 ${stamp}` }),
    }
    const version = async (id: string) => (await director.call.task.get({ id })).version
    await staff1.call.task.start({ id: made.in_progress, version: await version(made.in_progress) })
    await staff1.call.task.complete({ id: made.done, version: await version(made.done), note: '办结' })
    await director.call.task.cancel({
      id: made.cancelled,
      version: await version(made.cancelled),
      reason: '重复',
    })
    const mine = async (status: 'open' | 'in_progress' | 'done' | 'cancelled' | 'unfinished') => {
      const items = (await director.call.task.list({ status, limit: 100 })).items
      return items.filter((i) => i.title.endsWith(stamp)).map((i) => i.id)
    }
    for (const status of ['open', 'in_progress', 'done', 'cancelled'] as const) {
      expect(await mine(status)).toEqual([made[status]])
    }
    expect(new Set(await mine('unfinished'))).toEqual(new Set([made.open, made.in_progress]))
    expect(
      (await director.call.task.list({ overdue: true, limit: 100 })).items.map((i) => i.status),
    ).not.toContain('done')
    // SQLite's planner reads the minority states through their partial indexes (migration 2026120500)
    const raw = app.handle.sqlite
    if (raw) {
      const plan = (filter: Parameters<typeof boardListQuery>[3]) => {
        const { sql, parameters } = boardListQuery(
          app.deps.db,
          'sqlite',
          { kind: 'office', office: 'nanma' },
          filter,
        ).compile()
        return (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as { detail: string }[])
          .map((r) => r.detail)
          .join(' | ')
      }
      expect(plan({ status: 'unfinished', limit: 50 })).toContain('tasks_unfinished_office_due')
      expect(plan({ status: 'open', limit: 50 })).toContain('tasks_unfinished_office_due')
      expect(plan({ overdueAt: '2026-12-01T00:00:00.000Z', limit: 50 })).toContain(
        'tasks_unfinished_office_due',
      )
      expect(plan({ status: 'cancelled', limit: 50 })).toContain('tasks_cancelled_office_due')
      // the phone's own list: the unit's unfinished work in due order, each row checked against the person
      expect(plan({ status: 'unfinished', assigneeId: staff1Id, limit: 50 })).toContain(
        'tasks_unfinished_office_due',
      )
    }
  })

  it('refuses a duty of the wrong catalogue, assignees of another area, and another unit (NOT_FOUND)', async () => {
    const before = await counts(app)
    const wrongDuty = director.call.task.create({
      unitKind: 'office',
      unitCode: 'nanma',
      dutyCode: 'squad.peacetime.1',
      title: '错误的职责',
      dueDate: '2026-12-15',
      assigneeIds: [staff1Id],
    })
    await expect(wrongDuty).rejects.toSatisfy(
      (e) => fieldErrorsOf(e).dutyCode === '请选择司法所职责清单中的事项',
    )
    const foreignStaff = director.call.task.create({
      unitKind: 'office',
      unitCode: 'nanma',
      dutyCode: 'office.peacetime.3',
      title: '指派外区人员',
      dueDate: '2026-12-15',
      assigneeIds: [await userId(app, 'staff-xili-1')],
    })
    await expect(foreignStaff).rejects.toSatisfy((e) => 'assigneeIds' in fieldErrorsOf(e))
    expect(
      await outcome(
        director.call.task.create({
          unitKind: 'office',
          unitCode: 'xili',
          dutyCode: 'office.peacetime.3',
          title: '别的司法所',
          dueDate: '2026-12-15',
          assigneeIds: [await userId(app, 'dir-xili')],
        }),
      ),
    ).toBe('NOT_FOUND')
    expect(
      await outcome(
        staff1.call.task.create({
          unitKind: 'squad',
          unitCode: 'lucun',
          dutyCode: 'squad.peacetime.1',
          title: '队员不能建任务',
          dueDate: '2026-12-15',
          assigneeIds: [staff1Id],
        }),
      ),
    ).toBe('FORBIDDEN')
    expect(await counts(app)).toEqual(before)
  })

  it('reassigning needs a reason, is kept in history, and the old assignee’s queued action is rejected', async () => {
    const id = await newTask({ title: '改派测试' })
    const t = await director.call.task.get({ id })
    await expect(
      director.call.task.reassign({ id, version: t.version, assigneeIds: [staff2Id], reason: '' }),
    ).rejects.toSatisfy((e) => fieldErrorsOf(e).reason === '请填写改派理由')
    await director.call.task.reassign({
      id,
      version: t.version,
      assigneeIds: [staff2Id],
      reason: '原承办人外出培训',
    })
    const after = await director.call.task.get({ id })
    expect(after.assignees.map((a) => a.id)).toEqual([staff2Id])
    const last = after.history.at(-1)
    expect(last?.kind).toBe('reassigned')
    expect(last?.note).toContain('原承办人外出培训')
    expect(last?.note).toContain('鲁村中队队员一（演示） → 鲁村中队队员二（演示）')

    const before = await counts(app)
    await expect(act(staff1, id, 'note', { note: '离线时写的备注' })).rejects.toSatisfy(
      (e) => (e as { code: string }).code === 'CONFLICT' && /已改派/.test((e as Error).message),
    )
    expect(await counts(app)).toEqual(before)
    // the new assignee may
    expect((await act(staff2, id, 'note', { note: '已接手' })).outcome).toBe('applied')
  })

  it('field actions apply once per key: retries and concurrent duplicates change nothing', async () => {
    const id = await newTask({ title: '幂等测试' })
    const key = newId()
    const at = new Date(app.deps.clock().getTime() - 3_600_000).toISOString()
    const checkin = { key, taskId: id, kind: 'checkin' as const, at, lat: 36.18, lng: 118.17, accuracy: 20 }
    const first = await staff1.call.task.act(checkin)
    expect(first.outcome).toBe('applied')
    const again = await staff1.call.task.act(checkin)
    expect(again).toEqual({ ...first, outcome: 'duplicate' })

    const photoKey = newId()
    const photo = { key: photoKey, taskId: id, kind: 'photo' as const, at, photo: JPEG }
    const results = await Promise.all([
      staff1.call.task.act(photo),
      staff1.call.task.act(photo),
      staff1.call.task.act(photo),
    ])
    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1)
    await act(staff1, id, 'note', { note: '群众反映良好' })
    const done = { key: newId(), taskId: id, kind: 'complete' as const, at, note: '已完成宣传' }
    await staff1.call.task.act(done)
    expect((await staff1.call.task.act(done)).outcome).toBe('duplicate')

    const t = await director.call.task.get({ id })
    expect(t.status).toBe('done')
    expect(t.completionNote).toBe('已完成宣传')
    expect(t.evidence.map((e) => e.kind).sort()).toEqual(['checkin', 'note', 'photo'])
    const ci = t.evidence.find((e) => e.kind === 'checkin')
    expect(ci).toMatchObject({ at, lat: 36.18, lng: 118.17, accuracy: 20, hasPhoto: false })
    const ph = t.evidence.find((e) => e.kind === 'photo')
    const stored = await director.call.task.photo({ id: ph?.id ?? '' })
    expect(stored).toEqual({
      mime: 'image/jpeg',
      contentBase64: Buffer.from(JPEG, 'base64').toString('base64'),
    })
    expect(t.history.filter((h) => h.kind === 'completed')).toHaveLength(1)
    // the West squad's staff cannot see the photo
    const foreign = await signedIn(app, 'staff-xili-1')
    expect(await outcome(foreign.call.task.photo({ id: ph?.id ?? '' }))).toBe('NOT_FOUND')
  })

  describe('开始办理 from the outbox (task.act kind start)', () => {
    /** What a start leaves behind: the task, its started events, its task.start audit rows, ledger rows. */
    const trail = async (id: string) => {
      const db = app.deps.db
      const task = await db
        .selectFrom('tasks')
        .select(['status', 'version', 'started_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      const events = await db
        .selectFrom('task_events')
        .select(['kind', 'at', 'actor_id', 'note'])
        .where('task_id', '=', id)
        .where('kind', '=', 'started')
        .execute()
      const audits = await db
        .selectFrom('audit_log')
        .select(['actor_id', 'before_json', 'after_json'])
        .where('subject_id', '=', id)
        .where('action', '=', 'task.start')
        .execute()
      const ledger = await db
        .selectFrom('task_actions')
        .select(['key', 'kind'])
        .where('task_id', '=', id)
        .execute()
      return { task, events, audits, ledger }
    }
    /** The tag and Chinese message of a refused call. */
    const refusal = async (p: Promise<unknown>) => {
      try {
        await p
      } catch (error) {
        return {
          code: (error as { code?: string }).code,
          tag: faultOf(error)?.tag,
          message: (error as Error).message,
        }
      }
      throw new Error('expected a refusal')
    }

    it('applies once: in progress, started_at = received, version + 1, one started event and one audit row', async () => {
      const id = await newTask({ title: '离线开始办理' })
      const before = await trail(id)
      expect(before.task).toMatchObject({ status: 'open', started_at: null })
      const key = newId()
      // done on the phone an hour ago, received now
      const at = new Date(app.deps.clock().getTime() - 3_600_000).toISOString()
      const first = await staff1.call.task.act({ key, taskId: id, kind: 'start', at })
      expect(first).toEqual({
        outcome: 'applied',
        kind: 'start',
        taskId: id,
        evidenceId: null,
        status: 'in_progress',
      })

      const after = await trail(id)
      const receivedAt = app.deps.clock().toISOString()
      expect(after.task).toEqual({
        status: 'in_progress',
        version: before.task.version + 1,
        started_at: receivedAt,
      })
      expect(after.events).toEqual([{ kind: 'started', at: receivedAt, actor_id: staff1Id, note: null }])
      expect(after.audits).toHaveLength(1)
      expect(after.audits[0]?.actor_id).toBe(staff1Id)
      expect(JSON.parse(after.audits[0]?.before_json ?? 'null')).toEqual({
        status: 'open',
        version: before.task.version,
      })
      expect(JSON.parse(after.audits[0]?.after_json ?? 'null')).toEqual({
        status: 'in_progress',
        version: before.task.version + 1,
        key,
        at,
      })
      expect(after.ledger).toEqual([{ key, kind: 'start' }])
      const t = await director.call.task.get({ id })
      expect(t.status).toBe('in_progress')
      expect(t.history.filter((h) => h.kind === 'started')).toEqual([
        { at: receivedAt, actorName: '鲁村中队队员一（演示）', kind: 'started', note: null },
      ])
      expect(t.evidence).toEqual([]) // a start is no evidence

      // The answer got lost: the phone sends the same key again, later — the recorded answer, nothing new.
      app.clock.advance(60_000)
      const counted = await counts(app)
      const again = await staff1.call.task.act({ key, taskId: id, kind: 'start', at })
      expect(again).toEqual({ ...first, outcome: 'duplicate' })
      expect(await trail(id)).toEqual(after)
      expect(await counts(app)).toEqual(counted)

      // concurrent deliveries of one key: one applies
      const id2 = await newTask({ title: '并发开始办理' })
      const key2 = newId()
      const start2 = { key: key2, taskId: id2, kind: 'start' as const, at }
      const results = await Promise.all([
        staff1.call.task.act(start2),
        staff1.call.task.act(start2),
        staff1.call.task.act(start2),
      ])
      expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1)
      const trail2 = await trail(id2)
      expect(trail2.events).toHaveLength(1)
      expect(trail2.audits).toHaveLength(1)
      expect(trail2.task.status).toBe('in_progress')

      // the rest of the work goes on from in progress
      expect((await act(staff1, id, 'note', { note: '已到现场' })).status).toBe('in_progress')
      expect((await act(staff1, id, 'complete', { note: '办结' })).status).toBe('done')
    })

    it('refuses a task already in progress, done or cancelled in Chinese and changes nothing', async () => {
      // in progress: someone else (here the director) started it while the phone was offline
      const doing = await newTask({ title: '已被他人开始' })
      await director.call.task.start({
        id: doing,
        version: (await director.call.task.get({ id: doing })).version,
      })
      const done = await newTask({ title: '已办结的任务' })
      await act(staff1, done, 'complete', { note: '已办结' })
      const cancelled = await newTask({ title: '已撤销的任务' })
      await director.call.task.cancel({
        id: cancelled,
        version: (await director.call.task.get({ id: cancelled })).version,
        reason: '活动取消',
      })

      const trails = async () => Promise.all([doing, done, cancelled].map(trail))
      const before = await trails()
      const counted = await counts(app)
      const key = newId()
      expect(await refusal(act(staff1, doing, 'start', { key }))).toEqual({
        code: 'CONFLICT',
        tag: 'TaskAlreadyStarted',
        message: '任务不是“待办”状态，不能开始办理',
      })
      expect(await refusal(act(staff1, done, 'start'))).toEqual({
        code: 'CONFLICT',
        tag: 'TaskStateInvalid',
        message: '该任务已办结，此操作未提交',
      })
      expect(await refusal(act(staff1, cancelled, 'start'))).toEqual({
        code: 'CONFLICT',
        tag: 'TaskCancelled',
        message: '该任务已被撤销（活动取消），此操作未提交',
      })
      expect(await trails()).toEqual(before)
      expect(await counts(app)).toEqual(counted)
      // a refusal is not recorded: the same key is judged afresh, and refused again
      expect((await refusal(act(staff1, doing, 'start', { key }))).tag).toBe('TaskAlreadyStarted')
      expect((await trail(doing)).events).toHaveLength(1)
    })

    it('refuses someone not on the task, and another area (NOT_FOUND); nothing changes', async () => {
      const id = await newTask({ title: '非承办人开始办理' })
      const before = await trail(id)
      const counted = await counts(app)
      expect(await refusal(act(staff2, id, 'start'))).toEqual({
        code: 'FORBIDDEN',
        tag: 'Forbidden',
        message: '只有任务承办人或其所长、中队长可以办理该任务',
      })
      const foreign = await signedIn(app, 'staff-xili-1')
      expect(await outcome(act(foreign, id, 'start'))).toBe('NOT_FOUND')
      // reassigned while the phone was offline
      const t = await director.call.task.get({ id })
      await director.call.task.reassign({
        id,
        version: t.version,
        assigneeIds: [staff2Id],
        reason: '改由队员二承办',
      })
      const reassigned = await trail(id)
      const counted2 = await counts(app)
      expect((await refusal(act(staff1, id, 'start'))).tag).toBe('TaskReassigned')
      expect(await trail(id)).toEqual(reassigned)
      expect(await counts(app)).toEqual(counted2)
      expect(reassigned.events).toEqual(before.events)
      expect(counted2.audit).toBe(counted.audit + 1) // only the reassignment
    })
  })

  it('refuses a photo that is not an image (magic bytes) and a time in the future', async () => {
    const id = await newTask({ title: '照片校验' })
    const notImage = Buffer.from('<svg onload=alert(1)>').toString('base64')
    await expect(act(staff1, id, 'photo', { photo: notImage })).rejects.toSatisfy(
      (e) => 'photo' in fieldErrorsOf(e),
    )
    const future = new Date(app.deps.clock().getTime() + DAY).toISOString()
    await expect(
      staff1.call.task.act({ key: newId(), taskId: id, kind: 'note', at: future, note: 'x' }),
    ).rejects.toSatisfy((e) => 'at' in fieldErrorsOf(e))
  })

  it('a monthly task spawns its next occurrence when done; overdue is derived from the clock', async () => {
    const id = await newTask({ title: '月度矛盾纠纷排查', dueDate: '2026-11-30', recurrence: 'monthly' })
    const t = await staff1.call.task.get({ id })
    expect(t.overdue).toBe(false)
    app.clock.advance(5 * DAY) // 2026-12-01
    await signInAll()
    expect((await staff1.call.task.get({ id })).overdue).toBe(true)
    expect((await director.call.task.list({ overdue: true, limit: 100 })).items.map((i) => i.id)).toContain(
      id,
    )
    await staff1.call.task.complete({ id, version: t.version, note: '本月排查完毕' })
    const next = (await director.call.task.list({ limit: 100 })).items.filter(
      (i) => i.title === '月度矛盾纠纷排查',
    )
    expect(next.map((i) => [i.status, i.dueAt])).toEqual([
      ['done', '2026-11-30T15:59:59.999Z'],
      ['open', '2026-12-30T15:59:59.999Z'], // the same day of the next month
    ])
    expect(next[1]).toMatchObject({ assignees: [{ id: staff1Id }] })
    expect(await staff1.call.task.get({ id: next[1]?.id ?? '' })).toMatchObject({ recurrence: 'monthly' })
  })

  it('a list row carries the start of a long completion note; the detail carries all of it', async () => {
    const id = await newTask({ title: '长说明', description: '任务说明只在详情里' })
    const t = await staff1.call.task.get({ id })
    const note = `${'调解'.repeat(60)}结束`
    await staff1.call.task.complete({ id, version: t.version, note })
    const row = (await director.call.task.list({ status: 'done', limit: 100 })).items.find((i) => i.id === id)
    expect(row?.completionNote).toBe(`${note.slice(0, 80)}…`)
    expect(row && 'description' in row).toBe(false)
    const detail = await director.call.task.get({ id })
    expect(detail).toMatchObject({ completionNote: note, description: '任务说明只在详情里' })
  })

  it('cancels with a reason; bulk-assign asks for a reason when it takes work from someone', async () => {
    const a = await newTask({ title: '批量一', assigneeIds: [staff1Id] })
    const b = await newTask({ title: '批量二', assigneeIds: [staff1Id] })
    await expect(director.call.task.bulkAssign({ ids: [a, b], assigneeId: staff2Id })).rejects.toSatisfy(
      (e) => 'reason' in fieldErrorsOf(e),
    )
    expect(
      await director.call.task.bulkAssign({ ids: [a, b], assigneeId: staff2Id, reason: '统一由队员二承办' }),
    ).toEqual({
      count: 2,
    })
    expect(
      (await director.call.task.list({ assigneeId: staff2Id, limit: 100 })).items.map((i) => i.id),
    ).toEqual(expect.arrayContaining([a, b]))
    const tb = await director.call.task.get({ id: b })
    await director.call.task.cancel({ id: b, version: tb.version, reason: '活动取消' })
    const cancelled = await director.call.task.get({ id: b })
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '活动取消', overdue: false })
    await expect(act(staff2, b, 'checkin', { lat: 36, lng: 118 })).rejects.toSatisfy(
      (e) => (e as { code: string }).code === 'CONFLICT',
    )
    // another area's squad leader cannot touch it
    const leadXili = await signedIn(app, 'lead-xili')
    expect(await outcome(leadXili.call.task.cancel({ id: a, version: 1, reason: '越权撤销' }))).toBe(
      'NOT_FOUND',
    )
  })

  it('rolls tasks up by unit and duty within the caller’s scope', async () => {
    const brigade = await signedIn(app, 'brigade')
    const rows = await brigade.call.task.rollup()
    const nanma = rows.filter((r) => r.unitCode === 'nanma' && r.dutyCode === 'office.peacetime.3')
    expect(nanma).toHaveLength(1)
    const r = nanma[0]
    const listed = (
      await director.call.task.list({ dutyCode: 'office.peacetime.3', limit: 100 })
    ).items.filter((i) => i.dutyCode === 'office.peacetime.3')
    expect((r?.open ?? 0) + (r?.inProgress ?? 0) + (r?.done ?? 0) + (r?.cancelled ?? 0)).toBe(listed.length)
    const xiliDirector = await signedIn(app, 'dir-xili')
    expect((await xiliDirector.call.task.rollup()).some((x) => x.unitCode === 'nanma')).toBe(false)
  })

  it('exports the filtered board to Excel with formula characters escaped, and audits the export', async () => {
    await newTask({ title: '=HYPERLINK("http://evil")', dutyCode: 'office.peacetime.5' })
    const file = await director.call.task.export({ dutyCode: 'office.peacetime.5' })
    expect(file.filename).toMatch(/^工作任务-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsxBytes(file.contentBase64))
    const ws = wb.getWorksheet('工作任务')
    expect(ws?.getRow(1).getCell(1).value).toBe('任务名称')
    expect(ws?.rowCount).toBe(2)
    expect(ws?.getRow(2).getCell(1).value).toBe(`'=HYPERLINK("http://evil")`)
    expect(ws?.getRow(2).getCell(2).value).toBe('加强司法所规范化建设')
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'task.export')
      .execute()
    expect(audit.length).toBeGreaterThan(0)
  })

  describe('mediation register (人民调解)', () => {
    const walkIn = (overrides: Record<string, unknown> = {}) => ({
      source: 'walk_in' as const,
      applicantName: '王五',
      otherParty: '赵六',
      disputeType: '邻里纠纷' as const,
      summary: '因排水沟堵塞引发邻里矛盾',
      ...overrides,
    })

    it('refuses at intake what a court or the police already handles, without a task', async () => {
      const before = await counts(app)
      const r = await director.call.mediation.create(walkIn({ handledElsewhere: 'court' }))
      expect(r.taskId).toBeNull()
      const c = await director.call.mediation.get({ id: r.id })
      expect(c.status).toBe('refused')
      expect(c.refusalReason).toContain('人民法院')
      expect(c.refusalReason).toContain('第二十二条')
      expect((await counts(app)).tasks).toBe(before.tasks)
    })

    it('accepts a case as a task under duty ②, warns after one month, and an agreement opens the 30-day window', async () => {
      const r = await director.call.mediation.create(walkIn({ assigneeId: staff1Id }))
      expect(r.caseNo).toMatch(/^TJ\d{8}-[0-9A-F]{6}$/)
      const task = await director.call.task.get({ id: r.taskId ?? '' })
      expect(task).toMatchObject({
        dutyCode: 'office.peacetime.2',
        sourceId: r.id,
        // one month from Thu 11-26 is Sat 12-26: the engine rolls it to Mon 12-28 (issue 16)
        dueAt: '2026-12-28T15:59:59.999Z',
      })
      let c = await director.call.mediation.get({ id: r.id })
      expect(c).toMatchObject({ status: 'accepted', targetDate: '2026-12-28', overTarget: false })

      await director.call.mediation.update({ id: r.id, version: c.version, action: 'start' })
      c = await director.call.mediation.get({ id: r.id })
      await director.call.mediation.update({
        id: r.id,
        version: c.version,
        action: 'edit',
        summary: '因排水沟堵塞及院墙漏水引发矛盾',
      })
      app.clock.advance(33 * DAY) // past the one-month target: a warning, the case still moves on
      await signInAll()
      c = await director.call.mediation.get({ id: r.id })
      expect(c.overTarget).toBe(true)
      await expect(
        director.call.mediation.update({
          id: r.id,
          version: c.version,
          action: 'agree',
          agreementText: '双方同意共同疏通排水沟',
        }),
      ).rejects.toSatisfy((e) => 'agreementDate' in fieldErrorsOf(e))
      const done = await director.call.mediation.update({
        id: r.id,
        version: c.version,
        action: 'agree',
        agreementText: '双方同意共同疏通排水沟',
        agreementDate: '2026-12-28',
      })
      expect(done.confirmationDeadline).toBe('2027-01-27')
      c = await director.call.mediation.get({ id: r.id })
      // 2027 is not in the calendar yet: the plain 30th day, flagged provisional
      expect(c).toMatchObject({
        status: 'agreement',
        overTarget: false,
        confirmationDeadline: '2027-01-27',
        confirmationProvisional: true,
      })
      expect(c.history.map((h) => h.kind)).toEqual(['accepted', 'start', 'edit', 'agree'])
      expect(c.history[2]?.changes.summary).toEqual([
        '因排水沟堵塞引发邻里矛盾',
        '因排水沟堵塞及院墙漏水引发矛盾',
      ])
      expect((await director.call.task.get({ id: r.taskId ?? '' })).status).toBe('done')
      expect(
        await outcome(director.call.mediation.update({ id: r.id, version: c.version, action: 'start' })),
      ).toBe('CONFLICT')
    })

    it('keeps cases inside the office: another director gets NOT_FOUND; the liaison reads but cannot write', async () => {
      const r = await director.call.mediation.create(walkIn({ assigneeId: staff1Id }))
      const xili = await signedIn(app, 'dir-xili')
      expect(await outcome(xili.call.mediation.get({ id: r.id }))).toBe('NOT_FOUND')
      expect((await xili.call.mediation.list({})).items.some((i) => i.id === r.id)).toBe(false)
      const liaison = await signedIn(app, 'liaison-lucun')
      expect((await liaison.call.mediation.get({ id: r.id })).id).toBe(r.id)
      expect(await outcome(liaison.call.mediation.update({ id: r.id, version: 1, action: 'start' }))).toBe(
        'FORBIDDEN',
      )
      const file = await director.call.mediation.export({})
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(xlsxBytes(file.contentBase64))
      expect(wb.getWorksheet('人民调解登记')?.rowCount).toBe(file.rows + 1)
    })
  })
})
