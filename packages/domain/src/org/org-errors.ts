import { Schema } from 'effect'

const codes = Schema.Array(Schema.String)
const message = Schema.String

/** Two units or people share a code (or two people a username). */
export const DuplicateCode = Schema.TaggedStruct('DuplicateCode', {
  kind: Schema.Literals(['town', 'office', 'squad', 'department', 'person', 'username']),
  code: Schema.String,
  message,
})
export type DuplicateCode = typeof DuplicateCode.Type

/** Something refers to a town the configuration does not list. */
export const UnknownTown = Schema.TaggedStruct('UnknownTown', {
  town: Schema.String,
  referencedBy: Schema.String,
  message,
})
export type UnknownTown = typeof UnknownTown.Type

/** Something refers to a squad the configuration does not list. */
export const UnknownSquad = Schema.TaggedStruct('UnknownSquad', {
  squad: Schema.String,
  referencedBy: Schema.String,
  message,
})
export type UnknownSquad = typeof UnknownSquad.Type

/** Something refers to an office the configuration does not list. */
export const UnknownOffice = Schema.TaggedStruct('UnknownOffice', {
  office: Schema.String,
  referencedBy: Schema.String,
  message,
})
export type UnknownOffice = typeof UnknownOffice.Type

/** A department staff member belongs to a department the configuration does not list. */
export const UnknownDepartment = Schema.TaggedStruct('UnknownDepartment', {
  department: Schema.String,
  referencedBy: Schema.String,
  message,
})
export type UnknownDepartment = typeof UnknownDepartment.Type

/** A town is served by more than one squad (each town belongs to exactly one area, 三.1). */
export const TownInTwoAreas = Schema.TaggedStruct('TownInTwoAreas', {
  town: Schema.String,
  squads: codes,
  message,
})
export type TownInTwoAreas = typeof TownInTwoAreas.Type

/** A town is served by no squad. */
export const TownWithoutArea = Schema.TaggedStruct('TownWithoutArea', { town: Schema.String, message })
export type TownWithoutArea = typeof TownWithoutArea.Type

/** A town has no judicial office (every town has one, 三.1). */
export const TownWithoutOffice = Schema.TaggedStruct('TownWithoutOffice', { town: Schema.String, message })
export type TownWithoutOffice = typeof TownWithoutOffice.Type

/** A town has more than one judicial office. */
export const TownWithTwoOffices = Schema.TaggedStruct('TownWithTwoOffices', {
  town: Schema.String,
  offices: codes,
  message,
})
export type TownWithTwoOffices = typeof TownWithTwoOffices.Type

/** An office has no director (每个司法所设所长1名, 三.1). */
export const OfficeWithoutDirector = Schema.TaggedStruct('OfficeWithoutDirector', {
  office: Schema.String,
  message,
})
export type OfficeWithoutDirector = typeof OfficeWithoutDirector.Type

/** An office has more than one director. */
export const OfficeWithTwoDirectors = Schema.TaggedStruct('OfficeWithTwoDirectors', {
  office: Schema.String,
  people: codes,
  message,
})
export type OfficeWithTwoDirectors = typeof OfficeWithTwoDirectors.Type

/** A squad has no leader (每个中队设中队长1名, 三.1). */
export const SquadWithoutLeader = Schema.TaggedStruct('SquadWithoutLeader', { squad: Schema.String, message })
export type SquadWithoutLeader = typeof SquadWithoutLeader.Type

/** A squad's leaders or members differ in number from the configured `squadSize`. */
export const SquadSizeMismatch = Schema.TaggedStruct('SquadSizeMismatch', {
  squad: Schema.String,
  role: Schema.Literals(['squadLeader', 'squadMember']),
  expected: Schema.Number,
  actual: Schema.Number,
  message,
})
export type SquadSizeMismatch = typeof SquadSizeMismatch.Type

/** One bureau leader is entered as liaison of two areas (each liaises one squad, 四.1). */
export const LeaderLiaisingTwoAreas = Schema.TaggedStruct('LeaderLiaisingTwoAreas', {
  person: Schema.String,
  squads: codes,
  message,
})
export type LeaderLiaisingTwoAreas = typeof LeaderLiaisingTwoAreas.Type

/** An area has no bureau leader liaising with it (四.1). */
export const AreaWithoutLiaison = Schema.TaggedStruct('AreaWithoutLiaison', { squad: Schema.String, message })
export type AreaWithoutLiaison = typeof AreaWithoutLiaison.Type

/** An area has more than one liaising bureau leader (3名班子成员分别联系3个中队, 四.1). */
export const AreaWithTwoLiaisons = Schema.TaggedStruct('AreaWithTwoLiaisons', {
  squad: Schema.String,
  people: codes,
  message,
})
export type AreaWithTwoLiaisons = typeof AreaWithTwoLiaisons.Type

/** A squad's seat town is not one of the towns it serves. */
export const SeatOutsideArea = Schema.TaggedStruct('SeatOutsideArea', {
  squad: Schema.String,
  seatTown: Schema.String,
  message,
})
export type SeatOutsideArea = typeof SeatOutsideArea.Type

/** One defect of an organisation configuration, with a Chinese `message`. */
export const OrgProblem = Schema.Union([
  DuplicateCode,
  UnknownTown,
  UnknownSquad,
  UnknownOffice,
  UnknownDepartment,
  TownInTwoAreas,
  TownWithoutArea,
  TownWithoutOffice,
  TownWithTwoOffices,
  OfficeWithoutDirector,
  OfficeWithTwoDirectors,
  SquadWithoutLeader,
  SquadSizeMismatch,
  LeaderLiaisingTwoAreas,
  AreaWithoutLiaison,
  AreaWithTwoLiaisons,
  SeatOutsideArea,
])
export type OrgProblem = typeof OrgProblem.Type
export type OrgProblemTag = OrgProblem['_tag']

/** The organisation configuration is not usable; lists every problem found, not just the first. */
export class OrgInvalid extends Schema.TaggedError<OrgInvalid>()('OrgInvalid', {
  problems: Schema.Array(OrgProblem),
}) {
  override get message(): string {
    return `组织架构配置有${this.problems.length}处问题：${this.problems.map((p) => p.message).join('；')}`
  }
}
