import { type BrowserContext, devices, expect, type Page, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { WartimeBoard } from '../../pages/admin/wartime.page.ts'
import { WartimeCommands } from '../../pages/admin/wartime-commands.page.ts'
import { FieldApp } from '../../pages/field/field.page.ts'
import { FieldWartime } from '../../pages/field/wartime.page.ts'

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
// unique per run, so a retry (CI) finds its own activation in the history
const REASON = `浏览器测试：群体性纠纷联动处置（${Date.now().toString(36)}）`

/**
 * The wartime commands that were API-only (issue 3): 请假外出 recorded by the brigade → the stand-in it
 * designated commands because the squad leader is away → 无法参加 with the 分工不同 warning → borrowing
 * from another area → escalation to the party group and its decision by a bureau leader → stand-down
 * and after-action review dialogs → the history list with the cooperation facts.
 */
test('wartime commands: leave, stand-in, decline, borrow, escalate → decide, stand down, review, history', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const contexts: BrowserContext[] = []
  const open = async (username: string) => {
    const c = await browser.newContext({ viewport: { width: 1366, height: 860 } })
    contexts.push(c)
    const app = new AdminApp(await c.newPage())
    await app.login(username)
    await app.verifyOnPage()
    return app
  }

  // The brigade records the 鲁村 squad leader's leave and designates a stand-in.
  const leaveReason = `年休假（${Date.now().toString(36)}）`
  const brigade = await open('brigade')
  try {
    const b = new WartimeCommands(brigade.page)
    const bBoard = new WartimeBoard(brigade.page)
    await bBoard.openOverview()
    await brigade.page.getByRole('link', { name: '请假外出登记' }).click()
    await expect(brigade.page.getByRole('heading', { name: '请假外出登记' })).toBeVisible()
    await brigade.page.getByRole('button', { name: '登记请假外出' }).click()
    await b.pick('登记请假外出', '人员', '鲁村中队长（演示）')
    const range = b.dialog('登记请假外出').getByLabel('起止日期')
    await range.click()
    await range.fill(today())
    await range.press('Enter')
    await b.dialog('登记请假外出').getByPlaceholder('结束日期').fill(today())
    await b.dialog('登记请假外出').getByPlaceholder('结束日期').press('Enter')
    await b.dialog('登记请假外出').getByLabel('事由').fill(leaveReason)
    await b.submit('登记请假外出', '登记')
    await expect(b.leaveRow('鲁村中队长（演示）', leaveReason)).toContainText('不在岗')

    await bBoard.openOverview()
    await bBoard.area('lucun').getByRole('button', { name: '指定代理指挥' }).click()
    await b.pick(/指定代理指挥/, '代理指挥', '鲁村中队队员二（演示）')
    await b.submit(/指定代理指挥/, '确定')

    // The 南麻 director starts wartime; the stand-in commands, the absent leader is excused.
    const director = await open('dir-nanma')
    const d = new WartimeCommands(director.page)
    const dBoard = new WartimeBoard(director.page)
    await dBoard.openOverview()
    await director.page.getByRole('button', { name: '启动战时' }).click()
    await d.pick('启动战时', '战时职责事项', '需多人参与配合的重大工作')
    await d.dialog('启动战时').getByLabel('启动事由').fill(REASON)
    await d.dialog('启动战时').getByLabel('地点').fill('南麻街道某社区')
    await d.submit('启动战时', '启动')
    await dBoard.verifyOnBoard()
    const boardUrl = director.page.url()
    await expect(director.page.getByText('鲁村中队队员二（演示）（大队指定的代理指挥）')).toBeVisible()
    await expect(dBoard.rosterRow('鲁村中队长（演示）')).toContainText('请辞获准')

    // 无法参加: 分工不同 warns that it is 推诿; the director gives a leave reason instead.
    await director.page.getByRole('button', { name: '无法参加' }).click()
    await d.pick('无法参加', '原因', '分工不同')
    await expect(d.dialog('无法参加')).toContainText('不得以业务分工互相推诿')
    await expect(d.dialog('无法参加')).toContainText('将直接记为推诿')
    await d.dialog('无法参加').getByRole('button', { name: '取消' }).click()
    await expect(d.dialog('无法参加')).toBeHidden()
    await director.page.getByRole('button', { name: '无法参加' }).click()
    await d.pick('无法参加', '原因', /^请假$/)
    await expect(d.dialog('无法参加')).not.toContainText('将直接记为推诿')
    await d.dialog('无法参加').getByLabel('说明').fill('已批准公休')
    await d.submit('无法参加', '提交')
    await expect(dBoard.rosterRow('南麻所长（演示）')).toContainText('请辞待定')

    // On the phone, 无法参加 with 分工不同 warns first; submitted anyway, it is recorded as 推诿 at once.
    const phoneContext = await browser.newContext({ ...devices['Pixel 5'] })
    contexts.push(phoneContext)
    const field = new FieldApp(await phoneContext.newPage())
    await field.login('staff-lucun-4')
    await field.verifyOnPage()
    const phone = new FieldWartime(field.page)
    await expect(phone.banner()).toContainText('需多人参与配合的重大工作')
    await phone.banner().getByRole('button', { name: '无法参加' }).tap()
    await phone.banner().getByLabel('无法参加的原因').selectOption('divisionOfLabour')
    await expect(phone.banner()).toContainText('不得以业务分工互相推诿')
    await phone.banner().getByRole('button', { name: '仍然提交（记为推诿）' }).tap()
    await expect(phone.banner()).toContainText('已记为推诿')
    await expect(dBoard.rosterRow('鲁村中队队员四（演示）')).toContainText('推诿')

    // The brigade borrows a director from 西里, accepts the decline and escalates to the party group.
    await brigade.page.goto(boardUrl)
    await bBoard.verifyOnBoard()
    await brigade.page.getByRole('button', { name: '跨辖区抽调' }).click()
    await b.pick('跨辖区抽调人员', '抽调人员', '历山所长（演示）')
    await b.submit('跨辖区抽调人员', '抽调')
    await expect(bBoard.rosterRow('历山所长（演示）')).toContainText('抽调')
    await bBoard.rosterRow('南麻所长（演示）').getByRole('button', { name: '批准请辞' }).click()
    await expect(bBoard.rosterRow('南麻所长（演示）')).toContainText('请辞获准')
    await expect(bBoard.fact('推诿')).toContainText('1')

    await brigade.page.getByRole('button', { name: '提报', exact: true }).click()
    await b.pick('提报', '提报对象', '局党组')
    await b.dialog('提报').getByLabel('提报事项').fill('是否动用应急经费租用调解场地')
    await b.submit('提报', '提报')
    await expect(b.escalationRow('是否动用应急经费租用调解场地')).toContainText('待决策')

    // A bureau leader (西里's liaison, a party group member) finds it and records the decision.
    const leader = await open('liaison-xili')
    const l = new WartimeCommands(leader.page)
    await new WartimeBoard(leader.page).openOverview()
    await leader.page
      .getByTestId('pending-decisions')
      .getByRole('link', { name: '是否动用应急经费租用调解场地' })
      .click()
    await l.escalationRow('是否动用应急经费租用调解场地').getByRole('button', { name: '作出决策' }).click()
    await l
      .dialog(/作出决策/)
      .getByLabel('决策意见')
      .fill('局党组研究同意，费用从所队经费列支')
    await l.submit(/作出决策/, '登记决策')
    await expect(l.escalationRow('是否动用应急经费租用调解场地')).toContainText('局党组研究同意')
    // the brigade's board follows live
    await expect(b.escalationRow('是否动用应急经费租用调解场地')).toContainText('局党组研究同意')

    // Stand-down with the summary, then the after-action review.
    await brigade.page.getByRole('button', { name: '收队', exact: true }).click()
    await b.dialog('收队').getByLabel('收队总结').fill('纠纷化解，所队联动及时')
    await b.submit('收队', '确认收队')
    await expect(brigade.page.getByTestId('activation-stage')).toHaveText('收队中')
    await brigade.page.getByRole('button', { name: '复盘', exact: true }).click()
    await b.dialog('复盘').getByLabel('复盘意见').fill('代理指挥到位，抽调及时')
    await b.submit('复盘', '完成复盘')
    await expect(brigade.page.getByTestId('activation-stage')).toHaveText('已结束')
    await expect(bBoard.rosterRow('南麻所长（演示）')).toContainText('请辞获准')

    // History: the ended activation with its facts.
    await bBoard.openOverview()
    await brigade.page.getByRole('link', { name: '历史战时行动' }).click()
    const row = b.historyRow(REASON)
    await expect(row).toContainText('已结束')
    await expect(row).toContainText('鲁村中队队员二（演示）')
    await expect(row).toContainText('按时提交')

    // Cancel the leave record and the stand-in designation through the screens.
    await bBoard.openOverview()
    await brigade.page.getByRole('link', { name: '请假外出登记' }).click()
    await b.leaveRow('鲁村中队长（演示）', leaveReason).getByRole('button', { name: '撤销' }).click()
    await brigade.page.getByRole('button', { name: '撤销', exact: true }).last().click()
    await expect(b.leaveRow('鲁村中队长（演示）', leaveReason)).toContainText('已撤销')
    await bBoard.openOverview()
    await bBoard.area('lucun').getByRole('button', { name: '指定代理指挥' }).click()
    await b.submit(/指定代理指挥/, '确定')
  } finally {
    // Whatever happened above, leave the demo as later specs expect it: 鲁村 in peacetime under its leader.
    await restoreDemo(brigade.page)
    for (const c of contexts) await c.close()
  }
})

/** Through the brigade's session: stand down what is open, accept pending declines, cancel leave, clear the stand-in. */
async function restoreDemo(page: Page) {
  await page.evaluate(async () => {
    const call = async (path: string, body: unknown = {}) => {
      const res = await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pingzhan-csrf': '1' },
        body: JSON.stringify(body),
      })
      // biome-ignore lint/suspicious/noExplicitAny: a test helper reading tRPC's JSON envelope
      return ((await res.json()) as any).result?.data
    }
    for (const area of (await call('activation.overview')) ?? []) {
      for (const a of area.activations) {
        if (a.stage !== 'mobilising' && a.stage !== 'active') continue
        for (const m of (await call('activation.get', { id: a.id }))?.roster ?? []) {
          if (m.response === 'declined' && m.userId) {
            await call('activation.ruleDecline', { id: a.id, userId: m.userId, ruling: 'accept' })
          }
        }
        await call('activation.standDown', { id: a.id, summary: '测试结束清场收队' })
      }
    }
    for (const l of (await call('staffLeave.list')) ?? []) {
      if (l.mayCancel) await call('staffLeave.cancel', { id: l.id })
    }
    await call('activation.designateStandIn', { area: 'lucun' })
  })
}
