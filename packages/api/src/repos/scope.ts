import type { RecordScope } from '@pingzhan/domain'
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Database } from '../db/types.ts'

/**
 * Turns the domain's RecordScope into a WHERE clause on a table with an office column and an area
 * (squad) column. `none` never reaches SQL: callers return an empty result or NOT_FOUND first.
 */
export const scopeWhere =
  <T extends 'intakes' | 'tasks' | 'mediation_cases' | 'task_counts'>(
    table: T,
    scope: Exclude<RecordScope, { kind: 'none' }>,
  ) =>
  (eb: ExpressionBuilder<Database, T>): Expression<SqlBool> => {
    const areaColumn = table === 'tasks' || table === 'task_counts' ? 'squad_code' : 'area_code'
    switch (scope.kind) {
      case 'all':
        return sql<SqlBool>`1 = 1`
      case 'office':
        return eb(sql.ref(`${table}.office_code`), '=', scope.office)
      case 'area':
        return eb(sql.ref(`${table}.${areaColumn}`), '=', scope.squad)
    }
  }
