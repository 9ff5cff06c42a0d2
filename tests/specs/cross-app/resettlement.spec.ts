import { type BrowserContext, devices, expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { ResettlementPage } from '../../pages/admin/resettlement.page.ts'
import { FieldApp } from '../../pages/field/field.page.ts'
import { idNumber } from '../../support/id-number.ts'

/** YYYY-MM-DD in China Standard Time, `days` from today (the server counts in that zone). */
const shanghaiDay = (days = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

const shellReady = async (context: BrowserContext) => {
  await context.pages()[0]?.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
}

/**
 * Issue 5, released prisoners: the 南麻 director registers a prison's release notice; the handover
 * (衔接) deadline becomes a task of 鲁村中队 assigned to its leader, who sees it under 法定期限提醒 on
 * the phone — also offline, from the tasks kept there; the director records the handover, which closes
 * the task and starts the file and information-entry deadlines.
 */
test('a release notice → handover task for the right squad, warned on the phone offline, closed by the handover', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const name = `释放人员${Date.now().toString(36).slice(-4)}`
  const seq = String(600 + (Date.now() % 300)).padStart(3, '0')
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  const director = new AdminApp(await adminContext.newPage())
  await director.login('dir-nanma')
  await director.verifyOnPage()
  const resettlement = new ResettlementPage(director)
  await resettlement.open()
  await resettlement.registerNotice({
    name,
    idNumber: idNumber('370323', '19750615', seq),
    category: '一般刑满释放人员',
    town: '南麻',
    prison: '山东省鲁中监狱',
    noticeOn: shanghaiDay(-6),
    releaseOn: shanghaiDay(0),
  })
  // Released today after a notice six days ago: later than a month before → flagged. The handover
  // (5 days from the notice) fell due yesterday, or rolled to the next working day: warned either way.
  await director.page.getByRole('button', { name: '知道了' }).click()
  await expect(director.page.getByText('晚于释放前一个月', { exact: true })).toBeVisible()
  await expect(director.page.getByText(/^3703\*{10}\d{3}[\dX]$/)).toBeVisible()
  await expect(resettlement.obligation('handover')).toContainText('做好刑满释放人员衔接')
  await expect(resettlement.obligation('handover')).toContainText(/已逾期|即将到期/)

  // The squad leader of 鲁村 has it on the phone under 法定期限提醒; it stays there offline.
  const fieldContext = await browser.newContext(devices['Pixel 5'])
  const field = new FieldApp(await fieldContext.newPage())
  await field.login('lead-lucun')
  await field.verifyOnPage()
  const alerts = field.page.getByRole('region', { name: /法定期限提醒/ })
  const title = `【法定期限】做好刑满释放人员衔接（核实身份、联系家属、落实接回）：${name}`
  await expect(alerts.getByRole('link', { name: title })).toBeVisible()
  await shellReady(fieldContext)
  await fieldContext.setOffline(true)
  await field.page.reload()
  await field.verifyOnPage()
  await expect(
    field.page.getByRole('region', { name: /法定期限提醒/ }).getByRole('link', { name: title }),
  ).toBeVisible()
  await fieldContext.setOffline(false)

  // 西里's squad leader has no such task.
  const xiliContext = await browser.newContext(devices['Pixel 5'])
  const xili = new FieldApp(await xiliContext.newPage())
  await xili.login('lead-xili')
  await xili.verifyOnPage()
  await expect(xili.page.getByText(title)).toHaveCount(0)
  await xiliContext.close()

  // The director records the handover at the office: the task is done, the file and entry deadlines run.
  await resettlement.recordStep('衔接到位', { 日期: shanghaiDay(0), 说明: '与家属一同接回' })
  await expect(resettlement.obligation('handover')).toContainText('已完成')
  await expect(resettlement.obligation('file')).toContainText('建立刑满释放人员安置帮教工作档案')
  await expect(resettlement.obligation('entry')).toContainText('安置帮教系统信息核查、录入')
  await expect(director.page.getByText('帮教中')).toBeVisible()

  await field.page.reload()
  await field.verifyOnPage()
  await expect(field.page.getByRole('region', { name: /法定期限提醒/ }).getByText(title)).toHaveCount(0)
  await fieldContext.close()
  await adminContext.close()
})
