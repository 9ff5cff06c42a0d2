import { expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { LegalAidPage } from '../../pages/admin/legal-aid.page.ts'
import { TaskBoardPage } from '../../pages/admin/task-board.page.ts'

const shanghaiToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)

/**
 * 法律援助: a director takes an application with missing materials, which are listed once (法43) and
 * pause the 7-day decision clock; once supplied, the clock runs from the supply date, the application
 * is forwarded to the county legal aid centre, and the task it produced is done.
 */
test('a legal-aid application with missing materials: one notice, a paused clock, then the 7-day decision clock', async ({
  page,
}) => {
  const director = new AdminApp(page)
  await director.login('dir-nanma')
  await director.verifyOnPage()
  await expect(page.getByText('司法所业务')).toBeVisible()
  const register = new LegalAidPage(page)
  await register.open()

  const applicant = `刘七${Date.now().toString(36).slice(-4)}`
  const today = shanghaiToday()
  await register.register({
    applicant,
    summary: '在建筑工地务工，被拖欠工资三个月，共计一万二千元',
    hardshipWaiver: '进城务工人员',
    missingMaterials: ['劳动合同或工资欠条', '身份证复印件'],
    materialsDue: plusDays(today, 5),
    handler: '鲁村中队队员一',
  })

  const row = register.row(applicant)
  await expect(row).toContainText('待补充材料')
  await expect(row).toContainText('补充材料期间暂停计时')
  await row.getByRole('button').first().click()
  const drawer = register.drawer
  await expect(drawer.getByText(/已一次性告知补充材料，补充期间暂停计时/)).toBeVisible()
  await expect(drawer.getByText(/^劳动合同或工资欠条、身份证复印件（.* 告知/)).toBeVisible()
  await expect(drawer.getByText('申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员')).toBeVisible()
  // listed once: no second notice is offered
  await expect(drawer.getByRole('button', { name: '一次性告知补充材料' })).toHaveCount(0)

  await drawer.getByRole('button', { name: '材料已补齐' }).click()
  const clock = drawer.getByText(
    /县法律援助中心应在 \d{4}-\d{2}-\d{2} 前作出是否给予法律援助的决定，还剩 \d+ 天/,
  )
  await expect(clock).toBeVisible()
  const [, deadline = '', left = ''] =
    (await clock.innerText()).match(/应在 (\d{4}-\d{2}-\d{2}) 前.*还剩 (\d+) 天/) ?? []
  // 七日内, the day of receipt not counted; a last day on a rest day rolls to the next working day
  expect(deadline >= plusDays(today, 7)).toBe(true)
  expect(deadline <= plusDays(today, 17)).toBe(true)
  expect(Number(left)).toBe(daysBetween(today, deadline))
  await expect(drawer.getByText('状态：待补充材料 → 已接收')).toBeVisible()

  await drawer.getByRole('button', { name: '转交县法律援助中心' }).click()
  await expect(drawer.getByText('已转交法律援助中心').first()).toBeVisible()
  await expect(drawer.getByText('转交县法律援助中心', { exact: true })).toBeVisible()
  // by keyboard: the success toast can sit over the close button, and a pointer on it keeps it there
  await drawer.getByRole('button', { name: '关闭' }).press('Enter')
  await expect(drawer).toBeHidden()
  await expect(row).toContainText('已转交法律援助中心')

  // the intake task it produced (duty ④) is done
  // the board opens on 未完成: finished work is under 已完成
  const board = new TaskBoardPage(director)
  await board.open()
  await board.showStatus('已完成')
  const task = page.locator('[data-testid^="task-row-"]').filter({ hasText: applicant })
  await expect(task).toContainText('已完成')
})
