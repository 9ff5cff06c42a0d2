import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { KioskApp } from '../../pages/kiosk/kiosk.page.ts'
import { idNumber } from '../../support/id-number.ts'

// The kiosk's page (apps/kiosk/index.html, before issue 16) turns pinch-zoom off on purpose for a
// public touch terminal; every other WCAG 2 A/AA rule is checked on the screens of this flow.
const a11y = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).disableRules(['meta-viewport']).analyze()

/**
 * Issue 16 (人民调解法17, 26): a resident at the 南麻 kiosk says the other party has expressly refused
 * mediation. No mediation can take place: the application is recorded and closed at once, and the
 * resident is shown the other routes on the spot; the director finds it in the queue, closed with the
 * reason and the routes the resident was told.
 */
test('the other party refuses mediation: the kiosk shows the other routes at once, the director sees them', async ({
  browser,
}) => {
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  const kioskContext = await browser.newContext({ viewport: { width: 768, height: 1366 }, hasTouch: true })
  const director = new AdminApp(await adminContext.newPage())
  await director.login('dir-nanma')
  await director.verifyOnPage()
  const code = await director.registerKiosk('大厅拒调测试机')

  const kiosk = new KioskApp(await kioskContext.newPage())
  await kiosk.goto()
  await kiosk.bind(code)
  await kiosk.verifyOnPage('南麻司法所')
  await kiosk.startMediation()
  await kiosk.fill({
    applicantName: '孙七测试',
    phone: '13900139000',
    idNumber: idNumber('370323', '19750505', '215'),
    summary: '对方占用我家承包地修路，协商不成，对方表示不愿调解',
    otherParty: '周八',
  })
  const form = await a11y(kiosk.page)
  expect(form.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  // the default is 不清楚; the resident says the other party refused
  await expect(kiosk.page.getByRole('radio', { name: '不清楚' })).toBeChecked()
  await kiosk.chooseConsent('对方明确拒绝调解')
  await kiosk.submit()

  await expect(kiosk.page.getByRole('heading', { name: '对方拒绝调解，无法进行人民调解' })).toBeVisible()
  await expect(kiosk.page.getByText(/人民调解法》第十七条不得调解/)).toBeVisible()
  const routes = kiosk.alternatives()
  await expect(routes.getByRole('listitem')).toHaveCount(4)
  await expect(routes).toContainText('向人民法院提起诉讼')
  await expect(routes).toContainText('申请仲裁')
  await expect(routes).toContainText('请求行政机关处理或者行政调解')
  await expect(routes).toContainText('12348')
  const receiptNo = await kiosk.receiptNo()
  const axe = await a11y(kiosk.page)
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
  // done: nothing of the resident stays on the screen
  await kiosk.page.getByRole('button', { name: '完成' }).tap()
  await kiosk.verifyOnPage('南麻司法所')
  await expect(kiosk.page.getByText('孙七测试')).toHaveCount(0)

  // not waiting in 待受理: closed at once, under 已退回 with the reason and the routes
  await director.open('受理队列')
  await expect(director.intakeRow(receiptNo)).toHaveCount(0)
  await director.page.getByRole('tab', { name: '已退回' }).click()
  const row = director.intakeRow(receiptNo)
  await expect(row).toBeVisible()
  await expect(row).toContainText('对方拒绝调解')
  await row.getByRole('button', { name: '告知内容' }).click()
  const dialog = director.page.getByRole('dialog')
  await expect(dialog).toContainText('第十七条')
  await expect(dialog.getByRole('list', { name: '其他解决途径' }).getByRole('listitem')).toHaveCount(4)
  await dialog.getByRole('button', { name: '关闭' }).click()

  // an ordinary request (对方同意调解) still waits in 待受理 and gets the receipt
  await kiosk.startMediation()
  await kiosk.fill({
    applicantName: '吴九测试',
    phone: '13900139001',
    idNumber: idNumber('370323', '19760606', '217'),
    summary: '邻居装修噪音扰民，对方同意坐下来谈',
    otherParty: '郑十',
  })
  await kiosk.chooseConsent('对方同意调解')
  await kiosk.submit()
  await expect(kiosk.page.getByRole('heading', { name: '申请已提交' })).toBeVisible()
  const second = await kiosk.receiptNo()
  // The queue does not push: the director switches back to 待受理 and refreshes. Wait for the tab to be
  // active (its list is the one 刷新 refetches) and refresh until the new request shows — CI once
  // clicked 刷新 while the 已退回 list was still the page's, twice.
  const pending = director.page.getByRole('tab', { name: '待受理' })
  await pending.click()
  await expect(pending).toHaveAttribute('aria-selected', 'true')
  await expect(director.page).toHaveURL(/status=new/)
  await expect(async () => {
    await director.page.getByRole('button', { name: '刷新' }).click()
    await expect(director.intakeRow(second)).toBeVisible({ timeout: 3_000 })
  }).toPass({ timeout: 30_000 })
  await expect(director.intakeRow(second)).toContainText('待受理')

  await adminContext.close()
  await kioskContext.close()
})
