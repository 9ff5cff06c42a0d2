import { expect, test } from '@playwright/test'
import { FieldApp } from '../../pages/field/field.page.ts'

test('squad staff log in on a phone and are told when the network drops', async ({ page, context }) => {
  const field = new FieldApp(page)
  await field.login('staff-lucun-2')
  await field.verifyOnPage()
  // Touch targets stay large enough for a thumb.
  const login = page.getByRole('button', { name: '退出登录' })
  const box = await login.boundingBox()
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(40)

  await context.setOffline(true)
  await expect(page.getByText('网络不可用')).toBeVisible()
  await context.setOffline(false)
  await expect(page.getByText('网络不可用')).toBeHidden()

  await login.tap()
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
})
