// Authorization-matrix rows of oversight (issue 12, policy 四.1): inspections (四不两直), the escalation
// register (提报) and the liaison dashboard. `own` users work in 鲁村中队辖区 / 南麻司法所, `foreign` in 西里.
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

const JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='

/** An inspection of 南麻司法所 by 鲁村's liaison leader, with one finding and one photo. */
const inspect = async (app: TestApp) => {
  const leader = await signedIn(app, 'liaison-lucun')
  const { id, findingIds } = await leader.call.inspection.record({
    unitType: 'office',
    unitCode: 'nanma',
    visitedAt: app.deps.clock().toISOString(),
    place: '南麻司法所',
    checked: '矩阵测试检查',
    findings: [{ text: '矩阵测试问题', dutyCode: 'office.peacetime.2' }],
  })
  const { photoId } = await leader.call.inspection.addPhoto({ id, photo: JPEG })
  return { id, findingId: findingIds[0] ?? '', photoId, leader }
}

// One per app and purpose: only the liaison leader's own call changes it, and every other caller is
// refused on their role before its state is looked at, so the rows share it (the matrix stays fast).
const cache = new WeakMap<TestApp, Map<string, ReturnType<typeof inspect>>>()
const inspected = (app: TestApp, purpose = 'read') => {
  const m = cache.get(app) ?? new Map<string, ReturnType<typeof inspect>>()
  cache.set(app, m)
  let p = m.get(purpose)
  if (p === undefined) {
    p = inspect(app)
    m.set(purpose, p)
  }
  return p
}
const rectified = new WeakMap<TestApp, Promise<{ findingId: string }>>()

/** Everything of an inspection of 南麻: the bureau and its leaders, the office itself. */
const inspectionReaders: Expect = {
  bureauAdmin: OK,
  bureauLeader: OK,
  brigadeLeader: F,
  squadLeader: same('NOT_FOUND'),
  squadMember: F,
  officeDirector: scoped('NOT_FOUND'),
  departmentStaff: F,
  securityAdmin: F,
  auditAdmin: F,
  anonymous: U,
}
/** Managing an inspection: the liaison leader of its area. */
const liaisonOnly: Expect = {
  bureauAdmin: F,
  bureauLeader: scoped('FORBIDDEN'),
  brigadeLeader: F,
  squadLeader: same('NOT_FOUND'),
  squadMember: F,
  // the office reads its own inspection but does not manage it
  officeDirector: ['FORBIDDEN', 'NOT_FOUND'],
  departmentStaff: F,
  securityAdmin: F,
  auditAdmin: F,
  anonymous: U,
}

export const OVERSIGHT_ROWS: Record<string, Row> = {
  'inspection.list': {
    call: async (a, _f, app) => {
      const { id } = await inspected(app)
      return { id, list: await a.call.inspection.list({}) }
    },
    sees: (r) => {
      const { id, list } = r as { id: string; list: Array<{ id: string }> }
      return list.some((x) => x.id === id)
    },
    expect: {
      ...inspectionReaders,
      squadLeader: same('EMPTY'),
      officeDirector: scoped('EMPTY'),
    },
  },
  'inspection.get': {
    call: async (a, _f, app) => a.call.inspection.get({ id: (await inspected(app)).id }),
    expect: inspectionReaders,
  },
  'inspection.photo': {
    call: async (a, _f, app) => a.call.inspection.photo({ id: (await inspected(app)).photoId }),
    expect: inspectionReaders,
  },
  'inspection.record': {
    call: (a, _f, app) =>
      a.call.inspection.record({
        unitType: 'office',
        unitCode: 'nanma',
        visitedAt: app.deps.clock().toISOString(),
        place: '南麻司法所',
        checked: '矩阵测试检查',
        findings: [],
      }),
    expect: {
      bureauAdmin: F,
      // 西里's leader liaises another area
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: F,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'inspection.addPhoto': {
    call: async (a, _f, app) =>
      a.call.inspection.addPhoto({ id: (await inspected(app, 'photo')).id, photo: JPEG }),
    expect: liaisonOnly,
  },
  'inspection.rectify': {
    call: async (a, _f, app) =>
      a.call.inspection.rectify({
        findingId: (await inspected(app)).findingId,
        dutyCode: 'office.peacetime.2',
        dueDate: '2026-12-31',
      }),
    expect: liaisonOnly,
  },
  'inspection.checkFinding': {
    call: async (a, _f, app) => {
      let ready = rectified.get(app)
      if (ready === undefined) {
        ready = (async () => {
          const { findingId, leader } = await inspected(app, 'check')
          const { taskId } = await leader.call.inspection.rectify({
            findingId,
            dutyCode: 'office.peacetime.2',
            dueDate: '2026-12-31',
          })
          const director = await signedIn(app, 'dir-nanma')
          const t = await director.call.task.get({ id: taskId })
          await director.call.task.complete({ id: taskId, version: t.version, note: '矩阵测试整改' })
          return { findingId }
        })()
        rectified.set(app, ready)
      }
      const { findingId } = await ready
      return a.call.inspection.checkFinding({ findingId, version: 2, accept: true, note: '矩阵测试验收' })
    },
    expect: liaisonOnly,
  },
  'escalation.list': {
    call: async (a, _f, app) => {
      const lead = await signedIn(app, 'lead-lucun')
      const { id } = await lead.call.escalation.raise({ question: '矩阵测试提报事项', deadlineHours: 24 })
      return { id, list: await a.call.escalation.list({}) }
    },
    sees: (r) => {
      const { id, list } = r as { id: string; list: Array<{ id: string }> }
      return list.some((x) => x.id === id)
    },
    expect: {
      bureauAdmin: OK,
      bureauLeader: OK,
      brigadeLeader: OK,
      squadLeader: scoped('EMPTY'),
      squadMember: F,
      officeDirector: scoped('EMPTY'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'escalation.raise': {
    call: (a) => a.call.escalation.raise({ question: '矩阵测试提报事项', deadlineHours: 24 }),
    expect: {
      bureauAdmin: F,
      bureauLeader: OK,
      brigadeLeader: OK,
      squadLeader: OK,
      squadMember: F,
      officeDirector: OK,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'escalation.decide': {
    call: async (a, _f, app) => {
      const lead = await signedIn(app, 'lead-lucun')
      const { id } = await lead.call.escalation.raise({ question: '矩阵测试提报事项', deadlineHours: 24 })
      return a.call.escalation.decide({ id, version: 1, decision: '矩阵测试决策' })
    },
    expect: {
      bureauAdmin: F,
      // any bureau leader records the party group's decision
      bureauLeader: OK,
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: F,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'oversight.dashboard': {
    call: (a) => a.call.oversight.dashboard(),
    expect: {
      bureauAdmin: F,
      bureauLeader: OK,
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: F,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
}
