import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { busOf } from '../src/realtime/activation-bus.ts'
import {
  type Agent,
  boundKiosk,
  dialects,
  fieldErrorsOf,
  mediation,
  outcome,
  setupApp,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'

const CHINESE = /[\u4e00-\u9fff]/

/** The rejection of a call: its tRPC code, the domain tag and the Chinese message. */
const rejection = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (error) {
    const e = error as { code: string; message: string; cause?: { tag?: string } }
    return { code: e.code, tag: e.cause?.tag, message: e.message }
  }
  throw new Error('the call was accepted')
}

const START = {
  dutyCode: 'office.wartime.3',
  reason: '宅基地群体性纠纷，二十余户村民聚集',
  place: '南麻街道某村委会',
  expectedMinutes: 180,
  peopleNeeded: 6,
}

/** Closes every open activation of 鲁村中队辖区 (brigade stands down) so a test starts from peacetime. */
const clearArea = async (app: TestApp) => {
  const brigade = await signedIn(app, 'brigade')
  const areas = await brigade.call.activation.overview()
  for (const a of areas.find((x) => x.area === 'lucun')?.activations ?? []) {
    if (a.stage === 'mobilising' || a.stage === 'active') {
      await brigade.call.activation.standDown({ id: a.id, summary: '测试清场收队' })
    }
  }
}

describe.each(dialects)('wartime activations (%s)', (dialect) => {
  let app: TestApp
  let director: Agent
  let leader: Agent
  let staff: Agent
  let brigade: Agent
  beforeAll(async () => {
    app = await setupApp(dialect, { env: { KIOSK_LIMIT_PER_DEVICE: '1000', KIOSK_LIMIT_PER_IP: '1000' } })
    director = await signedIn(app, 'dir-nanma')
    leader = await signedIn(app, 'lead-lucun')
    staff = await signedIn(app, 'staff-lucun-1')
    brigade = await signedIn(app, 'brigade')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('runs start → acknowledge → cross assignment → done → stand-down → review, with facts to match', async () => {
    await clearArea(app)
    const kiosk = await boundKiosk(app, 'nanma')
    await kiosk.call.kiosk.submitMediation(mediation({ groupDispute: true }))
    const intake = (await director.call.intake.list({ status: 'new' })).items[0]
    expect(intake?.groupDispute).toBe(true)

    // The director may only pick the office's wartime duties.
    const duties = await director.call.activation.duties()
    expect(duties.map((d) => d.code)).toEqual([1, 2, 3, 4, 5].map((n) => `office.wartime.${n}`))
    expect(duties[2]?.label).toBe('司法所战时工作职责③ 需多人参与配合的重大工作')

    const { id } = await director.call.activation.start({ ...START, intakeId: intake?.id })
    const overview = await brigade.call.activation.overview()
    expect(overview.map((a) => [a.areaName, a.modeLabel])).toEqual([
      ['鲁村中队', '战时'],
      ['西里中队', '平时'],
      ['石桥中队', '平时'],
    ])

    const board = await leader.call.activation.get({ id })
    expect(board).toMatchObject({
      stage: 'mobilising',
      stageLabel: '集结中',
      commander: { name: '鲁村中队长（演示）' },
      commanderBasisLabel: '中队长',
      startedByName: '南麻所长（演示）',
      linkedCase: { type: 'intake', id: intake?.id, receiptNo: intake?.receiptNo },
    })
    // Roster: the squad's five and the directors of the area's four offices.
    expect(board.roster.map((m) => m.sideLabel)).toEqual([
      ...Array(5).fill('中队'),
      ...Array(4).fill('司法所'),
    ])
    expect(board.roster.every((m) => m.response === 'pending')).toBe(true)

    // Everyone on the roster acknowledges; the squad member 3 minutes after start.
    app.clock.advance(3 * 60_000)
    await staff.call.activation.acknowledge({ id, etaMinutes: 20 })
    for (const u of [
      'lead-lucun',
      'staff-lucun-2',
      'staff-lucun-3',
      'staff-lucun-4',
      'dir-nanma',
      'dir-nanlushan',
      'dir-lucun',
    ]) {
      await (await signedIn(app, u)).call.activation.acknowledge({ id, etaMinutes: 10 })
    }
    app.clock.advance(20 * 60_000)
    await (await signedIn(app, 'dir-dazhangzhuang')).call.activation.acknowledge({ id, etaMinutes: 0 })

    // While open, the squad member reads the office's case across the line — audited.
    const seen = await staff.call.activation.linkedCase({ id })
    expect(seen.receiptNo).toBe(intake?.receiptNo)
    expect(seen.idNumberMasked).toMatch(/\*{10}/)
    const widened = await app.deps.db
      .selectFrom('audit_log')
      .select(['actor_name', 'subject_id'])
      .where('action', '=', 'activation.widenedRead')
      .execute()
    expect(widened).toEqual([{ actor_name: '鲁村中队队员一（演示）', subject_id: intake?.id }])
    // Not through the ordinary door, though.
    expect(await outcome(staff.call.intake.get({ id: intake?.id ?? '' }))).toBe('FORBIDDEN')

    // The commander tasks the squad member with office work and the director with squad work.
    const staffId = await userId(app, 'staff-lucun-1')
    const dirId = await userId(app, 'dir-nanma')
    const t1 = await leader.call.activation.assign({
      id,
      userId: staffId,
      title: '现场维持秩序并登记来访群众',
    })
    const t2 = await leader.call.activation.assign({
      id,
      userId: dirId,
      title: '核查涉事社区矫正对象是否在场',
      dutyCode: 'squad.wartime.4',
    })
    const mine = await staff.call.activation.mine()
    expect(mine.map((a) => a.id)).toEqual([id])
    expect(mine[0]?.tasks.filter((t) => t.userId === staffId).map((t) => t.title)).toEqual([
      '现场维持秩序并登记来访群众',
    ])
    await staff.call.activation.reportProgress({ id, taskId: t1.taskId, note: '已登记 12 人' })
    await staff.call.activation.reportDone({ id, taskId: t1.taskId, note: '秩序平稳，登记 23 人' })
    await director.call.activation.reportDone({ id, taskId: t2.taskId, note: '无矫正对象参与' })
    expect(
      await rejection(staff.call.activation.reportDone({ id, taskId: t1.taskId, note: '再报' })),
    ).toMatchObject({
      code: 'CONFLICT',
      tag: 'TaskAlreadyDone',
      message: expect.stringMatching(CHINESE),
    })

    await leader.call.activation.escalate({
      id,
      to: 'liaison',
      question: '是否请镇党委出面协调',
      deadlineHours: 2,
    })
    await leader.call.activation.standDown({ id, summary: '纠纷已现场化解，群众有序离开' })

    // Stand-down ends the widening at once.
    expect(await outcome(staff.call.activation.linkedCase({ id }))).toBe('NOT_FOUND')
    // The director still reads the office's own case by the ordinary scope.
    expect((await director.call.activation.linkedCase({ id })).id).toBe(intake?.id)

    await brigade.call.activation.review({ id, findings: '响应迅速，所队配合到位' })
    const closed = await brigade.call.activation.get({ id })
    expect(closed.stage).toBe('closed')
    expect(closed.roster.every((m) => m.outcomeLabel === '已响应')).toBe(true)
    expect(closed.facts).toMatchObject({
      rosterSize: 9,
      firstAcknowledgementMs: 3 * 60_000,
      fullAcknowledgementMs: 23 * 60_000,
      acknowledgedWithinWindow: 8,
      contributed: { squad: 5, office: 4, other: 0 },
      refusals: 0,
      tasksAssigned: 2,
      tasksDone: 2,
      crossTasks: 2,
      escalations: 1,
      summary: { onTime: true },
      outcomes: { acknowledged: 9, declinedAccepted: 0, refused: 0, noResponse: 0 },
    })
    expect(closed.timeline.map((e) => e.kind)).toContain('Reviewed')
    expect((await brigade.call.activation.overview())[0]?.mode).toBe('peacetime')

    // Every write is in the audit log, and the chain still verifies.
    const actions = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', id)
      .execute()
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set([
        'activation.start',
        'activation.acknowledge',
        'activation.assign',
        'activation.reportProgress',
        'activation.reportDone',
        'activation.escalate',
        'activation.standDown',
        'activation.review',
      ]),
    )
    expect((await (await signedIn(app, 'auditor')).call.audit.verify()).ok).toBe(true)
  })

  it('rejects each wrong command with a clear Chinese message, recording nothing', async () => {
    await clearArea(app)
    const eventCount = async () =>
      Number(
        (
          await app.deps.db
            .selectFrom('mode_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await eventCount()

    // A director cannot start from the squad's list; a squad member cannot start at all.
    const wrongDuty = await rejection(
      director.call.activation.start({ ...START, dutyCode: 'squad.wartime.1' }),
    )
    expect(wrongDuty).toMatchObject({ code: 'BAD_REQUEST', tag: 'DutyNotInWartimeCatalogue' })
    expect(wrongDuty.message).toContain('战时职责清单')
    const peacetimeDuty = await rejection(
      director.call.activation.start({ ...START, dutyCode: 'office.peacetime.2' }),
    )
    expect(peacetimeDuty.tag).toBe('DutyNotInWartimeCatalogue')
    expect(await rejection(staff.call.activation.start(START))).toMatchObject({
      code: 'FORBIDDEN',
      tag: 'NotAllowedToStart',
      message: expect.stringMatching(CHINESE),
    })
    // A director of another area cannot start in 鲁村.
    expect(
      await rejection((await signedIn(app, 'dir-xili')).call.activation.start({ ...START, area: 'lucun' })),
    ).toMatchObject({ code: 'BAD_REQUEST', tag: 'OutsideArea' })
    const blank = await director.call.activation
      .start({ ...START, reason: ' ', expectedMinutes: 0 })
      .catch((e: unknown) => e)
    expect(Object.keys(fieldErrorsOf(blank)).sort()).toEqual(['expectedMinutes', 'reason'])
    expect(await eventCount()).toBe(before)

    const { id } = await director.call.activation.start(START)
    const staffId = await userId(app, 'staff-lucun-2')
    // Not the commander: the director who started it does not command it.
    expect(
      await rejection(director.call.activation.assign({ id, userId: staffId, title: '越权分派' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
      tag: 'NotCommander',
      message: expect.stringContaining('指挥人员'),
    })
    // A person outside the area is not on the roster: assigning them needs a borrowing first.
    const outsider = await userId(app, 'staff-xili-1')
    expect(
      await rejection(leader.call.activation.assign({ id, userId: outsider, title: '跨辖区任务' })),
    ).toMatchObject({
      code: 'FORBIDDEN',
      tag: 'NotOnRoster',
      message: expect.stringMatching(CHINESE),
    })
    // Only the brigade borrows; then the borrowed person is on the roster and sees the activation.
    expect(await rejection(leader.call.activation.borrow({ id, userId: outsider }))).toMatchObject({
      code: 'FORBIDDEN',
      tag: 'NotBrigadeLeader',
    })
    const xili = await signedIn(app, 'staff-xili-1')
    expect(await outcome(xili.call.activation.get({ id }))).toBe('NOT_FOUND')
    await brigade.call.activation.borrow({ id, userId: outsider })
    expect((await xili.call.activation.get({ id })).roster.at(-1)).toMatchObject({
      borrowed: true,
      sideLabel: '中队',
    })
    await leader.call.activation.assign({ id, userId: outsider, title: '协助登记' })

    // Declining by division of labour is a refusal at once; leave may be accepted by the commander.
    const s3 = await signedIn(app, 'staff-lucun-3')
    await s3.call.activation.decline({ id, reason: 'divisionOfLabour', note: '这是司法所的事' })
    const s4 = await signedIn(app, 'staff-lucun-4')
    await s4.call.activation.decline({ id, reason: 'leave', note: '已批年假' })
    // Stand-down waits for the ruling on the pending decline.
    expect(await rejection(leader.call.activation.standDown({ id, summary: '收队' }))).toMatchObject({
      code: 'CONFLICT',
      tag: 'DeclinesAwaitingRuling',
    })
    await leader.call.activation.ruleDecline({
      id,
      userId: await userId(app, 'staff-lucun-4'),
      ruling: 'accept',
    })

    // Only the commander or the brigade stands down; others are told so.
    expect(await rejection(staff.call.activation.standDown({ id, summary: '我说收队' }))).toMatchObject({
      code: 'FORBIDDEN',
      tag: 'NotCommander',
    })
    await brigade.call.activation.standDown({ id, summary: '大队决定收队' })
    // Already stood down: no more acknowledging.
    expect(await rejection(staff.call.activation.acknowledge({ id, etaMinutes: 5 }))).toMatchObject({
      code: 'CONFLICT',
      tag: 'WrongStage',
      message: expect.stringMatching(CHINESE),
    })
    await brigade.call.activation.review({ id, findings: '有一人推诿，需约谈' })
    // Closed: nothing more.
    expect(
      await rejection(
        leader.call.activation.escalate({ id, to: 'partyGroup', question: '补充提报', deadlineHours: 1 }),
      ),
    ).toMatchObject({
      code: 'CONFLICT',
      tag: 'ActivationClosed',
      message: expect.stringMatching(CHINESE),
    })
    const facts = (await brigade.call.activation.get({ id })).facts
    expect(facts).toMatchObject({ refusals: 1, refusalsBySide: { squad: 1 }, rosterSize: 10 })
    expect(facts.outcomes).toMatchObject({ refused: 1, declinedAccepted: 1, noResponse: 8 })
  })

  it('hands the second activation to the stand-in the brigade designated, and shows competing tasks', async () => {
    await clearArea(app)
    const first = await director.call.activation.start(START)
    const s2 = await userId(app, 'staff-lucun-2')
    await leader.call.activation.assign({ id: first.id, userId: s2, title: '第一项任务' })
    await brigade.call.activation.designateStandIn({ area: 'lucun', userId: s2 })
    const second = await leader.call.activation.start({
      dutyCode: 'squad.wartime.3',
      reason: '组织社区矫正对象集中学习教育',
      place: '鲁村镇会议室',
      expectedMinutes: 120,
      peopleNeeded: 4,
    })
    const board = await leader.call.activation.get({ id: second.id })
    expect(board.commander.name).toBe('鲁村中队队员二（演示）')
    expect(board.commanderBasisLabel).toBe('大队指定的代理指挥')
    expect(board.roster.find((m) => m.userId === s2)?.conflicts.map((c) => c.title)).toEqual(['第一项任务'])
    // Two open activations: the area is in wartime with both.
    const lucun = (await brigade.call.activation.overview()).find((a) => a.area === 'lucun')
    expect(
      lucun?.activations
        .filter((a) => a.stage !== 'standingDown')
        .map((a) => a.id)
        .sort(),
    ).toEqual([first.id, second.id].sort())
  })

  it('streams events to the roster and the area, never to another area', async () => {
    await clearArea(app)
    const mineStream = await staff.call.activation.events()
    const xiliStream = await (await signedIn(app, 'staff-xili-1')).call.activation.events()
    const mineIt = mineStream[Symbol.asyncIterator]()
    const xiliIt = xiliStream[Symbol.asyncIterator]()
    const mineNext = mineIt.next()
    const xiliNext = xiliIt.next()
    const bus = busOf(app.deps)
    for (let i = 0; i < 100 && bus.size < 2; i++) await new Promise((r) => setTimeout(r, 10))
    expect(bus.size).toBe(2)
    const { id } = await director.call.activation.start(START)
    const got = await mineNext
    expect(got.value).toMatchObject({ activationId: id, kind: 'ActivationStarted', area: 'lucun' })
    expect((got.value as { text: string }).text).toContain('司法所战时工作职责③')
    const raced = await Promise.race([
      xiliNext.then(() => 'received'),
      new Promise((r) => setTimeout(() => r('silent'), 200)),
    ])
    expect(raced).toBe('silent')
    await mineIt.return?.()
    // The silent stream is parked waiting; the HTTP adapter would abort it when the client leaves.
    void xiliIt.return?.()
  })

  it('answers NOT_FOUND for another area’s activation, and FORBIDDEN to departments', async () => {
    await clearArea(app)
    const { id } = await director.call.activation.start(START)
    const xiliLead = await signedIn(app, 'lead-xili')
    expect(await outcome(xiliLead.call.activation.get({ id }))).toBe('NOT_FOUND')
    expect(await outcome(xiliLead.call.activation.standDown({ id, summary: '越权收队' }))).toBe('NOT_FOUND')
    expect(await outcome(xiliLead.call.activation.linkedCase({ id }))).toBe('NOT_FOUND')
    expect((await xiliLead.call.activation.overview()).map((a) => a.area)).toEqual(['xili'])
    expect(await outcome((await signedIn(app, 'dept-1')).call.activation.overview())).toBe('FORBIDDEN')
  })
})
