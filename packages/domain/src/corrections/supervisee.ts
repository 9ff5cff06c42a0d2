import { Result } from 'effect'
import { addMonths, daysBetween } from './civil-date.ts'
import { TeamInvalid } from './corrections-errors.ts'

/** 社区矫正的四类对象 (社区矫正法2). */
export type CorrectionType = 'control' | 'probation' | 'parole' | 'medicalParole'

export const CORRECTION_TYPE_LABELS: Readonly<Record<CorrectionType, string>> = {
  control: '管制',
  probation: '缓刑',
  parole: '假释',
  medicalParole: '暂予监外执行',
}

/** Management levels; their visit frequencies are bureau settings (rules visit.*). */
export type ManagementLevel = 'strict' | 'normal' | 'loose'

export const MANAGEMENT_LEVEL_LABELS: Readonly<Record<ManagementLevel, string>> = {
  strict: '严管',
  normal: '普管',
  loose: '宽管',
}

export type SuperviseeStatus = 'pending' | 'active' | 'discharged' | 'transferred'

export const SUPERVISEE_STATUS_LABELS: Readonly<Record<SuperviseeStatus, string>> = {
  pending: '待报到',
  active: '在矫',
  discharged: '已解矫',
  transferred: '已变更执行地（移出）',
}

export type Sex = 'M' | 'F'

/**
 * Whether a person born on `birthDate` is under 18 on `date` (未成年人, 民法典17). Under the minors'
 * regime (社区矫正法52–58) a supervisee who is a minor when supervision begins stays in it after
 * turning 18 mid-term (法58), so the API stores the flag once and never clears it.
 */
export const isMinorOn = (birthDate: string, date: string): boolean =>
  daysBetween(addMonths(birthDate, 12 * 18), date) < 0

export interface TeamMember {
  readonly name: string
  readonly sex: Sex
  /** e.g. 司法所工作人员, 村（居）委会人员, 家庭成员, 社会工作者, 志愿者 (社区矫正法25) */
  readonly role: string
  /** 熟悉未成年人身心特点 (社区矫正法52) */
  readonly familiarWithMinors: boolean
}

/**
 * The correction team (矫正小组, 社区矫正法25): at least two people; a woman on the team of a female
 * supervisee (法25); someone familiar with minors' physical and mental traits for a minor (法52).
 */
export const checkTeam = (
  supervisee: { readonly sex: Sex; readonly minor: boolean },
  team: ReadonlyArray<TeamMember>,
): Result.Result<ReadonlyArray<TeamMember>, TeamInvalid> => {
  const problems: string[] = []
  if (team.length < 2) problems.push('矫正小组至少应有两名成员')
  if (supervisee.sex === 'F' && !team.some((m) => m.sex === 'F'))
    problems.push('女性社区矫正对象的矫正小组应当有女性成员（社区矫正法第25条）')
  if (supervisee.minor && !team.some((m) => m.familiarWithMinors))
    problems.push('未成年社区矫正对象的矫正小组应当有熟悉未成年人身心特点的人员（社区矫正法第52条）')
  return problems.length > 0 ? Result.fail(new TeamInvalid({ problems })) : Result.succeed(team)
}
