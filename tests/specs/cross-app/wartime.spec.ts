import { type BrowserContext, devices, expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { WartimeBoard } from '../../pages/admin/wartime.page.ts'
import { FieldApp } from '../../pages/field/field.page.ts'
import { FieldWartime } from '../../pages/field/wartime.page.ts'
import { KioskApp } from '../../pages/kiosk/kiosk.page.ts'
import { idNumber } from '../../support/id-number.ts'

const phone = devices['Pixel 5']
const SQUAD = ['lead-lucun', 'staff-lucun-1', 'staff-lucun-2', 'staff-lucun-3', 'staff-lucun-4'] as const

/**
 * 平战融合 end to end (issue 3): a group dispute at the 南麻 kiosk → the 南麻 director starts wartime
 * (司法所战时职责③) → the five phones of 鲁村中队 get the alert without reload and acknowledge → the
 * squad leader, commanding, tasks a squad member and the office director → both report done → stand-down
 * with a summary → the squad member can no longer open the office's case → the facts match.
 */
test('wartime: start in admin → five phones alerted live → tasks across the line → stand-down', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const contexts: BrowserContext[] = []
  const context = async (options: Parameters<typeof browser.newContext>[0]) => {
    const c = await browser.newContext(options)
    contexts.push(c)
    return c
  }
  const desktop = { viewport: { width: 1366, height: 860 } }

  // A resident reports a group dispute at the 南麻 kiosk.
  const director = new AdminApp(await (await context(desktop)).newPage())
  await director.login('dir-nanma')
  await director.verifyOnPage()
  const code = await director.registerKiosk('战时测试终端')
  const kiosk = new KioskApp(
    await (await context({ viewport: { width: 768, height: 1366 }, hasTouch: true })).newPage(),
  )
  await kiosk.goto()
  await kiosk.bind(code)
  await kiosk.verifyOnPage('南麻司法所')
  await kiosk.startMediation()
  await kiosk.fill({
    applicantName: '王五测试',
    phone: '13900139000',
    idNumber: idNumber('370323', '19750505', '246'),
    summary: '二十余户村民因土地流转款分配聚集村委会',
    otherParty: '某村民委员会',
  })
  await kiosk.page.getByLabel('多人参与的群体性纠纷').check()
  await kiosk.submit()
  const receiptNo = await kiosk.receiptNo()

  // Five 鲁村中队 phones are signed in and idle on their task list.
  const phones: Record<string, FieldWartime> = {}
  for (const username of SQUAD) {
    const field = new FieldApp(await (await context({ ...phone })).newPage())
    await field.login(username)
    await field.verifyOnPage()
    phones[username] = new FieldWartime(field.page)
    await expect(phones[username].banner()).toHaveCount(0)
  }

  // The director sees the suggestion on the group dispute and starts wartime with duty ③ offered.
  await director.open('受理队列')
  await director.intakeRow(receiptNo).getByRole('link', { name: '建议启动战时' }).click()
  const dialog = director.page.getByRole('dialog', { name: '启动战时' })
  await expect(dialog).toContainText('群体性矛盾纠纷，建议启动战时')
  await expect(dialog).toContainText('司法所战时工作职责③ 需多人参与配合的重大工作')
  await dialog.getByLabel('战时职责事项').click()
  // Only the office's own wartime catalogue is offered.
  const options = director.page.locator('.ant-select-item-option')
  await expect(options).toHaveCount(5)
  await expect(options.filter({ hasText: '执法中队' })).toHaveCount(0)
  await options.filter({ hasText: '需多人参与配合的重大工作' }).click()
  await dialog.getByLabel('地点').fill('南麻街道某村委会')
  await dialog.getByRole('button', { name: '启动' }).click()
  const board = new WartimeBoard(director.page)
  await board.verifyOnBoard()
  const activationId = director.page.url().split('/wartime/')[1] ?? ''
  expect(activationId).not.toBe('')

  // Every phone shows the alert without a reload, and acknowledges with one tap.
  for (const username of SQUAD) {
    const w = phones[username] as FieldWartime
    await expect(w.banner()).toBeVisible()
    await expect(w.banner()).toContainText('司法所战时工作职责③')
    await w.acknowledge(username === 'lead-lucun' ? 10 : 20)
  }
  // The director is on the roster too, and answers from the board.
  await director.page.getByRole('button', { name: '立即响应（已到岗）' }).click()
  await expect(board.rosterRow('南麻所长（演示）')).toContainText('已响应')
  await expect(board.rosterRow('鲁村中队队员四（演示）')).toContainText('已响应')

  // The squad leader commands: a squad member on office work, the director on the joint task.
  const commander = new AdminApp(await (await context(desktop)).newPage())
  await commander.login('lead-lucun')
  await commander.verifyOnPage()
  const command = new WartimeBoard(commander.page)
  await command.openOverview()
  await expect(command.area('lucun')).toContainText('战时')
  // least privilege: a squad leader's overview holds only his own area
  await expect(command.area('xili')).toHaveCount(0)
  await command
    .area('lucun')
    .getByTestId(`activation-${activationId}`)
    .getByRole('link', { name: /需多人参与配合的重大工作/ })
    .click()
  await command.verifyOnBoard()
  await command.assign('鲁村中队队员一（演示）', '现场登记来访群众')
  await command.assign('南麻所长（演示）', '主持调解并释法说理')

  // The squad member reads the office's case while wartime lasts, and reports the task done.
  const member = phones['staff-lucun-1'] as FieldWartime
  await member.banner().getByRole('button', { name: '查看关联案件' }).tap()
  await expect(member.page.getByTestId('linked-case')).toContainText(receiptNo)
  await member.reportDone('现场登记来访群众', '登记来访群众23人，秩序平稳')
  await board.reportDone('主持调解并释法说理', '达成分配方案，群众散去')
  await expect(command.taskRow('现场登记来访群众')).toContainText('已完成')
  await expect(command.taskRow('主持调解并释法说理')).toContainText('已完成')

  // Stand-down with a summary; the phones drop the banner on their own.
  await command.standDown('纠纷现场化解，所队联动到位')
  await expect(command.page.getByTestId('activation-stage')).toHaveText('收队中')
  await expect(command.page.getByTestId('stand-down-summary')).toHaveText('纠纷现场化解，所队联动到位')
  for (const username of SQUAD) await expect((phones[username] as FieldWartime).banner()).toHaveCount(0)

  // The widening ended: the squad member can no longer open the office's case.
  const after = await member.page.evaluate(async (id) => {
    const res = await fetch('/trpc/activation.linkedCase', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pingzhan-csrf': '1' },
      body: JSON.stringify({ id }),
    })
    return { status: res.status, text: await res.text() }
  }, activationId)
  expect(after.status).toBe(404)
  expect(after.text).not.toContain('王五测试')

  // The cooperation facts shown are what happened: 6 of 9 answered at once, 5 squad + 1 office, 2/2 done, 1 across the line.
  await expect(command.fact('15分钟内响应')).toContainText('6/9')
  await expect(command.fact('中队出力人数')).toContainText('5')
  await expect(command.fact('司法所出力人数')).toContainText('1')
  await expect(command.fact('任务完成')).toContainText('2/2')
  await expect(command.fact('推诿')).toContainText('0')
  await expect(command.fact('跨所队任务')).toContainText('1')
  await expect(command.fact('收队总结')).toContainText('按时提交')
  await command.openOverview()
  await expect(command.area('lucun')).toContainText('平时')

  for (const c of contexts) await c.close()
})
