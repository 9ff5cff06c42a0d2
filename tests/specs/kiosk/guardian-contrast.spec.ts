import { type Browser, expect, type Page, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { FieldApp } from '../../pages/field/field.page.ts'
import { KioskApp } from '../../pages/kiosk/kiosk.page.ts'
import { KioskServices } from '../../pages/kiosk/services.page.ts'
import { expectAccessible, expectAccessibleBothModes } from '../../support/axe.ts'
import { idNumber } from '../../support/id-number.ts'

// Issue 14 at the kiosk's 1080×1920 screen: the high-contrast switch, guardian consent for an applicant
// under 14, the director unlocking a receipt that wrong secrets locked, and the squad's view of the
// day's appointments (console and field app).

const console_ = async (browser: Browser, username: string): Promise<AdminApp> => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  const admin = new AdminApp(await context.newPage())
  await admin.login(username)
  await admin.verifyOnPage()
  return admin
}

const bindKiosk = async (page: Page, admin: AdminApp, label: string): Promise<KioskServices> => {
  const code = await admin.registerKiosk(label)
  const kiosk = new KioskApp(page)
  await kiosk.goto()
  await expectAccessibleBothModes(page, 'bind')
  await kiosk.bind(code)
  await kiosk.verifyOnPage('南麻司法所')
  return new KioskServices(page)
}

/** A tRPC call from inside a page (its cookies, its origin). */
const call = (page: Page, path: string, body: unknown) =>
  page.evaluate(
    async ({ path, body }) => {
      const res = await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pingzhan-csrf': '1' },
        body: JSON.stringify(body),
      })
      const json = await res.json()
      if (json.error) throw new Error(JSON.stringify(json.error))
      return json.result.data
    },
    { path, body },
  )

test('high contrast: the switch repaints every screen in the AAA palette (axe with colour contrast in both modes); an applicant under 14 needs the guardian, and the office sees the guardian in the queue', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const admin = await console_(browser, 'dir-nanma')
  const k = await bindKiosk(page, admin, '监护人测试终端')
  await expectAccessibleBothModes(page, 'welcome')

  const high = k.button('高对比度')
  await expect(high).toHaveAttribute('aria-pressed', 'false')
  await high.tap()
  await expect(high).toHaveAttribute('aria-pressed', 'true')
  const colours = () =>
    page.evaluate(() => {
      const s = getComputedStyle(document.documentElement)
      const bar = getComputedStyle(document.querySelector('.bar') as Element)
      return { bg: s.backgroundColor, ink: s.color, bar: bar.backgroundColor }
    })
  expect(await colours()).toEqual({ bg: 'rgb(0, 0, 0)', ink: 'rgb(255, 255, 255)', bar: 'rgb(0, 0, 0)' })

  // mediation, in high contrast: the notice, then the form
  await page.getByRole('button', { name: '申请人民调解' }).tap()
  await expect(page.getByRole('heading', { name: '个人信息告知' })).toBeVisible()
  await expect(page.getByText(/监护人的姓名、与申请人的关系、身份证号和手机号码/)).toBeVisible()
  await expectAccessibleBothModes(page, 'mediation notice')
  await page.getByLabel('我已阅读并同意上述告知').check()
  await page.getByLabel('我单独同意处理身份证号这一敏感个人信息').check()
  await k.button('下一步').tap()
  await expect(page.getByRole('heading', { name: '填写调解申请' })).toBeVisible()
  await expect(page.getByRole('heading', { name: '监护人信息' })).toHaveCount(0)
  await page.getByLabel('申请人姓名').fill('张小明测试')
  await page.getByLabel('手机号码', { exact: true }).fill('13800138002')
  await page.getByLabel('身份证号', { exact: true }).fill(idNumber('370323', '20160501', '021'))
  // the ID number shows a child: the guardian section opens
  await expect(page.getByRole('heading', { name: '监护人信息' })).toBeVisible()
  await page.getByLabel('纠纷概要').fill('同学之间发生推搡，孩子受伤，双方家长协商医药费未果')
  await page.getByLabel('对方当事人').fill('李某某家长')
  await page.getByRole('button', { name: '提交申请' }).tap()
  await expect(page.getByText('申请人未满十四周岁，请填写监护人姓名')).toBeVisible()
  await expect(page.getByText('请选择监护人与申请人的关系')).toBeVisible()
  await expect(page.getByText(/需要监护人勾选同意/)).toBeVisible()
  await expect(page.getByLabel('监护人姓名')).toBeFocused()
  await expectAccessibleBothModes(page, 'mediation form with the guardian section and its errors')

  await page.getByLabel('监护人姓名').fill('张建国测试')
  await k.answer('监护人与申请人的关系', '父亲')
  await page.getByLabel('监护人身份证号').fill(idNumber('370323', '19850101', '011'))
  await page.getByLabel('监护人手机号码').fill('13900139002')
  await page.getByLabel('我是申请人的监护人，同意处理该未成年人的上述个人信息').check()
  await page.getByRole('button', { name: '提交申请' }).tap()
  await expect(page.getByRole('heading', { name: '申请已提交' })).toBeVisible()
  const { receiptNo } = await k.receipt()
  await expectAccessibleBothModes(page, 'receipt')
  // the screen stays high-contrast until the resident is done; 完成 clears it with everything else
  await expect(high).toHaveAttribute('aria-pressed', 'true')
  await k.button('完成').tap()
  await expect(k.button('高对比度')).toHaveAttribute('aria-pressed', 'false')
  expect(await page.evaluate(() => document.documentElement.dataset.contrast ?? null)).toBeNull()

  // the office sees who applied and consented for the child
  await admin.open('受理队列')
  const row = admin.intakeRow(receiptNo)
  await expect(row).toContainText('张小明测试')
  await expect(row).toContainText('未满14周岁')
  await expect(row.getByTestId('intake-guardian')).toContainText(
    '监护人 张建国测试（父亲）139****9002，已同意',
  )
  await expect(row).not.toContainText('13900139002')
})

test('a receipt locked by wrong secrets: the kiosk says so; the director unlocks it in the queue with a reason; the resident’s own secret works again', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const admin = await console_(browser, 'dir-nanma')
  const k = await bindKiosk(page, admin, '解锁测试终端')
  const kiosk = new KioskApp(page)
  await kiosk.startMediation()
  await kiosk.fill({
    applicantName: `锁定测试${Date.now() % 100000}`,
    phone: '13800138003',
    idNumber: idNumber('370323', '19700101', '051'),
    summary: '邻居装修噪音影响休息，多次沟通无果，请求调解',
    otherParty: '王五',
  })
  await kiosk.submit()
  const { receiptNo, secret } = await k.receipt()
  await k.button('完成').tap()

  await k.button('查询办理进度').tap()
  const wrong = secret === '00000000' ? '11111111' : '00000000'
  await page.getByLabel('受理编号').fill(receiptNo)
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('查询码').fill(wrong)
    await k.button('查询').tap()
    await expect(page.getByRole('alert')).toContainText(i < 4 ? '受理编号或查询码不正确' : '已锁定')
  }
  await page.getByLabel('查询码').fill(secret)
  await k.button('查询').tap()
  await expect(page.getByRole('alert')).toContainText('已锁定')
  await expectAccessibleBothModes(page, 'status lookup: locked')

  await admin.open('受理队列')
  const row = admin.intakeRow(receiptNo)
  await expect(row).toContainText('查询码已锁定')
  await row.getByRole('button', { name: `解锁 ${receiptNo}` }).click()
  const dialog = admin.page.getByRole('dialog', { name: '解锁查询码' })
  await dialog.getByRole('button', { name: '解锁' }).click()
  await expect(dialog.getByText('请填写解锁原因')).toBeVisible()
  await dialog.getByLabel('解锁原因').fill('已核验申请人居民身份证')
  await dialog.getByRole('button', { name: '解锁' }).click()
  await expect(dialog).toBeHidden()
  await expect(row).not.toContainText('查询码已锁定')

  await page.getByLabel('查询码').fill(secret)
  await k.button('查询').tap()
  await expect(page.getByRole('status')).toContainText('等待司法所受理')
  await expectAccessibleBothModes(page, 'status lookup: result')
})

test('the squad sees today’s appointments of its towns: the leader in the console and the staff on the phone, read only; another squad sees none', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  // a slot a little later today (Beijing time), booked at the kiosk
  const beijing = new Date(Date.now() + 8 * 3600_000)
  test.skip(
    beijing.getUTCHours() * 60 + beijing.getUTCMinutes() >= 23 * 60 + 30,
    'no slot can be opened for later today after 23:30 Beijing time',
  )
  const now = new Date(beijing.getTime() + 15 * 60_000)
  const start = `${String(now.getUTCHours()).padStart(2, '0')}:${String(Math.floor(now.getUTCMinutes() / 5) * 5).padStart(2, '0')}`
  const today = now.toISOString().slice(0, 10)
  const director = await console_(browser, 'dir-nanma')
  await bindKiosk(page, director, '今日预约测试终端')
  await call(director.page, 'appointment.addSlots', { day: today, times: [start], minutes: 10 })
  const free = (await call(page, 'kiosk.freeSlots', null)) as Array<{
    id: string
    day: string
    startsAt: string
  }>
  const slot = free.find((s) => s.day === today && new Date(s.startsAt).getTime() > Date.now())
  if (!slot) throw new Error('the slot is not offered at the kiosk')
  const name = `今日预约测试${Date.now() % 100000}`
  await call(page, 'kiosk.book', {
    key: `today-${Date.now()}`,
    slotId: slot.id,
    applicantName: name,
    phone: '13600136001',
    topic: '劳动用工',
    consent: true,
  })

  // the 鲁村 squad leader in the console: today's list by default, no slot management
  const lead = await console_(browser, 'lead-lucun')
  await lead.page.getByRole('menuitem', { name: '咨询预约' }).click()
  await expect(lead.page.getByText('辖区司法所当天的法律咨询预约（只读）')).toBeVisible()
  await expect(lead.page.getByTestId(`slot-row-${start}`)).toContainText(name)
  await expect(lead.page.getByTestId(`slot-row-${start}`)).toContainText('136****6001')
  await expect(lead.page.getByRole('button', { name: '添加可预约时段' })).toHaveCount(0)
  await expect(lead.page.getByRole('button', { name: '删除' })).toHaveCount(0)

  // 鲁村 squad staff on the phone
  const phoneContext = await browser.newContext({
    viewport: { width: 393, height: 851 },
    hasTouch: true,
    isMobile: true,
  })
  const field = new FieldApp(await phoneContext.newPage())
  await field.login('staff-lucun-2')
  await field.verifyOnPage()
  await field.page.getByRole('button', { name: /今日咨询预约/ }).tap()
  await expect(field.page.getByRole('heading', { name: '今日咨询预约' })).toBeVisible()
  const list = field.page.getByRole('list', { name: '今日咨询预约' })
  await expect(list).toContainText(name)
  await expect(list).toContainText('南麻司法所')
  await expect(list).toContainText('劳动用工')
  await expect(list).not.toContainText('13600136001')
  await expectAccessible(field.page, 'field: today’s appointments')
  await expect(field.page.getByRole('button', { name: /删除|取消|添加/ })).toHaveCount(0)

  // 西里 squad staff: none of 鲁村's
  const other = new FieldApp(
    await (await browser.newContext({ viewport: { width: 393, height: 851 }, hasTouch: true })).newPage(),
  )
  await other.login('staff-xili-1')
  await other.verifyOnPage()
  await other.page.getByRole('button', { name: /今日咨询预约/ }).tap()
  await expect(other.page.getByRole('heading', { name: '今日咨询预约' })).toBeVisible()
  await expect(other.page.getByText(name)).toHaveCount(0)
})

test('legal aid for a child: the guardian applies — a child’s relations, the guardian’s phone and consent are asked; the office sees the guardian', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const admin = await console_(browser, 'dir-nanma')
  const k = await bindKiosk(page, admin, '未成年法援测试终端')
  await k.startLegalAid()
  await k.button('要赡养费、抚养费、扶养费').tap()
  await k.answer('您是替谁申请？', '监护人代未成年人或没有行为能力的家人申请')
  await k.answer(/现在是否被羁押/, '否')
  await k.answer('这件事是否已经请了律师或其他代理人？', '否')
  await k.answer('是否属于下列情形？', '都不是')
  await k.answer('申请人是否属于下列人员？', '都不是')
  await k.answer('申请人家庭经济是否困难？', '困难')
  await k.answer(/是否有紧急情况/, '否')
  await k.button('查看初步判断').tap()
  await k.button('继续申请').tap()
  await expect(page.getByRole('heading', { name: '申请人信息' })).toBeVisible()
  await page.getByLabel('申请人姓名', { exact: true }).fill('刘小雨测试')
  await page.getByLabel('联系电话（手机）', { exact: true }).fill('13700137002')
  await page.getByLabel('申请人身份证号', { exact: true }).fill(idNumber('370323', '20170303', '042'))
  await page.getByLabel('简要情况').fill('父亲离婚后不支付抚养费，母亲代为申请。')
  await expect(page.getByText('申请人未满十四周岁，由父母或其他监护人代为申请。')).toBeVisible()
  // a child's guardians, not an adult's agents
  const relation = page.getByRole('group', { name: '与申请人的关系' })
  await expect(relation.getByRole('button', { name: '祖父母', exact: true })).toBeVisible()
  await expect(relation.getByRole('button', { name: '配偶', exact: true })).toHaveCount(0)
  await k.button('下一步').tap()
  await expect(page.getByText('请填写监护人手机号码')).toBeVisible()
  await expect(page.getByText(/需要监护人勾选同意/)).toBeVisible()
  await expectAccessibleBothModes(page, 'legal aid: a child’s guardian with errors')
  await page.getByLabel('代为申请人姓名').fill('王芳测试')
  await k.answer('与申请人的关系', '母亲')
  await page.getByLabel('代为申请人身份证号').fill(idNumber('370323', '19880808', '062'))
  await page.getByLabel('监护人手机号码').fill('13900139003')
  await page.getByLabel('我是申请人的监护人，同意处理该未成年人的个人信息').check()
  await k.button('下一步').tap()
  await expect(page.getByRole('heading', { name: '请确认后提交' })).toBeVisible()
  await expect(page.getByText('王芳测试（母亲）')).toBeVisible()
  await k.button('提交法律援助申请').tap()
  const { receiptNo } = await k.receipt()

  await admin.open('受理队列')
  const row = admin.intakeRow(receiptNo)
  await expect(row).toContainText('法律援助')
  await expect(row.getByTestId('intake-guardian')).toContainText('监护人 王芳测试（母亲）139****9003，已同意')
})
