// 账号与登录 (issue 13) through the auth and account services: this morning the county's staff sign in
// (the 审计管理员's login log for today), one mistypes the password twice, someone tries an account that
// does not exist; yesterday the 系统管理员 opened an account for a new squad member, who has not signed in
// yet (the 安全管理员 sees it waiting for its first password change).
import { createAccount } from '../../services/accounts.ts'
import { login } from '../../services/auth.ts'
import { addDays } from '../names.ts'
import { DEMO_PASSWORD } from '../seed.ts'
import type { Sim } from './sim.ts'

const MORNING = [
  'brigade',
  'lead-lucun',
  'lead-xili',
  'lead-shiqiao',
  'dir-nanma',
  'dir-xili',
  'dir-shiqiao',
  'liaison-lucun',
  'staff-xili-3',
  'dept-1',
]

export const seedAccess = (sim: Sim): void => {
  const admin = sim.user('admin')
  sim.at(sim.workTime(addDays(sim.today, -1), 15, 16), async () => {
    await sim.call('user.create', () =>
      createAccount(sim.ctx, admin, {
        username: 'staff-xili-new',
        displayName: '西里中队新队员（演示）',
        role: 'squadMember',
        unit: 'xili',
      }),
    )
  })
  const attempt = (username: string, password: string) => async () => {
    await sim.call('auth.login', () => login(sim.ctx, username, password).catch((e: unknown) => e))
  }
  for (const username of MORNING) {
    if (!sim.users.some((u) => u.username === username)) continue
    const at = sim.recent(sim.today, 8, 9).getTime()
    if (username === 'staff-xili-3') {
      sim.at(at - 120_000, attempt(username, 'demo2026'))
      sim.at(at - 60_000, attempt(username, 'Demo2026#'))
    }
    sim.at(at, attempt(username, DEMO_PASSWORD))
  }
  sim.at(sim.recent(sim.today, 8, 9), attempt('zhangsan', '123456'))
}
