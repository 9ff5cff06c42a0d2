import { expect, type Page } from '@playwright/test'

/** The wartime command dialogs of the admin console (issue 3, second wave). */
export class WartimeCommands {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  dialog(title: string | RegExp) {
    return this.page.getByRole('dialog', { name: title })
  }

  /**
   * Picks an option of an antd Select in the open dropdown by its visible text, and checks that the
   * select shows it: under load a click during the dropdown's opening animation can miss, so retry.
   */
  async pick(dialogTitle: string | RegExp, label: string, option: string | RegExp) {
    const dialog = this.dialog(dialogTitle)
    const select = dialog.locator('.ant-select').filter({ has: this.page.getByLabel(label) })
    await expect(async () => {
      await dialog.getByLabel(label).click()
      await this.page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: option })
        .first()
        .click({ timeout: 3_000 })
      await expect(select).toContainText(option, { timeout: 2_000 })
    }).toPass({ timeout: 20_000 })
  }

  async submit(dialogTitle: string | RegExp, button: string) {
    const dialog = this.dialog(dialogTitle)
    await dialog.getByRole('button', { name: button }).click()
    await expect(dialog).toBeHidden()
  }

  escalationRow(question: string) {
    return this.page.getByTestId(`escalation-${question}`)
  }

  leaveRow(name: string) {
    return this.page.getByTestId(`leave-row-${name}`)
  }

  historyRow(reason: string) {
    return this.page.getByTestId(`history-row-${reason}`)
  }
}
