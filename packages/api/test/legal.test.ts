// Issue 16, on SQLite and PostgreSQL: the periods of the mediation register on the calendar engine, the
// parties' consent (人民调解法17) at intake — console and kiosk — and at the first contact, the joint
// application for judicial confirmation (人民调解法33).
import { inflateRawSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { faultOf } from '../src/trpc/errors.ts'
import {
  type Agent,
  boundKiosk,
  counts,
  dialects,
  idNumber,
  mediation,
  setupApp,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'

/** word/document.xml of a .docx: the zip's local entry, deflated or stored (no zip library needed). */
const documentXml = (zip: Buffer): string => {
  for (let i = zip.indexOf(LOCAL); i >= 0; i = zip.indexOf(LOCAL, i + 4)) {
    const method = zip.readUInt16LE(i + 8)
    const size = zip.readUInt32LE(i + 18)
    const nameLength = zip.readUInt16LE(i + 26)
    const extraLength = zip.readUInt16LE(i + 28)
    const name = zip.subarray(i + 30, i + 30 + nameLength).toString()
    if (name !== 'word/document.xml') continue
    const data = zip.subarray(i + 30 + nameLength + extraLength, i + 30 + nameLength + extraLength + size)
    return (method === 8 ? inflateRawSync(data) : data).toString('utf8')
  }
  throw new Error('no word/document.xml in the document')
}
const LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04])

const tagOf = async (p: Promise<unknown>): Promise<string | null> => {
  try {
    await p
    return null
  } catch (error) {
    return faultOf(error)?.tag ?? `untagged ${String(error)}`
  }
}
const messageOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
    return ''
  } catch (error) {
    return (error as Error).message
  }
}

describe.each(dialects)('legal rules of issue 16 (%s)', (dialect) => {
  let app: TestApp
  let director: Agent
  let staffId: string

  /** Moves the clock to `iso` (10:00 Shanghai when only a date is given) and signs in again. */
  const at = async (iso: string) => {
    const ms = Date.parse(iso.length === 10 ? `${iso}T02:00:00.000Z` : iso)
    app.clock.advance(ms - app.clock.now().getTime())
    director = await signedIn(app, 'dir-nanma')
  }
  const walkIn = (overrides: Record<string, unknown> = {}) => ({
    officeCode: 'nanma',
    source: 'walk_in' as const,
    applicantName: '王某',
    otherParty: '赵某',
    disputeType: '邻里纠纷' as const,
    summary: '因排水沟渠堵塞引发的邻里纠纷',
    assigneeId: staffId,
    ...overrides,
  })
  const row = (id: string) =>
    app.deps.db.selectFrom('mediation_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  beforeAll(async () => {
    app = await setupApp(dialect)
    staffId = await userId(app, 'staff-lucun-1')
    await at('2026-09-01')
  })
  afterAll(async () => {
    await app?.close()
  })

  describe('mediation periods on the engine', () => {
    it('counts the one-month target on the calendar: 09-01 + 1 month is 10-01, National Day → 10-08', async () => {
      await at('2026-09-01') // Tuesday
      const { id } = await director.call.mediation.create(walkIn())
      const c = await director.call.mediation.get({ id })
      expect(c.targetDate).toBe('2026-10-08')
      expect(c.targetProvisional).toBe(false)
      // the task carries the same last day
      const task = await app.deps.db
        .selectFrom('tasks')
        .select('due_at')
        .where('id', '=', c.taskId ?? '')
        .executeTakeFirstOrThrow()
      expect(task.due_at.startsWith('2026-10-08')).toBe(true)
      // a warning only: still open after the target, the case keeps working
      await at('2026-10-09')
      expect((await director.call.mediation.get({ id })).overTarget).toBe(true)
      expect((await director.call.mediation.update({ id, version: 1, action: 'start' })).ok).toBe(true)
    })

    it('marks the target provisional where the calendar lacks the year', async () => {
      await at('2026-12-06')
      const { id } = await director.call.mediation.create(walkIn())
      const c = await director.call.mediation.get({ id })
      expect(c.targetDate).toBe('2027-01-06')
      expect(c.targetProvisional).toBe(true)
    })

    it('counts the confirmation window on the calendar (人民调解法33): agreement Sat 09-05 → 10-08', async () => {
      await at('2026-09-07')
      const { id } = await director.call.mediation.create(walkIn())
      const r = await director.call.mediation.update({
        id,
        version: 1,
        action: 'agree',
        agreementText: '双方同意共同清理沟渠并分担费用',
        agreementDate: '2026-09-05',
      })
      expect(r.confirmationDeadline).toBe('2026-10-08')
      expect((await director.call.mediation.get({ id })).confirmationDeadline).toBe('2026-10-08')
    })
  })

  describe('judicial confirmation (人民调解法33)', () => {
    const agreed = async () => {
      await at('2026-09-07')
      const { id } = await director.call.mediation.create(walkIn())
      await director.call.mediation.update({
        id,
        version: 1,
        action: 'agree',
        agreementText: '双方同意共同清理沟渠并分担费用',
        agreementDate: '2026-09-05',
      })
      return id
    }

    it('refuses an application of one party alone with the reason, and changes nothing', async () => {
      const id = await agreed()
      const before = await counts(app)
      const call = director.call.mediation.applyConfirmation({
        id,
        version: 2,
        applicants: 'single',
        appliedOn: '2026-09-07',
      })
      expect(await messageOf(call)).toContain('须由双方当事人共同向人民法院申请（人民调解法第三十三条）')
      expect(
        await tagOf(
          director.call.mediation.applyConfirmation({
            id,
            version: 2,
            applicants: 'single',
            appliedOn: '2026-09-07',
          }),
        ),
      ).toBe('ConfirmationRefused')
      const r = await row(id)
      expect(r.confirmation_applied_on).toBeNull()
      expect(Number(r.version)).toBe(2)
      expect(await counts(app)).toEqual(before)
    })

    it('records a joint application within the window, once, audited', async () => {
      const id = await agreed()
      const r = await director.call.mediation.applyConfirmation({
        id,
        version: 2,
        applicants: 'joint',
        appliedOn: '2026-09-07',
      })
      expect(r.appliedOn).toBe('2026-09-07')
      const c = await director.call.mediation.get({ id })
      expect(c.confirmationAppliedOn).toBe('2026-09-07')
      // the register's export carries it
      const { default: ExcelJS } = await import('exceljs')
      const wb = new ExcelJS.Workbook()
      const file = await director.call.mediation.export({ status: 'agreement' })
      await wb.xlsx.load(
        Buffer.from(file.contentBase64, 'base64') as unknown as Parameters<typeof wb.xlsx.load>[0],
      )
      const ws = wb.getWorksheet('人民调解登记')
      const header = (ws?.getRow(1).values ?? []) as unknown[]
      const column = header.indexOf('双方申请司法确认日期')
      expect(column).toBeGreaterThan(0)
      const rowOf = ws?.getRows(2, ws.rowCount - 1)?.find((r) => r.getCell(1).value === c.caseNo)
      expect(rowOf?.getCell(column).value).toBe('2026-09-07')
      const audit = await app.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', id)
        .where('action', '=', 'mediation.applyConfirmation')
        .execute()
      expect(audit).toHaveLength(1)
      expect(
        await tagOf(
          director.call.mediation.applyConfirmation({
            id,
            version: 3,
            applicants: 'joint',
            appliedOn: '2026-09-07',
          }),
        ),
      ).toBe('MediationStateInvalid')
    })

    it('refuses a joint application after the last day of the window (10-08)', async () => {
      const id = await agreed()
      await at('2026-10-09')
      expect(
        await messageOf(
          director.call.mediation.applyConfirmation({
            id,
            version: 2,
            applicants: 'joint',
            appliedOn: '2026-10-09',
          }),
        ),
      ).toContain('截止 2026-10-08')
      // the last day itself is inside the window (民法典1259: 以内 includes the number)
      expect(
        (
          await director.call.mediation.applyConfirmation({
            id,
            version: 2,
            applicants: 'joint',
            appliedOn: '2026-10-08',
          })
        ).ok,
      ).toBe(true)
    })
  })

  describe("the other party's refusal (人民调解法17)", () => {
    it('at intake in the console: the case ends at once, no task, with the other routes (法26)', async () => {
      await at('2026-09-07')
      const before = await counts(app)
      const r = await director.call.mediation.create(
        walkIn({ otherPartyRefused: true, assigneeId: undefined }),
      )
      expect(r.taskId).toBeNull()
      expect(r.alternatives?.map((a) => a.route)).toEqual([
        '向人民法院提起诉讼',
        '申请仲裁',
        '请求行政机关处理或者行政调解',
        '申请法律援助、咨询法律服务',
      ])
      const c = await director.call.mediation.get({ id: r.id })
      expect(c.status).toBe('refused')
      expect(c.refusedByParty).toBe(true)
      expect(c.refusalReason).toContain('人民调解法》第十七条不得调解')
      expect(c.alternatives).toHaveLength(4)
      const after = await counts(app)
      expect(after.tasks).toBe(before.tasks)
      expect(after.audit).toBe(before.audit + 1)
    })

    it('refuses two refusal grounds at once and changes nothing', async () => {
      const before = await counts(app)
      expect(
        await tagOf(
          director.call.mediation.create(walkIn({ otherPartyRefused: true, handledElsewhere: 'court' })),
        ),
      ).toBe('InvalidInput')
      expect(await counts(app)).toEqual(before)
    })

    it('at the first contact: closes the case and its task; once mediation started, it is a failure instead', async () => {
      await at('2026-09-07')
      const { id, taskId } = await director.call.mediation.create(walkIn())
      const r = await director.call.mediation.update({
        id,
        version: 1,
        action: 'partyRefused',
        refusalNote: '电话联系对方，对方明确表示不同意调解',
      })
      expect(r.alternatives).toHaveLength(4)
      const c = await director.call.mediation.get({ id })
      expect(c.status).toBe('refused')
      expect(c.refusalReason).toContain('对方明确表示不同意调解')
      const task = await app.deps.db
        .selectFrom('tasks')
        .select('status')
        .where('id', '=', taskId ?? '')
        .executeTakeFirstOrThrow()
      expect(task.status).toBe('done')

      const other = await director.call.mediation.create(walkIn())
      await director.call.mediation.update({ id: other.id, version: 1, action: 'start' })
      expect(
        await tagOf(director.call.mediation.update({ id: other.id, version: 2, action: 'partyRefused' })),
      ).toBe('MediationClosed')
      expect((await row(other.id)).status).toBe('mediating')
    })

    it('at the kiosk: recorded and closed at once, the resident gets the reason and the routes', async () => {
      await at('2026-09-07')
      const kiosk = await boundKiosk(app, 'nanma')
      const r = await kiosk.call.kiosk.submitMediation(mediation({ otherPartyConsent: 'refused' }))
      expect(r.refused).toBe(true)
      if (!r.refused) throw new Error('expected a refusal')
      expect(r.reason).toContain('第十七条')
      expect(r.alternatives.map((a) => a.route)).toContain('向人民法院提起诉讼')
      // the director sees it, closed with the reason and the routes the resident was shown
      const list = await director.call.intake.list({ status: 'rejected' })
      const item = list.items.find((i) => i.receiptNo === r.receiptNo)
      expect(item?.otherPartyConsent).toBe('refused')
      expect(item?.rejectReason).toContain('第十七条')
      expect(item?.alternatives).toHaveLength(4)
      // it cannot be accepted into mediation
      expect(
        await tagOf(
          director.call.intake.accept({
            id: item?.id ?? '',
            dutyCode: 'office.peacetime.2',
            title: '不应受理',
            dueDate: '2026-09-30',
            assigneeId: staffId,
          }),
        ),
      ).toBe('IntakeAlreadyDecided')
      // agreed or unsure: an ordinary new request
      const ok = await kiosk.call.kiosk.submitMediation(mediation({ otherPartyConsent: 'agreed' }))
      expect(ok.refused).toBe(false)
      const plain = await kiosk.call.kiosk.submitMediation(mediation())
      expect(plain.refused).toBe(false)
      const fresh = (await director.call.intake.list({ status: 'new' })).items
      expect(fresh.find((i) => i.receiptNo === ok.receiptNo)?.otherPartyConsent).toBe('agreed')
      expect(fresh.find((i) => i.receiptNo === plain.receiptNo)?.otherPartyConsent).toBe('unsure')
    })

    it('accepting a kiosk request counts its target on the engine', async () => {
      await at('2026-09-10') // Thursday: one month is Sat 10-10, a 调休 working day
      const kiosk = await boundKiosk(app, 'nanma')
      await kiosk.call.kiosk.submitMediation(mediation())
      const [first] = (await director.call.intake.list({ status: 'new', limit: 1 })).items
      const { mediationId } = await director.call.intake.accept({
        id: first?.id ?? '',
        dutyCode: 'office.peacetime.2',
        title: '调解邻里纠纷',
        dueDate: '2026-09-30',
        assigneeId: staffId,
      })
      expect((await director.call.mediation.get({ id: mediationId })).targetDate).toBe('2026-10-10')
    })
  })

  describe('electronic monitoring on a ground the record supports (社区矫正法29)', () => {
    let serial = 400
    /** A 南麻 probationer: judgment 2026-11-02, reported 11-03 (active). */
    const supervisee = async (prohibitionOrders?: string) => {
      await at('2026-11-26')
      const staff = await signedIn(app, 'staff-lucun-1')
      const { id } = await staff.call.supervisee.register({
        name: '钱某测试',
        idNumber: idNumber('19800101', String(serial++)),
        correctionType: 'probation',
        townCode: 'nanma',
        managementLevel: 'normal',
        ...(prohibitionOrders ? { prohibitionOrders } : {}),
      })
      await staff.call.supervisee.recordEvent({
        id,
        kind: 'judgment',
        on: '2026-11-02',
        termStart: '2026-11-02',
        termEnd: '2027-11-01',
      })
      await staff.call.supervisee.recordEvent({ id, kind: 'reported', on: '2026-11-03' })
      return { id, staff }
    }
    const events = (id: string) =>
      app.deps.db.selectFrom('supervisee_events').select('kind').where('supervisee_id', '=', id).execute()
    const leader = () => signedIn(app, 'liaison-lucun')
    const ask = (id: string, situation: string, from = '2026-11-26', months = 3) => ({
      id,
      situation,
      months,
      from,
      reason: '经评估有必要使用电子定位装置',
    })

    it('refuses the 警告 ground with only a 训诫 on record, and changes nothing; accepts it after a 警告', async () => {
      const { id, staff } = await supervisee()
      await staff.call.supervisee.sanction({
        id,
        kind: 'reprimand',
        on: '2026-11-20',
        absentDays: 2,
        serious: false,
        reason: '未按规定时间报告活动情况',
      })
      const before = await counts(app)
      const n = (await events(id)).length
      const call = (await leader()).call.supervisee.startMonitoring(ask(id, 'refusedReportAfterWarning'))
      expect(await messageOf(call)).toContain('须已对该对象给予警告')
      expect(
        await tagOf((await leader()).call.supervisee.startMonitoring(ask(id, 'refusedReportAfterWarning'))),
      ).toBe('MonitoringNotAllowed')
      expect((await events(id)).length).toBe(n)
      expect(await counts(app)).toEqual(before)
      await staff.call.supervisee.sanction({
        id,
        kind: 'warning',
        on: '2026-11-25',
        absentDays: 0,
        serious: true,
        reason: '拒不按照规定报告自己的活动情况，经训诫仍不改正',
      })
      expect(
        await (await leader()).call.supervisee.startMonitoring(ask(id, 'refusedReportAfterWarning')),
      ).toEqual({
        ok: true,
        until: '2027-02-25',
        extension: false,
      })
    })

    it('needs the 禁止令 and its recorded breach; a public-security penalty must be on record', async () => {
      const plain = await supervisee()
      // no 禁止令 on the judgment: a breach cannot even be recorded
      expect(
        await tagOf(
          plain.staff.call.supervisee.recordEvent({
            id: plain.id,
            kind: 'prohibitionBreach',
            on: '2026-11-20',
            note: '进入娱乐场所',
          }),
        ),
      ).toBe('CaseStateInvalid')
      expect(
        await tagOf((await leader()).call.supervisee.startMonitoring(ask(plain.id, 'publicSecurityPenalty'))),
      ).toBe('MonitoringNotAllowed')
      await plain.staff.call.supervisee.recordEvent({
        id: plain.id,
        kind: 'publicSecurityPenalty',
        on: '2026-11-24',
        note: '沂公（南）行罚决字〔2026〕101号',
      })
      expect(
        (await (await leader()).call.supervisee.startMonitoring(ask(plain.id, 'publicSecurityPenalty'))).ok,
      ).toBe(true)

      const ordered = await supervisee('禁止进入夜总会、酒吧、迪厅、网吧等娱乐场所')
      expect(
        await tagOf((await leader()).call.supervisee.startMonitoring(ask(ordered.id, 'prohibitionBreach'))),
      ).toBe('MonitoringNotAllowed')
      await ordered.staff.call.supervisee.recordEvent({
        id: ordered.id,
        kind: 'prohibitionBreach',
        on: '2026-11-25',
        note: '夜间进入酒吧',
      })
      expect(
        (await (await leader()).call.supervisee.startMonitoring(ask(ordered.id, 'prohibitionBreach'))).ok,
      ).toBe(true)
    })

    it('extends by at most three months from the day after the period, and not once the ground is gone', async () => {
      const { id, staff } = await supervisee()
      await staff.call.supervisee.sanction({
        id,
        kind: 'revocation',
        on: '2026-11-25',
        absentDays: 40,
        serious: true,
        reason: '脱离监管超过一个月',
      })
      const first = await (await leader()).call.supervisee.startMonitoring(
        ask(id, 'revocationPending', '2026-11-26', 1),
      )
      expect(first).toEqual({ ok: true, until: '2026-12-25', extension: false })
      // overlapping the running period, or more than three months: refused
      expect(
        await messageOf(
          (await leader()).call.supervisee.startMonitoring(ask(id, 'revocationPending', '2026-12-20')),
        ),
      ).toContain('延长期限自 2026-12-26 起算')
      expect(
        await tagOf(
          (await leader()).call.supervisee.startMonitoring(ask(id, 'revocationPending', '2026-12-26', 4)),
        ),
      ).toBe('MonitoringNotAllowed')
      await at('2026-12-24')
      const ext = await (await leader()).call.supervisee.startMonitoring(
        ask(id, 'revocationPending', '2026-12-26', 3),
      )
      expect(ext).toEqual({ ok: true, until: '2027-03-25', extension: true })
      const audit = await app.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', id)
        .where('action', 'like', 'supervisee.monitoring%')
        .orderBy('id')
        .execute()
      expect(audit.map((a) => a.action)).toEqual([
        'supervisee.monitoringStarted',
        'supervisee.monitoringExtended',
      ])
      // the court refuses the proposal: no ground stands any longer, so no further extension
      await (await signedIn(app, 'staff-lucun-1')).call.supervisee.recordEvent({
        id,
        kind: 'revocationRejected',
        on: '2026-12-24',
        note: '法院裁定不予撤销缓刑',
      })
      expect(
        await messageOf(
          (await leader()).call.supervisee.startMonitoring(ask(id, 'revocationPending', '2027-03-26', 1)),
        ),
      ).toContain('已无社区矫正法第29条规定的任何情形，不能延长')
    })
  })

  describe('legal aid: designation within 3 days and the written notices (法律援助法43)', () => {
    const aid = async (decision: 'granted' | 'refused', decisionDate: string) => {
      const { id } = await director.call.legalAid.create({
        officeCode: 'nanma',
        applicantName: '冯某',
        matterType: 'civil.31.5',
        summary: '请求支付拖欠的劳动报酬',
        detained: false,
        handlerId: staffId,
      })
      await director.call.legalAid.update({ id, version: 1, action: 'forward' })
      await director.call.legalAid.update({
        id,
        version: 2,
        action: 'decide',
        decision,
        decisionDate,
        ...(decision === 'refused' ? { decisionNote: '申请事项不属于法律援助范围' } : {}),
      })
      return id
    }
    const caseRow = (id: string) =>
      app.deps.db.selectFrom('legal_aid_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

    it('a grant on Mon 09-28 makes the office a task to designate by Thu 10-08 (3 days end on 10-01, National Day)', async () => {
      await at('2026-09-28')
      const id = await aid('granted', '2026-09-28')
      const c = await director.call.legalAid.get({ id })
      expect(c.designationDue).toBe('2026-10-08')
      expect(c.designationProvisional).toBe(false)
      const task = await app.deps.db
        .selectFrom('tasks')
        .selectAll()
        .where('id', '=', c.designationTaskId ?? '')
        .executeTakeFirstOrThrow()
      expect(task.due_at).toBe('2026-10-08T15:59:59.999Z')
      expect(task.title).toContain('指派法律援助人员')
      expect(task.duty_code).toBe('office.peacetime.4.2')
      const assignees = await app.deps.db
        .selectFrom('task_assignees')
        .select('user_id')
        .where('task_id', '=', task.id)
        .execute()
      expect(assignees.map((a) => a.user_id)).toEqual([staffId])
      const created = await app.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_id', '=', task.id)
        .execute()
      expect(created.map((a) => a.action)).toContain('task.create')

      // the designation: who and when; the task is done, the notice can be issued
      await at('2026-10-08')
      const r = await director.call.legalAid.designate({
        id,
        version: c.version,
        designatedPerson: '山东沂源律师事务所 陈律师',
        designatedOn: '2026-10-08',
      })
      expect(r).toEqual({ ok: true, overdue: false })
      const done = await app.deps.db
        .selectFrom('tasks')
        .select(['status', 'completion_note'])
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow()
      expect(done.status).toBe('done')
      expect(done.completion_note).toContain('陈律师')
      const notice = await director.call.legalAid.notice({ id, kind: 'designation' })
      expect(notice.filename).toBe(`法律援助人员指派通知书-${c.caseNo}.docx`)
      expect(Buffer.from(notice.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK')
      expect(notice.notifiedOn).toBe('2026-10-08')
      expect((await director.call.legalAid.get({ id })).applicantNotifiedOn).toBe('2026-10-08')
      // designated once
      expect(
        await tagOf(
          director.call.legalAid.designate({
            id,
            version: c.version + 1,
            designatedPerson: '另一律师',
            designatedOn: '2026-10-08',
          }),
        ),
      ).toBe('LegalAidStateInvalid')
    })

    it('records a late designation as overdue, and refuses bad dates without change', async () => {
      await at('2026-10-07') // Wed: 3 days end on Sat 10-10, a 调休 working Saturday
      const id = await aid('granted', '2026-10-07')
      const c = await director.call.legalAid.get({ id })
      expect(c.designationDue).toBe('2026-10-10')
      await at('2026-10-12')
      expect((await director.call.legalAid.get({ id })).designationOverdue).toBe(true)
      const before = await caseRow(id)
      for (const designatedOn of ['2026-10-13', '2026-10-06']) {
        expect(
          await tagOf(
            director.call.legalAid.designate({
              id,
              version: c.version,
              designatedPerson: '陈律师',
              designatedOn,
            }),
          ),
        ).toBe('InvalidInput')
      }
      expect(await caseRow(id)).toEqual(before)
      expect(
        (
          await director.call.legalAid.designate({
            id,
            version: c.version,
            designatedPerson: '山东沂源律师事务所 陈律师',
            designatedOn: '2026-10-12',
          })
        ).overdue,
      ).toBe(true)
    })

    it('a refusal is notified in writing with its reason; nothing to designate', async () => {
      await at('2026-09-28')
      const id = await aid('refused', '2026-09-28')
      const c = await director.call.legalAid.get({ id })
      expect(c.designationDue).toBeNull()
      expect(c.designationTaskId).toBeNull()
      expect(
        await tagOf(
          director.call.legalAid.designate({
            id,
            version: c.version,
            designatedPerson: '陈律师',
            designatedOn: '2026-09-28',
          }),
        ),
      ).toBe('LegalAidStateInvalid')
      expect(await tagOf(director.call.legalAid.notice({ id, kind: 'designation' }))).toBe(
        'LegalAidStateInvalid',
      )
      const notice = await director.call.legalAid.notice({ id, kind: 'refusal' })
      expect(notice.filename).toBe(`不予法律援助通知书-${c.caseNo}.docx`)
      const xml = documentXml(Buffer.from(notice.contentBase64, 'base64'))
      expect(xml).toContain('理由：申请事项不属于法律援助范围')
      expect(xml).toContain('第四十九条')
      expect(xml).toContain('冯某')
      expect((await director.call.legalAid.get({ id })).refusalNotifiedOn).toBe('2026-09-28')
      // a reprint keeps the first day of notice
      await at('2026-09-30')
      expect((await director.call.legalAid.notice({ id, kind: 'refusal' })).notifiedOn).toBe('2026-09-28')
      // another office's director cannot issue it
      const other = await signedIn(app, 'dir-xili')
      expect(await tagOf(other.call.legalAid.notice({ id, kind: 'refusal' }))).toBe('NotFound')
    })
  })
})
