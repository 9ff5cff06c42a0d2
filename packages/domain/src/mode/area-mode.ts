import type { Org } from '../org/org.ts'
import { type Activation, isOpen } from './activation.ts'
import type { CommanderBasis } from './activation-events.ts'

/**
 * Everything recorded about one area's (辖区) wartime: the brigade's standing stand-in designation and
 * every activation ever started there, in start order. Plain data, rebuilt by folding the area's event
 * log (`replayArea`).
 */
export interface AreaState {
  /** the squad code of the area */
  readonly area: string
  /** the person the brigade leader designated to command when the squad leader is absent */
  readonly standIn: string | null
  readonly activations: ReadonlyArray<Activation>
}

/**
 * The area's mode (平战融合, policy 三.2): peacetime while no activation is open; wartime with its open
 * activations (mobilising or active) otherwise. Several may be open at once.
 */
export type AreaMode =
  | { readonly _tag: 'peacetime'; readonly area: string }
  | {
      readonly _tag: 'wartime'
      readonly area: string
      readonly activations: readonly [Activation, ...ReadonlyArray<Activation>]
    }

/** An area that has never been in wartime: peacetime, no stand-in designated (policy 三.2 平时). */
export const initialAreaState = (area: string): AreaState => ({ area, standIn: null, activations: [] })

/** The open activations of an area, in start order (policy 三.2 战时). */
export const openActivationsOf = (state: AreaState): ReadonlyArray<Activation> =>
  state.activations.filter(isOpen)

/**
 * The area's mode, derived from its open activations (policy 三.2: 平时 each unit works on its own; a
 * 重要活动 puts the area into 战时 under the squad leader until stand-down).
 */
export const areaModeOf = (state: AreaState): AreaMode => {
  const [first, ...rest] = openActivationsOf(state)
  return first === undefined
    ? { _tag: 'peacetime', area: state.area }
    : { _tag: 'wartime', area: state.area, activations: [first, ...rest] }
}

/** The activation of an area with this id, if any (one 进入战时 episode, policy 三.2). */
export const activationOf = (state: AreaState, activationId: string): Activation | undefined =>
  state.activations.find((a) => a.id === activationId)

/** One task a person holds in an open activation. */
export interface OpenAssignment {
  readonly area: string
  readonly activationId: string
  readonly commander: string
  readonly taskId: string
  readonly title: string
  readonly duty: string
  readonly assignedAt: number
  readonly dueAt: number | null
}

/**
 * A person's unfinished tasks across the open activations of the given areas, oldest first. More than
 * one means their assignments compete: a commander sees it before tasking them again (policy 三.2
 * 统一指挥 — one person, one clear line of work). Pass every area the person may be borrowed into.
 */
export const openAssignmentsOf = (
  states: ReadonlyArray<AreaState>,
  person: string,
): ReadonlyArray<OpenAssignment> =>
  states
    .flatMap((state) =>
      openActivationsOf(state).flatMap((a) =>
        a.tasks
          .filter((t) => t.person === person && t.done === null)
          .map(
            (t): OpenAssignment => ({
              area: a.area,
              activationId: a.id,
              commander: a.commander,
              taskId: t.taskId,
              title: t.title,
              duty: t.duty,
              assignedAt: t.assignedAt,
              dueAt: t.dueAt,
            }),
          ),
      ),
    )
    .sort((x, y) => x.assignedAt - y.assignedAt)

/**
 * Who commands a new activation in the area, and why (policy 三.2 / 四.1: 进入战时状态后，由中队长负责统筹
 * 协调). The squad leader commands unless absent — on leave, or already commanding another open
 * activation here. Then, in order:
 * 1. the stand-in the brigade leader designated for the area, if present and not commanding another open activation;
 * 2. the brigade leader (who may command several activations at once), unless on leave;
 * 3. the bureau leader liaising the area (四.1), as the last resort.
 * `null` only for an area with none of these configured.
 */
export const commanderFor = (
  state: AreaState,
  org: Org,
  onLeave: ReadonlyArray<string>,
): { readonly commander: string; readonly basis: CommanderBasis } | null => {
  const away = new Set(onLeave)
  const busy = new Set(openActivationsOf(state).map((a) => a.commander))
  const available = (person: string | undefined | null): person is string =>
    typeof person === 'string' && !away.has(person) && !busy.has(person)
  const leader = org.leaderOf(state.area)?.code
  if (available(leader)) return { commander: leader, basis: 'squadLeader' }
  if (available(state.standIn)) return { commander: state.standIn, basis: 'standIn' }
  const brigade = org.peopleByRole('brigadeLeader')[0]?.code
  if (brigade !== undefined && !away.has(brigade)) return { commander: brigade, basis: 'brigadeLeader' }
  const liaison = org.liaisonOf(state.area)?.code
  return liaison === undefined ? null : { commander: liaison, basis: 'liaison' }
}
