import { expect, type Page } from '@playwright/test'

/** The wartime screens of the admin console: 平战态势 and one activation's 指挥台. */
export class WartimeBoard {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  async openOverview() {
    await this.page.getByRole('menuitem', { name: '平战态势' }).click()
    await expect(this.page.getByRole('heading', { name: '平战态势' })).toBeVisible()
  }

  area(code: 'lucun' | 'xili' | 'shiqiao') {
    return this.page.getByTestId(`area-${code}`)
  }

  async verifyOnBoard() {
    await expect(this.page.getByRole('heading', { name: /^指挥台：/ })).toBeVisible()
  }

  rosterRow(name: string) {
    return this.page.getByTestId(`roster-row-${name}`)
  }

  taskRow(title: string) {
    return this.page.getByTestId(`wartime-task-${title}`)
  }

  /** 分派任务 to a roster member, optionally under another duty than the activation's. */
  async assign(name: string, title: string) {
    await this.rosterRow(name).getByRole('button', { name: '分派任务' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('任务内容').fill(title)
    await dialog.getByRole('button', { name: '分派' }).click()
    await expect(dialog).toBeHidden()
    await expect(this.taskRow(title)).toBeVisible()
  }

  async reportDone(title: string, note: string) {
    await this.taskRow(title).getByRole('button', { name: '报告完成' }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('完成情况').fill(note)
    await dialog.getByRole('button', { name: '提交完成' }).click()
    await expect(dialog).toBeHidden()
  }

  async standDown(summary: string) {
    await this.page.getByRole('button', { name: '收队', exact: true }).click()
    const dialog = this.page.getByRole('dialog')
    await dialog.getByLabel('收队总结').fill(summary)
    await dialog.getByRole('button', { name: '确认收队' }).click()
    await expect(dialog).toBeHidden()
  }

  fact(title: string) {
    return this.page.getByTestId('cooperation-facts').locator('.ant-statistic').filter({ hasText: title })
  }
}
