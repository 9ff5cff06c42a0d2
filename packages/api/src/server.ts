import { execFileSync } from 'node:child_process'
import cluster from 'node:cluster'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { constants as zlibConstants } from 'node:zlib'
import compress from '@fastify/compress'
import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import {
  type CreateFastifyContextOptions,
  type FastifyTRPCPluginOptions,
  fastifyTRPCPlugin,
} from '@trpc/server/adapters/fastify'
import Fastify, { type FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { repoRoot } from './config.ts'
import { registerActivationEvents } from './realtime/sse-fanout.ts'
import { type AppRouter, appRouter } from './routers/index.ts'
import { newId } from './shared.ts'
import type { Context, Deps } from './trpc/context.ts'

const APPS = ['admin', 'field', 'kiosk'] as const

const packageVersion = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'packages/api/package.json'), 'utf8')) as {
      version?: string
    }
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

/** Git commit from GIT_COMMIT, else `git rev-parse` once at startup; null when neither works. */
const gitCommit = (configured: string | null): string | null => {
  if (configured) return configured
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: repoRoot,
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim()
  } catch {
    return null
  }
}

export interface ServerOptions {
  readonly logger?: boolean
  /** tests: where the access log goes (info level), to check what it contains */
  readonly logStream?: { write: (line: string) => void }
  readonly appsRoot?: string
}

const header = (value: string | string[] | undefined): string | null =>
  typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? null) : null

const logRequest = (req: { method: string; url: string; id: string; ip?: string }) => ({
  method: req.method,
  url: req.url.replace(/\?.*$/s, '?…'),
  id: req.id,
  remoteAddress: req.ip,
})

export const buildServer = async (deps: Deps, options: ServerOptions = {}): Promise<FastifyInstance> => {
  const { config } = deps
  const app = Fastify({
    // The access log never carries a query string: a GET query's input (an ID number, a name) would
    // otherwise be written to disk (SECURITY.md: no ID number in an access log).
    logger: options.logStream
      ? { level: 'info', stream: options.logStream, serializers: { req: logRequest } }
      : options.logger
        ? { level: 'info', serializers: { req: logRequest } }
        : false,
    trustProxy: config.trustProxy,
    genReqId: () => newId(),
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 5000 },
  })
  const info = {
    name: '@pingzhan/api',
    version: packageVersion(),
    commit: gitCommit(config.gitCommit),
    node: process.version,
    database: deps.dialect,
    demo: config.demo,
    startedAt: deps.clock().toISOString(),
  }

  await app.register(cookie)
  // Answers of 1 KB or more go out brotli- or gzip-compressed to clients that accept it: a 50-task
  // page is 24–36 KB of JSON (the bench's: 23.6 KB, 1.1 KB as brotli), and a phone on a weak link waits
  // for every byte. Brotli at quality 4 (the plugin's default) with a 256 KB window instead of 4 MB:
  // setting up the large window cost 820 µs per 35 KB page, the small one 72 µs (gzip level 6: 114 µs)
  // for the same size. The app bundles are compressed at build time and sent as they are. Event
  // streams are never compressed (each event must go out at once). Compressed request bodies are not
  // inflated. BREACH does not apply: the session is a SameSite=Strict cookie, so a foreign page cannot
  // make the browser send authenticated requests with its own input in them.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    globalDecompression: false,
    brotliOptions: {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_LGWIN]: 18 },
    },
  })
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd's CSS-in-JS writes <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(config.production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: config.production ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  })

  // tRPC hands Fastify a fetch Response whose body is the JSON already in memory; sent as it is, it
  // goes out as a stream (chunked, and compressed as a stream whatever its size). Taking its bytes
  // gives a content-length and lets the compression plugin skip answers under its threshold. Event
  // streams (another content type) stay streams.
  app.addHook('onSend', async (req, reply, payload) => {
    if (
      payload instanceof Response &&
      req.url.startsWith('/trpc') &&
      payload.headers.get('content-type')?.startsWith('application/json') &&
      !payload.headers.has('transfer-encoding')
    ) {
      reply.code(payload.status)
      for (const [name, value] of payload.headers) reply.header(name, value)
      // the bytes as tRPC encoded them: no decoding to a string and encoding again
      return Buffer.from(await payload.arrayBuffer())
    }
    return payload
  })

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-correlation-id', req.id)
    if (req.url.startsWith('/trpc')) {
      reply.header('cache-control', 'no-store')
      // Only JSON bodies reach tRPC: no form posts (CSRF) and no multipart uploads.
      if (req.method === 'POST') {
        const type = header(req.headers['content-type'])?.split(';')[0]?.trim().toLowerCase()
        if (type !== undefined && type !== 'application/json') {
          reply.code(415).send({ error: { message: '不支持的内容类型', code: 'UNSUPPORTED_MEDIA_TYPE' } })
          return reply
        }
      }
    }
  })

  const secure = (req: CreateFastifyContextOptions['req']): boolean =>
    config.production || req.protocol === 'https'

  const createContext = ({ req, res }: CreateFastifyContextOptions): Context => ({
    deps,
    req: {
      ip: req.ip ?? null,
      userAgent: header(req.headers['user-agent'])?.slice(0, 300) ?? null,
      origin: header(req.headers.origin),
      host: header(req.headers.host),
      csrfHeader: header(req.headers['x-pingzhan-csrf']),
      correlationId: req.id,
      cookies: req.cookies,
      setCookie: (name, value, opts) => {
        res.setCookie(name, value, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: secure(req),
          ...(opts?.maxAgeSeconds ? { maxAge: opts.maxAgeSeconds } : {}),
        })
      },
      clearCookie: (name) => {
        res.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'strict', secure: secure(req) })
      },
    },
  })

  // activation.events over HTTP: the same SSE protocol, fanned out once per event (realtime/sse-fanout.ts)
  registerActivationEvents(app, deps)
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext,
      allowMethodOverride: true,
      onError: ({ error, path, ctx }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          app.log.error(
            { err: error.cause ?? error, path, correlationId: ctx?.req.correlationId },
            'procedure failed',
          )
        }
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  })

  // Which process answered and whether it hears the others (issue 15): a reverse proxy or an operator
  // can tell the workers apart, and a process whose bus is down answers 503 (it would miss alerts
  // and ended sessions of the other processes).
  app.get('/health', async (_req, reply) => {
    const bus = deps.bus.state
    const process_ = { pid: process.pid, worker: cluster.worker?.id ?? null }
    const busInfo = {
      kind: bus.kind,
      connected: bus.connected,
      reconnects: bus.reconnects,
      recovered: bus.recovered,
    }
    try {
      await sql`select 1`.execute(deps.db)
      if (!bus.connected) reply.code(503)
      return {
        status: bus.connected ? 'ok' : 'degraded',
        database: deps.dialect,
        process: process_,
        bus: busInfo,
      }
    } catch {
      reply.code(503)
      return { status: 'unavailable', database: deps.dialect, process: process_, bus: busInfo }
    }
  })

  app.get('/info', async () => info)
  app.get('/', async (_req, reply) => reply.redirect('/admin/'))

  const appsRoot = options.appsRoot ?? resolve(repoRoot, 'apps')
  let decorated = false
  for (const name of APPS) {
    const root = resolve(appsRoot, name, 'dist')
    app.get(`/${name}`, async (_req, reply) => reply.redirect(`/${name}/`))
    if (!existsSync(resolve(root, 'index.html'))) {
      app.get(`/${name}/*`, async (_req, reply) =>
        reply
          .code(503)
          .type('text/plain; charset=utf-8')
          .send(`${name} 前端尚未构建：请先运行 pnpm start（或 pnpm build）`),
      )
      continue
    }
    await app.register(fastifyStatic, {
      root,
      prefix: `/${name}/`,
      decorateReply: !decorated,
      index: ['index.html'],
      wildcard: false,
      // the .br/.gz copies the Vite build wrote next to each asset (vite-plugin-compression2)
      preCompressed: true,
      // Hashed assets can be cached; index.html must not be.
      // `path` is the file actually sent, so index.html may arrive here as index.html.br or .gz.
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          /\.html(?:\.br|\.gz)?$/.test(path) ? 'no-cache' : 'public, max-age=31536000, immutable',
        )
      },
    })
    decorated = true
    // SPA fallback: any unknown path under the app's base gets its index.html.
    app.get(`/${name}/*`, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').sendFile('index.html', root),
    )
  }

  app.setNotFoundHandler((_req, reply) => {
    reply.code(404).type('application/json; charset=utf-8').send({ error: '未找到' })
  })
  return app
}
