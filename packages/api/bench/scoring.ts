// Assessment benchmark (issue 12): the scores of a county-year computed from 1M facts (tasks of 2026 over
// Yiyuan's 12 offices and 3 squads, plus mediation cases), and a province's worth — 140 counties' units
// (1,680 offices, 420 squads) ranked from another 1M task rows — each next to a raw aggregate scan of the
// same rows in the same run (one pass counting due and on-time tasks with the same predicate, no grouping
// and no scoring). Target: scores ≤ 3× the scan. Each figure is the median of 3 runs after one warm-up.
// SQLite; BENCH_DIALECTS=sqlite,postgres adds PostgreSQL (DATABASE_URL). BENCH_FACTS=100000 shortens it.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  type AssessmentPeriod,
  type AssessmentUnits,
  assessmentUnitsOf,
  parsePeriod,
  scoreAssessment,
  yiyuanScheme2026,
} from '@pingzhan/domain'
import Sqlite from 'better-sqlite3'
import { Effect } from 'effect'
import { sql } from 'kysely'
import pg from 'pg'
import { startApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import type { Db } from '../src/db/types.ts'
import { gatherFacts } from '../src/services/assessment-facts.ts'
import { newId } from '../src/shared.ts'

const FACTS = Number(process.env.BENCH_FACTS ?? 1_000_000)
const COUNTIES = 140
const RUNS = 3
const clock = () => new Date('2027-01-15T02:00:00Z')
const county = Effect.runSync(parsePeriod('2026'))
const province = Effect.runSync(parsePeriod('2025'))

const OFFICE_DUTIES = [
  'office.peacetime.1.2',
  'office.peacetime.2.1',
  'office.peacetime.2.2',
  'office.peacetime.3.2',
  'office.peacetime.4.2',
]
const SQUAD_DUTIES = ['squad.peacetime.1', 'squad.peacetime.2', 'squad.peacetime.3']

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const time = async (f: () => Promise<unknown>) => {
  await f()
  const out: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    await f()
    out.push(performance.now() - t)
  }
  return median(out)
}

/** One pass over the same rows with the same predicate: due and on time, counted, nothing grouped. */
const scan = (db: Db, period: AssessmentPeriod) =>
  db
    .selectFrom('tasks')
    .select([
      sql<number>`count(*)`.as('due'),
      sql<number>`sum(case when completed_at is not null and completed_at <= due_at then 1 else 0 end)`.as(
        'on_time',
      ),
    ])
    .where('status', '<>', 'cancelled')
    .where('due_at', '>=', period.from)
    .where('due_at', '<', period.to)
    .where((eb) => eb.or([eb('due_at', '<', clock().toISOString()), eb('completed_at', 'is not', null)]))
    .executeTakeFirstOrThrow()

interface Unit {
  readonly office: string | null
  readonly squad: string
}

/** Inserts `n` tasks due over the period's year on the given units, 10k rows per statement batch. */
const seedTasks = async (
  db: Db,
  raw: Sqlite.Database | null,
  creator: string,
  year: number,
  units: ReadonlyArray<Unit>,
  n: number,
) => {
  const start = Date.parse(`${year - 1}-12-31T16:00:00.000Z`)
  const yearMs = 365 * 86_400_000
  const created = new Date(start).toISOString()
  for (let from = 0; from < n; from += 10_000) {
    const rows: Array<import('../src/db/types.ts').TaskTable> = []
    for (let i = from; i < Math.min(n, from + 10_000); i++) {
      const u = units[i % units.length] as Unit
      const duties = u.office ? OFFICE_DUTIES : SQUAD_DUTIES
      const due = start + Math.floor((((i * 7919) % 1_000_003) / 1_000_003) * yearMs)
      const late = i % 9 === 0
      const open = i % 53 === 0
      const statutory = u.office === null && i % 3 === 0
      rows.push({
        id: newId(),
        title: `考核基准任务${i}`,
        description: '',
        duty_version: 'yiyuan-2023',
        duty_code: duties[Math.floor(i / units.length) % duties.length] as string,
        unit_code: u.office ?? u.squad,
        office_code: u.office,
        squad_code: u.squad,
        status: open ? ('open' as const) : i % 97 === 0 ? ('cancelled' as const) : ('done' as const),
        priority: 'normal' as const,
        due_at: new Date(due).toISOString(),
        source: statutory ? ('statutory' as const) : ('manual' as const),
        source_id: null,
        created_by: creator,
        created_at: created,
        started_at: null,
        completed_at: open ? null : new Date(due + (late ? 86_400_000 : -3_600_000)).toISOString(),
        completed_by: null,
        completion_note: null,
        version: 1,
        recurrence: null,
        recurrence_of: null,
        cancelled_at: null,
        cancelled_by: null,
        cancel_reason: null,
      })
    }
    if (raw) {
      // prepared statements, 10k rows per transaction (PERFORMANCE.md)
      const insert = raw.prepare(
        `INSERT INTO tasks (id, title, description, duty_version, duty_code, unit_code, office_code, squad_code, status,
         priority, due_at, source, source_id, created_by, created_at, started_at, completed_at, completed_by,
         completion_note, version, recurrence, recurrence_of, cancelled_at, cancelled_by, cancel_reason)
         VALUES (@id, @title, @description, @duty_version, @duty_code, @unit_code, @office_code, @squad_code, @status,
         @priority, @due_at, @source, @source_id, @created_by, @created_at, @started_at, @completed_at, @completed_by,
         @completion_note, @version, @recurrence, @recurrence_of, @cancelled_at, @cancelled_by, @cancel_reason)`,
      )
      raw.transaction(() => {
        for (const r of rows) insert.run(r)
      })()
    } else {
      await db.transaction().execute(async (trx) => {
        for (let k = 0; k < rows.length; k += 1000) {
          await trx
            .insertInto('tasks')
            .values(rows.slice(k, k + 1000))
            .execute()
        }
      })
    }
  }
}

const run = async (dialect: 'sqlite' | 'postgres') => {
  const dir = mkdtempSync(join(tmpdir(), 'pingzhan-bench-scoring-'))
  const schema = `bench_${randomBytes(4).toString('hex')}`
  const env: Record<string, string> = {
    PINGZHAN_DEMO: '1',
    PINGZHAN_DATA_KEY: randomBytes(32).toString('hex'),
    NODE_ENV: 'production',
    SQLITE_PATH: join(dir, 'bench.db'),
  }
  if (dialect === 'postgres') {
    env.DATABASE_URL = process.env.DATABASE_URL ?? ''
    const c = new pg.Client({ connectionString: env.DATABASE_URL })
    await c.connect()
    await c.query(`CREATE SCHEMA ${schema}`)
    await c.end()
  }
  const started = await startApp(loadConfig(env), { clock, ...(dialect === 'postgres' ? { schema } : {}) })
  const { db, org } = started.deps
  try {
    const creator = (
      await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).id
    const yiyuan = assessmentUnitsOf(org)
    const countyUnits: Unit[] = [
      ...yiyuan.offices.map((o) => ({ office: o.code, squad: o.area })),
      ...yiyuan.squads.map((s) => ({ office: null, squad: s.code })),
    ]
    // a province: 140 counties, each with Yiyuan's shape (12 offices in 3 areas)
    const provinceUnits: Unit[] = []
    const provinceOrg: { offices: Array<{ code: string; area: string }>; squads: Array<{ code: string }> } = {
      offices: [],
      squads: [],
    }
    for (let c = 0; c < COUNTIES; c++) {
      for (const o of yiyuan.offices) {
        provinceUnits.push({ office: `c${c}-${o.code}`, squad: `c${c}-${o.area}` })
        provinceOrg.offices.push({ code: `c${c}-${o.code}`, area: `c${c}-${o.area}` })
      }
      for (const s of yiyuan.squads) {
        provinceUnits.push({ office: null, squad: `c${c}-${s.code}` })
        provinceOrg.squads.push({ code: `c${c}-${s.code}` })
      }
    }
    const seedStart = performance.now()
    // the province's units exist as rows, as a county's do (tasks reference their office and squad)
    const squadRows = provinceOrg.squads.map((q, i) => ({
      code: q.code,
      name: `${q.code}中队`,
      seat_town: q.code,
      sort: 1000 + i,
    }))
    const officeRows = provinceOrg.offices.map((o, i) => ({
      code: o.code,
      name: `${o.code}司法所`,
      town_code: o.code,
      town_name: o.code,
      area_code: o.area,
      sort: 1000 + i,
    }))
    for (let k = 0; k < squadRows.length; k += 500)
      await db
        .insertInto('squads')
        .values(squadRows.slice(k, k + 500))
        .execute()
    for (let k = 0; k < officeRows.length; k += 500)
      await db
        .insertInto('offices')
        .values(officeRows.slice(k, k + 500))
        .execute()
    const raw = dialect === 'sqlite' ? new Sqlite(env.SQLITE_PATH ?? '') : null
    await seedTasks(db, raw, creator, 2026, countyUnits, FACTS)
    await seedTasks(db, raw, creator, 2025, provinceUnits, FACTS)
    raw?.close()
    // mediation outcomes of the county year (part of the facts the scores read)
    const mediations = []
    for (let i = 0; i < Math.min(20_000, FACTS / 50); i++) {
      const o = yiyuan.offices[i % yiyuan.offices.length] as AssessmentUnits['offices'][number]
      const at = new Date(Date.parse('2026-01-01T00:00:00Z') + (i % 360) * 86_400_000).toISOString()
      mediations.push({
        id: newId(),
        case_no: `B${i}`,
        office_code: o.code,
        area_code: o.area,
        source: 'walk_in' as const,
        intake_id: null,
        applicant_name: '申请人',
        other_party: '对方',
        dispute_type: '邻里纠纷',
        summary: '考核基准调解案件',
        status: i % 4 === 0 ? ('failed' as const) : ('agreement' as const),
        handled_elsewhere: null,
        refusal_reason: null,
        accepted_at: at,
        target_date: at.slice(0, 10),
        agreement_text: null,
        agreement_date: null,
        confirmation_deadline: null,
        failure_note: null,
        closed_at: at,
        task_id: null,
        created_by: creator,
        created_at: at,
        updated_at: at,
        version: 1,
        confirmation_provisional: 0,
        refused_by_party: 0,
        target_provisional: 0,
      })
    }
    for (let k = 0; k < mediations.length; k += 500) {
      await db
        .insertInto('mediation_cases')
        .values(mediations.slice(k, k + 500))
        .execute()
    }
    if (dialect === 'postgres') await sql`ANALYZE`.execute(db)
    else await sql`ANALYZE`.execute(db)
    const seedMs = performance.now() - seedStart

    const window = (period: AssessmentPeriod) => ({ period, asOf: clock() })
    let countyFacts = 0
    let countyTop = ''
    const countyScan = await time(() => scan(db, county))
    const countyScore = await time(async () => {
      const facts = await gatherFacts(db, org, window(county))
      const r = scoreAssessment(yiyuanScheme2026, yiyuan, facts, 'year')
      countyFacts = facts.length
      countyTop = `${r.office[0]?.unitCode} ${r.office[0]?.total}`
    })
    let provinceFacts = 0
    let pureMs = 0
    const provinceScan = await time(() => scan(db, province))
    const provinceScore = await time(async () => {
      const facts = await gatherFacts(db, org, window(province))
      const t = performance.now()
      scoreAssessment(yiyuanScheme2026, provinceOrg, facts, 'year')
      pureMs = performance.now() - t
      provinceFacts = facts.length
    })
    const scanned = await scan(db, county)
    console.log(
      JSON.stringify(
        {
          dialect,
          rowsPerRun: FACTS,
          seedSeconds: Math.round(seedMs / 100) / 10,
          county: {
            tasksCounted: Number(scanned.due),
            factGroups: countyFacts,
            best: countyTop,
            scanMs: Math.round(countyScan),
            scoresMs: Math.round(countyScore),
            ratio: Math.round((countyScore / countyScan) * 100) / 100,
          },
          province: {
            units: provinceOrg.offices.length + provinceOrg.squads.length * 2,
            factGroups: provinceFacts,
            scanMs: Math.round(provinceScan),
            scoresMs: Math.round(provinceScore),
            pureFunctionMs: Math.round(pureMs),
            ratio: Math.round((provinceScore / provinceScan) * 100) / 100,
          },
        },
        null,
        2,
      ),
    )
  } finally {
    await started.handle.destroy()
    rmSync(dir, { recursive: true, force: true })
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await c.connect()
      await c.query(`DROP SCHEMA ${schema} CASCADE`)
      await c.end()
    }
  }
}

const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite').split(',')
if (dialects.includes('sqlite')) await run('sqlite')
if (dialects.includes('postgres') && process.env.DATABASE_URL) await run('postgres')
