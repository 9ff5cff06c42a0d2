import { describe, expect, it } from '@effect/vitest'
import { Effect } from 'effect'
import policyRaw from './__fixtures__/policy.txt?raw'
import {
  CURRENT_CATALOG_VERSION,
  catalogOf,
  catalogsOf,
  catalogVersions,
  dutiesOf,
  dutyCatalogs,
  findDuty,
} from './catalog.ts'

// The policy as printed breaks lines (and pages) mid-sentence; join them back.
const policy = policyRaw.replace(/\n\s*/g, '')
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩'

const items = <D extends { readonly parent: string | null }>(duties: ReadonlyArray<D>) =>
  duties.filter((d) => d.parent === null)

describe('duty catalogues (policy 三.3)', () => {
  it('has the four catalogues of the current version', () => {
    expect(CURRENT_CATALOG_VERSION).toBe('yiyuan-2023')
    expect(catalogVersions).toContain(CURRENT_CATALOG_VERSION)
    expect(dutyCatalogs.map((c) => `${c.kind}.${c.mode}:${items(c.duties).length}`)).toEqual([
      'office.peacetime:6',
      'squad.peacetime:3',
      'office.wartime:5',
      'squad.wartime:4',
    ])
    for (const c of dutyCatalogs) expect(c.version).toBe(CURRENT_CATALOG_VERSION)
  })

  it('reproduces each catalogue verbatim: heading and items ①②… in order, nothing left out', () => {
    for (const c of dutyCatalogs) {
      const listed = `${c.title}：${items(c.duties)
        .map((d, i) => `${CIRCLED.charAt(i)}${d.text}`)
        .join('')}`
      expect(policy).toContain(listed)
      // the next thing after the last item is another heading or the next section, not a further item
      const after = policy.charAt(policy.indexOf(listed) + listed.length)
      expect(CIRCLED).not.toContain(after)
    }
  })

  it('takes every item and sub-duty text from the policy word for word', () => {
    for (const d of dutiesOf(CURRENT_CATALOG_VERSION)) {
      expect(policy).toContain(d.text)
      expect(d.title.length).toBeGreaterThan(0)
      expect(d.title.length).toBeLessThanOrEqual(16)
    }
  })

  it('splits every item that lists what it includes (包括) into its sub-duties, in order, none missed', () => {
    const duties = dutiesOf(CURRENT_CATALOG_VERSION)
    for (const item of items(duties)) {
      const subs = duties.filter((d) => d.parent === item.code)
      const at = item.text.indexOf('包括')
      if (at < 0) {
        expect(subs).toEqual([])
        continue
      }
      const listed = item.text.slice(at + 2).replace(/等?。$/, '')
      // ② of the office list names its two parts with a comma rather than a semicolon
      const separator = item.code === 'office.peacetime.2' ? '，' : '；'
      expect(subs.map((s) => s.text).join(separator)).toBe(listed)
      subs.forEach((s, i) => {
        expect(s.code).toBe(`${item.code}.${i + 1}`)
        expect(s.number).toBe(i + 1)
        expect(s.kind).toBe(item.kind)
        expect(s.mode).toBe(item.mode)
      })
    }
  })

  it('gives every duty a unique code of kind.mode.number', () => {
    const duties = dutiesOf(CURRENT_CATALOG_VERSION)
    expect(new Set(duties.map((d) => d.code)).size).toBe(duties.length)
    for (const d of duties) {
      const expected = d.parent === null ? `${d.kind}.${d.mode}.${d.number}` : `${d.parent}.${d.number}`
      expect(d.code).toBe(expected)
    }
    expect(duties.filter((d) => d.parent !== null)).toHaveLength(8 + 2 + 5 + 4 + 1 + 11 + 4)
  })

  it.effect('finds a duty by version and code', () =>
    Effect.gen(function* () {
      const mediation = yield* findDuty('yiyuan-2023', 'office.peacetime.2')
      expect(mediation).toEqual({
        code: 'office.peacetime.2',
        kind: 'office',
        mode: 'peacetime',
        number: 2,
        parent: null,
        title: '指导辖区调解工作',
        text: '指导辖区调解工作，包括指导辖区人民调解、行政调解和行业性专业性调解工作，参与调处矛盾纠纷等。',
      })
      const sub = yield* findDuty('yiyuan-2023', 'squad.peacetime.1.10')
      expect(sub.text).toBe('对失去联系的社区矫正对象开展查找工作')
      expect(sub.parent).toBe('squad.peacetime.1')
      expect((yield* findDuty('yiyuan-2023', 'office.peacetime.1')).title).toBe('参与推进辖区基层法治建设')
      expect((yield* findDuty('yiyuan-2023', 'squad.peacetime.1')).title).toBe('开展社区矫正工作')
    }),
  )

  it.effect('fails with DutyNotInCatalogue for an unknown code or version', () =>
    Effect.gen(function* () {
      const missing = yield* Effect.flip(findDuty('yiyuan-2023', 'office.peacetime.7'))
      expect(missing._tag).toBe('DutyNotInCatalogue')
      expect(missing.code).toBe('office.peacetime.7')
      expect(missing.message).toBe('职责事项“office.peacetime.7”不在职责清单（yiyuan-2023版）中')
      const oldVersion = yield* Effect.flip(findDuty('yiyuan-1999', 'office.peacetime.1'))
      expect(oldVersion.version).toBe('yiyuan-1999')
    }),
  )

  it('keeps catalogues per version and knows nothing of an unknown one', () => {
    expect(catalogsOf('yiyuan-1999')).toEqual([])
    expect(dutiesOf('yiyuan-1999')).toEqual([])
    expect(catalogOf(CURRENT_CATALOG_VERSION, 'squad', 'wartime')?.title).toBe('执法中队战时工作职责')
  })
})
