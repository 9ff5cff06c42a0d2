import { applyFieldAction, taskPhoto } from '../services/task-actions.ts'
import {
  bulkAssignTasks,
  cancelTask,
  createTaskByUser,
  endOfShanghaiDay,
  exportTasks,
  reassignTask,
  rollupTasks,
} from '../services/task-work.ts'
import { completeTask, getTaskItem, listTaskItems, startTask } from '../services/tasks.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import { bool, cursor, date, empty, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'
import { base64, instant, list, real } from './task-validate.ts'

const VERSION = int('版本号', 1, 2_000_000_000)
const CODE = text('编码', 1, 60, { re: /^[a-z0-9._-]+$/, message: '编码无效' })

/** The board's filters (issue 4): unit, duty, person, status, due-date range, overdue. */
const FILTER = {
  // 'unfinished': open or in progress (what is left to do)
  status: optional(oneOf('状态', ['open', 'in_progress', 'done', 'cancelled', 'unfinished'])),
  mine: optional(bool('仅看我的')),
  officeCode: optional(CODE),
  squadOnly: optional(bool('仅中队任务')),
  areaCode: optional(CODE),
  dutyCode: optional(CODE),
  assigneeId: optional(id('办理人员')),
  dueFrom: optional(date('截止日期起')),
  dueTo: optional(date('截止日期止')),
  overdue: optional(bool('仅看逾期')),
}

/** Dates of the filter are whole days in China Standard Time. */
const dueRange = <T extends { dueFrom?: string; dueTo?: string }>(input: T) => {
  const { dueFrom, dueTo, ...rest } = input
  return {
    ...rest,
    dueFrom: dueFrom ? new Date(`${dueFrom}T00:00:00+08:00`).toISOString() : undefined,
    dueBefore: dueTo ? new Date(Date.parse(endOfShanghaiDay(dueTo)) + 1).toISOString() : undefined,
  }
}

export const taskRouter = router({
  list: authedProcedure
    .input(object({ ...FILTER, cursor: optional(cursor), limit: optional(int('每页条数', 1, 100)) }))
    .query(({ ctx, input }) => listTaskItems(ctx, ctx.user, dueRange(input))),
  get: authedProcedure
    .input(object({ id: id('任务') }))
    .query(({ ctx, input }) => getTaskItem(ctx, ctx.user, input.id)),
  start: authedProcedure
    .input(object({ id: id('任务'), version: VERSION }))
    .mutation(({ ctx, input }) => startTask(ctx, ctx.user, input)),
  complete: authedProcedure
    .input(object({ id: id('任务'), version: VERSION, note: text('办结情况', 0, 1000) }))
    .mutation(({ ctx, input }) => completeTask(ctx, ctx.user, input)),
  create: authedProcedure
    .input(
      object({
        unitKind: oneOf('单位类型', ['office', 'squad']),
        unitCode: CODE,
        dutyCode: CODE,
        title: text('任务名称', 2, 100),
        description: optional(text('任务说明', 0, 2000)),
        dueDate: date('办理期限'),
        priority: optional(oneOf('优先级', ['normal', 'high'])),
        assigneeIds: list('办理人员', id('办理人员'), 5),
        recurrence: optional(oneOf('重复周期', ['weekly', 'monthly'])),
      }),
    )
    .mutation(({ ctx, input }) => createTaskByUser(ctx, ctx.user, input)),
  reassign: authedProcedure
    .input(
      object({
        id: id('任务'),
        version: VERSION,
        assigneeIds: list('办理人员', id('办理人员'), 5),
        reason: text('改派理由', 2, 200),
      }),
    )
    .mutation(({ ctx, input }) => reassignTask(ctx, ctx.user, input)),
  bulkAssign: authedProcedure
    .input(
      object({
        ids: list('任务', id('任务'), 100),
        assigneeId: id('办理人员'),
        reason: optional(text('改派理由', 2, 200)),
      }),
    )
    .mutation(({ ctx, input }) => bulkAssignTasks(ctx, ctx.user, input)),
  cancel: authedProcedure
    .input(object({ id: id('任务'), version: VERSION, reason: text('撤销理由', 2, 200) }))
    .mutation(({ ctx, input }) => cancelTask(ctx, ctx.user, input)),
  rollup: authedProcedure.input(empty).query(({ ctx }) => rollupTasks(ctx, ctx.user)),
  export: authedProcedure
    .input(object(FILTER))
    .mutation(({ ctx, input }) => exportTasks(ctx, ctx.user, dueRange(input))),
  /** One field action from the phone's outbox; idempotent on `key`. */
  act: authedProcedure
    .input(
      object({
        key: text('操作编号', 8, 64, { re: /^[0-9a-zA-Z-]+$/, message: '操作编号无效' }),
        taskId: id('任务'),
        kind: oneOf('操作', ['start', 'checkin', 'note', 'photo', 'complete']),
        at: instant('操作时间'),
        note: optional(text('备注', 0, 1000)),
        lat: optional(real('纬度', -90, 90)),
        lng: optional(real('经度', -180, 180)),
        accuracy: optional(real('定位精度', 0, 100_000)),
        photo: optional(base64('照片', 820_000)),
      }),
    )
    .mutation(({ ctx, input }) => applyFieldAction(ctx, ctx.user, input)),
  photo: authedProcedure
    .input(object({ id: id('照片') }))
    .query(({ ctx, input }) => taskPhoto(ctx, ctx.user, input.id)),
})
