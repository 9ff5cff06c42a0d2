import { expect, type Page } from '@playwright/test'

// 16×16 PNG (a real image: the phone re-encodes it to JPEG before queueing)
export const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAABlklEQVR4nBXRURVEIQhFUSMYgQhGMAIRiGCEE8EIRiACEYhABCLMG7/ZrMt1jMEcyGAN9kAHNjgDBnfwBj6IQQ5q0IMxJnMikzXZE53Y5EyY3Mmb+CQmOalJzw8IUxBhCVtQwYQjIFzhCS6EkEIJLR9YzIUs1mIvdGGLs2BxF2/hi1jkoha9PrCZG9mszd7oxjZnw+Zu3sY3sclNbXp/QJmKKEvZiiqmHAXlKk9xJZRUSmn9gDENMZaxDTXMOAbGNZ7hRhhplNH2gcM8yGEd9kEPdjgHDvfwDn6IQx7q0OcD/wK/Sr4jv9hfkG/1N/x/Fx44BCQU9Pc94zIvclmXfdGLXc79j9/Lu/glLnmpS98PPOZDHuuxH/qwx3n/5ffxHv6IRz7q0e8DznTEWc521DHn+D/KdZ7jTjjplNP+gWAGEqxgBxpYcOIf/AYv8CCCDCro+EAyE0lWshNNLDn5P/MmL/Ekkkwq6fxAMQspVrELLaw49S/lFq/wIoosquj6QDMbaVazG22sOf2v8Dav8SaabKrp5geIAnAQEbP2+wAAAABJRU5ErkJggg==',
  'base64',
)

/** A task's screen on the squad member's phone: field actions that go through the outbox. */
export class FieldTaskPage {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  async verifyOnPage(title: string) {
    await expect(this.page.getByRole('heading', { name: '任务详情' })).toBeVisible()
    await expect(this.page.getByRole('heading', { name: title })).toBeVisible()
  }

  /** 开始办理: queued like the other actions; the phone shows 办理中 at once, online or not. */
  async start() {
    await this.page.getByRole('button', { name: '开始办理' }).tap()
    await expect(this.page.getByText(/开始办理已(提交|保存在手机上)/)).toBeVisible()
    await expect(this.page.getByRole('button', { name: '开始办理' })).toBeHidden()
  }

  /** The task's status as the phone shows it. */
  status() {
    return this.page.locator('.detail .status').first()
  }

  async checkIn() {
    await this.page.getByRole('button', { name: '签到' }).tap()
    await expect(this.page.getByText(/签到已(提交|保存在手机上)/)).toBeVisible()
  }

  async addNote(text: string) {
    await this.page.getByRole('button', { name: '添加备注' }).tap()
    await this.page.getByLabel('备注内容').fill(text)
    await this.page.getByRole('button', { name: '保存备注' }).tap()
    await expect(this.page.getByText(/备注已(提交|保存在手机上)/)).toBeVisible()
  }

  async addPhoto() {
    await this.page
      .getByLabel('添加照片')
      .setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PHOTO_PNG })
    await expect(this.page.getByText(/照片已(提交|保存在手机上)/)).toBeVisible()
  }

  async markDone(note: string) {
    await this.page.getByRole('button', { name: '标记完成' }).tap()
    await this.page.getByLabel('办理情况').fill(note)
    await this.page.getByRole('button', { name: '确认完成' }).tap()
    await expect(this.page.getByText(/标记完成已(提交|保存在手机上)/)).toBeVisible()
  }

  queued() {
    return this.page.getByRole('list', { name: '待上传的操作' }).getByRole('listitem')
  }
}
