import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { pickAntdOption } from '../../pages/admin/antd-select.ts'

// 经费 (issue 11, policy 四.2): the bureau enters an office's yearly line, the 西里 director asks to spend
// from the area's pool, the squad leader refuses without a reason (a Chinese error, nothing changes),
// then approves; the pool's approved figure and the ledger follow.
test.setTimeout(360_000)

const desktop = { viewport: { width: 1366, height: 860 } }

// The refused 不批准 is now answered in the dialog itself (no round trip, no toast over the page); the
// server refuses it as well (budget.test.ts). A loaded full run once hung on the 批准 click after the
// server's refusal, so the click is bounded: a hang fails within 30 s with Playwright's reason.
test('budget: the bureau sets a line, a director asks, the squad leader approves from the area pool', async ({
  browser,
}) => {
  const contexts: BrowserContext[] = []
  const open = async (username: string): Promise<Page> => {
    const c = await browser.newContext(desktop)
    contexts.push(c)
    const app = new AdminApp(await c.newPage())
    await app.login(username)
    await app.verifyOnPage()
    await app.page.getByRole('menuitem', { name: '经费' }).click()
    await expect(app.page.getByRole('heading', { name: '经费', exact: true })).toBeVisible({
      timeout: 30_000,
    })
    return app.page
  }
  const year = String(new Date().getFullYear())
  const purpose = `法治宣传资料印制-${Date.now().toString(36)}`

  const bureau = await open('liaison-xili')
  await bureau.getByRole('tab', { name: '经费台账' }).click()
  await bureau.getByTestId('ledger-row-xili').getByRole('button', { name: '录入额度' }).click()
  const line = bureau.getByRole('dialog', { name: `录入年度经费：西里司法所（${year}年）` })
  await line.getByLabel('年度额度（元）').fill('50000')
  await line.getByRole('button', { name: '保存' }).click()
  await expect(line).toHaveCount(0)
  await expect(bureau.getByTestId('ledger-row-xili')).toContainText('50,000.00')
  await expect(bureau.getByTestId('budget-monthly-chart')).toBeVisible()

  const director = await open('dir-xili')
  await director.getByRole('button', { name: '经费申请' }).click()
  const ask = director.getByRole('dialog', { name: '经费申请' })
  await ask.getByLabel('金额（元）').fill('1200.5')
  await pickAntdOption(ask, '服务的职责事项', '开展法治宣传教育', { search: '法治宣传教育' })
  await ask.getByLabel('用途').fill(purpose)
  await ask.getByRole('button', { name: '提交申请' }).click()
  await expect(ask).toHaveCount(0)
  const mine = director.getByRole('row').filter({ hasText: purpose })
  await expect(mine).toContainText('待中队长审批')
  await expect(mine).toContainText('1,200.50')
  const axe = await new AxeBuilder({ page: director }).withTags(['wcag2a', 'wcag2aa']).analyze()
  expect(axe.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([])

  const leader = await open('lead-xili')
  const row = leader.getByRole('row').filter({ hasText: purpose })
  await row.getByRole('button', { name: '审批' }).click()
  const decide = leader.getByRole('dialog', { name: '审批经费申请' })
  await decide.getByRole('button', { name: '不批准' }).click()
  await expect(leader.getByText('不批准时请填写理由')).toBeVisible()
  await expect(decide).toBeVisible()
  await decide.getByRole('button', { name: '批准', exact: true }).click({ timeout: 30_000 })
  await expect(decide).toHaveCount(0)
  await expect(row).toContainText('已批准')
  await leader.getByRole('tab', { name: '经费台账' }).click()
  await expect(leader.getByTestId('pool-xili')).toContainText('1,200.50')

  await director.reload()
  await expect(director.getByRole('row').filter({ hasText: purpose })).toContainText('已批准')
  for (const c of contexts) await c.close()
})
