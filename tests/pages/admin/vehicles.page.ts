import { expect, type Locator, type Page } from '@playwright/test'
import { pickAntdOption } from './antd-select.ts'

/** 车辆 in the admin console: booking, approving, the week's schedule, the displaced notice. */
export class VehiclesPage {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  async open() {
    await this.page.getByRole('menuitem', { name: '车辆' }).click()
    await expect(this.page.getByRole('heading', { name: '执法车辆' })).toBeVisible()
  }

  async tab(name: string | RegExp) {
    await this.page.getByRole('tab', { name }).click()
  }

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: '预约用车' })
  }

  /** Books the first free window offered, for a duty of the catalogue. */
  async bookFreeWindow(opts: { duty: string; note: string; town: string }) {
    await this.page.getByRole('button', { name: '预约用车' }).click()
    const dialog = this.dialog()
    await expect(dialog).toBeVisible()
    await pickAntdOption(dialog, '职责事项', opts.duty, { search: opts.duty })
    await dialog.getByLabel('用车事由').fill(opts.note)
    await pickAntdOption(dialog, '前往镇街', opts.town)
    await this.page.keyboard.press('Escape')
    await dialog.locator('.ant-tag-checkable').first().click()
    await expect(dialog.getByLabel('用车时间').first()).not.toHaveValue('')
    await dialog.getByRole('button', { name: '提交预约' }).click()
    await expect(dialog).toHaveCount(0)
  }

  /** A wartime booking taking the window of an existing peacetime booking. */
  async bookForActivation(opts: {
    activation: string | RegExp
    note: string
    town: string
    take: string | RegExp
  }) {
    await this.page.getByRole('button', { name: '预约用车' }).click()
    const dialog = this.dialog()
    await dialog.getByRole('radio', { name: '战时用车' }).check()
    await pickAntdOption(dialog, '战时行动', opts.activation)
    await dialog.locator('.ant-tag-checkable').filter({ hasText: opts.take }).first().click()
    await dialog.getByLabel('用车事由').fill(opts.note)
    await pickAntdOption(dialog, '前往镇街', opts.town)
    await this.page.keyboard.press('Escape')
    await dialog.getByRole('button', { name: '提交预约' }).click()
    await expect(dialog).toHaveCount(0)
  }

  row(text: string | RegExp): Locator {
    return this.page.getByRole('tabpanel').getByRole('row').filter({ hasText: text })
  }
}
