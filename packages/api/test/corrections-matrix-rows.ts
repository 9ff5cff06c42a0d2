// Authorization-matrix rows of community corrections and the deadline engine (issue 5), spread into
// matrix.test.ts's ROWS. Each row sets up its own case in 南麻街道 (鲁村中队辖区), so the shared fixture
// stays untouched. `own` users work in 鲁村/南麻, `foreign` in 西里.
import type { Role } from '@pingzhan/domain'
import { type Agent, idNumber, signedIn, type TestApp } from './harness.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'
type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }
interface Row {
  readonly call: (a: Agent, f: unknown, app: TestApp) => Promise<unknown>
  readonly sees?: (result: unknown, f: unknown) => boolean
  readonly expect: Expect
}

let serial = 100
const nextIdNumber = () => idNumber('19800101', String(serial++ % 1000).padStart(3, '0'))

/**
 * A 南麻 supervisee on probation: judgment effective 2026-11-17 (term to 2027-11-16), reported 11-20,
 * so the intake announcement (3 working days) is overdue on the test clock's 2026-11-26. `ended`
 * gives a term that ended on 11-26, ready for discharge.
 */
const newCase = async (app: TestApp, options: { ended?: boolean } = {}): Promise<string> => {
  const staff = await signedIn(app, 'staff-lucun-1')
  const { id } = await staff.call.supervisee.register({
    name: '矩阵对象',
    idNumber: nextIdNumber(),
    correctionType: 'probation',
    townCode: 'nanma',
    managementLevel: 'normal',
  })
  const start = options.ended ? '2026-05-26' : '2026-11-17'
  await staff.call.supervisee.recordEvent({
    id,
    kind: 'judgment',
    on: start,
    termStart: start,
    termEnd: options.ended ? '2026-11-26' : '2027-11-16',
  })
  await staff.call.supervisee.recordEvent({ id, kind: 'reported', on: '2026-11-20' })
  return id
}

/** A case whose record supports monitoring (社区矫正法29(2)): a departure without approval recorded. */
const monitoredCase = async (app: TestApp): Promise<string> => {
  const id = await newCase(app)
  await (await signedIn(app, 'staff-lucun-1')).call.supervisee.recordEvent({
    id,
    kind: 'leftWithoutApproval',
    on: '2026-11-24',
    note: '未经批准前往淄博市区',
  })
  return id
}

const shared = new WeakMap<TestApp, string>()
const sharedCase = async (app: TestApp): Promise<string> => {
  const cached = shared.get(app)
  if (cached) return cached
  const id = await newCase(app)
  shared.set(app, id)
  return id
}

/** A pending outing of 5 days: the office level. */
const newLeave = async (app: TestApp): Promise<{ leaveId: string; version: number }> => {
  const id = await newCase(app)
  const staff = await signedIn(app, 'staff-lucun-1')
  const r = await staff.call.supervisee.requestLeave({
    id,
    from: '2026-12-01',
    to: '2026-12-05',
    destination: '淄博市张店区',
    reason: '矩阵测试外出',
  })
  return { leaveId: r.id, version: 1 }
}

const same = (o: Outcome) => [o, o] as const
const scoped = (foreign: Outcome) => ['OK', foreign] as const
const F = same('FORBIDDEN')
const NF = same('NOT_FOUND')
const U: Outcome = 'UNAUTHORIZED'
const items = (r: unknown) => (r as { items: Array<{ id: string }> }).items

/** Reading a 南麻 case: the brigade, the area's squad and liaison, the town's director; never admin. */
const READ_CASE: Expect = {
  bureauAdmin: NF,
  bureauLeader: scoped('NOT_FOUND'),
  brigadeLeader: same('OK'),
  squadLeader: scoped('NOT_FOUND'),
  squadMember: scoped('NOT_FOUND'),
  officeDirector: scoped('NOT_FOUND'),
  departmentStaff: NF,
  securityAdmin: NF,
  auditAdmin: NF,
  anonymous: U,
}
const LIST_CASE: Expect = {
  bureauAdmin: same('EMPTY'),
  bureauLeader: scoped('EMPTY'),
  brigadeLeader: same('OK'),
  squadLeader: scoped('EMPTY'),
  squadMember: scoped('EMPTY'),
  officeDirector: scoped('EMPTY'),
  departmentStaff: same('EMPTY'),
  securityAdmin: same('EMPTY'),
  auditAdmin: same('EMPTY'),
  anonymous: U,
}
/** Working a case: the squad of the area and the brigade; readers in scope get FORBIDDEN. */
const WORK_CASE: Expect = {
  bureauAdmin: NF,
  bureauLeader: ['FORBIDDEN', 'NOT_FOUND'],
  brigadeLeader: same('OK'),
  squadLeader: scoped('NOT_FOUND'),
  squadMember: scoped('NOT_FOUND'),
  officeDirector: ['FORBIDDEN', 'NOT_FOUND'],
  departmentStaff: NF,
  securityAdmin: NF,
  auditAdmin: NF,
  anonymous: U,
}
/** Rules and the calendar: changed by the brigade leader and the administrator only. */
const ADJUST: Expect = {
  bureauAdmin: same('OK'),
  bureauLeader: F,
  brigadeLeader: same('OK'),
  squadLeader: F,
  squadMember: F,
  officeDirector: F,
  departmentStaff: F,
  securityAdmin: F,
  auditAdmin: F,
  anonymous: U,
}
const EVERYONE: Expect = {
  bureauAdmin: same('OK'),
  bureauLeader: same('OK'),
  brigadeLeader: same('OK'),
  squadLeader: same('OK'),
  squadMember: same('OK'),
  officeDirector: same('OK'),
  departmentStaff: same('OK'),
  securityAdmin: same('OK'),
  auditAdmin: same('OK'),
  anonymous: U,
}

const ruleVersion = async (app: TestApp): Promise<number> =>
  Number(
    (
      await app.deps.db
        .selectFrom('rule_overrides')
        .select('version')
        .where('code', '=', 'visit.loose')
        .executeTakeFirst()
    )?.version ?? 0,
  )
const yearVersion = async (app: TestApp): Promise<number> =>
  Number(
    (
      await app.deps.db
        .selectFrom('calendar_years')
        .select('version')
        .where('year', '=', 2027)
        .executeTakeFirst()
    )?.version ?? 0,
  )

export const CORRECTIONS_ROWS: Record<string, Row> = {
  'supervisee.list': {
    call: async (a, _f, app) => {
      await sharedCase(app)
      return a.call.supervisee.list({ limit: 100 })
    },
    sees: (r) => items(r).some((s) => (s as unknown as { name: string }).name === '矩阵对象'),
    expect: LIST_CASE,
  },
  'supervisee.get': {
    call: async (a, _f, app) => a.call.supervisee.get({ id: await sharedCase(app) }),
    expect: READ_CASE,
  },
  'supervisee.revealIdNumber': {
    call: async (a, _f, app) => a.call.supervisee.revealIdNumber({ id: await sharedCase(app) }),
    expect: READ_CASE,
  },
  'supervisee.document': {
    call: async (a, _f, app) =>
      a.call.supervisee.document({ id: await sharedCase(app), kind: 'intakeAnnouncement' }),
    expect: READ_CASE,
  },
  'supervisee.register': {
    call: (a) =>
      a.call.supervisee.register({
        name: '矩阵登记',
        idNumber: nextIdNumber(),
        correctionType: 'control',
        townCode: 'nanma',
        managementLevel: 'loose',
      }),
    expect: {
      bureauAdmin: F,
      bureauLeader: F,
      brigadeLeader: same('OK'),
      squadLeader: scoped('FORBIDDEN'),
      squadMember: scoped('FORBIDDEN'),
      officeDirector: F,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'supervisee.recordEvent': {
    call: async (a, _f, app) =>
      a.call.supervisee.recordEvent({ id: await newCase(app), kind: 'homeVisit', on: '2026-11-25' }),
    expect: WORK_CASE,
  },
  'supervisee.setTeam': {
    call: async (a, _f, app) =>
      a.call.supervisee.setTeam({
        id: await newCase(app),
        version: 3,
        team: [
          { name: '矩阵甲', sex: 'M', role: '中队工作人员', familiarWithMinors: false },
          { name: '矩阵乙', sex: 'F', role: '志愿者', familiarWithMinors: false },
        ],
      }),
    expect: WORK_CASE,
  },
  'supervisee.sanction': {
    call: async (a, _f, app) =>
      a.call.supervisee.sanction({
        id: await newCase(app),
        kind: 'reprimand',
        on: '2026-11-25',
        absentDays: 2,
        serious: false,
        reason: '迟到报到两日',
      }),
    expect: WORK_CASE,
  },
  'supervisee.discharge': {
    call: async (a, _f, app) =>
      a.call.supervisee.discharge({ id: await newCase(app, { ended: true }), on: '2026-11-26' }),
    expect: WORK_CASE,
  },
  'supervisee.requestLeave': {
    call: async (a, _f, app) =>
      a.call.supervisee.requestLeave({
        id: await newCase(app),
        from: '2026-12-01',
        to: '2026-12-03',
        destination: '淄博市',
        reason: '矩阵测试外出',
      }),
    expect: { ...WORK_CASE, officeDirector: scoped('NOT_FOUND') },
  },
  'supervisee.decideLeave': {
    call: async (a, _f, app) =>
      a.call.supervisee.decideLeave({ ...(await newLeave(app)), approve: true, note: '同意' }),
    expect: {
      bureauAdmin: NF,
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: same('OK'),
      squadLeader: ['FORBIDDEN', 'NOT_FOUND'],
      squadMember: ['FORBIDDEN', 'NOT_FOUND'],
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: NF,
      securityAdmin: NF,
      auditAdmin: NF,
      anonymous: U,
    },
  },
  'supervisee.startMonitoring': {
    call: async (a, _f, app) =>
      a.call.supervisee.startMonitoring({
        id: await monitoredCase(app),
        situation: 'leftWithoutApproval',
        months: 2,
        from: '2026-11-26',
        reason: '未经批准离开本县',
      }),
    expect: {
      bureauAdmin: NF,
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: F,
      squadLeader: ['FORBIDDEN', 'NOT_FOUND'],
      squadMember: ['FORBIDDEN', 'NOT_FOUND'],
      officeDirector: ['FORBIDDEN', 'NOT_FOUND'],
      departmentStaff: NF,
      securityAdmin: NF,
      auditAdmin: NF,
      anonymous: U,
    },
  },
  'deadline.warnings': {
    call: async (a, _f, app) => {
      await sharedCase(app)
      return a.call.deadline.warnings()
    },
    sees: (r) => (r as Array<{ subjectName: string }>).some((w) => w.subjectName === '矩阵对象'),
    expect: LIST_CASE,
  },
  'deadline.sweep': { call: (a) => a.call.deadline.sweep(), expect: ADJUST },
  'deadline.rules': { call: (a) => a.call.deadline.rules(), expect: EVERYONE },
  'deadline.calendar': { call: (a) => a.call.deadline.calendar(), expect: EVERYONE },
  'deadline.updateRule': {
    call: async (a, _f, app) =>
      a.call.deadline.updateRule({
        code: 'visit.loose',
        amount: 90,
        roll: false,
        reason: '矩阵测试：维持原值',
        version: await ruleVersion(app),
      }),
    expect: ADJUST,
  },
  'deadline.setCalendarYear': {
    call: async (a, _f, app) =>
      a.call.deadline.setCalendarYear({
        year: 2027,
        daysOff: ['2027-01-01'],
        workdays: [],
        notice: '矩阵测试：2027 年元旦',
        version: await yearVersion(app),
      }),
    expect: ADJUST,
  },
}
