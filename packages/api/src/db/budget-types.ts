// Shared means, part 2 (issue 11): the pooled area budget. Money is integer fen (bigint columns; the
// PostgreSQL driver returns them as strings, the repository turns them into numbers).

export interface BudgetLineTable {
  office_code: string
  year: number
  area_code: string
  budget_fen: number | string
  committed_fen: number | string
  spent_fen: number | string
  updated_at: string
  updated_by: string
  version: number
}

export interface AreaPoolTable {
  area_code: string
  year: number
  budget_fen: number | string
  committed_fen: number | string
  spent_fen: number | string
}

export interface ExpenseRequestTable {
  id: string
  office_code: string
  area_code: string
  year: number
  amount_fen: number | string
  category: string
  duty_version: string
  duty_code: string
  purpose: string
  requested_by: string
  requested_at: string
  /** pending (squad leader) → awaitingBureau (above the threshold) → approved → paid; or rejected */
  status: 'pending' | 'awaitingBureau' | 'approved' | 'rejected' | 'paid'
  needs_bureau: number
  squad_decided_by: string | null
  squad_decided_at: string | null
  bureau_decided_by: string | null
  bureau_decided_at: string | null
  decision_note: string | null
  override_by: string | null
  override_reason: string | null
  committed_at: string | null
  paid_at: string | null
  paid_by: string | null
  version: number
}

export interface ExpenseReceiptTable {
  id: string
  request_id: string
  mime: string
  bytes: number
  data: string
  uploaded_by: string
  uploaded_at: string
}

export interface BudgetMovementTable {
  id: string
  area_code: string
  office_code: string
  year: number
  at: string
  kind: 'line' | 'commit' | 'release' | 'spend'
  amount_fen: number | string
  request_id: string | null
  by: string
}

export interface BudgetTables {
  budget_lines: BudgetLineTable
  area_pools: AreaPoolTable
  expense_requests: ExpenseRequestTable
  expense_receipts: ExpenseReceiptTable
  budget_movements: BudgetMovementTable
}
