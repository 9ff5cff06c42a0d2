// Authorization-matrix rows of released prisoners (安置帮教) and the change of residence (issue 5),
// spread into matrix.test.ts's ROWS. Each row sets up its own record in 南麻街道 (鲁村中队辖区).
// `own` users work in 鲁村/南麻, `foreign` in 西里.
import type { Role } from '@pingzhan/domain'
import { type Agent, idNumber, signedIn, type TestApp } from './harness.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'
type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }
interface Row {
  readonly call: (a: Agent, f: unknown, app: TestApp) => Promise<unknown>
  readonly sees?: (result: unknown, f: unknown) => boolean
  readonly expect: Expect
}

let serial = 500
const nextIdNumber = () => idNumber('19700101', String(serial++ % 1000).padStart(3, '0'))

/** A 南麻 released prisoner: notice 11-20, released 11-25 (before the test clock's 11-26). */
const newReleasee = async (app: TestApp): Promise<string> => {
  const staff = await signedIn(app, 'staff-lucun-1')
  const { id } = await staff.call.releasee.register({
    name: '矩阵释放',
    idNumber: nextIdNumber(),
    category: 'general',
    townCode: 'nanma',
    prison: '矩阵监狱',
    noticeOn: '2026-11-20',
    releaseOn: '2026-11-25',
  })
  return id
}

const shared = new WeakMap<TestApp, string>()
const sharedReleasee = async (app: TestApp): Promise<string> => {
  const cached = shared.get(app)
  if (cached) return cached
  const id = await newReleasee(app)
  shared.set(app, id)
  return id
}

/** An active 南麻 supervisee (judgment 11-17, reported 11-20), ready to apply for a change of residence. */
const newActiveCase = async (app: TestApp): Promise<string> => {
  const staff = await signedIn(app, 'staff-lucun-1')
  const { id } = await staff.call.supervisee.register({
    name: '矩阵迁居',
    idNumber: nextIdNumber(),
    correctionType: 'probation',
    townCode: 'nanma',
    managementLevel: 'normal',
  })
  await staff.call.supervisee.recordEvent({
    id,
    kind: 'judgment',
    on: '2026-11-17',
    termStart: '2026-11-17',
    termEnd: '2027-11-16',
  })
  await staff.call.supervisee.recordEvent({ id, kind: 'reported', on: '2026-11-20' })
  return id
}

const same = (o: Outcome) => [o, o] as const
const scoped = (foreign: Outcome) => ['OK', foreign] as const
const F = same('FORBIDDEN')
const NF = same('NOT_FOUND')
const U: Outcome = 'UNAUTHORIZED'

/** Reading a 南麻 releasee: as supervisees — brigade, the area's squad and liaison, the town's director. */
const READ: Expect = {
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

export const RESETTLEMENT_ROWS: Record<string, Row> = {
  'releasee.list': {
    call: async (a, _f, app) => {
      await sharedReleasee(app)
      return a.call.releasee.list({ limit: 100 })
    },
    sees: (r) => (r as { items: Array<{ name: string }> }).items.some((i) => i.name === '矩阵释放'),
    expect: {
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
    },
  },
  'releasee.get': {
    call: async (a, _f, app) => a.call.releasee.get({ id: await sharedReleasee(app) }),
    expect: READ,
  },
  'releasee.revealIdNumber': {
    call: async (a, _f, app) => a.call.releasee.revealIdNumber({ id: await sharedReleasee(app) }),
    expect: READ,
  },
  'releasee.register': {
    call: (a) =>
      a.call.releasee.register({
        name: '矩阵登记释放',
        idNumber: nextIdNumber(),
        category: 'key',
        townCode: 'nanma',
        prison: '矩阵监狱',
        noticeOn: '2026-11-01',
        releaseOn: '2026-12-01',
      }),
    expect: {
      bureauAdmin: F,
      bureauLeader: F,
      brigadeLeader: same('OK'),
      squadLeader: scoped('FORBIDDEN'),
      squadMember: scoped('FORBIDDEN'),
      officeDirector: scoped('FORBIDDEN'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'releasee.recordEvent': {
    call: async (a, _f, app) =>
      a.call.releasee.recordEvent({ id: await newReleasee(app), kind: 'handedOver', on: '2026-11-25' }),
    expect: {
      bureauAdmin: NF,
      bureauLeader: ['FORBIDDEN', 'NOT_FOUND'],
      brigadeLeader: same('OK'),
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: NF,
      securityAdmin: NF,
      auditAdmin: NF,
      anonymous: U,
    },
  },
  'supervisee.transfer': {
    call: async (a, _f, app) =>
      a.call.supervisee.transfer({
        id: await newActiveCase(app),
        step: 'apply',
        on: '2026-11-26',
        destination: '淄博市淄川区',
        moveOn: '2027-01-10',
      }),
    expect: {
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
    },
  },
}
