import { expect, type Page } from '@playwright/test'
import { pickAntdOption } from './antd-select.ts'

export const DEMO_PASSWORD = 'Demo#2026'

/** The admin console, driven as a director or administrator would. */
export class AdminApp {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  async login(username: string, password = DEMO_PASSWORD) {
    await this.page.goto('/admin/')
    await this.page.getByLabel('用户名').fill(username)
    await this.page.getByLabel('密码').fill(password)
    await this.page.getByRole('button', { name: '登录', exact: true }).click()
  }

  async verifyOnPage() {
    await expect(this.page.getByRole('button', { name: '退出登录' })).toBeVisible()
  }

  async open(menu: '受理队列' | '任务' | '自助终端' | '审计日志' | '工作台') {
    await this.page.getByRole('menuitem', { name: menu }).click()
  }

  /** Registers a kiosk for the director's own office and returns the one-time code. */
  async registerKiosk(label: string): Promise<string> {
    await this.open('自助终端')
    await this.page.getByRole('button', { name: '登记终端' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('设备名称').fill(label)
    await dialog.getByRole('button', { name: '确定' }).click()
    const code = this.page.getByTestId('activation-code')
    await expect(code).toBeVisible()
    const text = (await code.innerText()).trim()
    await this.page.getByRole('button', { name: '完成' }).click()
    return text
  }

  intakeRow(receiptNo: string) {
    return this.page.getByTestId(`intake-row-${receiptNo}`)
  }

  /** Picks an option of an antd Select in the open dialog by its visible text (see pickAntdOption). */
  async pickOption(label: string, optionText: string | RegExp) {
    await pickAntdOption(this.page.getByRole('dialog'), label, optionText)
  }
}
