// Due-soon and overdue warnings of the deadline engine for the admin dashboard and the field app.
import { addDays, urgencyOf } from '@pingzhan/domain'
import { pressingObligations } from '../repos/supervisees.ts'
import type { User } from '../repos/users.ts'
import { shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { caseScopeOf } from './supervisees.ts'
import { squadName } from './units.ts'

export interface DeadlineWarning {
  readonly id: string
  readonly superviseeId: string
  readonly superviseeName: string
  readonly title: string
  readonly dueDate: string
  readonly dueAt: string
  readonly urgency: 'overdue' | 'dueSoon'
  readonly provisional: string | null
  readonly taskId: string | null
  readonly squadName: string
}

/** Open obligations overdue or due within `soonDays` days, in the reader's scope, soonest first. */
export const deadlineWarnings = async (
  ctx: Context,
  user: User,
  soonDays = 3,
): Promise<ReadonlyArray<DeadlineWarning>> => {
  const now = ctx.deps.clock()
  const today = shanghaiDate(now)
  const until = new Date(`${addDays(today, soonDays)}T23:59:59.999+08:00`).toISOString()
  const rows = await pressingObligations(ctx.deps.db, caseScopeOf(user), until, 200)
  return rows.map((r) => {
    const u = urgencyOf(
      { dueDate: r.due_date, dueAtMs: r.kind === 'search' ? Date.parse(r.due_at) : null, satisfied: false },
      today,
      now.getTime(),
      soonDays,
    )
    return {
      id: r.id,
      superviseeId: r.supervisee_id,
      superviseeName: r.name,
      title: r.title,
      dueDate: r.due_date,
      dueAt: r.due_at,
      urgency: u === 'overdue' ? 'overdue' : 'dueSoon',
      provisional: r.provisional,
      taskId: r.task_id,
      squadName: squadName(ctx.deps.org, r.area_code),
    }
  })
}
