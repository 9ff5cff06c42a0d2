import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { pickAntdOption } from '../../pages/admin/antd-select.ts'

// Each test signs in three or four times (argon2id at every login): on a loaded 2-core machine that
// outlasts the default 60 s.
test.slow()

test('the 系统管理员 creates an account; its owner signs in with the one-time password and must change it first', async ({
  page,
}) => {
  const admin = new AdminApp(page)
  await admin.login('admin')
  await admin.verifyOnPage()
  await page.getByRole('menuitem', { name: '用户管理' }).click()
  await expect(page.getByRole('heading', { name: '用户管理' })).toBeVisible()
  // labels, roles, names and colour contrast of the page (the console's theme meets WCAG AA)
  const axe = await new AxeBuilder({ page }).analyze()
  expect(axe.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([])

  const username = `e2e-${Date.now().toString(36)}`
  await page.getByRole('button', { name: '新建用户' }).click()
  const dialog = page.getByRole('dialog', { name: '新建用户' })
  await dialog.getByLabel('用户名').fill(username)
  await dialog.getByLabel('姓名').fill('浏览器测试队员')
  await pickAntdOption(dialog, '角色', '中队工作人员')
  await pickAntdOption(dialog, '所在中队', '鲁村中队')
  await dialog.getByRole('button', { name: '创建' }).click()
  const otp = (await page.getByTestId('one-time-password').innerText()).trim()
  expect(otp).toHaveLength(12)
  await page.getByRole('button', { name: '我已记下' }).click()
  await expect(page.getByTestId(`user-row-${username}`)).toContainText('待改密')
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()

  await admin.login(username, otp)
  await expect(page.getByRole('heading', { name: '请先修改密码' })).toBeVisible()
  await expect(page.getByRole('menuitem', { name: '任务' })).toHaveCount(0)
  await page.getByLabel('当前密码').fill(otp)
  await page.getByLabel('新密码', { exact: true }).fill('password1')
  await page.getByLabel('确认新密码').fill('password1')
  await page.getByRole('button', { name: '修改密码' }).click()
  await expect(page.getByRole('alert')).toContainText('至少 3 类')
  await page.getByLabel('新密码', { exact: true }).fill('Lucun#Field2026')
  await page.getByLabel('确认新密码').fill('Lucun#Field2026')
  await page.getByRole('button', { name: '修改密码' }).click()
  await admin.verifyOnPage()
  await expect(page.getByTestId('me-name')).toHaveText('浏览器测试队员')
  await expect(page.getByRole('menuitem', { name: '任务' })).toBeVisible()

  // the new password works from now on
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  await admin.login(username, 'Lucun#Field2026')
  await admin.verifyOnPage()
})

test('the 安全管理员 sees who is online and sets the password rules; the 审计管理员 reads the login log', async ({
  page,
}) => {
  const admin = new AdminApp(page)
  await admin.login('secadmin')
  await admin.verifyOnPage()
  await page.getByRole('menuitem', { name: '在线用户' }).click()
  await expect(page.getByTestId('session-row-secadmin')).toContainText('本次登录')
  await page.getByRole('menuitem', { name: '参数设置' }).click()
  const expiry = page.getByTestId('setting-password.expiryDays')
  await expiry.getByRole('spinbutton', { name: '密码有效期（天）' }).fill('60')
  await expiry.getByRole('button', { name: '保存密码有效期（天）' }).click()
  await expect(page.getByText('已保存：密码有效期（天）')).toBeVisible()
  await expect(page.getByTestId('setting-account.oneTimePasswordHours')).toContainText('只读')
  await expiry.getByRole('spinbutton', { name: '密码有效期（天）' }).fill('90')
  await expiry.getByRole('button', { name: '保存密码有效期（天）' }).click()
  await expect(expiry.getByRole('button', { name: '保存密码有效期（天）' })).toBeDisabled()
  await page.getByRole('button', { name: '退出登录' }).click()
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()

  await admin.login('auditor')
  await admin.verifyOnPage()
  await expect(page.getByRole('menuitem', { name: '用户管理' })).toHaveCount(0)
  await page.getByRole('menuitem', { name: '登录日志' }).click()
  await page.getByLabel('用户').fill('secadmin')
  await page.getByRole('button', { name: '查询' }).click()
  await expect(page.getByRole('cell', { name: '退出登录' }).first()).toBeVisible()
  await expect(page.getByRole('cell', { name: '登录成功' }).first()).toBeVisible()
})
