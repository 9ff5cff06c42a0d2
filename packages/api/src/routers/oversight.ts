import {
  addInspectionPhoto,
  checkFinding,
  decideEscalation,
  getInspection,
  inspectionPhoto,
  liaisonDashboard,
  listEscalations,
  listInspections,
  raiseEscalation,
  recordInspection,
  rectifyFinding,
} from '../services/oversight.ts'
import { authedProcedure, router } from '../trpc/init.ts'
import {
  bool,
  type Check,
  date,
  dateOrInstant,
  id,
  int,
  object,
  oneOf,
  optional,
  text,
} from '../trpc/validate.ts'
import { base64 } from './task-validate.ts'

// Oversight by the bureau leaders (issue 12, policy 四.1): inspections (四不两直), escalations (提报) and the
// liaison dashboard. The services check who may do what.

const DUTY = text('职责事项', 1, 40, { re: /^[a-z]+\.[a-z]+\.[0-9.]+$/, message: '职责事项无效' })

/** 1–20 findings, each a text and optionally the duty it concerns. */
const findings: Check<Array<{ text: string; dutyCode?: string }>> = (value) => {
  if (!Array.isArray(value) || value.length > 20) return { ok: false, message: '发现问题最多 20 条' }
  const out: Array<{ text: string; dutyCode?: string }> = []
  for (const [i, raw] of value.entries()) {
    const r = raw as { text?: unknown; dutyCode?: unknown }
    const t = text(`第 ${i + 1} 条问题`, 2, 500)(r?.text)
    if (!t.ok) return t
    if (r.dutyCode !== undefined && r.dutyCode !== null) {
      const d = DUTY(r.dutyCode)
      if (!d.ok) return d
      out.push({ text: t.value, dutyCode: d.value })
    } else out.push({ text: t.value })
  }
  return { ok: true, value: out }
}

export const inspectionRouter = router({
  list: authedProcedure
    .input(object({ area: optional(text('辖区', 1, 40)) }))
    .query(({ ctx, input }) => listInspections(ctx, ctx.user, input)),
  get: authedProcedure
    .input(object({ id: id('督导检查记录') }))
    .query(({ ctx, input }) => getInspection(ctx, ctx.user, input.id)),
  record: authedProcedure
    .input(
      object({
        unitType: oneOf('被检查单位类别', ['office', 'squad'] as const),
        unitCode: text('被检查单位', 1, 40),
        visitedAt: dateOrInstant('检查时间'),
        place: text('检查地点', 2, 100),
        checked: text('检查内容', 2, 1000),
        findings,
      }),
    )
    .mutation(({ ctx, input }) => recordInspection(ctx, ctx.user, input)),
  addPhoto: authedProcedure
    .input(object({ id: id('督导检查记录'), photo: base64('照片', 820_000) }))
    .mutation(({ ctx, input }) => addInspectionPhoto(ctx, ctx.user, input)),
  photo: authedProcedure
    .input(object({ id: id('照片') }))
    .query(({ ctx, input }) => inspectionPhoto(ctx, ctx.user, input.id)),
  rectify: authedProcedure
    .input(object({ findingId: id('检查发现的问题'), dutyCode: DUTY, dueDate: date('整改期限') }))
    .mutation(({ ctx, input }) => rectifyFinding(ctx, ctx.user, input)),
  checkFinding: authedProcedure
    .input(
      object({
        findingId: id('检查发现的问题'),
        version: int('版本', 1, 1_000_000),
        accept: bool('验收结果'),
        note: text('验收意见', 2, 500),
        dueDate: optional(date('新的整改期限')),
      }),
    )
    .mutation(({ ctx, input }) => checkFinding(ctx, ctx.user, input)),
})

export const escalationRouter = router({
  list: authedProcedure
    .input(object({ open: optional(bool('仅看待决策')) }))
    .query(({ ctx, input }) => listEscalations(ctx, ctx.user, input)),
  raise: authedProcedure
    .input(
      object({
        question: text('提报事项', 4, 1000),
        deadlineHours: int('决策时限（小时）', 1, 24 * 30),
        inspectionId: optional(id('督导检查记录')),
        aroseAt: optional(dateOrInstant('发生时间')),
      }),
    )
    .mutation(({ ctx, input }) => raiseEscalation(ctx, ctx.user, input)),
  decide: authedProcedure
    .input(
      object({ id: id('提报事项'), version: int('版本', 1, 1_000_000), decision: text('决策意见', 2, 1000) }),
    )
    .mutation(({ ctx, input }) => decideEscalation(ctx, ctx.user, input)),
})

export const oversightRouter = router({
  dashboard: authedProcedure.query(({ ctx }) => liaisonDashboard(ctx, ctx.user)),
})
