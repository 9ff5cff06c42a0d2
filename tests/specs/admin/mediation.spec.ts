import { expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { pickAntdOption } from '../../pages/admin/antd-select.ts'
import { TaskBoardPage } from '../../pages/admin/task-board.page.ts'

/** 人民调解 register: a director registers a walk-in dispute, it becomes a task, and closes with an agreement. */
test('a director registers a mediation case, and an agreement opens the 30-day judicial confirmation window', async ({
  page,
}) => {
  const director = new AdminApp(page)
  await director.login('dir-nanma')
  await director.verifyOnPage()
  await page.getByRole('menuitem', { name: '人民调解' }).click()
  await expect(page.getByRole('heading', { name: '人民调解' })).toBeVisible()

  const applicant = `王五${Date.now().toString(36).slice(-4)}`
  await page.getByRole('button', { name: '登记案件' }).click()
  const dialog = page.getByRole('dialog', { name: '登记人民调解案件' })
  await dialog.getByLabel('申请人').fill(applicant)
  await dialog.getByLabel('对方当事人').fill('赵六')
  await dialog.getByLabel('纠纷概况').fill('因排水沟堵塞引发邻里矛盾，多次协商未果')
  await pickAntdOption(dialog, '承办人员', '鲁村中队队员一', { search: '鲁村中队队员一' })
  await dialog.getByRole('button', { name: '登记' }).click()
  await expect(dialog).toBeHidden()

  const row = page.locator('[data-testid^="mediation-row-"]').filter({ hasText: applicant })
  await expect(row).toContainText('已受理')
  await row.getByRole('button').first().click()
  const drawer = page.getByRole('dialog', { name: '调解案件' })
  await drawer.getByRole('button', { name: '达成协议' }).click()
  await drawer.getByLabel('调解协议内容').fill('双方同意共同出资疏通排水沟')
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
  await drawer.getByLabel('协议生效日期').fill(today)
  await drawer.getByLabel('协议生效日期').press('Enter') // confirms the date and submits the form
  await expect(drawer.getByText(/前共同向人民法院申请司法确认/)).toBeVisible()
  await expect(drawer.getByText('达成调解协议')).toBeVisible()
  await expect(drawer.getByText('状态：已受理 → 达成协议')).toBeVisible()

  // the task it produced is done
  // by keyboard: the success toast can sit over the close button, and a pointer on it keeps it there
  await drawer.getByRole('button', { name: '关闭' }).press('Enter')
  await expect(drawer).toBeHidden()
  // the board opens on 未完成: finished work is under 已完成
  const board = new TaskBoardPage(director)
  await board.open()
  await board.showStatus('已完成')
  const task = page.locator('[data-testid^="task-row-"]').filter({ hasText: applicant })
  await expect(task).toContainText('已完成')
})

/**
 * 人民调解法17, 26, 33 (issue 16): the other party's refusal at intake ends the case with the other routes
 * shown to the director; at the first contact it closes an accepted case; a judicial confirmation applied
 * for by one party alone is refused with the reason.
 */
test("the other party's refusal ends a case with the other routes; one party alone cannot apply for confirmation", async ({
  page,
}) => {
  const director = new AdminApp(page)
  await director.login('dir-nanma')
  await director.verifyOnPage()
  await page.getByRole('menuitem', { name: '人民调解' }).click()

  // at intake
  const refused = `韩某${Date.now().toString(36).slice(-4)}`
  await page.getByRole('button', { name: '登记案件' }).click()
  const dialog = page.getByRole('dialog', { name: '登记人民调解案件' })
  await dialog.getByLabel('申请人').fill(refused)
  await dialog.getByLabel('对方当事人').fill('杨某')
  await dialog.getByLabel('纠纷概况').fill('宅基地边界争议，对方明确表示不接受调解')
  await dialog.getByRole('radio', { name: '对方明确拒绝调解' }).check()
  await expect(dialog.getByLabel('承办人员')).toHaveCount(0)
  await dialog.getByRole('button', { name: '登记' }).click()
  const info = page.getByRole('dialog', { name: /对方当事人明确拒绝调解，不予调解/ })
  await expect(info.getByRole('list', { name: '其他解决途径' }).getByRole('listitem')).toHaveCount(4)
  await info.getByRole('button', { name: '已告知当事人' }).click()
  const row = page.locator('[data-testid^="mediation-row-"]').filter({ hasText: refused })
  await expect(row).toContainText('不予受理')
  await row.getByRole('button').first().click()
  const drawer = page.getByRole('dialog', { name: '调解案件' })
  await expect(drawer.getByText(/人民调解法》第十七条不得调解/)).toBeVisible()
  await expect(drawer.getByRole('list', { name: '其他解决途径' })).toContainText('向人民法院提起诉讼')
  await drawer.getByRole('button', { name: '关闭' }).press('Enter')
  await expect(drawer).toBeHidden()

  // an agreement: one party alone cannot apply for judicial confirmation, both together can
  const agreed = `曹某${Date.now().toString(36).slice(-4)}`
  await page.getByRole('button', { name: '登记案件' }).click()
  await dialog.getByLabel('申请人').fill(agreed)
  await dialog.getByLabel('对方当事人').fill('许某')
  await dialog.getByLabel('纠纷概况').fill('借款纠纷，双方愿意调解')
  await pickAntdOption(dialog, '承办人员', '鲁村中队队员一', { search: '鲁村中队队员一' })
  await dialog.getByRole('button', { name: '登记' }).click()
  await expect(dialog).toBeHidden()
  const row2 = page.locator('[data-testid^="mediation-row-"]').filter({ hasText: agreed })
  await row2.getByRole('button').first().click()
  await drawer.getByRole('button', { name: '达成协议' }).click()
  await drawer.getByLabel('调解协议内容').fill('许某于年底前分两次归还借款')
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  await drawer.getByLabel('协议生效日期').fill(today)
  await drawer.getByLabel('协议生效日期').press('Enter')
  await expect(drawer.getByText(/前共同向人民法院申请司法确认/)).toBeVisible()
  const form = drawer.locator('form[id="mediation-confirmation"]')
  await form.getByRole('radio', { name: '一方当事人单独申请' }).check()
  await form.getByLabel('申请日期').fill(today)
  await form.getByLabel('申请日期').press('Enter')
  await expect(form.getByRole('alert')).toContainText('须由双方当事人共同向人民法院申请')
  await form.getByRole('radio', { name: '双方当事人共同申请' }).check()
  await form.getByRole('button', { name: '登记申请' }).click()
  await expect(
    drawer.getByText(`双方当事人已于 ${today} 共同申请司法确认（人民调解法第三十三条）`),
  ).toBeVisible()
})
