// Deadline engine benchmark (issue 5): recompute the obligations of 100k supervisees with their
// events, next to a raw scan of the same rows, in the same run (quote the ratio). Also times the
// full transactional recompute (writes, tasks, audit) of a sample of cases through the engine.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { type CaseEvent, obligationsOf } from '@pingzhan/domain'
import Sqlite from 'better-sqlite3'
import { startApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { toCaseEvent } from '../src/repos/supervisees.ts'
import { recomputeCase, SWEEP_ACTOR } from '../src/services/obligations.ts'
import { loadCalendar, loadRules } from '../src/services/work-calendar.ts'
import { newId } from '../src/shared.ts'

const CASES = Number(process.env.BENCH_CASES ?? 100_000)
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 1_000)
const dir = mkdtempSync(join(tmpdir(), 'pingzhan-bench-deadlines-'))
const path = join(dir, 'bench.db')
const config = loadConfig({
  PINGZHAN_DEMO: '1',
  PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
  SQLITE_PATH: path,
  NODE_ENV: 'production',
})
const started = await startApp(config, { clock: () => new Date('2026-11-26T02:00:00Z') })
const { db } = started.deps

// Seed with prepared statements, 10k rows per transaction (PERFORMANCE.md).
const raw = new Sqlite(path)
const actor = (raw.prepare("SELECT id FROM users WHERE username = 'staff-lucun-1'").get() as { id: string })
  .id
const towns = [
  ['nanma', 'lucun'],
  ['xili', 'xili'],
  ['shiqiao', 'shiqiao'],
  ['lishan', 'xili'],
] as const
const insertCase =
  raw.prepare(`INSERT INTO supervisees (id, name, id_number_enc, id_number_index, id_number_masked, sex,
  birth_date, minor, correction_type, judgment_date, term_start, term_end, town_code, office_code, area_code,
  management_level, prohibition_orders, team_json, status, created_by, created_at, updated_at, version)
  VALUES (?, ?, 'v1.x.x.x', ?, '3703**********0000', 'M', '1980-01-01', 0, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', ?, ?, ?, ?, 1)`)
const insertEvent =
  raw.prepare(`INSERT INTO supervisee_events (id, supervisee_id, kind, on_date, at, actor_id, data_json, note)
  VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`)
const day = (base: string, n: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const types = ['control', 'probation', 'parole', 'medicalParole'] as const
const levels = ['strict', 'normal', 'loose'] as const
const seedStart = performance.now()
let events = 0
const seed = raw.transaction((from: number, to: number) => {
  for (let i = from; i < to; i++) {
    const id = newId()
    const [town, area] = towns[i % towns.length] ?? towns[0]
    const judgment = day('2025-12-01', i % 360)
    const reported = i % 5 !== 0
    insertCase.run(
      id,
      `对象${i}`,
      `idx${i}`,
      types[i % 4],
      judgment,
      judgment,
      day(judgment, 365),
      town,
      town,
      area,
      levels[i % 3],
      reported ? 'active' : 'pending',
      actor,
      '2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00Z',
    )
    const at = `${judgment}T01:00:00.000Z`
    insertEvent.run(
      newId(),
      id,
      'judgment',
      judgment,
      at,
      actor,
      JSON.stringify({ termStart: judgment, termEnd: day(judgment, 365) }),
    )
    events++
    if (reported) {
      insertEvent.run(newId(), id, 'reported', day(judgment, 3), at, actor, '{}')
      insertEvent.run(newId(), id, 'intakeAnnounced', day(judgment, 4), at, actor, '{}')
      events += 2
      for (let v = 0; v < i % 4; v++) {
        insertEvent.run(newId(), id, 'homeVisit', day(judgment, 30 + v * 40), at, actor, '{}')
        events++
      }
    }
  }
})
for (let i = 0; i < CASES; i += 10_000) seed(i, Math.min(CASES, i + 10_000))
raw.close()
const seedMs = performance.now() - seedStart

// The same rows for both: every case with its events, in case order.
const scan = () =>
  db
    .selectFrom('supervisees')
    .innerJoin('supervisee_events', 'supervisee_events.supervisee_id', 'supervisees.id')
    .select([
      'supervisees.id as case_id',
      'supervisees.correction_type',
      'supervisees.management_level',
      'supervisees.status',
      'supervisee_events.id',
      'supervisee_events.supervisee_id',
      'supervisee_events.kind',
      'supervisee_events.on_date',
      'supervisee_events.at',
      'supervisee_events.actor_id',
      'supervisee_events.data_json',
      'supervisee_events.note',
    ])
    .orderBy('supervisee_events.supervisee_id')
    .orderBy('supervisee_events.id')
    .execute()

const rules = await loadRules(db)
const cal = await loadCalendar(db)

const rawScan = async () => {
  const t = performance.now()
  const rows = await scan()
  let bytes = 0
  for (const r of rows) bytes += r.data_json.length
  return { ms: performance.now() - t, rows: rows.length, bytes }
}

const recomputeAll = async () => {
  const t = performance.now()
  const rows = await scan()
  let obligations = 0
  let provisional = 0
  let i = 0
  while (i < rows.length) {
    const first = rows[i]
    if (!first) break
    const caseEvents: CaseEvent[] = []
    while (i < rows.length && rows[i]?.case_id === first.case_id) {
      const e = toCaseEvent(rows[i] as NonNullable<(typeof rows)[number]>)
      if (e) caseEvents.push(e)
      i++
    }
    const out = obligationsOf(
      {
        correctionType: first.correction_type,
        managementLevel: first.management_level,
        status: first.status,
      },
      caseEvents,
      rules,
      cal,
    )
    obligations += out.length
    for (const o of out) if (o.provisional) provisional++
  }
  return { ms: performance.now() - t, obligations, provisional }
}

// Warm up once, then the median of three of each, interleaved.
await rawScan()
await recomputeAll()
const scans: number[] = []
const computes: number[] = []
let last = { obligations: 0, provisional: 0 }
let scanned = 0
for (let k = 0; k < 3; k++) {
  const s = await rawScan()
  scans.push(s.ms)
  scanned = s.rows
  const c = await recomputeAll()
  computes.push(c.ms)
  last = c
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? 0
const scanMs = median(scans)
const computeMs = median(computes)

// The full engine (transaction, obligation rows, tasks through the task service, audit) on a sample.
const sampleIds = (await db.selectFrom('supervisees').select('id').orderBy('id').limit(SAMPLE).execute()).map(
  (r) => r.id,
)
const t = performance.now()
let created = 0
for (const id of sampleIds) {
  const r = await db
    .transaction()
    .execute((trx) =>
      recomputeCase(
        trx,
        started.deps,
        id,
        { actor: SWEEP_ACTOR, correlationId: newId(), ip: null, at: new Date('2026-11-26T02:00:00Z') },
        { rules, cal },
      ),
    )
  created += r.created
}
const firstRunMs = performance.now() - t
const t2 = performance.now()
let again = 0
for (const id of sampleIds) {
  const r = await db
    .transaction()
    .execute((trx) =>
      recomputeCase(
        trx,
        started.deps,
        id,
        { actor: SWEEP_ACTOR, correlationId: newId(), ip: null, at: new Date('2026-11-26T02:00:00Z') },
        { rules, cal },
      ),
    )
  again += r.created + r.closed + r.moved
}
const secondRunMs = performance.now() - t2

console.log(
  [
    '',
    `期限引擎基准（SQLite，${CASES.toLocaleString('en')} 名社区矫正对象，${events.toLocaleString('en')} 条事项；造数 ${(seedMs / 1000).toFixed(1)} s）`,
    `  原始扫描（同一查询，逐行读取）      ${scanMs.toFixed(0).padStart(7)} ms  ${scanned.toLocaleString('en')} 行`,
    `  重算全部法定期限（扫描 + 领域计算）  ${computeMs.toFixed(0).padStart(7)} ms  ${last.obligations.toLocaleString('en')} 项义务（期限待核 ${last.provisional.toLocaleString('en')}）`,
    `  比值 重算 / 原始扫描 = ${(computeMs / scanMs).toFixed(2)}×    （每名对象 ${((computeMs / CASES) * 1000).toFixed(1)} µs）`,
    `  完整引擎（事务 + 写任务 + 审计），抽样 ${SAMPLE.toLocaleString('en')} 名：首次 ${firstRunMs.toFixed(0)} ms（新建任务 ${created}），再次 ${secondRunMs.toFixed(0)} ms（新变化 ${again}，应为 0）`,
    '',
  ].join('\n'),
)
await started.handle.destroy()
rmSync(dir, { recursive: true, force: true })
if (again !== 0) process.exit(1)
