// 社区矫正 of every squad area through the supervisee services: cases in every stage — investigation
// commissioned (and answered), judgment received and awaiting report, under supervision (announcement,
// team, plan, home visits by management level, outings asked for and decided at their level, sanctions),
// discharged at term end — and one supervisee who lost contact and was found the next day. Cases that
// were already under supervision when the county started using the system are entered in its first
// weeks with their earlier dates (建档补录). Every step recomputes the case's statutory deadlines, so
// the tasks of the deadline engine appear, are met and close as in real work.
import type { User } from '../../repos/users.ts'
import {
  decideLeave,
  dischargeSupervisee,
  imposeSanction,
  type RecordableKind,
  recordEvent,
  registerSupervisee,
  requestLeave,
  setTeam,
  startMonitoring,
} from '../../services/supervisees.ts'
import { shanghaiDate } from '../../shared.ts'
import { demoIdNumber } from '../fake-id.ts'
import { addDays, daysBetween, demoName } from '../names.ts'
import type { Sim } from './sim.ts'

type Stage = 'investigation' | 'awaitingReport' | 'active' | 'backfilled' | 'discharged'
type Level = 'strict' | 'normal' | 'loose'

const PLAN: ReadonlyArray<readonly [Stage, number]> = [
  ['investigation', 2],
  ['awaitingReport', 1],
  ['active', 6],
  ['backfilled', 5],
  ['discharged', 3],
]
const VISIT_DAYS: Record<Level, number> = { strict: 30, normal: 60, loose: 90 }

const TEAM = [
  { name: '社区民警（演示）', sex: 'M' as const, role: '社区民警', familiarWithMinors: false },
  { name: '村居委员（演示）', sex: 'F' as const, role: '村（居）民委员会成员', familiarWithMinors: true },
  { name: '家庭成员（演示）', sex: 'F' as const, role: '监护人、家庭成员', familiarWithMinors: false },
]

const versionOf = async (sim: Sim, id: string) =>
  Number(
    (
      await sim.ctx.deps.db
        .selectFrom('supervisees')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).version,
  )

let people = 0
/** Adults of the demo pattern (seed/fake-id.ts), distinct across the demo's cases. */
const idOf = (sex: 'M' | 'F'): { idNumber: string; birth: string } => {
  const n = people++
  const birth = addDays('1962-03-01', (n * 211) % 13_000)
  return { idNumber: demoIdNumber(birth, sex, 3 + (n % 2)), birth }
}

export const seedCorrections = (sim: Sim): void => {
  people = 0
  const org = sim.ctx.deps.org
  for (const squad of org.config.squads) {
    const staff = sim.users.filter((u) => u.role === 'squadMember' && u.squadCode === squad.code)
    let k = 0
    for (const [stage, n] of PLAN) {
      for (let i = 0; i < n; i++) {
        const town = squad.towns[k++ % squad.towns.length] as string
        oneCase(sim, {
          stage,
          town,
          worker: staff[k % staff.length] as User,
          special: squad.code === 'lucun' && stage === 'active' && i === 0 ? 'lostContact' : null,
          monitoring: squad.code === 'xili' && stage === 'backfilled' && i === 0,
        })
      }
    }
  }
}

interface CaseSpec {
  readonly stage: Stage
  readonly town: string
  readonly worker: User
  readonly special: 'lostContact' | null
  readonly monitoring: boolean
}

const oneCase = (sim: Sim, spec: CaseSpec): void => {
  const { rng, today, firstDay } = sim
  const org = sim.ctx.deps.org
  const office = org.officeOfTown(spec.town)?.code ?? spec.town
  const director = sim.user(`dir-${office}`)
  const sex = rng.chance(0.15) ? 'F' : 'M'
  const { idNumber } = idOf(sex)
  const name = demoName(rng)
  const type = rng.weighted([
    ['probation', 60],
    ['parole', 20],
    ['control', 12],
    ['medicalParole', 8],
  ] as const)
  const level: Level =
    spec.special || spec.monitoring
      ? 'strict'
      : rng.weighted([
          ['strict', 20],
          ['normal', 55],
          ['loose', 25],
        ] as const)
  const w = spec.worker
  // when the case enters the system, and its judgment / supervision dates
  const registerOn =
    spec.stage === 'investigation'
      ? addDays(today, -rng.int(3, 12))
      : spec.stage === 'awaitingReport'
        ? addDays(today, -rng.int(2, 5))
        : spec.stage === 'active'
          ? addDays(firstDay, rng.int(8, 140))
          : addDays(firstDay, rng.int(1, 20))
  const judgment =
    spec.stage === 'backfilled' || spec.stage === 'discharged'
      ? addDays(registerOn, -rng.int(60, 400))
      : registerOn
  const termEnd =
    spec.stage === 'discharged'
      ? addDays(firstDay, rng.int(40, 170))
      : addDays(judgment, Math.max(rng.int(12, 36) * 30, daysBetween(judgment, today) + rng.int(30, 200)))
  const registerAt = sim.recent(registerOn, 9, 11)
  sim.at(registerAt, async () => {
    const { id } = await sim.call('supervisee.register', () =>
      registerSupervisee(sim.ctx, w, {
        name,
        idNumber,
        correctionType: type,
        townCode: spec.town,
        managementLevel: level,
        ...(rng.chance(0.2) ? { prohibitionOrders: '禁止进入夜总会、酒吧、迪厅等娱乐场所' } : {}),
      }),
    )
    // The main sequence is recorded in order: on its own day, or — entered late (建档补录) — one step
    // after the other right after registration. Events with their own dates (outings, loss of
    // contact, sanctions) come after the report, at their day.
    let prevAt = registerAt.getTime()
    let reportedAt = Number.POSITIVE_INFINITY
    const schedule = (at: number, name: string, run: () => Promise<unknown>) => {
      sim.at(at, async () => {
        await sim.call(name, run)
      })
      return at
    }
    const record = (kind: RecordableKind, on: string, extra: Record<string, unknown> = {}) => {
      if (on > today) return
      prevAt = Math.max(prevAt + 60_000, sim.workTime(on).getTime())
      schedule(prevAt, `supervisee.${kind}`, () => recordEvent(sim.ctx, w, { id, kind, on, ...extra }))
      if (kind === 'reported') reportedAt = prevAt
    }
    const own = (on: string) => Math.max(sim.workTime(on).getTime(), reportedAt + 3_600_000)
    if (spec.stage === 'investigation') {
      const fast = rng.chance(0.3)
      record('investigationCommissioned', registerOn, { fast, note: '县人民法院委托调查评估' })
      if (rng.chance(0.5))
        record('investigationOpinion', addDays(registerOn, rng.int(2, 4)), { note: '建议适用社区矫正' })
      return
    }
    record('documentsReceived', judgment)
    record('receiptSent', addDays(judgment, rng.int(0, 3)))
    record('judgment', judgment, { termStart: judgment, termEnd })
    if (spec.stage === 'awaitingReport') return
    const reported = addDays(judgment, rng.int(1, 8))
    record('reported', reported)
    record('intakeAnnounced', addDays(reported, rng.int(0, 2)), { note: '在司法所组织入矫宣告' })
    schedule(own(addDays(reported, 1)), 'supervisee.setTeam', async () =>
      setTeam(sim.ctx, w, { id, version: await versionOf(sim, id), team: TEAM }),
    )
    record('planMade', addDays(reported, rng.int(5, 25)), {
      note: '矫正方案：每周电话报告，每月到司法所报到；参加教育学习和公益活动；落实走访帮教。',
    })
    // home visits by management level up to today (or the term's end); now and then one runs late
    const until = spec.stage === 'discharged' ? termEnd : today
    const every = VISIT_DAYS[level]
    let last = reported
    for (;;) {
      const next = addDays(last, every - rng.int(2, 10) + (rng.chance(0.1) ? rng.int(8, 15) : 0))
      if (next >= until) break
      record('homeVisit', next, { note: '入户走访，了解思想、工作和家庭情况' })
      last = next
    }
    // outings asked for and decided at their level (7 days or less: the office; longer: the county)
    if (spec.stage !== 'discharged' && rng.chance(0.6)) {
      const applyOn = addDays(today, -rng.int(10, 60))
      if (applyOn > reported) {
        const days = rng.chance(0.7) ? rng.int(2, 6) : rng.int(9, 15)
        const ahead = rng.int(3, 6)
        const applyAt = own(applyOn)
        sim.at(applyAt, async () => {
          const from = addDays(shanghaiDate(new Date(sim.now())), ahead)
          const leave = await sim.call('supervisee.requestLeave', () =>
            requestLeave(sim.ctx, w, {
              id,
              from,
              to: addDays(from, days - 1),
              destination: rng.pick(['山东省济南市', '山东省淄博市张店区', '江苏省南京市', '山东省青岛市']),
              reason: rng.pick(['探望住院的父亲', '参加亲属婚礼', '外出务工面试', '陪同子女就医']),
            }),
          )
          const decider = leave.level === 'office' ? director : sim.user('brigade')
          sim.at(sim.later(applyAt, rng.int(60, 60 * 20)), async () => {
            const row = await sim.ctx.deps.db
              .selectFrom('leave_requests')
              .select('version')
              .where('id', '=', leave.id)
              .executeTakeFirstOrThrow()
            await sim.call('supervisee.decideLeave', () =>
              decideLeave(sim.ctx, decider, {
                leaveId: leave.id,
                version: Number(row.version),
                approve: rng.chance(0.85),
                note: '经审核，同意外出，按时返回并报告。',
              }),
            )
          })
        })
      }
    }
    if (spec.special === 'lostContact') {
      // lost on a visit day, found the next day, reprimanded (实施办法34)
      const lost = addDays(reported, 40)
      if (lost < addDays(today, -3)) {
        const lostAt = own(lost)
        schedule(lostAt, 'supervisee.lostContact', () =>
          recordEvent(sim.ctx, w, {
            id,
            kind: 'lostContact',
            on: lost,
            note: '电话无法接通，居住地无人，立即组织查找并通报公安机关',
          }),
        )
        const foundAt = Math.max(lostAt + 60_000, sim.workTime(addDays(lost, 1), 8, 10).getTime())
        schedule(foundAt, 'supervisee.contactRestored', () =>
          recordEvent(sim.ctx, w, {
            id,
            kind: 'contactRestored',
            on: addDays(lost, 1),
            note: '在邻县亲戚家找到，已责令返回居住地',
          }),
        )
        schedule(
          Math.max(foundAt + 60_000, sim.workTime(addDays(lost, 2)).getTime()),
          'supervisee.sanction',
          () =>
            imposeSanction(sim.ctx, w, {
              id,
              kind: 'reprimand',
              on: addDays(lost, 2),
              absentDays: 1,
              serious: false,
              reason: '未经批准离开居住地一日，失去联系，给予训诫',
            }),
        )
      }
    } else if (spec.stage === 'active' && rng.chance(0.3)) {
      const on = addDays(reported, rng.int(30, 80))
      if (on < today) {
        schedule(own(on), 'supervisee.sanction', () =>
          imposeSanction(sim.ctx, w, {
            id,
            kind: 'reprimand',
            on,
            absentDays: 0,
            serious: false,
            reason: '未按规定时间报告活动情况，经教育仍未改正，给予训诫',
          }),
        )
      }
    }
    if (spec.monitoring) {
      // a warning, then electronic monitoring approved by the liaising bureau leader (法29)
      const on = addDays(today, -rng.int(20, 40))
      const at = own(on)
      sim.at(at, async () => {
        await sim.call('supervisee.sanction', () =>
          imposeSanction(sim.ctx, w, {
            id,
            kind: 'warning',
            on,
            absentDays: 0,
            serious: true,
            reason: '拒不按照规定报告自己的活动情况，情节严重，给予警告',
          }),
        )
        sim.at(sim.later(at, 60 * 26), async () => {
          await sim.call('supervisee.startMonitoring', () =>
            startMonitoring(sim.ctx, sim.user(`liaison-${sim.ctx.deps.org.areaOfTown(spec.town)}`), {
              id,
              situation: 'refusedReportAfterWarning',
              months: 1,
              from: shanghaiDate(new Date(sim.now())),
              reason: '被给予警告后仍不按规定报告活动情况，经局负责人批准使用电子定位装置',
            }),
          )
        })
      })
    }
    if (spec.stage === 'discharged') {
      schedule(
        Math.max(prevAt + 60_000, sim.workTime(termEnd, 9, 11).getTime()),
        'supervisee.discharge',
        () => dischargeSupervisee(sim.ctx, w, { id, on: termEnd }),
      )
    }
  })
}
