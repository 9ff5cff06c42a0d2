import type { Db } from '../db/types.ts'

export type SeedKind = 'demo' | 'scale'

export class SeedRunIncomplete extends Error {
  constructor(kind: SeedKind, startedAt: string) {
    super(
      `${kind === 'demo' ? '演示数据' : '省级规模数据'}的上次生成（${startedAt} 开始）未完成：数据库中只有部分数据。请删除数据库（SQLite：data/pingzhan.db）后重新启动。`,
    )
    this.name = 'SeedRunIncomplete'
  }
}

/** The run of `kind` recorded in the database: null (never), or when it started and whether it finished. */
export const seedRunOf = async (db: Db, kind: SeedKind) =>
  (await db.selectFrom('seed_runs').selectAll().where('kind', '=', kind).executeTakeFirst()) ?? null

/**
 * Claims the run of `kind` (the primary key makes a second claim fail: two servers starting at once
 * cannot both generate). Throws SeedRunIncomplete when an earlier run was interrupted.
 */
export const startRun = async (db: Db, kind: SeedKind, seed: number, now: Date): Promise<void> => {
  const existing = await seedRunOf(db, kind)
  if (existing !== null) {
    if (existing.finished_at === null) throw new SeedRunIncomplete(kind, existing.started_at)
    throw new Error(`${kind} data already generated at ${existing.finished_at}`)
  }
  await db
    .insertInto('seed_runs')
    .values({ kind, seed, started_at: now.toISOString(), finished_at: null, rows_json: null })
    .execute()
}

export const finishRun = async (
  db: Db,
  kind: SeedKind,
  rows: Readonly<Record<string, number>>,
  now: Date,
): Promise<void> => {
  await db
    .updateTable('seed_runs')
    .set({ finished_at: now.toISOString(), rows_json: JSON.stringify(rows) })
    .where('kind', '=', kind)
    .execute()
}
