import { type BrowserContext, devices, expect, type Page, test } from '@playwright/test'
import { AdminApp } from '../../pages/admin/admin.page.ts'
import { pickAntdOption } from '../../pages/admin/antd-select.ts'
import { TaskBoardPage } from '../../pages/admin/task-board.page.ts'
import { FieldApp } from '../../pages/field/field.page.ts'
import { FieldTaskPage } from '../../pages/field/task-work.page.ts'
import { OwnServer, trpcCall } from '../../support/own-server.ts'

const phone = {
  ...devices['Pixel 5'],
  permissions: ['geolocation'],
  geolocation: { latitude: 36.1856, longitude: 118.1702, accuracy: 15 },
}

/** Waits until the service worker controls the page, so the app shell is on the phone. */
const shellReady = async (context: BrowserContext) => {
  const page = context.pages()[0]
  await page?.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
}

/** 鲁村中队队员一 signs in on a phone of `context` and opens the task called `title`. */
const openOnPhone = async (context: BrowserContext, title: string) => {
  const page = await context.newPage()
  const field = new FieldApp(page)
  await field.login('staff-lucun-1')
  await field.verifyOnPage()
  await field.task(title).tap()
  const task = new FieldTaskPage(page)
  await task.verifyOnPage(title)
  return { page, field, task }
}

/**
 * Issue 4's main flow: the 南麻 director creates and assigns a duty-based task; the 鲁村 squad member
 * goes offline on the phone, starts it (开始办理), checks in, adds a note and a photo and marks it done;
 * back online, the outbox syncs and the director sees exactly one of each.
 */
/** Through the API: the 南麻 director creates a task and assigns it to 鲁村中队队员一. */
const directorAssigns = async (base: string, title: string) => {
  const login = await trpcCall(base, 'auth.login', { username: 'dir-nanma', password: 'Demo#2026' })
  const people = (await trpcCall(base, 'org.assignees', {}, login.cookie)).data as Array<{
    id: string
    displayName: string
  }>
  const staff = people.find((p) => p.displayName === '鲁村中队队员一（演示）')
  const created = await trpcCall(
    base,
    'task.create',
    {
      unitKind: 'office',
      unitCode: 'nanma',
      dutyCode: 'office.peacetime.2',
      title,
      dueDate: '2099-12-31',
      assigneeIds: [staff?.id],
    },
    login.cookie,
  )
  return { taskId: (created.data as { taskId: string }).taskId, cookie: login.cookie }
}

/** How many records the field app's outbox holds in the phone's IndexedDB. */
const outboxRecords = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('pingzhan-field')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const count = open.result.transaction('outbox', 'readonly').objectStore('outbox').count()
          count.onsuccess = () => resolve(count.result)
          count.onerror = () => reject(count.error)
        }
      }),
  )

test('offline field work syncs once: start, check-in, note, photo, done reach the director exactly once', async ({
  browser,
}) => {
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  const director = new AdminApp(await adminContext.newPage())
  await director.login('dir-nanma')
  await director.verifyOnPage()
  const board = new TaskBoardPage(director)
  await board.open()
  const title = `进村普法宣传 ${Date.now().toString(36)}`
  await board.create({ duty: '参与辖区普法依法治理', title, assignee: '鲁村中队队员一' })
  await expect(board.row(title)).toContainText('鲁村中队队员一（演示）')
  await expect(board.row(title)).toContainText('待办')

  const fieldContext = await browser.newContext(phone)
  const { field, task } = await openOnPhone(fieldContext, title)
  await shellReady(fieldContext)

  // No signal in the village: the app still opens, from the phone.
  await fieldContext.setOffline(true)
  await field.page.reload()
  await task.verifyOnPage(title)
  await expect(field.page.getByText('网络不可用')).toBeVisible()
  await expect(field.page.getByText('离线查看')).toBeVisible()

  // 开始办理 without signal: queued, and the phone shows the task in progress at once.
  await expect(task.status()).toHaveText('待办')
  await task.start()
  await expect(task.status()).toHaveText('办理中（待同步）')
  await expect(task.queued()).toHaveCount(1)
  await expect(task.queued().first()).toContainText('开始办理')
  await expect(task.queued().first()).toContainText('待同步')
  await expect(field.page.getByText('网络不可用：开始办理需要联网', { exact: false })).toHaveCount(0)
  // and on the list of tasks kept on the phone
  await field.page.getByRole('button', { name: '‹ 返回' }).tap()
  await expect(field.task(title)).toContainText('办理中（待同步）')
  await field.task(title).tap()
  await task.verifyOnPage(title)

  await task.checkIn()
  await task.addNote('已向村民发放宣传资料 120 份')
  await task.addPhoto()
  await task.markDone('宣传活动完成，群众反响良好')
  await expect(task.queued()).toHaveCount(5)
  await expect(field.page.getByText('5 条操作待上传')).toBeVisible()

  // The phone's browser is closed and opened again, still offline: the queued work is still there.
  await field.page.reload()
  await task.verifyOnPage(title)
  await expect(task.queued()).toHaveCount(5)
  await expect(task.status()).toHaveText('办理中（待同步）')
  expect(await outboxRecords(field.page)).toBe(5)

  // Back online: the outbox empties by itself.
  await fieldContext.setOffline(false)
  await expect(task.queued()).toHaveCount(0, { timeout: 20_000 })
  await expect(field.page.getByText('已完成').first()).toBeVisible()
  await expect(field.page.locator('ol.history li').filter({ hasText: '开始办理' })).toHaveCount(1)

  // The director sees exactly one of each (the board opens on 未完成: the task is under 已完成).
  await director.page.reload()
  await board.showStatus('已完成')
  await expect(board.row(title)).toContainText('已完成')
  const drawer = await board.openTask(title)
  await expect(drawer.locator('.ant-timeline-item').filter({ hasText: '开始办理' })).toHaveCount(1)
  await expect(drawer.getByTestId('evidence-checkin')).toHaveCount(1)
  await expect(drawer.getByTestId('evidence-note')).toHaveCount(1)
  await expect(drawer.getByTestId('evidence-photo')).toHaveCount(1)
  await expect(drawer.getByTestId('evidence-checkin')).toContainText('36.18560, 118.17020')
  await expect(drawer.getByTestId('evidence-note')).toContainText('已向村民发放宣传资料 120 份')
  await expect(drawer.getByRole('img', { name: '现场照片' })).toBeVisible()
  await expect(drawer.getByText('宣传活动完成，群众反响良好').first()).toBeVisible()
  await expect(drawer.locator('.ant-timeline-item').filter({ hasText: '办结' })).toHaveCount(1)

  // Logging out clears the phone.
  await field.page.getByRole('button', { name: '退出登录' }).tap()
  await expect(field.page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  // asked again if a navigation of the page destroys the context mid-question
  await expect(async () => {
    await field.page.waitForLoadState()
    const left = await field.page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('pz.field.')),
    )
    expect(left).toEqual([])
    expect(await outboxRecords(field.page)).toBe(0)
  }).toPass({ timeout: 15_000 })

  await adminContext.close()
  await fieldContext.close()
})

/**
 * The connection drops after the server applied an action but before the phone heard back, and the
 * server is killed; when it is back the phone resends everything: still exactly one of each.
 */
test('a sync interrupted by a server restart still ends with exactly one of each', async ({ browser }) => {
  const server = new OwnServer()
  await server.start()
  try {
    const title = '重启测试：宅基地纠纷回访'
    const { taskId, cookie } = await directorAssigns(server.url, title)

    // Playwright cannot route requests that pass through a service worker; the shell is covered above.
    const context = await browser.newContext({ ...phone, baseURL: server.url, serviceWorkers: 'block' })
    const { page, field, task } = await openOnPhone(context, title)

    await context.setOffline(true)
    await task.checkIn()
    await task.start()
    await task.addNote('回访时双方均表示满意')
    await task.addPhoto()
    await task.markDone('回访完毕')
    await expect(task.queued()).toHaveCount(5)

    // The 2nd action (开始办理) reaches the server and is applied; then the server dies before the phone
    // hears back.
    let acts = 0
    await page.route('**/trpc/task.act**', async (route) => {
      acts += 1
      if (acts !== 2) return route.continue()
      const applied = await route.fetch()
      expect(applied.status()).toBe(200)
      await server.kill()
      await route.abort('connectionreset').catch(() => {})
    })
    await context.setOffline(false)
    await expect.poll(() => acts, { timeout: 15_000 }).toBeGreaterThanOrEqual(2)
    await expect(task.queued()).toHaveCount(4) // the first went through; the 2nd stays, unanswered
    await page.unroute('**/trpc/task.act**')

    await server.start()
    // reconnect (the outbox syncs when the network comes back)
    await context.setOffline(true)
    await context.setOffline(false)
    await expect(task.queued()).toHaveCount(0, { timeout: 30_000 })

    const detail = (await trpcCall(server.url, 'task.get', { id: taskId }, cookie)).data as {
      status: string
      evidence: Array<{ kind: string }>
      history: Array<{ kind: string }>
    }
    expect(detail.status).toBe('done')
    expect(detail.evidence.map((e) => e.kind).sort()).toEqual(['checkin', 'note', 'photo'])
    expect(detail.history.filter((h) => h.kind === 'completed')).toHaveLength(1)
    expect(detail.history.filter((h) => h.kind === 'started')).toHaveLength(1)
    expect(
      detail.history.filter((h) => ['checked_in', 'noted', 'photo_added'].includes(h.kind)),
    ).toHaveLength(3)
    await context.close()
  } finally {
    await server.kill()
  }
})

/** A task reassigned while the phone was offline: the queued action is refused, said plainly, and kept. */
test('a queued action on a task reassigned meanwhile is refused, explained and kept for the person', async ({
  browser,
}) => {
  const adminContext = await browser.newContext({ viewport: { width: 1366, height: 860 } })
  const director = new AdminApp(await adminContext.newPage())
  await director.login('dir-nanma')
  await director.verifyOnPage()
  const board = new TaskBoardPage(director)
  await board.open()
  const title = `改派冲突 ${Date.now().toString(36)}`
  await board.create({ duty: '指导辖区调解工作', title, assignee: '鲁村中队队员一' })

  const fieldContext = await browser.newContext(phone)
  const { field, task } = await openOnPhone(fieldContext, title)
  await fieldContext.setOffline(true)
  await task.addNote('离线时记录的走访情况')
  await expect(task.queued()).toHaveCount(1)

  // Meanwhile the director gives the task to 队员二.
  const drawer = await board.openTask(title)
  await drawer.getByRole('button', { name: '改派' }).click()
  const dialog = director.page.getByRole('dialog', { name: '改派任务' })
  await pickAntdOption(dialog, '办理人员', '鲁村中队队员二', { search: '鲁村中队队员二' })
  await dialog.getByLabel('改派理由').fill('队员一外出培训')
  await dialog.getByRole('button', { name: '确定' }).click()
  await expect(dialog).toBeHidden()
  await expect(drawer.getByText('队员一外出培训', { exact: false })).toBeVisible()

  await fieldContext.setOffline(false)
  const refused = task.queued().filter({ hasText: '未被接受' })
  await expect(refused).toContainText('该任务已改派给其他人员', { timeout: 20_000 })
  await expect(field.page.getByText('1 条操作未被接受')).toBeVisible()
  await expect(refused.getByRole('button', { name: '放弃此操作' })).toBeVisible()
  await expect(refused.getByRole('button', { name: '重新提交' })).toBeVisible()
  // nothing of it reached the task
  await director.page.reload() // the drawer stays open (?task= in the address)
  const again = director.page.getByRole('dialog', { name: '任务详情' })
  await expect(again.getByText('暂无现场材料')).toBeVisible()
  await expect(again.getByTestId('evidence-note')).toHaveCount(0)
  // the person decides to drop it
  await refused.getByRole('button', { name: '放弃此操作' }).tap()
  await expect(task.queued()).toHaveCount(0)

  await adminContext.close()
  await fieldContext.close()
})

/**
 * 开始办理 queued offline while the director started the task meanwhile: the task is in progress, which
 * is what the person asked for, so the refused start is settled quietly (not kept as 未被接受), the
 * actions queued after it still go through, and the history keeps the one start, by the director.
 */
test('a queued start on a task someone else started meanwhile is settled, not kept', async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? ''
  const title = `他人已开始 ${Date.now().toString(36)}`
  const { taskId, cookie } = await directorAssigns(base, title)

  const context = await browser.newContext(phone)
  const { field, task } = await openOnPhone(context, title)
  await context.setOffline(true)
  await task.start()
  await task.addNote('离线时走访记录')
  await expect(task.queued()).toHaveCount(2)
  await expect(task.status()).toHaveText('办理中（待同步）')

  const { version } = (await trpcCall(base, 'task.get', { id: taskId }, cookie)).data as { version: number }
  await trpcCall(base, 'task.start', { id: taskId, version }, cookie)

  await context.setOffline(false)
  await expect(task.queued()).toHaveCount(0, { timeout: 20_000 })
  await expect(field.page.getByText('未被接受')).toHaveCount(0)
  await expect(task.status()).toHaveText('办理中')
  const started = field.page.locator('ol.history li').filter({ hasText: '开始办理' })
  await expect(started).toHaveCount(1)
  await expect(started).toContainText('南麻所长（演示）')

  const detail = (await trpcCall(base, 'task.get', { id: taskId }, cookie)).data as {
    status: string
    history: Array<{ kind: string; actorName: string }>
    evidence: Array<{ kind: string; note: string | null }>
  }
  expect(detail.status).toBe('in_progress')
  expect(detail.history.filter((h) => h.kind === 'started').map((h) => h.actorName)).toEqual([
    '南麻所长（演示）',
  ])
  expect(detail.evidence.map((e) => e.note)).toEqual(['离线时走访记录'])
  expect(await outboxRecords(field.page)).toBe(0)
  await context.close()
})

/**
 * A phone updated from the version that kept its outbox in localStorage: the waiting action is moved
 * into IndexedDB on start and delivered once; nothing stays behind in localStorage.
 */
test('an outbox left in localStorage by the earlier version is moved over and delivered once', async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? ''
  const title = `旧版待上传 ${Date.now().toString(36)}`
  const { taskId, cookie } = await directorAssigns(base, title)

  const context = await browser.newContext(phone)
  const page = await context.newPage()
  const field = new FieldApp(page)
  await field.login('staff-lucun-1')
  await field.verifyOnPage()
  // what the earlier version had written: the whole outbox as one localStorage entry, no sequence
  const key = crypto.randomUUID()
  await page.evaluate(
    ([k, id, t]) =>
      localStorage.setItem(
        'pz.field.outbox',
        JSON.stringify([
          {
            key: k,
            taskId: id,
            taskTitle: t,
            kind: 'note',
            at: new Date().toISOString(),
            note: '旧版本留下的备注',
            state: 'pending',
          },
        ]),
      ),
    [key, taskId, title] as const,
  )
  await page.reload()
  await field.verifyOnPage()

  await expect
    .poll(
      async () => {
        const detail = (await trpcCall(base, 'task.get', { id: taskId }, cookie)).data as {
          evidence: Array<{ kind: string; note: string | null }>
        }
        return detail.evidence.filter((e) => e.kind === 'note').map((e) => e.note)
      },
      { timeout: 30_000 },
    )
    .toEqual(['旧版本留下的备注'])
  expect(await page.evaluate(() => localStorage.getItem('pz.field.outbox'))).toBeNull()
  expect(await outboxRecords(page)).toBe(0)
  await context.close()
})

/**
 * A locked-down browser (Firefox's private mode, say): indexedDB.open answers with an error event and
 * no database is ever opened. Runs before the app's own scripts on every load of the page, and counts
 * the refusals so the test knows the app did ask for IndexedDB first.
 */
const refuseIndexedDb = () => {
  const w = window as unknown as { refusedIdbOpens: number }
  w.refusedIdbOpens = 0
  IDBFactory.prototype.open = () => {
    w.refusedIdbOpens += 1
    const error = new DOMException(
      'A mutation operation was attempted on a database that did not allow mutations.',
      'InvalidStateError',
    )
    const request = new EventTarget() as IDBOpenDBRequest
    Object.defineProperties(request, {
      error: { get: () => error },
      readyState: { get: () => 'done' },
      result: {
        get: () => {
          throw new DOMException('The request has not finished.', 'InvalidStateError')
        },
      },
    })
    setTimeout(() => {
      const event = new Event('error', { cancelable: true })
      request.onerror?.call(request, event)
      request.dispatchEvent(event)
    })
    return request
  }
}

/** An IndexedDB whose open request never answers, as some older iOS Safari versions did. */
const hangIndexedDb = () => {
  IDBFactory.prototype.open = () => new EventTarget() as IDBOpenDBRequest
}

/** How many times the page asked for IndexedDB (and was refused) since it was loaded. */
const refusedIdbOpens = (page: Page) =>
  page.evaluate(() => (window as unknown as { refusedIdbOpens: number }).refusedIdbOpens)

/** The outbox as the field app keeps it in localStorage (the fallback): "kind:state" of each item. */
const localOutbox = (page: Page) =>
  page.evaluate(() => {
    const raw = localStorage.getItem('pz.field.outbox')
    if (raw === null) return null
    return (JSON.parse(raw) as Array<{ kind: string; state: string }>).map((i) => `${i.kind}:${i.state}`)
  })

const pending = (...kinds: string[]) => kinds.map((k) => `${k}:pending`)

/**
 * Where IndexedDB cannot be opened the outbox lives in localStorage: work queued offline survives the
 * phone's browser being opened again, is delivered once when the signal returns, a full localStorage
 * is said plainly (in Chinese) instead of losing the action, and logout leaves nothing on the phone.
 */
test('where IndexedDB cannot be opened the outbox is kept in localStorage, survives a reload and syncs once', async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? ''
  const title = `无痕模式走访 ${Date.now().toString(36)}`
  const { taskId, cookie } = await directorAssigns(base, title)

  const context = await browser.newContext(phone)
  await context.addInitScript(refuseIndexedDb)
  const { page, field, task } = await openOnPhone(context, title)
  await shellReady(context)
  expect(await refusedIdbOpens(page)).toBeGreaterThan(0)

  await context.setOffline(true)
  await task.start()
  await expect(task.status()).toHaveText('办理中（待同步）')
  await task.checkIn()
  await task.addNote('无痕模式下记录的走访情况')
  await task.addPhoto()
  await expect(task.queued()).toHaveCount(4)
  expect(await localOutbox(page)).toEqual(pending('start', 'checkin', 'note', 'photo'))

  // localStorage is small: once it is full, an action is refused in plain Chinese, never lost silently.
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20)
    for (let n = 0; chunk.length > 0; n++) {
      try {
        localStorage.setItem(`e2e-filler.${n}`, chunk)
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1)
      }
    }
  })
  await page.getByRole('button', { name: '添加备注' }).tap()
  await page.getByLabel('备注内容').fill('存储已满时的备注')
  await page.getByRole('button', { name: '保存备注' }).tap()
  await expect(page.getByRole('alert').filter({ hasText: '存储空间' })).toHaveText(
    '手机存储空间不足，未能保存，请删除部分照片后重试',
  )
  await expect(task.queued()).toHaveCount(4)
  await page.getByRole('button', { name: '取消' }).tap()
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('e2e-filler.')) localStorage.removeItem(k)
  })
  expect(await localOutbox(page)).toEqual(pending('start', 'checkin', 'note', 'photo'))

  await task.markDone('无痕模式下走访完毕')
  await expect(task.queued()).toHaveCount(5)
  await expect(page.getByText('5 条操作待上传')).toBeVisible()

  // The phone's browser is closed and opened again, still offline: IndexedDB is refused again and the
  // queued work comes back from localStorage, so it was on the phone, not only in the page's memory.
  await page.reload()
  await task.verifyOnPage(title)
  await expect(task.queued()).toHaveCount(5)
  await expect(task.queued().first()).toContainText('开始办理')
  await expect(task.queued().last()).toContainText('标记完成')
  await expect(task.status()).toHaveText('办理中（待同步）')
  await expect(page.getByText('5 条操作待上传')).toBeVisible()
  expect(await refusedIdbOpens(page)).toBeGreaterThan(0)
  expect(await localOutbox(page)).toEqual(pending('start', 'checkin', 'note', 'photo', 'complete'))
  const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
  expect(databases).not.toContain('pingzhan-field')
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pz.field.')))
  expect(kept).toEqual(expect.arrayContaining(['pz.field.outbox', `pz.field.task.${taskId}`]))

  // Back online: the outbox empties by itself, on screen and in localStorage.
  await context.setOffline(false)
  await expect(task.queued()).toHaveCount(0, { timeout: 20_000 })
  await expect(page.getByText('条操作待上传')).toHaveCount(0)
  await expect.poll(() => localOutbox(page)).toEqual([])
  await expect(page.getByText('已完成').first()).toBeVisible()

  // The director sees exactly one of each.
  const detail = (await trpcCall(base, 'task.get', { id: taskId }, cookie)).data as {
    status: string
    completionNote: string | null
    evidence: Array<{ kind: string; note: string | null; lat: number | null; lng: number | null }>
    history: Array<{ kind: string }>
  }
  expect(detail.status).toBe('done')
  expect(detail.completionNote).toBe('无痕模式下走访完毕')
  expect(detail.evidence.map((e) => e.kind).sort()).toEqual(['checkin', 'note', 'photo'])
  const checkin = detail.evidence.find((e) => e.kind === 'checkin')
  expect(checkin?.lat).toBeCloseTo(36.1856, 5)
  expect(checkin?.lng).toBeCloseTo(118.1702, 5)
  expect(detail.evidence.find((e) => e.kind === 'note')?.note).toBe('无痕模式下记录的走访情况')
  const kinds = ['started', 'checked_in', 'noted', 'photo_added', 'completed']
  const times = Object.fromEntries(kinds.map((k) => [k, detail.history.filter((h) => h.kind === k).length]))
  expect(times).toEqual(Object.fromEntries(kinds.map((k) => [k, 1])))

  // Logging out leaves no outbox and no task data in the phone's localStorage.
  await page.getByRole('button', { name: '退出登录' }).tap()
  await expect(page.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  const left = await page.evaluate(() => Object.entries(localStorage))
  expect(left.filter(([k]) => k.startsWith('pz.field.'))).toEqual([])
  expect(left.filter(([, v]) => v.includes(taskId) || v.includes(title))).toEqual([])
  await context.close()
})

/** An IndexedDB that never answers must not stall the phone: after a few seconds the outbox falls back. */
test('where IndexedDB never answers the outbox falls back to localStorage and still delivers', async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? ''
  const title = `存储无响应 ${Date.now().toString(36)}`
  const { taskId, cookie } = await directorAssigns(base, title)

  const context = await browser.newContext(phone)
  await context.addInitScript(hangIndexedDb)
  const { page, task } = await openOnPhone(context, title)
  await context.setOffline(true)
  await task.start()
  await expect(task.status()).toHaveText('办理中（待同步）')
  expect(await localOutbox(page)).toEqual(pending('start'))

  await context.setOffline(false)
  await expect(task.queued()).toHaveCount(0, { timeout: 20_000 })
  const detail = (await trpcCall(base, 'task.get', { id: taskId }, cookie)).data as {
    status: string
    history: Array<{ kind: string }>
  }
  expect(detail.status).toBe('in_progress')
  expect(detail.history.filter((h) => h.kind === 'started')).toHaveLength(1)
  await context.close()
})
