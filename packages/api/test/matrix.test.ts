// Authorization matrix: every procedure × every role × a user of the record's own unit and one of a
// foreign unit. A procedure without a row fails the first test.
import type { Role } from '@pingzhan/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appRouter } from '../src/routers/index.ts'
import { newId } from '../src/shared.ts'
import { ACCOUNTS_ROWS } from './accounts-matrix-rows.ts'
import { ACTIVATION_ROWS } from './activation-matrix-rows.ts'
import { ASSESSMENT_ROWS } from './assessment-matrix-rows.ts'
import { BUDGET_ROWS } from './budget-matrix-rows.ts'
import { CORRECTIONS_ROWS } from './corrections-matrix-rows.ts'
import {
  type Agent,
  agent,
  boundKiosk,
  dialects,
  mediation,
  setupApp,
  signedIn,
  type TestApp,
  userId,
} from './harness.ts'
import { KIOSK_ROWS } from './kiosk-matrix-rows.ts'
import { LEAVE_ROWS } from './leave-matrix-rows.ts'
import { LEGAL_ROWS } from './legal-matrix-rows.ts'
import { OVERSIGHT_ROWS } from './oversight-matrix-rows.ts'
import { REGISTERS_ROWS } from './registers-matrix-rows.ts'
import { RESETTLEMENT_ROWS } from './resettlement-matrix-rows.ts'
import { VEHICLE_ROWS } from './vehicle-matrix-rows.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'

interface Fixture {
  readonly intakeId: string
  readonly taskId: string
  readonly deviceId: string
  /** issue 4: a 南麻 mediation case and a photo on the fixture's task */
  readonly mediationId: string
  readonly evidenceId: string
}

/** Users per role: `own` works in the fixture's unit (南麻司法所, 鲁村中队辖区), `foreign` in 西里. */
const USERS: Record<Role, { own: string; foreign: string }> = {
  bureauAdmin: { own: 'admin', foreign: 'admin' },
  bureauLeader: { own: 'liaison-lucun', foreign: 'liaison-xili' },
  brigadeLeader: { own: 'brigade', foreign: 'brigade' },
  squadLeader: { own: 'lead-lucun', foreign: 'lead-xili' },
  squadMember: { own: 'staff-lucun-1', foreign: 'staff-xili-1' },
  officeDirector: { own: 'dir-nanma', foreign: 'dir-xili' },
  departmentStaff: { own: 'dept-1', foreign: 'dept-1' },
  securityAdmin: { own: 'secadmin', foreign: 'secadmin' },
  auditAdmin: { own: 'auditor', foreign: 'auditor' },
}

type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }

interface Row {
  /** Needs its own fixture because it changes it. */
  readonly fresh?: boolean
  readonly call: (a: Agent, f: Fixture, app: TestApp) => Promise<unknown>
  /** For lists: whether the fixture's record is in the answer ('EMPTY' when not). */
  readonly sees?: (result: unknown, f: Fixture) => boolean
  readonly expect: Expect | 'public' | 'kiosk'
}

const same = (o: Outcome) => [o, o] as const
const scoped = (foreign: Outcome) => ['OK', foreign] as const
const F = same('FORBIDDEN')
const U: Outcome = 'UNAUTHORIZED'
const items = (r: unknown) => (r as { items: Array<{ id: string; subjectId?: string | null }> }).items

const ROWS: Record<string, Row> = {
  ...ACTIVATION_ROWS,
  ...LEAVE_ROWS,
  'auth.login': {
    expect: 'public',
    call: (a) => a.call.auth.login({ username: 'nobody', password: 'x' }).catch(() => null),
  },
  'auth.logout': { expect: 'public', call: (a) => a.call.auth.logout({}) },
  'auth.me': { expect: 'public', call: (a) => a.call.auth.me() },
  'kiosk.status': { expect: 'public', call: (a) => a.call.kiosk.status() },
  'kiosk.bind': {
    expect: 'public',
    call: (a) => a.call.kiosk.bind({ code: 'ZZZZ-ZZZZ-ZZZZ' }).catch(() => null),
  },
  'kiosk.submitMediation': { expect: 'kiosk', call: (a) => a.call.kiosk.submitMediation(mediation()) },
  'org.catalogs': {
    call: (a) => a.call.org.catalogs(),
    expect: {
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
    },
  },
  'org.offices': {
    call: (a) => a.call.org.offices(),
    sees: (r) => (r as Array<{ code: string }>).some((o) => o.code === 'nanma'),
    expect: {
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
    },
  },
  'org.assignees': {
    call: (a) => a.call.org.assignees({ area: 'lucun' }),
    sees: (r) =>
      (r as Array<{ displayName: string }>).some((p) => p.displayName === '鲁村中队队员一（演示）'),
    expect: {
      bureauAdmin: same('OK'),
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
  'device.list': {
    call: (a) => a.call.device.list(),
    sees: (r, f) => (r as Array<{ id: string }>).some((d) => d.id === f.deviceId),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: F,
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: scoped('EMPTY'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'device.register': {
    call: (a) => a.call.device.register({ officeCode: 'nanma', label: '矩阵测试终端' }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: F,
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: scoped('FORBIDDEN'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'device.revoke': {
    fresh: true,
    call: (a, f) => a.call.device.revoke({ id: f.deviceId }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: F,
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'intake.list': {
    call: (a) => a.call.intake.list({ limit: 100 }),
    sees: (r, f) => items(r).some((i) => i.id === f.intakeId),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: scoped('EMPTY'),
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: scoped('EMPTY'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'intake.get': {
    call: (a, f) => a.call.intake.get({ id: f.intakeId }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'intake.accept': {
    fresh: true,
    call: async (a, f, app) =>
      a.call.intake.accept({
        id: f.intakeId,
        dutyCode: 'office.peacetime.2',
        title: '矩阵测试受理',
        dueDate: '2026-12-31',
        assigneeId: await userId(app, 'staff-lucun-2'),
      }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: F,
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'intake.reject': {
    fresh: true,
    call: (a, f) => a.call.intake.reject({ id: f.intakeId, reason: '不属于调解范围' }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: F,
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'task.list': {
    call: (a) => a.call.task.list({ limit: 100 }),
    sees: (r, f) => items(r).some((t) => t.id === f.taskId),
    expect: {
      bureauAdmin: same('OK'),
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
  'task.get': {
    call: (a, f) => a.call.task.get({ id: f.taskId }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: same('OK'),
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: same('NOT_FOUND'),
      securityAdmin: same('NOT_FOUND'),
      auditAdmin: same('NOT_FOUND'),
      anonymous: U,
    },
  },
  'task.start': {
    fresh: true,
    call: (a, f) => a.call.task.start({ id: f.taskId, version: 1 }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: ['FORBIDDEN', 'NOT_FOUND'],
      brigadeLeader: F,
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: same('NOT_FOUND'),
      securityAdmin: same('NOT_FOUND'),
      auditAdmin: same('NOT_FOUND'),
      anonymous: U,
    },
  },
  'task.complete': {
    fresh: true,
    call: (a, f) => a.call.task.complete({ id: f.taskId, version: 1, note: '已办结' }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: ['FORBIDDEN', 'NOT_FOUND'],
      brigadeLeader: F,
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: same('NOT_FOUND'),
      securityAdmin: same('NOT_FOUND'),
      auditAdmin: same('NOT_FOUND'),
      anonymous: U,
    },
  },
  'audit.list': {
    fresh: true,
    call: (a) => a.call.audit.list({ limit: 20, action: 'intake.submit' }),
    sees: (r, f) => items(r).some((e) => e.subjectId === f.intakeId),
    expect: {
      bureauAdmin: F,
      bureauLeader: scoped('EMPTY'),
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: F,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: same('OK'),
      anonymous: U,
    },
  },
  'audit.verify': {
    call: (a) => a.call.audit.verify(),
    expect: {
      bureauAdmin: F,
      bureauLeader: same('OK'),
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: F,
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: same('OK'),
      anonymous: U,
    },
  },
}

// ── issue 4: peacetime tasks, field actions, mediation register ──
const PEACETIME_JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='
const PEACETIME_MEDIATION = (assigneeId: string) => ({
  officeCode: 'nanma',
  source: 'walk_in' as const,
  applicantName: '矩阵申请人',
  otherParty: '矩阵对方',
  disputeType: '邻里纠纷' as const,
  summary: '矩阵测试的邻里纠纷',
  assigneeId,
})
/** Managing a 南麻 office task: its director and the administrator; readers in scope get FORBIDDEN. */
const MANAGE_OFFICE_TASK: Expect = {
  bureauAdmin: same('OK'),
  bureauLeader: ['FORBIDDEN', 'NOT_FOUND'],
  brigadeLeader: F,
  squadLeader: ['FORBIDDEN', 'NOT_FOUND'],
  squadMember: ['FORBIDDEN', 'NOT_FOUND'],
  officeDirector: scoped('NOT_FOUND'),
  departmentStaff: same('NOT_FOUND'),
  securityAdmin: same('NOT_FOUND'),
  auditAdmin: same('NOT_FOUND'),
  anonymous: U,
}
const SEES_TASK_SCOPE: Expect = {
  bureauAdmin: same('OK'),
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
const SEES_OFFICE_REGISTER: Expect = {
  bureauAdmin: same('OK'),
  bureauLeader: scoped('EMPTY'),
  brigadeLeader: same('EMPTY'),
  squadLeader: same('EMPTY'),
  squadMember: same('EMPTY'),
  officeDirector: scoped('EMPTY'),
  departmentStaff: same('EMPTY'),
  securityAdmin: same('EMPTY'),
  auditAdmin: same('EMPTY'),
  anonymous: U,
}
const PEACETIME_ROWS: Record<string, Row> = {
  'task.create': {
    call: async (a, _f, app) =>
      a.call.task.create({
        unitKind: 'office',
        unitCode: 'nanma',
        dutyCode: 'office.peacetime.3',
        title: '矩阵测试普法',
        dueDate: '2026-12-31',
        assigneeIds: [await userId(app, 'staff-lucun-1')],
      }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: F,
      brigadeLeader: same('NOT_FOUND'),
      squadLeader: same('NOT_FOUND'),
      squadMember: F,
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'task.reassign': {
    fresh: true,
    call: async (a, f, app) =>
      a.call.task.reassign({
        id: f.taskId,
        version: 1,
        assigneeIds: [await userId(app, 'staff-lucun-2')],
        reason: '矩阵测试改派',
      }),
    expect: MANAGE_OFFICE_TASK,
  },
  'task.bulkAssign': {
    fresh: true,
    call: async (a, f, app) =>
      a.call.task.bulkAssign({
        ids: [f.taskId],
        assigneeId: await userId(app, 'staff-lucun-2'),
        reason: '矩阵测试',
      }),
    expect: MANAGE_OFFICE_TASK,
  },
  'task.cancel': {
    fresh: true,
    call: (a, f) => a.call.task.cancel({ id: f.taskId, version: 1, reason: '矩阵测试撤销' }),
    expect: MANAGE_OFFICE_TASK,
  },
  'task.rollup': {
    call: (a) => a.call.task.rollup(),
    sees: (r) => (r as Array<{ unitCode: string }>).some((x) => x.unitCode === 'nanma'),
    expect: SEES_TASK_SCOPE,
  },
  'task.export': {
    call: (a) => a.call.task.export({ officeCode: 'nanma' }),
    sees: (r) => (r as { rows: number }).rows > 0,
    expect: SEES_TASK_SCOPE,
  },
  'task.act': {
    fresh: true,
    call: (a, f, app) =>
      a.call.task.act({
        key: newId(),
        taskId: f.taskId,
        kind: 'note',
        at: app.deps.clock().toISOString(),
        note: '矩阵',
      }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: ['FORBIDDEN', 'NOT_FOUND'],
      brigadeLeader: F,
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: same('NOT_FOUND'),
      securityAdmin: same('NOT_FOUND'),
      auditAdmin: same('NOT_FOUND'),
      anonymous: U,
    },
  },
  'task.photo': {
    call: (a, f) => a.call.task.photo({ id: f.evidenceId }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: same('OK'),
      squadLeader: scoped('NOT_FOUND'),
      squadMember: scoped('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: same('NOT_FOUND'),
      securityAdmin: same('NOT_FOUND'),
      auditAdmin: same('NOT_FOUND'),
      anonymous: U,
    },
  },
  'mediation.list': {
    call: async (a) => {
      // every page: fresh fixtures add many newer cases
      const all: Array<{ id: string }> = []
      let cursor: string | undefined
      do {
        const page = await a.call.mediation.list({ limit: 100, ...(cursor ? { cursor } : {}) })
        all.push(...page.items)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      return { items: all }
    },
    sees: (r, f) => items(r).some((i) => i.id === f.mediationId),
    expect: SEES_OFFICE_REGISTER,
  },
  'mediation.export': {
    call: (a) => a.call.mediation.export({}),
    sees: (r) => (r as { rows: number }).rows > 0,
    expect: SEES_OFFICE_REGISTER,
  },
  'mediation.get': {
    call: (a, f) => a.call.mediation.get({ id: f.mediationId }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: scoped('NOT_FOUND'),
      brigadeLeader: same('NOT_FOUND'),
      squadLeader: same('NOT_FOUND'),
      squadMember: same('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: same('NOT_FOUND'),
      securityAdmin: same('NOT_FOUND'),
      auditAdmin: same('NOT_FOUND'),
      anonymous: U,
    },
  },
  'mediation.create': {
    call: async (a, _f, app) =>
      a.call.mediation.create(PEACETIME_MEDIATION(await userId(app, 'staff-lucun-1'))),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: F,
      brigadeLeader: F,
      squadLeader: F,
      squadMember: F,
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: F,
      securityAdmin: F,
      auditAdmin: F,
      anonymous: U,
    },
  },
  'mediation.update': {
    fresh: true,
    call: (a, f) => a.call.mediation.update({ id: f.mediationId, version: 1, action: 'start' }),
    expect: {
      bureauAdmin: same('OK'),
      bureauLeader: ['FORBIDDEN', 'NOT_FOUND'],
      brigadeLeader: same('NOT_FOUND'),
      squadLeader: same('NOT_FOUND'),
      squadMember: same('NOT_FOUND'),
      officeDirector: scoped('NOT_FOUND'),
      departmentStaff: same('NOT_FOUND'),
      securityAdmin: same('NOT_FOUND'),
      auditAdmin: same('NOT_FOUND'),
      anonymous: U,
    },
  },
}
Object.assign(ROWS, PEACETIME_ROWS)
Object.assign(ROWS, REGISTERS_ROWS)
// issue 5 last: its cases add statutory tasks to 鲁村's list, which the task.list row reads.
Object.assign(ROWS, CORRECTIONS_ROWS)
Object.assign(ROWS, RESETTLEMENT_ROWS)
Object.assign(ROWS, VEHICLE_ROWS)
Object.assign(ROWS, BUDGET_ROWS)
Object.assign(ROWS, LEGAL_ROWS)
Object.assign(ROWS, ASSESSMENT_ROWS)
Object.assign(ROWS, OVERSIGHT_ROWS)
Object.assign(ROWS, ACCOUNTS_ROWS)
Object.assign(ROWS, KIOSK_ROWS)

const run = async (row: Row, a: Agent, f: Fixture, app: TestApp): Promise<Outcome> => {
  try {
    const result = await row.call(a, f, app)
    return row.sees && !row.sees(result, f) ? 'EMPTY' : 'OK'
  } catch (error) {
    return (error as { code: Outcome }).code
  }
}

describe('authorization matrix rows', () => {
  it('has a row for every procedure of the router, and no row for a missing one', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort()
    expect(procedures.filter((p) => !(p in ROWS))).toEqual([])
    expect(Object.keys(ROWS).filter((p) => !procedures.includes(p))).toEqual([])
  })
})

describe.each(dialects)('authorization matrix (%s)', (dialect) => {
  let app: TestApp
  let kiosk: Agent
  let director: Agent
  let admin: Agent
  let memberId: string

  const fixture = async (): Promise<Fixture> => {
    await kiosk.call.kiosk.submitMediation(mediation())
    await kiosk.call.kiosk.submitMediation(mediation())
    const [first, second] = (await director.call.intake.list({ status: 'new', limit: 2 })).items
    const { taskId } = await director.call.intake.accept({
      id: second?.id ?? '',
      dutyCode: 'office.peacetime.2',
      title: '矩阵测试任务',
      dueDate: '2026-12-31',
      assigneeId: memberId,
    })
    const { id: deviceId } = await admin.call.device.register({ officeCode: 'nanma', label: '矩阵测试终端' })
    const { id: mediationId } = await director.call.mediation.create(PEACETIME_MEDIATION(memberId))
    const staff = await signedIn(app, 'staff-lucun-1')
    const { evidenceId } = await staff.call.task.act({
      key: newId(),
      taskId,
      kind: 'photo',
      at: app.deps.clock().toISOString(),
      photo: PEACETIME_JPEG,
    })
    return { intakeId: first?.id ?? '', taskId, deviceId, mediationId, evidenceId: evidenceId ?? '' }
  }

  beforeAll(async () => {
    app = await setupApp(dialect, { env: { KIOSK_LIMIT_PER_DEVICE: '100000', KIOSK_LIMIT_PER_IP: '100000' } })
    kiosk = await boundKiosk(app, 'nanma')
    director = await signedIn(app, 'dir-nanma')
    admin = await signedIn(app, 'admin')
    memberId = await userId(app, 'staff-lucun-1')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('every role gets exactly the expected answer from every procedure, own and foreign unit', async () => {
    const shared = await fixture()
    const actual: Record<string, Record<string, string>> = {}
    const expected: Record<string, Record<string, string>> = {}
    for (const [name, row] of Object.entries(ROWS)) {
      if (row.expect === 'public' || row.expect === 'kiosk') continue
      actual[name] = {}
      expected[name] = {}
      for (const role of Object.keys(USERS) as Role[]) {
        for (const [i, variant] of (['own', 'foreign'] as const).entries()) {
          const f = row.fresh ? await fixture() : shared
          const a = await signedIn(app, USERS[role][variant])
          actual[name][`${role}/${variant}`] = await run(row, a, f, app)
          expected[name][`${role}/${variant}`] = row.expect[role][i] ?? '?'
        }
      }
      const f = row.fresh ? await fixture() : shared
      actual[name].anonymous = await run(row, agent(app), f, app)
      expected[name].anonymous = row.expect.anonymous
    }
    expect(actual).toEqual(expected)
  }, 600_000) // the matrix grows with every feature: ~20 procedures per issue × 19 callers (PostgreSQL on a loaded 2-core VM took > 240 s)

  it('public procedures answer anyone; kiosk procedures need a bound device, never a user session', async () => {
    const f = await fixture()
    for (const [, row] of Object.entries(ROWS)) {
      if (row.expect !== 'public') continue
      expect(await run(row, agent(app), f, app)).toBe('OK')
    }
    const staff = await signedIn(app, 'staff-lucun-1')
    expect(await run(ROWS['kiosk.submitMediation'] as Row, staff, f, app)).toBe('UNAUTHORIZED')
    expect(await run(ROWS['kiosk.submitMediation'] as Row, agent(app), f, app)).toBe('UNAUTHORIZED')
    expect(await run(ROWS['kiosk.submitMediation'] as Row, kiosk, f, app)).toBe('OK')
    // issue 14: every kiosk procedure, the same way
    for (const [name, row] of Object.entries(ROWS)) {
      if (row.expect !== 'kiosk') continue
      expect(`${name}: ${await run(row, staff, f, app)}`).toBe(`${name}: UNAUTHORIZED`)
      expect(`${name}: ${await run(row, agent(app), f, app)}`).toBe(`${name}: UNAUTHORIZED`)
      expect(`${name}: ${await run(row, kiosk, f, app)}`).toBe(`${name}: OK`)
    }
    // A user's session does not make auth.me reveal anything to a kiosk, and vice versa.
    expect(await kiosk.call.auth.me()).toBeNull()
    expect(await staff.call.kiosk.status()).toEqual({ bound: false })
  })
})
