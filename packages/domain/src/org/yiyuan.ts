import type { OrgConfig, PersonConfig } from './org-config.ts'

const AREAS = [
  {
    squad: 'lucun',
    squadName: '鲁村中队',
    short: '鲁村',
    towns: [
      ['nanma', '南麻街道', '南麻'],
      ['nanlushan', '南鲁山镇', '南鲁山'],
      ['lucun', '鲁村镇', '鲁村'],
      ['dazhangzhuang', '大张庄镇', '大张庄'],
    ],
  },
  {
    squad: 'xili',
    squadName: '西里中队',
    short: '西里',
    towns: [
      ['lishan', '历山街道', '历山'],
      ['yanya', '燕崖镇', '燕崖'],
      ['zhongzhuang', '中庄镇', '中庄'],
      ['xili', '西里镇', '西里'],
    ],
  },
  {
    squad: 'shiqiao',
    squadName: '石桥中队',
    short: '石桥',
    towns: [
      ['dongli', '东里镇', '东里'],
      ['zhangjiapo', '张家坡镇', '张家坡'],
      ['shiqiao', '石桥镇', '石桥'],
      ['yuezhuang', '悦庄镇', '悦庄'],
    ],
  },
] as const

const NUMERALS = ['一', '二', '三', '四'] as const

const person = (code: string, name: string, position: PersonConfig['position']): PersonConfig => ({
  code,
  name,
  position,
  username: code,
})

/**
 * 沂源县司法局 as policy 三.1 sets it up: the brigade with 鲁村、西里、石桥 squads (each seated in its own
 * town and serving four towns), one office per town, 1 leader + 4 staff per squad, and three bureau
 * leaders each liaising one squad (四.1). People are demo accounts, named visibly as such; each
 * person's code is their username.
 */
export const yiyuanOrgConfig: OrgConfig = {
  bureau: { code: 'yiyuan', name: '沂源县司法局' },
  brigade: { code: 'brigade', name: '社区矫正执法大队' },
  departments: [{ code: 'fazhiducha', name: '法治督察科' }],
  towns: AREAS.flatMap((a) => a.towns.map(([code, name]) => ({ code, name }))),
  offices: AREAS.flatMap((a) =>
    a.towns.map(([code, , short]) => ({ code, name: `${short}司法所`, town: code })),
  ),
  squads: AREAS.map((a) => ({
    code: a.squad,
    name: a.squadName,
    seatTown: a.squad,
    towns: a.towns.map(([code]) => code),
  })),
  squadSize: { leaders: 1, members: 4 },
  people: [
    person('admin', '系统管理员（演示）', { kind: 'bureauAdmin' }),
    person('secadmin', '安全管理员（演示）', { kind: 'securityAdmin' }),
    person('auditor', '审计管理员（演示）', { kind: 'auditAdmin' }),
    person('brigade', '执法大队长（演示）', { kind: 'brigadeLeader' }),
    ...AREAS.map((a) =>
      person(`liaison-${a.squad}`, `联系${a.squadName}的局领导（演示）`, {
        kind: 'bureauLeader',
        liaisonSquad: a.squad,
      }),
    ),
    ...AREAS.flatMap((a) => [
      person(`lead-${a.squad}`, `${a.short}中队长（演示）`, { kind: 'squadLeader', squad: a.squad }),
      ...NUMERALS.map((n, i) =>
        person(`staff-${a.squad}-${i + 1}`, `${a.short}中队队员${n}（演示）`, {
          kind: 'squadMember',
          squad: a.squad,
        }),
      ),
    ]),
    ...AREAS.flatMap((a) =>
      a.towns.map(([code, , short]) =>
        person(`dir-${code}`, `${short}所长（演示）`, { kind: 'officeDirector', office: code }),
      ),
    ),
    person('dept-1', '局科室工作人员（演示）', { kind: 'departmentStaff', department: 'fazhiducha' }),
  ],
}
