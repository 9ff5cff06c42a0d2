import { expect, test } from '@playwright/test'
import { KioskApp } from '../../pages/kiosk/kiosk.page.ts'

test('an unregistered kiosk asks for a registration code and refuses a wrong one', async ({ page }) => {
  const kiosk = new KioskApp(page)
  await kiosk.goto()
  await expect(page.getByRole('heading', { name: '终端登记' })).toBeVisible()
  await expect(page.getByRole('button', { name: '申请人民调解' })).toHaveCount(0)
  await page.getByLabel('登记码').fill('ZZZZZZZZ')
  await page.getByRole('button', { name: '登记' }).tap()
  await expect(page.getByRole('alert')).toContainText(/无效|过期/)
  // A resident cannot pick an office through the address bar.
  await page.goto('/kiosk/?office=nanma')
  await expect(page.getByRole('heading', { name: '终端登记' })).toBeVisible()
})
