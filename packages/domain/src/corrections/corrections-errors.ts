import { Schema } from 'effect'

// Rejections of community-corrections commands and deadline computations. Each says in Chinese what
// went wrong; the API maps the tag to a tRPC code.

/**
 * A date lies in a year the working-day calendar does not know (the State Council publishes each
 * year's schedule late in the year before). Never guessed as Mon–Fri (LEGAL-RULES.md, 工作日).
 */
export class CalendarYearUnknown extends Schema.TaggedError<CalendarYearUnknown>()('CalendarYearUnknown', {
  year: Schema.Number,
}) {
  override get message(): string {
    return `${this.year} 年的节假日安排尚未录入，无法计算工作日期限。请在“节假日日历”中录入国务院办公厅公布的 ${this.year} 年放假安排`
  }
}

/** A year's schedule entered by the bureau is not consistent. */
export class CalendarYearInvalid extends Schema.TaggedError<CalendarYearInvalid>()('CalendarYearInvalid', {
  problem: Schema.String,
}) {
  override get message(): string {
    return `节假日安排有误：${this.problem}`
  }
}

/** Outing (外出) cannot be granted as asked. */
export class LeaveNotAllowed extends Schema.TaggedError<LeaveNotAllowed>()('LeaveNotAllowed', {
  problem: Schema.String,
}) {
  override get message(): string {
    return `外出申请不能批准：${this.problem}`
  }
}

/** The person deciding is not the approver the law assigns to this case. */
export class WrongApprover extends Schema.TaggedError<WrongApprover>()('WrongApprover', {
  required: Schema.String,
}) {
  override get message(): string {
    return `审批层级不符：本事项应由${this.required}审批`
  }
}

/** Electronic monitoring (电子定位, 社区矫正法29) asked for outside its statutory conditions. */
export class MonitoringNotAllowed extends Schema.TaggedError<MonitoringNotAllowed>()('MonitoringNotAllowed', {
  problem: Schema.String,
}) {
  override get message(): string {
    return `不能使用电子定位装置：${this.problem}`
  }
}

/** A sanction that skips a step of the 训诫 → 警告 → 提请撤销/收监 ladder. */
export class SanctionNotAllowed extends Schema.TaggedError<SanctionNotAllowed>()('SanctionNotAllowed', {
  problem: Schema.String,
}) {
  override get message(): string {
    return `不能作出该处理：${this.problem}`
  }
}

/** The correction team does not meet 社区矫正法25/52. */
export class TeamInvalid extends Schema.TaggedError<TeamInvalid>()('TeamInvalid', {
  problems: Schema.Array(Schema.String),
}) {
  override get message(): string {
    return `矫正小组不符合规定：${this.problems.join('；')}`
  }
}

/** The step does not fit the case's current state (e.g. reporting twice, discharging early). */
export class CaseStateInvalid extends Schema.TaggedError<CaseStateInvalid>()('CaseStateInvalid', {
  problem: Schema.String,
}) {
  override get message(): string {
    return this.problem
  }
}

/** A rule value out of its allowed range, or a change to a rule read in the primary text (V). */
export class RuleChangeRefused extends Schema.TaggedError<RuleChangeRefused>()('RuleChangeRefused', {
  problem: Schema.String,
}) {
  override get message(): string {
    return `规则不能修改：${this.problem}`
  }
}

export type CorrectionsError =
  | CalendarYearUnknown
  | CalendarYearInvalid
  | LeaveNotAllowed
  | WrongApprover
  | MonitoringNotAllowed
  | SanctionNotAllowed
  | TeamInvalid
  | CaseStateInvalid
  | RuleChangeRefused

export type CorrectionsErrorTag = CorrectionsError['_tag']
