import { expect, type Page } from '@playwright/test'
import type { AdminApp } from './admin.page.ts'

/** 安置帮教 in the admin console: the register of released prisoners, a person's page and its dialogs. */
export class ResettlementPage {
  readonly app: AdminApp
  readonly page: Page
  constructor(app: AdminApp) {
    this.app = app
    this.page = app.page
  }

  async open() {
    await this.page.getByRole('menuitem', { name: '安置帮教' }).click()
    await this.verifyOnPage()
  }

  async verifyOnPage() {
    await expect(this.page.getByRole('heading', { name: '安置帮教', exact: true })).toBeVisible()
  }

  /** 登记释放通知; lands on the person's page (a late notice shows a warning first). */
  async registerNotice(p: {
    name: string
    idNumber: string
    category: string
    town: string
    prison: string
    noticeOn: string
    releaseOn: string
  }) {
    await this.page.getByRole('button', { name: '登记释放通知' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('姓名').fill(p.name)
    await dialog.getByLabel('身份证号').fill(p.idNumber)
    await this.app.pickOption('帮教类别', p.category)
    await this.app.pickOption('居住镇街', p.town)
    await dialog.getByLabel('释放单位（监狱）').fill(p.prison)
    await dialog.getByLabel('收到通知日期').fill(p.noticeOn)
    await dialog.getByLabel('释放日期').fill(p.releaseOn)
    await dialog.getByRole('button', { name: '登记' }).click()
    await expect(this.page.getByRole('heading', { name: `${p.name}（${p.category}）` })).toBeVisible()
  }

  async openReleasee(name: string) {
    await this.page.getByTestId(`releasee-row-${name}`).getByRole('link', { name }).click()
    await expect(this.page.getByRole('heading', { name: new RegExp(`^${name}（`) })).toBeVisible()
  }

  async recordStep(kind: string, fields: Record<string, string>) {
    await this.page.getByRole('button', { name: '登记帮教事项' }).click()
    await this.app.pickOption('事项', kind)
    const dialog = this.page.getByRole('dialog')
    for (const [label, value] of Object.entries(fields))
      await dialog.getByLabel(label, { exact: true }).fill(value)
    await dialog.getByRole('button', { name: '登记' }).click()
    await expect(dialog).toBeHidden()
  }

  obligation(key: string) {
    return this.page.getByTestId(`releasee-obligation-${key}`)
  }
}
