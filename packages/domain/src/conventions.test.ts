import { describe, expect, it } from 'vitest'

// Every source file of the package as text, keyed by path relative to this file.
const sources = import.meta.glob(['./**/*.ts', '!./**/*.test.ts', '!./**/*.d.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
})

const importsOf = (text: string): Array<string> =>
  [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '')

describe('domain conventions (STYLE.md)', () => {
  it('sees the sources', () => {
    expect(Object.keys(sources)).toContain('./index.ts')
    expect(Object.keys(sources)).toContain('./org/org.ts')
  })

  it('imports only effect and its own files, with the .ts extension', () => {
    for (const [path, text] of Object.entries(sources)) {
      for (const spec of importsOf(text)) {
        const ok = spec === 'effect' || (spec.startsWith('.') && spec.endsWith('.ts'))
        expect(ok, `${path} imports ${spec}`).toBe(true)
      }
    }
  })

  it('keeps the ID-number check free of imports (the kiosk bundles it alone)', () => {
    expect(importsOf(sources['./shared/id-number.ts'] ?? 'missing')).toEqual([])
    expect(sources['./shared/id-number.ts']).toBeDefined()
  })

  it('keeps the guardian rule free of imports but the ID-number check (the kiosk bundles it)', () => {
    expect(importsOf(sources['./shared/guardian.ts'] ?? 'missing')).toEqual(['./id-number.ts'])
  })

  it('keeps the legal-aid pre-check free of imports but the matter lists (the kiosk bundles it)', () => {
    expect(importsOf(sources['./legal-aid/eligibility.ts'] ?? 'missing')).toEqual(['./matters.ts'])
    expect(importsOf(sources['./legal-aid/matters.ts'] ?? 'missing')).toEqual([])
  })

  it('reads no clock and no randomness', () => {
    for (const [path, text] of Object.entries(sources)) {
      expect(text, path).not.toMatch(/Date\.now\(|new Date\(|Math\.random\(/)
    }
  })

  it('lists the public surface one name at a time', () => {
    expect(sources['./index.ts']).not.toMatch(/export \*/)
  })
})
