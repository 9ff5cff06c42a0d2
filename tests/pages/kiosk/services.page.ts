import { expect, type Page } from '@playwright/test'

/** The kiosk's services beyond mediation (issue 14), driven by touch as a resident would. */
export class KioskServices {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  button(name: string | RegExp) {
    return this.page.getByRole('button', { name })
  }

  /** Answers a choice question by its legend and the option's text. */
  async answer(question: string | RegExp, option: string) {
    await this.page
      .getByRole('group', { name: question })
      .getByRole('button', { name: option, exact: true })
      .tap()
  }

  async startLegalAid() {
    await this.button('申请法律援助').tap()
    await expect(this.page.getByRole('heading', { name: '申请法律援助：个人信息告知' })).toBeVisible()
    const next = this.button('下一步')
    await expect(next).toBeDisabled()
    await this.page.getByLabel('我已阅读并同意上述告知').check()
    await expect(next).toBeDisabled()
    await this.page.getByLabel('我单独同意处理上述敏感个人信息').check()
    await next.tap()
    await expect(this.page.getByRole('heading', { name: '您要为什么事申请法律援助？' })).toBeVisible()
  }

  receiptNo() {
    return this.page.getByTestId('receipt-no')
  }

  async receipt(): Promise<{ receiptNo: string; secret: string }> {
    await expect(this.receiptNo()).toBeVisible()
    return {
      receiptNo: (await this.receiptNo().innerText()).trim(),
      secret: (await this.page.getByTestId('receipt-secret').innerText()).replace(/\s+/g, ''),
    }
  }

  /** Stubs speechSynthesis before the app loads: every utterance is recorded in window.__spoken. */
  static async spyOnSpeech(page: Page) {
    await page.addInitScript(() => {
      const spoken: Array<{ text: string; lang: string }> = []
      ;(window as unknown as { __spoken: typeof spoken }).__spoken = spoken
      const synth = {
        speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }),
        cancel: () => {},
        getVoices: () => [],
      }
      Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true })
    })
  }

  spoken(): Promise<Array<{ text: string; lang: string }>> {
    return this.page.evaluate(
      () => (window as unknown as { __spoken: Array<{ text: string; lang: string }> }).__spoken,
    )
  }
}
