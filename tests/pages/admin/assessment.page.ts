import { expect, type Page } from '@playwright/test'
import { pickAntdOption } from './antd-select.ts'

/** 考核排名 and 督导提报 in the admin console (issue 12). */
export class AssessmentPages {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  async openRankings() {
    await this.page.getByRole('menuitem', { name: '考核排名' }).click()
    await expect(this.page.getByRole('heading', { name: '考核排名' })).toBeVisible()
  }

  async openTab(name: '考核排名' | '考核方案' | '年底考核与问责' | '四不两直督导' | '提报事项') {
    await this.page.getByRole('tab', { name, exact: true }).click()
  }

  /** The bureau starts a new scheme version from the template and publishes it. */
  async publishNewScheme() {
    await this.openTab('考核方案')
    await this.page.getByRole('button', { name: '新建版本' }).click()
    await expect(this.page.getByRole('button', { name: '发布方案' })).toBeEnabled()
    await this.page.getByRole('button', { name: '发布方案' }).click()
    await this.page.getByRole('tooltip').getByRole('button', { name: '发布' }).click()
    await expect(this.page.getByText('已发布的考核方案不能修改；如需调整请新建版本。')).toBeVisible()
  }

  rankRow(type: 'office' | 'squad' | 'area', code: string) {
    return this.page.getByTestId(`rank-row-${type}-${code}`)
  }

  /** Opens a unit's detail from its row and the facts behind one indicator. */
  async drillDown(type: 'office' | 'squad' | 'area', code: string, unitName: string, indicator: string) {
    await this.rankRow(type, code).getByRole('button', { name: unitName }).click()
    const drawer = this.page.getByRole('dialog', { name: new RegExp(`^${unitName} · 第`) })
    await expect(drawer.getByTestId('assessment-radar')).toContainText('工作任务按时办结率')
    await drawer.getByRole('button', { name: `查看事实：${indicator}` }).click()
    return drawer
  }

  async openOversight() {
    await this.page.getByRole('menuitem', { name: '督导提报' }).click()
    await expect(this.page.getByRole('heading', { name: '督导提报' })).toBeVisible()
  }

  /** A liaison leader records a 四不两直 visit with findings (one a line). */
  async recordInspection(unit: string, place: string, checked: string, findings: string) {
    await this.page.getByRole('button', { name: '登记督导检查' }).click()
    const dialog = this.page.getByRole('dialog')
    await pickAntdOption(dialog, '被检查单位', unit)
    await dialog.getByLabel('检查地点').fill(place)
    await dialog.getByLabel('检查内容').fill(checked)
    await dialog.getByLabel('发现问题（每行一条）').fill(findings)
    await dialog.getByRole('button', { name: '登记' }).click()
    await expect(this.page.getByText('督导检查已登记')).toBeVisible()
  }
}
