// Shared builders for the wartime tests: the Yiyuan org, a clock in minutes, and a runner that applies
// commands and fails loudly on a rejection nobody expected.
import { Effect, Result } from 'effect'
import type { Org } from '../../org/org.ts'
import { buildOrg } from '../../org/org.ts'
import { yiyuanOrgConfig } from '../../org/yiyuan.ts'
import type { ModeCommand, Start } from '../activation-commands.ts'
import type { ModeEvent } from '../activation-events.ts'
import type { AreaState } from '../area-mode.ts'
import { initialAreaState } from '../area-mode.ts'
import type { ModeError } from '../mode-errors.ts'
import { type ModeContext, transition } from '../transition.ts'

export const org: Org = Effect.runSync(buildOrg(yiyuanOrgConfig))

/** 2024-05-06 08:00 Beijing time, in epoch ms. */
export const T0: number = Date.parse('2024-05-06T08:00:00+08:00')

/** `n` minutes after T0. */
export const at = (n: number): number => T0 + n * 60_000

export const context = (onLeave: ReadonlyArray<string> = []): ModeContext => ({ org, onLeave })

export const startBy = (by: string, overrides: Partial<Start> = {}): Start => ({
  _tag: 'Start',
  activationId: 'a1',
  by,
  duty: 'squad.wartime.1',
  reason: '市局社区矫正工作督导检查',
  place: '鲁村中队',
  expectedMinutes: 120,
  peopleNeeded: 6,
  ...overrides,
})

export interface Run {
  readonly state: AreaState
  readonly events: ReadonlyArray<ModeEvent>
}

/** Applies each `[command, minute]` in turn; throws on a rejection (tests expecting one use `rejection`). */
export const run = (
  steps: ReadonlyArray<readonly [ModeCommand, number]>,
  from: Run = { state: initialAreaState('lucun'), events: [] },
  ctx: ModeContext = context(),
): Run =>
  steps.reduce((acc, [command, minute]) => {
    const result = transition(acc.state, command, at(minute), ctx)
    if (Result.isFailure(result)) {
      throw new Error(`${command._tag} rejected: ${result.failure._tag} ${result.failure.message}`)
    }
    return { state: result.success.state, events: [...acc.events, ...result.success.events] }
  }, from)

/** The error a command is rejected with; throws if it is accepted. */
export const rejection = (
  from: Run,
  command: ModeCommand,
  minute: number,
  ctx: ModeContext = context(),
): ModeError => {
  const result = transition(from.state, command, at(minute), ctx)
  if (Result.isSuccess(result)) throw new Error(`${command._tag} was accepted`)
  return result.failure
}
