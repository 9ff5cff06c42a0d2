// Shared means, part 1 (issue 11): the squad vehicle. Same conventions as types.ts: ISO text
// timestamps, YYYY-MM-DD dates, 0/1 integers, JSON arrays as text.

export interface VehicleTable {
  id: string
  plate: string
  squad_code: string
  model: string
  seats: number
  odometer_km: number
  fuel_percent: number
  service_due: string
  insurance_due: string
  created_at: string
  created_by: string
  version: number
}

export interface VehicleBookingTable {
  id: string
  vehicle_id: string
  squad_code: string
  requester_id: string
  requester_kind: 'office' | 'squad' | 'brigade' | 'department'
  requester_code: string
  purpose_kind: 'duty' | 'task' | 'activation'
  duty_version: string | null
  duty_code: string | null
  task_id: string | null
  activation_id: string | null
  wartime: number
  purpose_note: string
  starts_at: string
  ends_at: string
  /** JSON array of town codes */
  towns: string
  driver: string
  passengers: string
  status: 'pending' | 'approved' | 'rejected' | 'displaced' | 'cancelled' | 'out' | 'returned'
  decided_by: string | null
  decided_at: string | null
  decision_note: string | null
  displaced_by: string | null
  displaced_at: string | null
  displaced_reason: string | null
  created_at: string
  version: number
}

export interface VehicleBookingSlotTable {
  vehicle_id: string
  slot_start: string
  booking_id: string
}

export interface VehicleTripTable {
  id: string
  booking_id: string
  vehicle_id: string
  out_at: string
  out_km: number
  out_fuel: number
  out_by: string
  in_at: string | null
  in_km: number | null
  in_fuel: number | null
  in_by: string | null
  note: string
}

export interface VehicleActionTable {
  key: string
  user_id: string
  kind: string
  result_json: string
  received_at: string
}

export interface VehicleDueTaskTable {
  vehicle_id: string
  kind: 'service' | 'insurance'
  due_date: string
  task_id: string
  created_at: string
}

export interface VehicleTables {
  vehicles: VehicleTable
  vehicle_bookings: VehicleBookingTable
  vehicle_booking_slots: VehicleBookingSlotTable
  vehicle_trips: VehicleTripTable
  vehicle_actions: VehicleActionTable
  vehicle_due_tasks: VehicleDueTaskTable
}
