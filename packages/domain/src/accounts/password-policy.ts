/** The password rules in force (from the settings; 等保 defaults in settings.ts). */
export interface PasswordPolicy {
  readonly minLength: number
  readonly minClasses: number
}

export const MAX_PASSWORD_LENGTH = 128

const CLASSES: ReadonlyArray<RegExp> = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/]

/** How many of the four classes (lower, upper, digit, symbol) a password uses. */
export const characterClasses = (password: string): number => CLASSES.filter((re) => re.test(password)).length

/**
 * Why a new password is refused (Chinese, for the person choosing it), or null. `isCommon` answers
 * whether a (lower-cased) password is on the list of common passwords; the list is data, not a rule.
 */
export const passwordProblem = (
  password: string,
  context: {
    readonly username: string
    readonly policy: PasswordPolicy
    readonly isCommon: (lowerCased: string) => boolean
  },
): string | null => {
  const { policy, username } = context
  if (password.length < policy.minLength) return `密码至少 ${policy.minLength} 位`
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 位`
  if (characterClasses(password) < policy.minClasses) {
    return `密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`
  }
  const lower = password.toLowerCase()
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return '密码不能包含用户名'
  // "Password1!" is as common as "password1": also try the word without what was added around it
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '')
  if (context.isCommon(lower) || (core.length >= 6 && context.isCommon(core))) {
    return '该密码过于常见，容易被猜中，请换一个'
  }
  return null
}

/** Whether a password set at `changedAtMs` has expired at `nowMs` (`expiryDays` 0: never). */
export const passwordExpired = (changedAtMs: number, nowMs: number, expiryDays: number): boolean =>
  expiryDays > 0 && nowMs - changedAtMs >= expiryDays * 86_400_000

/**
 * A one-time password for a new account or a reset: 12 characters from an alphabet without look-alikes,
 * always lower, upper, digit and a symbol. `random(n)` gives a uniform integer in [0, n) (the caller's
 * CSPRNG; the domain does no I/O).
 */
export const oneTimePassword = (random: (n: number) => number): string => {
  const sets = ['abcdefghjkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+=@!?']
  const all = sets.join('')
  const pick = (s: string) => s.charAt(random(s.length))
  const chars = [...sets.map(pick), ...Array.from({ length: 8 }, () => pick(all))]
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1)
    const t = chars[i] as string
    chars[i] = chars[j] as string
    chars[j] = t
  }
  return chars.join('')
}
