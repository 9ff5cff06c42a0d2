/** Which kind of unit a catalogue is for: judicial office (司法所) or enforcement squad (执法中队). */
export type UnitKind = 'office' | 'squad'

/** 平时 (each unit on its own) or 战时 (office and squad joined under the squad leader), policy 三.2. */
export type Mode = 'peacetime' | 'wartime'

/** One item (①②…) of a duty catalogue, or one listed sub-duty of an item. */
export interface Duty {
  /** `office.peacetime.2`; a sub-duty `office.peacetime.2.1` */
  readonly code: string
  readonly kind: UnitKind
  readonly mode: Mode
  /** the item's number (② → 2), or the sub-duty's position within its item */
  readonly number: number
  /** code of the item a sub-duty belongs to; `null` for an item */
  readonly parent: string | null
  /** short heading, e.g. '指导辖区调解工作' */
  readonly title: string
  /** the policy's own words, verbatim */
  readonly text: string
}

/** One of the four lists of policy 三.3, as it stood in one version of the policy. */
export interface DutyCatalog {
  readonly version: string
  readonly kind: UnitKind
  readonly mode: Mode
  /** the list's heading in the policy, e.g. '司法所平时主要职责' */
  readonly title: string
  /** items in order, each followed by its sub-duties */
  readonly duties: ReadonlyArray<Duty>
}

/** How an item is written down: its title, its verbatim text and its listed sub-duties. */
export interface DutyItemSpec {
  readonly title: string
  readonly text: string
  readonly subs?: ReadonlyArray<{ readonly title: string; readonly text: string }>
}

/** Numbers the items ①②… and their sub-duties and gives them codes. */
export const makeCatalog = (
  version: string,
  kind: UnitKind,
  mode: Mode,
  title: string,
  items: ReadonlyArray<DutyItemSpec>,
): DutyCatalog => ({
  version,
  kind,
  mode,
  title,
  duties: items.flatMap((item, i): ReadonlyArray<Duty> => {
    const code = `${kind}.${mode}.${i + 1}`
    return [
      { code, kind, mode, number: i + 1, parent: null, title: item.title, text: item.text },
      ...(item.subs ?? []).map((sub, j) => ({
        code: `${code}.${j + 1}`,
        kind,
        mode,
        number: j + 1,
        parent: code,
        title: sub.title,
        text: sub.text,
      })),
    ]
  }),
})
