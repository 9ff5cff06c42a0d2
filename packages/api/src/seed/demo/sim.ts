// The demo generator's simulation: a clock it moves through the past, a Context for calling the
// services as the API does, the demo accounts as the services see them, and a time-ordered queue of
// actions. Every service call runs with `deps.clock` at the action's instant, so audit rows, histories
// and deadlines carry realistic times.

import { decodeUser, USER_COLUMNS, type User } from '../../repos/users.ts'
import { newId, shanghaiDate } from '../../shared.ts'
import type { Context, Deps, RequestInfo } from '../../trpc/context.ts'
import { addDays, shanghaiAt } from '../names.ts'
import type { Rng } from '../prng.ts'

export interface Sim {
  /** the real present the demo ends on */
  readonly endMs: number
  readonly today: string
  /** the first simulated day (about six months back) */
  readonly firstDay: string
  readonly rng: Rng
  /** Context for the services: deps whose clock reads the simulated time */
  readonly ctx: Context
  /** the simulated instant */
  readonly now: () => number
  readonly user: (username: string) => User
  readonly users: ReadonlyArray<User>
  /** queues `run` at instant `at` (ignored when past the real present) */
  readonly at: (at: number | Date, run: () => Promise<void>) => void
  /** a working-hours instant on a civil date (Shanghai), minutes into the day chosen at random */
  readonly workTime: (date: string, fromHour?: number, toHour?: number) => Date
  /** an instant `minutes` after `from` (queued actions past the present are dropped) */
  readonly later: (from: number | Date, minutes: number) => number
  /** a working-hours instant on `date`, but never later than a few minutes before the present */
  readonly recent: (date: string, fromHour?: number, toHour?: number) => Date
  /** counts of service calls by name, for the report */
  readonly calls: Map<string, number>
  readonly call: <T>(name: string, run: () => Promise<T>) => Promise<T>
}

interface Job {
  readonly at: number
  readonly seq: number
  readonly run: () => Promise<void>
}

/** A binary min-heap on (at, seq): equal instants run in the order they were queued. */
class Queue {
  #items: Job[] = []
  get size() {
    return this.#items.length
  }
  push(job: Job) {
    const a = this.#items
    a.push(job)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!before(a[i] as Job, a[p] as Job)) break
      ;[a[i], a[p]] = [a[p] as Job, a[i] as Job]
      i = p
    }
  }
  pop(): Job | undefined {
    const a = this.#items
    const top = a[0]
    const last = a.pop()
    if (a.length > 0 && last) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < a.length && before(a[l] as Job, a[m] as Job)) m = l
        if (r < a.length && before(a[r] as Job, a[m] as Job)) m = r
        if (m === i) break
        ;[a[i], a[m]] = [a[m] as Job, a[i] as Job]
        i = m
      }
    }
    return top
  }
}

const workTimeWith =
  (rng: Rng) =>
  (date: string, fromHour = 8, toHour = 17): Date => {
    const minutes = rng.int(fromHour * 60 + 30, toHour * 60 + 30)
    return shanghaiAt(date, Math.floor(minutes / 60), minutes % 60)
  }

const recentWith =
  (rng: Rng, endMs: number) =>
  (date: string, fromHour = 8, toHour = 17): Date => {
    const at = workTimeWith(rng)(date, fromHour, toHour)
    return at.getTime() < endMs - 300_000 ? at : new Date(endMs - rng.int(5, 60) * 60_000)
  }

/** The same simulation with its own random stream: one module's choices never shift another's. */
export const forkSim = (sim: Sim, label: string): Sim => {
  const rng = sim.rng.fork(label)
  return { ...sim, rng, workTime: workTimeWith(rng), recent: recentWith(rng, sim.endMs) }
}

const before = (x: Job, y: Job) => x.at < y.at || (x.at === y.at && x.seq < y.seq)

export const createSim = async (
  deps: Deps,
  options: { rng: Rng; end: Date; days: number },
): Promise<{ sim: Sim; run: (afterJob?: (n: number) => void) => Promise<number> }> => {
  const endMs = options.end.getTime()
  const today = shanghaiDate(options.end)
  const firstDay = addDays(today, -options.days)
  let nowMs = shanghaiAt(firstDay, 8).getTime()
  const simDeps: Deps = { ...deps, clock: () => new Date(nowMs) }
  const req: RequestInfo = {
    ip: '10.10.0.1',
    origin: null,
    host: null,
    csrfHeader: '1',
    get correlationId() {
      return newId()
    },
    cookies: {},
    setCookie: () => {},
    clearCookie: () => {},
  }
  const rows = await deps.db.selectFrom('users').select(USER_COLUMNS).where('demo', '=', 1).execute()
  const users = rows.map(decodeUser)
  const byName = new Map(users.map((u) => [u.username, u]))
  const queue = new Queue()
  let seq = 0
  const calls = new Map<string, number>()
  const rng = options.rng
  const sim: Sim = {
    endMs,
    today,
    firstDay,
    rng,
    ctx: { deps: simDeps, req },
    now: () => nowMs,
    users,
    user: (username) => {
      const u = byName.get(username)
      if (!u) throw new Error(`demo: no account ${username}`)
      return u
    },
    at: (at, run) => {
      const ms = typeof at === 'number' ? at : at.getTime()
      if (ms > endMs) return
      queue.push({ at: Math.max(ms, nowMs), seq: seq++, run })
    },
    workTime: workTimeWith(rng),
    later: (from, minutes) => (typeof from === 'number' ? from : from.getTime()) + minutes * 60_000,
    recent: recentWith(rng, endMs),
    calls,
    call: async (name, run) => {
      calls.set(name, (calls.get(name) ?? 0) + 1)
      try {
        return await run()
      } catch (error) {
        const at = new Date(nowMs).toISOString()
        throw new Error(
          `演示数据生成失败：${name} @ ${at}：${error instanceof Error ? error.message : String(error)}`,
          {
            cause: error,
          },
        )
      }
    },
  }
  const run = async (afterJob?: (n: number) => void): Promise<number> => {
    let n = 0
    for (let job = queue.pop(); job !== undefined; job = queue.pop()) {
      nowMs = Math.max(nowMs, job.at)
      await job.run()
      n++
      afterJob?.(n)
    }
    nowMs = endMs
    return n
  }
  return { sim, run }
}
