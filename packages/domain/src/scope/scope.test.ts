import { describe, expect, it } from '@effect/vitest'
import { Effect } from 'effect'
import fc from 'fast-check'
import { buildOrg } from '../org/org.ts'
import { ROLES, type Role } from '../org/role.ts'
import { yiyuanOrgConfig } from '../org/yiyuan.ts'
import {
  type Actor,
  actorFromPosition,
  appointmentScope,
  canAssignTo,
  intakeScope,
  isInScope,
  receiptUnlockScope,
  taskScope,
} from './scope.ts'

const org = Effect.runSync(buildOrg(yiyuanOrgConfig))
const officeCodes = yiyuanOrgConfig.offices.map((o) => o.code)
const squadCodes = yiyuanOrgConfig.squads.map((s) => s.code)

/** Records as the API stores them: an office's (its squad is the office's area) or a squad's own. */
const record = fc.oneof(
  fc.constantFrom(...officeCodes).map((office) => ({ office, squad: org.areaOfOffice(office) })),
  fc.constantFrom(...squadCodes).map((squad) => ({ office: null, squad })),
)

/** Actors of the given roles, including ones whose unit fields do not fit their role. */
const actorIn = (roles: ReadonlyArray<Role>): fc.Arbitrary<Actor> =>
  fc.record({
    userId: fc.uuid(),
    role: fc.constantFrom(...roles),
    office: fc.option(fc.constantFrom(...officeCodes)),
    squad: fc.option(fc.constantFrom(...squadCodes)),
  })
const anyActor = actorIn(ROLES)

/** Actors made from the people of the Yiyuan organisation. */
const orgActor = fc
  .constantFrom(...yiyuanOrgConfig.people)
  .map((p) => ({ person: p, actor: actorFromPosition(p.code, p.position) }))

const scopes = [intakeScope, taskScope] as const

describe('record scope', () => {
  it('never shows an office director another office’s record', () => {
    fc.assert(
      fc.property(actorIn(['officeDirector']), record, (actor, r) => {
        fc.pre(r.office !== actor.office)
        for (const scope of scopes) expect(isInScope(scope(actor), r)).toBe(false)
      }),
    )
  })

  it('never shows squad staff a record of another area, nor the intake queue', () => {
    fc.assert(
      fc.property(actorIn(['squadLeader', 'squadMember']), record, (actor, r) => {
        if (r.squad !== actor.squad) expect(isInScope(taskScope(actor), r)).toBe(false)
        else expect(isInScope(taskScope(actor), r)).toBe(true)
        expect(isInScope(intakeScope(actor), r)).toBe(false)
      }),
    )
  })

  it('shows the administrator everything and department staff nothing', () => {
    fc.assert(
      fc.property(anyActor, record, (actor, r) => {
        for (const scope of scopes) {
          if (actor.role === 'bureauAdmin') expect(isInScope(scope(actor), r)).toBe(true)
          if (actor.role === 'departmentStaff') expect(isInScope(scope(actor), r)).toBe(false)
        }
      }),
    )
  })

  it('limits a bureau leader to the area they liaise, and the brigade leader to tasks', () => {
    fc.assert(
      fc.property(anyActor, record, (actor, r) => {
        if (actor.role === 'bureauLeader') {
          for (const scope of scopes) {
            expect(isInScope(scope(actor), r)).toBe(actor.squad !== null && r.squad === actor.squad)
          }
        }
        if (actor.role === 'brigadeLeader') {
          expect(isInScope(taskScope(actor), r)).toBe(true)
          expect(isInScope(intakeScope(actor), r)).toBe(false)
        }
      }),
    )
  })

  it('lets a person of the organisation see a record only if it is theirs to see', () => {
    fc.assert(
      fc.property(orgActor, record, ({ person, actor }, r) => {
        const visible = isInScope(taskScope(actor), r)
        const area = org.areaOfPosition(person.position)
        // anyone tied to one area never sees another area's records
        if (area !== null && r.squad !== area) expect(visible).toBe(false)
      }),
    )
  })

  it('builds actors from positions', () => {
    expect(actorFromPosition('u1', { kind: 'bureauLeader', liaisonSquad: 'xili' })).toEqual({
      userId: 'u1',
      role: 'bureauLeader',
      office: null,
      squad: 'xili',
    })
    expect(taskScope(actorFromPosition('u2', { kind: 'officeDirector', office: 'nanma' }))).toEqual({
      kind: 'office',
      office: 'nanma',
    })
    expect(intakeScope({ userId: 'u3', role: 'officeDirector', office: null, squad: null })).toEqual({
      kind: 'none',
    })
  })
})

describe('kiosk receipts and appointments (issue 14)', () => {
  it('lets only the receipt office’s director and the administrator unlock a receipt', () => {
    fc.assert(
      fc.property(anyActor, record, (actor, r) => {
        const may = isInScope(receiptUnlockScope(actor), r)
        if (actor.role === 'bureauAdmin') expect(may).toBe(true)
        else if (actor.role === 'officeDirector')
          expect(may).toBe(r.office !== null && r.office === actor.office)
        else expect(may).toBe(false)
      }),
    )
  })

  it('shows squad staff the appointments of their own area’s towns and no other', () => {
    fc.assert(
      fc.property(actorIn(['squadLeader', 'squadMember']), record, (actor, r) => {
        expect(isInScope(appointmentScope(actor), r)).toBe(actor.squad !== null && r.squad === actor.squad)
      }),
    )
  })
})

describe('canAssignTo', () => {
  it('allows exactly the squad staff and office directors of the task’s area', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...yiyuanOrgConfig.people),
        fc.constantFrom(...squadCodes),
        (person, area) => {
          const expected = org.assigneesOf(area).some((p) => p.code === person.code)
          expect(canAssignTo(org, { area }, person)).toBe(expected)
          expect(canAssignTo(org, { area }, person.position)).toBe(expected)
        },
      ),
    )
  })

  it('refuses other areas, bureau-wide roles and unknown units', () => {
    expect(canAssignTo(org, { area: 'lucun' }, { kind: 'officeDirector', office: 'nanma' })).toBe(true)
    expect(canAssignTo(org, { area: 'lucun' }, { kind: 'officeDirector', office: 'lishan' })).toBe(false)
    expect(canAssignTo(org, { area: 'lucun' }, { kind: 'squadMember', squad: 'xili' })).toBe(false)
    expect(canAssignTo(org, { area: 'lucun' }, { kind: 'bureauLeader', liaisonSquad: 'lucun' })).toBe(false)
    expect(canAssignTo(org, { area: 'lucun' }, { kind: 'brigadeLeader' })).toBe(false)
    expect(canAssignTo(org, { area: 'lucun' }, { kind: 'officeDirector', office: 'ghost' })).toBe(false)
    expect(canAssignTo(org, { area: 'mars' }, { kind: 'squadMember', squad: 'mars' })).toBe(false)
  })
})
