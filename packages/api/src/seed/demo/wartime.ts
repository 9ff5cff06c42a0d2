// 平战融合 through the activation and staff-leave services: staff leave and outings recorded by the
// squad leaders (past ones, and one person away today), four past wartime activations — started by a
// squad leader, a director, the brigade leader and a liaising bureau leader — with the roster's
// acknowledgements, a decline ruled on, tasks assigned and reported done, an escalation decided by the
// liaison, the stand-down with its summary and the after-action review; and one activation open
// today, still mobilising.
import type { User } from '../../repos/users.ts'
import {
  acknowledge,
  assign,
  decideEscalation,
  decline,
  escalate,
  getActivation,
  report,
  review,
  ruleDecline,
  standDown,
  startActivation,
} from '../../services/activations.ts'
import { recordLeave } from '../../services/staff-leave.ts'
import { addDays } from '../names.ts'
import type { Sim } from './sim.ts'

interface Episode {
  readonly day: number
  readonly area: string
  readonly by: string
  readonly duty: string
  readonly reason: string
  readonly place: string
  readonly escalate?: boolean
  readonly reviewer: string
}

const PAST: ReadonlyArray<Episode> = [
  {
    day: 38,
    area: 'lucun',
    by: 'lead-lucun',
    duty: 'squad.wartime.3',
    reason: '组织辖区社区矫正对象集中教育学习和公益活动',
    place: '鲁村镇社区矫正教育基地',
    reviewer: 'brigade',
  },
  {
    day: 83,
    area: 'xili',
    by: 'dir-xili',
    duty: 'office.wartime.3',
    reason: '西里镇集中排查化解征地拆迁矛盾纠纷，需多人参与配合',
    place: '西里镇政府会议室',
    escalate: true,
    reviewer: 'liaison-xili',
  },
  {
    day: 121,
    area: 'shiqiao',
    by: 'brigade',
    duty: 'squad.wartime.1',
    reason: '迎接市局社区矫正工作督导检查',
    place: '石桥中队办公场所',
    reviewer: 'brigade',
  },
  {
    day: 158,
    area: 'lucun',
    by: 'liaison-lucun',
    duty: 'office.wartime.4',
    reason: '南麻街道重要工作：配合开展“法律明白人”集中培训',
    place: '南麻街道便民服务中心',
    reviewer: 'liaison-lucun',
  },
]

/** Days on which nobody is on leave (activations): leave is recorded around them. */
const BUSY = new Set(PAST.flatMap((e) => [e.day - 1, e.day, e.day + 1]))

export const seedWartime = (sim: Sim): void => {
  seedStaffLeave(sim)
  for (const e of PAST) episode(sim, e, 'past')
  episode(
    sim,
    {
      day: 182,
      area: 'xili',
      by: 'lead-xili',
      duty: 'squad.wartime.4',
      reason: '队所协商：联合西里司法所开展辖区重点人员集中走访',
      place: '西里镇各村（社区）',
      reviewer: 'brigade',
    },
    'open',
  )
}

const seedStaffLeave = (sim: Sim): void => {
  for (const squad of sim.ctx.deps.org.config.squads) {
    const leader = sim.user(`lead-${squad.code}`)
    const members = sim.users.filter((u) => u.role === 'squadMember' && u.squadCode === squad.code)
    for (const [i, m] of members.entries()) {
      for (let k = 0; k < 2; k++) {
        let day = sim.rng.int(5, 170)
        while (BUSY.has(day) || BUSY.has(day + 1) || BUSY.has(day + 2)) day = (day + 5) % 175
        const from = addDays(sim.firstDay, day)
        const days = sim.rng.int(1, 3)
        const out = sim.rng.chance(0.4)
        sim.at(sim.workTime(addDays(from, -sim.rng.int(1, 3)), 8, 17), async () => {
          await sim.call('staffLeave.record', () =>
            recordLeave(sim.ctx, leader, {
              userId: m.id,
              kind: out ? 'out' : 'leave',
              from,
              to: addDays(from, days - 1),
              reason: out ? '外出参加市局业务培训' : sim.rng.pick(['事假：处理家中事务', '病假', '年休假']),
            }),
          )
        })
      }
      // one member of the 西里 squad is on leave today (the open activation excuses them)
      if (squad.code === 'xili' && i === members.length - 1) {
        sim.at(sim.workTime(addDays(sim.today, -3), 9, 11), async () => {
          await sim.call('staffLeave.record', () =>
            recordLeave(sim.ctx, leader, {
              userId: m.id,
              kind: 'leave',
              from: addDays(sim.today, -1),
              to: addDays(sim.today, 1),
              reason: '年休假',
            }),
          )
        })
      }
    }
  }
}

const episode = (sim: Sim, e: Episode, kind: 'past' | 'open'): void => {
  const on = addDays(sim.firstDay, e.day)
  const startAt =
    kind === 'open'
      ? Math.min(sim.workTime(on, 8, 9).getTime(), sim.endMs - 100 * 60_000)
      : sim.workTime(on, 8, 14).getTime()
  const initiator = sim.user(e.by)
  const minutes = (m: number) => startAt + m * 60_000
  sim.at(startAt, async () => {
    const { id } = await sim.call('activation.start', () =>
      startActivation(sim.ctx, initiator, {
        area: e.area,
        dutyCode: e.duty,
        reason: e.reason,
        place: e.place,
        expectedMinutes: kind === 'open' ? 480 : 240,
        peopleNeeded: 6,
      }),
    )
    const view = await getActivation(sim.ctx, initiator, id)
    const commander = sim.users.find((u) => u.personCode === view.commander.personCode) as User
    const pending = view.roster.filter((m) => m.response === 'pending' && m.userId !== null)
    const people = pending.map((m) => sim.users.find((u) => u.id === m.userId) as User)
    const decliner =
      kind === 'past' ? people.find((u) => u.role === 'squadMember' && u.id !== commander.id) : undefined
    const answering = kind === 'open' ? people.slice(0, Math.ceil(people.length / 2)) : people
    for (const [i, u] of answering.entries()) {
      if (u === decliner) continue
      sim.at(minutes(2 + i * 2), async () => {
        await sim.call('activation.acknowledge', () =>
          acknowledge(sim.ctx, u, { id, etaMinutes: sim.rng.int(10, 40) }),
        )
      })
    }
    if (decliner) {
      sim.at(minutes(4), async () => {
        await sim.call('activation.decline', () =>
          decline(sim.ctx, decliner, { id, reason: 'otherAssignment', note: '正在办理法定期限内的调查评估' }),
        )
      })
      sim.at(minutes(25), async () => {
        await sim.call('activation.ruleDecline', () =>
          ruleDecline(sim.ctx, commander, { id, userId: decliner.id, ruling: 'accept' }),
        )
      })
    }
    const workers = answering
      .filter((u) => u !== decliner && u.id !== commander.id)
      .slice(0, kind === 'open' ? 1 : 3)
    for (const [i, u] of workers.entries()) {
      sim.at(minutes(30 + i), async () => {
        const { taskId } = await sim.call('activation.assign', () =>
          assign(sim.ctx, commander, {
            id,
            userId: u.id,
            title:
              ['现场秩序维护和人员签到', '逐户走访并登记情况', '整理台账和影像资料'][i] ?? '配合开展现场工作',
            dutyCode: e.duty,
            dueMinutes: 180,
          }),
        )
        sim.at(minutes(70 + i * 5), async () => {
          await sim.call('activation.reportProgress', () =>
            report(sim.ctx, u, { id, taskId, note: '已到达现场，工作正在进行' }, false),
          )
        })
        if (kind === 'past') {
          sim.at(minutes(150 + i * 7), async () => {
            await sim.call('activation.reportDone', () =>
              report(sim.ctx, u, { id, taskId, note: '已完成，情况已汇总报告指挥人员' }, true),
            )
          })
        }
      })
    }
    if (e.escalate) {
      sim.at(minutes(45), async () => {
        await sim.call('activation.escalate', () =>
          escalate(sim.ctx, commander, {
            id,
            to: 'liaison',
            question: '涉及群体性诉求，是否协调镇党委政府派员共同参与化解？',
            deadlineHours: 2,
          }),
        )
        sim.at(minutes(80), async () => {
          const v = await getActivation(sim.ctx, sim.user(`liaison-${e.area}`), id)
          const escalation = v.escalations[0]
          if (!escalation) throw new Error('demo: escalation missing')
          await sim.call('activation.decideEscalation', () =>
            decideEscalation(sim.ctx, sim.user(`liaison-${e.area}`), {
              id,
              escalationId: escalation.escalationId,
              decision: '同意，请镇综治中心派员参加，司法所牵头做好法律释明。',
            }),
          )
        })
      })
    }
    if (kind === 'open') return
    sim.at(minutes(230), async () => {
      await sim.call('activation.standDown', () =>
        standDown(sim.ctx, commander, {
          id,
          summary: `${e.reason}：按计划完成，参战人员全部到位，分派任务均已办结，未发生安全问题。`,
        }),
      )
    })
    sim.at(minutes(60 * 24 + 120), async () => {
      await sim.call('activation.review', () =>
        review(sim.ctx, sim.user(e.reviewer), {
          id,
          findings: '响应及时，分工明确；个别人员到达时间偏晚，今后应提前做好人员预置。',
        }),
      )
    })
  })
}
