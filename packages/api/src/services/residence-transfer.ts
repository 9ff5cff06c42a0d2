// Change of the place of execution (变更执行地, 社区矫正法27; 实施办法29–30, recalled): application,
// consultation of the new county, its reply, the county agency's decision, the files, and the
// supervisee's reporting there. Each step is a case event; the deadline engine turns the day counts
// into statutory tasks in the same transaction.
import {
  checkTransferStep,
  TRANSFER_STEP_EVENTS,
  TRANSFER_STEP_LABELS,
  type TransferStep,
  transferStateOf,
} from '@pingzhan/domain'
import { Result } from 'effect'
import { eventsOfSupervisee } from '../repos/supervisees.ts'
import type { User } from '../repos/users.ts'
import { shanghaiDate } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { fail, forbidden } from '../trpc/errors.ts'
import { addEvent, bump, forWork, within } from './supervisees.ts'
import { loadRules } from './work-calendar.ts'

export interface TransferInput {
  readonly id: string
  readonly step: TransferStep
  readonly on: string
  readonly destination?: string | undefined
  readonly moveOn?: string | undefined
  readonly agreed?: boolean | undefined
  readonly approve?: boolean | undefined
  readonly note?: string | undefined
}

/**
 * Records one step of a change of residence. The decision is the county agency's (社区矫正法27:
 * 社区矫正机构 = the brigade here); the other steps are the area's squad's work.
 */
export const recordTransferStep = async (ctx: Context, user: User, input: TransferInput) => {
  const row = await forWork(ctx, user, input.id)
  if (input.step === 'decide' && user.role !== 'brigadeLeader')
    throw forbidden('变更执行地由县级社区矫正机构（执法大队）决定')
  if (row.status !== 'active') throw fail('CONFLICT', 'CaseStateInvalid', '只有在矫对象可以办理变更执行地')
  const now = ctx.deps.clock()
  if (input.on > shanghaiDate(now))
    throw fail('BAD_REQUEST', 'InvalidInput', '输入有误：日期不能晚于今天', { on: '日期不能晚于今天' })
  const stored = await eventsOfSupervisee(ctx.deps.db, row.id)
  const state = transferStateOf(
    stored.map((e) => ({ kind: e.kind, ...(JSON.parse(e.data_json) as Record<string, unknown>) })),
  )
  const checked = checkTransferStep(await loadRules(ctx.deps.db), state, input)
  if (Result.isFailure(checked)) throw fail('CONFLICT', 'CaseStateInvalid', checked.failure.message)
  const data =
    input.step === 'apply'
      ? { destination: input.destination?.trim(), moveOn: input.moveOn, late: checked.success.late }
      : input.step === 'reply'
        ? { agreed: input.agreed }
        : input.step === 'decide'
          ? { approved: input.approve }
          : {}
  const kind = TRANSFER_STEP_EVENTS[input.step]
  await within(
    ctx,
    user,
    row,
    `supervisee.transfer.${input.step}`,
    async (trx) => {
      await addEvent(trx, user, row, kind, input.on, now, data, input.note?.trim() || null)
      await bump(trx, row, input.step === 'complete' ? { status: 'transferred' } : {}, now)
    },
    { step: input.step, on: input.on, ...data },
  )
  return { ok: true as const, label: TRANSFER_STEP_LABELS[input.step], late: checked.success.late }
}
