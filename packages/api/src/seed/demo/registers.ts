// The office registers (issue 4) of every office, through their services: 法律援助 intakes (forwarded to
// the county centre and decided; some awaiting materials, one or two deemed withdrawn; detained
// applicants forwarded within 24 hours), 合法性审查 items concluded with their opinions (a few still
// pending near their deadline), and 普法 events planned, held with a summary, and some still ahead.

import type { User } from '../../repos/users.ts'
import { createLegalAid, MATTER_CODES, updateLegalAid } from '../../services/legal-aid.ts'
import { createLegalEducation, updateLegalEducation } from '../../services/legal-education.ts'
import { createLegalityReview, updateLegalityReview } from '../../services/legality-review.ts'
import { shanghaiDate } from '../../shared.ts'
import { addDays, demoName } from '../names.ts'
import type { Sim } from './sim.ts'

type Table = 'legal_aid_cases' | 'legality_reviews' | 'legal_education_events'

const versionOf = async (sim: Sim, table: Table, id: string) =>
  Number(
    (
      await sim.ctx.deps.db
        // biome-ignore lint/suspicious/noExplicitAny: the three register tables share id/version
        .selectFrom(table as any)
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).version,
  )

const dayOf = (sim: Sim) => shanghaiDate(new Date(sim.now()))

const SUMMARIES = [
  '申请人因劳动报酬被拖欠，请求法律援助代理劳动仲裁。',
  '申请人系交通事故受害人，请求代理人身损害赔偿诉讼。',
  '申请人请求支付赡养费，子女拒不履行赡养义务。',
  '申请人因工伤待遇与用人单位发生争议，请求提供法律援助。',
]
const DOCUMENTS = [
  ['关于农村人居环境整治工作的实施方案', '镇人民政府办公室'],
  ['关于规范村级集体经济合同管理的通知', '镇经济管理服务中心'],
  ['镇重大行政决策事项目录', '镇党政办公室'],
  ['关于土地征收补偿安置的公告（草案）', '镇自然资源所'],
  ['镇政府与某公司签订的项目合作协议', '镇招商服务中心'],
] as const
const THEMES = [
  ['宪法宣传进村居', '村（社区）群众', '村委会广场'],
  ['防范电信网络诈骗法治讲座', '辖区老年人', '镇文化站'],
  ['民法典进校园', '中小学生', '镇中心小学'],
  ['农民工讨薪维权法律知识宣传', '务工人员', '工业园区'],
  ['未成年人保护法宣传', '家长和学生', '镇中学'],
] as const

export const seedRegisters = (sim: Sim): void => {
  const org = sim.ctx.deps.org
  for (const o of org.config.offices) {
    const director = sim.user(`dir-${o.code}`)
    const area = org.areaOfOffice(o.code)
    const staff = sim.users.filter((u) => u.role === 'squadMember' && u.squadCode === area)
    const helpers: ReadonlyArray<User> = [director, director, ...staff.slice(0, 1)]
    legalAid(sim, director, helpers)
    legalityReviews(sim, director)
    education(sim, director, helpers, org.office(o.code)?.name ?? o.code)
  }
}

const spread = (sim: Sim, count: number, lastDay = 181): ReadonlyArray<string> =>
  Array.from({ length: count }, (_, k) =>
    addDays(sim.firstDay, Math.floor(((k + sim.rng.next()) / count) * lastDay)),
  )

const legalAid = (sim: Sim, director: User, helpers: ReadonlyArray<User>) => {
  for (const on of spread(sim, 9)) {
    const at = sim.recent(on)
    const detained = sim.rng.chance(0.15)
    const missing = !detained && sim.rng.chance(0.3)
    const withdrawn = missing && sim.rng.chance(0.25)
    const refused = sim.rng.chance(0.12)
    const handler = sim.rng.pick(helpers)
    const matterType = detained
      ? 'criminal.24'
      : sim.rng.pick(MATTER_CODES.filter((m) => m.startsWith('civil.31.') && m !== 'civil.31.9'))
    sim.at(at, async () => {
      const today = dayOf(sim)
      const { id } = await sim.call('legalAid.create', () =>
        createLegalAid(sim.ctx, director, {
          applicantName: demoName(sim.rng),
          matterType,
          summary: detained
            ? '犯罪嫌疑人在押，其家属代为申请指派辩护律师。'
            : sim.rng.pick(SUMMARIES.slice(0, 4)),
          detained,
          ...(missing
            ? { missingMaterials: ['经济困难状况说明表', '身份证复印件'], materialsDue: addDays(today, 10) }
            : {}),
          handlerId: handler.id,
        }),
      )
      const act = (
        ms: number,
        action: 'supplyMaterials' | 'deemWithdrawn' | 'forward',
        then?: (ms: number) => void,
      ) =>
        sim.at(ms, async () => {
          await sim.call(`legalAid.${action}`, async () =>
            updateLegalAid(sim.ctx, director, {
              id,
              version: await versionOf(sim, 'legal_aid_cases', id),
              action,
            }),
          )
          then?.(ms)
        })
      const decide = (fromMs: number) =>
        sim.at(sim.later(fromMs, sim.rng.int(2, 6) * 24 * 60), async () => {
          await sim.call('legalAid.decide', async () =>
            updateLegalAid(sim.ctx, director, {
              id,
              version: await versionOf(sim, 'legal_aid_cases', id),
              action: 'decide',
              decision: refused ? 'refused' : 'granted',
              decisionDate: dayOf(sim),
              ...(refused
                ? { decisionNote: '经审查，申请人经济状况不符合法律援助条件，已书面告知并说明理由。' }
                : { decisionNote: '县法律援助中心决定给予法律援助，已指派律师。' }),
            }),
          )
        })
      const forward = (fromMs: number, minutes: number) => act(sim.later(fromMs, minutes), 'forward', decide)
      if (detained) forward(at.getTime(), sim.rng.int(60, 20 * 60))
      else if (withdrawn) act(sim.later(at, 12 * 24 * 60), 'deemWithdrawn')
      else if (missing)
        act(sim.later(at, sim.rng.int(3, 8) * 24 * 60), 'supplyMaterials', (ms) =>
          forward(ms, sim.rng.int(60, 48 * 60)),
        )
      else forward(at.getTime(), sim.rng.int(2 * 60, 72 * 60))
    })
  }
}

const legalityReviews = (sim: Sim, director: User) => {
  for (const on of spread(sim, 7, 182)) {
    const at = sim.recent(on)
    const [title, body] = sim.rng.pick(DOCUMENTS)
    const opinion = sim.rng.weighted([
      ['lawful', 70],
      ['lawful_after_changes', 20],
      ['unlawful', 10],
    ] as const)
    sim.at(at, async () => {
      const today = dayOf(sim)
      const { id } = await sim.call('legalityReview.create', () =>
        createLegalityReview(sim.ctx, director, {
          documentTitle: `${title}（演示）`,
          requestingBody: body,
          receivedDate: today,
          deadline: addDays(today, sim.rng.int(5, 15)),
          reviewerId: director.id,
        }),
      )
      sim.at(sim.later(at, sim.rng.int(1, 12) * 24 * 60), async () => {
        await sim.call('legalityReview.conclude', async () =>
          updateLegalityReview(sim.ctx, director, {
            id,
            version: await versionOf(sim, 'legality_reviews', id),
            action: 'conclude',
            opinion,
            ...(opinion === 'lawful'
              ? {}
              : {
                  opinionNote:
                    opinion === 'unlawful'
                      ? '该文件设定的部分义务缺乏法律依据，建议不予出台。'
                      : '第三条、第七条表述与上位法不一致，建议按审查意见修改后出台。',
                }),
          }),
        )
      })
    })
  }
}

const education = (sim: Sim, director: User, helpers: ReadonlyArray<User>, officeName: string) => {
  for (const on of spread(sim, 10, 182)) {
    const at = sim.recent(on)
    const [theme, audience, place] = sim.rng.pick(THEMES)
    const headcount = sim.rng.int(30, 260)
    const organiser = sim.rng.pick(helpers)
    const lead = sim.rng.int(3, 20)
    sim.at(at, async () => {
      const eventDate = addDays(dayOf(sim), lead)
      const { id } = await sim.call('legalEducation.create', () =>
        createLegalEducation(sim.ctx, director, {
          eventDate,
          place: `${officeName.replace('司法所', '')}${place}`,
          audience,
          headcount,
          theme,
          organiserId: organiser.id,
        }),
      )
      sim.at(sim.workTime(eventDate, 16, 18), async () => {
        await sim.call('legalEducation.hold', async () =>
          updateLegalEducation(sim.ctx, director, {
            id,
            version: await versionOf(sim, 'legal_education_events', id),
            action: 'hold',
            headcount: Math.max(1, headcount + sim.rng.int(-20, 30)),
            summary: `活动按计划开展，发放宣传资料 ${sim.rng.int(100, 500)} 份，现场解答法律咨询 ${sim.rng.int(5, 40)} 人次。`,
          }),
        )
      })
    })
  }
}
