import { Result } from 'effect'
import { addMonths } from './civil-date.ts'
import { CaseStateInvalid } from './corrections-errors.ts'
import { type RuleSet, ruleOf } from './rules.ts'

/** The steps of a change of the place of execution (变更执行地, 社区矫正法27; 实施办法29–30). */
export type TransferStep = 'apply' | 'consult' | 'reply' | 'decide' | 'sendFiles' | 'complete'

export const TRANSFER_STEP_LABELS: Readonly<Record<TransferStep, string>> = {
  apply: '申请变更执行地',
  consult: '书面征求新执行地意见',
  reply: '收到新执行地回复意见',
  decide: '作出变更执行地决定',
  sendFiles: '移交档案材料',
  complete: '新执行地确认报到',
}

/** The event kind each step records. */
export const TRANSFER_STEP_EVENTS = {
  apply: 'transferApplied',
  consult: 'transferConsulted',
  reply: 'transferReplied',
  decide: 'transferDecided',
  sendFiles: 'transferFilesSent',
  complete: 'transferCompleted',
} as const satisfies Record<TransferStep, string>

/** Where a case's latest transfer stands, read from its events in order. */
export type TransferState =
  | { readonly stage: 'none' }
  | { readonly stage: 'applied' | 'consulted'; readonly destination: string }
  | { readonly stage: 'replied'; readonly destination: string; readonly agreed: boolean }
  | { readonly stage: 'approved'; readonly destination: string; readonly filesSent: boolean }
  | { readonly stage: 'completed'; readonly destination: string }

/** A case event as the fold reads it: its kind and the data a transfer step carries. */
export interface TransferEvent {
  readonly kind: string
  readonly destination?: string
  readonly agreed?: boolean
  readonly approved?: boolean
}

/** Folds a case's events into the state of its latest transfer (a refused one ends it: 'none'). */
export const transferStateOf = (events: ReadonlyArray<TransferEvent>): TransferState => {
  let s: TransferState = { stage: 'none' }
  for (const e of events) {
    if (e.kind === 'transferApplied') {
      s = { stage: 'applied', destination: e.destination ?? '' }
      continue
    }
    switch (s.stage) {
      case 'applied':
        if (e.kind === 'transferConsulted') s = { stage: 'consulted', destination: s.destination }
        break
      case 'consulted':
        if (e.kind === 'transferReplied')
          s = { stage: 'replied', destination: s.destination, agreed: e.agreed === true }
        break
      case 'replied':
        if (e.kind === 'transferDecided')
          s =
            e.approved === true
              ? { stage: 'approved', destination: s.destination, filesSent: false }
              : { stage: 'none' }
        break
      case 'approved':
        if (e.kind === 'transferFilesSent')
          s = { stage: 'approved', destination: s.destination, filesSent: true }
        else if (e.kind === 'transferCompleted') s = { stage: 'completed', destination: s.destination }
        break
      default:
        break
    }
  }
  return s
}

export interface TransferAsk {
  readonly step: TransferStep
  readonly on: string
  /** apply: the new county and the planned moving day */
  readonly destination?: string | undefined
  readonly moveOn?: string | undefined
  /** reply: whether the new county agrees */
  readonly agreed?: boolean | undefined
  /** decide: approve or refuse */
  readonly approve?: boolean | undefined
}

/**
 * Checks the next step of a change of residence against the order the law sets (社区矫正法27; 实施办法
 * 29–30, recalled): application → the county consults the new county → its reply → the county's
 * decision (approval only with the new county's agreement) → files moved → the supervisee reports
 * there. Applying later than about a month before the move is flagged (`late`), never refused.
 */
export const checkTransferStep = (
  rules: RuleSet,
  state: TransferState,
  ask: TransferAsk,
): Result.Result<{ late: boolean }, CaseStateInvalid> => {
  const refuse = (problem: string) => Result.fail(new CaseStateInvalid({ problem }))
  const open = state.stage !== 'none' && state.stage !== 'completed'
  switch (ask.step) {
    case 'apply': {
      if (open) return refuse('已有正在办理的变更执行地申请')
      if (!ask.destination?.trim()) return refuse('请填写新执行地')
      if (!ask.moveOn || ask.moveOn < ask.on) return refuse('拟迁居日期不能早于申请日期')
      const ahead = ruleOf(rules, 'transfer.applyAhead').amount
      return Result.succeed({ late: addMonths(ask.on, ahead) > ask.moveOn })
    }
    case 'consult':
      return state.stage === 'applied' ? Result.succeed({ late: false }) : refuse('请先登记变更执行地申请')
    case 'reply':
      if (ask.agreed === undefined) return refuse('请选择新执行地是否同意接收')
      return state.stage === 'consulted'
        ? Result.succeed({ late: false })
        : refuse('请先登记征求新执行地意见')
    case 'decide':
      if (ask.approve === undefined) return refuse('请选择是否同意变更')
      if (state.stage !== 'replied') return refuse('收到新执行地回复意见后才能作出决定')
      if (ask.approve && !state.agreed) return refuse('新执行地不同意接收，不能批准变更执行地')
      return Result.succeed({ late: false })
    case 'sendFiles':
      if (state.stage !== 'approved') return refuse('批准变更执行地后才能移交档案')
      if (state.filesSent) return refuse('档案材料已移交')
      return Result.succeed({ late: false })
    case 'complete':
      if (state.stage !== 'approved') return refuse('批准变更执行地后才能确认报到')
      if (!state.filesSent) return refuse('请先移交档案材料')
      return Result.succeed({ late: false })
  }
}
