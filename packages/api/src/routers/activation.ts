import { activationStream } from '../realtime/activation-stream.ts'
import {
  acknowledge,
  assign,
  borrow,
  decideEscalation,
  decline,
  designateStandIn,
  escalate,
  getActivation,
  history,
  linkedCase,
  myActivations,
  overview,
  pendingDecisions,
  report,
  review,
  ruleDecline,
  standDown,
  startActivation,
  startableDuties,
  WARTIME_ROLES,
} from '../services/activations.ts'
import { roleProcedure, router } from '../trpc/init.ts'
import { cursor, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'

// 平战融合 (policy 三.2): everyone who can be on a roster or oversee one; departments have no part.
const wartime = roleProcedure(...WARTIME_ROLES)

const ACTIVATION = id('战时行动')
const DECLINE_REASONS = ['leave', 'sick', 'otherAssignment', 'divisionOfLabour', 'other'] as const

export const activationRouter = router({
  overview: wartime.query(({ ctx }) => overview(ctx, ctx.user)),
  duties: wartime.query(({ ctx }) => startableDuties(ctx.user)),
  mine: wartime.query(({ ctx }) => myActivations(ctx, ctx.user)),
  get: wartime
    .input(object({ id: ACTIVATION }))
    .query(({ ctx, input }) => getActivation(ctx, ctx.user, input.id)),
  linkedCase: wartime
    .input(object({ id: ACTIVATION }))
    .query(({ ctx, input }) => linkedCase(ctx, ctx.user, input.id)),
  start: wartime
    .input(
      object({
        area: optional(text('辖区', 1, 40)),
        dutyCode: text('战时职责事项', 1, 40),
        reason: text('启动事由', 2, 200),
        place: text('地点', 2, 100),
        expectedMinutes: int('预计时长（分钟）', 1, 7 * 24 * 60),
        peopleNeeded: int('所需人数', 1, 200),
        intakeId: optional(id('关联申请')),
      }),
    )
    .mutation(({ ctx, input }) => startActivation(ctx, ctx.user, input)),
  acknowledge: wartime
    .input(object({ id: ACTIVATION, etaMinutes: int('预计到达（分钟后）', 0, 24 * 60) }))
    .mutation(({ ctx, input }) => acknowledge(ctx, ctx.user, input)),
  decline: wartime
    .input(object({ id: ACTIVATION, reason: oneOf('请辞理由', DECLINE_REASONS), note: text('说明', 0, 200) }))
    .mutation(({ ctx, input }) => decline(ctx, ctx.user, input)),
  ruleDecline: wartime
    .input(
      object({
        id: ACTIVATION,
        userId: id('人员'),
        ruling: oneOf('处理结果', ['accept', 'refusal'] as const),
      }),
    )
    .mutation(({ ctx, input }) => ruleDecline(ctx, ctx.user, input)),
  borrow: wartime
    .input(object({ id: ACTIVATION, userId: id('抽调人员') }))
    .mutation(({ ctx, input }) => borrow(ctx, ctx.user, input)),
  assign: wartime
    .input(
      object({
        id: ACTIVATION,
        userId: id('承办人'),
        title: text('任务内容', 2, 100),
        dutyCode: optional(text('职责事项', 1, 40)),
        dueMinutes: optional(int('完成时限（分钟后）', 1, 7 * 24 * 60)),
      }),
    )
    .mutation(({ ctx, input }) => assign(ctx, ctx.user, input)),
  reportProgress: wartime
    .input(object({ id: ACTIVATION, taskId: id('任务'), note: text('进展情况', 1, 500) }))
    .mutation(({ ctx, input }) => report(ctx, ctx.user, input, false)),
  reportDone: wartime
    .input(object({ id: ACTIVATION, taskId: id('任务'), note: text('完成情况', 0, 500) }))
    .mutation(({ ctx, input }) => report(ctx, ctx.user, input, true)),
  escalate: wartime
    .input(
      object({
        id: ACTIVATION,
        to: oneOf('提报对象', ['liaison', 'partyGroup'] as const),
        question: text('提报事项', 2, 500),
        deadlineHours: int('决策时限（小时）', 1, 30 * 24),
      }),
    )
    .mutation(({ ctx, input }) => escalate(ctx, ctx.user, input)),
  standDown: wartime
    .input(object({ id: ACTIVATION, summary: text('收队总结', 2, 2000) }))
    .mutation(({ ctx, input }) => standDown(ctx, ctx.user, input)),
  review: wartime
    .input(object({ id: ACTIVATION, findings: text('复盘意见', 2, 2000) }))
    .mutation(({ ctx, input }) => review(ctx, ctx.user, input)),
  designateStandIn: wartime
    .input(object({ area: text('辖区', 1, 40), userId: optional(id('代理指挥')) }))
    .mutation(({ ctx, input }) => designateStandIn(ctx, ctx.user, input)),
  decideEscalation: wartime
    .input(object({ id: ACTIVATION, escalationId: id('提报事项'), decision: text('决策意见', 2, 1000) }))
    .mutation(({ ctx, input }) => decideEscalation(ctx, ctx.user, input)),
  history: wartime
    .input(object({ cursor: optional(cursor), limit: optional(int('每页条数', 1, 50)) }))
    .query(({ ctx, input }) => history(ctx, ctx.user, input)),
  pendingDecisions: wartime.query(({ ctx }) => pendingDecisions(ctx, ctx.user)),
  /**
   * Server-sent events: each committed wartime event the caller is entitled to, as it happens. The
   * entitlement is computed once at subscribe; the payload is built once per event and shared; the
   * session is re-checked every 30 s (session-sweep.ts) and the stream ends when it is gone.
   */
  events: wartime.subscription(({ ctx, signal }) => activationStream(ctx, ctx.user, ctx.sessionId, signal)),
})
