import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildServer } from '../src/server.ts'
import { dialects, setupApp, type TestApp } from './harness.ts'

const HOST = 'pingzhan.test'
const json = { 'content-type': 'application/json', host: HOST }

describe.each(dialects)('HTTP server (%s)', (dialect) => {
  let app: TestApp
  let server: FastifyInstance
  let apps: string
  beforeAll(async () => {
    app = await setupApp(dialect, { env: { ALLOWED_ORIGINS: 'https://admin.example.cn' } })
    apps = mkdtempSync(join(tmpdir(), 'pingzhan-apps-'))
    mkdirSync(join(apps, 'admin', 'dist', 'assets'), { recursive: true })
    writeFileSync(join(apps, 'admin', 'dist', 'index.html'), '<!doctype html><title>admin</title>')
    writeFileSync(join(apps, 'admin', 'dist', 'assets', 'app.js'), 'console.log(1)')
    // the compressed copies the Vite build writes next to each asset (vite-plugin-compression2)
    for (const file of ['index.html', 'assets/app.js']) {
      const plain = Buffer.from(
        file === 'index.html' ? '<!doctype html><title>admin</title>' : 'console.log(1)',
      )
      writeFileSync(join(apps, 'admin', 'dist', `${file}.br`), brotliCompressSync(plain))
      writeFileSync(join(apps, 'admin', 'dist', `${file}.gz`), gzipSync(plain))
    }
    server = await buildServer(app.deps, { appsRoot: apps })
  })
  afterAll(async () => {
    await server?.close()
    await app?.close()
    rmSync(apps, { recursive: true, force: true })
  })

  const login = (headers: Record<string, string>) =>
    server.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { ...json, ...headers },
      payload: { username: 'admin', password: 'Demo#2026' },
    })

  it('refuses a mutation without the CSRF header or from a foreign Origin', async () => {
    const noHeader = await login({ origin: `http://${HOST}` })
    expect(noHeader.statusCode).toBe(403)
    expect(noHeader.json().error.data).toMatchObject({ tag: 'CsrfRejected', code: 'FORBIDDEN' })
    expect(noHeader.json().error.message).toMatch(/安全校验/)

    const foreign = await login({ origin: 'https://evil.example.com', 'x-pingzhan-csrf': '1' })
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json().error.message).toMatch(/来源/)

    const noOrigin = await login({ 'x-pingzhan-csrf': '1' })
    expect(noOrigin.statusCode).toBe(403)

    const ok = await login({ origin: `http://${HOST}`, 'x-pingzhan-csrf': '1' })
    expect(ok.statusCode).toBe(200)
    const cookie = String(ok.headers['set-cookie'])
    expect(cookie).toMatch(/^pz_session=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Path=\//)

    const allowed = await login({ origin: 'https://admin.example.cn', 'x-pingzhan-csrf': '1' })
    expect(allowed.statusCode).toBe(200)
  })

  it('compresses API answers of 1 KB or more for clients that accept it, with a length either way', async () => {
    const ok = await login({ origin: `http://${HOST}`, 'x-pingzhan-csrf': '1' })
    const cookie = String(ok.headers['set-cookie']).split(';')[0] ?? ''
    const get = (url: string, headers: Record<string, string> = {}) =>
      server.inject({ url, headers: { host: HOST, cookie, ...headers } })
    const plain = await get('/trpc/deadline.rules')
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(Number(plain.headers['content-length'])).toBe(plain.rawPayload.length)
    expect(plain.rawPayload.length).toBeGreaterThan(1024)
    expect(plain.headers['cache-control']).toBe('no-store')

    const br = await get('/trpc/deadline.rules', { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3)
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json())
    const gz = await get('/trpc/deadline.rules', { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json())

    // a small answer is not worth compressing; an error keeps its status and Chinese message
    const me = await get('/trpc/auth.me', { 'accept-encoding': 'br' })
    expect(me.headers['content-encoding']).toBeUndefined()
    expect(me.json().result.data.username).toBe('admin')
    const missing = await get('/trpc/task.get?input=%7B%22id%22%3A%22nope%22%7D', { 'accept-encoding': 'br' })
    expect(missing.statusCode).toBeGreaterThanOrEqual(400)
    expect(missing.statusCode).toBeLessThan(500)
  })

  it('refuses form and multipart bodies on /trpc', async () => {
    const form = await server.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded', origin: `http://${HOST}` },
      payload: 'username=admin&password=x',
    })
    expect(form.statusCode).toBe(415)
    const multipart = await server.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { host: HOST, 'content-type': 'multipart/form-data; boundary=x', 'x-pingzhan-csrf': '1' },
      payload: '--x--',
    })
    expect(multipart.statusCode).toBe(415)
  })

  it('answers queries sent as POST (method override) with no-store and security headers', async () => {
    const res = await server.inject({ method: 'POST', url: '/trpc/auth.me', headers: json, payload: {} })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ result: { data: null } })
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(String(res.headers['content-security-policy'])).toMatch(/default-src 'self'/)
    expect(String(res.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/)
    expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('formats errors with Chinese message, tag, fieldErrors and correlation id', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/trpc/kiosk.bind',
      headers: { ...json, origin: `http://${HOST}`, 'x-pingzhan-csrf': '1' },
      payload: { code: 'x' },
    })
    expect(res.statusCode).toBe(400)
    const error = res.json().error
    expect(error.message).toMatch(/登记码/)
    expect(error.data).toMatchObject({
      code: 'BAD_REQUEST',
      tag: 'InvalidInput',
      fieldErrors: { code: expect.stringMatching(/登记码/) },
      correlationId: res.headers['x-correlation-id'],
    })
    expect(error.data.stack).toBeUndefined()
    const missing = await server.inject({
      method: 'POST',
      url: '/trpc/nope.nothing',
      headers: json,
      payload: {},
    })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('serves /health from the database, /info, the root redirect and the apps with SPA fallback', async () => {
    const health = await server.inject({ url: '/health' })
    expect(health.statusCode).toBe(200)
    expect(health.json()).toEqual({
      status: 'ok',
      database: dialect,
      process: { pid: process.pid, worker: null },
      bus: {
        kind: dialect === 'sqlite' ? 'local' : 'postgres',
        connected: true,
        reconnects: 0,
        recovered: 0,
      },
    })
    const info = (await server.inject({ url: '/info' })).json()
    expect(info).toMatchObject({ name: '@pingzhan/api', version: '0.1.0', database: dialect })
    expect('commit' in info).toBe(true)
    const root = await server.inject({ url: '/' })
    expect(root.statusCode).toBe(302)
    expect(root.headers.location).toBe('/admin/')
    expect((await server.inject({ url: '/admin/' })).body).toMatch(/<title>admin/)
    const deep = await server.inject({ url: '/admin/intake/123' })
    expect(deep.statusCode).toBe(200)
    expect(deep.body).toMatch(/<title>admin/)
    const asset = await server.inject({ url: '/admin/assets/app.js' })
    expect(asset.body).toBe('console.log(1)')
    expect(asset.headers['cache-control']).toMatch(/immutable/)
    expect(asset.headers['content-encoding']).toBeUndefined()

    // a browser that accepts brotli gets the compressed copy, with the same caching rules: the page
    // itself is revalidated on every load (a new build must reach the phones), hashed assets are not
    const br = { 'accept-encoding': 'gzip, deflate, br' }
    for (const url of ['/admin/', '/admin/intake/123']) {
      const page = await server.inject({ url, headers: br })
      expect(page.headers['content-encoding']).toBe('br')
      expect(page.headers.vary).toMatch(/accept-encoding/i)
      expect(page.headers['cache-control']).toBe('no-cache')
      expect(brotliDecompressSync(page.rawPayload).toString()).toMatch(/<title>admin/)
    }
    const brAsset = await server.inject({ url: '/admin/assets/app.js', headers: br })
    expect(brAsset.headers['content-encoding']).toBe('br')
    expect(brAsset.headers['cache-control']).toMatch(/immutable/)
    const gz = await server.inject({ url: '/admin/assets/app.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(
      (await server.inject({ url: '/admin/', headers: { 'accept-encoding': 'gzip' } })).headers[
        'cache-control'
      ],
    ).toBe('no-cache')
    const unbuilt = await server.inject({ url: '/kiosk/' })
    expect(unbuilt.statusCode).toBe(503)
  })
})

describe.each(dialects)('HTTP server without its database (%s)', (dialect) => {
  it('reports 503 on /health and hides the internal error of a procedure', async () => {
    const app = await setupApp(dialect)
    const server = await buildServer(app.deps)
    await app.close()
    const health = await server.inject({ url: '/health' })
    expect(health.statusCode).toBe(503)
    const res = await server.inject({
      method: 'POST',
      url: '/trpc/auth.me',
      headers: { ...json, cookie: 'pz_session=abc' },
      payload: {},
    })
    expect(res.statusCode).toBe(500)
    const error = res.json().error
    expect(error.message).toMatch(/^服务器内部错误/)
    expect(error.message).toContain(res.headers['x-correlation-id'])
    expect(JSON.stringify(error)).not.toMatch(/sqlite|pool|destroy|Error:/i)
    await server.close()
  })
})
