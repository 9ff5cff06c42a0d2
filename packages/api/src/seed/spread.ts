// The shape of a county's work over time, shared by the demo (through the services) and the scale
// generator (bulk): how finished each task is by where its due date lies relative to today.
import type { Rng } from './prng.ts'

export type TaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled'

/** Task statuses by where the due date lies relative to today (the same spread as the demo). */
export const taskFate = (
  rng: Rng,
  dueMs: number,
  nowMs: number,
): { status: TaskStatus; late: boolean; started: boolean } => {
  const ageDays = (nowMs - dueMs) / 86_400_000
  if (ageDays > 3) {
    const s = rng.weighted<TaskStatus>([
      ['done', 90],
      ['cancelled', 3],
      ['open', 3],
      ['in_progress', 4],
    ])
    return { status: s, late: s === 'done' && rng.chance(0.12), started: s !== 'open' && s !== 'cancelled' }
  }
  if (ageDays > 0) {
    const s = rng.weighted<TaskStatus>([
      ['done', 55],
      ['open', 20],
      ['in_progress', 25],
    ])
    return { status: s, late: s === 'done' && rng.chance(0.3), started: s !== 'open' }
  }
  const s = rng.weighted<TaskStatus>([
    ['open', 55],
    ['in_progress', 32],
    ['done', 12],
    ['cancelled', 1],
  ])
  return { status: s, late: false, started: s === 'in_progress' || s === 'done' }
}
