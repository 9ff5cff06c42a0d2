// Issue 4 bench: initial JS of the field app and the kiosk (gzip, from the built dist), and a cold
// load of each in Chromium on a throttled mobile profile (Slow 4G as Lighthouse defines it: 150 ms
// RTT, 1.6 Mbit/s down, 750 kbit/s up; CPU slowed 4×; Pixel 5 viewport; empty cache), with the bytes
// it actually transferred (the server sends the build's brotli/gzip copies to browsers that accept them).
// Target (issue 4): ≤ 60 KB gzip JS for the field app.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, devices } from '@playwright/test'
import { OwnServer } from '../support/own-server.ts'

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
) => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  })
  const times: number[] = []
  const transferred: number[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ ...devices['Pixel 5'], locale: 'zh-CN' })
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
      cdp.on('Network.loadingFinished', (e) => {
        bytes += e.encodedDataLength
      })
      const t0 = Date.now()
      await page.goto(base + path)
      await ready(page)
      times.push(Date.now() - t0)
      transferred.push(bytes)
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
    console.log(
      '\n[mobile load] initial JS gzip, cold load to first usable screen (Slow 4G, CPU 4×, Pixel 5)',
    )
    console.log(
      `field app: ${field.kb.toFixed(1)} KB gzip JS (target ≤ 60) ${field.kb <= 60 ? 'OK' : 'ABOVE TARGET'};  cold load median ${f.median} ms (runs ${f.all.join(', ')} ms), ${f.kb.toFixed(1)} KB transferred`,
    )
    console.log(
      `kiosk:     ${kiosk.kb.toFixed(1)} KB gzip JS;  cold load median ${k.median} ms (runs ${k.all.join(', ')} ms), ${k.kb.toFixed(1)} KB transferred`,
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
