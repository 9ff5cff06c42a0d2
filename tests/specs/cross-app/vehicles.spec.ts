import { type BrowserContext, expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { pickAntdOption } from '../../pages/admin/antd-select.ts'
import { VehiclesPage } from '../../pages/admin/vehicles.page.ts'

const desktop = { viewport: { width: 1366, height: 860 } }

/**
 * 执法车辆 (issue 11, policy 四.2): the 东里 director borrows 石桥中队's vehicle, the squad leader approves;
 * then the squad leader starts wartime and books the vehicle for it over the director's window — the
 * director's open page shows the displacement at once, without a reload, and the booking stays visible
 * as 已被战时征用 with its reason. It works in 石桥: the activation it leaves open must not reach the 鲁村 phones
 * of the wartime spec that runs after it on the same server.
 */
test('vehicle: a director books, the squad leader approves; a wartime booking displaces it live', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const contexts: BrowserContext[] = []
  const open = async (username: string) => {
    const c = await browser.newContext(desktop)
    contexts.push(c)
    const app = new AdminApp(await c.newPage())
    await app.login(username)
    await app.verifyOnPage()
    const vehicles = new VehiclesPage(app.page)
    await vehicles.open()
    return vehicles
  }

  const director = await open('dir-dongli')
  await director.bookFreeWindow({ duty: '参与调处矛盾纠纷', note: '入户调解宅基地纠纷', town: '东里镇' })
  await director.tab('我的预约')
  await expect(director.row('入户调解宅基地纠纷')).toContainText('待审批')

  const leader = await open('lead-shiqiao')
  await leader.tab(/待审批/)
  await leader.row('入户调解宅基地纠纷').getByRole('button', { name: '审批' }).click()
  const decide = leader.page.getByRole('dialog', { name: '审批用车预约' })
  await decide.getByRole('button', { name: '批准', exact: true }).click()
  await expect(decide).toHaveCount(0)
  await leader.tab('用车日程')
  await expect(leader.row('入户调解宅基地纠纷')).toContainText('已批准')

  await director.page.reload()
  await director.tab('我的预约')
  await expect(director.row('入户调解宅基地纠纷')).toContainText('已批准')

  // The squad leader starts wartime in 石桥 and takes the vehicle for it.
  await leader.page.getByRole('menuitem', { name: '平战态势' }).click()
  await leader.page.getByRole('button', { name: '启动战时' }).click()
  const start = leader.page.getByRole('dialog', { name: '启动战时' })
  await pickAntdOption(start, '战时职责事项', '组织社区矫正对象群体性活动')
  await start.getByLabel('启动事由').fill('集中教育学习')
  await start.getByLabel('地点').fill('石桥镇')
  await start.getByRole('button', { name: '启动' }).click()
  await expect(leader.page.getByText('集中教育学习').first()).toBeVisible()
  await leader.open()
  await leader.bookForActivation({
    activation: /组织社区矫正对象群体性活动/,
    take: '东里司法所',
    note: '战时集中教育接送',
    town: '石桥镇',
  })

  // The director's page, left open, shows it at once.
  // both the page's banner and the pop-up notification carry it
  const notice = director.page.getByRole('alert').filter({ hasText: '用车预约已被战时征用' }).first()
  await expect(notice).toBeVisible()
  await expect(notice).toContainText('已被战时征用：战时集中教育接送')
  await expect(notice).toContainText('可改约空闲时段')
  await expect(director.row('入户调解宅基地纠纷')).toContainText('已被战时征用')
  await expect(director.row('入户调解宅基地纠纷')).toContainText('战时征用：战时集中教育接送')

  // The schedule shows both: the wartime booking and the displaced one, nothing deleted.
  await leader.tab('用车日程')
  await expect(leader.row('战时集中教育接送').filter({ hasNotText: '入户调解宅基地纠纷' })).toContainText(
    '已批准',
  )
  await expect(leader.row('入户调解宅基地纠纷')).toContainText('已被战时征用')

  for (const c of contexts) await c.close()
})
