// Creates a system administrator: the only way to get the first account outside demo mode.
// Usage: pnpm --filter @pingzhan/api run create-admin -- <username> [display name]
// The password is read from stdin (prompted without echo on a terminal), twice on a terminal.
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { startApp } from '../app.ts'
import { appendAudit } from '../audit/audit.ts'
import { hashPassword, passwordProblem } from '../auth/password.ts'
import { ConfigInvalid, loadConfig } from '../config.ts'
import { newId } from '../shared.ts'

const readSecret = (prompt: string): Promise<string> =>
  new Promise((resolve) => {
    let muted = false
    const output = new Writable({
      write(chunk, _enc, done) {
        if (!muted) process.stdout.write(chunk)
        done()
      },
    })
    const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true })
    rl.question(prompt, (answer) => {
      rl.close()
      if (process.stdin.isTTY) process.stdout.write('\n')
      resolve(answer)
    })
    muted = process.stdin.isTTY === true
  })

const main = async (): Promise<number> => {
  const [username, displayName] = process.argv.slice(2).filter((a) => a !== '--')
  if (!username || !/^[a-zA-Z0-9._-]{3,32}$/.test(username)) {
    console.error('用法：create-admin <用户名（3–32 位字母、数字、._-）> [显示名称]')
    return 2
  }
  const password = await readSecret('新管理员密码：')
  if (process.stdin.isTTY && (await readSecret('再次输入密码：')) !== password) {
    console.error('两次输入的密码不一致')
    return 2
  }
  const problem = passwordProblem(password, username)
  if (problem) {
    console.error(`密码不符合要求：${problem}`)
    return 2
  }
  const config = loadConfig()
  const { deps, handle } = await startApp(config)
  try {
    const exists = await deps.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst()
    if (exists) {
      console.error(`用户名 ${username} 已存在`)
      return 1
    }
    const now = deps.clock()
    const id = newId()
    const hash = await hashPassword(password)
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({
          id,
          username,
          display_name: displayName ?? '系统管理员',
          role: 'bureauAdmin',
          person_code: null,
          office_code: null,
          squad_code: null,
          department_code: null,
          password_hash: hash,
          failed_count: 0,
          locked_until: null,
          disabled: 0,
          demo: 0,
          password_changed_at: now.toISOString(),
          created_at: now.toISOString(),
        })
        .execute()
      await appendAudit(trx, deps.keys, {
        correlationId: newId(),
        ip: null,
        at: now,
        actor: { id: null, name: '命令行 create-admin', role: 'system' },
        action: 'user.createAdmin',
        unit: { code: deps.org.config.bureau.code, name: deps.org.config.bureau.name, area: null },
        subjectType: 'user',
        subjectId: id,
        after: { username, role: 'bureauAdmin' },
      })
    })
    console.log(`已创建系统管理员 ${username}`)
    return 0
  } finally {
    await handle.destroy()
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigInvalid ? error.message : error)
    process.exit(1)
  })
