// Issue 16, on SQLite and PostgreSQL: the periods of the mediation register on the calendar engine, the
// parties' consent (人民调解法17) at intake — console and kiosk — and at the first contact, the joint
// application for judicial confirmation (人民调解法33).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { faultOf } from '../src/trpc/errors.ts'
import {
  type Agent,
  boundKiosk,
  counts,
  dialects,
  mediation,
  setupApp,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'

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
      expect((await director.call.mediation.get({ id })).confirmationAppliedOn).toBe('2026-09-07')
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
})
