import { hash, verify } from '@node-rs/argon2'
import {
  DEFAULT_SETTINGS,
  passwordProblem as domainPasswordProblem,
  type PasswordPolicy,
} from '@pingzhan/domain'
import { dictionary } from '@zxcvbn-ts/language-common'

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

// Chinese-speaking users' favourites that the international list (zxcvbn's 49k) lacks.
const COMMON_HERE = [
  'woaini1314',
  'woaini520',
  '1qaz@wsx',
  'p@ssword1',
  'admin@123',
  'root1234',
  'zaq12wsx',
  'qwer1234',
  'aa123456',
  'a12345678',
]

let common: ReadonlySet<string> | undefined

/** Whether a lower-cased password is on the list of common passwords (49,233 from zxcvbn-ts plus a few local ones). */
export const isCommonPassword = (lowerCased: string): boolean => {
  common ??= new Set([...dictionary['passwords-common'].map((p) => p.toLowerCase()), ...COMMON_HERE])
  return common.has(lowerCased)
}

/** Password policy (SECURITY.md) with the settings' rules (等保 defaults when none are given). */
export const passwordProblem = (
  password: string,
  username: string,
  policy: PasswordPolicy = {
    minLength: DEFAULT_SETTINGS['password.minLength'],
    minClasses: DEFAULT_SETTINGS['password.minClasses'],
  },
): string | null => domainPasswordProblem(password, { username, policy, isCommon: isCommonPassword })
