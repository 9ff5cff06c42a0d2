// Authorization-matrix rows of the office casework registers (issue 4: legal aid, legality reviews,
// legal education), spread into matrix.test.ts's ROWS. Each row makes its own 南麻 record (鲁村中队辖区)
// with the 南麻 director, so the shared fixture stays untouched. `own` users work in 鲁村/南麻,
// `foreign` in 西里. Access is the mediation register's: director own office (writes), liaison bureau
// leader own area (reads only), administrator all; everyone else sees nothing.
import type { Role } from '@pingzhan/domain'
import { type Agent, signedIn, type TestApp, userId } from './harness.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'
type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }
interface Row {
  readonly call: (a: Agent, f: unknown, app: TestApp) => Promise<unknown>
  readonly sees?: (result: unknown, f: unknown) => boolean
  readonly expect: Expect
}

const JPEG =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA='

const same = (o: Outcome) => [o, o] as const
const scoped = (foreign: Outcome) => ['OK', foreign] as const
const F = same('FORBIDDEN')

const SEES: Expect = {
  bureauAdmin: same('OK'),
  bureauLeader: scoped('EMPTY'),
  brigadeLeader: same('EMPTY'),
  squadLeader: same('EMPTY'),
  squadMember: same('EMPTY'),
  officeDirector: scoped('EMPTY'),
  departmentStaff: same('EMPTY'),
  securityAdmin: same('EMPTY'),
  auditAdmin: same('EMPTY'),
  anonymous: 'UNAUTHORIZED',
}
const READ_ONE: Expect = {
  bureauAdmin: same('OK'),
  bureauLeader: scoped('NOT_FOUND'),
  brigadeLeader: same('NOT_FOUND'),
  squadLeader: same('NOT_FOUND'),
  squadMember: same('NOT_FOUND'),
  officeDirector: scoped('NOT_FOUND'),
  departmentStaff: same('NOT_FOUND'),
  securityAdmin: same('NOT_FOUND'),
  auditAdmin: same('NOT_FOUND'),
  anonymous: 'UNAUTHORIZED',
}
const CREATE: Expect = {
  bureauAdmin: same('OK'),
  bureauLeader: F,
  brigadeLeader: F,
  squadLeader: F,
  squadMember: F,
  officeDirector: scoped('NOT_FOUND'),
  departmentStaff: F,
  securityAdmin: F,
  auditAdmin: F,
  anonymous: 'UNAUTHORIZED',
}
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

const ids = (r: unknown) => (r as { items: Array<{ id: string }> }).items.map((i) => i.id)

const legalAid = async (app: TestApp) =>
  (await signedIn(app, 'dir-nanma')).call.legalAid.create({
    officeCode: 'nanma',
    applicantName: '矩阵申请人',
    matterType: 'civil.31.4',
    summary: '矩阵测试：请求给付赡养费',
    detained: false,
    handlerId: await userId(app, 'staff-lucun-1'),
  })
const review = async (app: TestApp) =>
  (await signedIn(app, 'dir-nanma')).call.legalityReview.create({
    documentTitle: '矩阵测试文件',
    requestingBody: '南麻街道党政办公室',
    receivedDate: '2026-11-25',
    deadline: '2026-12-05',
    reviewerId: await userId(app, 'staff-lucun-1'),
  })
const education = async (app: TestApp) =>
  (await signedIn(app, 'dir-nanma')).call.legalEducation.create({
    eventDate: '2026-11-26',
    place: '南麻街道文化广场',
    audience: '辖区村民',
    headcount: 50,
    theme: '矩阵测试普法',
    organiserId: await userId(app, 'staff-lucun-1'),
  })

/** Read-only rows share one record per app and register; writing rows make their own. */
const shared = new WeakMap<TestApp, Map<string, Promise<{ id: string }>>>()
const once = (app: TestApp, key: string, make: (app: TestApp) => Promise<{ id: string }>) => {
  let byKey = shared.get(app)
  if (!byKey) {
    byKey = new Map()
    shared.set(app, byKey)
  }
  let p = byKey.get(key)
  if (!p) {
    p = make(app)
    byKey.set(key, p)
  }
  return p
}

/** Lists: newest first, so a record made just before the call is on the first page. */
export const REGISTERS_ROWS: Record<string, Row> = {
  'legalAid.list': {
    call: async (a, _f, app) => {
      const { id } = await legalAid(app)
      return { id, ids: ids(await a.call.legalAid.list({ limit: 5 })) }
    },
    sees: (r) => (r as { id: string; ids: string[] }).ids.includes((r as { id: string }).id),
    expect: SEES,
  },
  'legalAid.get': {
    call: async (a, _f, app) => a.call.legalAid.get({ id: (await once(app, 'aid', legalAid)).id }),
    expect: READ_ONE,
  },
  'legalAid.create': {
    call: async (a, _f, app) =>
      a.call.legalAid.create({
        officeCode: 'nanma',
        applicantName: '矩阵申请人',
        matterType: 'criminal.24',
        summary: '矩阵测试：刑事辩护',
        detained: true,
        handlerId: await userId(app, 'staff-lucun-1'),
      }),
    expect: CREATE,
  },
  'legalAid.update': {
    call: async (a, _f, app) =>
      a.call.legalAid.update({ id: (await legalAid(app)).id, version: 1, action: 'forward' }),
    expect: WRITE_ONE,
  },
  'legalAid.export': {
    call: async (a, _f, app) => {
      await once(app, 'aid', legalAid)
      return a.call.legalAid.export({ officeCode: 'nanma' })
    },
    sees: (r) => (r as { rows: number }).rows > 0,
    expect: SEES,
  },
  'legalityReview.list': {
    call: async (a, _f, app) => {
      const { id } = await review(app)
      return { id, ids: ids(await a.call.legalityReview.list({ limit: 5 })) }
    },
    sees: (r) => (r as { id: string; ids: string[] }).ids.includes((r as { id: string }).id),
    expect: SEES,
  },
  'legalityReview.get': {
    call: async (a, _f, app) => a.call.legalityReview.get({ id: (await once(app, 'review', review)).id }),
    expect: READ_ONE,
  },
  'legalityReview.create': {
    call: async (a, _f, app) =>
      a.call.legalityReview.create({
        officeCode: 'nanma',
        documentTitle: '矩阵测试文件',
        requestingBody: '南麻街道党政办公室',
        receivedDate: '2026-11-25',
        deadline: '2026-12-05',
        reviewerId: await userId(app, 'staff-lucun-1'),
      }),
    expect: CREATE,
  },
  'legalityReview.update': {
    call: async (a, _f, app) =>
      a.call.legalityReview.update({
        id: (await review(app)).id,
        version: 1,
        action: 'conclude',
        opinion: 'lawful',
      }),
    expect: WRITE_ONE,
  },
  'legalityReview.export': {
    call: async (a, _f, app) => {
      await once(app, 'review', review)
      return a.call.legalityReview.export({ officeCode: 'nanma' })
    },
    sees: (r) => (r as { rows: number }).rows > 0,
    expect: SEES,
  },
  'legalEducation.list': {
    call: async (a, _f, app) => {
      const { id } = await education(app)
      return { id, ids: ids(await a.call.legalEducation.list({ limit: 5 })) }
    },
    sees: (r) => (r as { id: string; ids: string[] }).ids.includes((r as { id: string }).id),
    expect: SEES,
  },
  'legalEducation.get': {
    call: async (a, _f, app) =>
      a.call.legalEducation.get({ id: (await once(app, 'education', education)).id }),
    expect: READ_ONE,
  },
  'legalEducation.create': {
    call: async (a, _f, app) =>
      a.call.legalEducation.create({
        officeCode: 'nanma',
        eventDate: '2026-12-01',
        place: '南麻街道文化广场',
        audience: '辖区村民',
        headcount: 50,
        theme: '矩阵测试普法',
        organiserId: await userId(app, 'staff-lucun-1'),
      }),
    expect: CREATE,
  },
  'legalEducation.update': {
    call: async (a, _f, app) =>
      a.call.legalEducation.update({
        id: (await education(app)).id,
        version: 1,
        action: 'hold',
        summary: '矩阵测试：活动已开展',
      }),
    expect: WRITE_ONE,
  },
  'legalEducation.addPhoto': {
    call: async (a, _f, app) =>
      a.call.legalEducation.addPhoto({ id: (await education(app)).id, photo: JPEG }),
    expect: WRITE_ONE,
  },
  'legalEducation.photo': {
    call: async (a, _f, app) => {
      const { id: photoId } = await once(app, 'photo', async () => {
        const { id } = await education(app)
        const director = await signedIn(app, 'dir-nanma')
        return { id: (await director.call.legalEducation.addPhoto({ id, photo: JPEG })).photoId }
      })
      return a.call.legalEducation.photo({ id: photoId })
    },
    expect: READ_ONE,
  },
  'legalEducation.export': {
    call: async (a, _f, app) => {
      await once(app, 'education', education)
      return a.call.legalEducation.export({ officeCode: 'nanma' })
    },
    sees: (r) => (r as { rows: number }).rows > 0,
    expect: SEES,
  },
}
