import { expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'

test('a wrong password gets one Chinese message that does not say whether the user exists', async ({
  page,
}) => {
  const admin = new AdminApp(page)
  await admin.login('dir-nanma', 'Wrong#2026')
  const known = page.getByRole('alert')
  await expect(known).toBeVisible()
  const knownText = await known.innerText()
  expect(knownText).toMatch(/用户名或密码错误/)

  await admin.login('nobody-here', 'Wrong#2026')
  await expect(page.getByRole('alert')).toHaveText(knownText)
})

test('a director sees the office menus, the audit administrator the audit log', async ({ page }) => {
  const admin = new AdminApp(page)
  await admin.login('dir-nanma')
  await admin.verifyOnPage()
  await expect(page.getByText('南麻所长（演示）').first()).toBeVisible()
  await expect(page.getByRole('menuitem', { name: '受理队列' })).toBeVisible()
  await expect(page.getByRole('menuitem', { name: '审计日志' })).toHaveCount(0)
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()

  await admin.login('admin')
  await admin.verifyOnPage()
  // the 系统管理员 runs accounts; reading the audit is the 审计管理员's (three separated roles)
  await expect(page.getByRole('menuitem', { name: '审计日志' })).toHaveCount(0)
  await page.getByRole('button', { name: '退出登录' }).click()

  await admin.login('auditor')
  await admin.verifyOnPage()
  await admin.open('审计日志')
  await page.getByRole('button', { name: '校验审计链' }).click()
  await expect(page.getByText(/完整|未被篡改|通过/).first()).toBeVisible()
})
