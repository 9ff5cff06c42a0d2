// Authorization-matrix rows of assessment and oversight (issue 12), spread into matrix.test.ts's ROWS.
// `own` users work in 鲁村中队辖区 / 南麻司法所, `foreign` in 西里 (see matrix.test.ts). The bureau
// (系统管理员) edits schemes, entries and accountability and publishes; the bureau leaders read everything;
// the brigade and the units read a period once published (units: their own unit's detail only).
import type { Role } from '@pingzhan/domain'
import { type Agent, signedIn, type TestApp } from './harness.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'
type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }
interface Row {
  readonly call: (a: Agent, f: unknown, app: TestApp) => Promise<unknown>
  readonly sees?: (result: unknown, f: unknown) => boolean
  readonly expect: Expect
}

const same = (o: Outcome) => [o, o] as const
const scoped = (foreign: Outcome) => ['OK', foreign] as const
const F = same('FORBIDDEN')
const U: Outcome = 'UNAUTHORIZED'
const OK = same('OK')

interface Setup {
  readonly schemeId: string
}
const setups = new WeakMap<TestApp, Promise<Setup>>()

/** A published scheme and the published result of 2026-11, once per app. */
export const assessmentSetup = (app: TestApp): Promise<Setup> => {
  let s = setups.get(app)
  if (s === undefined) {
    s = (async () => {
      const admin = await signedIn(app, 'admin')
      const template = await admin.call.assessment.schemeTemplate()
      const { id, rowVersion } = await admin.call.assessment.saveScheme({
        scheme: { ...template, code: 'matrix' },
      })
      await admin.call.assessment.publishScheme({ id, rowVersion })
      await admin.call.assessment.publishResults({ period: '2026-11', schemeId: id })
      return { schemeId: id }
    })()
    setups.set(app, s)
  }
  return s
}

let years = 2001

/** Only the bureau. */
const bureau: Expect = {
  bureauAdmin: OK,
  bureauLeader: F,
  brigadeLeader: F,
  squadLeader: F,
  squadMember: F,
  officeDirector: F,
  departmentStaff: F,
  securityAdmin: F,
  auditAdmin: F,
  anonymous: U,
}
/** The bureau and its leaders. */
const leadership: Expect = { ...bureau, bureauLeader: OK }
/** Everyone assessed or leading, once published; departments and the administrative roles nothing. */
const readers: Expect = {
  ...leadership,
  brigadeLeader: OK,
  squadLeader: OK,
  squadMember: OK,
  officeDirector: OK,
}

export const ASSESSMENT_ROWS: Record<string, Row> = {
  'assessment.schemes': {
    call: async (a, _f, app) => {
      await assessmentSetup(app)
      return a.call.assessment.schemes()
    },
    sees: (r) => (r as Array<{ code: string }>).some((s) => s.code === 'matrix'),
    expect: leadership,
  },
  'assessment.scheme': {
    call: async (a, _f, app) => a.call.assessment.scheme({ id: (await assessmentSetup(app)).schemeId }),
    expect: leadership,
  },
  'assessment.schemeTemplate': { call: (a) => a.call.assessment.schemeTemplate(), expect: bureau },
  'assessment.saveScheme': {
    call: async (a, _f, app) => {
      const admin = await signedIn(app, 'admin')
      const template = await admin.call.assessment.schemeTemplate()
      return a.call.assessment.saveScheme({ scheme: { ...template, code: 'matrix-draft' } })
    },
    expect: bureau,
  },
  'assessment.publishScheme': {
    call: async (a, _f, app) => {
      const admin = await signedIn(app, 'admin')
      const template = await admin.call.assessment.schemeTemplate()
      const { id, rowVersion } = await admin.call.assessment.saveScheme({
        scheme: { ...template, code: 'matrix-pub' },
      })
      return a.call.assessment.publishScheme({ id, rowVersion })
    },
    expect: bureau,
  },
  'assessment.results': {
    call: async (a, _f, app) => {
      await assessmentSetup(app)
      return a.call.assessment.results({ period: '2026-11' })
    },
    sees: (r) => (r as { office: Array<{ unitCode: string }> }).office.some((u) => u.unitCode === 'nanma'),
    expect: readers,
  },
  'assessment.publishResults': {
    call: async (a, _f, app) => {
      const { schemeId } = await assessmentSetup(app)
      return a.call.assessment.publishResults({ period: String(years++), schemeId })
    },
    expect: bureau,
  },
  'assessment.trend': {
    call: async (a, _f, app) => {
      await assessmentSetup(app)
      return a.call.assessment.trend({ year: 2026, unitType: 'office' })
    },
    sees: (r) => (r as { months: Array<{ key: string }> }).months.some((m) => m.key === '2026-11'),
    expect: readers,
  },
  'assessment.facts': {
    call: async (a, _f, app) => {
      await assessmentSetup(app)
      return a.call.assessment.facts({
        period: '2026-11',
        unitType: 'office',
        unitCode: 'nanma',
        indicator: 'office.tasks',
      })
    },
    expect: {
      ...readers,
      // the detail of 南麻司法所 is its own, the bureau's, its leaders' and the brigade's
      officeDirector: scoped('NOT_FOUND'),
      squadLeader: same('NOT_FOUND'),
      squadMember: same('NOT_FOUND'),
    },
  },
  'assessment.entries': { call: (a) => a.call.assessment.entries({ year: 2026 }), expect: leadership },
  'assessment.enterScore': {
    call: (a) =>
      a.call.assessment.enterScore({
        year: 2026,
        unitType: 'office',
        unitCode: 'nanma',
        entry: 'materials',
        score: 90,
        note: '矩阵测试',
      }),
    expect: bureau,
  },
  'assessment.accountability': { call: (a) => a.call.assessment.accountability({}), expect: leadership },
  'assessment.recordAccountability': {
    call: (a) =>
      a.call.assessment.recordAccountability({
        category: 'workStyle',
        unitType: 'office',
        unitCode: 'nanma',
        personName: '矩阵测试',
        occurredOn: '2025-01-01',
        facts: '矩阵测试事实',
        decision: '矩阵测试',
      }),
    expect: bureau,
  },
  'assessment.revokeAccountability': {
    call: async (a, _f, app) => {
      const admin = await signedIn(app, 'admin')
      const { id } = await admin.call.assessment.recordAccountability({
        category: 'workStyle',
        unitType: 'office',
        unitCode: 'nanma',
        personName: '矩阵测试',
        occurredOn: '2025-01-01',
        facts: '矩阵测试事实',
        decision: '矩阵测试',
      })
      return a.call.assessment.revokeAccountability({ id, reason: '矩阵测试撤销' })
    },
    expect: bureau,
  },
  'assessment.export': {
    call: async (a, _f, app) => {
      await assessmentSetup(app)
      return a.call.assessment.export({ period: '2026-11' })
    },
    expect: readers,
  },
  'assessment.report': {
    call: async (a, _f, app) => {
      await assessmentSetup(app)
      return a.call.assessment.report({ period: '2026-11' })
    },
    expect: leadership,
  },
}
