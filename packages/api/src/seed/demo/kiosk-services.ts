// 自助终端的法律服务 (issue 14) through the kiosk services: residents apply for legal aid at their
// office's kiosk (receipt with its secret), the director accepts the application into the legal-aid
// register, forwards it and records the centre's decision; the latest applications wait today. Directors
// open consultation slots two days ahead; residents book some of them at the kiosk, including today's.
import { listDevices } from '../../repos/devices.ts'
import type { User } from '../../repos/users.ts'
import { addSlots, bookSlot, CONSULT_TOPICS } from '../../services/appointments.ts'
import { acceptLegalAidIntake, submitLegalAid } from '../../services/kiosk-legal-aid.ts'
import { updateLegalAid } from '../../services/legal-aid.ts'
import { newId } from '../../shared.ts'
import { demoIdNumber } from '../fake-id.ts'
import { addDays, demoName, shanghaiAt } from '../names.ts'
import type { Sim } from './sim.ts'

const APPLICATIONS = [
  ['civil.31.4', '子女不支付赡养费，本人年老无固定收入，请求法律援助。'],
  ['civil.31.5', '在建筑工地务工被拖欠工资八个月，包工头失联。'],
  ['civil.31.6', '离婚后对方拒不支付子女抚养费。'],
  ['civil.31.7', '在工厂受伤，单位不认可工伤，要求赔偿。'],
] as const
const TIMES = ['09:00', '10:00', '15:00', '16:00']
const PAST_TIMES = ['09:00', '15:00']

const kioskOf = async (sim: Sim, office: string) => {
  const d = (await listDevices(sim.ctx.deps.db, office)).find((x) => x.status === 'active')
  if (d === undefined) throw new Error(`demo: no kiosk at ${office}`)
  return { id: d.id, officeCode: d.officeCode, label: d.label }
}

const caseVersion = async (sim: Sim, id: string): Promise<number> =>
  Number(
    (
      await sim.ctx.deps.db
        .selectFrom('legal_aid_cases')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).version,
  )

export const seedKioskServices = (sim: Sim): void => {
  let n = 0
  for (const [index, o] of sim.ctx.deps.org.config.offices.entries()) {
    const director = sim.user(`dir-${o.code}`)
    const helper =
      sim.users.find(
        (u) => u.role === 'squadMember' && u.squadCode === sim.ctx.deps.org.areaOfOffice(o.code),
      ) ?? director
    const count = 5
    for (let k = 0; k <= count; k++) {
      // the last one this morning (every other office): still waiting for the director
      const waiting = k === count
      if (waiting && index % 2 === 1) continue
      const on = waiting
        ? sim.today
        : addDays(sim.firstDay, 6 + Math.floor(((k + sim.rng.next()) / count) * 170))
      const at = waiting ? sim.recent(on, 8, 10).getTime() : sim.workTime(on, 9, 16).getTime()
      const [matterType, summary] = sim.rng.pick(APPLICATIONS)
      const serial = n++
      const idNumber = demoIdNumber(addDays('1955-03-01', (serial * 211) % 11_000), serial % 2 ? 'F' : 'M', 7)
      const phone = `1370000${String(2000 + serial).padStart(4, '0')}`
      const hardship = matterType === 'civil.31.4' ? ({ hardshipWaiver: '42.1' } as const) : {}
      sim.at(at, async () => {
        const device = await kioskOf(sim, o.code)
        const receipt = await sim.call('kiosk.submitLegalAid', () =>
          submitLegalAid(sim.ctx, device, {
            key: newId(),
            applicantName: demoName(sim.rng),
            phone,
            idNumber,
            matterType,
            applicantRole: 'self',
            detained: false,
            hasCounsel: false,
            economicHardship: 'yes',
            urgent: false,
            summary,
            materialsBrought: ['id'],
            consent: true,
            sensitiveConsent: true,
            ...hardship,
          }),
        )
        if (waiting) return
        const intake = await sim.ctx.deps.db
          .selectFrom('intakes')
          .select('id')
          .where('receipt_no', '=', receipt.receiptNo)
          .executeTakeFirstOrThrow()
        const acceptAt = sim.later(at, sim.rng.int(2, 48) * 60)
        sim.at(acceptAt, async () => {
          const { legalAidId } = await sim.call('intake.acceptLegalAid', () =>
            acceptLegalAidIntake(sim.ctx, director, { id: intake.id, handlerId: helper.id }),
          )
          const forwardAt = sim.later(acceptAt, sim.rng.int(1, 3) * 24 * 60)
          sim.at(forwardAt, async () => {
            await sim.call('legalAid.forward', async () =>
              updateLegalAid(sim.ctx, director, {
                id: legalAidId,
                version: await caseVersion(sim, legalAidId),
                action: 'forward',
              }),
            )
            sim.at(sim.later(forwardAt, sim.rng.int(2, 6) * 24 * 60), async () => {
              await sim.call('legalAid.decide', async () =>
                updateLegalAid(sim.ctx, director, {
                  id: legalAidId,
                  version: await caseVersion(sim, legalAidId),
                  action: 'decide',
                  decision: 'granted',
                  decisionDate: dayOf(sim.now()),
                  decisionNote: '县法律援助中心决定给予法律援助，已指派律师。',
                }),
              )
            })
          })
        })
      })
    }
    slots(sim, director, o.code)
  }
}

/** Consultation slots on Wednesdays (and today and tomorrow, more of them), set two days ahead. */
const slots = (sim: Sim, director: User, office: string): void => {
  const days = new Set<string>()
  for (let d = 5; d <= 190; d++) {
    const day = addDays(sim.firstDay, d)
    const wd = new Date(`${day}T00:00:00Z`).getUTCDay()
    if (wd === 3) days.add(day)
  }
  days.add(sim.today)
  days.add(addDays(sim.today, 1))
  for (const day of [...days].sort()) {
    if (addDays(day, -2) > sim.today) continue
    const today = day === sim.today
    const near = day >= sim.today
    sim.at(shanghaiAt(addDays(day, -2), 8, 30), async () => {
      await sim.call('appointment.addSlots', () =>
        addSlots(sim.ctx, director, { day, times: near ? TIMES : PAST_TIMES, minutes: 45 }),
      )
      const rows = await sim.ctx.deps.db
        .selectFrom('consult_slots')
        .select(['id', 'starts_at'])
        .where('office_code', '=', office)
        .where('day', '=', day)
        .orderBy('starts_at')
        .execute()
      for (const [i, s] of rows.entries()) {
        // today's first two are booked; other days about every other slot
        if (!(today ? i < 2 : sim.rng.chance(0.4))) continue
        const startMs = Date.parse(s.starts_at)
        const at = Math.max(sim.now() + 600_000, startMs - sim.rng.int(2, 40) * 3_600_000)
        sim.at(today ? Math.min(at, shanghaiAt(addDays(day, -1), 16, 0).getTime()) : at, async () => {
          const device = await kioskOf(sim, office)
          await sim.call('kiosk.bookSlot', () =>
            bookSlot(sim.ctx, device, {
              key: newId(),
              slotId: s.id,
              applicantName: demoName(sim.rng),
              phone: `1360000${String(1000 + sim.rng.int(0, 8999))}`,
              topic: sim.rng.pick(CONSULT_TOPICS),
              consent: true,
            }),
          )
        })
      }
    })
  }
}

/** The Shanghai civil date of an instant. */
const dayOf = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
