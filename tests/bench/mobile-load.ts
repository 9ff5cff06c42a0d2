// Issue 4 bench: initial JS of the field app and the kiosk (gzip, from the built dist), and a cold
// load of each in Chromium on a throttled mobile profile (Slow 4G as Lighthouse defines it: 150 ms
// RTT, 1.6 Mbit/s down, 750 kbit/s up; CPU slowed 4×; Pixel 5 viewport; empty cache), with the bytes
// it actually transferred (the server sends the build's brotli/gzip copies to browsers that accept them).
// Target (issue 4): ≤ 60 KB gzip JS for the field app.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, devices } from '@playwright/test'
import { DEMO_PASSWORD } from '../pages/admin/admin.page.ts'
import { OwnServer, trpcCall } from '../support/own-server.ts'

const root = resolve(import.meta.dirname, '..', '..')
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 3)

const jsOf = (app: string) => {
  const dir = join(root, 'apps', app, 'dist', 'assets')
  const html = readFileSync(join(root, 'apps', app, 'dist', 'index.html'), 'utf8')
  // initial = the scripts index.html loads (lazy chunks are not in it)
  const initial = readdirSync(dir).filter((f) => f.endsWith('.js') && html.includes(f))
  const bytes = initial.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0)
  return { files: initial, kb: bytes / 1024 }
}

const coldLoad = async (
  base: string,
  path: string,
  ready: (page: import('@playwright/test').Page) => Promise<void>,
  /** a session cookie (name=value) the load starts with: a signed-in person opening the app */
  session?: string,
) => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  })
  const times: number[] = []
  const transferred: number[] = []
  const apiTransferred: number[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ ...devices['Pixel 5'], locale: 'zh-CN' })
      if (session) {
        const at = session.indexOf('=')
        await context.addCookies([{ name: session.slice(0, at), value: session.slice(at + 1), url: base }])
      }
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      })
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
      // bytes on the wire (headers and, compressed or not, bodies) of everything the load fetched
      let bytes = 0
      let apiBytes = 0
      const api = new Set<string>()
      cdp.on('Network.requestWillBeSent', (e) => {
        if (e.request.url.includes('/trpc/')) api.add(e.requestId)
      })
      cdp.on('Network.loadingFinished', (e) => {
        bytes += e.encodedDataLength
        if (api.has(e.requestId)) apiBytes += e.encodedDataLength
      })
      const t0 = Date.now()
      await page.goto(base + path)
      await ready(page)
      times.push(Date.now() - t0)
      transferred.push(bytes)
      apiTransferred.push(apiBytes)
      await context.close()
    }
  } finally {
    await browser.close()
  }
  times.sort((a, b) => a - b)
  return {
    median: times[Math.floor(times.length / 2)] ?? 0,
    all: times,
    kb: Math.max(...transferred) / 1024,
    apiKb: Math.max(...apiTransferred) / 1024,
  }
}

const main = async () => {
  const field = jsOf('field')
  const kiosk = jsOf('kiosk')
  const server = new OwnServer()
  await server.start()
  try {
    const f = await coldLoad(server.url, '/field/', (p) => p.getByRole('button', { name: '登录' }).waitFor())
    const k = await coldLoad(server.url, '/kiosk/', (p) => p.getByRole('heading').first().waitFor())
    // a squad member who signed in before opens the app: shell, session check and the first page of
    // tasks (its API answers compressed like everything else). The demo gives the member no open work,
    // so a director first assigns a full page of it (50 tasks).
    const director = await trpcCall(server.url, 'auth.login', {
      username: 'dir-nanma',
      password: DEMO_PASSWORD,
    })
    const people = await trpcCall(server.url, 'org.assignees', {}, director.cookie)
    const member = (people.data as Array<{ id: string; displayName: string }>).find((p) =>
      p.displayName.startsWith('鲁村中队队员一'),
    )
    if (!member) throw new Error('demo member 鲁村中队队员一 not found')
    for (let i = 0; i < 50; i++) {
      await trpcCall(
        server.url,
        'task.create',
        {
          unitKind: 'office',
          unitCode: 'nanma',
          dutyCode: 'office.peacetime.3',
          title: `入户走访并宣讲民法典婚姻家庭编（第 ${i + 1} 户）`,
          description: '携带宣传资料，记录群众提出的法律问题，需要法律援助的当场登记。',
          dueDate: '2099-12-31',
          assigneeIds: [member.id],
        },
        director.cookie,
      )
    }
    const { cookie } = await trpcCall(server.url, 'auth.login', {
      username: 'staff-lucun-1',
      password: DEMO_PASSWORD,
    })
    const t = await coldLoad(
      server.url,
      '/field/',
      (p) => p.locator('a[href*="/field/task/"]').first().waitFor(),
      cookie,
    )
    console.log(
      '\n[mobile load] initial JS gzip, cold load to first usable screen (Slow 4G, CPU 4×, Pixel 5)',
    )
    console.log(
      `field app: ${field.kb.toFixed(1)} KB gzip JS (target ≤ 60) ${field.kb <= 60 ? 'OK' : 'ABOVE TARGET'};  cold load median ${f.median} ms (runs ${f.all.join(', ')} ms), ${f.kb.toFixed(1)} KB transferred`,
    )
    console.log(
      `kiosk:     ${kiosk.kb.toFixed(1)} KB gzip JS;  cold load median ${k.median} ms (runs ${k.all.join(', ')} ms), ${k.kb.toFixed(1)} KB transferred`,
    )
    console.log(
      `field app, signed in, to the first task on screen: cold load median ${t.median} ms (runs ${t.all.join(', ')} ms), ${t.kb.toFixed(1)} KB transferred, of which API ${t.apiKb.toFixed(1)} KB`,
    )
    if (field.kb > 60) process.exitCode = 1
  } finally {
    await server.kill()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
