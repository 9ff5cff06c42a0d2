import { canAssignTo, type DutyCatalog, dutyCatalogs, ROLE_LABELS, taskScope } from '@pingzhan/domain'
import { listUsersInUnits, type User } from '../repos/users.ts'
import type { Context } from '../trpc/context.ts'
import { actorOf } from '../trpc/init.ts'
import { positionOfUser } from './tasks.ts'
import { userUnitName } from './units.ts'

export const catalogs = (): ReadonlyArray<DutyCatalog> => dutyCatalogs

/**
 * The county's judicial offices with their area (policy 三.1): organisation structure, not personal
 * data, so every signed-in user may read it (pickers, labels).
 */
export const offices = (
  ctx: Context,
): ReadonlyArray<{ code: string; name: string; area: string; areaName: string }> => {
  const org = ctx.deps.org
  return org.config.offices.map((o) => {
    const area = org.areaOfOffice(o.code)
    return { code: o.code, name: o.name, area, areaName: org.squad(area)?.name ?? area }
  })
}

/** The areas whose people the caller may assign work to (those whose tasks the caller sees). */
const assignableAreas = (ctx: Context, user: User, requested: string | undefined): ReadonlyArray<string> => {
  const org = ctx.deps.org
  const scope = taskScope(actorOf(user))
  const mine = (area: string) => (requested === undefined || requested === area ? [area] : [])
  switch (scope.kind) {
    case 'none':
      return []
    case 'all':
      return requested === undefined
        ? org.config.squads.map((s) => s.code)
        : org.squad(requested)
          ? [requested]
          : []
    case 'area':
      return mine(scope.squad)
    case 'office':
      return org.office(scope.office) ? mine(org.areaOfOffice(scope.office)) : []
  }
}

export const assignees = async (ctx: Context, user: User, area: string | undefined) => {
  const org = ctx.deps.org
  const areas = assignableAreas(ctx, user, area)
  const people = await listUsersInUnits(ctx.deps.db, {
    squads: areas,
    offices: areas.flatMap((a) => org.officesOfArea(a).map((o) => o.code)),
  })
  return people
    .filter((p) => {
      const position = positionOfUser(p)
      return position !== null && areas.some((a) => canAssignTo(org, { area: a }, position))
    })
    .map((p) => ({
      id: p.id,
      displayName: p.displayName,
      roleLabel: ROLE_LABELS[p.role],
      unitName: userUnitName(org, p),
    }))
}
