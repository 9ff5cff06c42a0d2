import { router } from '../trpc/init.ts'
import { auditRouter } from './audit.ts'
import { authRouter } from './auth.ts'
import { deviceRouter } from './device.ts'
import { intakeRouter } from './intake.ts'
import { kioskRouter } from './kiosk.ts'
import { orgRouter } from './org.ts'
import { taskRouter } from './task.ts'

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  kiosk: kioskRouter,
  device: deviceRouter,
  intake: intakeRouter,
  task: taskRouter,
  audit: auditRouter,
})

export type AppRouter = typeof appRouter
