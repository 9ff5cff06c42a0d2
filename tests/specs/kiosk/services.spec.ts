import { type Browser, expect, type Page, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { KioskApp } from '../../pages/kiosk/kiosk.page.ts'
import { KioskServices } from '../../pages/kiosk/services.page.ts'
import {
  expectAccessibleBothModes as expectAccessible,
  expectAccessible as expectAccessibleAsIs,
} from '../../support/axe.ts'
import { idNumber } from '../../support/id-number.ts'

// Issue 14: the kiosk's public services end to end at the kiosk's own 1080×1920 touch screen, with
// axe-core on every screen a resident passes through.

const director = async (browser: Browser, username = 'dir-nanma'): Promise<AdminApp> => {
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
  await kiosk.bind(code)
  await kiosk.verifyOnPage('南麻司法所')
  return new KioskServices(page)
}

test('legal aid: notice with separate consent → matter → situation → plain-Chinese pre-check and checklist → applicant → receipt with QR; the director registers it; the public page shows its stage', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  await KioskServices.spyOnSpeech(page)
  const admin = await director(browser)
  const k = await bindKiosk(page, admin, '法援测试终端')
  await expectAccessible(page, 'welcome')

  await k.startLegalAid()
  await expectAccessible(page, 'legal aid: matter')
  await k.button('讨要工资、确认劳动关系').tap()
  await expect(page.getByRole('heading', { name: '您的情况' })).toBeVisible()
  const next = k.button('查看初步判断')
  await expect(next).toBeDisabled()
  await k.answer('您是替谁申请？', '为自己申请')
  await k.answer(/现在是否被羁押/, '否')
  await k.answer('这件事是否已经请了律师或其他代理人？', '否')
  await k.answer('是否属于下列情形？', '都不是')
  await k.answer('申请人是否属于下列人员？', '进城务工人员，讨要工资或工伤赔偿')
  await k.answer(/是否有紧急情况/, '否')
  await expectAccessible(page, 'legal aid: situation')
  await next.tap()

  await expect(page.getByRole('heading', { name: '初步判断' })).toBeVisible()
  await expect(page.getByText('您的情形符合申请法律援助的条件')).toBeVisible()
  await expect(page.getByText(/第四十二条第三项.*免予核查经济困难状况/)).toBeVisible()
  await expect(page.getByText(/七日内作出是否给予法律援助的决定/)).toBeVisible()
  const idCard = k.button(/申请人的居民身份证/)
  await expect(idCard).toHaveAttribute('aria-pressed', 'false')
  await idCard.tap()
  await expect(idCard).toHaveAttribute('aria-pressed', 'true')
  await expect(k.button(/进城务工的证明/)).toContainText('未带')
  await expectAccessible(page, 'legal aid: pre-check')

  // read aloud: the screen's own text, in Chinese
  await k.button('朗读本页').tap()
  const spoken = await k.spoken()
  expect(spoken.at(-1)?.lang).toBe('zh-CN')
  expect(spoken.at(-1)?.text).toContain('初步判断')
  expect(spoken.at(-1)?.text).toContain('需要准备的材料')

  await k.button('继续申请').tap()
  await expect(page.getByRole('heading', { name: '申请人信息' })).toBeVisible()
  await k.button('下一步').tap()
  await expect(page.getByText('请填写申请人姓名（至少2个字）')).toBeVisible()
  await page.getByLabel('申请人姓名').fill('赵建设测试')
  await page.getByLabel('联系电话（手机）').fill('13700137000')
  await page.getByLabel('申请人身份证号').fill(idNumber('370323', '19750505', '031'))
  await page.getByLabel('简要情况').fill('在工地干了八个月，老板拖欠工资三万元不给。')
  await expectAccessible(page, 'legal aid: applicant')
  await k.button('下一步').tap()
  await expect(page.getByRole('heading', { name: '请确认后提交' })).toBeVisible()
  await expectAccessible(page, 'legal aid: confirm')
  await k.button('提交法律援助申请').tap()

  await expect(page.getByRole('heading', { name: '法律援助申请已提交' })).toBeVisible()
  const { receiptNo, secret } = await k.receipt()
  expect(receiptNo).toMatch(/^FY\d{8}-[2-9A-Z]{6}$/)
  expect(secret).toMatch(/^\d{8}$/)
  await expect(page.getByRole('img', { name: '查询办理进度的二维码' }).locator('svg')).toBeVisible()
  await expect(page.getByText(`/kiosk/status?no=${receiptNo}`)).toBeVisible()
  await expect(k.button('打印回执')).toBeVisible()
  // the printed receipt is the ticket alone, on 80 mm paper
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.bar')).toBeHidden()
  await expect(k.button('打印回执')).toBeHidden()
  const width = await page.locator('#ticket').evaluate((el) => el.getBoundingClientRect().width)
  expect(width).toBeLessThanOrEqual(Math.ceil((74 / 25.4) * 96) + 1)
  await page.emulateMedia({ media: 'screen' })
  await expectAccessible(page, 'receipt')
  await k.button('完成').tap()
  await expect(k.button('申请法律援助')).toBeVisible()

  // the director finds it in the queue and registers it; the 7 days count from the kiosk receipt
  await admin.open('受理队列')
  const row = admin.intakeRow(receiptNo)
  await expect(row).toContainText('法律援助')
  await expect(row).toContainText('赵建设测试')
  await row.getByRole('button', { name: '受理为法律援助申请' }).click()
  const dialog = admin.page.getByRole('dialog')
  await expect(dialog).toContainText('进城务工人员')
  await expect(dialog).toContainText('计入七日期限')
  await admin.pickOption('承办人员', '鲁村中队队员一')
  await dialog.getByRole('button', { name: '登记到法律援助台账' }).click()
  await expect(dialog).toBeHidden()

  // the public status page (the QR code's target) asks for the same secret and shows only the stage
  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage()
  await phone.goto(`/kiosk/status?no=${receiptNo}`)
  await expect(phone.getByRole('heading', { name: '查询办理进度' })).toBeVisible()
  await expect(phone.getByLabel('受理编号')).toHaveValue(receiptNo)
  await expectAccessible(phone, 'public status page')
  await phone.getByLabel('查询码').fill('00000000')
  await phone.getByRole('button', { name: '查询' }).click()
  await expect(phone.getByRole('alert')).toContainText('受理编号或查询码不正确')
  await phone.getByLabel('查询码').fill(secret)
  await phone.getByRole('button', { name: '查询' }).click()
  await expect(phone.getByRole('status')).toContainText('司法所已受理：已接收')
  await expect(phone.getByRole('status')).toContainText('县法律援助中心应在')
  await expect(phone.getByRole('status')).not.toContainText('赵建设测试')
  await expectAccessible(phone, 'public status result')

  // and at the kiosk
  await k.button('查询办理进度').tap()
  await page.getByLabel('受理编号').fill(receiptNo)
  await page.getByLabel('查询码').fill(secret)
  await expectAccessible(page, 'kiosk status lookup')
  await k.button('查询').tap()
  await expect(page.getByRole('status')).toContainText('法律援助申请')
})

test('a network drop while submitting: the form stays, the submission is retried with the same key, one request is created', async ({
  page,
  browser,
}) => {
  const admin = await director(browser)
  await bindKiosk(page, admin, '断网测试终端')
  const kiosk = new KioskApp(page)
  await kiosk.startMediation()
  const name = `断网测试${Date.now() % 100000}`
  await kiosk.fill({
    applicantName: name,
    phone: '13800138001',
    idNumber: idNumber('370323', '19800101', '123'),
    summary: '邻居在院墙边堆放杂物，堵塞通道，多次协商未果',
    otherParty: '李四',
  })
  // the first submission reaches the server, but its answer is lost; the network is then down
  let sent = 0
  await page.route('**/trpc/kiosk.submitMediation**', async (route) => {
    sent++
    if (sent === 1) {
      await route.fetch()
      await page.context().setOffline(true)
      await route.abort('internetdisconnected')
      return
    }
    await route.continue()
  })
  await kiosk.submit()
  await expect(page.getByRole('status').filter({ hasText: '网络暂时中断' })).toBeVisible()
  await expect(page.getByLabel('申请人姓名')).toHaveValue(name)
  await expect(page.getByLabel('纠纷概要')).toHaveValue('邻居在院墙边堆放杂物，堵塞通道，多次协商未果')
  await page.context().setOffline(false)
  const receiptNo = await kiosk.receiptNo()
  expect(sent).toBeGreaterThanOrEqual(2)

  // exactly one request in the queue
  await admin.open('受理队列')
  await expect(admin.intakeRow(receiptNo)).toBeVisible()
  await expect(admin.page.getByRole('row').filter({ hasText: name })).toHaveCount(1)
})

test('idle: a warning, then a full reset that clears the screen, the font size, high contrast and all browser storage', async ({
  page,
  browser,
}) => {
  const admin = await director(browser)
  const code = await admin.registerKiosk('空闲测试终端')
  await page.goto('/kiosk/?idle=6')
  await new KioskApp(page).bind(code)
  const k = new KioskServices(page)
  await k.button('字号特大').tap()
  await expect(k.button('字号特大')).toHaveAttribute('aria-pressed', 'true')
  await k.button('高对比度').tap()
  await expect(k.button('高对比度')).toHaveAttribute('aria-pressed', 'true')
  await page.evaluate(async () => {
    localStorage.setItem('left', 'behind')
    sessionStorage.setItem('left', 'behind')
    await new Promise<void>((resolve) => {
      const open = indexedDB.open('leftover', 1)
      open.onupgradeneeded = () => open.result.createObjectStore('s')
      open.onsuccess = () => {
        open.result.close()
        resolve()
      }
    })
    await caches.open('leftover')
  })
  await k.startLegalAid()
  await k.button('要赡养费、抚养费、扶养费').tap()
  await expect(page.getByRole('alertdialog')).toContainText('秒后将清除已填写的内容并返回首页')
  // as it is (high contrast): switching palettes here would race the reset the countdown is about to do
  await expectAccessibleAsIs(page, 'idle warning (high contrast)')
  await expect(k.button('申请法律援助')).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('heading', { name: '您的情况' })).toHaveCount(0)
  await expect(k.button('字号标准')).toHaveAttribute('aria-pressed', 'true')
  await expect(k.button('高对比度')).toHaveAttribute('aria-pressed', 'false')
  const left = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    dbs: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    font: document.documentElement.dataset.font,
    contrast: document.documentElement.dataset.contrast ?? null,
  }))
  expect(left).toEqual({ local: 0, session: 0, dbs: [], caches: [], font: '0', contrast: null })
})

test('appointments: the director opens a slot, a resident books it at the kiosk and gets a receipt, the director and the squad see it, the resident cancels with receipt + secret', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const admin = await director(browser)
  const k = await bindKiosk(page, admin, '预约测试终端')
  const tomorrow = new Date(Date.now() + 86_400_000)
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(tomorrow)

  await admin.page.getByRole('menuitem', { name: '咨询预约' }).click()
  await admin.page.getByRole('button', { name: '添加可预约时段' }).click()
  const dialog = admin.page.getByRole('dialog')
  await dialog.getByLabel('日期').fill(day)
  await dialog.getByLabel('日期').press('Enter')
  await admin.pickOption('开始时间', '09:00')
  await admin.page.keyboard.press('Escape')
  await dialog.getByRole('button', { name: '添加' }).click()
  await expect(dialog).toBeHidden()

  await k.button('预约法律咨询').tap()
  await expectAccessible(page, 'appointment menu')
  await k.button('预约时间').tap()
  await expect(page.getByRole('heading', { name: '选择日期' })).toBeVisible()
  const dayButton = k.button(new RegExp(`${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`))
  await expectAccessible(page, 'appointment: day')
  await dayButton.tap()
  await k.button('09:00–09:30').tap()
  await expectAccessible(page, 'appointment: topic')
  await k.answer('咨询事项', '继承赡养')
  await page.getByLabel('姓名').fill('孙大妈测试')
  await page.getByLabel('手机号码').fill('13600136000')
  await expect(k.button('确认预约')).toBeDisabled()
  await page.getByLabel('我已阅读并同意上述告知').check()
  await expectAccessible(page, 'appointment: details')
  await k.button('确认预约').tap()
  await expect(page.getByRole('heading', { name: '预约成功' })).toBeVisible()
  const { receiptNo, secret } = await k.receipt()
  expect(receiptNo).toMatch(/^YY/)
  await expect(page.getByText(/09:00–09:30/)).toBeVisible()
  await k.button('完成').tap()

  // the director's day, and the 鲁村 squad leader's
  await admin.page.getByLabel('日期').first().fill(day)
  await admin.page.getByLabel('日期').first().press('Enter')
  await expect(admin.page.getByTestId('slot-row-09:00')).toContainText('孙大妈测试')
  await expect(admin.page.getByTestId('slot-row-09:00')).toContainText('继承赡养')
  const lead = await director(browser, 'lead-lucun')
  await lead.page.getByRole('menuitem', { name: '咨询预约' }).click()
  await lead.page.getByLabel('日期').fill(day)
  await lead.page.getByLabel('日期').press('Enter')
  await expect(lead.page.getByTestId('slot-row-09:00')).toContainText('孙大妈测试')
  await expect(lead.page.getByRole('button', { name: '添加可预约时段' })).toHaveCount(0)

  // cancel at the kiosk: a wrong secret first
  await k.button('预约法律咨询').tap()
  await k.button('取消已有预约').tap()
  await page.getByLabel('受理编号').fill(receiptNo)
  await page.getByLabel('查询码').fill('00000000')
  await k.button('取消这个预约').tap()
  await expect(page.getByRole('alert')).toContainText('受理编号或查询码不正确')
  await page.getByLabel('查询码').fill(secret)
  await expectAccessible(page, 'appointment: cancel')
  await k.button('取消这个预约').tap()
  await expect(page.getByRole('status')).toContainText('预约已取消')
  await admin.page.reload()
  await admin.page.getByLabel('日期').first().fill(day)
  await admin.page.getByLabel('日期').first().press('Enter')
  await expect(admin.page.getByTestId('slot-row-09:00')).toContainText('空闲')
})
