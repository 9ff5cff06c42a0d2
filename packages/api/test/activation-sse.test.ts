// activation.events over real HTTP: the fan-out route speaks tRPC's SSE protocol, delivers each event
// once to every entitled connection and to no one else, refuses the unauthenticated and departments,
// and ends a stream with a serialized UNAUTHORIZED error when its session is gone.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sweeperOf } from '../src/realtime/session-sweep.ts'
import { fanoutOf } from '../src/realtime/sse-fanout.ts'
import { buildServer } from '../src/server.ts'
import { dialects, setupApp, signedIn, type TestApp } from './harness.ts'

const START = {
  dutyCode: 'office.wartime.3',
  reason: 'SSE 测试：群体性纠纷',
  place: '南麻街道',
  expectedMinutes: 60,
  peopleNeeded: 4,
}

/** An open SSE connection: everything received so far, and a way to wait for a fragment. */
const open = async (base: string, token: string | null) => {
  const controller = new AbortController()
  const res = await fetch(`${base}/trpc/activation.events`, {
    headers: { accept: 'text/event-stream', ...(token ? { cookie: `pz_session=${token}` } : {}) },
    signal: controller.signal,
  })
  let text = ''
  let ended = false
  if (res.ok && res.body) {
    const reader = res.body.getReader()
    const decoder = new TextDecoder()
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          text += decoder.decode(value, { stream: true })
        }
      } catch {}
      ended = true
    })()
  }
  const until = async (fragment: string, ms = 3000) => {
    for (let waited = 0; waited < ms && !text.includes(fragment); waited += 10) {
      await new Promise((r) => setTimeout(r, 10))
    }
    return text.includes(fragment)
  }
  return {
    res,
    text: () => text,
    ended: () => ended,
    until,
    close: () => controller.abort(),
  }
}

describe.each(dialects)('activation.events over HTTP (%s)', (dialect) => {
  let app: TestApp
  let server: FastifyInstance
  let base: string
  beforeAll(async () => {
    app = await setupApp(dialect)
    server = await buildServer(app.deps)
    await server.listen({ host: '127.0.0.1', port: 0 })
    const address = server.server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    await server?.close()
    await app?.close()
  })

  const tokenOf = async (username: string) => (await signedIn(app, username)).jar.pz_session ?? ''

  it('fans each event out to the entitled, in the tRPC wire format, and to nobody else', async () => {
    expect((await open(base, null)).res.status).toBe(401)
    expect((await open(base, await tokenOf('dept-1'))).res.status).toBe(403)

    const lucun = await open(base, await tokenOf('staff-lucun-1'))
    const xili = await open(base, await tokenOf('staff-xili-1'))
    expect(lucun.res.headers.get('content-type')).toContain('text/event-stream')
    expect(lucun.res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await lucun.until('event: connected\ndata: {"reconnectAfterInactivityMs":40000}')).toBe(true)
    expect(await xili.until('event: connected')).toBe(true)
    expect(fanoutOf(app.deps).size).toBe(2)

    const director = await signedIn(app, 'dir-nanma')
    const { id } = await director.call.activation.start(START)
    expect(await lucun.until(`"activationId":"${id}"`)).toBe(true)
    const frame = lucun
      .text()
      .split('\n\n')
      .find((f) => f.includes(id))
    const data = JSON.parse((frame ?? '').replace(/^data: /, '')) as Record<string, unknown>
    expect(data).toMatchObject({ activationId: id, area: 'lucun', kind: 'ActivationStarted' })
    expect(data.text).toContain('司法所战时工作职责③')
    expect(await xili.until(id, 300)).toBe(false)

    lucun.close()
    xili.close()
    for (let i = 0; i < 100 && fanoutOf(app.deps).size > 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(fanoutOf(app.deps).size).toBe(0)
    const brigade = await signedIn(app, 'brigade')
    await brigade.call.activation.standDown({ id, summary: 'SSE 测试收队' })
  })

  it('ends the stream with a serialized UNAUTHORIZED when the session is logged out', async () => {
    const member = await signedIn(app, 'staff-lucun-2')
    const stream = await open(base, member.jar.pz_session ?? '')
    expect(await stream.until('event: connected')).toBe(true)
    // the logout ends the stream at once (services/session-end.ts), not at the next 30 s sweep
    await member.call.auth.logout({})
    expect(await stream.until('event: serialized-error')).toBe(true)
    expect(await sweeperOf(app.deps).sweep()).toBe(0)
    expect(stream.text()).toContain('"code":-32001')
    expect(stream.text()).toContain('登录已失效')
    for (let i = 0; i < 100 && !stream.ended(); i++) await new Promise((r) => setTimeout(r, 10))
    expect(stream.ended()).toBe(true)
    expect(fanoutOf(app.deps).size).toBe(0)
  })

  it('ends the stream at once when an administrator disables the account, and on a force logout', async () => {
    const admin = await signedIn(app, 'admin')
    const secadmin = await signedIn(app, 'secadmin')
    const member = await signedIn(app, 'staff-lucun-3')
    const disabled = await open(base, member.jar.pz_session ?? '')
    expect(await disabled.until('event: connected')).toBe(true)
    const memberId = (await member.call.auth.me())?.id ?? ''
    await admin.call.user.setDisabled({ id: memberId, disabled: true })
    expect(await disabled.until('event: serialized-error', 1000)).toBe(true)
    expect(disabled.text()).toContain('登录已失效')
    await admin.call.user.setDisabled({ id: memberId, disabled: false })

    const other = await signedIn(app, 'staff-lucun-4')
    const forced = await open(base, other.jar.pz_session ?? '')
    expect(await forced.until('event: connected')).toBe(true)
    const otherId = (await other.call.auth.me())?.id ?? ''
    const session = (await secadmin.call.session.list({})).find((s) => s.userId === otherId)
    await secadmin.call.session.end({ id: session?.id ?? '' })
    expect(await forced.until('event: serialized-error', 1000)).toBe(true)
    for (let i = 0; i < 100 && fanoutOf(app.deps).size > 0; i++) await new Promise((r) => setTimeout(r, 10))
    expect(fanoutOf(app.deps).size).toBe(0)
  })
})
