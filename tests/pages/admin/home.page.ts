import { expect, type Locator, type Page } from '@playwright/test'

/** The console's 工作台 (home page): its statistics and the list of work nearest its deadline. */
export class HomePage {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  async verifyOnPage() {
    await expect(this.page.getByRole('heading', { name: '工作台' })).toBeVisible()
  }

  /** The value shown under a statistic's title, e.g. '待办任务' → '12' or '100+'. */
  statistic(title: string): Locator {
    return this.page
      .locator('.ant-statistic')
      .filter({ hasText: title })
      .locator('.ant-statistic-content-value')
  }

  /** A card of the page by its title, e.g. '今日登录失败'. */
  card(title: string): Locator {
    return this.page.locator('.ant-card').filter({
      has: this.page.locator('.ant-card-head-title', { hasText: title }),
    })
  }

  /** The card listing unfinished tasks nearest their deadline. */
  dueSoon(): Locator {
    return this.page.locator('.ant-card').filter({ hasText: '临近截止的任务' })
  }
}
