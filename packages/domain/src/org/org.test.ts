import { describe, expect, it } from '@effect/vitest'
import { Effect, Exit } from 'effect'
import { buildOrg } from './org.ts'
import type { OrgConfig, PersonConfig } from './org-config.ts'
import type { OrgProblem } from './org-errors.ts'
import { ROLE_LABELS } from './role.ts'
import { yiyuanOrgConfig } from './yiyuan.ts'

const problemsOf = (config: OrgConfig): ReadonlyArray<OrgProblem> => {
  const exit = Effect.runSyncExit(Effect.flip(buildOrg(config)))
  if (Exit.isFailure(exit)) throw new Error('expected buildOrg to fail')
  return exit.value.problems
}

const withPeople = (f: (people: ReadonlyArray<PersonConfig>) => ReadonlyArray<PersonConfig>): OrgConfig => ({
  ...yiyuanOrgConfig,
  people: f(yiyuanOrgConfig.people),
})

describe('yiyuanOrgConfig', () => {
  it.effect('is a valid organisation', () =>
    Effect.gen(function* () {
      const org = yield* buildOrg(yiyuanOrgConfig)
      expect(org.config.towns).toHaveLength(12)
      expect(org.config.offices).toHaveLength(12)
      expect(org.config.squads.map((s) => s.name)).toEqual(['鲁村中队', '西里中队', '石桥中队'])
      expect(org.peopleByRole('officeDirector')).toHaveLength(12)
      expect(org.peopleByRole('bureauLeader')).toHaveLength(3)
      expect(org.peopleByRole('squadLeader')).toHaveLength(3)
      expect(org.peopleByRole('squadMember')).toHaveLength(12)
      expect(org.peopleByRole('brigadeLeader')).toHaveLength(1)
      expect(org.peopleByRole('bureauAdmin')).toHaveLength(1)
      expect(org.peopleByRole('departmentStaff')).toHaveLength(1)
      expect(org.peopleByRole('securityAdmin')).toHaveLength(1)
      expect(org.peopleByRole('auditAdmin')).toHaveLength(1)
      expect(org.config.people).toHaveLength(35)
    }),
  )

  it.effect('has the areas of policy 三.1', () =>
    Effect.gen(function* () {
      const org = yield* buildOrg(yiyuanOrgConfig)
      expect(org.townsOfArea('lucun').map((t) => t.name)).toEqual([
        '南麻街道',
        '南鲁山镇',
        '鲁村镇',
        '大张庄镇',
      ])
      expect(org.townsOfArea('xili').map((t) => t.name)).toEqual(['历山街道', '燕崖镇', '中庄镇', '西里镇'])
      expect(org.townsOfArea('shiqiao').map((t) => t.name)).toEqual([
        '东里镇',
        '张家坡镇',
        '石桥镇',
        '悦庄镇',
      ])
      expect(org.areaOfTown('nanma')).toBe('lucun')
      expect(org.areaOfOffice('yuezhuang')).toBe('shiqiao')
      expect(org.officesOfArea('xili').map((o) => o.name)).toEqual([
        '历山司法所',
        '燕崖司法所',
        '中庄司法所',
        '西里司法所',
      ])
      expect(org.squad('lucun')?.seatTown).toBe('lucun')
      expect(org.office('nanma')).toEqual({ code: 'nanma', name: '南麻司法所', town: 'nanma' })
      expect(org.directorOf('nanma')?.name).toBe('南麻所长（演示）')
      expect(org.leaderOf('xili')?.username).toBe('lead-xili')
      expect(org.liaisonOf('shiqiao')?.username).toBe('liaison-shiqiao')
      expect(org.positionOf('staff-lucun-4')).toEqual({ kind: 'squadMember', squad: 'lucun' })
      expect(org.personByUsername('dept-1')?.position).toEqual({
        kind: 'departmentStaff',
        department: 'fazhiducha',
      })
      expect(org.assigneesOf('lucun').map((p) => p.code)).toEqual([
        'lead-lucun',
        'staff-lucun-1',
        'staff-lucun-2',
        'staff-lucun-3',
        'staff-lucun-4',
        'dir-nanma',
        'dir-nanlushan',
        'dir-lucun',
        'dir-dazhangzhuang',
      ])
      expect(org.areaOfPosition({ kind: 'officeDirector', office: 'lishan' })).toBe('xili')
      expect(org.unitOf({ kind: 'officeDirector', office: 'lishan' }).name).toBe('历山司法所')
      expect(org.unitOf({ kind: 'brigadeLeader' }).name).toBe('社区矫正执法大队')
      expect(org.squad('nowhere')).toBeUndefined()
      expect(() => org.areaOfTown('nowhere')).toThrow()
    }),
  )

  it('names every demo person visibly as demo, with a unique username', () => {
    for (const p of yiyuanOrgConfig.people) expect(p.name).toMatch(/（演示）$/)
    const usernames = yiyuanOrgConfig.people.map((p) => p.username)
    expect(new Set(usernames).size).toBe(usernames.length)
    expect(usernames).toContain('dir-zhangjiapo')
    expect(usernames).toContain('staff-shiqiao-4')
  })

  it('labels every role in Chinese', () => {
    expect(ROLE_LABELS.bureauLeader).toBe('局领导（班子成员）')
    expect(ROLE_LABELS.officeDirector).toBe('司法所长')
  })
})

describe('buildOrg', () => {
  it('reports every defect at once', () => {
    const broken: OrgConfig = {
      ...yiyuanOrgConfig,
      towns: [
        ...yiyuanOrgConfig.towns,
        { code: 'nanma', name: '南麻街道（重复）' },
        { code: 'xinzhen', name: '新镇' },
      ],
      squads: yiyuanOrgConfig.squads.map((s) =>
        s.code === 'xili'
          ? { ...s, towns: [...s.towns, 'nanma'] }
          : s.code === 'shiqiao'
            ? { ...s, seatTown: 'lishan' }
            : s,
      ),
      people: yiyuanOrgConfig.people
        .filter((p) => p.code !== 'dir-yanya' && p.code !== 'lead-lucun' && p.code !== 'staff-xili-4')
        .map(
          (p): PersonConfig =>
            p.code === 'liaison-shiqiao'
              ? { ...p, position: { kind: 'bureauLeader', liaisonSquad: 'xili' } }
              : p,
        )
        .concat([
          { code: 'dir-ghost', name: '幽灵所长', position: { kind: 'officeDirector', office: 'ghost' } },
          { code: 'x-1', name: '无名', position: { kind: 'squadMember', squad: 'nosquad' } },
        ]),
    }
    const problems = problemsOf(broken)
    const tags = problems.map((p) => p._tag).sort()
    expect(tags).toEqual(
      [
        'DuplicateCode', // town nanma
        'TownInTwoAreas', // nanma in lucun and xili
        'SeatOutsideArea', // shiqiao seated in lishan
        'TownWithoutArea', // xinzhen
        'TownWithoutOffice', // xinzhen
        'OfficeWithoutDirector', // yanya
        'SquadWithoutLeader', // lucun
        'SquadSizeMismatch', // xili has 3 members
        'AreaWithoutLiaison', // shiqiao
        'AreaWithTwoLiaisons', // xili
        'UnknownOffice', // ghost
        'UnknownSquad', // nosquad
      ].sort(),
    )
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/)
    expect(problems).toContainEqual({
      _tag: 'TownInTwoAreas',
      town: 'nanma',
      squads: ['lucun', 'xili'],
      message: '南麻街道同时划入了鲁村中队、西里中队辖区',
    })
    expect(problems).toContainEqual(
      expect.objectContaining({
        _tag: 'SquadSizeMismatch',
        squad: 'xili',
        role: 'squadMember',
        expected: 4,
        actual: 3,
      }),
    )
  })

  it.effect('fails with OrgInvalid whose message lists the problems', () =>
    Effect.gen(function* () {
      const config = withPeople((ps) => ps.filter((p) => p.code !== 'dir-nanma'))
      const error = yield* Effect.flip(buildOrg(config))
      expect(error._tag).toBe('OrgInvalid')
      expect(error.problems).toEqual([
        { _tag: 'OfficeWithoutDirector', office: 'nanma', message: '南麻司法所没有所长' },
      ])
      expect(error.message).toBe('组织架构配置有1处问题：南麻司法所没有所长')
    }),
  )

  it('finds a leader liaising two areas, duplicate people and usernames, unknown references', () => {
    const liaison = yiyuanOrgConfig.people.find((p) => p.code === 'liaison-lucun')
    if (!liaison) throw new Error('fixture')
    const config: OrgConfig = {
      ...withPeople((ps) => [
        ...ps,
        { ...liaison, position: { kind: 'bureauLeader', liaisonSquad: 'xili' } },
        { code: 'dup-user', name: '重名', username: 'admin', position: { kind: 'bureauAdmin' } },
        { code: 'd-2', name: '科员', position: { kind: 'departmentStaff', department: 'nodept' } },
        { code: 'dir-2', name: '第二所长', position: { kind: 'officeDirector', office: 'lucun' } },
        { code: 'lead-2', name: '第二队长', position: { kind: 'squadLeader', squad: 'shiqiao' } },
      ]),
      offices: [...yiyuanOrgConfig.offices, { code: 'x', name: '某所', town: 'nowhere' }],
      squads: yiyuanOrgConfig.squads.map((s) =>
        s.code === 'lucun' ? { ...s, towns: [...s.towns, 'atlantis'], seatTown: 'mars' } : s,
      ),
    }
    const problems = problemsOf(config)
    const tags = problems.map((p) => p._tag)
    expect(tags).toContain('LeaderLiaisingTwoAreas')
    expect(tags).toContain('AreaWithTwoLiaisons')
    expect(tags).toContain('OfficeWithTwoDirectors')
    expect(tags).toContain('UnknownDepartment')
    expect(tags).toContain('OfficeWithoutDirector') // office x
    expect(problems).toContainEqual(
      expect.objectContaining({ _tag: 'DuplicateCode', kind: 'person', code: 'liaison-lucun' }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({ _tag: 'DuplicateCode', kind: 'username', code: 'admin' }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        _tag: 'SquadSizeMismatch',
        squad: 'shiqiao',
        role: 'squadLeader',
        actual: 2,
      }),
    )
    expect(
      problems.filter((p) => p._tag === 'UnknownTown').map((p) => (p._tag === 'UnknownTown' ? p.town : '')),
    ).toEqual(['nowhere', 'atlantis', 'mars'])
    // the duplicated liaison's username is not reported a second time
    expect(problems.filter((p) => p._tag === 'DuplicateCode' && p.kind === 'username')).toHaveLength(1)
  })

  it('reports a town without an office and a town with two', () => {
    const problems = problemsOf({
      ...yiyuanOrgConfig,
      offices: yiyuanOrgConfig.offices.map((o) => (o.code === 'dongli' ? { ...o, town: 'shiqiao' } : o)),
    })
    expect(problems.map((p) => p._tag).sort()).toEqual(['TownWithTwoOffices', 'TownWithoutOffice'])
  })
})
