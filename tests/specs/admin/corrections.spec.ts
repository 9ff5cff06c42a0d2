import { expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { CorrectionsPage } from '../../pages/admin/corrections.page.ts'
import { idNumber } from '../../support/id-number.ts'

/** YYYY-MM-DD in China Standard Time, `days` from today (the server counts in that zone). */
const shanghaiDay = (days = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

/**
 * Issue 5's main flow: a 鲁村 squad member registers a supervisee of 南麻, records the judgment; the
 * reporting deadline becomes a task of 鲁村中队 (not of 西里); reporting closes it; a 5-day outing is
 * routed to the 南麻 office, whose director approves it (filed with the county); at term end the
 * squad discharges and downloads the 解除社区矫正证明书.
 */
test('register, judgment → reporting task for the right squad, outing at the right level, discharge at term end', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const name = `矫正对象${Date.now().toString(36).slice(-4)}`
  const seq = String(Date.now() % 500).padStart(3, '0')
  const context = await browser.newContext()
  const staff = new AdminApp(await context.newPage())
  await staff.login('staff-lucun-1')
  await staff.verifyOnPage()
  const corrections = new CorrectionsPage(staff)
  await corrections.open()
  await corrections.register({
    name,
    idNumber: idNumber('370323', '19880412', seq),
    type: '缓刑',
    town: '南麻',
  })
  await expect(staff.page.getByText(/^3703\*{10}\d{3}[\dX]$/)).toBeVisible()

  // Judgment effective six months ago, term ending today.
  await corrections.recordEvent('判决、裁定生效', {
    '判决、裁定生效日期': shanghaiDay(-182),
    矫正起始日期: shanghaiDay(-182),
    矫正期满日期: shanghaiDay(0),
  })
  await expect(corrections.obligation('report')).toContainText('社区矫正对象报到')
  await expect(corrections.obligation('report')).toContainText('已逾期')
  await expect(corrections.obligation('report')).toContainText('社区矫正法第21条')

  await staff.page.getByRole('menuitem', { name: '任务' }).click()
  await expect(staff.page.getByText(`【法定期限】社区矫正对象报到：${name}`).first()).toBeVisible()

  const other = await browser.newContext()
  const xili = new AdminApp(await other.newPage())
  await xili.login('lead-xili')
  await xili.verifyOnPage()
  await xili.page.getByRole('menuitem', { name: '任务' }).click()
  await expect(xili.page.getByRole('heading', { name: '任务' }).first()).toBeVisible()
  await expect(xili.page.getByText(`社区矫正对象报到：${name}`)).toHaveCount(0)
  await other.close()

  await corrections.open()
  await corrections.openSupervisee(name)
  await corrections.recordEvent('报到', { 日期: shanghaiDay(0) })
  await expect(corrections.obligation('report')).toContainText('已完成')
  await expect(corrections.obligation('announcement')).toContainText('组织入矫宣告')

  const routed = await corrections.requestLeave({
    from: shanghaiDay(4),
    to: shanghaiDay(8),
    destination: '济南市历下区',
    reason: '陪同家人就医',
  })
  expect(routed).toContain('司法所（受委托审批，报县级社区矫正机构备案）')
  // The squad member cannot approve it.
  await corrections.leave(shanghaiDay(4)).getByRole('button', { name: '批准外出' }).click()
  await expect(staff.page.getByText('审批层级不符')).toBeVisible()
  await staff.page.getByRole('button', { name: '退出登录' }).click()

  const director = new AdminApp(staff.page)
  await director.login('dir-nanma')
  await director.verifyOnPage()
  const office = new CorrectionsPage(director)
  await office.open()
  await office.openSupervisee(name)
  await office.leave(shanghaiDay(4)).getByRole('button', { name: '批准外出' }).click()
  await expect(office.leave(shanghaiDay(4))).toContainText('已批准')
  await expect(office.leave(shanghaiDay(4))).toContainText('已报县级备案')
  await expect(office.leave(shanghaiDay(4))).toContainText('南麻所长（演示）')
  await director.page.getByRole('button', { name: '退出登录' }).click()

  await staff.login('staff-lucun-1')
  await corrections.open()
  await corrections.openSupervisee(name)
  await staff.page.getByRole('button', { name: '解除矫正' }).click()
  await staff.page.getByRole('dialog').getByRole('button', { name: '解除矫正' }).click()
  await expect(staff.page.getByText('已解矫')).toBeVisible()
  await expect(corrections.obligation('discharge')).toContainText('已完成')
  const download = staff.page.waitForEvent('download')
  await staff.page.getByRole('button', { name: '下载解除社区矫正证明书' }).click()
  expect((await download).suggestedFilename()).toBe(`解除社区矫正证明书-${name}.docx`)
  await context.close()
})

/**
 * 矫正小组 and 矫正方案 on a female supervisee's page: a team without a woman is refused with 社区矫正法25's
 * wording; with a woman it is saved. A plan is recorded as a new version, newest first.
 */
test('correction team of a female supervisee needs a woman (法25); plan versions newest first', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const name = `女对象${Date.now().toString(36).slice(-4)}`
  // the 17th digit is even for a woman
  const seq = String((Date.now() % 250) * 2).padStart(3, '0')
  const context = await browser.newContext()
  const staff = new AdminApp(await context.newPage())
  await staff.login('staff-lucun-1')
  await staff.verifyOnPage()
  const corrections = new CorrectionsPage(staff)
  await corrections.open()
  await corrections.register({
    name,
    idNumber: idNumber('370323', '19900305', seq),
    type: '缓刑',
    town: '南麻',
  })
  const teamCard = staff.page.locator('.ant-card').filter({ hasText: '矫正小组' }).first()
  await expect(teamCard).toContainText('尚未确定矫正小组')

  await staff.page.getByRole('button', { name: '编辑矫正小组' }).click()
  const dialog = staff.page.getByRole('dialog')
  await dialog.getByLabel('成员1 姓名').fill('王所员')
  await dialog.getByLabel('成员2 姓名').fill('张家属')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(
    '矫正小组不符合规定：女性社区矫正对象的矫正小组应当有女性成员（社区矫正法第25条）',
  )

  await staff.pickOption('成员2 性别', '女')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  await expect(teamCard.getByRole('row').filter({ hasText: '张家属' })).toContainText('女')

  await staff.page.getByRole('button', { name: '制定/调整矫正方案' }).click()
  await dialog.getByLabel('矫正方案内容').fill('每月报告一次；每周参加公益活动。')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  await expect(staff.page.getByTestId('plan-v1')).toContainText('每月报告一次')
  await staff.page.getByRole('button', { name: '制定/调整矫正方案' }).click()
  await dialog.getByLabel('矫正方案内容').fill('调整：每两周报告一次。')
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  // newest first: 第2版 above 第1版
  await expect(staff.page.getByTestId(/^plan-v\d+$/).first()).toContainText('第2版')
  await expect(staff.page.getByTestId('plan-v1')).toContainText('每月报告一次')
  await context.close()
})
