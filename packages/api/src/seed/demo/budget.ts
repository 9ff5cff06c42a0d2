// 经费统筹 (issue 11, policy 四.2) through the budget services: a bureau leader enters every office's
// yearly line for each year the demo spans; directors (and now and then the squad leader) request
// spending of their office over the months, the area's squad leader approves or refuses, pays, and small
// receipts are uploaded; one request above the bureau's threshold goes on to a bureau leader, and the
// latest requests still wait for the squad leader today.
import { EXPENSE_CATEGORIES, type ExpenseCategory } from '@pingzhan/domain'
import type { User } from '../../repos/users.ts'
import { addReceipt, createExpense, decideExpense, payExpense, setLine } from '../../services/budget.ts'
import { addDays, shanghaiAt } from '../names.ts'
import type { Sim } from './sim.ts'

const PURPOSES: Readonly<Record<ExpenseCategory, ReadonlyArray<readonly [string, string]>>> = {
  travel: [['office.peacetime.2.2', '赴市参加人民调解业务培训差旅费']],
  vehicle: [['office.peacetime.2.2', '调处纠纷下村用车燃油费']],
  office: [
    ['office.peacetime.5.1', '购置办公用品及档案盒'],
    ['office.peacetime.1.2', '合法性审查档案整理耗材'],
  ],
  publicity: [
    ['office.peacetime.3.2', '“法律进村居”宣传折页印制'],
    ['office.peacetime.3.4', '法治文化广场宣传栏更新'],
  ],
  training: [['office.peacetime.4.4', '村（社区）法律明白人培训资料费']],
  mediation: [['office.peacetime.2.1', '人民调解员案件补贴（按件）']],
  other: [['office.peacetime.6', '镇街交办事项零星支出']],
}
const CATEGORIES = Object.keys(EXPENSE_CATEGORIES) as ExpenseCategory[]

/** A small receipt: a one-page PDF naming the demo (a few hundred bytes). */
const receiptPdf = (title: string): string => {
  const text = `Demo receipt ${title}`
  const stream = `BT /F1 12 Tf 40 100 Td (${text}) Tj ET`
  const pdf = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 160] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj',
    `4 0 obj << /Length ${stream.length} >> stream\n${stream}\nendstream endobj`,
    '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n')
  return Buffer.from(pdf, 'latin1').toString('base64')
}

const expenseVersion = async (sim: Sim, id: string): Promise<number> =>
  Number(
    (
      await sim.ctx.deps.db
        .selectFrom('expense_requests')
        .select('version')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).version,
  )

/** The day a year's lines are entered: the first simulated day, or a later year's first working day. */
const lineDay = (sim: Sim, year: number): string =>
  `${year}-01-01` < sim.firstDay ? sim.firstDay : `${year}-01-04`

export const seedBudget = (sim: Sim): void => {
  const org = sim.ctx.deps.org
  const threshold = sim.ctx.deps.config.budgetBureauThresholdFen
  const bureau = sim.user('liaison-lucun')
  const years = [...new Set([sim.firstDay.slice(0, 4), sim.today.slice(0, 4)])].map(Number)
  // the lines, entered by a bureau leader on the first morning (a later year on its first working day)
  for (const year of years) {
    const on = lineDay(sim, year)
    for (const [i, o] of org.config.offices.entries()) {
      sim.at(shanghaiAt(on, 8, 20 + i), async () => {
        await sim.call('budget.setLine', () =>
          setLine(sim.ctx, bureau, {
            officeCode: o.code,
            year,
            amountFen: (60_000 + sim.rng.int(0, 8) * 5_000) * 100,
            version: 0,
          }),
        )
      })
    }
  }
  let big = false
  for (const o of org.config.offices) {
    const area = org.areaOfOffice(o.code)
    const director = sim.user(`dir-${o.code}`)
    const leader = sim.user(`lead-${area}`)
    const liaison = sim.user(`liaison-${area}`)
    const count = sim.rng.int(7, 10)
    for (let k = 0; k < count; k++) {
      const day = Math.floor(((k + sim.rng.next()) / count) * 176) + 2
      const on = addDays(sim.firstDay, day)
      // nothing is spent of a year before its lines are there
      if (on <= lineDay(sim, Number(on.slice(0, 4)))) continue
      const at = sim.workTime(on, 9, 16).getTime()
      const category = sim.rng.pick(CATEGORIES)
      const [dutyCode, purpose] = sim.rng.pick(PURPOSES[category])
      // one request above the bureau threshold (the 西里所's publicity campaign)
      const above = !big && o.code === 'xili' && k === 2
      if (above) big = true
      const amountFen = above ? threshold + 180_000 : sim.rng.int(8, 120) * 2_500
      const last = k === count - 1
      const fate = last
        ? 'wait'
        : sim.rng.weighted([
            ['paid', 75],
            ['approved', 10],
            ['rejected', 15],
          ] as const)
      const requester = sim.rng.chance(0.15) ? leader : director
      request(sim, {
        requester,
        leader,
        liaison,
        officeCode: o.code,
        year: Number(on.slice(0, 4)),
        amountFen,
        category,
        dutyCode,
        purpose: above ? '开展民法典宣传月大型集中普法活动（舞台、音响、宣传品）' : purpose,
        at: last ? sim.recent(addDays(sim.today, -sim.rng.int(0, 1)), 8, 11).getTime() : at,
        fate,
      })
    }
  }
}

const request = (
  sim: Sim,
  r: {
    requester: User
    leader: User
    liaison: User
    officeCode: string
    year: number
    amountFen: number
    category: ExpenseCategory
    dutyCode: string
    purpose: string
    at: number
    fate: 'paid' | 'approved' | 'rejected' | 'wait'
  },
): void => {
  sim.at(r.at, async () => {
    const { id, needsBureau } = await sim.call('expense.create', () =>
      createExpense(sim.ctx, r.requester, {
        officeCode: r.officeCode,
        year: r.year,
        amountFen: r.amountFen,
        category: r.category,
        dutyCode: r.dutyCode,
        purpose: `${r.purpose}（演示）`,
      }),
    )
    if (r.fate === 'wait') return
    const decideAt = sim.later(r.at, sim.rng.int(60, 48 * 60))
    sim.at(decideAt, async () => {
      const approve = r.fate !== 'rejected'
      await sim.call(approve ? 'expense.approve' : 'expense.reject', async () =>
        decideExpense(sim.ctx, r.leader, {
          id,
          version: await expenseVersion(sim, id),
          approve,
          ...(approve ? {} : { reason: '该项支出不属于本辖区统筹经费开支范围，请按规定渠道申请' }),
        }),
      )
      if (!approve) return
      let committedAt = decideAt
      if (needsBureau) {
        committedAt = sim.later(decideAt, sim.rng.int(120, 24 * 60))
        sim.at(committedAt, async () => {
          await sim.call('expense.approveBureau', async () =>
            decideExpense(sim.ctx, r.liaison, { id, version: await expenseVersion(sim, id), approve: true }),
          )
        })
      }
      if (r.fate !== 'paid') return
      const paidAt = sim.later(committedAt, sim.rng.int(2, 10) * 24 * 60)
      sim.at(paidAt, async () => {
        await sim.call('expense.pay', async () =>
          payExpense(sim.ctx, r.leader, { id, version: await expenseVersion(sim, id) }),
        )
        sim.at(sim.later(paidAt, sim.rng.int(10, 180)), async () => {
          await sim.call('expense.addReceipt', () =>
            addReceipt(sim.ctx, r.requester, { id, file: receiptPdf(id.slice(0, 8)) }),
          )
        })
      })
    })
  })
}
