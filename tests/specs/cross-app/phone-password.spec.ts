import AxeBuilder from '@axe-core/playwright'
import { devices, expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { pickAntdOption } from '../../pages/admin/antd-select.ts'
import { FieldApp } from '../../pages/field/field.page.ts'

// Issue 13: squad staff mostly have no computer at hand. A new squad member signs in on the phone with
// the one-time password the 系统管理员 gave them and changes it there, then works; a wrong repeat and a
// rule the new password breaks are refused on the phone in Chinese.
test.slow()

test('a new squad member changes the one-time password on the phone and goes on to the task list', async ({
  browser,
}) => {
  const desk = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  const admin = new AdminApp(await desk.newPage())
  await admin.login('admin')
  await admin.verifyOnPage()
  const page = admin.page
  await page.getByRole('menuitem', { name: '用户管理' }).click()
  const username = `phone-${Date.now().toString(36)}`
  await page.getByRole('button', { name: '新建用户' }).click()
  const dialog = page.getByRole('dialog', { name: '新建用户' })
  await dialog.getByLabel('用户名').fill(username)
  await dialog.getByLabel('姓名').fill('手机改密队员')
  await pickAntdOption(dialog, '角色', '中队工作人员')
  await pickAntdOption(dialog, '所在中队', '西里中队')
  await dialog.getByRole('button', { name: '创建' }).click()
  const otp = (await page.getByTestId('one-time-password').innerText()).trim()
  await page.getByRole('button', { name: '我已记下' }).click()
  await desk.close()

  const phone = await browser.newContext({
    ...devices['Pixel 5'],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const field = new FieldApp(await phone.newPage())
  await field.login(username, otp)
  const p = field.page
  await expect(p.getByRole('heading', { name: '请先修改密码' })).toBeVisible()
  const axe = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa']).analyze()
  expect(axe.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([])

  await p.getByLabel('新密码', { exact: true }).fill('Xili#Phone2026')
  await p.getByLabel('再次输入新密码').fill('Xili#Phone2027')
  await p.getByRole('button', { name: '修改密码并登录' }).tap()
  await expect(p.getByRole('alert')).toHaveText('两次输入的新密码不一致')
  await p.getByLabel('新密码', { exact: true }).fill('password1')
  await p.getByLabel('再次输入新密码').fill('password1')
  await p.getByRole('button', { name: '修改密码并登录' }).tap()
  await expect(p.getByRole('alert')).toContainText('至少 3 类')
  await p.getByLabel('新密码', { exact: true }).fill('Xili#Phone2026')
  await p.getByLabel('再次输入新密码').fill('Xili#Phone2026')
  await p.getByRole('button', { name: '修改密码并登录' }).tap()
  await field.verifyOnPage()

  // the new password is the one that works from now on
  await p.getByRole('button', { name: '退出登录' }).tap()
  // the sign-in screen shows once the server has ended the session (navigating earlier cancels the logout)
  await expect(p.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  await field.login(username, otp)
  await expect(p.getByRole('alert')).toBeVisible()
  await field.login(username, 'Xili#Phone2026')
  await field.verifyOnPage()
  await phone.close()
})
