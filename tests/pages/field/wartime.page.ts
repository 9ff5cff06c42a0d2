import { expect, type Page } from '@playwright/test'

/** The wartime banner of the phone app. */
export class FieldWartime {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  banner() {
    return this.page.getByRole('alert', { name: '战时集结' })
  }

  async acknowledge(etaMinutes: 10 | 20 | 30 | 60) {
    await this.banner().getByLabel('预计到达').selectOption(String(etaMinutes))
    await this.banner().getByRole('button', { name: '立即响应' }).tap()
    await expect(this.banner().getByText(/已响应，预计 \d\d:\d\d 到达/)).toBeVisible()
  }

  task(title: string) {
    return this.page.getByTestId(`wartime-task-${title}`)
  }

  async reportDone(title: string, note: string) {
    const task = this.task(title)
    await task.getByRole('button', { name: '报告完成' }).tap()
    await task.getByLabel('完成情况').fill(note)
    await task.getByRole('button', { name: '提交完成' }).tap()
    await expect(task.getByText(`已完成：${note}`)).toBeVisible()
  }
}
