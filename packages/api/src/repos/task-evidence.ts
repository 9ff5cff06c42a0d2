import type { DbOrTrx, TaskActionTable, TaskEvidenceTable } from '../db/types.ts'

export interface Evidence {
  readonly id: string
  readonly kind: TaskEvidenceTable['kind']
  readonly at: string
  readonly receivedAt: string
  readonly actorName: string
  readonly note: string | null
  readonly lat: number | null
  readonly lng: number | null
  readonly accuracy: number | null
  readonly hasPhoto: boolean
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v))

/** The evidence of a task, oldest first; photo bytes stay in the database (fetched one by one). */
export const evidenceOf = async (db: DbOrTrx, taskId: string): Promise<ReadonlyArray<Evidence>> => {
  const rows = await db
    .selectFrom('task_evidence')
    .innerJoin('users', 'users.id', 'task_evidence.actor_id')
    .select([
      'task_evidence.id',
      'task_evidence.kind',
      'task_evidence.at',
      'task_evidence.received_at',
      'task_evidence.note',
      'task_evidence.lat',
      'task_evidence.lng',
      'task_evidence.accuracy',
      'task_evidence.photo_mime',
      'users.display_name',
    ])
    .where('task_evidence.task_id', '=', taskId)
    .orderBy('task_evidence.at')
    .orderBy('task_evidence.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: r.at,
    receivedAt: r.received_at,
    actorName: r.display_name,
    note: r.note,
    lat: num(r.lat),
    lng: num(r.lng),
    accuracy: num(r.accuracy),
    hasPhoto: r.photo_mime !== null,
  }))
}

export const insertEvidence = async (db: DbOrTrx, row: TaskEvidenceTable): Promise<void> => {
  await db.insertInto('task_evidence').values(row).execute()
}

export const findPhoto = async (
  db: DbOrTrx,
  evidenceId: string,
): Promise<{ taskId: string; mime: string; data: string } | null> => {
  const row = await db
    .selectFrom('task_evidence')
    .select(['task_id', 'photo_mime', 'photo_data'])
    .where('id', '=', evidenceId)
    .executeTakeFirst()
  if (!row || row.photo_mime === null || row.photo_data === null) return null
  return { taskId: row.task_id, mime: row.photo_mime, data: row.photo_data }
}

export const findAction = async (db: DbOrTrx, key: string): Promise<TaskActionTable | null> =>
  (await db.selectFrom('task_actions').selectAll().where('key', '=', key).executeTakeFirst()) ?? null

export const insertAction = async (db: DbOrTrx, row: TaskActionTable): Promise<void> => {
  await db.insertInto('task_actions').values(row).execute()
}
