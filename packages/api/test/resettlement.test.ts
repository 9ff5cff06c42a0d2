// Released prisoners' aftercare (安置帮教) and the change of residence (变更执行地), issue 5, on SQLite
// and PostgreSQL. The test clock starts Thu 2026-11-26 10:00 Beijing time.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dialects, idNumber, outcome, setupApp, signedIn, type TestApp } from './harness.ts'

describe.each(dialects)('released prisoners and change of residence (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect)
  })
  afterAll(async () => {
    await app?.close()
  })

  const as = (username: string) => signedIn(app, username)
  const ID_A = idNumber('19780412', '215')
  const ID_B = idNumber('19660101', '227')

  const COLUMNS = [
    'o.key',
    'tasks.title',
    'tasks.squad_code',
    'tasks.duty_code',
    'tasks.due_at',
    'tasks.status',
  ] as const
  /** The statutory tasks of a case's obligations, by obligation key. */
  const tasksFrom = async (table: 'releasee_obligations' | 'obligations', subjectId: string) =>
    table === 'releasee_obligations'
      ? app.deps.db
          .selectFrom('releasee_obligations as o')
          .innerJoin('tasks', 'tasks.id', 'o.task_id')
          .select(COLUMNS)
          .where('o.releasee_id', '=', subjectId)
          .orderBy('o.key')
          .execute()
      : app.deps.db
          .selectFrom('obligations as o')
          .innerJoin('tasks', 'tasks.id', 'o.task_id')
          .select(COLUMNS)
          .where('o.supervisee_id', '=', subjectId)
          .orderBy('o.key')
          .execute()

  const statutoryCount = async () =>
    Number(
      (
        await app.deps.db
          .selectFrom('tasks')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('source', '=', 'statutory')
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('registers the prison notice with the ID number encrypted, and sets the handover task for the right squad', async () => {
    const staff = await as('staff-lucun-1')
    const r = await staff.call.releasee.register({
      name: '赵某释',
      idNumber: ID_A,
      category: 'general',
      townCode: 'nanma',
      prison: '山东省鲁中监狱',
      noticeOn: '2026-11-20',
      releaseOn: '2026-11-27',
    })
    // 7 days before release: later than about a month (1999 司法部 notice) → flagged, not refused
    expect(r.noticeLate).toBe(true)
    const list = await staff.call.releasee.list({ q: ID_A })
    expect(list.items.map((i) => i.id)).toEqual([r.id])
    expect(list.items[0]).toMatchObject({
      idNumberMasked: `${ID_A.slice(0, 4)}**********${ID_A.slice(-4)}`,
      categoryLabel: '一般刑满释放人员',
      officeName: '南麻司法所',
      squadName: '鲁村中队',
      status: 'notified',
      statusLabel: '待衔接',
      aftercareEnd: '2031-11-26',
    })
    expect(JSON.stringify(list)).not.toContain(ID_A)
    expect((await staff.call.releasee.revealIdNumber({ id: r.id })).idNumber).toBe(ID_A)
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('subject_id', '=', r.id)
      .orderBy('seq')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'releasee.register',
      'deadline.recompute',
      'releasee.revealIdNumber',
    ])
    expect(audit.map((a) => a.after_json).join('')).not.toContain(ID_A)

    // Notice Fri 11-20 + 5 = Wed 11-25 (handover); release Fri 11-27 + 10 = Mon 12-07 (file);
    // entry 5 working days → Fri 12-04. All for 鲁村中队 under duty ② (squad.peacetime.2.x).
    expect(
      (await tasksFrom('releasee_obligations', r.id)).map((t) => [
        t.key,
        t.squad_code,
        t.duty_code,
        t.due_at,
      ]),
    ).toEqual([
      ['aftercareEnd', 'lucun', 'squad.peacetime.2.4', '2031-11-26T15:59:59.999Z'],
      ['entry', 'lucun', 'squad.peacetime.2.3', '2026-12-04T15:59:59.999Z'],
      ['file', 'lucun', 'squad.peacetime.2.2', '2026-12-07T15:59:59.999Z'],
      ['handover', 'lucun', 'squad.peacetime.2.1', '2026-11-25T15:59:59.999Z'],
      ['visit:0', 'lucun', 'squad.peacetime.2.4', '2027-02-25T15:59:59.999Z'],
    ])
    const handover = (await tasksFrom('releasee_obligations', r.id)).find((t) => t.key === 'handover')
    expect(handover?.title).toBe('【法定期限】做好刑满释放人员衔接（核实身份、联系家属、落实接回）：赵某释')
    // The aftercare end is a warning row but far off; the overdue handover is warned now.
    const warnings = await staff.call.deadline.warnings()
    expect(
      warnings.filter((w) => w.subjectId === r.id).map((w) => [w.subjectType, w.urgency, w.title]),
    ).toEqual([['releasee', 'overdue', '做好刑满释放人员衔接（核实身份、联系家属、落实接回）']])

    // A sweep is idempotent: nothing new.
    const before = await statutoryCount()
    const sweep = await (await as('brigade')).call.deadline.sweep()
    expect(sweep).toMatchObject({ created: 0, closed: 0, moved: 0 })
    expect(await statutoryCount()).toBe(before)
  })

  it('scopes the register like supervisees: the area, the town office, the brigade; never the admin', async () => {
    const [r] = (await (await as('staff-lucun-1')).call.releasee.list({ q: '赵某释' })).items
    const id = r?.id ?? ''
    expect((await (await as('dir-nanma')).call.releasee.get({ id })).name).toBe('赵某释')
    expect((await (await as('brigade')).call.releasee.get({ id })).name).toBe('赵某释')
    expect((await (await as('liaison-lucun')).call.releasee.get({ id })).name).toBe('赵某释')
    for (const u of ['staff-xili-1', 'dir-lucun', 'liaison-xili', 'admin', 'dept-1'])
      expect(await outcome((await as(u)).call.releasee.get({ id }))).toBe('NOT_FOUND')
    expect((await (await as('admin')).call.releasee.list({})).items).toEqual([])
    expect((await (await as('staff-xili-1')).call.deadline.warnings()).some((w) => w.subjectId === id)).toBe(
      false,
    )
    // The liaison leader reads but does not work the case; another area cannot register here.
    expect(
      await outcome(
        (await as('liaison-lucun')).call.releasee.recordEvent({ id, kind: 'visit', on: '2026-11-26' }),
      ),
    ).toBe('FORBIDDEN')
    expect(
      await outcome(
        (await as('dir-xili')).call.releasee.register({
          name: '钱某',
          idNumber: ID_B,
          category: 'key',
          townCode: 'nanma',
          prison: '山东省鲁中监狱',
          noticeOn: '2026-11-01',
          releaseOn: '2026-12-01',
        }),
      ),
    ).toBe('FORBIDDEN')
    expect(
      await outcome(
        (await as('staff-lucun-2')).call.releasee.register({
          name: '赵某释',
          idNumber: ID_A,
          category: 'general',
          townCode: 'nanma',
          prison: '山东省鲁中监狱',
          noticeOn: '2026-11-20',
          releaseOn: '2026-11-27',
        }),
      ),
    ).toBe('CONFLICT')
  })

  it('records handover, file, entry, visits and assistance; each closes its task; closing waits for the period end', async () => {
    const dir = await as('dir-nanma')
    const [r] = (await dir.call.releasee.list({ q: '赵某释' })).items
    const id = r?.id ?? ''
    // Nothing before the handover, and no handover before the release day.
    expect(await outcome(dir.call.releasee.recordEvent({ id, kind: 'fileOpened', on: '2026-11-26' }))).toBe(
      'CONFLICT',
    )
    expect(await outcome(dir.call.releasee.recordEvent({ id, kind: 'handedOver', on: '2026-11-26' }))).toBe(
      'CONFLICT',
    )
    app.clock.advance(86_400_000) // Fri 11-27: released today, received by the town's office
    const handed = await (await as('dir-nanma')).call.releasee.recordEvent({
      id,
      kind: 'handedOver',
      on: '2026-11-27',
      note: '与家属一同到监狱门口接回',
    })
    expect(handed).toMatchObject({ status: 'aftercare', statusLabel: '帮教中' })
    const staff = await as('staff-lucun-1')
    await staff.call.releasee.recordEvent({ id, kind: 'fileOpened', on: '2026-11-27' })
    await staff.call.releasee.recordEvent({ id, kind: 'infoEntered', on: '2026-11-27' })
    await staff.call.releasee.recordEvent({ id, kind: 'visit', on: '2026-11-27', note: '家中走访，情绪稳定' })
    expect(
      await outcome(
        staff.call.releasee.recordEvent({ id, kind: 'assisted', on: '2026-11-27', note: '介绍工作' }),
      ),
    ).toBe('BAD_REQUEST')
    await staff.call.releasee.recordEvent({
      id,
      kind: 'assisted',
      on: '2026-11-27',
      assistance: 'placement',
      note: '介绍到县城物流园务工',
    })
    const tasks = await tasksFrom('releasee_obligations', id)
    expect(tasks.map((t) => [t.key, t.status])).toEqual([
      ['aftercareEnd', 'open'],
      ['entry', 'done'],
      ['file', 'done'],
      ['handover', 'done'],
      ['visit:0', 'done'],
      ['visit:1', 'open'],
    ])
    // the next visit: 90 days from the visit on 11-27 (a bureau setting)
    expect(tasks.at(-1)?.due_at).toBe('2027-02-25T15:59:59.999Z')
    const detail = await staff.call.releasee.get({ id })
    expect(detail.events.map((e) => e.label)).toEqual([
      '收到监狱释放通知',
      '衔接到位',
      '建立安置帮教工作档案',
      '安置帮教系统信息核查、录入',
      '走访排查',
      '安置救助、教育帮扶：安置就业',
    ])
    expect(await outcome(staff.call.releasee.recordEvent({ id, kind: 'closed', on: '2026-11-27' }))).toBe(
      'CONFLICT',
    )
  })

  it('takes the aftercare period from the category setting, audited, and moves the end task', async () => {
    const brigade = await as('brigade')
    await brigade.call.releasee.register({
      name: '钱某重',
      idNumber: ID_B,
      category: 'key',
      townCode: 'dongli',
      prison: '山东省潍北监狱',
      noticeOn: '2026-10-26',
      releaseOn: '2026-11-26',
    })
    const [r] = (await brigade.call.releasee.list({ q: '钱某重' })).items
    expect(r).toMatchObject({ noticeLate: false, aftercareEnd: '2031-11-25', squadName: '石桥中队' })
    await brigade.call.deadline.updateRule({
      code: 'resettlement.aftercareYears.key',
      amount: 3,
      roll: false,
      reason: '省厅通知：重点帮教对象帮教期三年',
      version: 0,
    })
    const swept = await brigade.call.deadline.sweep()
    expect(swept.moved).toBeGreaterThanOrEqual(1)
    expect((await brigade.call.releasee.get({ id: r?.id ?? '' })).aftercareEnd).toBe('2029-11-25')
    const end = (await tasksFrom('releasee_obligations', r?.id ?? '')).find((t) => t.key === 'aftercareEnd')
    expect(end?.due_at).toBe('2029-11-25T15:59:59.999Z')
    // 重点帮教对象 are visited every 30 days (bureau setting)
    expect(
      (await tasksFrom('releasee_obligations', r?.id ?? '')).find((t) => t.key === 'visit:0')?.due_at,
    ).toBe('2026-12-26T15:59:59.999Z')
  })

  it('walks a change of residence through its steps and day counts, with the decision at the county level', async () => {
    const staff = await as('staff-lucun-1')
    const { id } = await staff.call.supervisee.register({
      name: '孙某迁',
      idNumber: idNumber('19880808', '239'),
      correctionType: 'probation',
      townCode: 'nanma',
      managementLevel: 'normal',
    })
    await staff.call.supervisee.recordEvent({
      id,
      kind: 'judgment',
      on: '2026-11-02',
      termStart: '2026-11-02',
      termEnd: '2027-11-01',
    })
    await staff.call.supervisee.recordEvent({ id, kind: 'reported', on: '2026-11-05' })
    expect(await outcome(staff.call.supervisee.transfer({ id, step: 'consult', on: '2026-11-20' }))).toBe(
      'CONFLICT',
    )
    const applied = await staff.call.supervisee.transfer({
      id,
      step: 'apply',
      on: '2026-11-20',
      destination: '淄博市淄川区',
      moveOn: '2026-12-10',
    })
    expect(applied.late).toBe(true) // less than about a month ahead (实施办法29): flagged
    // Applied Fri 11-20 + 5 = Wed 11-25: consultation overdue on 11-27.
    const consult = (await tasksFrom('obligations', id)).filter((t) => t.key.startsWith('transferConsult'))
    expect(consult.map((t) => [t.duty_code, t.due_at, t.status])).toEqual([
      ['squad.peacetime.1.6', '2026-11-25T15:59:59.999Z', 'open'],
    ])
    await staff.call.supervisee.transfer({ id, step: 'consult', on: '2026-11-24' })
    await staff.call.supervisee.transfer({ id, step: 'reply', on: '2026-11-25', agreed: true })
    // Only the county agency decides; a squad cannot.
    expect(
      await outcome(staff.call.supervisee.transfer({ id, step: 'decide', on: '2026-11-27', approve: true })),
    ).toBe('FORBIDDEN')
    await (await as('brigade')).call.supervisee.transfer({
      id,
      step: 'decide',
      on: '2026-11-27',
      approve: true,
    })
    const after = await tasksFrom('obligations', id)
    // Decision Fri 11-27: files within 5 days → Wed 12-02; reporting within 7 days → Fri 12-04.
    expect(
      after.filter((t) => t.key.startsWith('transfer')).map((t) => [t.key.split(':')[0], t.due_at, t.status]),
    ).toEqual(
      expect.arrayContaining([
        ['transferConsult', '2026-11-25T15:59:59.999Z', 'done'],
        ['transferReply', '2026-11-30T15:59:59.999Z', 'done'],
        ['transferFiles', '2026-12-02T15:59:59.999Z', 'open'],
        ['transferReport', '2026-12-04T15:59:59.999Z', 'open'],
      ]),
    )
    expect(await outcome(staff.call.supervisee.transfer({ id, step: 'complete', on: '2026-11-27' }))).toBe(
      'CONFLICT',
    )
    await staff.call.supervisee.transfer({ id, step: 'sendFiles', on: '2026-11-27' })
    await staff.call.supervisee.transfer({ id, step: 'complete', on: '2026-11-27', note: '淄川区已确认报到' })
    const moved = await staff.call.supervisee.get({ id })
    expect(moved).toMatchObject({ status: 'transferred', statusLabel: '已变更执行地（移出）' })
    expect(moved.transfer).toEqual({ stage: 'completed', destination: '淄博市淄川区' })
    // Every open task of the case is closed: no visits or discharge here any more.
    expect((await tasksFrom('obligations', id)).filter((t) => t.status !== 'done')).toEqual([])
    expect(
      await outcome(staff.call.supervisee.recordEvent({ id, kind: 'homeVisit', on: '2026-11-27' })),
    ).toBe('CONFLICT')
    const audit = await app.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', id)
      .where('action', 'like', 'supervisee.transfer.%')
      .orderBy('seq')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'supervisee.transfer.apply',
      'supervisee.transfer.consult',
      'supervisee.transfer.reply',
      'supervisee.transfer.decide',
      'supervisee.transfer.sendFiles',
      'supervisee.transfer.complete',
    ])
    // A second sweep changes nothing.
    expect(await (await as('brigade')).call.deadline.sweep()).toMatchObject({
      created: 0,
      closed: 0,
      moved: 0,
    })
  })

  it('refuses to approve a change the new county did not agree to', async () => {
    const staff = await as('staff-lucun-1')
    const { id } = await staff.call.supervisee.register({
      name: '周某留',
      idNumber: idNumber('19900202', '241'),
      correctionType: 'parole',
      townCode: 'lucun',
      managementLevel: 'strict',
    })
    await staff.call.supervisee.recordEvent({
      id,
      kind: 'judgment',
      on: '2026-11-16',
      termStart: '2026-11-16',
      termEnd: '2027-05-15',
    })
    await staff.call.supervisee.recordEvent({ id, kind: 'reported', on: '2026-11-18' })
    await staff.call.supervisee.transfer({
      id,
      step: 'apply',
      on: '2026-11-20',
      destination: '济南市',
      moveOn: '2027-01-05',
    })
    await staff.call.supervisee.transfer({ id, step: 'consult', on: '2026-11-21' })
    await staff.call.supervisee.transfer({ id, step: 'reply', on: '2026-11-25', agreed: false })
    const brigade = await as('brigade')
    expect(
      await outcome(
        brigade.call.supervisee.transfer({ id, step: 'decide', on: '2026-11-27', approve: true }),
      ),
    ).toBe('CONFLICT')
    await brigade.call.supervisee.transfer({ id, step: 'decide', on: '2026-11-27', approve: false })
    expect((await brigade.call.supervisee.get({ id })).transfer).toEqual({ stage: 'none' })
  })

  it.runIf(dialect === 'sqlite')(
    'stores no plaintext ID number of a released prisoner in the raw database files',
    async () => {
      const dir = dirname(app.sqlitePath ?? '')
      const raw = Buffer.concat(
        readdirSync(dir)
          .filter((f) => f.startsWith('test.db'))
          .map((f) => readFileSync(join(dir, f))),
      )
      for (const n of [ID_A, ID_B]) {
        expect(raw.includes(Buffer.from(n))).toBe(false)
        expect(raw.includes(Buffer.from(n.slice(6, 17)))).toBe(false)
      }
      expect(raw.includes(Buffer.from('赵某释'))).toBe(true)
    },
  )
})
