import { expect, type Page } from '@playwright/test'
import { pickAntdOption } from './antd-select.ts'

/** The wartime command dialogs of the admin console (issue 3, second wave). */
export class WartimeCommands {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  dialog(title: string | RegExp) {
    return this.page.getByRole('dialog', { name: title })
  }

  /** Picks an option of an antd Select in the named dialog (see pickAntdOption). */
  async pick(dialogTitle: string | RegExp, label: string, option: string | RegExp) {
    await pickAntdOption(this.dialog(dialogTitle), label, option)
  }

  async submit(dialogTitle: string | RegExp, button: string) {
    const dialog = this.dialog(dialogTitle)
    await dialog.getByRole('button', { name: button }).click()
    await expect(dialog).toBeHidden()
  }

  escalationRow(question: string) {
    return this.page.getByTestId(`escalation-${question}`)
  }

  /** The leave record of `name` with `reason` (reasons carry a per-run stamp, so a rerun finds its own). */
  leaveRow(name: string, reason: string) {
    return this.page.getByTestId(`leave-row-${name}`).filter({ hasText: reason })
  }

  historyRow(reason: string) {
    return this.page.getByTestId(`history-row-${reason}`)
  }
}
