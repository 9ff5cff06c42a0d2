import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { passwordProblem } from '../src/auth/password.ts'
import { tokenHash } from '../src/crypto/keys.ts'
import { SessionCache } from '../src/repos/sessions.ts'
import { agent, dialects, setupApp, type TestApp } from './harness.ts'

const PASSWORD = 'Demo#2026'

const auditActions = async (app: TestApp, subjectId?: string) => {
  let q = app.deps.db.selectFrom('audit_log').select(['action', 'subject_id']).orderBy('seq')
  if (subjectId) q = q.where('subject_id', '=', subjectId)
  return (await q.execute()).map((r) => r.action)
}

describe('password policy', () => {
  it('needs 8 characters, 3 of 4 classes, not common, not the username', () => {
    expect(passwordProblem('Ab#1', 'u')).toBe('密码至少 8 位')
    expect(passwordProblem('abcdefgh1', 'u')).toMatch(/至少 3 类/)
    expect(passwordProblem('P@ssw0rd', 'u')).toMatch(/常见/)
    expect(passwordProblem('Zhang#2026x', 'zhang')).toMatch(/用户名/)
    expect(passwordProblem('Demo#2026', 'admin')).toBeNull()
    expect(passwordProblem('lower123UPPER', 'admin')).toBeNull()
  })
})

describe.each(dialects)('accounts and sessions (%s)', (dialect) => {
  let app: TestApp
  beforeAll(async () => {
    app = await setupApp(dialect, { env: { LOCKOUT_MINUTES: '15' } })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('logs in with a server-side session (only a hash stored), me, logout ends it on the server', async () => {
    const a = agent(app)
    expect(await a.call.auth.me()).toBeNull()
    const { user } = await a.call.auth.login({ username: 'dir-nanma', password: PASSWORD })
    expect(user).toMatchObject({
      username: 'dir-nanma',
      displayName: '南麻所长（演示）',
      role: 'officeDirector',
      roleLabel: '司法所长',
      office: { code: 'nanma', name: '南麻司法所' },
      squad: null,
    })
    const token = a.jar.pz_session ?? ''
    expect(token.length).toBeGreaterThan(30)
    const stored = await app.deps.db.selectFrom('sessions').select('token_hash').execute()
    expect(stored.map((s) => s.token_hash)).not.toContain(token)
    expect((await a.call.auth.me())?.id).toBe(user.id)

    await a.call.auth.logout({})
    expect(a.jar.pz_session).toBeUndefined()
    // The old token is dead on the server, not only in the browser.
    const replay = agent(app)
    replay.jar.pz_session = token
    expect(await replay.call.auth.me()).toBeNull()
    expect(await auditActions(app)).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']))
  })

  it('gives a new session id at each login', async () => {
    const a = agent(app)
    await a.call.auth.login({ username: 'dir-lucun', password: PASSWORD })
    const first = a.jar.pz_session
    await a.call.auth.login({ username: 'dir-lucun', password: PASSWORD })
    expect(a.jar.pz_session).not.toBe(first)
    const old = agent(app)
    old.jar.pz_session = first
    expect(await old.call.auth.me()).toBeNull()
  })

  it('locks after 5 failures with the same message as an unknown user, and audits every step', async () => {
    const a = agent(app, { ip: '10.1.1.1' })
    const unknown = await a.call.auth
      .login({ username: 'no-such-user', password: 'Wrong#123' })
      .catch((e) => e)
    expect(unknown).toMatchObject({ code: 'UNAUTHORIZED' })
    const messages = new Set<string>([unknown.message])
    for (let i = 0; i < 5; i++) {
      const e = await a.call.auth.login({ username: 'dir-xili', password: 'Wrong#123' }).catch((err) => err)
      expect(e).toMatchObject({ code: 'UNAUTHORIZED' })
      messages.add(e.message)
    }
    // Locked: even the right password is refused, with the same message.
    const locked = await a.call.auth.login({ username: 'dir-xili', password: PASSWORD }).catch((e) => e)
    expect(locked).toMatchObject({ code: 'UNAUTHORIZED' })
    messages.add(locked.message)
    expect([...messages]).toHaveLength(1)
    expect([...messages][0]).toMatch(/用户名或密码错误/)

    const user = await app.deps.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'dir-xili')
      .executeTakeFirstOrThrow()
    const actions = await auditActions(app, user.id)
    expect(actions.filter((x) => x === 'auth.loginFailed')).toHaveLength(5)
    expect(actions).toContain('auth.locked')
    expect(actions.at(-1)).toBe('auth.loginRefused')
    const anon = await app.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.loginFailed')
      .where('actor_name', '=', 'no-such-user')
      .execute()
    expect(anon).toHaveLength(1)

    // After LOCKOUT_MINUTES the right password works again.
    app.clock.advance(15 * 60_000 + 1)
    expect((await a.call.auth.login({ username: 'dir-xili', password: PASSWORD })).user.username).toBe(
      'dir-xili',
    )
  })

  it('expires a session after 30 idle minutes, and after 12 hours even when active', async () => {
    const idle = agent(app)
    await idle.call.auth.login({ username: 'lead-lucun', password: PASSWORD })
    app.clock.advance(29 * 60_000)
    expect(await idle.call.auth.me()).not.toBeNull()
    app.clock.advance(29 * 60_000)
    expect(await idle.call.auth.me()).not.toBeNull() // touched 29 min ago: still alive
    app.clock.advance(30 * 60_000 + 1)
    expect(await idle.call.auth.me()).toBeNull()
    await expect(idle.call.task.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: '请先登录' })

    const busy = agent(app)
    await busy.call.auth.login({ username: 'lead-xili', password: PASSWORD })
    for (let i = 0; i < 12 * 3; i++) {
      app.clock.advance(20 * 60_000)
      const me = await busy.call.auth.me()
      if (i < 12 * 3 - 1) expect(me).not.toBeNull()
      else expect(me).toBeNull()
    }
  })

  it('answers repeated calls from the session cache, still refreshing the idle clock in the database', async () => {
    const a = agent(app)
    await a.call.auth.login({ username: 'lead-shiqiao', password: PASSWORD })
    const token = a.jar.pz_session ?? ''
    const lastSeen = async () =>
      (
        await app.deps.db
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('token_hash', '=', tokenHash(token))
          .executeTakeFirstOrThrow()
      ).last_seen_at
    const before = await lastSeen()
    app.clock.advance(2_000)
    await a.call.auth.me()
    await a.call.auth.me()
    expect(app.deps.sessions.get(tokenHash(token), app.clock.now().getTime())).toBeDefined()
    expect(await lastSeen()).toBe(before)
    // past a minute the next call goes to the database and moves last_seen_at
    app.clock.advance(61_000)
    expect(await a.call.auth.me()).not.toBeNull()
    expect(await lastSeen()).toBe(app.clock.now().toISOString())
  })

  it('sees a session ended by another process within the cache lifetime of 5 s', async () => {
    const a = agent(app)
    await a.call.auth.login({ username: 'dir-xili', password: PASSWORD })
    expect(await a.call.auth.me()).not.toBeNull()
    // e.g. a second server or a maintenance script: this process's cache is not told
    await app.deps.db
      .deleteFrom('sessions')
      .where('token_hash', '=', tokenHash(a.jar.pz_session ?? ''))
      .execute()
    app.clock.advance(5_000)
    expect(await a.call.auth.me()).toBeNull()
    await expect(a.call.task.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })
})

describe('session cache', () => {
  const user = {
    id: 'u1',
    username: 'u',
    displayName: 'U',
    role: 'squadMember' as const,
    personCode: null,
    officeCode: null,
    squadCode: 'lucun',
    departmentCode: null,
    disabled: false,
    mustChangePassword: false,
    passwordChangedAt: '2026-11-26T00:00:00.000Z',
    demo: false,
    totpEnabled: false,
  }
  const entry = (sessionId: string, cachedAtMs: number) => ({
    sessionId,
    user,
    pendingTotp: false,
    lastSeenMs: cachedAtMs,
    expiresMs: cachedAtMs + 3_600_000,
    cachedAtMs,
  })

  it('keeps an entry for its lifetime only', () => {
    const cache = new SessionCache(5_000)
    cache.set('h1', entry('s1', 1_000), cache.generation)
    expect(cache.get('h1', 5_999)?.sessionId).toBe('s1')
    expect(cache.get('h1', 6_000)).toBeUndefined()
    expect(cache.size).toBe(0)
  })

  it('drops a read that began before an eviction, so a logout in flight is never undone', () => {
    const cache = new SessionCache()
    const generation = cache.generation // a request starts reading the session row
    cache.forgetSession('s1') // meanwhile the session is logged out
    cache.set('h1', entry('s1', 0), generation) // the request's stale row arrives
    expect(cache.get('h1', 1)).toBeUndefined()
  })

  it('forgets by token, by session and by user, and holds at most `max` entries', () => {
    const cache = new SessionCache(5_000, 2)
    cache.set('h1', entry('s1', 0), cache.generation)
    cache.set('h2', entry('s2', 0), cache.generation)
    cache.set('h3', entry('s3', 0), cache.generation)
    expect(cache.size).toBe(2)
    expect(cache.get('h1', 1)).toBeUndefined() // the oldest made room
    cache.forgetToken('h2')
    expect(cache.get('h2', 1)).toBeUndefined()
    cache.set('h4', entry('s4', 0), cache.generation)
    cache.forgetSession('s3')
    expect(cache.get('h3', 1)).toBeUndefined()
    expect(cache.get('h4', 1)?.sessionId).toBe('s4')
    cache.forgetUser('u1')
    expect(cache.size).toBe(0)
  })
})
