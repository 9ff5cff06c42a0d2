import { expect, type Page } from '@playwright/test'
import type { AdminApp } from './admin.page.ts'
import { pickAntdOption } from './antd-select.ts'

/** The 任务 board of the admin console (issue 4). */
export class TaskBoardPage {
  readonly app: AdminApp
  readonly page: Page
  constructor(app: AdminApp) {
    this.app = app
    this.page = app.page
  }

  async open() {
    await this.app.open('任务')
    await this.verifyOnPage()
  }

  async verifyOnPage() {
    await expect(this.page.getByRole('heading', { name: '任务' })).toBeVisible()
    await expect(this.page.getByRole('search', { name: '任务筛选' })).toBeVisible()
  }

  /** The board opens on 未完成; this switches the status filter (已完成, 全部 …). */
  async showStatus(label: '未完成' | '待办' | '办理中' | '已完成' | '已取消' | '全部') {
    const filter = this.page.getByLabel('任务状态')
    await filter.getByText(label, { exact: true }).click()
    await expect(filter.locator('.ant-segmented-item-selected')).toHaveText(label)
  }

  /** Creates a task through 新建任务 and waits for it on the board. */
  async create(t: { duty: string; title: string; assignee: string; dueInDays?: number }) {
    await this.page.getByRole('button', { name: '新建任务' }).click()
    const dialog = this.page.getByRole('dialog', { name: '新建任务' })
    await this.pick('职责事项', t.duty)
    await dialog.getByLabel('任务名称').fill(t.title)
    await this.pick('办理人员', t.assignee)
    await dialog.getByLabel('任务名称').click() // closes the multi-select's dropdown
    await dialog.getByRole('button', { name: '创建' }).click()
    await expect(dialog).toBeHidden()
    await expect(this.row(t.title)).toBeVisible()
  }

  /** antd Selects render a virtual list: type to filter, then pick. */
  private async pick(label: string, text: string) {
    await pickAntdOption(this.page.getByRole('dialog'), label, text, { search: text })
  }

  row(title: string) {
    return this.page.locator('[data-testid^="task-row-"]').filter({ hasText: title })
  }

  async openTask(title: string) {
    await this.row(title).getByRole('button', { name: title }).click()
    const drawer = this.page.getByRole('dialog', { name: '任务详情' })
    await expect(drawer.getByRole('heading', { name: title })).toBeVisible()
    return drawer
  }
}
