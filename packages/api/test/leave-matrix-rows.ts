// Authorization-matrix rows of issue 3's second wave: staff leave (请假/外出), escalation decisions and
// the history of ended activations. `own` users work in 鲁村, `foreign` in 西里 (see matrix.test.ts).
import type { Role } from '@pingzhan/domain'
import { fresh } from './activation-matrix-rows.ts'
import { type Agent, signedIn, type TestApp, userId } from './harness.ts'

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

/** The brigade records an absence of 鲁村中队队员一 (far in the future, so no activation is affected). */
const leaveOf = async (app: TestApp): Promise<string> => {
  const brigade = await signedIn(app, 'brigade')
  const { id } = await brigade.call.staffLeave.record({
    userId: await userId(app, 'staff-lucun-1'),
    kind: 'leave',
    from: '2099-01-01',
    to: '2099-01-02',
    reason: '矩阵测试请假',
  })
  return id
}

/** A fresh 鲁村 activation with a question the 鲁村 squad leader raised to the liaison. */
const escalated = async (app: TestApp): Promise<{ id: string; escalationId: string }> => {
  const id = await fresh(app)
  const leader = await signedIn(app, 'lead-lucun')
  await leader.call.activation.escalate({ id, to: 'liaison', question: '矩阵测试提报', deadlineHours: 2 })
  const board = await leader.call.activation.get({ id })
  return { id, escalationId: board.escalations[0]?.escalationId ?? '' }
}

/** Only the brigade (anyone) and a squad leader (own area) record absences. */
const recorders: Expect = {
  bureauAdmin: F,
  bureauLeader: F,
  brigadeLeader: same('OK'),
  squadLeader: scoped('NOT_FOUND'),
  squadMember: F,
  officeDirector: F,
  departmentStaff: F,
  securityAdmin: F,
  auditAdmin: F,
  anonymous: U,
}

export const LEAVE_ROWS: Record<string, Row> = {
  'staffLeave.list': {
    call: async (a, _f, app) => {
      const id = await leaveOf(app)
      return { id, list: await a.call.staffLeave.list() }
    },
    sees: (r) => {
      const { id, list } = r as { id: string; list: Array<{ id: string }> }
      return list.some((x) => x.id === id)
    },
    expect: {
      bureauAdmin: F,
      bureauLeader: scoped('EMPTY'),
      brigadeLeader: same('OK'),
      squadLeader: scoped('EMPTY'),
      // a member reads their own records only: the record is 鲁村中队队员一's
      squadMember: scoped('EMPTY'),
      officeDirector: same('EMPTY'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'staffLeave.people': {
    call: (a) => a.call.staffLeave.people(),
    sees: (r) => (r as Array<{ name: string }>).some((p) => p.name === '鲁村中队队员一（演示）'),
    expect: {
      bureauAdmin: F,
      bureauLeader: F,
      brigadeLeader: same('OK'),
      squadLeader: scoped('EMPTY'),
      squadMember: F,
      officeDirector: F,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'staffLeave.record': {
    call: async (a, _f, app) =>
      a.call.staffLeave.record({
        userId: await userId(app, 'staff-lucun-2'),
        kind: 'out',
        from: '2099-02-01',
        to: '2099-02-01',
        reason: '矩阵测试外出',
      }),
    expect: recorders,
  },
  'staffLeave.cancel': {
    call: async (a, _f, app) => a.call.staffLeave.cancel({ id: await leaveOf(app) }),
    expect: recorders,
  },
  'activation.history': {
    call: async (a, _f, app) => {
      const id = await fresh(app)
      await (await signedIn(app, 'brigade')).call.activation.standDown({ id, summary: '矩阵测试收队' })
      return { id, page: await a.call.activation.history({}) }
    },
    sees: (r) => {
      const { id, page } = r as { id: string; page: { items: Array<{ id: string }> } }
      return page.items.some((x) => x.id === id)
    },
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: scoped('EMPTY'),
      brigadeLeader: same('OK'),
      squadLeader: scoped('EMPTY'),
      squadMember: scoped('EMPTY'),
      officeDirector: scoped('EMPTY'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.pendingDecisions': {
    call: async (a, _f, app) => {
      const { id } = await escalated(app)
      return { id, list: await a.call.activation.pendingDecisions() }
    },
    sees: (r) => {
      const { id, list } = r as { id: string; list: Array<{ activationId: string }> }
      return list.some((x) => x.activationId === id)
    },
    expect: {
      bureauAdmin: same('EMPTY'),
      bureauLeader: scoped('EMPTY'),
      brigadeLeader: same('EMPTY'),
      squadLeader: same('EMPTY'),
      squadMember: same('EMPTY'),
      officeDirector: same('EMPTY'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.decideEscalation': {
    call: async (a, _f, app) => {
      const { id, escalationId } = await escalated(app)
      return a.call.activation.decideEscalation({ id, escalationId, decision: '矩阵测试决策' })
    },
    expect: {
      bureauAdmin: F,
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: F,
      squadLeader: ['FORBIDDEN', 'NOT_FOUND'],
      squadMember: ['FORBIDDEN', 'NOT_FOUND'],
      officeDirector: ['FORBIDDEN', 'NOT_FOUND'],
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
}
