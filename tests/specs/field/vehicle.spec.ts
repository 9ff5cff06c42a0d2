import { expect, test } from '@playwright/test'
import { FieldApp } from '../../pages/field/field.page.ts'
import { expectAccessible } from '../../support/axe.ts'

/**
 * 执法车辆 on a phone (issue 11): a 鲁村 squad member books a free window of the squad's vehicle (the
 * squad's own booking is approved at once), checks it out, loses signal, checks it in offline — the
 * phone shows 已还车（待同步） — and the check-in reaches the server once the network returns.
 */
test('vehicle on the phone: book a free window, check out, check in offline, synced later', async ({
  page,
  context,
}) => {
  const field = new FieldApp(page)
  await field.login('staff-lucun-3')
  await field.verifyOnPage()
  await page.getByRole('button', { name: /执法车辆/ }).tap()
  await expect(page.getByRole('heading', { name: '执法车辆' })).toBeVisible()
  await expect(page.getByRole('region', { name: '本队车辆' })).toContainText('鲁C·J1001')
  await expectAccessible(page, '执法车辆（手机）')

  await page.getByRole('button', { name: '预约空闲时段' }).tap()
  const form = page.getByRole('form', { name: '预约用车' })
  await form.getByLabel('用车时长（小时）').selectOption('1')
  await form.getByRole('group', { name: '空闲时段' }).getByRole('button').first().tap()
  await form.getByLabel('职责事项').selectOption('squad.peacetime.1.8')
  await form.getByLabel('用车事由').fill('入户走访社区矫正对象')
  await form.getByRole('button', { name: '提交预约' }).tap()
  await expect(page.getByRole('status').filter({ hasText: '已预约' })).toContainText('已批准')

  const card = page.getByRole('listitem').filter({ hasText: '入户走访社区矫正对象' })
  await expect(card).toContainText('已批准')
  await card.getByRole('button', { name: '出车' }).tap()
  const out = page.getByRole('form', { name: '出车登记' })
  const km = Number(await out.getByLabel('里程表读数（公里）').inputValue())
  await out.getByLabel('油量（电量）%').fill('75')
  await out.getByRole('button', { name: '确认出车' }).tap()
  await expect(card).toContainText('已出车')
  await expect(card).not.toContainText('待同步')
  await expect(page.getByRole('region', { name: '本队车辆' })).toContainText(`里程 ${km} 公里`)

  // No signal on the way back: the check-in waits in the phone's outbox.
  await context.setOffline(true)
  await card.getByRole('button', { name: '还车' }).tap()
  const back = page.getByRole('form', { name: '还车登记' })
  // an odometer that goes backwards is refused on the phone already
  await back.getByLabel('里程表读数（公里）').fill(String(km - 1))
  await back.getByRole('button', { name: '确认还车' }).tap()
  await expect(back.getByRole('alert')).toContainText('不能小于')
  await back.getByLabel('里程表读数（公里）').fill(String(km + 23))
  await back.getByLabel('油量（电量）%').fill('60')
  await back.getByRole('button', { name: '确认还车' }).tap()
  await expect(page.getByRole('status').filter({ hasText: '联网后自动上传' })).toBeVisible()
  await expect(card).toContainText('已还车（待同步）')

  await context.setOffline(false)
  await expect(card).toContainText('已还车', { timeout: 30_000 })
  await expect(card).not.toContainText('待同步', { timeout: 30_000 })
  await expect(page.getByRole('region', { name: '本队车辆' })).toContainText(`里程 ${km + 23} 公里`)
})
