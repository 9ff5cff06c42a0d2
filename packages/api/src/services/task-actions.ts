// Field actions that may have waited in a phone's outbox (issue 4): start (开始办理), check-in with
// location and time, note, photo, done. Each carries an idempotency key (SECURITY.md, Data): the first delivery is
// applied and recorded in `task_actions` in the same transaction; any later delivery of the same key —
// a retry after a dropped connection or a server restart — gets the recorded answer and changes nothing.
import { taskScope } from '@pingzhan/domain'
import { appendAudit } from '../audit/audit.ts'
import type { TaskEvidenceTable } from '../db/types.ts'
import { findAction, findPhoto, insertAction, insertEvidence } from '../repos/task-evidence.ts'
import { findTaskInScope, insertTaskEvent, type TaskRow, updateTaskIfVersion } from '../repos/tasks.ts'
import type { User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { spawnNextOccurrence, unitAudit } from './task-work.ts'
import { checkTransition, mayWorkOn, recordTransition } from './tasks.ts'
import { auditActor } from './units.ts'

export type FieldActionKind = 'start' | 'checkin' | 'note' | 'photo' | 'complete'

export interface FieldAction {
  readonly key: string
  readonly taskId: string
  readonly kind: FieldActionKind
  /** when the person did it on the phone (ISO), possibly long before it reached the server */
  readonly at: string
  readonly note?: string | undefined
  readonly lat?: number | undefined
  readonly lng?: number | undefined
  readonly accuracy?: number | undefined
  /** base64 of the compressed image */
  readonly photo?: string | undefined
}

export interface FieldActionResult {
  readonly outcome: 'applied' | 'duplicate'
  readonly kind: FieldActionKind
  readonly taskId: string
  readonly evidenceId: string | null
  readonly status: TaskRow['status']
}

/** Phones may have been offline for a while, but not in the future nor for more than 30 days. */
const MAX_AGE_MS = 30 * 86_400_000
const MAX_SKEW_MS = 10 * 60_000
export const MAX_PHOTO_BYTES = 600 * 1024

const badInput = (field: string, message: string) =>
  fail('BAD_REQUEST', 'InvalidInput', `输入有误：${message}`, { [field]: message })

/** Image type from magic bytes, never from what the client claims (SECURITY.md, uploads). */
export const imageMime = (bytes: Buffer): string | null => {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (
    bytes.length > 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png'
  if (
    bytes.length > 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'image/webp'
  return null
}

const validate = (action: FieldAction, now: Date): { mime: string | null; data: string | null } => {
  const at = Date.parse(action.at)
  if (at > now.getTime() + MAX_SKEW_MS) throw badInput('at', '操作时间晚于当前时间，请校准手机时间')
  if (at < now.getTime() - MAX_AGE_MS) throw badInput('at', '操作时间已超过 30 天，无法补报')
  switch (action.kind) {
    case 'checkin':
      if (action.lat === undefined || action.lng === undefined) throw badInput('lat', '签到需要位置信息')
      return { mime: null, data: null }
    case 'note':
      if (!action.note?.trim()) throw badInput('note', '请填写备注内容')
      return { mime: null, data: null }
    case 'photo': {
      if (!action.photo) throw badInput('photo', '请选择照片')
      const bytes = Buffer.from(action.photo, 'base64')
      if (bytes.length > MAX_PHOTO_BYTES) throw badInput('photo', '照片过大（压缩后不超过 600 KB）')
      const mime = imageMime(bytes)
      if (mime === null) throw badInput('photo', '只能上传 JPEG、PNG 或 WebP 照片')
      return { mime, data: bytes.toString('base64') }
    }
    case 'start':
    case 'complete':
      return { mime: null, data: null }
  }
}

const EVENT_KIND: Record<Exclude<FieldActionKind, 'start'>, string> = {
  checkin: 'checked_in',
  note: 'noted',
  photo: 'photo_added',
  complete: 'completed',
}

const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: unknown; message?: unknown }
  return e?.code === '23505' || (typeof e?.message === 'string' && /UNIQUE constraint failed/.test(e.message))
}

const replay = async (ctx: Context, user: User, key: string): Promise<FieldActionResult | null> => {
  const done = await findAction(ctx.deps.db, key)
  if (done === null) return null
  if (done.user_id !== user.id) throw badInput('key', '操作编号无效')
  return { ...(JSON.parse(done.result_json) as FieldActionResult), outcome: 'duplicate' }
}

/** Applies one field action exactly once per key. */
export const applyFieldAction = async (
  ctx: Context,
  user: User,
  action: FieldAction,
): Promise<FieldActionResult> => {
  const previous = await replay(ctx, user, action.key)
  if (previous !== null) return previous

  const { deps, req } = ctx
  const now = deps.clock()
  const { mime, data } = validate(action, now)
  const task = await findTaskInScope(deps.db, taskScope(actorOf(user)), action.taskId)
  if (task === null) throw notFound('任务')
  if (!(await mayWorkOn(ctx, user, task))) {
    const reassigned = await deps.db
      .selectFrom('task_events')
      .select('id')
      .where('task_id', '=', task.id)
      .where('kind', '=', 'reassigned')
      .executeTakeFirst()
    if (reassigned) {
      throw conflict('该任务已改派给其他人员，此操作未提交。请与所长或中队长联系。', 'TaskReassigned')
    }
    throw forbidden('只有任务承办人或其所长、中队长可以办理该任务')
  }
  if (task.status === 'cancelled')
    throw conflict(`该任务已被撤销（${task.cancelReason ?? ''}），此操作未提交`, 'TaskCancelled')
  if (task.status === 'done') throw conflict('该任务已办结，此操作未提交', 'TaskStateInvalid')
  // A start of a task already in progress — typically a start queued offline while someone else
  // started the task — is refused (CONFLICT, tag TaskAlreadyStarted) and not recorded, so the same key
  // is judged afresh if it comes again. It is not answered as applied: the person did not start the
  // task, and the history must say who did. Since the task is in progress, which is all the person
  // asked for, the phone's outbox settles such a refusal instead of keeping it for the person to
  // resolve (apps/field/src/lib/outbox.ts, `sync`); it never holds back the actions queued after it.
  if (action.kind === 'start') checkTransition(task, 'started')

  const receivedAt = now.toISOString()
  const at = new Date(action.at).toISOString()
  const note = action.note?.trim() ? action.note.trim() : null
  const evidenceId = action.kind === 'complete' || action.kind === 'start' ? null : newId()
  const result: FieldActionResult = {
    outcome: 'applied',
    kind: action.kind,
    taskId: task.id,
    evidenceId,
    status: action.kind === 'complete' ? 'done' : action.kind === 'start' ? 'in_progress' : task.status,
  }
  try {
    await deps.db.transaction().execute(async (trx) => {
      // The ledger row first: a concurrent delivery of the same key fails here and changes nothing.
      await insertAction(trx, {
        key: action.key,
        user_id: user.id,
        task_id: task.id,
        kind: action.kind,
        received_at: receivedAt,
        result_json: JSON.stringify(result),
      })
      if (action.kind === 'start') {
        // the same update, event and audit row as task.start, in the ledger row's transaction
        const started = await recordTransition(trx, ctx, user, task, {
          kind: 'started',
          now,
          after: { key: action.key, at },
        })
        if (!started) throw conflict('该任务已被他人修改，请稍后重试')
        return
      }
      if (action.kind === 'complete') {
        const ok = await updateTaskIfVersion(trx, task.id, task.version, {
          status: 'done',
          completed_at: receivedAt,
          completed_by: user.id,
          completion_note: note,
        })
        if (!ok) throw conflict('该任务已被他人修改，请稍后重试')
      } else {
        const row: TaskEvidenceTable = {
          id: evidenceId ?? newId(),
          task_id: task.id,
          kind: action.kind,
          actor_id: user.id,
          at,
          received_at: receivedAt,
          note,
          lat: action.lat ?? null,
          lng: action.lng ?? null,
          accuracy: action.accuracy ?? null,
          photo_mime: mime,
          photo_data: data,
          action_key: action.key,
        }
        await insertEvidence(trx, row)
      }
      await insertTaskEvent(trx, {
        id: newId(),
        task_id: task.id,
        at: receivedAt,
        actor_id: user.id,
        kind: EVENT_KIND[action.kind],
        note: action.kind === 'checkin' ? `位置 ${action.lat?.toFixed(5)}, ${action.lng?.toFixed(5)}` : note,
      })
      await appendAudit(trx, deps.keys, {
        actor: auditActor(user),
        correlationId: req.correlationId,
        ip: req.ip,
        at: now,
        action: action.kind === 'complete' ? 'task.complete' : `task.evidence.${action.kind}`,
        unit: unitAudit(deps, task),
        subjectType: 'task',
        subjectId: task.id,
        after: { key: action.key, at, evidenceId, ...(action.kind === 'complete' ? { status: 'done' } : {}) },
      })
      if (action.kind === 'complete') await spawnNextOccurrence(trx, deps, task, auditActor(user), req)
    })
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await replay(ctx, user, action.key)
      if (again !== null) return again
    }
    throw error
  }
  return result
}

/** A photo of a task's evidence, for whoever may read the task. */
export const taskPhoto = async (ctx: Context, user: User, evidenceId: string) => {
  const photo = await findPhoto(ctx.deps.db, evidenceId)
  if (photo === null) throw notFound('照片')
  const task = await findTaskInScope(ctx.deps.db, taskScope(actorOf(user)), photo.taskId)
  if (task === null) throw notFound('照片')
  return { mime: photo.mime, contentBase64: photo.data }
}
