import { router } from '../trpc/init.ts'
import { activationRouter } from './activation.ts'
import { auditRouter } from './audit.ts'
import { authRouter } from './auth.ts'
import { deadlineRouter } from './deadline.ts'
import { deviceRouter } from './device.ts'
import { intakeRouter } from './intake.ts'
import { kioskRouter } from './kiosk.ts'
import { mediationRouter } from './mediation.ts'
import { orgRouter } from './org.ts'
import { superviseeRouter } from './supervisee.ts'
import { taskRouter } from './task.ts'

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  kiosk: kioskRouter,
  device: deviceRouter,
  intake: intakeRouter,
  task: taskRouter,
  audit: auditRouter,
  mediation: mediationRouter,
  activation: activationRouter,
  supervisee: superviseeRouter,
  deadline: deadlineRouter,
})

export type AppRouter = typeof appRouter
