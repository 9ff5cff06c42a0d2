import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { usePreparedSelects } from '../src/db/pg-prepared.ts'
import { dialects } from './harness.ts'

// PostgreSQL only (the SQLite statement cache is covered by every SQLite suite); the harness makes a
// missing PostgreSQL a failure under CI and a loud skip elsewhere.
describe.runIf(dialects.includes('postgres'))('prepared SELECTs on PostgreSQL', () => {
  let pool: pg.Pool
  // as Kysely's driver does: one pooled client, query(text, values) without a callback
  let client: pg.PoolClient
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 })
    usePreparedSelects(pool, 2)
    client = await pool.connect()
  })
  afterAll(async () => {
    client.release()
    await pool.end()
  })
  const prepared = async () =>
    (
      await client.query<{ statement: string }>(
        'SELECT statement FROM pg_prepared_statements WHERE NOT from_sql ORDER BY prepare_time',
      )
    ).rows.map((r) => r.statement)

  it('names a SELECT once per connection and reuses it with new parameters', async () => {
    const a = await client.query('select $1::int + 1 as n', [1])
    const b = await client.query('select $1::int + 1 as n', [41])
    expect(a.rows[0]?.n).toBe(2)
    expect(b.rows[0]?.n).toBe(42)
    expect(await prepared()).toEqual(['select $1::int + 1 as n'])
  })

  it('stops naming at the bound, and never names anything but a SELECT', async () => {
    await client.query('select $1::text as s', ['x'])
    await client.query('select $1::text || $2::text as s', ['x', 'y'])
    await client.query('create temporary table if not exists pz_probe (n int)', [])
    await client.query('insert into pz_probe (n) values ($1)', [1])
    expect((await client.query('select count(*)::int as c from pz_probe', [])).rows[0]?.c).toBe(1)
    expect(await prepared()).toEqual(['select $1::int + 1 as n', 'select $1::text as s'])
  })
})
