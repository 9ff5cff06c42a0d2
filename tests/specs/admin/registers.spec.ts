import { expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { pickAntdOption } from '../../pages/admin/antd-select.ts'

const shanghaiDay = (offsetDays: number): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })

/**
 * 合法性审查 register (司法所平时职责①): a deadline before the receipt date is refused by the server with a
 * Chinese error inside the dialog and nothing is registered; corrected, the review is registered and listed.
 */
test('a director registers a legality review; a deadline before the receipt date is refused in Chinese', async ({
  page,
}) => {
  const director = new AdminApp(page)
  await director.login('dir-nanma')
  await director.verifyOnPage()
  await page.getByRole('menuitem', { name: '合法性审查' }).click()
  await expect(page.getByRole('heading', { name: '合法性审查', exact: true })).toBeVisible()

  const title = `村规民约修订草案-${Date.now().toString(36)}`
  await page.getByRole('button', { name: '登记审查事项' }).click()
  const dialog = page.getByRole('dialog', { name: '登记合法性审查事项' })
  await dialog.getByLabel('文件（事项）名称').fill(title)
  await dialog.getByLabel('提请单位').fill('南麻街道某村民委员会')
  await pickAntdOption(dialog, '审查人员', /南麻/)
  await dialog.getByLabel('审查期限').fill(shanghaiDay(-1))
  await dialog.getByLabel('审查期限').press('Enter') // confirms the date
  await dialog.getByRole('button', { name: '登记' }).click()
  await expect(dialog.getByRole('alert')).toContainText('审查期限不能早于收到日期')
  await expect(dialog).toBeVisible()
  await expect(page.locator('[data-testid^="legality-row-"]').filter({ hasText: title })).toHaveCount(0)

  await dialog.getByLabel('审查期限').fill(shanghaiDay(10))
  await dialog.getByLabel('审查期限').press('Enter')
  await dialog.getByRole('button', { name: '登记' }).click()
  await expect(dialog).toBeHidden()
  const row = page.locator('[data-testid^="legality-row-"]').filter({ hasText: title })
  await expect(row).toContainText('待审查')
})

/** 普法 register (司法所平时职责): a director registers an event; it is listed with its number and task. */
test('a director registers a legal-education event; a missing organiser is asked for in the dialog', async ({
  page,
}) => {
  const director = new AdminApp(page)
  await director.login('dir-nanma')
  await director.verifyOnPage()
  await page.getByRole('menuitem', { name: '普法活动' }).click()
  await expect(page.getByRole('heading', { name: '普法活动', exact: true })).toBeVisible()

  const theme = `民法典进农村-${Date.now().toString(36)}`
  await page.getByRole('button', { name: '登记活动' }).click()
  const dialog = page.getByRole('dialog', { name: '登记普法活动' })
  await dialog.getByLabel('活动主题').fill(theme)
  await dialog.getByLabel('活动地点').fill('南麻街道文化广场')
  await dialog.getByLabel('活动对象').fill('村民')
  await dialog.getByRole('button', { name: '登记' }).click()
  await expect(dialog.getByText('请选择组织人员')).toBeVisible()
  await pickAntdOption(dialog, '组织人员', /南麻/)
  await dialog.getByRole('button', { name: '登记' }).click()
  await expect(dialog).toBeHidden()
  const row = page.locator('[data-testid^="education-row-"]').filter({ hasText: theme })
  await expect(row).toBeVisible()
  await expect(row).toContainText('南麻街道文化广场')
})
