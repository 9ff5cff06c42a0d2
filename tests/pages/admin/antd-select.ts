import { expect, type Locator } from '@playwright/test'

/**
 * Picks an option of an antd Select inside `scope` (a dialog, a drawer, a page) by its visible text,
 * and checks that the select then shows it. antd's options are not role=option, so they are found by
 * class, in the dropdown that is open. Under load a click during the dropdown's opening animation
 * can miss, and a form then fails validation with the dialog still open (CI saw exactly that), so the
 * whole pick is retried until the select shows the choice. `search` types into a searchable select
 * first (long person lists are virtual: an option far down is not in the DOM until searched).
 */
export async function pickAntdOption(
  scope: Locator,
  label: string,
  option: string | RegExp,
  opts: { search?: string } = {},
) {
  const page = scope.page()
  const input = scope.getByLabel(label)
  const select = scope.locator('.ant-select').filter({ has: page.getByLabel(label) })
  await expect(async () => {
    if (opts.search === undefined) await input.click()
    else await input.fill(opts.search)
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: option })
      .first()
      .click({ timeout: 3_000 })
    await expect(select).toContainText(option, { timeout: 2_000 })
  }).toPass({ timeout: 20_000 })
}
