import { Effect } from 'effect'
import type {
  DepartmentConfig,
  OfficeConfig,
  OrgConfig,
  PersonConfig,
  Position,
  SquadConfig,
  TownConfig,
  UnitConfig,
} from './org-config.ts'
import { OrgInvalid, type OrgProblem } from './org-errors.ts'
import type { Role } from './role.ts'

/**
 * A validated organisation with its lookups. Lookups that take a code return `undefined` for an
 * unknown code, except `areaOfTown` / `areaOfOffice`, which every valid org can answer for its own
 * codes and treat an unknown code as a programming error (they throw).
 */
export interface Org {
  readonly config: OrgConfig
  town(code: string): TownConfig | undefined
  office(code: string): OfficeConfig | undefined
  squad(code: string): SquadConfig | undefined
  department(code: string): DepartmentConfig | undefined
  person(code: string): PersonConfig | undefined
  personByUsername(username: string): PersonConfig | undefined
  positionOf(personCode: string): Position | undefined
  /** Everyone holding a role, in configuration order. */
  peopleByRole(role: Role): ReadonlyArray<PersonConfig>
  /** The squad (area code) serving a town. */
  areaOfTown(town: string): string
  /** The squad (area code) whose area holds an office. */
  areaOfOffice(office: string): string
  /** The area a position works in: squad staff their squad, a director their office's area, a bureau leader the area they liaise; `null` for bureau-wide positions. */
  areaOfPosition(position: Position): string | null
  townsOfArea(squad: string): ReadonlyArray<TownConfig>
  officesOfArea(squad: string): ReadonlyArray<OfficeConfig>
  officeOfTown(town: string): OfficeConfig | undefined
  directorOf(office: string): PersonConfig | undefined
  leaderOf(squad: string): PersonConfig | undefined
  /** Squad leader(s) first, then members. */
  squadStaffOf(squad: string): ReadonlyArray<PersonConfig>
  /** The bureau leader liaising with an area (四.1). */
  liaisonOf(squad: string): PersonConfig | undefined
  /** People work of an area may go to: its squad staff, then the directors of its offices (三.2). */
  assigneesOf(squad: string): ReadonlyArray<PersonConfig>
  /** The unit a position belongs to (office, squad, department, brigade or bureau). */
  unitOf(position: Position): UnitConfig
}

const KIND_LABELS = {
  town: '镇街',
  office: '司法所',
  squad: '中队',
  department: '科室',
  person: '人员',
  username: '登录名',
} as const

const groupBy = <A>(items: ReadonlyArray<A>, key: (a: A) => string): Map<string, Array<A>> => {
  const map = new Map<string, Array<A>>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return map
}

const firstByCode = <A extends { readonly code: string }>(items: ReadonlyArray<A>): Map<string, A> => {
  const map = new Map<string, A>()
  for (const item of items) if (!map.has(item.code)) map.set(item.code, item)
  return map
}

const add = (map: Map<string, Set<string>>, key: string, value: string): void => {
  const set = map.get(key) ?? new Set<string>()
  set.add(value)
  map.set(key, set)
}

const unique = (xs: Iterable<string>): Array<string> => [...new Set(xs)]

/**
 * Every defect of a configuration against the structure of policy 三.1 / 四.1, in a stable order;
 * empty when it is usable. Exposed so an admin screen can show problems while a county edits its set-up.
 */
export const orgProblems = (config: OrgConfig): ReadonlyArray<OrgProblem> => {
  const problems: Array<OrgProblem> = []
  const towns = firstByCode(config.towns)
  const offices = firstByCode(config.offices)
  const squads = firstByCode(config.squads)
  const departments = firstByCode(config.departments)
  const people = firstByCode(config.people)
  const townName = (code: string) => towns.get(code)?.name ?? code
  const squadName = (code: string) => squads.get(code)?.name ?? code
  const personName = (code: string) => people.get(code)?.name ?? code

  // Duplicate codes
  const duplicates = (kind: keyof typeof KIND_LABELS, items: ReadonlyArray<{ readonly code: string }>) => {
    for (const [code, list] of groupBy(items, (item) => item.code)) {
      if (list.length > 1) {
        problems.push({
          _tag: 'DuplicateCode',
          kind,
          code,
          message: `${KIND_LABELS[kind]}编码“${code}”重复出现${list.length}次`,
        })
      }
    }
  }
  duplicates('town', config.towns)
  duplicates('office', config.offices)
  duplicates('squad', config.squads)
  duplicates('department', config.departments)
  duplicates('person', config.people)
  // a person entered twice is a duplicate person, not also a duplicate username
  const usernameOwners = new Map<string, Set<string>>()
  for (const p of config.people) if (p.username !== undefined) add(usernameOwners, p.username, p.code)
  for (const [username, owners] of usernameOwners) {
    if (owners.size > 1) {
      problems.push({
        _tag: 'DuplicateCode',
        kind: 'username',
        code: username,
        message: `登录名“${username}”被${owners.size}人（${[...owners].map(personName).join('、')}）同时使用`,
      })
    }
  }

  // Offices: known town, one office per town
  for (const office of offices.values()) {
    if (!towns.has(office.town)) {
      problems.push({
        _tag: 'UnknownTown',
        town: office.town,
        referencedBy: office.code,
        message: `${office.name}所在的镇街“${office.town}”不存在`,
      })
    }
  }
  const officesByTown = groupBy([...offices.values()], (o) => o.town)
  for (const [town, list] of officesByTown) {
    if (list.length > 1 && towns.has(town)) {
      problems.push({
        _tag: 'TownWithTwoOffices',
        town,
        offices: list.map((o) => o.code),
        message: `${townName(town)}设有${list.length}个司法所（${list.map((o) => o.name).join('、')}），每个镇街只设一个`,
      })
    }
  }

  // Squads: known towns, seat inside the area, each town in exactly one area
  const squadsByTown = new Map<string, Array<string>>()
  for (const squad of squads.values()) {
    for (const town of unique(squad.towns)) {
      if (!towns.has(town)) {
        problems.push({
          _tag: 'UnknownTown',
          town,
          referencedBy: squad.code,
          message: `${squad.name}管辖的镇街“${town}”不存在`,
        })
        continue
      }
      squadsByTown.set(town, [...(squadsByTown.get(town) ?? []), squad.code])
    }
    if (!towns.has(squad.seatTown)) {
      problems.push({
        _tag: 'UnknownTown',
        town: squad.seatTown,
        referencedBy: squad.code,
        message: `${squad.name}驻地镇街“${squad.seatTown}”不存在`,
      })
    } else if (!squad.towns.includes(squad.seatTown)) {
      problems.push({
        _tag: 'SeatOutsideArea',
        squad: squad.code,
        seatTown: squad.seatTown,
        message: `${squad.name}驻地${townName(squad.seatTown)}不在其管辖的镇街之内`,
      })
    }
  }
  for (const town of towns.values()) {
    const serving = squadsByTown.get(town.code) ?? []
    if (serving.length === 0) {
      problems.push({ _tag: 'TownWithoutArea', town: town.code, message: `${town.name}没有划入任何中队辖区` })
    } else if (serving.length > 1) {
      problems.push({
        _tag: 'TownInTwoAreas',
        town: town.code,
        squads: serving,
        message: `${town.name}同时划入了${serving.map(squadName).join('、')}辖区`,
      })
    }
    if (!officesByTown.has(town.code)) {
      problems.push({ _tag: 'TownWithoutOffice', town: town.code, message: `${town.name}没有司法所` })
    }
  }

  // People: references, then staffing counts (distinct people, so a person entered twice counts once)
  const directors = new Map<string, Set<string>>()
  const leaders = new Map<string, Set<string>>()
  const members = new Map<string, Set<string>>()
  const liaisons = new Map<string, Set<string>>()
  const liaisedBy = new Map<string, Set<string>>()
  const unknownSquad = (person: PersonConfig, squad: string) => {
    if (squads.has(squad)) return false
    problems.push({
      _tag: 'UnknownSquad',
      squad,
      referencedBy: person.code,
      message: `${person.name}所属（或联系）的中队“${squad}”不存在`,
    })
    return true
  }
  for (const person of config.people) {
    const p = person.position
    switch (p.kind) {
      case 'bureauLeader':
        if (!unknownSquad(person, p.liaisonSquad)) add(liaisons, p.liaisonSquad, person.code)
        add(liaisedBy, person.code, p.liaisonSquad)
        break
      case 'squadLeader':
        if (!unknownSquad(person, p.squad)) add(leaders, p.squad, person.code)
        break
      case 'squadMember':
        if (!unknownSquad(person, p.squad)) add(members, p.squad, person.code)
        break
      case 'officeDirector':
        if (offices.has(p.office)) add(directors, p.office, person.code)
        else {
          problems.push({
            _tag: 'UnknownOffice',
            office: p.office,
            referencedBy: person.code,
            message: `${person.name}所属的司法所“${p.office}”不存在`,
          })
        }
        break
      case 'departmentStaff':
        if (!departments.has(p.department)) {
          problems.push({
            _tag: 'UnknownDepartment',
            department: p.department,
            referencedBy: person.code,
            message: `${person.name}所属的科室“${p.department}”不存在`,
          })
        }
        break
      case 'bureauAdmin':
      case 'securityAdmin':
      case 'auditAdmin':
      case 'brigadeLeader':
        break
    }
  }
  for (const office of offices.values()) {
    const list = [...(directors.get(office.code) ?? [])]
    if (list.length === 0) {
      problems.push({ _tag: 'OfficeWithoutDirector', office: office.code, message: `${office.name}没有所长` })
    } else if (list.length > 1) {
      problems.push({
        _tag: 'OfficeWithTwoDirectors',
        office: office.code,
        people: list,
        message: `${office.name}有${list.length}名所长（${list.map(personName).join('、')}），应只设1名`,
      })
    }
  }
  const { leaders: expectedLeaders, members: expectedMembers } = config.squadSize
  for (const squad of squads.values()) {
    const leaderCount = leaders.get(squad.code)?.size ?? 0
    const memberCount = members.get(squad.code)?.size ?? 0
    if (leaderCount === 0) {
      problems.push({ _tag: 'SquadWithoutLeader', squad: squad.code, message: `${squad.name}没有中队长` })
    } else if (leaderCount !== expectedLeaders) {
      problems.push({
        _tag: 'SquadSizeMismatch',
        squad: squad.code,
        role: 'squadLeader',
        expected: expectedLeaders,
        actual: leaderCount,
        message: `${squad.name}应设中队长${expectedLeaders}名，实有${leaderCount}名`,
      })
    }
    if (memberCount !== expectedMembers) {
      problems.push({
        _tag: 'SquadSizeMismatch',
        squad: squad.code,
        role: 'squadMember',
        expected: expectedMembers,
        actual: memberCount,
        message: `${squad.name}应配备工作人员${expectedMembers}名，实有${memberCount}名`,
      })
    }
    const liaising = [...(liaisons.get(squad.code) ?? [])]
    if (liaising.length === 0) {
      problems.push({
        _tag: 'AreaWithoutLiaison',
        squad: squad.code,
        message: `${squad.name}辖区没有联系的班子成员`,
      })
    } else if (liaising.length > 1) {
      problems.push({
        _tag: 'AreaWithTwoLiaisons',
        squad: squad.code,
        people: liaising,
        message: `${squad.name}辖区有${liaising.length}名联系的班子成员（${liaising.map(personName).join('、')}），应只有1名`,
      })
    }
  }
  for (const [person, set] of liaisedBy) {
    if (set.size > 1) {
      const list = [...set]
      problems.push({
        _tag: 'LeaderLiaisingTwoAreas',
        person,
        squads: list,
        message: `${personName(person)}同时联系了${list.map(squadName).join('、')}，每名班子成员只联系一个中队`,
      })
    }
  }
  return problems
}

const makeOrg = (config: OrgConfig): Org => {
  const towns = firstByCode(config.towns)
  const offices = firstByCode(config.offices)
  const squads = firstByCode(config.squads)
  const departments = firstByCode(config.departments)
  const people = firstByCode(config.people)
  const byUsername = new Map<string, PersonConfig>()
  for (const p of config.people) if (p.username !== undefined) byUsername.set(p.username, p)
  const areaByTown = new Map<string, string>()
  for (const s of config.squads) for (const t of s.towns) areaByTown.set(t, s.code)
  const officeByTown = new Map(config.offices.map((o) => [o.town, o] as const))
  const byRole = groupBy(config.people, (p) => p.position.kind)
  const inSquad = (squad: string, kind: 'squadLeader' | 'squadMember') =>
    config.people.filter((p) => p.position.kind === kind && p.position.squad === squad)

  const areaOfTown = (town: string): string => {
    const area = areaByTown.get(town)
    if (area === undefined) throw new Error(`unknown town code: ${town}`)
    return area
  }
  const areaOfOffice = (office: string): string => {
    const o = offices.get(office)
    if (o === undefined) throw new Error(`unknown office code: ${office}`)
    return areaOfTown(o.town)
  }
  const officesOfArea = (squad: string): ReadonlyArray<OfficeConfig> =>
    config.offices.filter((o) => areaByTown.get(o.town) === squad)
  const squadStaffOf = (squad: string) => [...inSquad(squad, 'squadLeader'), ...inSquad(squad, 'squadMember')]
  const directorOf = (office: string) =>
    config.people.find((p) => p.position.kind === 'officeDirector' && p.position.office === office)
  const mustFind = <A>(a: A | undefined, what: string): A => {
    if (a === undefined) throw new Error(`unknown ${what}`)
    return a
  }

  return {
    config,
    town: (code) => towns.get(code),
    office: (code) => offices.get(code),
    squad: (code) => squads.get(code),
    department: (code) => departments.get(code),
    person: (code) => people.get(code),
    personByUsername: (username) => byUsername.get(username),
    positionOf: (code) => people.get(code)?.position,
    peopleByRole: (role) => byRole.get(role) ?? [],
    areaOfTown,
    areaOfOffice,
    areaOfPosition: (p) => {
      switch (p.kind) {
        case 'squadLeader':
        case 'squadMember':
          return p.squad
        case 'bureauLeader':
          return p.liaisonSquad
        case 'officeDirector':
          return offices.has(p.office) ? areaOfOffice(p.office) : null
        default:
          return null
      }
    },
    townsOfArea: (squad) => config.towns.filter((t) => areaByTown.get(t.code) === squad),
    officesOfArea,
    officeOfTown: (town) => officeByTown.get(town),
    directorOf,
    leaderOf: (squad) => inSquad(squad, 'squadLeader')[0],
    squadStaffOf,
    liaisonOf: (squad) =>
      config.people.find((p) => p.position.kind === 'bureauLeader' && p.position.liaisonSquad === squad),
    assigneesOf: (squad) => [
      ...squadStaffOf(squad),
      ...officesOfArea(squad).flatMap((o) => {
        const d = directorOf(o.code)
        return d ? [d] : []
      }),
    ],
    unitOf: (p) => {
      switch (p.kind) {
        case 'bureauAdmin':
        case 'securityAdmin':
        case 'auditAdmin':
        case 'bureauLeader':
          return config.bureau
        case 'brigadeLeader':
          return config.brigade
        case 'squadLeader':
        case 'squadMember':
          return mustFind(squads.get(p.squad), `squad code: ${p.squad}`)
        case 'officeDirector':
          return mustFind(offices.get(p.office), `office code: ${p.office}`)
        case 'departmentStaff':
          return mustFind(departments.get(p.department), `department code: ${p.department}`)
      }
    },
  }
}

/**
 * Validates an organisation configuration against the structure of policy 三.1 and 四.1 — one office
 * per town, each town in exactly one squad's area, squads staffed 1 leader + 4 members (or the
 * configured `squadSize`), every office with one director, each area liaised by one bureau leader —
 * and indexes it. Fails with `OrgInvalid` listing every problem found, not only the first.
 */
export const buildOrg = (config: OrgConfig): Effect.Effect<Org, OrgInvalid> => {
  const problems = orgProblems(config)
  return problems.length > 0 ? Effect.fail(new OrgInvalid({ problems })) : Effect.succeed(makeOrg(config))
}
