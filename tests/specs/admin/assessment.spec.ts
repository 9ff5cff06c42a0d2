import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { pickAntdOption } from '../../pages/admin/antd-select.ts'
import { AssessmentPages } from '../../pages/admin/assessment.page.ts'

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
const RUN = Date.now().toString(36)

/** Calls a mutation of the API as the signed-in page (setup the console has other specs for). */
const mutate = async <T>(page: Page, path: string, input: unknown): Promise<T> =>
  page.evaluate(
    async ([p, body]) => {
      const r = await fetch(`/trpc/${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pingzhan-csrf': '1' },
        body: JSON.stringify(body),
      })
      const json = (await r.json()) as { result?: { data: unknown }; error?: unknown }
      if (!json.result) throw new Error(JSON.stringify(json.error))
      return json.result.data as T
    },
    [path, input] as const,
  )

/**
 * Issue 12: the bureau publishes a scheme, the month's rankings appear with their charts and a drill-down
 * reaches the task behind a score; the liaison leader records a 四不两直 inspection whose finding becomes
 * a rectification task that the office sees on its board.
 */
test('assessment: publish a scheme, rankings with charts, drill-down to the facts; an inspection finding becomes the office’s task', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const contexts: BrowserContext[] = []
  const open = async (username: string) => {
    const c = await browser.newContext({ viewport: { width: 1366, height: 860 } })
    contexts.push(c)
    const app = new AdminApp(await c.newPage())
    await app.login(username)
    await app.verifyOnPage()
    return app
  }
  try {
    // The 南麻 director has a task of this month done on time.
    const director = await open('dir-nanma')
    const me = await director.page.evaluate(async () => {
      const r = await fetch('/trpc/auth.me')
      const body = (await r.json()) as { result?: { data: { id: string } } }
      if (!body.result) throw new Error(JSON.stringify(body))
      return body.result.data
    })
    const title = `调解回访（${RUN}）`
    const { taskId } = await mutate<{ taskId: string }>(director.page, 'task.create', {
      unitKind: 'office',
      unitCode: 'nanma',
      dutyCode: 'office.peacetime.2',
      title,
      dueDate: today(),
      assigneeIds: [me.id],
    })
    await mutate(director.page, 'task.complete', { id: taskId, version: 1, note: '已回访' })

    // The bureau publishes a scheme version.
    const admin = await open('admin')
    const a = new AssessmentPages(admin.page)
    await a.openRankings()
    await a.publishNewScheme()

    // This month's rankings, with the bars and the trend, computed with the published scheme.
    await a.openTab('考核排名')
    await expect(admin.page.getByText(/按《.*》第 \d+ 版即时计算，尚未发布/)).toBeVisible()
    // ECharts' aria component describes the chart in the container's label; the test id names the chart
    const bars = admin.page.getByTestId('assessment-bars')
    await expect(bars).toBeVisible()
    await expect(bars).toContainText('南麻司法所')
    await expect(admin.page.getByTestId('assessment-trend')).toContainText('11月')
    await expect(a.rankRow('office', 'nanma')).toBeVisible()
    // WCAG 2 A/AA, colour contrast included, must hold on the rankings
    const axe = await new AxeBuilder({ page: admin.page })
      .include('main')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze()
    expect(
      axe.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => v.id),
    ).toEqual([])

    // Score → indicator → the task behind it, and on to the task itself.
    const drawer = await a.drillDown('office', 'nanma', '南麻司法所', '工作任务按时办结率')
    const fact = drawer.getByRole('link', { name: title })
    await expect(fact).toBeVisible()
    await expect(drawer.getByText('按时办结').first()).toBeVisible()
    await fact.click()
    await expect(admin.page.getByRole('dialog', { name: '任务详情' })).toContainText(title)

    // The 鲁村 liaison leader: the area at a glance, then an unannounced visit to 南麻司法所.
    const leader = await open('liaison-lucun')
    await expect(leader.page.getByText('联系辖区：鲁村中队辖区')).toBeVisible()
    const l = new AssessmentPages(leader.page)
    await l.openOversight()
    const finding = `调解卷宗未按规定归档（${RUN}）`
    await l.recordInspection('南麻司法所', '南麻司法所调解室', '人民调解卷宗、值班记录', finding)
    const details = leader.page.getByRole('dialog', { name: /^南麻司法所 · / })
    await expect(details).toContainText(finding)
    await pickAntdOption(details, '整改涉及的职责事项', /指导辖区调解工作/)
    await details.getByRole('button', { name: '交办整改' }).click()
    await expect(details.getByText('整改中')).toBeVisible()

    // The office sees the rectification task on its board.
    await director.page.getByRole('menuitem', { name: '任务' }).click()
    await expect(director.page.getByRole('button', { name: `整改：${finding}` })).toBeVisible()
  } finally {
    for (const c of contexts) await c.close()
  }
})
