import { Result } from 'effect'
import { superviseeScope } from '../corrections/access.ts'
import type { Period, WorkCalendar } from '../corrections/calendar.ts'
import { addDays, addMonths, daysBetween } from '../corrections/civil-date.ts'
import { CaseStateInvalid } from '../corrections/corrections-errors.ts'
import type { Obligation } from '../corrections/obligations.ts'
import { lastDayOfPeriod } from '../corrections/periods.ts'
import { periodOf, type RuleCode, type RuleSet, ruleOf } from '../corrections/rules.ts'
import type { Actor, RecordScope } from '../scope/scope.ts'

// Resettlement and aftercare of released prisoners (刑满释放人员安置帮教), the squads' peacetime duty
// ② (policy 三.3): handover (衔接), the file, information check and entry, visits, assistance.

/** Categories whose aftercare period and visit frequency the bureau sets (rules resettlement.*). */
export type ReleaseeCategory = 'general' | 'key' | 'elderlySick'

export const RELEASEE_CATEGORY_LABELS: Readonly<Record<ReleaseeCategory, string>> = {
  general: '一般刑满释放人员',
  key: '重点帮教对象',
  elderlySick: '老病残刑满释放人员',
}

export type ReleaseeStatus = 'notified' | 'aftercare' | 'closed'

export const RELEASEE_STATUS_LABELS: Readonly<Record<ReleaseeStatus, string>> = {
  notified: '待衔接',
  aftercare: '帮教中',
  closed: '已解除帮教',
}

export type AssistanceKind = 'placement' | 'relief' | 'education' | 'training'

export const ASSISTANCE_LABELS: Readonly<Record<AssistanceKind, string>> = {
  placement: '安置就业',
  relief: '救助',
  education: '教育帮扶',
  training: '技能培训',
}

/** What happened in an aftercare case, in recorded order. */
export type ReleaseeEvent = { readonly id: string; readonly on: string } & (
  | { readonly kind: 'noticeReceived'; readonly releaseOn: string }
  | { readonly kind: 'handedOver' }
  | { readonly kind: 'fileOpened' }
  | { readonly kind: 'infoEntered' }
  | { readonly kind: 'visit' }
  | { readonly kind: 'assisted'; readonly assistance: AssistanceKind }
  | { readonly kind: 'closed' }
)

export type ReleaseeEventKind = ReleaseeEvent['kind']

export const RELEASEE_EVENT_LABELS: Readonly<Record<ReleaseeEventKind, string>> = {
  noticeReceived: '收到监狱释放通知',
  handedOver: '衔接到位',
  fileOpened: '建立安置帮教工作档案',
  infoEntered: '安置帮教系统信息核查、录入',
  visit: '走访排查',
  assisted: '安置救助、教育帮扶',
  closed: '帮教期满解除帮教',
}

export interface ReleaseeFacts {
  readonly category: ReleaseeCategory
  readonly releaseOn: string
  readonly status: ReleaseeStatus
}

const DUTY = 'squad.peacetime.2'

const aftercareRule = (c: ReleaseeCategory): RuleCode =>
  c === 'general' ? 'resettlement.aftercareYears' : `resettlement.aftercareYears.${c}`

/** The last day of the aftercare period: release day plus the category's years (a bureau setting). */
export const aftercareEndOf = (rules: RuleSet, category: ReleaseeCategory, releaseOn: string): string =>
  addDays(addMonths(releaseOn, 12 * ruleOf(rules, aftercareRule(category)).amount), -1)

/**
 * Whether the prison's notice came later than about a month before release (1999 司法部 notice, S):
 * flagged for the record, never refused — the person must be received either way.
 */
export const noticeLate = (rules: RuleSet, noticeOn: string, releaseOn: string): boolean =>
  daysBetween(noticeOn, releaseOn) < ruleOf(rules, 'resettlement.noticeAhead').amount

// The engine's one counting (periods.ts); without the year: the plain count, no roll, flagged.
const due = (cal: WorkCalendar, trigger: string, period: Period) => {
  const d = lastDayOfPeriod(cal, trigger, period)
  return { dueDate: d.date, provisional: d.provisional }
}

/**
 * Every obligation of an aftercare case, recomputed from scratch (same events, rules and calendar →
 * same list, so a recompute is idempotent):
 * - 衔接: within N days of the prison's notice (resettlement.handover);
 * - 档案 and 信息核查录入: within N days / working days of release;
 * - 走访排查: every N days by category from release or the latest visit, within the aftercare period;
 * - 帮教期满: on the period's last day (years by category), closing the case.
 */
export const releaseeObligationsOf = (
  facts: ReleaseeFacts,
  events: ReadonlyArray<ReleaseeEvent>,
  rules: RuleSet,
  cal: WorkCalendar,
): ReadonlyArray<Obligation> => {
  const out: Obligation[] = []
  const has = (kind: ReleaseeEventKind) => events.some((e) => e.kind === kind)
  const notice = events.find((e) => e.kind === 'noticeReceived')
  if (!notice) return out
  const release = facts.releaseOn
  const add = (
    o: Pick<Obligation, 'key' | 'kind' | 'title' | 'duty' | 'rule' | 'triggerId' | 'satisfied'>,
    trigger: string,
  ) => out.push({ ...o, ...due(cal, trigger, periodOf(rules, o.rule)), dueAtMs: null })

  add(
    {
      key: 'handover',
      kind: 'handover',
      title: '做好刑满释放人员衔接（核实身份、联系家属、落实接回）',
      duty: `${DUTY}.1`,
      rule: 'resettlement.handover',
      triggerId: notice.id,
      satisfied: has('handedOver'),
    },
    notice.on,
  )
  add(
    {
      key: 'file',
      kind: 'file',
      title: '建立刑满释放人员安置帮教工作档案',
      duty: `${DUTY}.2`,
      rule: 'resettlement.file',
      triggerId: notice.id,
      satisfied: has('fileOpened'),
    },
    release,
  )
  add(
    {
      key: 'entry',
      kind: 'entry',
      title: '安置帮教系统信息核查、录入',
      duty: `${DUTY}.3`,
      rule: 'resettlement.entry',
      triggerId: notice.id,
      satisfied: has('infoEntered'),
    },
    release,
  )
  const end = aftercareEndOf(rules, facts.category, release)
  out.push({
    key: 'aftercareEnd',
    kind: 'aftercareEnd',
    title: '安置帮教期满：评估帮教效果，解除帮教',
    duty: `${DUTY}.4`,
    rule: aftercareRule(facts.category),
    triggerId: notice.id,
    dueDate: end,
    dueAtMs: null,
    satisfied: has('closed'),
    provisional: null,
  })
  if (facts.status !== 'closed') {
    const visits = events.filter((e) => e.kind === 'visit')
    const last = visits.at(-1)
    const from = last && last.on > release ? last.on : release
    const rule: RuleCode = `resettlement.visit.${facts.category}`
    const next = due(cal, from, periodOf(rules, rule))
    if (next.dueDate <= end)
      out.push({
        key: `visit:${visits.length}`,
        kind: 'releaseeVisit',
        title: `走访排查（${RELEASEE_CATEGORY_LABELS[facts.category]}）`,
        duty: `${DUTY}.4`,
        rule,
        triggerId: last?.id ?? notice.id,
        ...next,
        dueAtMs: null,
        satisfied: false,
      })
  }
  return out
}

/**
 * Checks a step of an aftercare case and gives the status after it: the handover (衔接) comes first,
 * on or after the release day; the case closes only when the aftercare period has run out.
 */
export const checkReleaseeEvent = (
  facts: ReleaseeFacts,
  events: ReadonlyArray<Pick<ReleaseeEvent, 'kind'>>,
  kind: Exclude<ReleaseeEventKind, 'noticeReceived'>,
  on: string,
  rules: RuleSet,
): Result.Result<ReleaseeStatus, CaseStateInvalid> => {
  const has = (k: ReleaseeEventKind) => events.some((e) => e.kind === k)
  const refuse = (problem: string) => Result.fail(new CaseStateInvalid({ problem }))
  if (facts.status === 'closed') return refuse('该人员已解除帮教，不能再登记事项')
  switch (kind) {
    case 'handedOver':
      if (has('handedOver')) return refuse('已登记衔接到位')
      if (on < facts.releaseOn) return refuse(`释放日期为 ${facts.releaseOn}，衔接到位不能早于释放日期`)
      return Result.succeed('aftercare')
    case 'closed':
      if (!has('handedOver')) return refuse('尚未衔接到位')
      if (on < aftercareEndOf(rules, facts.category, facts.releaseOn))
        return refuse(
          `安置帮教期至 ${aftercareEndOf(rules, facts.category, facts.releaseOn)} 届满，期满前不能解除帮教`,
        )
      return Result.succeed('closed')
    default:
      if (!has('handedOver')) return refuse('请先登记衔接到位')
      return Result.succeed(facts.status)
  }
}

/**
 * Who reads released prisoners' records: as supervisees (superviseeScope) — the squads whose duty ② it
 * is, the brigade, the liaising leader, the town's director who takes part in the handover; never the
 * administrator or departments (个人信息保护法34, minimum scope).
 */
export const releaseeScope = (actor: Actor): RecordScope => superviseeScope(actor)

/**
 * Who records aftercare steps: the area's squad staff and the brigade, and the town's director — the
 * handover (衔接) is done at the office or the squad (policy 三.3 中队②; 司法所 takes part locally).
 */
export const mayWorkReleasees = (actor: Actor): boolean =>
  actor.role === 'squadLeader' ||
  actor.role === 'squadMember' ||
  actor.role === 'brigadeLeader' ||
  actor.role === 'officeDirector'
