// Oversight (issue 12, policy 四.1) on SQLite and PostgreSQL: a liaison leader's 四不两直 inspection whose
// finding becomes the office's rectification task (once), the check of its closing, photos in scope, the
// escalation register (by hand, from an inspection, and an activation's own escalations decided on the
// activation) and the liaison dashboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fresh } from './activation-matrix-rows.ts'
import { type Agent, counts, dialects, outcome, setupApp, signedIn, type TestApp } from './harness.ts'

const JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='

for (const dialect of dialects) {
  describe(`oversight (${dialect})`, () => {
    let app: TestApp
    let leader: Agent
    let director: Agent
    let inspectionId = ''
    let findingId = ''
    let taskId = ''

    beforeAll(async () => {
      app = await setupApp(dialect)
      leader = await signedIn(app, 'liaison-lucun')
      director = await signedIn(app, 'dir-nanma')
    })
    afterAll(async () => {
      await app.close()
    })

    it('records an unannounced visit by the liaising leader only', async () => {
      const visit = {
        unitType: 'office' as const,
        unitCode: 'nanma',
        visitedAt: '2026-11-26T01:30:00.000Z',
        place: '南麻司法所调解室',
        checked: '人民调解卷宗、值班记录',
        findings: [{ text: '调解卷宗未按规定归档', dutyCode: 'office.peacetime.2' }],
      }
      expect(await outcome(director.call.inspection.record(visit))).toBe('FORBIDDEN')
      const other = await signedIn(app, 'liaison-xili')
      expect(await outcome(other.call.inspection.record(visit))).toBe('NOT_FOUND')
      const before = await counts(app)
      expect(await outcome(leader.call.inspection.record({ ...visit, visitedAt: '2099-01-01' }))).toBe(
        'BAD_REQUEST',
      )
      expect((await counts(app)).audit).toBe(before.audit)
      const r = await leader.call.inspection.record(visit)
      inspectionId = r.id
      findingId = r.findingIds[0] ?? ''
      await leader.call.inspection.addPhoto({ id: inspectionId, photo: JPEG })
      const item = await leader.call.inspection.get({ id: inspectionId })
      expect([
        item.unitName,
        item.findings.map((f) => f.statusLabel),
        item.photos.length,
        item.mayManage,
      ]).toEqual(['南麻司法所', ['待整改'], 1, true])
      // the office sees its own inspection and the photo; another office does not
      const seen = await director.call.inspection.get({ id: inspectionId })
      expect(seen.mayManage).toBe(false)
      expect((await director.call.inspection.photo({ id: item.photos[0]?.id ?? '' })).mime).toBe('image/jpeg')
      const xili = await signedIn(app, 'dir-xili')
      expect(await outcome(xili.call.inspection.get({ id: inspectionId }))).toBe('NOT_FOUND')
      expect(await outcome(xili.call.inspection.photo({ id: item.photos[0]?.id ?? '' }))).toBe('NOT_FOUND')
      expect(await xili.call.inspection.list({})).toEqual([])
    })

    it('turns a finding into one rectification task the office sees', async () => {
      const results = await Promise.allSettled([
        leader.call.inspection.rectify({ findingId, dutyCode: 'office.peacetime.2', dueDate: '2026-12-05' }),
        leader.call.inspection.rectify({ findingId, dutyCode: 'office.peacetime.2', dueDate: '2026-12-05' }),
      ])
      const ok = results.filter((r) => r.status === 'fulfilled')
      expect(ok).toHaveLength(1)
      taskId = (ok[0] as PromiseFulfilledResult<{ taskId: string }>).value.taskId
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
      expect((rejected.reason as { code: string }).code).toBe('CONFLICT')
      const board = await director.call.task.list({ status: 'unfinished' })
      const task = board.items.find((t) => t.id === taskId)
      expect([task?.title, task?.dutyCode, task?.unitName, task?.priority]).toEqual([
        '整改：调解卷宗未按规定归档',
        'office.peacetime.2',
        '南麻司法所',
        'high',
      ])
    })

    it('checks the closing: not before it is done; sent back makes a new task; then accepted', async () => {
      let f = (await leader.call.inspection.get({ id: inspectionId })).findings[0]
      expect(
        await outcome(
          leader.call.inspection.checkFinding({
            findingId,
            version: f?.version ?? 0,
            accept: true,
            note: '已整改',
          }),
        ),
      ).toBe('CONFLICT')
      const t = await director.call.task.get({ id: taskId })
      await director.call.task.complete({ id: taskId, version: t.version, note: '已归档' })
      const returned = await leader.call.inspection.checkFinding({
        findingId,
        version: f?.version ?? 0,
        accept: false,
        note: '归档不完整，退回整改',
        dueDate: '2026-12-10',
      })
      expect(returned.taskId).not.toBeNull()
      f = (await leader.call.inspection.get({ id: inspectionId })).findings[0]
      expect([f?.statusLabel, f?.taskId]).toEqual(['整改中', returned.taskId])
      const again = await director.call.task.get({ id: returned.taskId ?? '' })
      expect(again.title).toBe('再次整改：调解卷宗未按规定归档')
      await director.call.task.complete({ id: again.id, version: again.version, note: '已补齐' })
      await leader.call.inspection.checkFinding({
        findingId,
        version: f?.version ?? 0,
        accept: true,
        note: '整改到位',
      })
      f = (await leader.call.inspection.get({ id: inspectionId })).findings[0]
      expect([f?.status, f?.checkNote]).toEqual(['accepted', '整改到位'])
    })

    it('keeps one escalation register: from an inspection, by hand, and an activation’s own', async () => {
      app.clock.advance(20 * 60_000)
      leader = await signedIn(app, 'liaison-lucun')
      const { id } = await leader.call.escalation.raise({
        question: '南麻司法所调解室场地不足，需局党组研究',
        deadlineHours: 48,
        inspectionId,
      })
      const squadLeader = await signedIn(app, 'lead-lucun')
      const byHand = await squadLeader.call.escalation.raise({
        question: '执法车辆维修经费',
        deadlineHours: 24,
      })
      expect(
        await outcome(
          (await signedIn(app, 'staff-lucun-1')).call.escalation.raise({
            question: '队员提报',
            deadlineHours: 2,
          }),
        ),
      ).toBe('FORBIDDEN')
      // an activation's escalation, raised through the activation
      const activationId = await fresh(app)
      const commander = await signedIn(app, 'lead-lucun')
      await commander.call.activation.escalate({
        id: activationId,
        to: 'partyGroup',
        question: '需要协调公安力量',
        deadlineHours: 2,
      })

      let list = await leader.call.escalation.list({})
      const fromInspection = list.find((e) => e.id === id)
      // visited 01:30, raised 02:20 (the clock started at 02:00 and moved 20 minutes)
      expect([fromInspection?.sourceLabel, fromInspection?.timeToRaiseMs, fromInspection?.mayDecide]).toEqual(
        ['督导检查', 50 * 60_000, true],
      )
      const fromActivation = list.find((e) => e.source === 'activation')
      expect([fromActivation?.decidePath, fromActivation?.mayDecide, fromActivation?.toLabel]).toEqual([
        'activation',
        true,
        '局党组',
      ])
      // the squad leader sees what they raised and their area's; a director of another area nothing of 鲁村
      const mine = await squadLeader.call.escalation.list({})
      expect(mine.map((e) => e.id).sort()).toEqual([id, byHand.id, fromActivation?.id].sort())
      expect(await (await signedIn(app, 'dir-xili')).call.escalation.list({})).toEqual([])

      // the party group's decision, recorded by a bureau leader, goes back to the one who raised it
      expect(
        await outcome(squadLeader.call.escalation.decide({ id: byHand.id, version: 1, decision: '同意' })),
      ).toBe('FORBIDDEN')
      const other = await signedIn(app, 'liaison-xili')
      await other.call.escalation.decide({ id: byHand.id, version: 1, decision: '同意列支维修经费' })
      expect(
        await outcome(other.call.escalation.decide({ id: byHand.id, version: 1, decision: '再议' })),
      ).toBe('CONFLICT')
      // the activation's escalation is decided on the activation, and the register shows it
      await leader.call.activation.decideEscalation({
        id: activationId,
        escalationId: fromActivation?.escalationId ?? '',
        decision: '同意请公安派员协助',
      })
      list = await squadLeader.call.escalation.list({})
      expect(list.find((e) => e.id === byHand.id)).toMatchObject({ decision: '同意列支维修经费', mine: true })
      expect(list.find((e) => e.source === 'activation')?.decision).toBe('同意请公安派员协助')
      expect((await squadLeader.call.escalation.list({ open: true })).map((e) => e.id)).toEqual([id])
    })

    it('shows the liaison leader their area at a glance', async () => {
      const board = await leader.call.oversight.dashboard()
      expect([board.areaName, board.modeLabel]).toEqual(['鲁村中队辖区', '战时'])
      expect(board.escalations.map((e) => e.sourceLabel)).toEqual(['督导检查'])
      expect(board.latestInspection?.id).toBe(inspectionId)
      expect(await outcome(director.call.oversight.dashboard())).toBe('FORBIDDEN')
    })
  })
}
