import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 A/AA rules, color-contrast included). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(bad, `axe on ${screen}`).toEqual([])
  // color-contrast must have been checked, not skipped
  expect(
    [...result.passes, ...result.violations, ...result.incomplete].some((r) => r.id === 'color-contrast'),
    `axe checked colour contrast on ${screen}`,
  ).toBe(true)
}

/**
 * A kiosk screen in both palettes (issue 14): as it is, then with the high-contrast palette the
 * toolbar's 高对比度 switch sets (the root's data-contrast="high"), then back as it was.
 */
export async function expectAccessibleBothModes(page: Page, screen: string): Promise<void> {
  const was = await page.evaluate(() => document.documentElement.dataset.contrast ?? null)
  const set = (high: boolean) =>
    page.evaluate((h) => {
      if (h) document.documentElement.dataset.contrast = 'high'
      else delete document.documentElement.dataset.contrast
    }, high)
  await set(false)
  await expectAccessible(page, `${screen} (standard)`)
  await set(true)
  await expectAccessible(page, `${screen} (high contrast)`)
  await set(was === 'high')
}
