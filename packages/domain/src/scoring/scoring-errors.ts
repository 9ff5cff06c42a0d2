import { Schema } from 'effect'

// Rejections of assessment schemes (policy 四.3). Each says in Chinese what is wrong.

/** One problem of a scheme: where (a path into the scheme's data) and what, in Chinese. */
export interface SchemeProblem {
  readonly path: string
  readonly message: string
}

/** A scheme that cannot be used: every problem at once (weights not summing to 100, a rule that does not fit …). */
export class SchemeInvalid extends Schema.TaggedError<SchemeInvalid>()('SchemeInvalid', {
  problems: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {
  override get message(): string {
    return `考核方案有误：${this.problems.map((p) => p.message).join('；')}`
  }
}

/** A published scheme version is never changed: its scores must stay recomputable. */
export class SchemeImmutable extends Schema.TaggedError<SchemeImmutable>()('SchemeImmutable', {
  version: Schema.Number,
}) {
  override get message(): string {
    return `考核方案第 ${this.version} 版已发布，不能修改；如需调整请另建新版本`
  }
}

/** A period that does not exist (month 13, quarter 5 …). */
export class PeriodInvalid extends Schema.TaggedError<PeriodInvalid>()('PeriodInvalid', {
  key: Schema.String,
}) {
  override get message(): string {
    return `考核期间“${this.key}”无效，应为年（2026）、季度（2026-Q4）或月份（2026-11）`
  }
}
