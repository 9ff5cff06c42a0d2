import { listDeviceItems, registerDevice, revokeDeviceById } from '../services/devices.ts'
import { roleProcedure, router } from '../trpc/init.ts'
import { id, object, text } from '../trpc/validate.ts'

const deviceAdmin = roleProcedure('bureauAdmin', 'officeDirector')

export const deviceRouter = router({
  list: deviceAdmin.query(({ ctx }) => listDeviceItems(ctx, ctx.user)),
  register: deviceAdmin
    .input(object({ officeCode: text('司法所', 1, 40), label: text('终端名称', 1, 30) }))
    .mutation(({ ctx, input }) => registerDevice(ctx, ctx.user, input)),
  revoke: deviceAdmin
    .input(object({ id: id('终端') }))
    .mutation(({ ctx, input }) => revokeDeviceById(ctx, ctx.user, input.id)),
})
