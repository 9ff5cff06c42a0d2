// Issue 3, second wave: staff leave records feeding the stand-in rule, the decision on an escalation,
// the history of ended activations, and the event stream ending with its session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { busOf } from '../src/realtime/activation-bus.ts'
import { sweeperOf } from '../src/realtime/session-sweep.ts'
import {
  type Agent,
  dialects,
  fieldErrorsOf,
  outcome,
  setupApp,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'

const START = {
  dutyCode: 'office.wartime.3',
  reason: '宅基地群体性纠纷',
  place: '南麻街道某村委会',
  expectedMinutes: 120,
  peopleNeeded: 5,
}

const CHINESE = /[\u4e00-\u9fff]/

/** Stands down every open 鲁村 activation so a test starts from peacetime. */
const clearArea = async (app: TestApp) => {
  const brigade = await signedIn(app, 'brigade')
  for (const a of (await brigade.call.activation.overview()).find((x) => x.area === 'lucun')?.activations ??
    []) {
    if (a.stage === 'mobilising' || a.stage === 'active') {
      for (const m of (await brigade.call.activation.get({ id: a.id })).roster) {
        if (m.response === 'declined' && m.userId) {
          await brigade.call.activation.ruleDecline({ id: a.id, userId: m.userId, ruling: 'accept' })
        }
      }
      await brigade.call.activation.standDown({ id: a.id, summary: '测试清场收队' })
    }
  }
}

const hoursFrom = (app: TestApp, h: number) =>
  new Date(app.deps.clock().getTime() + h * 3_600_000).toISOString()

describe.each(dialects)('staff leave, escalation decisions, history, stream sessions (%s)', (dialect) => {
  let app: TestApp
  let brigade: Agent
  let leader: Agent
  let director: Agent
  beforeAll(async () => {
    app = await setupApp(dialect)
    brigade = await signedIn(app, 'brigade')
    leader = await signedIn(app, 'lead-lucun')
    director = await signedIn(app, 'dir-nanma')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('hands command to the designated stand-in while the squad leader is on leave, and back after', async () => {
    await clearArea(app)
    const s2 = await userId(app, 'staff-lucun-2')
    await brigade.call.activation.designateStandIn({ area: 'lucun', userId: s2 })
    const { id: leaveId } = await brigade.call.staffLeave.record({
      userId: await userId(app, 'lead-lucun'),
      kind: 'leave',
      from: hoursFrom(app, -1),
      to: hoursFrom(app, 48),
      reason: '年休假',
    })
    // the squad leader records the absence of a squad member (own area)
    await leader.call.staffLeave.record({
      userId: await userId(app, 'staff-lucun-3'),
      kind: 'out',
      from: hoursFrom(app, -2),
      to: hoursFrom(app, 5),
      reason: '赴市局参加培训',
    })
    const { id } = await director.call.activation.start(START)
    const board = await brigade.call.activation.get({ id })
    expect(board.commander.name).toBe('鲁村中队队员二（演示）')
    expect(board.commanderBasisLabel).toBe('大队指定的代理指挥')
    // the absent are excused from the call-up from the outset
    const byName = new Map(board.roster.map((m) => [m.name, m]))
    expect(byName.get('鲁村中队长（演示）')?.response).toBe('declinedAccepted')
    expect(byName.get('鲁村中队队员三（演示）')?.response).toBe('declinedAccepted')
    expect(byName.get('鲁村中队队员一（演示）')?.response).toBe('pending')

    const list = await leader.call.staffLeave.list()
    expect(
      list
        .filter((l) => l.current)
        .map((l) => [l.name, l.kindLabel])
        .sort(),
    ).toEqual([
      ['鲁村中队长（演示）', '请假'],
      ['鲁村中队队员三（演示）', '外出'],
    ])
    // the leader is back early: the brigade cancels the record
    await brigade.call.staffLeave.cancel({ id: leaveId })
    await clearArea(app)
    const again = await director.call.activation.start(START)
    expect((await brigade.call.activation.get({ id: again.id })).commanderBasisLabel).toBe('中队长')

    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('subject_type', '=', 'staffLeave')
      .orderBy('seq')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'staffLeave.record',
      'staffLeave.record',
      'staffLeave.cancel',
    ])
    await brigade.call.activation.designateStandIn({ area: 'lucun' })
  })

  it('falls back to the brigade leader when the leader is away and no stand-in is designated', async () => {
    await clearArea(app)
    const { id: leaveId } = await brigade.call.staffLeave.record({
      userId: await userId(app, 'lead-lucun'),
      kind: 'leave',
      from: hoursFrom(app, 0),
      to: hoursFrom(app, 1),
      reason: '病假',
    })
    const { id } = await director.call.activation.start(START)
    const board = await brigade.call.activation.get({ id })
    expect(board.commander.name).toBe('执法大队长（演示）')
    await brigade.call.staffLeave.cancel({ id: leaveId })
    expect(await outcome(brigade.call.staffLeave.cancel({ id: leaveId }))).toBe('CONFLICT')
  })

  it('keeps leave records to the recorder’s area, with clear Chinese rejections', async () => {
    const lucunStaff = await userId(app, 'staff-lucun-1')
    const xiliStaff = await userId(app, 'staff-xili-1')
    const base = { kind: 'leave' as const, from: hoursFrom(app, 1), to: hoursFrom(app, 2), reason: '事假' }
    // another area's person is NOT_FOUND to a squad leader
    expect(await outcome(leader.call.staffLeave.record({ ...base, userId: xiliStaff }))).toBe('NOT_FOUND')
    // members and directors do not record absences
    const member = await signedIn(app, 'staff-lucun-1')
    expect(await outcome(member.call.staffLeave.record({ ...base, userId: lucunStaff }))).toBe('FORBIDDEN')
    expect(await outcome(director.call.staffLeave.people())).toBe('FORBIDDEN')
    // the end must follow the start
    try {
      await leader.call.staffLeave.record({ ...base, userId: lucunStaff, to: hoursFrom(app, 0) })
      throw new Error('accepted')
    } catch (error) {
      expect(fieldErrorsOf(error).to).toMatch(CHINESE)
    }
    // whole days: 2026-12-01 to 2026-12-01 is that day in Beijing time
    const { id } = await leader.call.staffLeave.record({
      ...base,
      userId: lucunStaff,
      from: '2099-12-01',
      to: '2099-12-01',
    })
    const item = (await leader.call.staffLeave.list()).find((l) => l.id === id)
    expect([item?.startsAt, item?.endsAt]).toEqual(['2099-11-30T16:00:00.000Z', '2099-12-01T16:00:00.000Z'])
    // the 西里 squad leader sees nothing of 鲁村
    const xiliLead = await signedIn(app, 'lead-xili')
    expect((await xiliLead.call.staffLeave.list()).some((l) => l.id === id)).toBe(false)
    expect(await outcome(xiliLead.call.staffLeave.cancel({ id }))).toBe('NOT_FOUND')
    // a member sees their own records only
    expect((await member.call.staffLeave.list()).map((l) => l.name)).toContain('鲁村中队队员一（演示）')
    expect((await member.call.staffLeave.list()).every((l) => l.name === '鲁村中队队员一（演示）')).toBe(true)
    expect(
      (await leader.call.staffLeave.people()).map((p) => p.areaName).every((a) => a === '鲁村中队'),
    ).toBe(true)
  })

  it('records the liaison’s and the party group’s decisions on escalations', async () => {
    await clearArea(app)
    const { id } = await director.call.activation.start(START)
    await leader.call.activation.escalate({
      id,
      to: 'liaison',
      question: '是否协调镇政府会场',
      deadlineHours: 2,
    })
    await leader.call.activation.escalate({
      id,
      to: 'partyGroup',
      question: '是否启动应急经费',
      deadlineHours: 4,
    })
    const liaison = await signedIn(app, 'liaison-lucun')
    const other = await signedIn(app, 'liaison-xili')
    // the 西里 liaison sees only the party group's question, the 鲁村 liaison both
    expect((await other.call.activation.pendingDecisions()).map((p) => p.toLabel)).toEqual(['局党组'])
    expect((await liaison.call.activation.pendingDecisions()).map((p) => p.toLabel)).toEqual([
      '联系局领导',
      '局党组',
    ])
    const board = await other.call.activation.get({ id })
    const [toLiaison, toParty] = board.escalations
    expect([toLiaison?.mayDecide, toParty?.mayDecide]).toEqual([false, true])
    const liaisonQ = toLiaison?.escalationId ?? ''
    const partyQ = toParty?.escalationId ?? ''
    const refused = await other.call.activation
      .decideEscalation({ id, escalationId: liaisonQ, decision: '同意' })
      .catch((e: { code: string; message: string }) => e)
    expect(refused).toMatchObject({ code: 'FORBIDDEN' })
    expect((refused as { message: string }).message).toMatch(CHINESE)
    expect(
      await outcome(leader.call.activation.decideEscalation({ id, escalationId: partyQ, decision: '同意' })),
    ).toBe('FORBIDDEN')
    await liaison.call.activation.decideEscalation({
      id,
      escalationId: liaisonQ,
      decision: '同意，已联系镇政府',
    })
    await other.call.activation.decideEscalation({ id, escalationId: partyQ, decision: '局党组研究同意启动' })
    expect(
      await outcome(
        liaison.call.activation.decideEscalation({ id, escalationId: liaisonQ, decision: '再议' }),
      ),
    ).toBe('CONFLICT')
    const after = await leader.call.activation.get({ id })
    expect(after.escalations.map((e) => e.decision?.text)).toEqual([
      '同意，已联系镇政府',
      '局党组研究同意启动',
    ])
    expect(after.timeline.at(-1)?.text).toContain('作出决策')
    expect(await liaison.call.activation.pendingDecisions()).toEqual([])
    // a foreign bureau leader still cannot read an activation without a party-group question
    const plain = await director.call.activation.start({ ...START, reason: '另一纠纷' })
    expect(await outcome(other.call.activation.get({ id: plain.id }))).toBe('NOT_FOUND')
  })

  it('lists ended activations with their cooperation facts, in the caller’s areas only', async () => {
    await clearArea(app)
    const { id } = await director.call.activation.start({ ...START, reason: '历史列表测试' })
    app.clock.advance(2 * 60_000)
    await (await signedIn(app, 'staff-lucun-1')).call.activation.acknowledge({ id, etaMinutes: 10 })
    await leader.call.activation.standDown({ id, summary: '处置完毕' })
    await brigade.call.activation.review({ id, findings: '响应及时' })
    const page = await leader.call.activation.history({})
    const item = page.items.find((i) => i.id === id)
    expect(item).toMatchObject({
      stageLabel: '已结束',
      summary: '处置完毕',
      findings: '响应及时',
      areaName: '鲁村中队',
    })
    expect(item?.facts.firstAcknowledgementMs).toBe(2 * 60_000)
    expect(item?.facts.outcomes?.acknowledged).toBe(1)
    expect(page.items.every((i) => i.stage === 'standingDown' || i.stage === 'closed')).toBe(true)
    const xili = await signedIn(app, 'lead-xili')
    expect((await xili.call.activation.history({})).items.some((i) => i.id === id)).toBe(false)
    // keyset paging: one per page walks the same list
    const first = await leader.call.activation.history({ limit: 1 })
    expect(first.items).toHaveLength(1)
    expect(first.nextCursor).not.toBeNull()
    const second = await leader.call.activation.history({ limit: 1, cursor: first.nextCursor ?? undefined })
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id)
  })

  it('ends the event stream when its session is logged out, and keeps live ones', async () => {
    const gone = await signedIn(app, 'staff-lucun-1')
    const kept = await signedIn(app, 'staff-lucun-2')
    const goneIt = (await gone.call.activation.events())[Symbol.asyncIterator]()
    const keptIt = (await kept.call.activation.events())[Symbol.asyncIterator]()
    const goneNext = goneIt.next()
    const keptNext = keptIt.next()
    const bus = busOf(app.deps)
    const sweeper = sweeperOf(app.deps)
    for (let i = 0; i < 100 && sweeper.size < 2; i++) await new Promise((r) => setTimeout(r, 10))
    const before = bus.size
    const ending = goneNext.then(
      () => 'value',
      (e: { code?: string }) => e.code,
    )
    // the logout ends the stream at once (services/session-end.ts); the periodic sweep finds nothing left
    await gone.call.auth.logout({})
    expect(await sweeper.sweep()).toBe(0)
    const ended = await ending
    expect(ended).toBe('UNAUTHORIZED')
    expect(bus.size).toBe(before - 1)
    // the live session's stream still gets events
    await clearArea(app)
    const { id } = await director.call.activation.start(START)
    expect((await keptNext).value).toMatchObject({ activationId: id, kind: 'ActivationStarted' })
    // idle expiry ends it too, without the check itself refreshing the session
    app.clock.advance((app.deps.config.sessionIdleMinutes + 1) * 60_000)
    const next = keptIt.next()
    expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1)
    expect(
      await next.then(
        () => 'value',
        (e: { code?: string }) => e.code,
      ),
    ).toBe('UNAUTHORIZED')
  })
})
