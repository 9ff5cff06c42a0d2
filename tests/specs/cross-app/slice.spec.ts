import { devices, expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { TaskBoardPage } from '../../pages/admin/task-board.page.ts'
import { FieldApp } from '../../pages/field/field.page.ts'
import { KioskApp } from '../../pages/kiosk/kiosk.page.ts'
import { idNumber } from '../../support/id-number.ts'

const phone = devices['Pixel 5']

/**
 * The foundation's thin slice, as people would do it: a resident asks for mediation at the
 * 南麻 kiosk, the 南麻 director accepts it as a task under office.peacetime.2 for a 鲁村 squad
 * member, who finishes it on a phone; the 西里 director never sees the request.
 */
test('kiosk request → director accepts as a task → squad member completes it on the phone', async ({
  browser,
}) => {
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  const kioskContext = await browser.newContext({ viewport: { width: 768, height: 1366 }, hasTouch: true })
  const fieldContext = await browser.newContext({ ...phone })

  // The director registers the office's kiosk in the admin console.
  const director = new AdminApp(await adminContext.newPage())
  await director.login('dir-nanma')
  await director.verifyOnPage()
  const code = await director.registerKiosk('大厅一号机')
  expect(code).toMatch(/\S{6,}/)

  // The kiosk is bound by that code, not by anything in its URL.
  const kiosk = new KioskApp(await kioskContext.newPage())
  await kiosk.goto()
  await kiosk.bind(code)
  await kiosk.verifyOnPage('南麻司法所')
  await kiosk.startMediation()
  const summary = '邻居在院墙边堆放杂物，堵塞通道，多次协商未果'
  await kiosk.fill({
    applicantName: '张三测试',
    phone: '13800138000',
    idNumber: idNumber('370323', '19800101', '123'),
    summary,
    otherParty: '李四',
  })
  await kiosk.submit()
  const receiptNo = await kiosk.receiptNo()
  expect(receiptNo.length).toBeGreaterThan(4)
  await kiosk.page.getByRole('button', { name: '完成' }).tap()
  await kiosk.verifyOnPage('南麻司法所')

  // The request waits in the 南麻 intake queue, with the ID number masked.
  await director.open('受理队列')
  const row = director.intakeRow(receiptNo)
  await expect(row).toBeVisible()
  await expect(row).toContainText('张三测试')
  await expect(row).toContainText('3703**********')
  await expect(row).not.toContainText(idNumber('370323', '19800101', '123'))

  // Accept it as a task under 指导辖区调解工作, assigned to 鲁村中队队员一.
  await row.getByRole('button', { name: '受理为任务' }).click()
  const dialog = director.page.getByRole('dialog')
  await expect(dialog.getByLabel('职责事项')).toBeVisible()
  await expect(dialog).toContainText('指导辖区调解工作')
  const title = `人民调解：${receiptNo}`
  await dialog.getByLabel('任务标题').fill(title)
  await director.pickOption('承办人', '鲁村中队队员一')
  // the mediation case needs its dispute type: refused without it, with the reason next to the field
  await dialog.getByRole('button', { name: '确定' }).click()
  await expect(dialog.getByText('请选择纠纷类型（登记人民调解案件所需）')).toBeVisible()
  await director.pickOption('纠纷类型', '邻里纠纷')
  await dialog.getByRole('button', { name: '确定' }).click()
  await expect(dialog).toBeHidden()
  await director.page.getByRole('tab', { name: /已受理/ }).click()
  await expect(director.intakeRow(receiptNo)).toBeVisible()

  // The 西里 director sees no such request and cannot open it by its id.
  const intakeId = await director.page.evaluate(async (receipt) => {
    const res = await fetch('/trpc/intake.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pingzhan-csrf': '1' },
      body: JSON.stringify({ status: 'accepted' }),
    })
    const body = (await res.json()) as {
      result: { data: { items: Array<{ id: string; receiptNo: string }> } }
    }
    return body.result.data.items.find((i) => i.receiptNo === receipt)?.id
  }, receiptNo)
  expect(intakeId).toBeTruthy()
  const otherContext = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  const other = new AdminApp(await otherContext.newPage())
  await other.login('dir-xili')
  await other.verifyOnPage()
  await other.open('受理队列')
  await expect(other.page.getByText('张三测试')).toHaveCount(0)
  const guessed = await other.page.evaluate(async (id) => {
    const res = await fetch('/trpc/intake.get', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pingzhan-csrf': '1' },
      body: JSON.stringify({ id }),
    })
    return { status: res.status, text: await res.text() }
  }, intakeId)
  expect(guessed.status).toBe(404)
  expect(guessed.text).not.toContain('张三测试')
  expect(guessed.text).not.toContain('13800138000')
  await otherContext.close()

  // The 鲁村 squad member finds the task on the phone and finishes it.
  const field = new FieldApp(await fieldContext.newPage())
  await field.login('staff-lucun-1')
  await field.verifyOnPage()
  await field.task(title).tap()
  await expect(field.page.getByText('指导辖区调解工作').first()).toBeVisible()
  await field.completeOpenTask('已到现场调解，双方达成口头协议，通道已清理')
  await expect(field.page.getByText('已完成').first()).toBeVisible()
  // Back on the list, which opens on 未完成: the finished task is under 已完成.
  await field.page.goBack()
  await field.verifyOnPage()
  await expect(field.page.getByRole('button', { name: '未完成' })).toHaveAttribute('aria-pressed', 'true')
  await expect(field.task(title)).toHaveCount(0)
  await field.page.getByRole('button', { name: '已完成' }).tap()
  await expect(field.task(title)).toBeVisible()

  // The director sees it done, with the note.
  // the board opens on 未完成: finished work is under 已完成
  const board = new TaskBoardPage(director)
  await board.open()
  await board.showStatus('已完成')
  const taskRow = director.page.locator('[data-testid^="task-row-"]').filter({ hasText: title })
  await expect(taskRow).toContainText('已完成')
  await expect(taskRow).toContainText('双方达成口头协议')

  // The request is also a case of the office's 人民调解 register, with the type the director chose.
  await director.page.getByRole('menuitem', { name: '人民调解' }).click()
  const mediationRow = director.page
    .locator('[data-testid^="mediation-row-"]')
    .filter({ hasText: '张三测试' })
  await expect(mediationRow).toContainText('邻里纠纷')

  await adminContext.close()
  await kioskContext.close()
  await fieldContext.close()
})
