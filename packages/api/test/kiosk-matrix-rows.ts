// Authorization-matrix rows of the kiosk's public services (issue 14), spread into matrix.test.ts's ROWS.
// Kiosk procedures ('kiosk' rows) answer only a bound device, never a user session (checked in
// matrix.test.ts); the public status page ('public') answers anyone but shows nothing without the
// receipt's secret. Console procedures get full rows: `own` users work in 南麻/鲁村, `foreign` in 西里.
import type { Role } from '@pingzhan/domain'
import { newId } from '../src/shared.ts'
import { type Agent, boundKiosk, idNumber, mediation, signedIn, type TestApp, userId } from './harness.ts'

type Outcome = 'OK' | 'EMPTY' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHORIZED'
type Expect = Record<Role, readonly [own: Outcome, foreign: Outcome]> & { anonymous: Outcome }
interface Row {
  readonly call: (a: Agent, f: unknown, app: TestApp) => Promise<unknown>
  readonly sees?: (result: unknown, f: unknown) => boolean
  readonly expect: Expect | 'public' | 'kiosk'
}

const same = (o: Outcome) => [o, o] as const
const scoped = (foreign: Outcome) => ['OK', foreign] as const
const F = same('FORBIDDEN')
const U: Outcome = 'UNAUTHORIZED'

export const kioskLegalAid = () => ({
  key: newId(),
  applicantName: '王秀英',
  phone: '13900139000',
  idNumber: idNumber('19500304', '022'),
  matterType: 'civil.31.4' as const,
  applicantRole: 'self' as const,
  detained: false,
  hasCounsel: false,
  economicHardship: 'yes' as const,
  urgent: false,
  summary: '子女不支付赡养费，本人年老无固定收入。',
  consent: true as const,
  sensitiveConsent: true as const,
})

// One bound kiosk and one director session per app (the matrix runs once per dialect): rows stay cheap.
const kiosks = new WeakMap<TestApp, Promise<Agent>>()
const directors = new WeakMap<TestApp, Promise<Agent>>()
const kioskOf = (app: TestApp): Promise<Agent> => {
  const known = kiosks.get(app)
  if (known) return known
  const k = boundKiosk(app, 'nanma')
  kiosks.set(app, k)
  return k
}
const directorOf = (app: TestApp): Promise<Agent> => {
  const known = directors.get(app)
  if (known) return known
  const d = signedIn(app, 'dir-nanma')
  directors.set(app, d)
  return d
}

/** A fresh 南麻 legal-aid application from a kiosk, as the director's queue shows it. */
const legalAidIntake = async (app: TestApp): Promise<string> => {
  const kiosk = await kioskOf(app)
  const { receiptNo } = await kiosk.call.kiosk.submitLegalAid(kioskLegalAid())
  const director = await directorOf(app)
  const items = (await director.call.intake.list({ status: 'new', limit: 100 })).items
  return items.find((i) => i.receiptNo === receiptNo)?.id ?? ''
}

/** A fresh 南麻 kiosk receipt, locked by wrong secrets (set directly: the lookup path has its own tests). */
const lockedNanmaReceipt = async (app: TestApp): Promise<string> => {
  const kiosk = await kioskOf(app)
  const { receiptNo } = await kiosk.call.kiosk.submitMediation(mediation({ key: newId() }))
  await app.deps.db
    .updateTable('kiosk_receipts')
    .set({ locked_at: new Date(0).toISOString(), failed_attempts: 5 })
    .where('receipt_no', '=', receiptNo)
    .execute()
  return receiptNo
}

const badRequestIsOk = (e: { code?: string }) => {
  if (e.code === 'BAD_REQUEST') return null
  throw e
}

// Consultation slots on days of their own, far ahead, so rows never overlap each other's slots.
let dayCounter = 0
const nextDay = (): string =>
  new Date(Date.UTC(2099, 0, 1) + dayCounter++ * 86_400_000).toISOString().slice(0, 10)

/** A 南麻 slot (never booked), opened by the 南麻 director. */
const nanmaSlot = async (app: TestApp, day = nextDay()): Promise<string> => {
  const director = await directorOf(app)
  await director.call.appointment.addSlots({ day, times: ['09:00'], minutes: 30 })
  const slots = await director.call.appointment.day({ day })
  return slots[0]?.id ?? ''
}
/** per app (the matrix runs once per dialect) */
const viewDays = new WeakMap<TestApp, string>()

const VIEW: Expect = {
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
const MANAGE: Expect = {
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
}

export const KIOSK_ROWS: Record<string, Row> = {
  'kiosk.freeSlots': { expect: 'kiosk', call: (a) => a.call.kiosk.freeSlots() },
  'kiosk.book': {
    expect: 'kiosk',
    call: (a) =>
      a.call.kiosk
        .book({
          key: newId(),
          slotId: newId(),
          applicantName: '孙大妈',
          phone: '13600136000',
          topic: '继承赡养',
          consent: true,
        })
        .catch(badRequestIsOk),
  },
  'kiosk.cancelBooking': {
    expect: 'kiosk',
    call: (a) =>
      a.call.kiosk
        .cancelBooking({ receiptNo: 'YY20261126-ZZZZZZ', secret: '00000000' })
        .catch(badRequestIsOk),
  },
  'appointment.day': {
    call: async (a, _f, app) => {
      let day = viewDays.get(app)
      if (day === undefined) {
        day = nextDay()
        viewDays.set(app, day)
        await nanmaSlot(app, day)
      }
      return a.call.appointment.day({ day })
    },
    sees: (r) => (r as Array<{ officeCode: string }>).some((s) => s.officeCode === 'nanma'),
    expect: VIEW,
  },
  'appointment.addSlots': {
    call: (a) =>
      a.call.appointment.addSlots({ officeCode: 'nanma', day: nextDay(), times: ['10:00'], minutes: 30 }),
    expect: MANAGE,
  },
  'appointment.removeSlot': {
    call: async (a, _f, app) => a.call.appointment.removeSlot({ id: await nanmaSlot(app) }),
    expect: MANAGE,
  },
  'kiosk.submitLegalAid': { expect: 'kiosk', call: (a) => a.call.kiosk.submitLegalAid(kioskLegalAid()) },
  'kiosk.lookupStatus': {
    expect: 'kiosk',
    // a wrong secret is BAD_REQUEST for a bound kiosk; without a device it never gets that far
    call: (a) =>
      a.call.kiosk.lookupStatus({ receiptNo: 'TJ20261126-ZZZZZZ', secret: '00000000' }).catch(badRequestIsOk),
  },
  'receipt.status': {
    expect: 'public',
    call: (a) =>
      a.call.receipt.status({ receiptNo: 'TJ20261126-ZZZZZZ', secret: '00000000' }).catch(() => null),
  },
  'receipt.unlock': {
    call: async (a, _f, app) =>
      a.call.receipt.unlock({ receiptNo: await lockedNanmaReceipt(app), reason: '已核验居民身份证' }),
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
  'intake.acceptLegalAid': {
    call: async (a, _f, app) =>
      a.call.intake.acceptLegalAid({
        id: await legalAidIntake(app),
        handlerId: await userId(app, 'staff-lucun-2'),
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
}
