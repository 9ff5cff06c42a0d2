import { router } from '../trpc/init.ts'
import { loginLogRouter, sessionRouter, settingRouter, userRouter } from './accounts.ts'
import { activationRouter } from './activation.ts'
import { appointmentRouter } from './appointment.ts'
import { assessmentRouter } from './assessment.ts'
import { auditRouter } from './audit.ts'
import { authRouter } from './auth.ts'
import { budgetRouter, expenseRouter } from './budget.ts'
import { deadlineRouter } from './deadline.ts'
import { deviceRouter } from './device.ts'
import { intakeRouter } from './intake.ts'
import { kioskRouter, receiptRouter } from './kiosk.ts'
import { legalAidRouter } from './legal-aid.ts'
import { legalEducationRouter } from './legal-education.ts'
import { legalityReviewRouter } from './legality-review.ts'
import { mediationRouter } from './mediation.ts'
import { orgRouter } from './org.ts'
import { escalationRouter, inspectionRouter, oversightRouter } from './oversight.ts'
import { releaseeRouter } from './releasee.ts'
import { staffLeaveRouter } from './staff-leave.ts'
import { superviseeRouter } from './supervisee.ts'
import { taskRouter } from './task.ts'
import { vehicleRouter } from './vehicle.ts'

export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  kiosk: kioskRouter,
  receipt: receiptRouter,
  appointment: appointmentRouter,
  device: deviceRouter,
  intake: intakeRouter,
  task: taskRouter,
  audit: auditRouter,
  mediation: mediationRouter,
  legalAid: legalAidRouter,
  legalityReview: legalityReviewRouter,
  legalEducation: legalEducationRouter,
  activation: activationRouter,
  supervisee: superviseeRouter,
  deadline: deadlineRouter,
  releasee: releaseeRouter,
  staffLeave: staffLeaveRouter,
  user: userRouter,
  session: sessionRouter,
  loginLog: loginLogRouter,
  setting: settingRouter,
  vehicle: vehicleRouter,
  budget: budgetRouter,
  expense: expenseRouter,
  assessment: assessmentRouter,
  inspection: inspectionRouter,
  escalation: escalationRouter,
  oversight: oversightRouter,
})

export type AppRouter = typeof appRouter
