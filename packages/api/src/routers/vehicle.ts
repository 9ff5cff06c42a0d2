import {
  applyVehicleAction,
  bookVehicle,
  cancelBooking,
  decideBooking,
  exportUtilisation,
  freeWindows,
  listTrips,
  listVehiclesFor,
  myBookings,
  pendingBookings,
  registerVehicle,
  updateVehicle,
  utilisation,
  vehicleBookings,
} from '../services/vehicles.ts'
import { authedProcedure, roleProcedure, router } from '../trpc/init.ts'
import { bool, date, id, int, object, oneOf, optional, text } from '../trpc/validate.ts'
import { instant, list } from './task-validate.ts'

// 执法车辆 (issue 11, policy 四.2). Reads are scoped in the service (vehicleScope); another area's
// vehicle or booking is NOT_FOUND.
const readers = roleProcedure(
  'bureauLeader',
  'brigadeLeader',
  'squadLeader',
  'squadMember',
  'officeDirector',
  'departmentStaff',
)
const bookers = roleProcedure(
  'brigadeLeader',
  'squadLeader',
  'squadMember',
  'officeDirector',
  'departmentStaff',
)
const managers = roleProcedure('brigadeLeader', 'squadLeader')

const plate = text('车牌号', 7, 9, {
  re: /^[\u4e00-\u9fa5][A-Z]·?[A-Z0-9]{5,6}$/,
  message: '车牌号格式应如“鲁C·J1001”',
})
const vehicleFields = {
  model: text('车型', 2, 40),
  seats: int('座位数', 2, 60),
  serviceDue: date('保养到期日'),
  insuranceDue: date('保险到期日'),
}
const range = { from: date('开始日期'), to: date('结束日期') }

export const vehicleRouter = router({
  list: readers.query(({ ctx }) => listVehiclesFor(ctx, ctx.user)),
  register: managers
    .input(
      object({
        squadCode: id('中队'),
        plate,
        ...vehicleFields,
        odometerKm: int('里程表读数', 0, 2_000_000),
        fuelPercent: int('油量（电量）', 0, 100),
      }),
    )
    .mutation(({ ctx, input }) => registerVehicle(ctx, ctx.user, input)),
  update: managers
    .input(object({ id: id('车辆'), version: int('版本', 1, 1_000_000), ...vehicleFields }))
    .mutation(({ ctx, input }) => updateVehicle(ctx, ctx.user, input)),
  bookings: readers
    .input(object({ vehicleId: id('车辆'), from: instant('开始时间'), to: instant('结束时间') }))
    .query(({ ctx, input }) => vehicleBookings(ctx, ctx.user, input)),
  myBookings: readers.query(({ ctx }) => myBookings(ctx, ctx.user)),
  pending: readers.query(({ ctx }) => pendingBookings(ctx, ctx.user)),
  freeWindows: readers
    .input(
      object({
        vehicleId: id('车辆'),
        from: instant('开始时间'),
        durationMinutes: int('用车时长', 30, 7 * 24 * 60),
      }),
    )
    .query(({ ctx, input }) => freeWindows(ctx, ctx.user, input)),
  book: bookers
    .input(
      object({
        vehicleId: id('车辆'),
        startsAt: instant('开始时间'),
        endsAt: instant('结束时间'),
        purposeKind: oneOf('用车事由类别', ['duty', 'task', 'activation'] as const),
        dutyCode: optional(text('职责事项', 1, 40)),
        taskId: optional(id('工作任务')),
        activationId: optional(id('战时行动')),
        purposeNote: text('用车事由', 2, 200),
        towns: list('前往镇街', text('镇街', 1, 40), 12),
        driver: text('驾驶员', 2, 20),
        passengers: optional(text('同行人员', 0, 200)),
      }),
    )
    .mutation(({ ctx, input }) => bookVehicle(ctx, ctx.user, input)),
  decide: authedProcedure
    .input(
      object({
        id: id('用车预约'),
        version: int('版本', 1, 1_000_000),
        approve: bool('是否批准'),
        note: optional(text('审批意见', 0, 200)),
      }),
    )
    .mutation(({ ctx, input }) => decideBooking(ctx, ctx.user, input)),
  cancel: bookers
    .input(
      object({ id: id('用车预约'), version: int('版本', 1, 1_000_000), reason: text('取消理由', 2, 200) }),
    )
    .mutation(({ ctx, input }) => cancelBooking(ctx, ctx.user, input)),
  act: bookers
    .input(
      object({
        key: text('操作编号', 8, 64, { re: /^[0-9a-zA-Z-]+$/, message: '操作编号无效' }),
        bookingId: id('用车预约'),
        kind: oneOf('操作', ['checkout', 'checkin'] as const),
        at: instant('操作时间'),
        odometerKm: int('里程表读数', 0, 2_000_000),
        fuelPercent: int('油量（电量）', 0, 100),
        note: optional(text('备注', 0, 200)),
      }),
    )
    .mutation(({ ctx, input }) => applyVehicleAction(ctx, ctx.user, input)),
  trips: readers
    .input(object({ ...range, vehicleId: optional(id('车辆')) }))
    .query(({ ctx, input }) => listTrips(ctx, ctx.user, input)),
  utilisation: readers.input(object(range)).query(({ ctx, input }) => utilisation(ctx, ctx.user, input)),
  export: readers.input(object(range)).mutation(({ ctx, input }) => exportUtilisation(ctx, ctx.user, input)),
})
