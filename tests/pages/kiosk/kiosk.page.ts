import { expect, type Page } from '@playwright/test'

export type MediationInput = {
  applicantName: string
  phone: string
  idNumber: string
  summary: string
  otherParty: string
}

/** The touch kiosk of a town judicial office. */
export class KioskApp {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  async goto() {
    await this.page.goto('/kiosk/')
  }

  async bind(code: string) {
    await expect(this.page.getByRole('heading', { name: '终端登记' })).toBeVisible()
    await this.page.getByLabel('登记码').fill(code)
    await this.page.getByRole('button', { name: '登记' }).click()
  }

  async verifyOnPage(officeName: string) {
    await expect(this.page.getByText(officeName).first()).toBeVisible()
    await expect(this.page.getByRole('button', { name: '申请人民调解' })).toBeVisible()
  }

  async startMediation() {
    await this.page.getByRole('button', { name: '申请人民调解' }).tap()
    await expect(this.page.getByRole('heading', { name: '个人信息告知' })).toBeVisible()
    const next = this.page.getByRole('button', { name: '下一步' })
    await expect(next).toBeDisabled()
    await this.page.getByLabel('我已阅读并同意上述告知').check()
    await expect(next).toBeDisabled()
    await this.page.getByLabel('我单独同意处理身份证号这一敏感个人信息').check()
    await next.tap()
    await expect(this.page.getByRole('heading', { name: '填写调解申请' })).toBeVisible()
  }

  async fill(input: MediationInput) {
    await this.page.getByLabel('申请人姓名').fill(input.applicantName)
    await this.page.getByLabel('手机号码').fill(input.phone)
    await this.page.getByLabel('身份证号').fill(input.idNumber)
    await this.page.getByLabel('纠纷概要').fill(input.summary)
    await this.page.getByLabel('对方当事人').fill(input.otherParty)
  }

  /** 人民调解法17: what the applicant knows of the other party's consent. */
  async chooseConsent(label: '对方同意调解' | '对方明确拒绝调解' | '不清楚') {
    await this.page.getByRole('radio', { name: label }).check()
  }

  /** The routes shown when the other party refuses mediation (人民调解法26). */
  alternatives() {
    return this.page.getByRole('list', { name: '其他解决途径' })
  }

  async submit() {
    await this.page.getByRole('button', { name: '提交申请' }).tap()
  }

  async receiptNo(): Promise<string> {
    const receipt = this.page.getByTestId('receipt-no')
    await expect(receipt).toBeVisible()
    return (await receipt.innerText()).trim()
  }
}
