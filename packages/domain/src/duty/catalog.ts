import { Effect } from 'effect'
import { YIYUAN_2023, yiyuan2023Catalogs } from './catalog-yiyuan-2023.ts'
import type { Duty, DutyCatalog, Mode, UnitKind } from './duty.ts'
import { DutyNotInCatalogue } from './duty-errors.ts'

/**
 * Catalogues by version. A revised policy adds a version here and never edits an old one, so work
 * done under an earlier version keeps pointing at the text it was done under.
 */
const CATALOGS: ReadonlyMap<string, ReadonlyArray<DutyCatalog>> = new Map([[YIYUAN_2023, yiyuan2023Catalogs]])

const DUTIES: ReadonlyMap<string, ReadonlyMap<string, Duty>> = new Map(
  [...CATALOGS].map(([version, catalogs]) => [
    version,
    new Map(catalogs.flatMap((c) => c.duties).map((d) => [d.code, d] as const)),
  ]),
)

/** The catalogue version new work is filed under. */
export const CURRENT_CATALOG_VERSION: string = YIYUAN_2023

/** Every catalogue version ever in force, oldest first. */
export const catalogVersions: ReadonlyArray<string> = [...CATALOGS.keys()]

/** The four catalogues (office/squad × peacetime/wartime) of a version; empty for an unknown version. */
export const catalogsOf = (version: string): ReadonlyArray<DutyCatalog> => CATALOGS.get(version) ?? []

/** Every duty — items and sub-duties — of a version, in catalogue order; empty for an unknown version. */
export const dutiesOf = (version: string): ReadonlyArray<Duty> => catalogsOf(version).flatMap((c) => c.duties)

/** The four catalogues of the current version: the duty lists of policy 三.3. */
export const dutyCatalogs: ReadonlyArray<DutyCatalog> = catalogsOf(CURRENT_CATALOG_VERSION)

/** The catalogue of one unit kind and mode in a version. */
export const catalogOf = (version: string, kind: UnitKind, mode: Mode): DutyCatalog | undefined =>
  catalogsOf(version).find((c) => c.kind === kind && c.mode === mode)

/**
 * The duty a piece of work points at (policy 三.3: every task is tied to an item of the office's or the
 * squad's list). Fails with `DutyNotInCatalogue` when the version or the code is unknown.
 */
export const findDuty = (version: string, code: string): Effect.Effect<Duty, DutyNotInCatalogue> => {
  const duty = DUTIES.get(version)?.get(code)
  return duty ? Effect.succeed(duty) : Effect.fail(new DutyNotInCatalogue({ version, code }))
}
