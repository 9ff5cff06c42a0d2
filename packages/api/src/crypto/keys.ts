import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'

/** Keys derived once from PINGZHAN_DATA_KEY (32 bytes: SM4 key ‖ HMAC-SM3 master key). */
export interface DataKeys {
  readonly sm4: Buffer
  readonly fieldMac: Buffer
  readonly blindIndex: Buffer
  readonly audit: Buffer
}

export const hmacSm3 = (key: Buffer, data: string | Buffer): Buffer =>
  createHmac('sm3', key).update(data).digest()

export const deriveKeys = (dataKey: Buffer): DataKeys => {
  if (dataKey.length !== 32) throw new Error('data key must be 32 bytes')
  const master = dataKey.subarray(16, 32)
  return {
    sm4: Buffer.from(dataKey.subarray(0, 16)),
    fieldMac: hmacSm3(master, 'pingzhan/field-mac/v1'),
    blindIndex: hmacSm3(master, 'pingzhan/blind-index/v1'),
    audit: hmacSm3(master, 'pingzhan/audit-chain/v1'),
  }
}

/**
 * SM4-CBC with a random IV, then HMAC-SM3 over version ‖ IV ‖ ciphertext (encrypt-then-MAC).
 * Stored as `v1.<iv b64url>.<ciphertext b64url>.<mac b64url>`.
 */
export const encryptField = (keys: DataKeys, plaintext: string): string => {
  const iv = randomBytes(16)
  const cipher = createCipheriv('sm4-cbc', keys.sm4, iv)
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const mac = hmacSm3(keys.fieldMac, Buffer.concat([Buffer.from('v1'), iv, ct]))
  return ['v1', iv.toString('base64url'), ct.toString('base64url'), mac.toString('base64url')].join('.')
}

export class FieldTampered extends Error {
  constructor() {
    super('encrypted field failed its integrity check')
    this.name = 'FieldTampered'
  }
}

export const decryptField = (keys: DataKeys, stored: string): string => {
  const [version, ivText, ctText, macText] = stored.split('.')
  if (version !== 'v1' || !ivText || !ctText || !macText) throw new FieldTampered()
  const iv = Buffer.from(ivText, 'base64url')
  const ct = Buffer.from(ctText, 'base64url')
  const expected = hmacSm3(keys.fieldMac, Buffer.concat([Buffer.from('v1'), iv, ct]))
  const mac = Buffer.from(macText, 'base64url')
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw new FieldTampered()
  const decipher = createDecipheriv('sm4-cbc', keys.sm4, iv)
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8')
}

/** Deterministic HMAC-SM3 of a normalised value, for exact search without decrypting. */
export const blindIndex = (keys: DataKeys, value: string): string =>
  hmacSm3(keys.blindIndex, value.trim().toUpperCase()).toString('hex')

/** SHA-256 hex of a bearer token; only this is stored. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex')

export const randomToken = (): string => randomBytes(32).toString('base64url')
