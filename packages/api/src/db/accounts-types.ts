// Accounts and security administration (issue 13). Same conventions as types.ts.

export interface PasswordHistoryTable {
  id: string
  user_id: string
  password_hash: string
  changed_at: string
}

export type LoginLogKind = 'login' | 'failure' | 'lock' | 'refused' | 'logout' | 'forceLogout' | 'totpFailure'

/** Sign-ins and sign-outs (who, when, IP, user agent), kept apart from the operation audit. */
export interface LoginLogTable {
  id: string
  at: string
  kind: LoginLogKind
  user_id: string | null
  /** as typed at login (an unknown name is logged as typed, cut to 64 characters) */
  username: string
  display_name: string | null
  ip: string | null
  user_agent: string | null
  reason: string | null
  /** force logout: the administrator who ended the session */
  by_user_id: string | null
  by_name: string | null
}

export interface SettingTable {
  key: string
  value_json: string
  updated_at: string
  updated_by: string
}

export interface AccountsTables {
  password_history: PasswordHistoryTable
  login_log: LoginLogTable
  settings: SettingTable
}
