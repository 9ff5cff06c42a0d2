// Issue 4, office casework registers: legal-aid intake (法律援助法), legality reviews (合法性审查) and
// legal education events (普法), each linked to its duty and producing a task through createTask; and a
// kiosk mediation request accepted into the 人民调解 register.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { faultOf } from '../src/trpc/errors.ts'
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

const JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='
const HOUR = 3_600_000
const DAY = 24 * HOUR
const START = Date.parse('2026-11-26T02:00:00.000Z') // Thursday 10:00 in Shanghai

const xlsxBytes = (base64: string) =>
  Buffer.from(base64, 'base64') as unknown as Parameters<ExcelJS.Xlsx['load']>[0]
const sheet = async (base64: string, name: string) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(xlsxBytes(base64))
  const ws = wb.getWorksheet(name)
  if (!ws) throw new Error(`no sheet ${name}`)
  return ws
}
const tagOf = async (p: Promise<unknown>): Promise<string | null> => {
  try {
    await p
    return null
  } catch (error) {
    return faultOf(error)?.tag ?? null
  }
}
const fieldsOf = async (p: Promise<unknown>): Promise<Record<string, string>> => {
  try {
    await p
    return {}
  } catch (error) {
    return fieldErrorsOf(error)
  }
}

describe.each(dialects)('office casework registers (%s)', (dialect) => {
  let app: TestApp
  let director: Agent
  let otherDirector: Agent
  let liaison: Agent
  let staff1Id: string
  let foreignStaffId: string

  const signInAll = async () => {
    director = await signedIn(app, 'dir-nanma')
    otherDirector = await signedIn(app, 'dir-xili')
    liaison = await signedIn(app, 'liaison-lucun')
  }
  const at = async (ms: number) => {
    app.clock.advance(ms - app.clock.now().getTime())
    await signInAll()
  }
  const task = (id: string) =>
    app.deps.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  beforeAll(async () => {
    app = await setupApp(dialect)
    staff1Id = await userId(app, 'staff-lucun-1')
    foreignStaffId = await userId(app, 'staff-xili-1')
  })
  beforeEach(async () => {
    await at(START)
  })
  afterAll(async () => {
    await app?.close()
  })

  describe('legal aid (法律援助)', () => {
    const application = (overrides: Record<string, unknown> = {}) => ({
      applicantName: '刘七',
      matterType: 'civil.31.5' as const,
      summary: '在建筑工地务工，被拖欠工资三个月',
      detained: false,
      hardshipWaiver: '42.3' as const,
      handlerId: staff1Id,
      ...overrides,
    })

    it('lists missing materials once (法43), pauses the 7-day clock while they are awaited, then forwards', async () => {
      const r = await director.call.legalAid.create(
        application({ missingMaterials: ['劳动合同或工资欠条', '身份证复印件'], materialsDue: '2026-12-01' }),
      )
      expect(r.decisionDeadline).toBe('2026-12-03') // 11-26 not counted, 7th day a Thursday
      let d = await director.call.legalAid.get({ id: r.id })
      expect(d.status).toBe('awaiting_materials')
      expect(d.clockPaused).toBe(true)
      expect(d.missingMaterials).toEqual(['劳动合同或工资欠条', '身份证复印件'])
      expect(d.materialsNotifiedOn).toBe('2026-11-26')
      expect(d.hardshipWaiverLabel).toContain('进城务工人员')
      const t = await task(r.taskId)
      expect(t.duty_code).toBe('office.peacetime.4.2')
      expect(t.source_id).toBe(r.id)
      expect(t.due_at).toBe('2026-12-03T15:59:59.999Z')

      // a second list is refused: one notice only
      expect(
        await tagOf(
          director.call.legalAid.update({
            id: r.id,
            version: d.version,
            action: 'notifyMissing',
            missingMaterials: ['户口簿'],
            materialsDue: '2026-12-05',
          }),
        ),
      ).toBe('MaterialsAlreadyNotified')
      expect(
        await tagOf(director.call.legalAid.update({ id: r.id, version: d.version, action: 'forward' })),
      ).toBe('LegalAidStateInvalid')

      // supplied four days later: the four days do not count (11-30 + 7 = 12-07, a Monday)
      await at(START + 4 * DAY)
      const supplied = await director.call.legalAid.update({
        id: r.id,
        version: d.version,
        action: 'supplyMaterials',
      })
      expect(supplied.decisionDeadline).toBe('2026-12-07')
      expect((await task(r.taskId)).due_at).toBe('2026-12-07T15:59:59.999Z')
      d = await director.call.legalAid.get({ id: r.id })
      expect(d.status).toBe('received')
      expect(d.daysLeft).toBe(7)

      await director.call.legalAid.update({ id: r.id, version: d.version, action: 'forward' })
      d = await director.call.legalAid.get({ id: r.id })
      expect(d.status).toBe('forwarded')
      expect((await task(r.taskId)).status).toBe('done')

      // 法43: a refusal needs written reasons
      expect(
        await fieldsOf(
          director.call.legalAid.update({
            id: r.id,
            version: d.version,
            action: 'decide',
            decision: 'refused',
            decisionDate: '2026-11-30',
          }),
        ),
      ).toHaveProperty('decisionNote')
      await director.call.legalAid.update({
        id: r.id,
        version: d.version,
        action: 'decide',
        decision: 'granted',
        decisionDate: '2026-11-30',
      })
      d = await director.call.legalAid.get({ id: r.id })
      expect(d.status).toBe('granted')
      expect(d.daysLeft).toBeNull()
      expect(d.history.map((h) => h.kind)).toEqual(['received', 'supplyMaterials', 'forward', 'decide'])
      expect(
        await tagOf(director.call.legalAid.update({ id: r.id, version: d.version, action: 'forward' })),
      ).toBe('LegalAidClosed')
    })

    it('keeps counting while materials are awaited once the bureau turns the pause rule off (audited)', async () => {
      const brigade = await signedIn(app, 'brigade')
      const rule = (await brigade.call.deadline.rules()).find((x) => x.code === 'legalAid.materialsPause')
      expect(rule).toMatchObject({ amount: 1, unit: 'flag', confidence: 'R', adjustable: true })
      // only 0 or 1: the change is refused and nothing is stored
      expect(
        await tagOf(
          brigade.call.deadline.updateRule({
            code: 'legalAid.materialsPause',
            amount: 2,
            roll: false,
            reason: '省司法厅细则',
            version: rule?.version ?? 0,
          }),
        ),
      ).toBe('RuleChangeRefused')
      const off = await brigade.call.deadline.updateRule({
        code: 'legalAid.materialsPause',
        amount: 0,
        roll: false,
        reason: '核对程序规定原文后调整',
        version: rule?.version ?? 0,
      })
      try {
        const audit = await app.deps.db
          .selectFrom('audit_log')
          .select(['action', 'before_json', 'after_json'])
          .where('subject_id', '=', 'legalAid.materialsPause')
          .where('action', '=', 'rule.update')
          .execute()
        expect(audit).toHaveLength(1)
        expect(audit[0]?.before_json).toContain('"amount":1')
        expect(audit[0]?.after_json).toContain('"amount":0')

        const r = await director.call.legalAid.create(
          application({ missingMaterials: ['身份证复印件'], materialsDue: '2026-12-01' }),
        )
        const d = await director.call.legalAid.get({ id: r.id })
        // the clock is not stopped while the materials are awaited: it shows the days left
        expect(d).toMatchObject({ status: 'awaiting_materials', clockPaused: false, daysLeft: 7 })
        await at(START + 4 * DAY)
        const supplied = await director.call.legalAid.update({
          id: r.id,
          version: d.version,
          action: 'supplyMaterials',
        })
        // no pause: still 11-26 + 7 days
        expect(supplied.decisionDeadline).toBe('2026-12-03')
        expect((await task(r.taskId)).due_at).toBe('2026-12-03T15:59:59.999Z')
      } finally {
        // four days on, the brigade's session has ended: sign in again to restore the default
        await (await signedIn(app, 'brigade')).call.deadline.updateRule({
          code: 'legalAid.materialsPause',
          amount: 1,
          roll: false,
          reason: '恢复默认规则',
          version: off.version,
        })
      }
    })

    it('an applicant who does not supply the materials is deemed to have withdrawn, only after the date', async () => {
      const r = await director.call.legalAid.create(
        application({ missingMaterials: ['经济困难状况说明'], materialsDue: '2026-11-28' }),
      )
      const v = (await director.call.legalAid.get({ id: r.id })).version
      expect(
        await tagOf(director.call.legalAid.update({ id: r.id, version: v, action: 'deemWithdrawn' })),
      ).toBe('LegalAidStateInvalid')
      await at(START + 3 * DAY) // 11-29
      await director.call.legalAid.update({ id: r.id, version: v, action: 'deemWithdrawn' })
      expect((await director.call.legalAid.get({ id: r.id })).status).toBe('withdrawn')
      const t = await task(r.taskId)
      expect(t.status).toBe('done')
      expect(t.completion_note).toContain('视为撤回')
    })

    it('a detained applicant is forwarded within 24 hours — the hours never roll', async () => {
      const r = await director.call.legalAid.create(
        application({ matterType: 'criminal.24', detained: true, hardshipWaiver: undefined }),
      )
      const d = await director.call.legalAid.get({ id: r.id })
      expect(d.forwardDueAt).toBe('2026-11-27T02:00:00.000Z')
      expect(d.forwardOverdue).toBe(false)
      const t = await task(r.taskId)
      expect(t.due_at).toBe('2026-11-27T02:00:00.000Z')
      expect(t.priority).toBe('high')
      await at(START + 25 * HOUR)
      expect((await director.call.legalAid.get({ id: r.id })).forwardOverdue).toBe(true)
    })

    it('asks the rule relied on for an “other” waiver ground, and a handler of the area', async () => {
      expect(
        await fieldsOf(director.call.legalAid.create(application({ economicWaiver: '32.5' }))),
      ).toHaveProperty('waiverNote')
      expect(
        await fieldsOf(director.call.legalAid.create(application({ handlerId: foreignStaffId }))),
      ).toHaveProperty('handlerId')
      expect(
        await fieldsOf(director.call.legalAid.create(application({ missingMaterials: ['身份证复印件'] }))),
      ).toHaveProperty('materialsDue')
    })

    it('edits keep history; a stale version is a CONFLICT; other offices get NOT_FOUND, the liaison only reads', async () => {
      const r = await director.call.legalAid.create(application())
      await director.call.legalAid.update({
        id: r.id,
        version: 1,
        action: 'edit',
        summary: '被拖欠工资四个月，共计两万元',
      })
      expect(
        await outcome(
          director.call.legalAid.update({ id: r.id, version: 1, action: 'edit', applicantName: '刘八' }),
        ),
      ).toBe('CONFLICT')
      const d = await director.call.legalAid.get({ id: r.id })
      expect(d.version).toBe(2)
      expect(d.history.at(-1)?.changes.summary).toEqual([
        '在建筑工地务工，被拖欠工资三个月',
        '被拖欠工资四个月，共计两万元',
      ])
      expect(await outcome(otherDirector.call.legalAid.get({ id: r.id }))).toBe('NOT_FOUND')
      expect((await otherDirector.call.legalAid.list({})).items.some((i) => i.id === r.id)).toBe(false)
      expect((await liaison.call.legalAid.get({ id: r.id })).id).toBe(r.id)
      expect(await outcome(liaison.call.legalAid.update({ id: r.id, version: 2, action: 'forward' }))).toBe(
        'FORBIDDEN',
      )
    })

    it('lists with keyset pagination and filters; exports with formula characters escaped, audited', async () => {
      await director.call.legalAid.create(application({ applicantName: '=cmd|calc' }))
      await director.call.legalAid.create(application({ matterType: 'civil.31.4' }))
      const page1 = await director.call.legalAid.list({ limit: 1 })
      expect(page1.items).toHaveLength(1)
      expect(page1.nextCursor).not.toBeNull()
      const page2 = await director.call.legalAid.list({ limit: 1, cursor: page1.nextCursor ?? '' })
      expect(page2.items[0]?.id).not.toBe(page1.items[0]?.id)
      const maintenance = await director.call.legalAid.list({ matterType: 'civil.31.4' })
      expect(maintenance.items.every((i) => i.matterType === 'civil.31.4')).toBe(true)
      expect(maintenance.items.length).toBeGreaterThan(0)

      const file = await director.call.legalAid.export({ matterType: 'civil.31.5' })
      expect(file.filename).toMatch(/^法律援助申请登记-\d{4}-\d{2}-\d{2}\.xlsx$/)
      const ws = await sheet(file.contentBase64, '法律援助申请登记')
      expect(ws.getRow(1).getCell(1).value).toBe('申请编号')
      const names = ws.getColumn(3).values
      expect(names).toContain(`'=cmd|calc`)
      expect(names).not.toContain('=cmd|calc')
      const audit = await app.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'legalAid.export')
        .execute()
      expect(audit.length).toBeGreaterThan(0)
    })
  })

  describe('legality reviews (合法性审查)', () => {
    const review = (overrides: Record<string, unknown> = {}) => ({
      documentTitle: '南麻街道农村人居环境整治实施方案',
      requestingBody: '南麻街道党政办公室',
      receivedDate: '2026-11-25',
      deadline: '2026-12-02',
      reviewerId: staff1Id,
      ...overrides,
    })

    it('creates a task for the reviewer under duty ①, moves it with the deadline, and finishes it with the opinion', async () => {
      const r = await director.call.legalityReview.create(review())
      let t = await task(r.taskId)
      expect(t.duty_code).toBe('office.peacetime.1.2')
      expect(t.due_at).toBe('2026-12-02T15:59:59.999Z')
      await director.call.legalityReview.update({
        id: r.id,
        version: 1,
        action: 'edit',
        deadline: '2026-12-04',
      })
      expect((await task(r.taskId)).due_at).toBe('2026-12-04T15:59:59.999Z')
      expect(
        await fieldsOf(
          director.call.legalityReview.update({
            id: r.id,
            version: 2,
            action: 'conclude',
            opinion: 'unlawful',
          }),
        ),
      ).toHaveProperty('opinionNote')
      await director.call.legalityReview.update({
        id: r.id,
        version: 2,
        action: 'conclude',
        opinion: 'lawful_after_changes',
        opinionNote: '第五条罚款条款无上位法依据，删除后合法',
      })
      const d = await director.call.legalityReview.get({ id: r.id })
      expect(d.status).toBe('concluded')
      expect(d.opinion).toBe('lawful_after_changes')
      expect(d.history.map((h) => h.kind)).toEqual(['received', 'edit', 'conclude'])
      t = await task(r.taskId)
      expect(t.status).toBe('done')
      expect(
        await tagOf(
          director.call.legalityReview.update({
            id: r.id,
            version: 3,
            action: 'edit',
            deadline: '2026-12-05',
          }),
        ),
      ).toBe('LegalityReviewClosed')
    })

    it('refuses a deadline before receipt and a reviewer of another area; shows overdue; other offices NOT_FOUND', async () => {
      expect(
        await fieldsOf(director.call.legalityReview.create(review({ deadline: '2026-11-20' }))),
      ).toHaveProperty('deadline')
      expect(
        await fieldsOf(director.call.legalityReview.create(review({ reviewerId: foreignStaffId }))),
      ).toHaveProperty('reviewerId')
      const r = await director.call.legalityReview.create(review({ documentTitle: '+逾期测试文件' }))
      await at(START + 8 * DAY)
      const overdue = await director.call.legalityReview.list({ overdue: true })
      expect(overdue.items.map((i) => i.id)).toContain(r.id)
      expect(overdue.items.every((i) => i.overdue)).toBe(true)
      expect(await outcome(otherDirector.call.legalityReview.get({ id: r.id }))).toBe('NOT_FOUND')
      const ws = await sheet(
        (await director.call.legalityReview.export({ overdue: true })).contentBase64,
        '合法性审查登记',
      )
      expect(ws.getColumn(3).values).toContain(`'+逾期测试文件`)
    })
  })

  describe('legal education (普法)', () => {
    const event = (overrides: Record<string, unknown> = {}) => ({
      eventDate: '2026-11-28',
      place: '南麻街道文化广场',
      audience: '辖区村民',
      headcount: 120,
      theme: '民法典进乡村',
      organiserId: staff1Id,
      ...overrides,
    })

    it('keeps photos (magic bytes, size cap) in scope, and finishes the task when the event is held', async () => {
      const r = await director.call.legalEducation.create(event())
      expect((await task(r.taskId)).duty_code).toBe('office.peacetime.3.2')
      const { photoId } = await director.call.legalEducation.addPhoto({ id: r.id, photo: JPEG })
      expect(
        await fieldsOf(
          director.call.legalEducation.addPhoto({
            id: r.id,
            photo: Buffer.from('GIF89a-not-allowed').toString('base64'),
          }),
        ),
      ).toHaveProperty('photo')
      const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(610 * 1024)]).toString(
        'base64',
      )
      expect(await fieldsOf(director.call.legalEducation.addPhoto({ id: r.id, photo: big }))).toHaveProperty(
        'photo',
      )
      expect((await director.call.legalEducation.photo({ id: photoId })).mime).toBe('image/jpeg')
      expect(await outcome(otherDirector.call.legalEducation.photo({ id: photoId }))).toBe('NOT_FOUND')
      expect(await outcome(otherDirector.call.legalEducation.addPhoto({ id: r.id, photo: JPEG }))).toBe(
        'NOT_FOUND',
      )

      // not before the event date
      expect(
        await fieldsOf(
          director.call.legalEducation.update({
            id: r.id,
            version: 1,
            action: 'hold',
            summary: '发放资料三百份',
          }),
        ),
      ).toHaveProperty('eventDate')
      await at(START + 2 * DAY)
      await director.call.legalEducation.update({
        id: r.id,
        version: 1,
        action: 'hold',
        headcount: 150,
        summary: '发放资料三百份，现场解答咨询二十人次',
      })
      const d = await director.call.legalEducation.get({ id: r.id })
      expect(d.status).toBe('held')
      expect(d.headcount).toBe(150)
      expect(d.photos).toHaveLength(1)
      expect(d.history.map((h) => h.kind)).toEqual(['planned', 'photo', 'hold'])
      expect((await task(r.taskId)).status).toBe('done')
      expect(
        await outcome(
          director.call.legalEducation.update({ id: r.id, version: 1, action: 'edit', place: '南麻社区' }),
        ),
      ).toBe('CONFLICT')
    })

    it('filters by date and exports with formula characters escaped', async () => {
      await director.call.legalEducation.create(event({ theme: '@宪法宣传周', eventDate: '2026-12-04' }))
      const dec = await director.call.legalEducation.list({ from: '2026-12-01', to: '2026-12-31' })
      expect(dec.items.length).toBeGreaterThan(0)
      expect(dec.items.every((i) => i.eventDate >= '2026-12-01')).toBe(true)
      const ws = await sheet(
        (await director.call.legalEducation.export({ from: '2026-12-01' })).contentBase64,
        '普法活动登记',
      )
      expect(ws.getColumn(7).values).toContain(`'@宪法宣传周`)
    })
  })

  it('accepting a kiosk request opens a mediation case whose task comes from createTask', async () => {
    const kiosk = await boundKiosk(app, 'nanma')
    await kiosk.call.kiosk.submitMediation(mediation())
    const [intake] = (await director.call.intake.list({ status: 'new', limit: 1 })).items
    const r = await director.call.intake.accept({
      id: intake?.id ?? '',
      dutyCode: 'office.peacetime.2',
      title: '调解邻里纠纷',
      dueDate: '2026-12-10',
      assigneeId: staff1Id,
      disputeType: '邻里纠纷',
    })
    const c = await director.call.mediation.get({ id: r.mediationId })
    expect(c.source).toBe('kiosk')
    expect(c.status).toBe('accepted')
    expect(c.taskId).toBe(r.taskId)
    expect(c.disputeType).toBe('邻里纠纷')
    // one month from Thu 11-26 is Sat 12-26: the calendar engine rolls it to Mon 12-28 (issue 16)
    expect(c.targetDate).toBe('2026-12-28')
    const t = await task(r.taskId)
    expect(t.source).toBe('kiosk')
    expect(t.source_id).toBe(intake?.id)
    const audits = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', 'in', [r.taskId, r.mediationId])
      .execute()
    expect(audits.map((a) => a.action).sort()).toEqual(['mediation.create', 'task.create'])
    expect((await director.call.intake.get({ id: intake?.id ?? '' })).taskId).toBe(r.taskId)
  })

  // Issue 15, lean pages: a list carries the columns its console page shows and nothing of the detail;
  // the values it carries are those of the detail procedure (one derivation, not two that can drift).
  it('lists carry only what the list shows, each value the same as in the detail', async () => {
    await director.call.mediation.create({
      source: 'walk_in',
      applicantName: '赵六',
      otherParty: '钱七',
      disputeType: '邻里纠纷',
      summary: '两户因排水沟走向发生争执，长期未能解决。',
      assigneeId: staff1Id,
    })
    await director.call.legalAid.create({
      applicantName: '孙八',
      matterType: 'civil.31.5',
      summary: '在建筑工地务工，被拖欠工资两个月',
      detained: true,
      handlerId: staff1Id,
    })
    await director.call.legalityReview.create({
      documentTitle: '南麻街道村规民约修订稿',
      requestingBody: '南麻街道党政办公室',
      receivedDate: '2026-11-25',
      deadline: '2026-12-02',
      reviewerId: staff1Id,
    })
    await director.call.legalEducation.create({
      eventDate: '2026-11-29',
      place: '南麻街道文化广场',
      audience: '辖区村民',
      headcount: 80,
      theme: '宪法进万家',
      organiserId: staff1Id,
    })
    const registers = [
      {
        list: () => director.call.mediation.list({ limit: 100 }),
        get: (id: string) => director.call.mediation.get({ id }),
        keys: 'id caseNo officeCode officeName applicantName otherParty disputeType status targetDate targetProvisional overTarget confirmationDeadline',
      },
      {
        list: () => director.call.legalAid.list({ limit: 100 }),
        get: (id: string) => director.call.legalAid.get({ id }),
        keys: 'id caseNo officeCode officeName applicantName matterType matterLabel detained status decisionDeadline clockPaused daysLeft decisionOverdue forwardOverdue',
      },
      {
        list: () => director.call.legalityReview.list({ limit: 100 }),
        get: (id: string) => director.call.legalityReview.get({ id }),
        keys: 'id reviewNo officeCode officeName documentTitle requestingBody deadline status overdue opinion reviewerName',
      },
      {
        list: () => director.call.legalEducation.list({ limit: 100 }),
        get: (id: string) => director.call.legalEducation.get({ id }),
        keys: 'id eventNo officeCode officeName eventDate place audience headcount theme status',
      },
    ]
    for (const register of registers) {
      const { items } = await register.list()
      expect(items.length).toBeGreaterThan(0)
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(register.keys.split(' ').sort())
        const detail = (await register.get(item.id)) as Record<string, unknown>
        const shared = Object.fromEntries(Object.keys(item).map((k) => [k, detail[k]]))
        expect(item).toEqual(shared)
      }
    }
  })
})
