// Server entry points for other packages and tests (the apps use `@pingzhan/api/client`).
export { startApp } from './app.ts'
export type { Config } from './config.ts'
export { loadConfig } from './config.ts'
export type { AppRouter } from './routers/index.ts'
export { appRouter } from './routers/index.ts'
export { buildServer } from './server.ts'
