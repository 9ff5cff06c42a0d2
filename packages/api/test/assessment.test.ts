// Assessment (issue 12) on SQLite and PostgreSQL: schemes (draft → published, immutable), the scores of a
// month computed from real rows through the aggregate queries equal the pure function over the same rows
// read one by one, scopes (units see their own detail once published), drill-down, export and report.
import {
  type AssessmentFact,
  type AssessmentScheme,
  assessmentUnitsOf,
  cooperationFacts,
  type ModeEvent,
  scoreAssessment,
  type UnitScore,
} from '@pingzhan/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { faultOf } from '../src/trpc/errors.ts'
import { fresh } from './activation-matrix-rows.ts'
import { type Agent, counts, dialects, outcome, setupApp, signedIn, type TestApp, userId } from './harness.ts'

const strip = (list: ReadonlyArray<UnitScore>) =>
  list.map((u) => ({
    unit: u.unitCode,
    rank: u.rank,
    total: u.total,
    indicators: u.indicators.map((i) => [i.code, i.numerator, i.denominator, i.points]),
  }))

/** Every row read one by one and turned into one fact per record (no aggregate query). */
const factsFromRows = async (app: TestApp, from: string, to: string): Promise<AssessmentFact[]> => {
  const db = app.deps.db
  const org = app.deps.org
  const tasks = await db.selectFrom('tasks').selectAll().execute()
  const facts: AssessmentFact[] = tasks
    .filter(
      (t) =>
        t.status !== 'cancelled' &&
        t.due_at >= from &&
        t.due_at < '2026-11-30T16:00:00.000Z' &&
        (t.due_at < to || t.completed_at !== null),
    )
    .map((t) => ({
      kind: 'tasks',
      id: t.id,
      office: t.office_code,
      squad: t.squad_code,
      duty: t.duty_code,
      statutory: t.source === 'statutory',
      due: 1,
      onTime: t.completed_at !== null && t.completed_at <= t.due_at ? 1 : 0,
    }))
  for (const m of await db.selectFrom('mediation_cases').selectAll().execute()) {
    if (
      (m.status === 'agreement' || m.status === 'failed') &&
      m.closed_at &&
      m.closed_at >= from &&
      m.closed_at < to
    ) {
      facts.push({
        kind: 'mediation',
        id: m.id,
        office: m.office_code,
        squad: m.area_code,
        closed: 1,
        agreed: m.status === 'agreement' ? 1 : 0,
      })
    }
  }
  const events = await db.selectFrom('mode_events').selectAll().orderBy('seq').execute()
  for (const a of await db.selectFrom('activations').selectAll().execute()) {
    if (a.started_at < from || a.started_at >= to) continue
    const cf = cooperationFacts(
      events.filter((e) => e.activation_id === a.id).map((e) => JSON.parse(e.payload) as ModeEvent),
      a.id,
    )
    if (cf)
      facts.push({
        kind: 'activation',
        id: a.id,
        squad: a.area_code,
        roster: cf.rosterSize,
        prompt: cf.acknowledgedWithinWindow,
      })
  }
  for (const e of events) {
    if (e.kind !== 'RefusalRecorded' || e.at < from || e.at >= to) continue
    const person = (JSON.parse(e.payload) as { person: string }).person
    const p = org.positionOf(person)
    if (p?.kind === 'officeDirector')
      facts.push({
        kind: 'refusal',
        id: e.id,
        office: p.office,
        squad: org.areaOfOffice(p.office),
        activationId: e.activation_id ?? '',
      })
    else if (p?.kind === 'squadLeader' || p?.kind === 'squadMember')
      facts.push({
        kind: 'refusal',
        id: e.id,
        office: null,
        squad: p.squad,
        activationId: e.activation_id ?? '',
      })
  }
  for (const r of await db.selectFrom('accountability_records').selectAll().execute()) {
    if (r.revoked_at === null && r.occurred_on >= '2026-11-01' && r.occurred_on < '2026-12-01') {
      facts.push({
        kind: 'accountability',
        id: r.id,
        unitType: r.unit_type,
        unitCode: r.unit_code,
        category: r.category as 'falsification',
      })
    }
  }
  return facts
}

for (const dialect of dialects) {
  describe(`assessment (${dialect})`, () => {
    let app: TestApp
    let admin: Agent
    let schemeId = ''
    let rowVersion = 1
    let template: AssessmentScheme
    const taskIds: string[] = []

    beforeAll(async () => {
      app = await setupApp(dialect)
      admin = await signedIn(app, 'admin')
    })
    afterAll(async () => {
      await app.close()
    })

    it('refuses a scheme whose weights do not sum to 100, in Chinese, and writes nothing', async () => {
      template = await admin.call.assessment.schemeTemplate()
      const before = await counts(app)
      const bad = { ...template, parts: { daily: 70, yearEnd: 20 } }
      const error = await admin.call.assessment.saveScheme({ scheme: bad }).catch((e: unknown) => e)
      expect(faultOf(error)?.tag).toBe('SchemeInvalid')
      expect((error as Error).message).toBe('考核方案有误：平时考核与年底考核的权重之和应为 100（现为 90）')
      expect(await admin.call.assessment.schemes()).toEqual([])
      expect((await counts(app)).audit).toBe(before.audit)
    })

    it('saves a draft, publishes it, and then refuses every change', async () => {
      const saved = await admin.call.assessment.saveScheme({ scheme: template })
      expect(saved.version).toBe(1)
      schemeId = saved.id
      const renamed = await admin.call.assessment.saveScheme({
        id: schemeId,
        rowVersion: saved.rowVersion,
        scheme: { ...template, name: '沂源县考核方案（试行）' },
      })
      rowVersion = renamed.rowVersion
      // a director may not edit schemes
      const dir = await signedIn(app, 'dir-nanma')
      expect(await outcome(dir.call.assessment.saveScheme({ scheme: template }))).toBe('FORBIDDEN')
      expect(await outcome(dir.call.assessment.schemes())).toBe('FORBIDDEN')
      await admin.call.assessment.publishScheme({ id: schemeId, rowVersion })
      // the same publish again (stale) changes nothing
      expect(await outcome(admin.call.assessment.publishScheme({ id: schemeId, rowVersion }))).toBe(
        'CONFLICT',
      )
      const audit = (await counts(app)).audit
      const error = await admin.call.assessment
        .saveScheme({ id: schemeId, rowVersion: rowVersion + 1, scheme: { ...template, name: '改名' } })
        .catch((e: unknown) => e)
      expect(faultOf(error)?.tag).toBe('SchemeImmutable')
      expect((error as Error).message).toBe('考核方案第 1 版已发布，不能修改；如需调整请另建新版本')
      const stored = await admin.call.assessment.scheme({ id: schemeId })
      expect([stored.status, stored.name]).toEqual(['published', '沂源县考核方案（试行）'])
      expect((await counts(app)).audit).toBe(audit)
      // a change is a new version; two new versions at once never share a number
      const both = await Promise.all([
        outcome(admin.call.assessment.saveScheme({ scheme: { ...template, name: '第二版' } })),
        outcome(admin.call.assessment.saveScheme({ scheme: { ...template, name: '第二版（另一份）' } })),
      ])
      expect(both).toContain('OK')
      const versions = (await admin.call.assessment.schemes()).map((s) => s.version).sort()
      expect(new Set(versions).size).toBe(versions.length)
      expect(versions).toContain(2)
    })

    it('scores November from real rows exactly as the pure function does over the same rows', async () => {
      const director = await signedIn(app, 'dir-nanma')
      const me = await userId(app, 'dir-nanma')
      // four 南麻 tasks due 27 November (Beijing)
      for (let i = 0; i < 4; i++) {
        const { taskId } = await director.call.task.create({
          unitKind: 'office',
          unitCode: 'nanma',
          dutyCode: 'office.peacetime.2',
          title: `调解回访${i + 1}`,
          dueDate: '2026-11-27',
          assigneeIds: [me],
        })
        taskIds.push(taskId)
      }
      const complete = async (id: string) => {
        const t = await director.call.task.get({ id })
        await director.call.task.complete({ id, version: t.version, note: '已办结' })
      }
      await complete(taskIds[0] ?? '')
      await complete(taskIds[1] ?? '')
      // two mediations: one agreement, one failure
      for (const outcomeOf of ['agree', 'fail'] as const) {
        const { id } = await director.call.mediation.create({
          source: 'walk_in',
          applicantName: '王五',
          otherParty: '赵六',
          disputeType: '邻里纠纷',
          summary: '邻里之间因排水问题发生纠纷',
          assigneeId: me,
        })
        let m = await director.call.mediation.get({ id })
        await director.call.mediation.update({ id, version: m.version, action: 'start' })
        m = await director.call.mediation.get({ id })
        await director.call.mediation.update(
          outcomeOf === 'agree'
            ? {
                id,
                version: m.version,
                action: 'agree',
                agreementText: '双方同意共同修缮排水沟',
                agreementDate: '2026-11-26',
              }
            : { id, version: m.version, action: 'fail', failureNote: '一方拒绝继续调解' },
        )
      }
      // an activation in 鲁村: 鲁村所长 refuses (推诿), a squad member acknowledges
      const activationId = await fresh(app)
      const dirLucun = await signedIn(app, 'dir-lucun')
      await dirLucun.call.activation.decline({
        id: activationId,
        reason: 'divisionOfLabour',
        note: '这是中队的活',
      })
      const staff = await signedIn(app, 'staff-lucun-1')
      await staff.call.activation.acknowledge({ id: activationId, etaMinutes: 10 })
      // 弄虚作假 at 西里司法所
      await admin.call.assessment.recordAccountability({
        category: 'falsification',
        unitType: 'office',
        unitCode: 'xili',
        personName: '西里所长（演示）',
        occurredOn: '2026-11-20',
        facts: '台账记录与实际不符',
        decision: '通报批评',
      })
      // three days later: one more task done late, one left open
      app.clock.advance(3 * 86_400_000)
      // sessions expired meanwhile (30 minutes idle): sign in again
      admin = await signedIn(app, 'admin')
      const again = await signedIn(app, 'dir-nanma')
      const late = await again.call.task.get({ id: taskIds[2] ?? '' })
      await again.call.task.complete({ id: late.id, version: late.version, note: '逾期办结' })

      const view = await admin.call.assessment.results({ period: '2026-11', schemeId })
      const nanma = view.office.find((u) => u.unitCode === 'nanma')
      expect(nanma?.indicators.find((i) => i.code === 'office.tasks')).toMatchObject({
        numerator: 2,
        denominator: 4,
        points: 0,
      })
      expect(nanma?.indicators.find((i) => i.code === 'office.mediation')).toMatchObject({
        numerator: 1,
        denominator: 2,
        points: 0,
      })
      const lucun = view.office.find((u) => u.unitCode === 'lucun')
      expect(lucun?.indicators.find((i) => i.code === 'office.refusals')).toMatchObject({
        numerator: 1,
        points: 10,
      })
      expect(view.office.find((u) => u.unitCode === 'xili')?.deducted).toBe(10)
      expect(
        view.squad.find((u) => u.unitCode === 'lucun')?.indicators.find((i) => i.code === 'squad.ack')
          ?.denominator,
      ).toBeGreaterThan(0)

      const scheme = (await admin.call.assessment.scheme({ id: schemeId })).scheme
      const to = app.clock.now().toISOString()
      const pure = scoreAssessment(
        scheme,
        assessmentUnitsOf(app.deps.org),
        await factsFromRows(app, '2026-10-31T16:00:00.000Z', to),
        'month',
      )
      expect(strip(view.office)).toEqual(strip(pure.office))
      expect(strip(view.squad)).toEqual(strip(pure.squad))
      expect(strip(view.area)).toEqual(strip(pure.area))
      // recomputing the same period with the same version gives the same result
      expect(strip((await admin.call.assessment.results({ period: '2026-11', schemeId })).office)).toEqual(
        strip(view.office),
      )
    })

    it('drills down from a score to the tasks behind it', async () => {
      const facts = await admin.call.assessment.facts({
        period: '2026-11',
        schemeId,
        unitType: 'office',
        unitCode: 'nanma',
        indicator: 'office.tasks',
      })
      expect(facts.items.map((f) => [f.id, f.good, f.detail]).sort()).toEqual(
        [
          [taskIds[0], true, '按时办结'],
          [taskIds[1], true, '按时办结'],
          [taskIds[2], false, '逾期办结'],
          [taskIds[3], false, '逾期未办结'],
        ].sort(),
      )
      expect(facts.items[0]?.link).toMatch(/^\/tasks\?task=/)
    })

    it('shows units nothing before publication, then their own detail and the others’ totals', async () => {
      const dir = await signedIn(app, 'dir-nanma')
      const before = await dir.call.assessment.results({ period: '2026-11' })
      expect([before.publication, before.office.length]).toEqual([null, 0])
      const dept = await signedIn(app, 'dept-1')
      expect(await outcome(dept.call.assessment.results({ period: '2026-11' }))).toBe('FORBIDDEN')
      expect(await outcome(dir.call.assessment.publishResults({ period: '2026-11', schemeId }))).toBe(
        'FORBIDDEN',
      )

      // two at once: the period's unique index lets one through
      const both = await Promise.all([
        outcome(admin.call.assessment.publishResults({ period: '2026-11', schemeId })),
        outcome(admin.call.assessment.publishResults({ period: '2026-11', schemeId })),
      ])
      expect(both.sort()).toEqual(['CONFLICT', 'OK'])
      expect(await outcome(admin.call.assessment.publishResults({ period: '2026-11', schemeId }))).toBe(
        'CONFLICT',
      )
      const after = await dir.call.assessment.results({ period: '2026-11' })
      expect(after.office).toHaveLength(12)
      const own = after.office.find((u) => u.unitCode === 'nanma')
      const other = after.office.find((u) => u.unitCode === 'xili')
      expect([own?.detail, own?.indicators.length]).toEqual([true, 4])
      expect([other?.detail, other?.indicators.length, other?.total]).toEqual([false, 0, 90])
      expect(
        await outcome(
          dir.call.assessment.facts({
            period: '2026-11',
            unitType: 'office',
            unitCode: 'xili',
            indicator: 'office.tasks',
          }),
        ),
      ).toBe('NOT_FOUND')
      const mine = await dir.call.assessment.facts({
        period: '2026-11',
        unitType: 'office',
        unitCode: 'nanma',
        indicator: 'office.tasks',
      })
      expect(mine.items).toHaveLength(4)
      // a squad member sees the squad's and the area's detail
      const staff = await signedIn(app, 'staff-xili-1')
      const sq = await staff.call.assessment.results({ period: '2026-11' })
      expect(sq.squad.filter((u) => u.detail).map((u) => u.unitCode)).toEqual(['xili'])
      expect(sq.area.filter((u) => u.detail).map((u) => u.unitCode)).toEqual(['xili'])
    })

    it('enters year-end scores (audited), which count for the year only', async () => {
      await admin.call.assessment.enterScore({
        year: 2026,
        unitType: 'office',
        unitCode: 'nanma',
        entry: 'onSite',
        score: 80,
        note: '现场点评',
      })
      await admin.call.assessment.enterScore({
        year: 2026,
        unitType: 'office',
        unitCode: 'nanma',
        entry: 'onSite',
        score: 85,
        note: '复核',
      })
      const entries = await admin.call.assessment.entries({ year: 2026 })
      expect(entries.map((e) => [e.unitCode, e.entry, e.score])).toEqual([['nanma', 'onSite', 85]])
      const year = await admin.call.assessment.results({ period: '2026', schemeId })
      expect(
        year.office.find((u) => u.unitCode === 'nanma')?.indicators.find((i) => i.code === 'office.onSite')
          ?.points,
      ).toBe(51)
      const month = await admin.call.assessment.results({ period: '2026-11', schemeId })
      expect(
        month.office.find((u) => u.unitCode === 'nanma')?.indicators.some((i) => i.code === 'office.onSite'),
      ).toBe(false)
      expect(
        await outcome(
          admin.call.assessment.enterScore({
            year: 2026,
            unitType: 'office',
            unitCode: 'nowhere',
            entry: 'onSite',
            score: 1,
            note: '',
          }),
        ),
      ).toBe('BAD_REQUEST')
    })

    it('exports the rankings to Excel and prints the party group’s report', async () => {
      const xlsx = await admin.call.assessment.export({ period: '2026-11', schemeId })
      expect(xlsx.rows).toBe(18)
      expect(Buffer.from(xlsx.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK')
      const leader = await signedIn(app, 'liaison-lucun')
      const doc = await leader.call.assessment.report({ period: '2026-11' })
      expect(doc.filename).toBe('考核情况报告-2026-11.docx')
      expect(Buffer.from(doc.base64, 'base64').subarray(0, 2).toString()).toBe('PK')
      const trend = await leader.call.assessment.trend({ year: 2026, unitType: 'office' })
      expect(trend.months.map((m) => m.key)).toEqual([
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
      ])
    })

    it('counts a task done before its due time at once, and not one that is neither due nor done', async () => {
      const director = await signedIn(app, 'dir-nanma')
      const me = await userId(app, 'dir-nanma')
      const make = (title: string) =>
        director.call.task.create({
          unitKind: 'office',
          unitCode: 'nanma',
          dutyCode: 'office.peacetime.2',
          title,
          dueDate: '2026-11-30',
          assigneeIds: [me],
        })
      const early = await make('提前办结的回访')
      await make('尚未到期的回访')
      const t = await director.call.task.get({ id: early.taskId })
      await director.call.task.complete({ id: t.id, version: t.version, note: '提前办结' })
      const view = await admin.call.assessment.results({ period: '2026-11', schemeId })
      // 2 of 4 before, now 3 of 5: the open task due tomorrow is not judged yet
      expect(
        view.office.find((u) => u.unitCode === 'nanma')?.indicators.find((i) => i.code === 'office.tasks'),
      ).toMatchObject({ numerator: 3, denominator: 5 })
    })

    it('revokes an accountability record once (audited)', async () => {
      const [rec] = await admin.call.assessment.accountability({ year: 2026 })
      await admin.call.assessment.revokeAccountability({ id: rec?.id ?? '', reason: '经复核不予问责' })
      expect(
        await outcome(admin.call.assessment.revokeAccountability({ id: rec?.id ?? '', reason: '再次撤销' })),
      ).toBe('CONFLICT')
      const view = await admin.call.assessment.results({ period: '2026-11', schemeId })
      expect(view.office.find((u) => u.unitCode === 'xili')?.deducted).toBe(0)
    })
  })
}
