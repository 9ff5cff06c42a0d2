import { dueInstantOfHours, type Period, type WorkCalendar } from './calendar.ts'
import { addDays } from './civil-date.ts'
import { lastDayOfPeriod } from './periods.ts'
import { periodOf, type RuleCode, type RuleSet } from './rules.ts'
import type { CorrectionType, ManagementLevel } from './supervisee.ts'

/** What happened in a case, in the order it was recorded. `on` is the civil day it happened. */
export type CaseEvent = { readonly id: string; readonly on: string; readonly atMs: number } & (
  | { readonly kind: 'investigationCommissioned'; readonly fast: boolean }
  | { readonly kind: 'investigationOpinion' }
  | { readonly kind: 'judgment'; readonly termStart: string; readonly termEnd: string }
  | { readonly kind: 'documentsReceived' }
  | { readonly kind: 'receiptSent' }
  | { readonly kind: 'reported' }
  | { readonly kind: 'intakeAnnounced' }
  | { readonly kind: 'planMade' }
  | { readonly kind: 'homeVisit' }
  | { readonly kind: 'lostContact' }
  | { readonly kind: 'contactRestored' }
  | { readonly kind: 'monitoringStarted'; readonly until: string }
  | { readonly kind: 'monitoringEnded' }
  | { readonly kind: 'discharged' }
  // 变更执行地 (社区矫正法27; 实施办法29–30)
  | { readonly kind: 'transferApplied'; readonly destination: string; readonly moveOn: string }
  | { readonly kind: 'transferConsulted' }
  | { readonly kind: 'transferReplied'; readonly agreed: boolean }
  | { readonly kind: 'transferDecided'; readonly approved: boolean }
  | { readonly kind: 'transferFilesSent' }
  | { readonly kind: 'transferCompleted' }
)

export type CaseEventKind = CaseEvent['kind']

export const CASE_EVENT_LABELS: Readonly<Record<CaseEventKind, string>> = {
  investigationCommissioned: '收到调查评估委托',
  investigationOpinion: '提交调查评估意见',
  judgment: '判决、裁定生效',
  documentsReceived: '收到法律文书',
  receiptSent: '送达回执',
  reported: '报到',
  intakeAnnounced: '入矫宣告',
  planMade: '制定（调整）矫正方案',
  homeVisit: '入户走访',
  lostContact: '失去联系',
  contactRestored: '恢复联系',
  monitoringStarted: '开始电子定位',
  monitoringEnded: '解除电子定位',
  discharged: '解除社区矫正',
  transferApplied: '申请变更执行地',
  transferConsulted: '书面征求新执行地县级社区矫正机构意见',
  transferReplied: '收到新执行地回复意见',
  transferDecided: '作出变更执行地决定',
  transferFilesSent: '移交档案材料',
  transferCompleted: '新执行地确认报到（移出）',
}

export type ObligationKind =
  | 'investigation'
  | 'receipt'
  | 'report'
  | 'announcement'
  | 'plan'
  | 'visit'
  | 'search'
  | 'monitoringExpiry'
  | 'discharge'
  | 'transferConsult'
  | 'transferReply'
  | 'transferFiles'
  | 'transferReport'
  // released prisoners (安置帮教): see resettlement/resettlement.ts
  | 'handover'
  | 'file'
  | 'entry'
  | 'releaseeVisit'
  | 'aftercareEnd'

/** One duty with a deadline that a case owes, derived from its events and the rules. */
export interface Obligation {
  /** stable within the case: recomputing yields the same key for the same duty */
  readonly key: string
  readonly kind: ObligationKind
  readonly title: string
  /** the duty of 三.3 the work falls under */
  readonly duty: string
  readonly rule: RuleCode
  /** the event that started the clock (its recorder becomes the task's creator) */
  readonly triggerId: string
  /** last day (YYYY-MM-DD, China Standard Time) */
  readonly dueDate: string
  /** exact instant for hour periods */
  readonly dueAtMs: number | null
  readonly satisfied: boolean
  /**
   * Set when the calendar lacks a year the count reaches into: the due date is then counted in plain
   * calendar days without rolling — never later than the true one — and flagged for the bureau to
   * enter the year's schedule.
   */
  readonly provisional: string | null
}

export interface CaseFacts {
  readonly correctionType: CorrectionType
  readonly managementLevel: ManagementLevel
  readonly status: 'pending' | 'active' | 'discharged' | 'transferred'
}

const SQUAD_CORRECTIONS = 'squad.peacetime.1'

const due = (
  cal: WorkCalendar,
  trigger: string,
  period: Period,
): { dueDate: string; provisional: string | null } => {
  // The engine's one counting (periods.ts); without the year: the plain count, no roll, flagged.
  const d = lastDayOfPeriod(cal, trigger, period)
  return { dueDate: d.date, provisional: d.provisional }
}

/**
 * Every obligation of a case (社区矫正法20–30, 44; 实施办法14, 16; rules as data), recomputed from
 * scratch: the same events, rules and calendar always give the same list, so a recompute is idempotent.
 *
 * - 调查评估: opinion within N working days of the commission (实施办法14; 速裁 5);
 * - 回执: within 5 days of receiving the documents (实施办法16);
 * - 报到: within 10 days of the judgment taking effect; 暂予监外执行 handed over within 10 days (法21);
 * - 入矫宣告 and 矫正方案 after reporting (法22, 法24; periods are bureau settings);
 * - 入户走访: every N days by management level, from reporting or the last visit (bureau settings);
 * - 查找: at once on loss of contact (法30; hours, never rolled);
 * - 电子定位到期提醒 before the period ends (法29);
 * - 解除矫正: on the last day of the term (法44).
 */
export const obligationsOf = (
  facts: CaseFacts,
  events: ReadonlyArray<CaseEvent>,
  rules: RuleSet,
  cal: WorkCalendar,
): ReadonlyArray<Obligation> => {
  const out: Obligation[] = []
  const has = (kind: CaseEventKind, after = -1): boolean =>
    events.some((e, i) => i > after && e.kind === kind)
  const push = (
    o: Omit<Obligation, 'dueDate' | 'provisional' | 'dueAtMs' | 'satisfied'> & {
      trigger: string
      period: Period
      satisfied: boolean
    },
  ) => {
    const { trigger, period, ...rest } = o
    out.push({ ...rest, ...due(cal, trigger, period), dueAtMs: null })
  }

  events.forEach((e, i) => {
    switch (e.kind) {
      case 'investigationCommissioned': {
        const rule = e.fast ? 'investigation.fast' : 'investigation.normal'
        push({
          key: `investigation:${e.id}`,
          kind: 'investigation',
          title: `提交调查评估意见${e.fast ? '（速裁）' : ''}`,
          duty: `${SQUAD_CORRECTIONS}.1`,
          rule,
          triggerId: e.id,
          trigger: e.on,
          period: periodOf(rules, rule),
          satisfied: has('investigationOpinion', i),
        })
        break
      }
      case 'documentsReceived':
        push({
          key: `receipt:${e.id}`,
          kind: 'receipt',
          title: '向作出判决、裁定、决定的机关送达回执',
          duty: `${SQUAD_CORRECTIONS}.3`,
          rule: 'documents.receipt',
          triggerId: e.id,
          trigger: e.on,
          period: periodOf(rules, 'documents.receipt'),
          satisfied: has('receiptSent', i),
        })
        break
      case 'judgment': {
        const rule = facts.correctionType === 'medicalParole' ? 'report.handover' : 'report.deadline'
        push({
          key: 'report',
          kind: 'report',
          title: facts.correctionType === 'medicalParole' ? '暂予监外执行罪犯移送交接' : '社区矫正对象报到',
          duty: `${SQUAD_CORRECTIONS}.3`,
          rule,
          triggerId: e.id,
          trigger: e.on,
          period: periodOf(rules, rule),
          satisfied: has('reported'),
        })
        // The term's last day: discharge that day (法44); no roll — the term ends when it ends.
        out.push({
          key: 'discharge',
          kind: 'discharge',
          title:
            '矫正期满解除社区矫正：发放解除社区矫正证明书，书面通知决定机关、检察院、公安机关，组织解矫宣告',
          duty: `${SQUAD_CORRECTIONS}.3`,
          rule: 'discharge.notice',
          triggerId: e.id,
          dueDate: e.termEnd,
          dueAtMs: null,
          satisfied: has('discharged'),
          provisional: null,
        })
        break
      }
      case 'reported': {
        if (i !== events.findIndex((x) => x.kind === 'reported')) break
        push({
          key: 'announcement',
          kind: 'announcement',
          title: '组织入矫宣告',
          duty: `${SQUAD_CORRECTIONS}.3`,
          rule: 'intake.announcement',
          triggerId: e.id,
          trigger: e.on,
          period: periodOf(rules, 'intake.announcement'),
          satisfied: has('intakeAnnounced'),
        })
        push({
          key: 'plan',
          kind: 'plan',
          title: '制定矫正方案',
          duty: `${SQUAD_CORRECTIONS}.4`,
          rule: 'plan.deadline',
          triggerId: e.id,
          trigger: e.on,
          period: periodOf(rules, 'plan.deadline'),
          satisfied: has('planMade'),
        })
        break
      }
      case 'lostContact': {
        const hours = periodOf(rules, 'lossOfContact.searchHours').amount
        const dueAtMs = dueInstantOfHours(e.atMs, hours)
        out.push({
          key: `search:${e.id}`,
          kind: 'search',
          title: '立即查找失去联系的社区矫正对象，通报公安机关协助',
          duty: `${SQUAD_CORRECTIONS}.10`,
          rule: 'lossOfContact.searchHours',
          triggerId: e.id,
          dueDate: e.on,
          dueAtMs,
          satisfied: has('contactRestored', i),
          provisional: null,
        })
        break
      }
      case 'monitoringStarted': {
        const alert = periodOf(rules, 'monitoring.alertDays').amount
        out.push({
          key: `monitoring:${e.id}`,
          kind: 'monitoringExpiry',
          title: `电子定位将于 ${e.until} 到期：解除或报局负责人批准延长`,
          duty: `${SQUAD_CORRECTIONS}.5`,
          rule: 'monitoring.alertDays',
          triggerId: e.id,
          dueDate: addDays(e.until, -alert),
          dueAtMs: null,
          satisfied: has('monitoringEnded', i) || has('monitoringStarted', i),
          provisional: null,
        })
        break
      }
      case 'transferApplied':
        push({
          key: `transferConsult:${e.id}`,
          kind: 'transferConsult',
          title: `书面征求新执行地（${e.destination}）县级社区矫正机构意见`,
          duty: `${SQUAD_CORRECTIONS}.6`,
          rule: 'transfer.consult',
          triggerId: e.id,
          trigger: e.on,
          period: periodOf(rules, 'transfer.consult'),
          satisfied: has('transferConsulted', i) || has('transferDecided', i),
        })
        break
      case 'transferConsulted':
        push({
          key: `transferReply:${e.id}`,
          kind: 'transferReply',
          title: '新执行地县级社区矫正机构应回复意见（逾期请催办）',
          duty: `${SQUAD_CORRECTIONS}.6`,
          rule: 'transfer.reply',
          triggerId: e.id,
          trigger: e.on,
          period: periodOf(rules, 'transfer.reply'),
          satisfied: has('transferReplied', i) || has('transferDecided', i),
        })
        break
      case 'transferDecided':
        if (!e.approved) break
        push({
          key: `transferFiles:${e.id}`,
          kind: 'transferFiles',
          title: '向新执行地县级社区矫正机构移交档案材料',
          duty: `${SQUAD_CORRECTIONS}.6`,
          rule: 'transfer.files',
          triggerId: e.id,
          trigger: e.on,
          period: periodOf(rules, 'transfer.files'),
          satisfied: has('transferFilesSent', i),
        })
        push({
          key: `transferReport:${e.id}`,
          kind: 'transferReport',
          title: '社区矫正对象到新执行地报到（确认报到情况）',
          duty: `${SQUAD_CORRECTIONS}.6`,
          rule: 'transfer.report',
          triggerId: e.id,
          trigger: e.on,
          period: periodOf(rules, 'transfer.report'),
          satisfied: has('transferCompleted', i),
        })
        break
      default:
        break
    }
  })

  // Home visits by management level, from reporting or the latest visit.
  const firstReport = events.find((e) => e.kind === 'reported')
  if (firstReport && facts.status !== 'discharged' && facts.status !== 'transferred') {
    const visits = events.filter((e) => e.kind === 'homeVisit')
    const last = visits.at(-1) ?? firstReport
    const rule = `visit.${facts.managementLevel}` as const
    push({
      key: `visit:${visits.length}`,
      kind: 'visit',
      title: `入户走访（${facts.managementLevel === 'strict' ? '严管' : facts.managementLevel === 'normal' ? '普管' : '宽管'}）`,
      duty: `${SQUAD_CORRECTIONS}.8`,
      rule,
      triggerId: last.id,
      trigger: last.on,
      period: periodOf(rules, rule),
      satisfied: false,
    })
  }
  // A case moved to another county (变更执行地) owes nothing more here but the transfer's own steps;
  // what was still open is settled by the engine as no longer applying.
  if (facts.status === 'transferred') return out.filter((o) => o.satisfied || o.kind.startsWith('transfer'))
  return out
}

/** Where an open obligation stands on `today`: overdue, due within `soonDays`, or later. */
export const urgencyOf = (
  o: Pick<Obligation, 'dueDate' | 'dueAtMs' | 'satisfied'>,
  today: string,
  nowMs: number,
  soonDays = 3,
): 'done' | 'overdue' | 'dueSoon' | 'later' => {
  if (o.satisfied) return 'done'
  if (o.dueAtMs !== null) return o.dueAtMs < nowMs ? 'overdue' : 'dueSoon'
  if (o.dueDate < today) return 'overdue'
  return o.dueDate <= addDays(today, soonDays) ? 'dueSoon' : 'later'
}
