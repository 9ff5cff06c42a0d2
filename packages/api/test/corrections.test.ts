// Community corrections and the deadline engine (issue 5), on SQLite and PostgreSQL.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, idNumber, outcome, setupApp, signedIn, type TestApp, userId } from './harness.ts'

const DAY = 86_400_000

describe.each(dialects)('community corrections casework (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  /** A fresh session: moving the test clock by days expires the old ones (idle timeout). */
  const as = (username: string) => signedIn(app, username)

  const statutoryTasks = async () =>
    app.deps.db
      .selectFrom('tasks')
      .selectAll()
      .where('source', '=', 'statutory')
      .orderBy('created_at')
      .orderBy('id')
      .execute()

  it('registers a supervisee with the ID number encrypted, masked, searchable, and its reveal audited', async () => {
    const staff = await signedIn(app, 'staff-lucun-1')
    const id1 = idNumber('19850315', '131')
    const { id } = await staff.call.supervisee.register({
      name: '王某甲',
      idNumber: id1,
      correctionType: 'probation',
      townCode: 'nanma',
      managementLevel: 'normal',
      prohibitionOrders: '禁止进入夜总会、酒吧\n禁止接触被害人',
    })
    const list = await staff.call.supervisee.list({ q: id1 })
    expect(list.items.map((s) => s.id)).toEqual([id])
    // the list row carries what the list shows (issue 15) …
    expect(list.items[0]).toMatchObject({
      idNumberMasked: `${id1.slice(0, 4)}**********${id1.slice(-4)}`,
      minor: false,
      townName: expect.any(String),
      squadName: '鲁村中队',
      status: 'pending',
    })
    expect(Object.keys(list.items[0] ?? {})).not.toContain('team')
    // … the detail the rest
    expect(await staff.call.supervisee.get({ id })).toMatchObject({
      sex: 'M',
      birthDate: '1985-03-15',
      officeName: '南麻司法所',
      prohibitionOrders: ['禁止进入夜总会、酒吧', '禁止接触被害人'],
    })
    expect(JSON.stringify(list)).not.toContain(id1)
    expect((await staff.call.supervisee.revealIdNumber({ id })).idNumber).toBe(id1)
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('subject_id', '=', id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['supervisee.register', 'supervisee.revealIdNumber'])
    expect(audit.map((a) => a.after_json).join('')).not.toContain(id1)

    // Another area's staff registers nobody in 南麻, and sees nothing of it.
    const xili = await signedIn(app, 'staff-xili-1')
    expect(
      await outcome(
        xili.call.supervisee.register({
          name: '李某',
          idNumber: idNumber('19900101', '151'),
          correctionType: 'parole',
          townCode: 'nanma',
          managementLevel: 'strict',
        }),
      ),
    ).toBe('FORBIDDEN')
    expect(await outcome(xili.call.supervisee.get({ id }))).toBe('NOT_FOUND')
    expect(await outcome((await signedIn(app, 'dir-xili')).call.supervisee.get({ id }))).toBe('NOT_FOUND')
    expect((await (await signedIn(app, 'dir-nanma')).call.supervisee.get({ id })).name).toBe('王某甲')
    expect((await (await signedIn(app, 'admin')).call.supervisee.list({})).items).toEqual([])
    expect(
      await outcome(
        (await signedIn(app, 'dir-nanma')).call.supervisee.recordEvent({
          id,
          kind: 'reported',
          on: '2026-11-20',
        }),
      ),
    ).toBe('FORBIDDEN')
    expect(
      await outcome(
        staff.call.supervisee.register({
          name: '王某甲',
          idNumber: id1,
          correctionType: 'probation',
          townCode: 'nanma',
          managementLevel: 'normal',
        }),
      ),
    ).toBe('CONFLICT')
  })

  it('turns the judgment into a reporting task for the right squad, idempotently, and closes it on reporting', async () => {
    const [s] = (await (await as('staff-lucun-1')).call.supervisee.list({ q: '王某甲' })).items
    const id = s?.id ?? ''
    expect(
      await outcome(
        (await as('staff-lucun-1')).call.supervisee.recordEvent({ id, kind: 'reported', on: '2026-11-21' }),
      ),
    ).toBe('CONFLICT')
    // Judgment effective Fri 2026-11-20: 10 days (社区矫正法21) → Mon 11-30.
    await (await as('staff-lucun-1')).call.supervisee.recordEvent({
      id,
      kind: 'judgment',
      on: '2026-11-20',
      termStart: '2026-11-20',
      termEnd: '2027-05-19',
    })
    const tasks = await statutoryTasks()
    expect(tasks.map((t) => [t.title, t.squad_code, t.office_code, t.duty_code, t.due_at, t.status])).toEqual(
      [
        [
          '【法定期限】社区矫正对象报到：王某甲',
          'lucun',
          null,
          'squad.peacetime.1.3',
          '2026-11-30T15:59:59.999Z',
          'open',
        ],
        [
          expect.stringContaining('矫正期满解除社区矫正'),
          'lucun',
          null,
          'squad.peacetime.1.3',
          '2027-05-19T15:59:59.999Z',
          'open',
        ],
      ],
    )
    const seen = await (await as('staff-lucun-1')).call.task.list({ limit: 100 })
    expect(seen.items.some((t) => t.title.includes('社区矫正对象报到') && t.source === 'statutory')).toBe(
      true,
    )
    const lead = await signedIn(app, 'lead-lucun')
    expect(
      (await lead.call.task.list({ mine: true, limit: 100 })).items.some((t) => t.title.includes('报到')),
    ).toBe(true)
    expect(
      (await (await signedIn(app, 'staff-xili-1')).call.task.list({ limit: 100 })).items.some((t) =>
        t.title.includes('王某甲'),
      ),
    ).toBe(false)

    // Recomputing is idempotent: a sweep twice creates nothing new.
    expect(await (await as('brigade')).call.deadline.sweep()).toMatchObject({
      created: 0,
      closed: 0,
      moved: 0,
    })
    expect(await (await as('brigade')).call.deadline.sweep()).toMatchObject({
      created: 0,
      closed: 0,
      moved: 0,
    })
    expect((await statutoryTasks()).length).toBe(2)

    // Warnings: nothing on 11-26 (due 11-30 is beyond three days), due soon on 11-28, overdue on 12-01.
    const reportWarning = async () =>
      (await (await as('staff-lucun-1')).call.deadline.warnings()).find((w) => w.title === '社区矫正对象报到')
        ?.urgency
    expect(await reportWarning()).toBeUndefined()
    app.clock.advance(2 * DAY)
    expect(await reportWarning()).toBe('dueSoon')
    app.clock.advance(3 * DAY)
    expect(await reportWarning()).toBe('overdue')
    expect((await (await signedIn(app, 'staff-xili-1')).call.deadline.warnings()).length).toBe(0)
    app.clock.advance(-5 * DAY)

    await (await as('staff-lucun-1')).call.supervisee.recordEvent({ id, kind: 'reported', on: '2026-11-25' })
    const after = await statutoryTasks()
    expect(after.find((t) => t.title.includes('报到'))).toMatchObject({ status: 'done' })
    expect(after.map((t) => t.title)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('组织入矫宣告'),
        expect.stringContaining('制定矫正方案'),
        expect.stringContaining('入户走访（普管）'),
      ]),
    )
    // 3 working days after Wed 11-25 → Mon 11-30 (bureau setting; 工作日 skip the weekend)
    expect(after.find((t) => t.title.includes('入矫宣告'))?.due_at).toBe('2026-11-30T15:59:59.999Z')
    const detail = await (await as('staff-lucun-1')).call.supervisee.get({ id })
    expect(detail.status).toBe('active')
    expect(detail.obligations.find((o) => o.key === 'report')).toMatchObject({
      satisfied: true,
      source: '社区矫正法第21条',
    })
    expect(await (await as('brigade')).call.deadline.sweep()).toMatchObject({
      created: 0,
      closed: 0,
      moved: 0,
    })
  })

  it('routes outings to the right approver: office ≤7 days (filed with the county), county >7, upper >30', async () => {
    const staff = await signedIn(app, 'staff-lucun-1')
    const id = (await staff.call.supervisee.list({ q: '王某甲' })).items[0]?.id ?? ''
    const short = await staff.call.supervisee.requestLeave({
      id,
      from: '2026-12-01',
      to: '2026-12-07',
      destination: '济南市历下区',
      reason: '探望住院的母亲',
    })
    expect(short.level).toBe('office')
    const leaveOf = async (leaveId: string) =>
      (await staff.call.supervisee.get({ id })).leaves.find((l) => l.id === leaveId)
    const v = (await leaveOf(short.id))?.version ?? 0
    expect(
      await outcome(
        staff.call.supervisee.decideLeave({ leaveId: short.id, version: v, approve: true, note: '' }),
      ),
    ).toBe('FORBIDDEN')
    expect(
      await outcome(
        (await signedIn(app, 'dir-xili')).call.supervisee.decideLeave({
          leaveId: short.id,
          version: v,
          approve: true,
          note: '',
        }),
      ),
    ).toBe('NOT_FOUND')
    const director = await signedIn(app, 'dir-nanma')
    expect(
      await director.call.supervisee.decideLeave({
        leaveId: short.id,
        version: v,
        approve: true,
        note: '同意，按时返回报告',
      }),
    ).toEqual({ ok: true, filedWithCounty: true })
    expect(await leaveOf(short.id)).toMatchObject({
      status: 'approved',
      filedWithCounty: true,
      decidedByName: '南麻所长（演示）',
    })

    const longer = await staff.call.supervisee.requestLeave({
      id,
      from: '2026-12-10',
      to: '2026-12-17',
      destination: '青岛市',
      reason: '参加劳务培训',
    })
    expect(longer.level).toBe('county')
    const lv = (await leaveOf(longer.id))?.version ?? 0
    expect(
      await outcome(
        director.call.supervisee.decideLeave({ leaveId: longer.id, version: lv, approve: true, note: '' }),
      ),
    ).toBe('FORBIDDEN')
    expect(
      (
        await (
          await signedIn(app, 'brigade')
        ).call.supervisee.decideLeave({ leaveId: longer.id, version: lv, approve: true, note: '同意' })
      ).filedWithCounty,
    ).toBe(false)

    // 7 + 8 approved in the window; 16 more makes 31 in two months → the next level up.
    const third = await staff.call.supervisee.requestLeave({
      id,
      from: '2026-12-20',
      to: '2027-01-04',
      destination: '上海市',
      reason: '务工',
    })
    expect(third.level).toBe('upper')
    expect(third.reason).toContain('累计外出 31 日')
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'leave.%')
      .orderBy('seq')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'leave.request',
      'leave.approve',
      'leave.request',
      'leave.approve',
      'leave.request',
    ])

    const doc = await director.call.supervisee.document({ id, kind: 'leaveApproval', leaveId: short.id })
    expect(doc.filename).toBe('社区矫正对象外出审批表-王某甲.docx')
    const bytes = Buffer.from(doc.base64, 'base64')
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
  })

  it('allows electronic monitoring only with the bureau head, in a statutory situation, up to 3 months', async () => {
    const staff = await signedIn(app, 'staff-lucun-1')
    const id = (await staff.call.supervisee.list({ q: '王某甲' })).items[0]?.id ?? ''
    const ask = {
      id,
      situation: 'leftWithoutApproval',
      months: 3,
      from: '2026-11-26',
      reason: '未经批准离开本县',
    }
    expect(await outcome((await signedIn(app, 'brigade')).call.supervisee.startMonitoring(ask))).toBe(
      'FORBIDDEN',
    )
    expect(await outcome(staff.call.supervisee.startMonitoring(ask))).toBe('FORBIDDEN')
    const leader = await signedIn(app, 'liaison-lucun')
    // the record does not hold the ground yet (issue 16): refused until the departure is recorded
    expect(await outcome(leader.call.supervisee.startMonitoring(ask))).toBe('BAD_REQUEST')
    await staff.call.supervisee.recordEvent({
      id,
      kind: 'leftWithoutApproval',
      on: '2026-11-25',
      note: '未经批准离开本县前往淄博市区',
    })
    expect(await outcome(leader.call.supervisee.startMonitoring({ ...ask, months: 4 }))).toBe('BAD_REQUEST')
    expect(await outcome(leader.call.supervisee.startMonitoring({ ...ask, situation: 'convenience' }))).toBe(
      'BAD_REQUEST',
    )
    expect(await outcome((await signedIn(app, 'liaison-xili')).call.supervisee.startMonitoring(ask))).toBe(
      'NOT_FOUND',
    )
    expect(await leader.call.supervisee.startMonitoring(ask)).toEqual({
      ok: true,
      until: '2027-02-25',
      extension: false,
    })
    // alert 7 days before the period ends
    const tasks = await statutoryTasks()
    expect(tasks.find((t) => t.title.includes('电子定位'))?.due_at).toBe('2027-02-18T15:59:59.999Z')
  })

  it('keeps the sanction ladder: 训诫 → 警告 → 提请撤销', async () => {
    const staff = await signedIn(app, 'staff-lucun-1')
    const id = (await staff.call.supervisee.list({ q: '王某甲' })).items[0]?.id ?? ''
    const s = (kind: 'reprimand' | 'warning' | 'revocation', absentDays = 0) =>
      outcome(
        staff.call.supervisee.sanction({
          id,
          kind,
          on: '2026-11-26',
          absentDays,
          serious: false,
          reason: '未按规定报告活动情况',
        }),
      )
    expect(await s('warning')).toBe('BAD_REQUEST')
    expect(await s('reprimand', 11)).toBe('BAD_REQUEST')
    expect(await s('reprimand')).toBe('OK')
    expect(await s('warning')).toBe('BAD_REQUEST')
    expect(await s('reprimand')).toBe('OK')
    expect(await s('warning')).toBe('OK')
    expect(await s('revocation')).toBe('BAD_REQUEST')
    expect(await s('warning', 12)).toBe('OK')
    expect(await s('revocation')).toBe('OK')
    const labels = (await staff.call.supervisee.get({ id })).events
      .filter((e) => e.kind === 'sanction')
      .map((e) => e.label)
    expect(labels).toEqual(['训诫', '训诫', '警告', '警告', '提请撤销缓刑、假释或收监执行'])
  })

  it('discharges only at term end, closes the discharge task and issues the certificate', async () => {
    const id = (await (await as('staff-lucun-1')).call.supervisee.list({ q: '王某甲' })).items[0]?.id ?? ''
    expect(
      await outcome((await as('staff-lucun-1')).call.supervisee.discharge({ id, on: '2026-11-26' })),
    ).toBe('CONFLICT')
    expect(
      await outcome(
        (await as('staff-lucun-1')).call.supervisee.document({ id, kind: 'dischargeCertificate' }),
      ),
    ).toBe('CONFLICT')
    app.clock.advance(175 * DAY) // 2027-05-20
    await (await as('staff-lucun-1')).call.supervisee.discharge({ id, on: '2027-05-19' })
    const detail = await (await as('staff-lucun-1')).call.supervisee.get({ id })
    expect(detail.status).toBe('discharged')
    expect(detail.events.at(-1)?.data).toMatchObject({
      notified: ['作出判决、裁定、决定的机关', '人民检察院', '公安机关'],
    })
    expect((await statutoryTasks()).find((t) => t.title.includes('解除社区矫正'))?.status).toBe('done')
    const cert = await (await as('staff-lucun-1')).call.supervisee.document({
      id,
      kind: 'dischargeCertificate',
    })
    expect(Buffer.from(cert.base64, 'base64').subarray(0, 2).toString()).toBe('PK')
    const announcement = await (await as('staff-lucun-1')).call.supervisee.document({
      id,
      kind: 'intakeAnnouncement',
    })
    expect(announcement.filename).toContain('社区矫正宣告记录')
    expect(
      await outcome(
        (await as('staff-lucun-1')).call.supervisee.recordEvent({ id, kind: 'homeVisit', on: '2027-05-20' }),
      ),
    ).toBe('CONFLICT')
    app.clock.advance(-175 * DAY)
  })

  it("closes minors' records to directors and the administrator, keeps names out of task titles, and checks the team", async () => {
    const staff = await signedIn(app, 'staff-lucun-2')
    const { id } = await staff.call.supervisee.register({
      name: '赵某某',
      idNumber: idNumber('20100505', '142'),
      correctionType: 'probation',
      townCode: 'lucun',
      managementLevel: 'strict',
    })
    const detail = await staff.call.supervisee.get({ id })
    expect(detail).toMatchObject({ minor: true, sex: 'F' })
    for (const who of ['dir-lucun', 'admin', 'dept-1']) {
      const a = await signedIn(app, who)
      expect(await outcome(a.call.supervisee.get({ id })), who).toBe('NOT_FOUND')
      if (who !== 'dept-1')
        expect(
          (await a.call.supervisee.list({})).items.some((s) => s.id === id),
          who,
        ).toBe(false)
    }
    expect((await (await signedIn(app, 'liaison-lucun')).call.supervisee.get({ id })).name).toBe('赵某某')
    expect((await (await signedIn(app, 'brigade')).call.supervisee.get({ id })).name).toBe('赵某某')
    await staff.call.supervisee.recordEvent({
      id,
      kind: 'judgment',
      on: '2026-11-17',
      termStart: '2026-11-17',
      termEnd: '2027-11-23',
    })
    const titles = (await statutoryTasks()).map((t) => t.title).filter((t) => t.includes('未成年'))
    expect(titles.length).toBe(2)
    expect(titles.join('')).not.toContain('赵某某')
    // A minor: the warnings list shows the record to the squad, not to the director of her town.
    expect((await staff.call.deadline.warnings()).some((w) => w.subjectId === id)).toBe(true)
    expect(
      (await (await signedIn(app, 'dir-lucun')).call.deadline.warnings()).some((w) => w.subjectId === id),
    ).toBe(false)

    const man = { name: '孙某', sex: 'M' as const, role: '中队工作人员', familiarWithMinors: false }
    const woman = { name: '周某', sex: 'F' as const, role: '村（居）委会人员', familiarWithMinors: false }
    const teacher = { name: '吴某', sex: 'F' as const, role: '学校教师', familiarWithMinors: true }
    const version = (await staff.call.supervisee.get({ id })).version
    expect(await outcome(staff.call.supervisee.setTeam({ id, version, team: [man, woman] }))).toBe(
      'BAD_REQUEST',
    )
    expect(await outcome(staff.call.supervisee.setTeam({ id, version, team: [man, man] }))).toBe(
      'BAD_REQUEST',
    )
    expect(await staff.call.supervisee.setTeam({ id, version, team: [man, teacher] })).toEqual({ ok: true })
  })

  it('counts into an unknown year visibly, and uses the year the bureau enters (audited)', async () => {
    app.clock.advance(33 * DAY) // 2026-12-29
    const { id } = await (await as('staff-shiqiao-1')).call.supervisee.register({
      name: '钱某',
      idNumber: idNumber('19791111', '171'),
      correctionType: 'control',
      townCode: 'shiqiao',
      managementLevel: 'loose',
    })
    await (await as('staff-shiqiao-1')).call.supervisee.recordEvent({
      id,
      kind: 'investigationCommissioned',
      on: '2026-12-28',
      fast: false,
    })
    const o = (await (await as('staff-shiqiao-1')).call.supervisee.get({ id })).obligations[0]
    expect(o?.provisional).toContain('2027 年的节假日安排尚未录入')
    expect(o?.dueDate).toBe('2027-01-07')
    expect((await statutoryTasks()).find((t) => t.title.includes('钱某'))?.title).toMatch(/^【期限待核】/)
    expect(
      await outcome(
        (await as('staff-shiqiao-1')).call.deadline.setCalendarYear({
          year: 2027,
          daysOff: ['2027-01-01'],
          workdays: [],
          notice: '国办发明电〔2026〕X号',
          version: 0,
        }),
      ),
    ).toBe('FORBIDDEN')
    expect(
      await outcome(
        (await as('brigade')).call.deadline.setCalendarYear({
          year: 2027,
          daysOff: ['2027-01-01'],
          workdays: ['2027-01-05'],
          notice: '国办发明电〔2026〕X号',
          version: 0,
        }),
      ),
    ).toBe('BAD_REQUEST')
    await (await as('brigade')).call.deadline.setCalendarYear({
      year: 2027,
      daysOff: ['2027-01-01', '2027-01-04'],
      workdays: ['2027-01-09'],
      notice: '国办发明电〔2026〕X号',
      version: 0,
    })
    expect(
      (await (await as('brigade')).call.deadline.calendar()).items.find((y) => y.year === 2027),
    ).toMatchObject({
      source: 'bureau',
      version: 1,
    })
    expect(await (await as('brigade')).call.deadline.sweep()).toMatchObject({ moved: 1, created: 0 })
    // 10 working days from Mon 12-28: 29 30 31, [1-1 off, weekend, 1-4 off] 5 6 7 8, 9 (调休 Sat), 11, 12 → 2027-01-12
    const after = (await (await as('staff-shiqiao-1')).call.supervisee.get({ id })).obligations[0]
    expect(after).toMatchObject({ provisional: null, dueDate: '2027-01-12' })
    expect((await statutoryTasks()).find((t) => t.title.includes('钱某'))).toMatchObject({
      title: '【法定期限】提交调查评估意见：钱某',
      due_at: '2027-01-12T15:59:59.999Z',
    })
    expect(await (await as('brigade')).call.deadline.sweep()).toMatchObject({
      moved: 0,
      created: 0,
      closed: 0,
    })
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'calendar.setYear')
      .execute()
    expect(audit).toHaveLength(1)
    app.clock.advance(-33 * DAY)
  })

  it('lets the bureau adjust S/R/B rules (audited) but not rules read in the statute', async () => {
    const brigade = await signedIn(app, 'brigade')
    const rules = await brigade.call.deadline.rules()
    expect(rules.find((r) => r.code === 'report.deadline')).toMatchObject({
      confidence: 'V',
      adjustable: false,
      amount: 10,
    })
    expect(
      await outcome(
        brigade.call.deadline.updateRule({
          code: 'report.deadline',
          amount: 15,
          roll: true,
          reason: '测试调整',
          version: 0,
        }),
      ),
    ).toBe('BAD_REQUEST')
    expect(
      await outcome(
        (await signedIn(app, 'staff-lucun-1')).call.deadline.updateRule({
          code: 'investigation.fast',
          amount: 6,
          roll: false,
          reason: '省级细则',
          version: 0,
        }),
      ),
    ).toBe('FORBIDDEN')
    const changed = await brigade.call.deadline.updateRule({
      code: 'investigation.fast',
      amount: 6,
      roll: false,
      reason: '依据省级实施细则',
      version: 0,
    })
    expect(changed).toMatchObject({ amount: 6, defaultAmount: 5, version: 1 })
    expect(
      await outcome(
        brigade.call.deadline.updateRule({
          code: 'investigation.fast',
          amount: 7,
          roll: false,
          reason: '依据省级实施细则',
          version: 0,
        }),
      ),
    ).toBe('CONFLICT')
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'rule.update')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]?.before_json ?? '{}')).toMatchObject({ amount: 5 })
    expect((await (await signedIn(app, 'auditor')).call.audit.verify()).ok).toBe(true)
  })

  it.runIf(dialect === 'sqlite')('stores no plaintext ID number in the raw database files', async () => {
    const path = app.sqlitePath ?? ''
    const dir = dirname(path)
    const raw = Buffer.concat(
      readdirSync(dir)
        .filter((f) => f.startsWith('test.db'))
        .map((f) => readFileSync(join(dir, f))),
    )
    expect(raw.length).toBeGreaterThan(10_000)
    for (const n of [idNumber('19850315', '131'), idNumber('20100505', '142'), idNumber('19791111', '171')]) {
      expect(raw.includes(Buffer.from(n))).toBe(false)
      expect(raw.includes(Buffer.from(n.slice(6, 17)))).toBe(false)
    }
    expect(raw.includes(Buffer.from('王某甲'))).toBe(true) // the scan does see the file's text
  })
})

describe('audit chain after casework', () => {
  it.each(dialects)('still verifies (%s)', async (dialect) => {
    const app = await setupApp(dialect)
    try {
      const staff = await signedIn(app, 'staff-lucun-1')
      const { id } = await staff.call.supervisee.register({
        name: '郑某',
        idNumber: idNumber('19700707', '111'),
        correctionType: 'parole',
        townCode: 'lucun',
        managementLevel: 'normal',
      })
      await staff.call.supervisee.recordEvent({
        id,
        kind: 'judgment',
        on: '2026-11-25',
        termStart: '2026-11-25',
        termEnd: '2027-02-24',
      })
      expect(await (await signedIn(app, 'auditor')).call.audit.verify()).toMatchObject({ ok: true })
      expect(await userId(app, 'lead-lucun')).toBeTruthy()
    } finally {
      await app.close()
    }
  })
})
