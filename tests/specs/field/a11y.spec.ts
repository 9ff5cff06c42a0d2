import { expect, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { FieldApp } from '../../pages/field/field.page.ts'
import { expectAccessible } from '../../support/axe.ts'

// Issue 14: axe-core finds no serious or critical violation on the field app's main screens.
test('field app: login, task list and task detail have no serious or critical axe violation', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000)
  // a director gives 鲁村中队队员三 a task to open
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  const director = new AdminApp(await context.newPage())
  await director.login('dir-nanma')
  await director.verifyOnPage()
  const title = `无障碍检查任务 ${Date.now() % 100000}`
  await director.page.evaluate(async (title) => {
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pingzhan-csrf': '1' },
        body: JSON.stringify(body),
      })
      return (await res.json()).result.data
    }
    const people = (await call('org.assignees', {})) as Array<{ id: string; displayName: string }>
    const member = people.find((p) => p.displayName.startsWith('鲁村中队队员三'))
    await call('task.create', {
      unitKind: 'office',
      unitCode: 'nanma',
      dutyCode: 'office.peacetime.3',
      title,
      description: '入户宣讲，记录群众提出的法律问题。',
      dueDate: '2099-12-31',
      assigneeIds: [member?.id],
    })
  }, title)

  const field = new FieldApp(page)
  await page.goto('/field/')
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  await expectAccessible(page, 'field: login')
  await field.login('staff-lucun-3')
  await field.verifyOnPage()
  await expect(field.task(title)).toBeVisible()
  await expectAccessible(page, 'field: task list')
  await field.task(title).tap()
  await expect(page.getByRole('heading', { name: title })).toBeVisible()
  await expectAccessible(page, 'field: task detail')
})
