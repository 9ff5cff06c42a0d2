import { expect, type Page } from '@playwright/test'
import { DEMO_PASSWORD } from '../admin/admin.page.ts'

/** The squad staff's phone app. */
export class FieldApp {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  async login(username: string, password = DEMO_PASSWORD) {
    await this.page.goto('/field/')
    await this.page.getByLabel('用户名').fill(username)
    await this.page.getByLabel('密码').fill(password)
    await this.page.getByRole('button', { name: '登录', exact: true }).tap()
  }

  async verifyOnPage() {
    await expect(this.page.getByRole('heading', { name: '我的任务' })).toBeVisible()
  }

  task(title: string) {
    return this.page.getByRole('link', { name: title })
  }

  async completeOpenTask(note: string) {
    await this.page.getByRole('button', { name: '标记完成' }).tap()
    await this.page.getByLabel('办理情况').fill(note)
    await this.page.getByRole('button', { name: '确认完成' }).tap()
  }
}
