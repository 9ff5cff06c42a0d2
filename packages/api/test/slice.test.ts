import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  boundKiosk,
  counts,
  dialects,
  fieldErrorsOf,
  mediation,
  outcome,
  setupApp,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'

describe.each(dialects)('kiosk → intake → task slice (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('runs from kiosk submission to a completed task the director sees as done', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    expect(await kiosk.call.kiosk.status()).toMatchObject({ bound: true, officeName: '南麻司法所' })
    const { receiptNo } = await kiosk.call.kiosk.submitMediation(mediation({ groupDispute: false }))
    expect(receiptNo).toMatch(/^TJ\d{8}-[0-9A-Z]{6}$/)

    const director = await signedIn(app, 'dir-nanma')
    const queue = await director.call.intake.list({ status: 'new' })
    expect(queue.items).toHaveLength(1)
    const intake = queue.items[0]
    expect(intake).toMatchObject({
      receiptNo,
      officeCode: 'nanma',
      officeName: '南麻司法所',
      applicantName: '张三',
      phoneMasked: '138****8000',
      status: 'new',
      taskId: null,
    })
    expect(intake?.idNumberMasked).toMatch(/^3703\*{10}\d{3}[\dX]$/)

    const assignees = await director.call.org.assignees({})
    const member = assignees.find((a) => a.displayName === '鲁村中队队员一（演示）')
    expect(member).toBeDefined()
    expect(assignees.some((a) => a.displayName.startsWith('西里'))).toBe(false)

    const { taskId } = await director.call.intake.accept({
      id: intake?.id ?? '',
      dutyCode: 'office.peacetime.2',
      title: '调解宅基地边界纠纷',
      dueDate: '2026-12-10',
      assigneeId: await userId(app, 'staff-lucun-1'),
    })

    const staff = await signedIn(app, 'staff-lucun-1')
    const mine = await staff.call.task.list({ mine: true })
    expect(mine.items.map((t) => t.id)).toEqual([taskId])
    const task = mine.items[0]
    // the list row carries what the list shows (issue 15) …
    expect(task).toEqual({
      id: taskId,
      title: expect.any(String),
      dutyCode: 'office.peacetime.2',
      dutyTitle: '指导辖区调解工作',
      dutyVersion: 'yiyuan-2023',
      unitName: '南麻司法所',
      status: 'open',
      priority: 'normal',
      source: 'kiosk',
      dueAt: '2026-12-10T15:59:59.999Z',
      overdue: false,
      assignees: [{ id: expect.any(String), displayName: '鲁村中队队员一（演示）' }],
      completedAt: null,
      completedByName: null,
      completionNote: null,
    })
    // … and the detail the rest
    expect(await staff.call.task.get({ id: taskId })).toMatchObject({
      officeCode: 'nanma',
      squadCode: 'lucun',
      sourceId: intake?.id,
      version: 1,
    })

    const started = await staff.call.task.start({ id: taskId, version: 1 })
    expect(started).toMatchObject({ status: 'in_progress', version: 2 })
    const done = await staff.call.task.complete({ id: taskId, version: 2, note: '双方达成调解协议' })
    expect(done).toMatchObject({
      status: 'done',
      completionNote: '双方达成调解协议',
      completedByName: '鲁村中队队员一（演示）',
    })

    const seen = await director.call.task.get({ id: taskId })
    expect(seen.status).toBe('done')
    expect(seen.history.map((h) => h.kind)).toEqual(['created', 'assigned', 'started', 'completed'])
    expect((await director.call.intake.get({ id: intake?.id ?? '' })).status).toBe('accepted')

    // A stale version is a conflict, with a Chinese message.
    await expect(staff.call.task.complete({ id: taskId, version: 1, note: '' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/[\u4e00-\u9fff]/),
    })

    // Another area's squad member cannot see it at all.
    const xili = await signedIn(app, 'staff-xili-1')
    expect(await outcome(xili.call.task.get({ id: taskId }))).toBe('NOT_FOUND')
    expect((await xili.call.task.list({})).items).toHaveLength(0)
  })

  it('answers NOT_FOUND when the 西里 director guesses a 南麻 intake id', async () => {
    const kiosk = await boundKiosk(app, 'nanma', { ip: '10.0.0.9' })
    await kiosk.call.kiosk.submitMediation(mediation())
    const nanma = await signedIn(app, 'dir-nanma')
    const id = (await nanma.call.intake.list({ status: 'new' })).items[0]?.id ?? ''
    const xili = await signedIn(app, 'dir-xili')
    expect(await outcome(xili.call.intake.get({ id }))).toBe('NOT_FOUND')
    expect(
      await outcome(
        xili.call.intake.accept({
          id,
          dutyCode: 'office.peacetime.2',
          title: '越权受理',
          dueDate: '2026-12-10',
          assigneeId: await userId(app, 'staff-xili-1'),
        }),
      ),
    ).toBe('NOT_FOUND')
    expect(await outcome(xili.call.intake.reject({ id, reason: '越权驳回' }))).toBe('NOT_FOUND')
    expect((await xili.call.intake.list({})).items.find((i) => i.id === id)).toBeUndefined()
    expect((await nanma.call.intake.get({ id })).status).toBe('new')
  })

  it('refuses an assignee from another area and a squad duty, storing nothing', async () => {
    const kiosk = await boundKiosk(app, 'lucun', { ip: '10.0.0.10' })
    await kiosk.call.kiosk.submitMediation(mediation())
    const director = await signedIn(app, 'dir-lucun')
    const id = (await director.call.intake.list({ status: 'new' })).items[0]?.id ?? ''
    const before = await counts(app)
    const err = await director.call.intake
      .accept({
        id,
        dutyCode: 'squad.peacetime.1',
        title: '错误指派',
        dueDate: '2020-01-01',
        assigneeId: await userId(app, 'staff-xili-1'),
      })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'BAD_REQUEST' })
    expect(Object.keys(fieldErrorsOf(err)).sort()).toEqual(['assigneeId', 'dueDate', 'dutyCode'])
    expect(await counts(app)).toEqual(before)
  })
})
