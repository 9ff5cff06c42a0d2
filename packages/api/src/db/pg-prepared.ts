import type pg from 'pg'

/**
 * Server-side prepared statements for PostgreSQL, the counterpart of the SQLite statement cache.
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it on each call; for the board's
 * list that is about a quarter of the database's time per request (pgbench, extended vs prepared).
 * This names the SELECTs of each pooled connection (pg then parses them once per connection and
 * only binds afterwards). Bounded: the first `max` distinct SELECT texts of a connection are named,
 * later ones go unnamed, so IN-lists of many lengths cannot grow a backend's memory without limit.
 * Only SELECTs: writes are few and run in transactions, and DDL (migrations) must never be cached.
 */
export const usePreparedSelects = (pool: pg.Pool, max = 100): void => {
  pool.on('connect', (client) => {
    const names = new Map<string, string>()
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    const named = (text: unknown, values: unknown, rest: unknown[]) => {
      if (
        rest.length === 0 &&
        typeof text === 'string' &&
        Array.isArray(values) &&
        text.startsWith('select ')
      ) {
        let name = names.get(text)
        if (name === undefined && names.size < max) {
          name = `pz_${names.size}`
          names.set(text, name)
        }
        if (name !== undefined) return query({ name, text, values })
      }
      return query(text, values, ...rest)
    }
    Object.defineProperty(client, 'query', {
      value: (text: unknown, values?: unknown, ...rest: unknown[]) => named(text, values, rest),
      configurable: true,
      writable: true,
    })
  })
}
