import { expect, type Page } from '@playwright/test'
import type { AdminApp } from './admin.page.ts'

/** 社区矫正 in the admin console: the list, a supervisee's page and its dialogs. */
export class CorrectionsPage {
  readonly app: AdminApp
  readonly page: Page
  constructor(app: AdminApp) {
    this.app = app
    this.page = app.page
  }

  async open() {
    await this.page.getByRole('menuitem', { name: '社区矫正' }).click()
    await this.verifyOnPage()
  }

  async verifyOnPage() {
    await expect(this.page.getByRole('heading', { name: '社区矫正', exact: true })).toBeVisible()
  }

  async register(p: { name: string; idNumber: string; type: string; town: string }) {
    await this.page.getByRole('button', { name: '登记对象' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('姓名').fill(p.name)
    await dialog.getByLabel('身份证号').fill(p.idNumber)
    await this.app.pickOption('矫正类别', p.type)
    await this.app.pickOption('居住镇街', p.town)
    await dialog.getByRole('button', { name: '登记' }).click()
    await expect(this.page.getByRole('heading', { name: `${p.name}（${p.type}）` })).toBeVisible()
  }

  async openSupervisee(name: string) {
    await this.page.getByTestId(`supervisee-row-${name}`).getByRole('link', { name }).click()
    await expect(this.page.getByRole('heading', { name: new RegExp(`^${name}（`) })).toBeVisible()
  }

  /** 登记事项 with the dialog's fields by label. */
  async recordEvent(kind: string, fields: Record<string, string>) {
    await this.page.getByRole('button', { name: '登记事项' }).click()
    await this.app.pickOption('事项', kind)
    const dialog = this.page.getByRole('dialog')
    for (const [label, value] of Object.entries(fields))
      await dialog.getByLabel(label, { exact: true }).fill(value)
    await dialog.getByRole('button', { name: '登记' }).click()
    await expect(dialog).toBeHidden()
  }

  async requestLeave(p: { from: string; to: string; destination: string; reason: string }): Promise<string> {
    await this.page.getByRole('button', { name: '外出申请' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('外出开始日期').fill(p.from)
    await dialog.getByLabel('外出结束日期').fill(p.to)
    await dialog.getByLabel('目的地').fill(p.destination)
    await dialog.getByLabel('外出事由').fill(p.reason)
    await dialog.getByRole('button', { name: '提交' }).click()
    const info = this.page.getByRole('dialog').filter({ hasText: '已登记外出申请' })
    await expect(info).toBeVisible()
    const text = await info.innerText()
    await info.getByRole('button', { name: '知道了' }).click()
    return text
  }

  obligation(key: string) {
    return this.page.getByTestId(`obligation-${key}`)
  }

  leave(from: string) {
    return this.page.getByTestId(`leave-${from}`)
  }
}
