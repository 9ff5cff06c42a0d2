import { Schema } from 'effect'

/** The duty code is not an item of the catalogue version named (or the version is unknown). */
export class DutyNotInCatalogue extends Schema.TaggedError<DutyNotInCatalogue>()('DutyNotInCatalogue', {
  version: Schema.String,
  code: Schema.String,
}) {
  override get message(): string {
    return `职责事项“${this.code}”不在职责清单（${this.version}版）中`
  }
}
