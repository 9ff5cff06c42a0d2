// 安置帮教 of released prisoners in every squad area (squad duty ②) through the releasee services: the
// prison's notice registered, the handover on release, the file opened and the information entered,
// visits and assistance; the deadline engine's aftercare tasks follow each step.

import type { User } from '../../repos/users.ts'
import { recordReleaseeEvent, registerReleasee } from '../../services/releasees.ts'
import { demoIdNumber } from '../fake-id.ts'
import { addDays, demoName } from '../names.ts'
import type { Sim } from './sim.ts'

const PRISONS = ['山东省淄博监狱', '山东省鲁中监狱', '山东省女子监狱', '山东省潍北监狱']
const PER_AREA = 4

export const seedResettlement = (sim: Sim): void => {
  const org = sim.ctx.deps.org
  let n = 0
  for (const squad of org.config.squads) {
    const staff = sim.users.filter((u) => u.role === 'squadMember' && u.squadCode === squad.code)
    for (let i = 0; i < PER_AREA; i++) {
      const town = squad.towns[(i * 3 + 1) % squad.towns.length] as string
      const worker = staff[(i + 1) % staff.length] as User
      const sex = i === 3 ? 'F' : 'M'
      const k = n++
      const idNumber = demoIdNumber(addDays('1970-05-01', (k * 331) % 9000), sex, 2)
      const releaseOn = addDays(sim.firstDay, sim.rng.int(10, 170))
      const noticeOn = addDays(releaseOn, -sim.rng.int(8, 30))
      const category = i === 0 ? 'key' : i === 3 ? 'elderlySick' : 'general'
      const registerAt = sim.recent(noticeOn < sim.firstDay ? sim.firstDay : noticeOn, 9, 11)
      sim.at(registerAt, async () => {
        const { id } = await sim.call('releasee.register', () =>
          registerReleasee(sim.ctx, worker, {
            name: demoName(sim.rng),
            idNumber,
            category,
            townCode: town,
            prison: sim.rng.pick(PRISONS),
            noticeOn,
            releaseOn,
            note: '监狱寄送释放通知书及回执',
          }),
        )
        let prevAt = registerAt.getTime()
        const step = (
          kind: 'handedOver' | 'fileOpened' | 'infoEntered' | 'visit' | 'assisted',
          on: string,
          extra: { note?: string; assistance?: 'placement' | 'relief' | 'education' | 'training' } = {},
        ) => {
          if (on > sim.today) return
          prevAt = Math.max(prevAt + 60_000, sim.workTime(on).getTime())
          sim.at(prevAt, async () => {
            await sim.call(`releasee.${kind}`, () =>
              recordReleaseeEvent(sim.ctx, worker, { id, kind, on, ...extra }),
            )
          })
        }
        step('handedOver', addDays(releaseOn, sim.rng.int(0, 1)), { note: '在监狱门口接回，已送至居住地' })
        step('fileOpened', addDays(releaseOn, sim.rng.int(2, 6)))
        step('infoEntered', addDays(releaseOn, sim.rng.int(3, 9)))
        for (let v = 1; v <= 4; v++) {
          step('visit', addDays(releaseOn, v * sim.rng.int(25, 35)), {
            note: '走访了解生活、就业情况，家庭关系和睦',
          })
        }
        if (sim.rng.chance(0.6)) {
          step('assisted', addDays(releaseOn, sim.rng.int(20, 50)), {
            assistance: sim.rng.pick(['placement', 'relief', 'training'] as const),
            note: '协调镇人社所推荐就业岗位，申请临时救助',
          })
        }
      })
    }
  }
}
