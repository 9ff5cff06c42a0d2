import { createCipheriv, createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { blindIndex, decryptField, deriveKeys, encryptField, FieldTampered } from '../src/crypto/keys.ts'

describe('SM3 / SM4 known-answer vectors (GB/T 32905-2016, GB/T 32907-2016)', () => {
  it('SM3("abc")', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    )
  })
  it('SM4 example 1', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex')
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false)
    const ct = Buffer.concat([cipher.update(key), cipher.final()])
    expect(ct.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246')
  })
})

describe('field encryption', () => {
  const keys = deriveKeys(Buffer.alloc(32, 7))
  it('round-trips, uses a fresh IV each time, and refuses a tampered value', () => {
    const a = encryptField(keys, '11010519491231002X')
    const b = encryptField(keys, '11010519491231002X')
    expect(a).not.toBe(b)
    expect(decryptField(keys, a)).toBe('11010519491231002X')
    const parts = a.split('.')
    const ct = Buffer.from(parts[2] ?? '', 'base64url')
    ct[0] = (ct[0] ?? 0) ^ 1
    const tampered = [parts[0], parts[1], ct.toString('base64url'), parts[3]].join('.')
    expect(() => decryptField(keys, tampered)).toThrow(FieldTampered)
    expect(() => decryptField(deriveKeys(Buffer.alloc(32, 8)), a)).toThrow(FieldTampered)
  })
  it('blind index is deterministic per key and normalised', () => {
    expect(blindIndex(keys, '11010519491231002x ')).toBe(blindIndex(keys, '11010519491231002X'))
    expect(blindIndex(keys, '11010519491231002X')).not.toBe(
      blindIndex(deriveKeys(Buffer.alloc(32, 9)), '11010519491231002X'),
    )
  })
})
