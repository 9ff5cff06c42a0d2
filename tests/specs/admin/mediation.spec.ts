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
