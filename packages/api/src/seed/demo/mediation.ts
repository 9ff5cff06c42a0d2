// Kiosk requests and mediation cases of every office (人民调解, office duty ②): each director registers
// the office's kiosk (device.register), the kiosk binds with its one-time code (kiosk.bind), residents
// file mediation requests on it (kiosk.submitMediation); the director accepts (a case and its task) or
// returns them; walk-in cases are registered at the office (mediation.create), some refused because a
// court or the police already handle them. Cases go on to mediation and end in an agreement or
// failure; the newest requests wait in the queue for today.
import { DISPUTE_TYPES, type DisputeType } from '../../client/dispute-types.ts'
import { tokenHash } from '../../crypto/keys.ts'
import { findActiveDevice, type KioskDevice } from '../../repos/devices.ts'
import type { User } from '../../repos/users.ts'
import { bindKiosk, registerDevice } from '../../services/devices.ts'
import { acceptIntake, rejectIntake } from '../../services/intake.ts'
import { submitMediation } from '../../services/kiosk.ts'
import { createMediation, updateMediation } from '../../services/mediation.ts'
import { shanghaiDate } from '../../shared.ts'
import { demoIdNumber } from '../fake-id.ts'
import { addDays, demoName } from '../names.ts'
import type { Sim } from './sim.ts'

const REQUESTS_PER_MONTH = 3
const WALK_INS_PER_MONTH = 2

const DISPUTES: ReadonlyArray<readonly [DisputeType | string, string]> = [
  ['婚姻家庭', '夫妻双方因子女抚养和家庭财产分配问题发生争执，希望司法所帮助调解。'],
  ['邻里纠纷', '因宅基地边界和院墙修建问题与邻居多次争吵，影响两家正常生活。'],
  ['山林土地', '承包地界址不清，与同村村民因地头树木归属发生纠纷。'],
  ['劳动争议', '在本镇企业务工三个月，工资未按约定足额发放，协商无果。'],
  ['损害赔偿', '电动车与三轮车相撞造成人员轻伤，双方就医疗费用赔偿意见不一。'],
  ['合同纠纷', '房屋装修完工后质量存在问题，与施工方就尾款支付发生争议。'],
]

const phoneOf = (n: number): string => `1390000${String(1000 + (n % 9000)).padStart(4, '0')}`

export const seedMediation = (sim: Sim): void => {
  const org = sim.ctx.deps.org
  let applicants = 0
  const applicantId = () => {
    const n = applicants++
    // adults born 1960–1999, distinct per applicant
    return demoIdNumber(
      addDays('1960-01-01', (n * 97) % 14_600),
      n % 2 === 0 ? 'M' : 'F',
      Math.floor(n / 150),
    )
  }
  const typed = (t: string): DisputeType =>
    (DISPUTE_TYPES as ReadonlyArray<string>).includes(t) ? (t as DisputeType) : '其他'
  for (const o of org.config.offices) {
    const director = sim.user(`dir-${o.code}`)
    const area = org.areaOfOffice(o.code)
    const staff = sim.users.filter((u) => u.role === 'squadMember' && u.squadCode === area)
    const handlers: ReadonlyArray<User> = [director, ...staff.slice(0, 1)]
    const officeName = org.office(o.code)?.name ?? o.code
    let device: KioskDevice | null = null
    // the kiosk, registered and bound on the first days
    const setupAt = sim.workTime(addDays(sim.firstDay, sim.rng.int(0, 2)), 9, 10)
    sim.at(setupAt, async () => {
      const { activationCode } = await sim.call('device.register', () =>
        registerDevice(sim.ctx, director, { officeCode: o.code, label: `${officeName}大厅自助终端` }),
      )
      let token = ''
      const req = {
        ...sim.ctx.req,
        setCookie: (_name: string, value: string) => {
          token = value
        },
      }
      await sim.call('kiosk.bind', () => bindKiosk({ deps: sim.ctx.deps, req }, activationCode))
      device = await findActiveDevice(sim.ctx.deps.db, tokenHash(token))
    })
    // requests over the months, the last ones this morning and yesterday (still waiting)
    const count = REQUESTS_PER_MONTH * 6
    const days = [
      ...Array.from({ length: count }, (_, k) => Math.floor(((k + sim.rng.next()) / count) * 178) + 3),
      178 + 3,
      182,
    ]
    for (const [k, d] of days.entries()) {
      const on = addDays(sim.firstDay, d)
      if (on > sim.today) continue
      const waiting = k >= count
      const submitAt = waiting ? sim.recent(on, 8, 9) : sim.workTime(on, 8, 16)
      const [type, summary] = sim.rng.pick(DISPUTES)
      const applicant = demoName(sim.rng)
      const other = demoName(sim.rng)
      const idNumber = applicantId()
      const phone = phoneOf(applicants)
      const group = sim.rng.chance(0.05)
      const handler = sim.rng.pick(handlers)
      const decision = waiting
        ? 'wait'
        : sim.rng.weighted([
            ['accept', 85],
            ['reject', 15],
          ] as const)
      sim.at(submitAt, async () => {
        if (device === null) throw new Error(`demo: no kiosk at ${o.code}`)
        const kioskDevice: KioskDevice = device
        const { receiptNo } = await sim.call('kiosk.submitMediation', () =>
          submitMediation(sim.ctx, kioskDevice, {
            applicantName: applicant,
            phone,
            idNumber,
            summary,
            otherParty: other,
            consent: true,
            groupDispute: group,
          }),
        )
        const intake = await sim.ctx.deps.db
          .selectFrom('intakes')
          .select('id')
          .where('receipt_no', '=', receiptNo)
          .executeTakeFirstOrThrow()
        if (decision === 'wait') return
        const decideAt = sim.later(submitAt, sim.rng.int(60, 60 * 30))
        sim.at(decideAt, async () => {
          if (decision === 'reject') {
            await sim.call('intake.reject', () =>
              rejectIntake(sim.ctx, director, {
                id: intake.id,
                reason: '经核实，该纠纷已由人民法院立案受理，不属于人民调解受理范围',
              }),
            )
            return
          }
          const today = shanghaiDate(new Date(sim.now()))
          const { mediationId } = await sim.call('intake.accept', () =>
            acceptIntake(sim.ctx, director, {
              id: intake.id,
              dutyCode: 'office.peacetime.2.2',
              title: `调解：${applicant}与${other}（${type}）`,
              dueDate: addDays(today, 25),
              assigneeId: handler.id,
              disputeType: typed(type),
            }),
          )
          progress(sim, director, mediationId, decideAt)
        })
      })
    }
    // walk-in cases at the office
    const walkIns = WALK_INS_PER_MONTH * 6
    for (let k = 0; k < walkIns; k++) {
      const on = addDays(sim.firstDay, Math.floor(((k + sim.rng.next()) / walkIns) * 180))
      const at = sim.workTime(on)
      const [type, summary] = sim.rng.pick(DISPUTES)
      const applicant = demoName(sim.rng)
      const other = demoName(sim.rng)
      const refused = sim.rng.chance(0.1)
      const handler = sim.rng.pick(handlers)
      sim.at(at, async () => {
        const { id } = await sim.call('mediation.create', () =>
          createMediation(sim.ctx, director, {
            source: 'walk_in',
            applicantName: applicant,
            otherParty: other,
            disputeType: typed(type),
            summary,
            ...(refused ? { handledElsewhere: 'court' as const } : { assigneeId: handler.id }),
          }),
        )
        if (!refused) progress(sim, director, id, at.getTime())
      })
    }
  }
}

const versionOf = async (sim: Sim, id: string) =>
  Number(
    (
      await sim.ctx.deps.db
        .selectFrom('mediation_cases')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).version,
  )

/** From accepted to mediating to an agreement (or failure), at a realistic pace. */
const progress = (sim: Sim, director: User, id: string, fromMs: number): void => {
  const startMs = sim.later(fromMs, sim.rng.int(60 * 24, 60 * 24 * 5))
  sim.at(startMs, async () => {
    await sim.call('mediation.update', async () =>
      updateMediation(sim.ctx, director, { id, version: await versionOf(sim, id), action: 'start' }),
    )
    const endMs = startMs + sim.rng.int(3, 26) * 86_400_000
    const agreed = sim.rng.chance(0.75)
    sim.at(endMs, async () => {
      const today = shanghaiDate(new Date(sim.now()))
      await sim.call('mediation.update', async () =>
        updateMediation(
          sim.ctx,
          director,
          agreed
            ? {
                id,
                version: await versionOf(sim, id),
                action: 'agree',
                agreementText:
                  '双方自愿达成如下协议：一、争议事项按协商方案处理；二、双方今后互谅互让，不再因此事发生争执。',
                agreementDate: today,
              }
            : {
                id,
                version: await versionOf(sim, id),
                action: 'fail',
                failureNote: '双方分歧较大，调解不成，已告知当事人可依法向人民法院提起诉讼。',
              },
        ),
      )
    })
  })
}
