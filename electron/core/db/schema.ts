import type { Generated } from 'kysely';

/**
 * Kysely's view of the database, one interface per table. Column names are the SQL names
 * (snake_case); repositories map rows to the camelCase DTOs of the contract.
 * Every record table has a UUIDv7 text key and UTC ISO-8601 timestamps.
 */
export interface RecordColumns {
  id: string;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}

export interface CouncilTable extends RecordColumns {
  name: string;
  municipality: string;
  default_addressee: string;
  postal_address: string;
  logo_data_url: string;
  response_term_weeks: number;
  kenmerk_pattern: string;
}

export interface SignatoryTable extends RecordColumns {
  council_id: string;
  position: number;
  name: string;
  role: string;
}

/** Settings of this installation (not council data): the current user's name and the like. */
export interface AppSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface WijkTable extends RecordColumns {
  name: string;
  /** Case-folded name, unique: "Noord" and "noord" are the same wijk. */
  name_key: string;
  code: string;
  description: string;
}

/** Who changed what and when: before/after as JSON of the row (null for create/delete). */
export interface AuditLogTable {
  id: string;
  at: string;
  user_name: string;
  table_name: string;
  record_id: string;
  action: 'create' | 'update' | 'delete' | 'trash' | 'restore' | 'purge';
  before_json: string | null;
  after_json: string | null;
}

/** One row per privacy purge: how many rows of which tables, never their content. */
export interface PrivacyPurgeLogTable {
  id: string;
  purged_at: string;
  purged_by: string;
  older_than: string;
  retention_months: number;
  counts_json: string;
}

export interface Database {
  council: CouncilTable;
  signatories: SignatoryTable;
  app_settings: AppSettingTable;
  wijken: WijkTable;
  audit_log: AuditLogTable;
  privacy_purge_log: PrivacyPurgeLogTable;
}

// Keeps Generated importable for tables that add auto-increment columns later.
export type { Generated };
