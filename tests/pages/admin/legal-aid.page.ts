import { expect, type Locator, type Page } from '@playwright/test'
import { pickAntdOption } from './antd-select.ts'

/** The 法律援助 register of the admin console (司法所业务 menu group). */
export class LegalAidPage {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  async open() {
    await this.page.getByRole('menuitem', { name: '法律援助' }).click()
    await this.verifyOnPage()
  }

  async verifyOnPage() {
    await expect(this.page.getByRole('heading', { name: '法律援助' })).toBeVisible()
  }

  get createDialog(): Locator {
    return this.page.getByRole('dialog', { name: '登记法律援助申请' })
  }

  get drawer(): Locator {
    return this.page.getByRole('dialog', { name: '法律援助申请' })
  }

  row(applicant: string): Locator {
    return this.page.locator('[data-testid^="legal-aid-row-"]').filter({ hasText: applicant })
  }

  /** Picks an antd Select option inside the create dialog (antd options are not role=option). */
  async pick(label: string, option: string | RegExp) {
    await pickAntdOption(this.createDialog, label, option)
  }

  async register(input: {
    applicant: string
    summary: string
    hardshipWaiver?: string
    missingMaterials?: ReadonlyArray<string>
    materialsDue?: string
    handler: string
  }) {
    await this.page.getByRole('button', { name: '登记申请' }).click()
    const dialog = this.createDialog
    await dialog.getByLabel('申请人', { exact: true }).fill(input.applicant)
    await dialog.getByLabel('案情简述').fill(input.summary)
    if (input.hardshipWaiver) await this.pick('免予核查经济困难的情形（第四十二条）', input.hardshipWaiver)
    if (input.missingMaterials)
      await dialog.getByLabel('需补充的材料').fill(input.missingMaterials.join('\n'))
    if (input.materialsDue) {
      await dialog.getByLabel('补充材料截止日期').fill(input.materialsDue)
      await dialog.getByLabel('补充材料截止日期').press('Enter')
    }
    await pickAntdOption(dialog, '承办人员', input.handler, { search: input.handler })
    await dialog.getByRole('button', { name: '登记' }).click()
    await expect(dialog).toBeHidden()
  }
}
