import { hash, verify } from '@node-rs/argon2'

// argon2id (the library default) with OWASP's minimum parameters: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS)

export const verifyPassword = async (stored: string, password: string): Promise<boolean> => {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

let dummy: Promise<string> | undefined
/** Spends the same time as a real check when the user does not exist. */
export const burnVerify = async (password: string): Promise<void> => {
  dummy ??= hashPassword('pingzhan-dummy-password')
  await verifyPassword(await dummy, password)
}

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword1',
  'admin123',
  'admin@123',
  'qwerty123',
  'qwer1234',
  '1qaz2wsx',
  '1qaz@wsx',
  'abc12345',
  'abcd1234',
  'aa123456',
  'a1234567',
  'a12345678',
  '12345678',
  '123456789',
  'iloveyou1',
  'welcome1',
  'zaq12wsx',
  'woaini1314',
  'root1234',
])

/** Password policy (SECURITY.md): at least 8 characters, 3 of 4 classes, not common, not the username. */
export const passwordProblem = (password: string, username: string): string | null => {
  if (password.length < 8) return '密码至少 8 位'
  if (password.length > 128) return '密码不能超过 128 位'
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少 3 类'
  const lower = password.toLowerCase()
  if (COMMON.has(lower)) return '该密码过于常见，请换一个'
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return '密码不能包含用户名'
  return null
}
