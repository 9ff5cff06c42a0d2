// Authorization-matrix rows of issue 16 (every period on the engine, the missing legal checks), spread
// into matrix.test.ts's ROWS. Each writing row makes its own 南麻 record (鲁村中队辖区) with the 南麻
// director, so the shared fixture stays untouched. `own` users work in 鲁村/南麻, `foreign` in 西里.
import type { Role } from '@pingzhan/domain'
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

/** Writing a 南麻 register record: its director and the administrator; others do not find it. */
const WRITE_ONE: Expect = {
  bureauAdmin: same('OK'),
  bureauLeader: ['FORBIDDEN', 'NOT_FOUND'],
  brigadeLeader: same('NOT_FOUND'),
  squadLeader: same('NOT_FOUND'),
  squadMember: same('NOT_FOUND'),
  officeDirector: scoped('NOT_FOUND'),
  departmentStaff: same('NOT_FOUND'),
  securityAdmin: same('NOT_FOUND'),
  auditAdmin: same('NOT_FOUND'),
  anonymous: 'UNAUTHORIZED',
}

/** A 南麻 mediation case with an agreement that took effect today (the window is open). */
const agreedCase = async (app: TestApp) => {
  const director = await signedIn(app, 'dir-nanma')
  const { id } = await director.call.mediation.create({
    officeCode: 'nanma',
    source: 'walk_in',
    applicantName: '矩阵申请人',
    otherParty: '矩阵对方',
    disputeType: '邻里纠纷',
    summary: '矩阵测试的邻里纠纷',
    assigneeId: await userId(app, 'staff-lucun-1'),
  })
  const today = app.deps.clock().toISOString().slice(0, 10)
  await director.call.mediation.update({
    id,
    version: 1,
    action: 'agree',
    agreementText: '双方同意按原界址砌墙',
    agreementDate: today,
  })
  return { id, today }
}

/** A 南麻 legal-aid application forwarded and decided today by the centre. */
const decidedAid = async (app: TestApp, decision: 'granted' | 'refused') => {
  const director = await signedIn(app, 'dir-nanma')
  const { id } = await director.call.legalAid.create({
    officeCode: 'nanma',
    applicantName: '矩阵申请人',
    matterType: 'civil.31.5',
    summary: '矩阵测试：请求支付劳动报酬',
    detained: false,
    handlerId: await userId(app, 'staff-lucun-1'),
  })
  await director.call.legalAid.update({ id, version: 1, action: 'forward' })
  const today = app.deps.clock().toISOString().slice(0, 10)
  await director.call.legalAid.update({
    id,
    version: 2,
    action: 'decide',
    decision,
    decisionDate: today,
    ...(decision === 'refused' ? { decisionNote: '申请人经济状况不符合法律援助条件' } : {}),
  })
  return { id, today }
}

export const LEGAL_ROWS: Record<string, Row> = {
  'legalAid.designate': {
    call: async (a, _f, app) => {
      const { id, today } = await decidedAid(app, 'granted')
      return a.call.legalAid.designate({
        id,
        version: 3,
        designatedPerson: '山东沂源律师事务所 矩阵律师',
        designatedOn: today,
      })
    },
    expect: WRITE_ONE,
  },
  'legalAid.notice': {
    call: async (a, _f, app) => {
      const { id } = await decidedAid(app, 'refused')
      return a.call.legalAid.notice({ id, kind: 'refusal' })
    },
    expect: WRITE_ONE,
  },
  'mediation.applyConfirmation': {
    call: async (a, _f, app) => {
      const { id, today } = await agreedCase(app)
      return a.call.mediation.applyConfirmation({ id, version: 2, applicants: 'joint', appliedOn: today })
    },
    expect: WRITE_ONE,
  },
}
