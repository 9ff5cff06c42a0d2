// Pooled area budget (issue 11, policy 四.2): each office keeps its yearly line (entered by the bureau);
// the area's pool is the sum of its offices' lines; the area's squad leader approves the spending of
// every office, the bureau as well above a configured threshold. Money is integer fen throughout.
// Concurrent approvals never overspend: one conditional UPDATE of the area's pool row per commit
// (see the migration). Every change is audited in its transaction.
import {
  budgetScope,
  CURRENT_CATALOG_VERSION,
  checkFen,
  chinaDateTimeOf,
  EXPENSE_CATEGORIES,
  type ExpenseCategory,
  findDuty,
  formatYuan,
  mayApproveExpense,
  needsBureauApproval,
  type RecordScope,
} from '@pingzhan/domain'
import { Effect, Exit, Result } from 'effect'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import { appendAudit } from '../audit/audit.ts'
import type { ExpenseRequestTable } from '../db/budget-types.ts'
import type { Database, Trx } from '../db/types.ts'
import type { User } from '../repos/users.ts'
import { newId } from '../shared.ts'
import type { Context } from '../trpc/context.ts'
import { conflict, fail, forbidden, notFound } from '../trpc/errors.ts'
import { actorOf } from '../trpc/init.ts'
import { imageMime } from './task-actions.ts'
import { escapeCell } from './task-work.ts'
import { auditActor, officeName, officeUnit, squadName } from './units.ts'

const badInput = (field: string, message: string) =>
  fail('BAD_REQUEST', 'InvalidInput', `输入有误：${message}`, { [field]: message })

const n = (v: number | string | null | undefined): number => (v === null || v === undefined ? 0 : Number(v))

const STATUS_LABELS: Record<ExpenseRequestTable['status'], string> = {
  pending: '待中队长审批',
  awaitingBureau: '待局领导审批',
  approved: '已批准（未支付）',
  rejected: '未批准',
  paid: '已支付',
}

const scopeOf = (user: User): RecordScope => budgetScope(actorOf(user))

const inScope = (scope: RecordScope, row: { office_code: string; area_code: string }): boolean =>
  scope.kind === 'all' ||
  (scope.kind === 'area' && scope.squad === row.area_code) ||
  (scope.kind === 'office' && scope.office === row.office_code)

const scopeWhere =
  <T extends 'budget_lines' | 'expense_requests' | 'budget_movements'>(table: T, scope: RecordScope) =>
  (eb: ExpressionBuilder<Database, T>): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return sql<SqlBool>`1 = 1`
      case 'none':
        return sql<SqlBool>`1 = 0`
      case 'office':
        return eb(sql.ref(`${table}.office_code`), '=', scope.office)
      case 'area':
        return eb(sql.ref(`${table}.area_code`), '=', scope.squad)
    }
  }

const movement = async (
  trx: Trx,
  row: {
    area: string
    office: string
    year: number
    kind: 'line' | 'commit' | 'release' | 'spend'
    amount: number
    requestId: string | null
    by: string
    at: Date
  },
) =>
  trx
    .insertInto('budget_movements')
    .values({
      id: newId(),
      area_code: row.area,
      office_code: row.office,
      year: row.year,
      at: row.at.toISOString(),
      kind: row.kind,
      amount_fen: row.amount,
      request_id: row.requestId,
      by: row.by,
    })
    .execute()

const ensurePool = async (trx: Trx, area: string, year: number) =>
  trx
    .insertInto('area_pools')
    .values({ area_code: area, year, budget_fen: 0, committed_fen: 0, spent_fen: 0 })
    .onConflict((oc) => oc.columns(['area_code', 'year']).doNothing())
    .execute()

// ── budget lines ──

export interface LedgerRow {
  readonly code: string
  readonly name: string
  readonly area: string
  readonly areaName: string
  readonly budget: number
  readonly committed: number
  readonly spent: number
  readonly left: number
  readonly version: number
}

export interface Ledger {
  readonly year: number
  readonly offices: ReadonlyArray<LedgerRow>
  readonly areas: ReadonlyArray<Omit<LedgerRow, 'version' | 'area' | 'areaName'>>
  readonly months: ReadonlyArray<{
    readonly area: string
    readonly areaName: string
    readonly month: string
    readonly committed: number
    readonly spent: number
  }>
  readonly thresholdFen: number
}

/** The ledger per office and per area for a year, with the monthly movements per area (in scope). */
export const ledger = async (ctx: Context, user: User, year: number): Promise<Ledger> => {
  const { deps } = ctx
  const scope = scopeOf(user)
  if (scope.kind === 'none') throw forbidden()
  const org = deps.org
  const lines = await deps.db
    .selectFrom('budget_lines')
    .selectAll()
    .where('year', '=', year)
    .where(scopeWhere('budget_lines', scope))
    .execute()
  const byOffice = new Map(lines.map((l) => [l.office_code, l]))
  const offices = org.config.offices
    .filter((o) => inScope(scope, { office_code: o.code, area_code: org.areaOfOffice(o.code) }))
    .map((o) => {
      const l = byOffice.get(o.code)
      const area = org.areaOfOffice(o.code)
      const budget = n(l?.budget_fen)
      const committed = n(l?.committed_fen)
      const spent = n(l?.spent_fen)
      return {
        code: o.code,
        name: o.name,
        area,
        areaName: squadName(org, area),
        budget,
        committed,
        spent,
        left: budget - committed - spent,
        version: l?.version ?? 0,
      }
    })
  // the area pool is shown only to those who see the whole area
  const areaCodes = scope.kind === 'office' ? [] : [...new Set(offices.map((o) => o.area))]
  const pools = areaCodes.length
    ? await deps.db
        .selectFrom('area_pools')
        .selectAll()
        .where('year', '=', year)
        .where('area_code', 'in', areaCodes)
        .execute()
    : []
  const areas = areaCodes.map((a) => {
    const p = pools.find((x) => x.area_code === a)
    const budget = n(p?.budget_fen)
    const committed = n(p?.committed_fen)
    const spent = n(p?.spent_fen)
    return { code: a, name: squadName(org, a), budget, committed, spent, left: budget - committed - spent }
  })
  const moves = await deps.db
    .selectFrom('budget_movements')
    .select(['area_code', 'at', 'kind', 'amount_fen'])
    .where('year', '=', year)
    .where('kind', 'in', ['commit', 'release', 'spend'])
    .where(scopeWhere('budget_movements', scope))
    .execute()
  const months = new Map<string, { area: string; month: string; committed: number; spent: number }>()
  for (const m of moves) {
    const month = chinaDateTimeOf(Date.parse(m.at)).slice(0, 7)
    const key = `${m.area_code}|${month}`
    const row = months.get(key) ?? { area: m.area_code, month, committed: 0, spent: 0 }
    if (m.kind === 'commit') row.committed += n(m.amount_fen)
    if (m.kind === 'release') row.committed -= n(m.amount_fen)
    if (m.kind === 'spend') row.spent += n(m.amount_fen)
    months.set(key, row)
  }
  return {
    year,
    offices,
    areas,
    months: [...months.values()]
      .sort((a, b) => a.month.localeCompare(b.month) || a.area.localeCompare(b.area))
      .map((m) => ({ ...m, areaName: squadName(org, m.area) })),
    thresholdFen: deps.config.budgetBureauThresholdFen,
  }
}

/**
 * The bureau (a bureau leader) enters an office's yearly line. The area pool's budget moves by the same
 * difference in the same transaction; lowering a line below what the area has committed and spent is
 * refused by the same conditional update that guards approvals.
 */
export const setLine = async (
  ctx: Context,
  user: User,
  input: { officeCode: string; year: number; amountFen: number; version: number },
): Promise<{ ok: true }> => {
  const { deps, req } = ctx
  if (user.role !== 'bureauLeader') throw forbidden('年度经费由局领导录入')
  const money = checkFen(input.amountFen, false)
  if (Result.isFailure(money)) throw badInput('amountFen', money.failure.message)
  const office = deps.org.office(input.officeCode)
  if (office === undefined) throw notFound('司法所')
  const area = deps.org.areaOfOffice(office.code)
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    await ensurePool(trx, area, input.year)
    const current = await trx
      .selectFrom('budget_lines')
      .selectAll()
      .where('office_code', '=', office.code)
      .where('year', '=', input.year)
      .executeTakeFirst()
    const before = n(current?.budget_fen)
    if ((current?.version ?? 0) !== input.version) throw conflict('该经费额度已被他人修改，请刷新后重试')
    const delta = input.amountFen - before
    if (current === undefined) {
      await trx
        .insertInto('budget_lines')
        .values({
          office_code: office.code,
          year: input.year,
          area_code: area,
          budget_fen: input.amountFen,
          committed_fen: 0,
          spent_fen: 0,
          updated_at: now.toISOString(),
          updated_by: user.id,
          version: 1,
        })
        .execute()
    } else {
      if (input.amountFen < n(current.committed_fen) + n(current.spent_fen)) {
        throw conflict(
          `${office.name}已批准和已支付 ${formatYuan(n(current.committed_fen) + n(current.spent_fen))} 元，年度额度不能低于此数`,
          'LineBelowCommitted',
        )
      }
      const r = await trx
        .updateTable('budget_lines')
        .set({
          budget_fen: input.amountFen,
          updated_at: now.toISOString(),
          updated_by: user.id,
          version: input.version + 1,
        })
        .where('office_code', '=', office.code)
        .where('year', '=', input.year)
        .where('version', '=', input.version)
        .executeTakeFirst()
      if (Number(r.numUpdatedRows) !== 1) throw conflict('该经费额度已被他人修改，请刷新后重试')
    }
    const pool = await trx
      .updateTable('area_pools')
      .set({ budget_fen: sql`budget_fen + ${delta}` })
      .where('area_code', '=', area)
      .where('year', '=', input.year)
      .where(sql<SqlBool>`budget_fen + ${delta} - committed_fen - spent_fen >= 0`)
      .executeTakeFirst()
    if (Number(pool.numUpdatedRows) !== 1) {
      throw conflict('调减后辖区经费余额将低于零，不能调减', 'PoolExhausted')
    }
    await movement(trx, {
      area,
      office: office.code,
      year: input.year,
      kind: 'line',
      amount: delta,
      requestId: null,
      by: user.id,
      at: now,
    })
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'budget.setLine',
      unit: officeUnit(deps.org, office.code),
      subjectType: 'budgetLine',
      subjectId: `${office.code}:${input.year}`,
      before: { budgetFen: before },
      after: { budgetFen: input.amountFen },
    })
  })
  return { ok: true }
}

// ── expense requests ──

export interface ExpenseItem {
  readonly id: string
  readonly officeCode: string
  readonly officeName: string
  readonly areaCode: string
  readonly areaName: string
  readonly year: number
  readonly amountFen: number
  readonly amountText: string
  readonly category: ExpenseCategory
  readonly categoryLabel: string
  readonly dutyCode: string
  readonly dutyTitle: string
  readonly purpose: string
  readonly requestedByName: string
  readonly requestedAt: string
  readonly status: ExpenseRequestTable['status']
  readonly statusLabel: string
  readonly needsBureau: boolean
  readonly decisionNote: string | null
  readonly overrideReason: string | null
  readonly overrideByName: string | null
  readonly paidAt: string | null
  readonly receipts: ReadonlyArray<{
    readonly id: string
    readonly mime: string
    readonly bytes: number
    readonly uploadedAt: string
  }>
  readonly version: number
  readonly mayDecide: boolean
  readonly mayOverride: boolean
  readonly mayPay: boolean
  readonly mayAddReceipt: boolean
}

const dutyTitle = (version: string, code: string): string => {
  const exit = Effect.runSyncExit(findDuty(version, code))
  return Exit.isSuccess(exit) ? exit.value.title : code
}

const mayDecide = (user: User, r: ExpenseRequestTable): boolean =>
  (r.status === 'pending' && mayApproveExpense(actorOf(user), r.area_code)) ||
  (r.status === 'awaitingBureau' && user.role === 'bureauLeader')

const itemsOf = async (
  ctx: Context,
  user: User,
  rows: ReadonlyArray<ExpenseRequestTable>,
): Promise<ReadonlyArray<ExpenseItem>> => {
  const { deps } = ctx
  const ids = [
    ...new Set(rows.flatMap((r) => [r.requested_by, r.override_by].filter((x): x is string => x !== null))),
  ]
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await deps.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()
        ).map((u) => [u.id, u.display_name]),
  )
  const receipts =
    rows.length === 0
      ? []
      : await deps.db
          .selectFrom('expense_receipts')
          .select(['id', 'request_id', 'mime', 'bytes', 'uploaded_at'])
          .where(
            'request_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('uploaded_at')
          .execute()
  return rows.map((r) => ({
    id: r.id,
    officeCode: r.office_code,
    officeName: officeName(deps.org, r.office_code),
    areaCode: r.area_code,
    areaName: squadName(deps.org, r.area_code),
    year: r.year,
    amountFen: n(r.amount_fen),
    amountText: formatYuan(n(r.amount_fen)),
    category: r.category as ExpenseCategory,
    categoryLabel: EXPENSE_CATEGORIES[r.category as ExpenseCategory] ?? r.category,
    dutyCode: r.duty_code,
    dutyTitle: dutyTitle(r.duty_version, r.duty_code),
    purpose: r.purpose,
    requestedByName: names.get(r.requested_by) ?? '',
    requestedAt: r.requested_at,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    needsBureau: r.needs_bureau === 1,
    decisionNote: r.decision_note,
    overrideReason: r.override_reason,
    overrideByName: r.override_by ? (names.get(r.override_by) ?? '') : null,
    paidAt: r.paid_at,
    receipts: receipts
      .filter((x) => x.request_id === r.id)
      .map((x) => ({ id: x.id, mime: x.mime, bytes: x.bytes, uploadedAt: x.uploaded_at })),
    version: r.version,
    mayDecide: mayDecide(user, r),
    mayOverride: (r.status === 'pending' || r.status === 'awaitingBureau') && user.role === 'bureauLeader',
    mayPay: r.status === 'approved' && mayApproveExpense(actorOf(user), r.area_code),
    mayAddReceipt:
      r.status !== 'rejected' &&
      (r.requested_by === user.id || mayApproveExpense(actorOf(user), r.area_code)),
  }))
}

export const listExpenses = async (
  ctx: Context,
  user: User,
  input: { year: number; status?: ExpenseRequestTable['status'] | undefined },
): Promise<ReadonlyArray<ExpenseItem>> => {
  const scope = scopeOf(user)
  if (scope.kind === 'none') throw forbidden()
  let q = ctx.deps.db
    .selectFrom('expense_requests')
    .selectAll()
    .where('year', '=', input.year)
    .where(scopeWhere('expense_requests', scope))
  if (input.status) q = q.where('status', '=', input.status)
  return itemsOf(ctx, user, await q.orderBy('requested_at', 'desc').limit(500).execute())
}

const visible = async (ctx: Context, user: User, id: string): Promise<ExpenseRequestTable> => {
  const scope = scopeOf(user)
  if (scope.kind === 'none') throw forbidden()
  const row = await ctx.deps.db
    .selectFrom('expense_requests')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (row === undefined || !inScope(scope, row)) throw notFound('经费申请')
  return row
}

export const getExpense = async (ctx: Context, user: User, id: string): Promise<ExpenseItem> => {
  const [item] = await itemsOf(ctx, user, [await visible(ctx, user, id)])
  if (item === undefined) throw notFound('经费申请')
  return item
}

export interface NewExpense {
  readonly officeCode: string
  readonly year: number
  readonly amountFen: number
  readonly category: ExpenseCategory
  readonly dutyCode: string
  readonly purpose: string
}

/** A director requests for their own office; the squad leader for any office of the area. */
export const createExpense = async (
  ctx: Context,
  user: User,
  input: NewExpense,
): Promise<{ id: string; needsBureau: boolean }> => {
  const { deps, req } = ctx
  if (user.role !== 'officeDirector' && user.role !== 'squadLeader') throw forbidden()
  const money = checkFen(input.amountFen)
  if (Result.isFailure(money)) throw badInput('amountFen', money.failure.message)
  const office = deps.org.office(input.officeCode)
  const area = office ? deps.org.areaOfOffice(office.code) : null
  if (
    office === undefined ||
    area === null ||
    !inScope(scopeOf(user), { office_code: office.code, area_code: area })
  ) {
    throw notFound('司法所')
  }
  const duty = Effect.runSyncExit(findDuty(CURRENT_CATALOG_VERSION, input.dutyCode))
  if (!Exit.isSuccess(duty)) throw badInput('dutyCode', '职责事项不在职责清单中')
  const now = deps.clock()
  const id = newId()
  const needsBureau = needsBureauApproval(input.amountFen, deps.config.budgetBureauThresholdFen)
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('expense_requests')
      .values({
        id,
        office_code: office.code,
        area_code: area,
        year: input.year,
        amount_fen: input.amountFen,
        category: input.category,
        duty_version: CURRENT_CATALOG_VERSION,
        duty_code: duty.value.code,
        purpose: input.purpose,
        requested_by: user.id,
        requested_at: now.toISOString(),
        status: 'pending',
        needs_bureau: needsBureau ? 1 : 0,
        squad_decided_by: null,
        squad_decided_at: null,
        bureau_decided_by: null,
        bureau_decided_at: null,
        decision_note: null,
        override_by: null,
        override_reason: null,
        committed_at: null,
        paid_at: null,
        paid_by: null,
        version: 1,
      })
      .execute()
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'expense.create',
      unit: officeUnit(deps.org, office.code),
      subjectType: 'expense',
      subjectId: id,
      after: { ...input, needsBureau },
    })
  })
  return { id, needsBureau }
}

/**
 * Commits a request's amount against its area pool and its office line, in the caller's transaction.
 * Without an override the pool's remainder must cover it (one conditional UPDATE: concurrent approvals
 * cannot both pass). Returns false when the pool was short.
 */
const commitAmount = async (
  trx: Trx,
  r: ExpenseRequestTable,
  by: string,
  at: Date,
  override: boolean,
): Promise<boolean> => {
  const amount = n(r.amount_fen)
  await ensurePool(trx, r.area_code, r.year)
  let q = trx
    .updateTable('area_pools')
    .set({ committed_fen: sql`committed_fen + ${amount}` })
    .where('area_code', '=', r.area_code)
    .where('year', '=', r.year)
  if (!override) q = q.where(sql<SqlBool>`budget_fen - committed_fen - spent_fen >= ${amount}`)
  const moved = await q.executeTakeFirst()
  if (Number(moved.numUpdatedRows) !== 1) return false
  const line = await trx
    .updateTable('budget_lines')
    .set({ committed_fen: sql`committed_fen + ${amount}` })
    .where('office_code', '=', r.office_code)
    .where('year', '=', r.year)
    .executeTakeFirst()
  if (Number(line.numUpdatedRows) !== 1) {
    await trx
      .insertInto('budget_lines')
      .values({
        office_code: r.office_code,
        year: r.year,
        area_code: r.area_code,
        budget_fen: 0,
        committed_fen: amount,
        spent_fen: 0,
        updated_at: at.toISOString(),
        updated_by: by,
        version: 1,
      })
      .execute()
  }
  await movement(trx, {
    area: r.area_code,
    office: r.office_code,
    year: r.year,
    kind: 'commit',
    amount,
    requestId: r.id,
    by,
    at,
  })
  return true
}

/** The refusal of a short pool, read inside the refusing transaction (SQLite has one connection). */
const poolShort = async (trx: Trx, r: ExpenseRequestTable) => {
  const pool = await trx
    .selectFrom('area_pools')
    .selectAll()
    .where('area_code', '=', r.area_code)
    .where('year', '=', r.year)
    .executeTakeFirst()
  const left = n(pool?.budget_fen) - n(pool?.committed_fen) - n(pool?.spent_fen)
  return conflict(
    `辖区经费余额不足：可用 ${formatYuan(left)} 元，申请 ${formatYuan(n(r.amount_fen))} 元。如确需超支，须由局领导登记超支审批及理由`,
    'PoolExhausted',
  )
}

/**
 * The squad leader of the area approves or rejects (with a reason); above the threshold an approval moves
 * the request to the bureau (a bureau leader), whose approval commits it. A commit the pool cannot cover
 * is refused (CONFLICT PoolExhausted) and changes nothing.
 */
export const decideExpense = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; approve: boolean; reason?: string | undefined },
): Promise<{ status: ExpenseRequestTable['status']; statusLabel: string }> => {
  const { deps, req } = ctx
  if (user.role !== 'squadLeader' && user.role !== 'bureauLeader') throw forbidden()
  const r = await visible(ctx, user, input.id)
  if (!mayDecide(user, r)) {
    if (r.status === 'pending' || r.status === 'awaitingBureau')
      throw forbidden(r.status === 'pending' ? '应由辖区中队长先行审批' : '超过限额的申请须由局领导审批')
    throw conflict(`该申请当前为“${STATUS_LABELS[r.status]}”`, 'ExpenseStateInvalid')
  }
  if (!input.approve && !input.reason?.trim()) throw badInput('reason', '不批准时请填写理由')
  const now = deps.clock()
  const stage = r.status === 'pending' ? 'squad' : 'bureau'
  const next: ExpenseRequestTable['status'] = !input.approve
    ? 'rejected'
    : stage === 'squad' && r.needs_bureau === 1
      ? 'awaitingBureau'
      : 'approved'
  await deps.db.transaction().execute(async (trx) => {
    const patch =
      stage === 'squad'
        ? { squad_decided_by: user.id, squad_decided_at: now.toISOString() }
        : { bureau_decided_by: user.id, bureau_decided_at: now.toISOString() }
    const moved = await trx
      .updateTable('expense_requests')
      .set({
        ...patch,
        status: next,
        decision_note: input.reason?.trim() || null,
        version: input.version + 1,
        ...(next === 'approved' ? { committed_at: now.toISOString() } : {}),
      })
      .where('id', '=', r.id)
      .where('version', '=', input.version)
      .where('status', '=', r.status)
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('该申请已被他人处理，请刷新后重试')
    if (next === 'approved' && !(await commitAmount(trx, r, user.id, now, false)))
      throw await poolShort(trx, r)
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: input.approve ? 'expense.approve' : 'expense.reject',
      unit: officeUnit(deps.org, r.office_code),
      subjectType: 'expense',
      subjectId: r.id,
      before: { status: r.status, version: r.version },
      after: {
        status: next,
        version: input.version + 1,
        reason: input.reason ?? null,
        amountFen: n(r.amount_fen),
      },
    })
  })
  return { status: next, statusLabel: STATUS_LABELS[next] }
}

/** A bureau leader approves a request the pool cannot cover, with a recorded reason (超支审批). */
export const overrideExpense = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number; reason: string },
): Promise<{ ok: true }> => {
  const { deps, req } = ctx
  if (user.role !== 'bureauLeader') throw forbidden('超支审批只能由局领导登记')
  const r = await visible(ctx, user, input.id)
  if (r.status !== 'pending' && r.status !== 'awaitingBureau') {
    throw conflict(`该申请当前为“${STATUS_LABELS[r.status]}”`, 'ExpenseStateInvalid')
  }
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('expense_requests')
      .set({
        status: 'approved',
        bureau_decided_by: user.id,
        bureau_decided_at: now.toISOString(),
        override_by: user.id,
        override_reason: input.reason,
        committed_at: now.toISOString(),
        version: input.version + 1,
      })
      .where('id', '=', r.id)
      .where('version', '=', input.version)
      .where('status', 'in', ['pending', 'awaitingBureau'])
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('该申请已被他人处理，请刷新后重试')
    await commitAmount(trx, r, user.id, now, true)
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'expense.override',
      unit: officeUnit(deps.org, r.office_code),
      subjectType: 'expense',
      subjectId: r.id,
      before: { status: r.status, version: r.version },
      after: { status: 'approved', override: true, reason: input.reason, amountFen: n(r.amount_fen) },
    })
  })
  return { ok: true }
}

/** The squad leader records the payment: committed → spent on the pool and the office line. */
export const payExpense = async (
  ctx: Context,
  user: User,
  input: { id: string; version: number },
): Promise<{ ok: true }> => {
  const { deps, req } = ctx
  if (user.role !== 'squadLeader') throw forbidden()
  const r = await visible(ctx, user, input.id)
  if (!mayApproveExpense(actorOf(user), r.area_code)) throw forbidden()
  if (r.status !== 'approved')
    throw conflict(`该申请当前为“${STATUS_LABELS[r.status]}”，不能登记支付`, 'ExpenseStateInvalid')
  const amount = n(r.amount_fen)
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('expense_requests')
      .set({ status: 'paid', paid_at: now.toISOString(), paid_by: user.id, version: input.version + 1 })
      .where('id', '=', r.id)
      .where('version', '=', input.version)
      .where('status', '=', 'approved')
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) !== 1) throw conflict('该申请已被他人处理，请刷新后重试')
    const shift = {
      committed_fen: sql<number>`committed_fen - ${amount}`,
      spent_fen: sql<number>`spent_fen + ${amount}`,
    }
    await trx
      .updateTable('area_pools')
      .set(shift)
      .where('area_code', '=', r.area_code)
      .where('year', '=', r.year)
      .execute()
    await trx
      .updateTable('budget_lines')
      .set(shift)
      .where('office_code', '=', r.office_code)
      .where('year', '=', r.year)
      .execute()
    await movement(trx, {
      area: r.area_code,
      office: r.office_code,
      year: r.year,
      kind: 'spend',
      amount,
      requestId: r.id,
      by: user.id,
      at: now,
    })
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'expense.pay',
      unit: officeUnit(deps.org, r.office_code),
      subjectType: 'expense',
      subjectId: r.id,
      before: { status: 'approved' },
      after: { status: 'paid', amountFen: amount },
    })
  })
  return { ok: true }
}

// ── receipts ──

export const MAX_RECEIPT_BYTES = 2 * 1024 * 1024
const MAX_RECEIPTS = 9

/** Receipt type from magic bytes: a photo (JPEG, PNG, WebP) or a PDF (`%PDF-`). */
export const receiptMime = (bytes: Buffer): string | null =>
  imageMime(bytes) ??
  (bytes.length > 5 && bytes.toString('latin1', 0, 5) === '%PDF-' ? 'application/pdf' : null)

export const addReceipt = async (
  ctx: Context,
  user: User,
  input: { id: string; file: string },
): Promise<{ receiptId: string }> => {
  const { deps, req } = ctx
  const r = await visible(ctx, user, input.id)
  if (r.requested_by !== user.id && !mayApproveExpense(actorOf(user), r.area_code)) {
    throw forbidden('只有申请人或辖区中队长可以上传票据')
  }
  if (r.status === 'rejected') throw conflict('该申请未被批准，不能再上传票据', 'ExpenseStateInvalid')
  const bytes = Buffer.from(input.file, 'base64')
  if (bytes.length > MAX_RECEIPT_BYTES) throw badInput('file', '票据文件过大（不超过 2 MB）')
  const mime = receiptMime(bytes)
  if (mime === null) throw badInput('file', '票据只能是照片（JPEG、PNG、WebP）或 PDF 文件')
  const count = await deps.db
    .selectFrom('expense_receipts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('request_id', '=', r.id)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= MAX_RECEIPTS) throw badInput('file', `每笔申请最多上传 ${MAX_RECEIPTS} 张票据`)
  const now = deps.clock()
  const receiptId = newId()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('expense_receipts')
      .values({
        id: receiptId,
        request_id: r.id,
        mime,
        bytes: bytes.length,
        data: bytes.toString('base64'),
        uploaded_by: user.id,
        uploaded_at: now.toISOString(),
      })
      .execute()
    await appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'expense.receipt',
      unit: officeUnit(deps.org, r.office_code),
      subjectType: 'expense',
      subjectId: r.id,
      after: { receiptId, mime, bytes: bytes.length },
    })
  })
  return { receiptId }
}

/** A receipt, only for whoever may read its request. */
export const receipt = async (
  ctx: Context,
  user: User,
  id: string,
): Promise<{ mime: string; contentBase64: string }> => {
  const row = await ctx.deps.db
    .selectFrom('expense_receipts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  if (row === undefined) throw notFound('票据')
  await visible(ctx, user, row.request_id).catch(() => {
    throw notFound('票据')
  })
  return { mime: row.mime, contentBase64: row.data }
}

// ── export ──

export const exportLedger = async (
  ctx: Context,
  user: User,
  year: number,
): Promise<{ filename: string; contentBase64: string; rows: number }> => {
  const { deps, req } = ctx
  const l = await ledger(ctx, user, year)
  const requests = await listExpenses(ctx, user, { year })
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '平战'
  const yuan = (fen: number) => formatYuan(fen)
  const sheet = wb.addWorksheet('经费台账')
  sheet.columns = [
    { header: '单位', key: 'name', width: 16 },
    { header: '辖区', key: 'area', width: 12 },
    { header: '年度额度（元）', key: 'budget', width: 16 },
    { header: '已批准未支付（元）', key: 'committed', width: 18 },
    { header: '已支付（元）', key: 'spent', width: 16 },
    { header: '余额（元）', key: 'left', width: 16 },
  ]
  for (const a of l.areas) {
    sheet.addRow({
      name: `${a.name}辖区合计`,
      area: a.name,
      budget: yuan(a.budget),
      committed: yuan(a.committed),
      spent: yuan(a.spent),
      left: yuan(a.left),
    })
  }
  for (const o of l.offices) {
    sheet.addRow({
      name: o.name,
      area: o.areaName,
      budget: yuan(o.budget),
      committed: yuan(o.committed),
      spent: yuan(o.spent),
      left: yuan(o.left),
    })
  }
  sheet.getRow(1).font = { bold: true }
  const list = wb.addWorksheet('经费申请')
  list.columns = [
    { header: '申请时间', key: 'at', width: 17 },
    { header: '司法所', key: 'office', width: 14 },
    { header: '金额（元）', key: 'amount', width: 14 },
    { header: '类别', key: 'category', width: 14 },
    { header: '职责事项', key: 'duty', width: 24 },
    { header: '用途', key: 'purpose', width: 30 },
    { header: '申请人', key: 'by', width: 16 },
    { header: '状态', key: 'status', width: 16 },
    { header: '审批意见', key: 'note', width: 24 },
    { header: '超支审批理由', key: 'override', width: 24 },
  ]
  for (const r of requests) {
    list.addRow({
      at: chinaDateTimeOf(Date.parse(r.requestedAt)),
      office: r.officeName,
      amount: r.amountText,
      category: r.categoryLabel,
      duty: escapeCell(r.dutyTitle),
      purpose: escapeCell(r.purpose),
      by: escapeCell(r.requestedByName),
      status: r.statusLabel,
      note: escapeCell(r.decisionNote ?? ''),
      override: escapeCell(r.overrideReason ?? ''),
    })
  }
  list.getRow(1).font = { bold: true }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer())
  const now = deps.clock()
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.keys, {
      actor: auditActor(user),
      correlationId: req.correlationId,
      ip: req.ip,
      at: now,
      action: 'budget.export',
      unit: null,
      subjectType: 'budgetLine',
      subjectId: null,
      after: { year, rows: requests.length },
    }),
  )
  return {
    filename: `经费台账-${year}.xlsx`,
    contentBase64: buffer.toString('base64'),
    rows: requests.length,
  }
}
