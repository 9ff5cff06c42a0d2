// Issue 17: against the server with the living demo county (PINGZHAN_DEMO_DATA=1), every demo role
// signs in and finds its 工作台 populated: unfinished work, something overdue or due today in the
// list, and for directors kiosk requests waiting in the queue. Squad staff also find their tasks in
// the field app.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { HomePage } from '../../pages/admin/home.page.ts'
import { FieldApp } from '../../pages/field/field.page.ts'

const WITH_TASKS = [
  'admin',
  'brigade',
  'liaison-lucun',
  'lead-xili',
  'staff-shiqiao-2',
  'dir-nanma',
  'dir-yuezhuang',
]

for (const username of WITH_TASKS) {
  test(`${username}: 工作台 opens on work to do today`, async ({ page }) => {
    const admin = new AdminApp(page)
    await admin.login(username)
    await admin.verifyOnPage()
    const home = new HomePage(page)
    await home.verifyOnPage()
    await expect(home.statistic('待办任务')).not.toHaveText('0')
    await expect(home.statistic('待办任务')).not.toHaveText('—')
    const list = home.dueSoon()
    await expect(list.getByRole('listitem').first()).toBeVisible()
    await expect(list.getByText('暂无未办结的任务')).toHaveCount(0)
    // nearest the deadline first: the top of the list is overdue or due by tonight
    const first = list.getByRole('listitem').first()
    await expect(first.getByText(/已逾期|截止 /).first()).toBeVisible()
    if (username.startsWith('dir-') || username === 'admin') {
      await expect(home.statistic('待受理的调解申请')).not.toHaveText('0')
    }
  })
}

// The roles without tasks (issue 17): each opens on what it has to look at today.
test('auditor: 工作台 opens on today’s audit, sign-ins and the verified chain', async ({ page }) => {
  const admin = new AdminApp(page)
  await admin.login('auditor')
  const home = new HomePage(page)
  await home.verifyOnPage()
  await expect(home.statistic('审计链校验')).toHaveText('完整')
  await expect(page.getByText(/已校验 \d+ 条记录的 HMAC 链/)).toBeVisible()
  for (const title of ['今日操作审计', '今日登录记录', '今日登录失败']) {
    await expect(home.statistic(title)).not.toHaveText('—')
    await expect(home.statistic(title)).not.toHaveText('0')
  }
  // the demo's morning: staff-xili-3 mistyped the password twice, someone tried an unknown account
  const failures = home.card('今日登录失败')
  await expect(failures.getByRole('listitem').filter({ hasText: 'staff-xili-3' })).toHaveCount(2)
  await expect(failures.getByRole('listitem').filter({ hasText: 'zhangsan' })).toHaveCount(1)
  await expect(home.card('最新操作').getByRole('listitem').first()).toBeVisible()
})

test('secadmin: 工作台 opens on accounts to look after, sessions and the security rules', async ({
  page,
}) => {
  const admin = new AdminApp(page)
  await admin.login('secadmin')
  const home = new HomePage(page)
  await home.verifyOnPage()
  await expect(home.statistic('待首次改密账号')).toHaveText('1')
  await expect(home.statistic('当前在线会话')).not.toHaveText('0')
  const accounts = home.card('需要关注的账号')
  await expect(accounts.getByRole('listitem').filter({ hasText: '西里中队新队员（演示）' })).toContainText(
    '待首次改密',
  )
  await expect(home.card('现行安全规则').getByRole('listitem').first()).toBeVisible()
})

test('dept-1: 工作台 opens on the department’s vehicle borrowings of today', async ({ page }) => {
  const admin = new AdminApp(page)
  await admin.login('dept-1')
  const home = new HomePage(page)
  await home.verifyOnPage()
  await expect(home.statistic('今日用车')).not.toHaveText('0')
  await expect(home.statistic('可借用的执法车辆')).toHaveText('3')
  const mine = home.card('我的借车')
  await expect(mine.getByRole('listitem').filter({ hasText: '鲁C·J1001' }).first()).toBeVisible()
  await expect(mine.getByText('暂无进行中的借车')).toHaveCount(0)
})

test('the populated 工作台 passes the accessibility check', async ({ page }) => {
  const admin = new AdminApp(page)
  await admin.login('dir-nanma')
  const home = new HomePage(page)
  await home.verifyOnPage()
  await expect(home.dueSoon().getByRole('listitem').first()).toBeVisible()
  // colour contrast included: the console's theme (apps/admin/src/lib/theme.ts) meets WCAG AA
  const result = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa']).analyze()
  expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])
})

test('squad staff find their tasks in the field app', async ({ page }) => {
  const field = new FieldApp(page)
  await field.login('staff-lucun-2')
  await field.verifyOnPage()
  await expect(page.getByRole('listitem').getByRole('link').first()).toBeVisible()
  await expect(page.getByText('暂无任务')).toHaveCount(0)
})
