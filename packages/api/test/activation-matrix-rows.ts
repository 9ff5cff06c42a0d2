// Authorization-matrix rows of the wartime procedures (issue 3), spread into matrix.test.ts's ROWS.
// Each row sets up its own activation in 鲁村中队辖区 (started by the 南麻 director, commanded by the
// 鲁村 squad leader), so the shared fixture stays untouched. `own` users work in 鲁村, `foreign` in 西里.
import type { Role } from '@pingzhan/domain'
import { type Agent, boundKiosk, mediation, signedIn, type TestApp, userId } from './harness.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'
type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }
interface Row {
  readonly call: (a: Agent, f: unknown, app: TestApp) => Promise<unknown>
  readonly sees?: (result: unknown, f: unknown) => boolean
  readonly expect: Expect
}

const START = {
  dutyCode: 'office.wartime.3',
  reason: '矩阵测试：群体性矛盾纠纷',
  place: '南麻街道',
  expectedMinutes: 60,
  peopleNeeded: 4,
}

const intakes = new WeakMap<TestApp, string>()

/** A group-dispute mediation request at the 南麻 kiosk, decided so it never enters the shared fixture. */
const intakeOf = async (app: TestApp): Promise<string> => {
  const cached = intakes.get(app)
  if (cached) return cached
  const kiosk = await boundKiosk(app, 'nanma', { ip: '10.3.3.3' })
  await kiosk.call.kiosk.submitMediation(mediation({ groupDispute: true }))
  const director = await signedIn(app, 'dir-nanma')
  const id = (await director.call.intake.list({ status: 'new', limit: 1 })).items[0]?.id ?? ''
  await director.call.intake.reject({ id, reason: '已转入战时统一处置' })
  intakes.set(app, id)
  return id
}

/** Stands down every open 鲁村 activation, then the 南麻 director starts a new one from the request. */
export const fresh = async (app: TestApp): Promise<string> => {
  const brigade = await signedIn(app, 'brigade')
  const lucun = (await brigade.call.activation.overview()).find((a) => a.area === 'lucun')
  for (const a of lucun?.activations ?? []) {
    if (a.stage === 'mobilising' || a.stage === 'active') {
      // declines awaiting a ruling hold up the stand-down: the brigade accepts them first
      for (const m of (await brigade.call.activation.get({ id: a.id })).roster) {
        if (m.response === 'declined' && m.userId) {
          await brigade.call.activation.ruleDecline({ id: a.id, userId: m.userId, ruling: 'accept' })
        }
      }
      await brigade.call.activation.standDown({ id: a.id, summary: '矩阵测试收队' })
    }
  }
  const director = await signedIn(app, 'dir-nanma')
  return (await director.call.activation.start({ ...START, intakeId: await intakeOf(app) })).id
}

const withTask = async (app: TestApp): Promise<{ id: string; taskId: string }> => {
  const id = await fresh(app)
  const leader = await signedIn(app, 'lead-lucun')
  const { taskId } = await leader.call.activation.assign({
    id,
    userId: await userId(app, 'staff-lucun-1'),
    title: '矩阵测试任务',
  })
  return { id, taskId }
}

const same = (o: Outcome) => [o, o] as const
const scoped = (foreign: Outcome) => ['OK', foreign] as const
const F = same('FORBIDDEN')
const FN = ['FORBIDDEN', 'NOT_FOUND'] as const
const U: Outcome = 'UNAUTHORIZED'

/** Only the roster acts for itself; readers outside it are refused, other areas see nothing. */
const rosterOnly: Expect = {
  bureauAdmin: F,
  bureauLeader: FN,
  brigadeLeader: F,
  squadLeader: scoped('NOT_FOUND'),
  squadMember: scoped('NOT_FOUND'),
  officeDirector: scoped('NOT_FOUND'),
  departmentStaff: F,
  securityAdmin: F,
  auditAdmin: F,
  anonymous: U,
}

/** The commander (鲁村 squad leader) or the brigade leader. */
const commanderOrBrigade: Expect = {
  bureauAdmin: F,
  bureauLeader: FN,
  brigadeLeader: same('OK'),
  squadLeader: scoped('NOT_FOUND'),
  squadMember: FN,
  officeDirector: FN,
  departmentStaff: F,
  securityAdmin: F,
  auditAdmin: F,
  anonymous: U,
}

export const ACTIVATION_ROWS: Record<string, Row> = {
  'activation.overview': {
    call: (a) => a.call.activation.overview(),
    sees: (r) => (r as Array<{ area: string }>).some((x) => x.area === 'lucun'),
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
  'activation.duties': {
    call: (a) => a.call.activation.duties(),
    sees: (r) => (r as unknown[]).length > 0,
    expect: {
      bureauAdmin: same('EMPTY'),
      bureauLeader: same('OK'),
      brigadeLeader: same('OK'),
      squadLeader: same('OK'),
      squadMember: same('EMPTY'),
      officeDirector: same('OK'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.mine': {
    call: async (a, _f, app) => {
      const id = await fresh(app)
      return { id, list: await a.call.activation.mine() }
    },
    sees: (r) => {
      const { id, list } = r as { id: string; list: Array<{ id: string }> }
      return list.some((x) => x.id === id)
    },
    expect: {
      bureauAdmin: same('EMPTY'),
      bureauLeader: same('EMPTY'),
      brigadeLeader: same('EMPTY'),
      squadLeader: scoped('EMPTY'),
      squadMember: scoped('EMPTY'),
      officeDirector: scoped('EMPTY'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.get': {
    call: async (a, _f, app) => a.call.activation.get({ id: await fresh(app) }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: same('OK'),
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.linkedCase': {
    call: async (a, _f, app) => a.call.activation.linkedCase({ id: await fresh(app) }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: scoped('NOT_FOUND'),
      // the brigade reads the activation but is not on its roster, and intake is not its scope
      brigadeLeader: same('NOT_FOUND'),
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.start': {
    // Everyone starts in their own area from the first wartime duty they are offered.
    call: async (a, _f, app) => {
      await fresh(app)
      const duties = await a.call.activation.duties()
      const me = await a.call.auth.me()
      return a.call.activation.start({
        ...START,
        dutyCode: duties[0]?.code ?? 'office.wartime.1',
        ...(me?.role === 'brigadeLeader' || me?.role === 'bureauAdmin' ? { area: 'lucun' } : {}),
      })
    },
    expect: {
      bureauAdmin: F,
      bureauLeader: same('OK'),
      brigadeLeader: same('OK'),
      squadLeader: same('OK'),
      squadMember: F,
      officeDirector: same('OK'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.acknowledge': {
    call: async (a, _f, app) => a.call.activation.acknowledge({ id: await fresh(app), etaMinutes: 15 }),
    expect: rosterOnly,
  },
  'activation.decline': {
    call: async (a, _f, app) =>
      a.call.activation.decline({ id: await fresh(app), reason: 'leave', note: '矩阵测试请假' }),
    expect: rosterOnly,
  },
  'activation.ruleDecline': {
    call: async (a, _f, app) => {
      const id = await fresh(app)
      await (await signedIn(app, 'staff-lucun-4')).call.activation.decline({
        id,
        reason: 'sick',
        note: '发烧',
      })
      return a.call.activation.ruleDecline({
        id,
        userId: await userId(app, 'staff-lucun-4'),
        ruling: 'accept',
      })
    },
    expect: commanderOrBrigade,
  },
  'activation.borrow': {
    call: async (a, _f, app) =>
      a.call.activation.borrow({ id: await fresh(app), userId: await userId(app, 'staff-shiqiao-1') }),
    expect: {
      bureauAdmin: F,
      bureauLeader: FN,
      brigadeLeader: same('OK'),
      squadLeader: FN,
      squadMember: FN,
      officeDirector: FN,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.assign': {
    call: async (a, _f, app) =>
      a.call.activation.assign({
        id: await fresh(app),
        userId: await userId(app, 'staff-lucun-2'),
        title: '矩阵测试分派',
      }),
    expect: {
      bureauAdmin: F,
      bureauLeader: FN,
      brigadeLeader: F,
      squadLeader: scoped('NOT_FOUND'),
      squadMember: FN,
      officeDirector: FN,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.reportProgress': {
    call: async (a, _f, app) => {
      const { id, taskId } = await withTask(app)
      return a.call.activation.reportProgress({ id, taskId, note: '进行中' })
    },
    expect: {
      bureauAdmin: F,
      bureauLeader: FN,
      brigadeLeader: F,
      squadLeader: FN,
      squadMember: scoped('NOT_FOUND'),
      officeDirector: FN,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.reportDone': {
    call: async (a, _f, app) => {
      const { id, taskId } = await withTask(app)
      return a.call.activation.reportDone({ id, taskId, note: '已完成' })
    },
    expect: {
      bureauAdmin: F,
      bureauLeader: FN,
      brigadeLeader: F,
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: FN,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.escalate': {
    call: async (a, _f, app) =>
      a.call.activation.escalate({
        id: await fresh(app),
        to: 'liaison',
        question: '矩阵测试提报',
        deadlineHours: 2,
      }),
    expect: commanderOrBrigade,
  },
  'activation.standDown': {
    call: async (a, _f, app) =>
      a.call.activation.standDown({ id: await fresh(app), summary: '矩阵测试总结' }),
    expect: commanderOrBrigade,
  },
  'activation.review': {
    call: async (a, _f, app) => {
      const id = await fresh(app)
      await (await signedIn(app, 'brigade')).call.activation.standDown({ id, summary: '矩阵测试总结' })
      return a.call.activation.review({ id, findings: '矩阵测试复盘' })
    },
    expect: {
      bureauAdmin: F,
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: same('OK'),
      squadLeader: FN,
      squadMember: FN,
      officeDirector: FN,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.designateStandIn': {
    call: async (a, _f, app) =>
      a.call.activation.designateStandIn({ area: 'lucun', userId: await userId(app, 'staff-lucun-2') }),
    expect: {
      bureauAdmin: F,
      bureauLeader: F,
      brigadeLeader: same('OK'),
      squadLeader: F,
      squadMember: F,
      officeDirector: F,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'activation.events': {
    // Opening the stream is the authorization point; events themselves are filtered per subscriber.
    call: (a) => a.call.activation.events(),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: same('OK'),
      brigadeLeader: same('OK'),
      squadLeader: same('OK'),
      squadMember: same('OK'),
      officeDirector: same('OK'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
}
