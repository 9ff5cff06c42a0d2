// Due-soon and overdue warnings of the deadline engine for the admin dashboard: supervisees'
// obligations and released prisoners' aftercare obligations, in the reader's scope.
import { addDays, mayReadMinors, releaseeScope, urgencyOf } from '@pingzhan/domain'
import { pressingReleaseeObligations } from '../repos/releasees.ts'
import { pressingObligations } from '../repos/supervisees.ts'
import type { User } from '../repos/users.ts'
import { shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { actorOf } from '../trpc/init.ts'
import { caseScopeOf } from './supervisees.ts'
import { squadName } from './units.ts'

export interface DeadlineWarning {
  readonly id: string
  /** which register the case is in: 社区矫正对象 or 刑满释放人员 */
  readonly subjectType: 'supervisee' | 'releasee'
  readonly subjectId: string
  readonly subjectName: string
  readonly title: string
  readonly dueDate: string
  readonly dueAt: string
  readonly urgency: 'overdue' | 'dueSoon'
  readonly provisional: string | null
  readonly taskId: string | null
  readonly squadName: string
}

const LIMIT = 200

/** Open obligations overdue or due within `soonDays` days, in the reader's scope, soonest first. */
export const deadlineWarnings = async (
  ctx: Context,
  user: User,
  soonDays = 3,
): Promise<ReadonlyArray<DeadlineWarning>> => {
  const now = ctx.deps.clock()
  const today = shanghaiDate(now)
  const until = new Date(`${addDays(today, soonDays)}T23:59:59.999+08:00`).toISOString()
  const actor = actorOf(user)
  const [cases, releasees] = await Promise.all([
    pressingObligations(ctx.deps.db, caseScopeOf(user), until, LIMIT),
    pressingReleaseeObligations(
      ctx.deps.db,
      { scope: releaseeScope(actor), minors: mayReadMinors(actor) },
      until,
      LIMIT,
    ),
  ])
  const urgency = (r: { due_date: string; due_at: string; kind: string }) =>
    urgencyOf(
      { dueDate: r.due_date, dueAtMs: r.kind === 'search' ? Date.parse(r.due_at) : null, satisfied: false },
      today,
      now.getTime(),
      soonDays,
    ) === 'overdue'
      ? ('overdue' as const)
      : ('dueSoon' as const)
  const rows: DeadlineWarning[] = [
    ...cases.map((r) => ({
      id: r.id,
      subjectType: 'supervisee' as const,
      subjectId: r.supervisee_id,
      subjectName: r.name,
      title: r.title,
      dueDate: r.due_date,
      dueAt: r.due_at,
      urgency: urgency(r),
      provisional: r.provisional,
      taskId: r.task_id,
      squadName: squadName(ctx.deps.org, r.area_code),
    })),
    ...releasees.map((r) => ({
      id: r.id,
      subjectType: 'releasee' as const,
      subjectId: r.releasee_id,
      subjectName: r.name,
      title: r.title,
      dueDate: r.due_date,
      dueAt: r.due_at,
      urgency: urgency(r),
      provisional: r.provisional,
      taskId: r.task_id,
      squadName: squadName(ctx.deps.org, r.area_code),
    })),
  ]
  return rows.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0)).slice(0, LIMIT)
}
