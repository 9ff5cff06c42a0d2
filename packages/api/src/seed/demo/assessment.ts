// 考核与督导 (issues 12 and 13, policy 四.1 and 四.3) through the assessment and oversight services: the
// bureau (系统管理员) publishes the assessment scheme on the first day, enters the previous year's
// year-end scores (现场点评、材料报送) of every office and squad, publishes each finished month's ranking
// early in the next month, and records one accountability case. The three bureau leaders make
// unannounced visits (“四不两直”) to the offices and squads of the area they liaise with; findings become
// rectification tasks for the unit's head, who reports them done; the leader accepts them (or sends one
// back); some visits raise a question to the party group (提报), decided by a bureau leader.
import type { User } from '../../repos/users.ts'
import {
  enterScore,
  publishResults,
  publishScheme,
  recordAccountability,
  saveScheme,
  schemeTemplate,
} from '../../services/assessment.ts'
import {
  checkFinding,
  decideEscalation,
  raiseEscalation,
  recordInspection,
  rectifyFinding,
} from '../../services/oversight.ts'
import { completeTask, startTask } from '../../services/tasks.ts'
import { addDays, demoName, shanghaiAt } from '../names.ts'
import type { Sim } from './sim.ts'
import { versionOf } from './tasks.ts'

const OFFICE_FINDINGS: ReadonlyArray<readonly [string, string]> = [
  ['office.peacetime.2.1', '人民调解卷宗归档不及时，部分协议书缺少当事人签名'],
  ['office.peacetime.1.2', '合法性审查台账登记不完整，审查意见未按时归档'],
  ['office.peacetime.3.2', '普法宣传活动影像资料不全，未建立活动台账'],
  ['office.peacetime.4.4', '村（社区）法律顾问服务记录填写不规范'],
  ['office.peacetime.5.1', '司法所值班制度上墙，但值班记录缺失'],
]
const SQUAD_FINDINGS: ReadonlyArray<readonly [string, string]> = [
  ['squad.peacetime.1.4', '个别社区矫正对象档案中矫正方案未按季度调整'],
  ['squad.peacetime.1.8', '入户走访记录过于简略，未体现教育帮扶内容'],
  ['squad.peacetime.2.2', '刑满释放人员安置帮教档案缺少衔接回执'],
]
const CHECKED = [
  '调解卷宗、合法性审查台账、值班记录，现场询问来访群众',
  '社区矫正档案、入户走访记录、电子监管平台，抽查两名矫正对象报到情况',
  '公共法律服务工作站运行、普法阵地、法律顾问服务记录',
]
const QUESTIONS = [
  '辖区内涉众型矛盾纠纷增多，司法所人员力量不足，建议局党组研究统筹调配人员',
  '镇街公共法律服务工作站场地不达标，需协调镇党委政府解决，提请局党组研究',
  '执法中队与司法所联动机制运行中经费保障不足，提请局党组研究决策',
]

const findingVersion = async (sim: Sim, id: string): Promise<number> =>
  Number(
    (
      await sim.ctx.deps.db
        .selectFrom('inspection_findings')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).version,
  )

const escalationVersion = async (sim: Sim, id: string): Promise<number> =>
  Number(
    (
      await sim.ctx.deps.db
        .selectFrom('escalations')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).version,
  )

export const seedAssessment = (sim: Sim): void => {
  const org = sim.ctx.deps.org
  const admin = sim.user('admin')
  let schemeId = ''
  // the scheme, published on the first morning
  sim.at(shanghaiAt(sim.firstDay, 9, 0), async () => {
    const { version: _v, ...template } = await schemeTemplate(sim.ctx, admin)
    const saved = await sim.call('assessment.saveScheme', () =>
      saveScheme(sim.ctx, admin, { scheme: { ...template, name: `${template.name}（演示）` } }),
    )
    await sim.call('assessment.publishScheme', () =>
      publishScheme(sim.ctx, admin, { id: saved.id, rowVersion: saved.rowVersion }),
    )
    schemeId = saved.id
  })
  // the previous year's year-end scores of every office and squad
  const lastYear = Number(sim.firstDay.slice(0, 4)) - 1
  const units = [
    ...org.config.offices.map((o) => ({ type: 'office' as const, code: o.code })),
    ...org.config.squads.map((s) => ({ type: 'squad' as const, code: s.code })),
  ]
  for (const [i, u] of units.entries()) {
    sim.at(shanghaiAt(sim.firstDay, 10, i * 2), async () => {
      for (const entry of ['onSite', 'materials'] as const) {
        await sim.call('assessment.enterScore', () =>
          enterScore(sim.ctx, admin, {
            year: lastYear,
            unitType: u.type,
            unitCode: u.code,
            entry,
            score: sim.rng.int(72, 98),
            note:
              entry === 'onSite' ? `${lastYear}年底现场点评（演示）` : `${lastYear}年度材料报送评分（演示）`,
          }),
        )
      }
    })
  }
  // each finished month's ranking, published on the 3rd of the next month
  for (let month = sim.firstDay.slice(0, 7); ; ) {
    const next = nextMonth(month)
    const publishOn = `${next}-03`
    if (publishOn > sim.today) break
    if (`${month}-01` >= sim.firstDay) {
      const period = month
      sim.at(shanghaiAt(publishOn, 10, 0), async () => {
        await sim.call('assessment.publishResults', () =>
          publishResults(sim.ctx, admin, { period, schemeId }),
        )
      })
    }
    month = next
  }
  // one accountability case (问责)
  const yanya = sim.user('dir-yanya')
  sim.at(sim.workTime(addDays(sim.firstDay, 120), 14, 16), async () => {
    await sim.call('accountability.record', () =>
      recordAccountability(sim.ctx, admin, {
        category: 'dutyFailure',
        unitType: 'office',
        unitCode: yanya.officeCode ?? 'yanya',
        personName: demoName(sim.rng),
        occurredOn: addDays(sim.firstDay, 112),
        facts: '督导检查发现的调解卷宗整改问题经两次交办仍未整改到位（演示）',
        decision: '约谈提醒，责令限期整改，年度考核中扣分',
      }),
    )
  })
  for (const squad of org.config.squads) inspections(sim, squad.code)
}

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** A leader's unannounced visits to the units of their area, about every three weeks. */
const inspections = (sim: Sim, area: string): void => {
  const org = sim.ctx.deps.org
  const leader = sim.user(`liaison-${area}`)
  const units = [
    ...org.config.offices
      .filter((o) => org.areaOfOffice(o.code) === area)
      .map((o) => ({ type: 'office' as const, code: o.code, name: org.office(o.code)?.name ?? o.code })),
    { type: 'squad' as const, code: area, name: org.squad(area)?.name ?? area },
  ]
  let n = 0
  for (let day = 6 + sim.rng.int(0, 6); day <= 181; day += sim.rng.int(16, 24)) {
    const u = units[n % units.length] as (typeof units)[number]
    const k = n++
    const on = addDays(sim.firstDay, day)
    const at = sim.recent(on, 14, 17).getTime()
    const findings = Array.from({ length: sim.rng.int(0, 2) }, () =>
      sim.rng.pick(u.type === 'office' ? OFFICE_FINDINGS : SQUAD_FINDINGS),
    )
    const escalate = k % 4 === 1
    sim.at(at, async () => {
      const { id, findingIds } = await sim.call('inspection.record', () =>
        recordInspection(sim.ctx, leader, {
          unitType: u.type,
          unitCode: u.code,
          visitedAt: new Date(sim.now() - sim.rng.int(60, 150) * 60_000).toISOString(),
          place: `${u.name}办公场所`,
          checked: `${sim.rng.pick(CHECKED)}（演示）`,
          findings: findings.map(([dutyCode, text]) => ({ text, dutyCode })),
        }),
      )
      for (const [i, findingId] of findingIds.entries()) {
        const dutyCode = (findings[i] as readonly [string, string])[0]
        rectification(sim, leader, u, findingId, dutyCode, k === 2 && i === 0)
      }
      if (escalate) escalation(sim, leader, id)
    })
  }
}

const rectification = (
  sim: Sim,
  leader: User,
  u: { type: 'office' | 'squad'; code: string },
  findingId: string,
  dutyCode: string,
  sendBack: boolean,
): void => {
  const head = sim.user(u.type === 'office' ? `dir-${u.code}` : `lead-${u.code}`)
  const days = sim.rng.int(7, 15)
  sim.at(sim.later(sim.now(), 30), async () => {
    const today = sim.ctx.deps.clock().toISOString()
    const { taskId } = await sim.call('inspection.rectify', () =>
      rectifyFinding(sim.ctx, leader, { findingId, dutyCode, dueDate: addDays(dayOf(today), days) }),
    )
    const doneAt = sim.later(sim.now(), sim.rng.int(2, days - 1) * 24 * 60)
    const checkAt = sim.later(doneAt, sim.rng.int(1, 4) * 24 * 60)
    start(sim, head, taskId, sim.later(sim.now(), sim.rng.int(60, 600)))
    done(sim, head, taskId, doneAt)
    sim.at(checkAt, async () => {
      const { taskId: again } = await sim.call(
        sendBack ? 'inspection.return' : 'inspection.accept',
        async () =>
          checkFinding(sim.ctx, leader, {
            findingId,
            version: await findingVersion(sim, findingId),
            accept: !sendBack,
            note: sendBack ? '整改不彻底，卷宗仍有缺项，请再次整改' : '经现场复查，已整改到位',
            ...(sendBack ? { dueDate: addDays(dayOf(sim.ctx.deps.clock().toISOString()), 7) } : {}),
          }),
      )
      if (again !== null) {
        const secondDone = sim.later(sim.now(), sim.rng.int(2, 5) * 24 * 60)
        start(sim, head, again, sim.later(sim.now(), 120))
        done(sim, head, again, secondDone)
        sim.at(sim.later(secondDone, 24 * 60), async () => {
          await sim.call('inspection.accept', async () =>
            checkFinding(sim.ctx, leader, {
              findingId,
              version: await findingVersion(sim, findingId),
              accept: true,
              note: '再次复查，已整改到位',
            }),
          )
        })
      }
    })
  })
}

const start = (sim: Sim, head: User, taskId: string, at: number) => {
  sim.at(at, async () => {
    await sim.call('task.start', async () =>
      startTask(sim.ctx, head, { id: taskId, version: await versionOf(sim, taskId) }),
    )
  })
}

const done = (sim: Sim, head: User, taskId: string, at: number) => {
  sim.at(at, async () => {
    await sim.call('task.complete', async () =>
      completeTask(sim.ctx, head, {
        id: taskId,
        version: await versionOf(sim, taskId),
        note: '已按督导意见完成整改，相关台账已补齐（演示）',
      }),
    )
  })
}

/** A question from a visit to the party group; decided within its deadline, except the latest. */
const escalation = (sim: Sim, leader: User, inspectionId: string): void => {
  sim.at(sim.later(sim.now(), 45), async () => {
    const { id } = await sim.call('escalation.raise', () =>
      raiseEscalation(sim.ctx, leader, {
        question: `${sim.rng.pick(QUESTIONS)}（演示）`,
        deadlineHours: 72,
        inspectionId,
      }),
    )
    sim.at(sim.later(sim.now(), sim.rng.int(20, 60) * 60), async () => {
      await sim.call('escalation.decide', async () =>
        decideEscalation(sim.ctx, leader, {
          id,
          version: await escalationVersion(sim, id),
          decision: '局党组会议研究同意，由分管领导牵头协调落实，限一个月内办结。',
        }),
      )
    })
  })
}

/** The Shanghai civil date of an instant (ISO). */
const dayOf = (iso: string): string => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)
