import { TRPCError } from '@trpc/server'

type Code = TRPCError['code']

/** Carries the stable tag and per-field messages of a failure to the error formatter. */
export class Fault extends Error {
  readonly tag: string
  readonly fieldErrors: Readonly<Record<string, string>> | undefined
  constructor(tag: string, message: string, fieldErrors?: Readonly<Record<string, string>>) {
    super(message)
    this.name = 'Fault'
    this.tag = tag
    this.fieldErrors = fieldErrors
  }
}

/** The Fault behind an error (tRPC wraps input-parser errors in another TRPCError). */
export const faultOf = (error: unknown): Fault | null => {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current instanceof Fault) return current
    current = current.cause
  }
  return null
}

/** A TRPCError with a Chinese message and a stable tag. */
export const fail = (
  code: Code,
  tag: string,
  message: string,
  fieldErrors?: Readonly<Record<string, string>>,
): TRPCError => new TRPCError({ code, message, cause: new Fault(tag, message, fieldErrors) })

export const notFound = (what = '记录'): TRPCError =>
  fail('NOT_FOUND', 'NotFound', `找不到该${what}，或您无权查看`)

export const forbidden = (message = '您的角色无权执行此操作'): TRPCError =>
  fail('FORBIDDEN', 'Forbidden', message)

export const unauthorized = (): TRPCError => fail('UNAUTHORIZED', 'Unauthenticated', '请先登录')

export const conflict = (message: string, tag = 'VersionConflict'): TRPCError =>
  fail('CONFLICT', tag, message)

/** Default Chinese message per tRPC code, for errors raised by tRPC itself. */
export const CODE_MESSAGES: Readonly<Partial<Record<Code, string>>> = {
  PARSE_ERROR: '请求格式错误',
  BAD_REQUEST: '请求参数有误',
  UNAUTHORIZED: '请先登录',
  FORBIDDEN: '您无权执行此操作',
  NOT_FOUND: '请求的内容不存在',
  METHOD_NOT_SUPPORTED: '不支持的请求方式',
  TIMEOUT: '请求超时，请稍后重试',
  CONFLICT: '数据已被修改，请刷新后重试',
  PRECONDITION_FAILED: '操作条件不满足',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  UNPROCESSABLE_CONTENT: '无法处理该请求',
  TOO_MANY_REQUESTS: '操作过于频繁，请稍后再试',
  CLIENT_CLOSED_REQUEST: '请求已取消',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后重试',
}
