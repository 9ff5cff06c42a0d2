import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TRPCClientError } from '@trpc/client'
import { describe, expect, it } from 'vitest'
import { errorMessage, fieldErrors } from '../src/client/index.ts'

const here = dirname(fileURLToPath(import.meta.url))

/** Every module the client entry pulls in at run time (type-only imports are erased). */
const runtimeImports = (file: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(file)) return seen
  seen.add(file)
  const source = readFileSync(file, 'utf8')
  for (const m of source.matchAll(/^\s*(import|export)\s+(?!type\b)([^'"]*?)from\s+['"]([^'"]+)['"]/gm)) {
    const clause = m[2] ?? ''
    const spec = m[3] ?? ''
    // `import { type A, type B } from` is erased as well.
    const names = clause
      .replace(/[{}]/g, '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue
    if (spec.startsWith('.')) runtimeImports(resolve(dirname(file), spec), seen)
    else seen.add(spec)
  }
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) seen.add(m[1] ?? '')
  return seen
}

describe('browser-safe client entry', () => {
  it('pulls in only @trpc/client and its own folder at run time — no server modules, no node:*', () => {
    const entry = resolve(here, '../src/client/index.ts')
    const graph = [...runtimeImports(entry)].filter((m) => m !== entry)
    // the dispute types live next to the entry and import nothing
    expect(graph).toEqual(['@trpc/client', resolve(here, '../src/client/dispute-types.ts')])
  })

  it('turns errors into Chinese messages and field errors', () => {
    const err = TRPCClientError.from({
      error: {
        message: '输入有误：请填写姓名',
        code: -32600,
        data: {
          code: 'BAD_REQUEST',
          message: '输入有误：请填写姓名',
          fieldErrors: { applicantName: '请填写姓名' },
        },
      },
    })
    expect(errorMessage(err)).toBe('输入有误：请填写姓名')
    expect(fieldErrors(err)).toEqual({ applicantName: '请填写姓名' })
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('网络异常，请稍后重试')
    expect(fieldErrors(new Error('x'))).toEqual({})
  })
})
