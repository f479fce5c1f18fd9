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

export interface WijkteamTable extends RecordColumns {
  name: string;
  name_key: string;
  /** JSON array of strings. */
  organisations_json: string;
  /** JSON array of strings. */
  disciplines_json: string;
  contact: string;
  active_from: string | null;
  active_to: string | null;
  /** In the trash since (reliability/trash.ts). */
  deleted_at: string | null;
}

export interface WijkteamWijkTable {
  wijkteam_id: string;
  wijk_id: string;
}

export interface CriteriaFrameworkTable extends RecordColumns {
  name: string;
  name_key: string;
  description: string;
  source: string;
  builtin_key: string | null;
}

export interface CriterionTable extends RecordColumns {
  framework_id: string;
  position: number;
  name: string;
  description: string;
  source: string;
  measure_type: 'score' | 'traffic_light' | 'count' | 'percentage';
  direction: 'higher_better' | 'lower_better';
  target: number | null;
  retired_at: string | null;
}

export interface AssessmentTable extends RecordColumns {
  wijkteam_id: string;
  criterion_id: string;
  period_key: string;
  value: number;
  evidence: string;
  sources: string;
  assessed_by: string;
  assessed_on: string;
}

export interface AssessmentVersionTable {
  id: string;
  assessment_id: string;
  value: number;
  evidence: string;
  sources: string;
  assessed_by: string;
  assessed_on: string;
  valid_from: string;
  valid_until: string;
  changed_by: string;
}

export interface AssessmentFindingTable {
  assessment_id: string;
  finding_id: string;
  position: number;
}

export interface AdviceItemAssessmentTable {
  item_id: string;
  assessment_id: string;
  position: number;
}

// --- Bijeenkomsten en inbreng (migration 0002_meetings) ---

export type MeetingFormat = 'wijkbijeenkomst' | 'expertmeeting' | 'inloopuur' | 'thematafels' | 'anders';
export type FindingSource = 'plenair' | 'thematafel' | 'babbelbox' | 'email' | 'enquete' | 'anders';

/** A named series of meetings (programma / reeks). */
export interface ProgrammeTable extends RecordColumns {
  name: string;
  /** Case-folded name, unique. */
  name_key: string;
  description: string;
}

export interface MeetingTable extends RecordColumns {
  title: string;
  programme_id: string | null;
  /** YYYY-MM-DD */
  meeting_date: string;
  /** HH:MM or '' */
  start_time: string;
  end_time: string;
  location: string;
  format: MeetingFormat;
  attendee_count: number | null;
  organiser: string;
  notes: string;
  /** In the trash since (UTC ISO); null: not in the trash. Migration 0011. */
  deleted_at: string | null;
  /** 1: the notes hold personal data (left out of reports for others, emptied by a retention purge). */
  notes_contain_personal_data: number;
}

/** Which wijken a meeting covers; a wijk in use here cannot be deleted. */
export interface MeetingWijkTable {
  meeting_id: string;
  wijk_id: string;
}

/** A thematafel of a meeting. */
export interface ThemeTableTable extends RecordColumns {
  meeting_id: string;
  position: number;
  theme: string;
  facilitator: string;
}

/** A bevinding (piece of input). `seq` is the rowid the full-text index findings_fts points at. */
export interface FindingTable extends RecordColumns {
  seq: Generated<number>;
  text: string;
  meeting_id: string | null;
  theme_table_id: string | null;
  theme: string;
  source: FindingSource;
  wijk_id: string | null;
  /** YYYY-MM-DD: the day the input was given. */
  finding_date: string;
  /** 0 or 1: "bevat persoonsgegevens". */
  contains_personal_data: number;
  /** 0 = no mark, 1 = laag, 2 = middel, 3 = hoog. */
  priority: number;
  votes: number;
  /** In the trash since (UTC ISO); null: not in the trash. Migration 0011. */
  deleted_at: string | null;
  /** Copy of the meeting's deleted_at, kept by triggers (migration 0011); never written by the app. */
  meeting_deleted_at: string | null;
}

export interface FindingTagTable {
  finding_id: string;
  tag: string;
  /** Case-folded tag. */
  tag_key: string;
}

/** A group of findings that say the same thing. The counts are maintained by triggers. */
export interface SignalTable extends RecordColumns {
  title: string;
  description: string;
  priority: number;
  votes: number;
  finding_count: Generated<number>;
  meeting_count: Generated<number>;
  wijk_count: Generated<number>;
}

export interface SignalFindingTable {
  signal_id: string;
  finding_id: string;
  created_at: string;
  created_by: string;
}

export interface AdviceRequestTable extends RecordColumns {
  received_on: string;
  from_whom: string;
  subject: string;
  kenmerk: string;
  deadline: string;
  documents_json: string;
  notes: string;
}

export interface AdviceTable extends RecordColumns {
  kind: 'gevraagd' | 'ongevraagd';
  betreft: string;
  kenmerk: string;
  /** Case-folded kenmerk, unique: "WMO-2026-001" and "wmo-2026-001" are the same letter. */
  kenmerk_key: string;
  sequence_year: number | null;
  sequence_number: number | null;
  request_id: string | null;
  addressee: string;
  advice_date: string;
  status: 'concept' | 'vastgesteld' | 'verzonden';
  adopted_on: string | null;
  sent_on: string | null;
  version: number;
  opening_text: string;
  closing_text: string;
  signatories_json: string;
  cc_json: string;
  /** In the trash since (reliability/trash.ts); never set on a sent advice. */
  deleted_at: string | null;
  /** Archived since: only a sent advice; it leaves the default list but keeps counting everywhere. */
  archived_at: string | null;
}

export interface AdviceReferenceTable {
  advice_id: string;
  referenced_advice_id: string;
  position: number;
}

export interface AdviceSectionTable extends RecordColumns {
  advice_id: string;
  position: number;
  title: string;
  numbering: 'decimaal' | 'romeins' | 'geen';
}

export interface AdviceItemTable extends RecordColumns {
  advice_id: string;
  section_id: string;
  position: number;
  kind: 'bevinding' | 'conclusie' | 'aanbeveling' | 'overig';
  text: string;
  show_mentions: number;
}

export interface AdviceItemRelationTable {
  item_id: string;
  related_item_id: string;
  position: number;
}

export interface AdviceMeetingTable {
  advice_id: string;
  meeting_id: string;
  position: number;
}

export interface AdviceItemFindingTable {
  item_id: string;
  finding_id: string;
  position: number;
}

export interface AdviceItemSignalTable {
  item_id: string;
  signal_id: string;
  position: number;
}

export interface AdviceVersionTable {
  id: string;
  advice_id: string;
  version: number;
  sent_on: string;
  snapshot_json: string;
  docx: Uint8Array;
  docx_sha256: string;
  created_at: string;
  created_by: string;
}

/** The archived PDF/A-2b of a sent version (migration 0016), append-only. */
export interface AdviceVersionPdfTable {
  version_id: string;
  pdf: Uint8Array;
  pdf_sha256: string;
  created_at: string;
  created_by: string;
}

export interface AdviceFollowupTable {
  advice_id: string;
  state: 'reactie_ontvangen' | 'afgerond';
  changed_at: string;
  changed_by: string;
}

export interface AdviceStatusLogTable {
  id: Generated<number>;
  advice_id: string;
  from_status: string | null;
  to_status: string;
  changed_at: string;
  changed_by: string;
}

export interface AdviceResponseTable extends RecordColumns {
  advice_id: string;
  received_on: string;
  kenmerk: string;
  summary: string;
  attachment_name: string | null;
  /** File name inside `bijlagen/` beside the database. */
  attachment_file: string | null;
  attachment_media_type: string | null;
  attachment_size: number | null;
  attachment_sha256: string | null;
}

export interface RecommendationPositionTable extends RecordColumns {
  item_id: string;
  advice_id: string;
  position: 'overgenomen' | 'deels_overgenomen' | 'niet_overgenomen' | 'wordt_onderzocht' | 'geen_standpunt';
  college_text: string;
  assessment: 'tevreden' | 'niet_tevreden' | 'verder_bespreken' | null;
  notes: string;
}

export interface CommitmentTable extends RecordColumns {
  advice_id: string;
  description: string;
  owner: string;
  due_on: string;
  status: 'open' | 'lopend' | 'nagekomen' | 'niet_nagekomen' | 'vervallen';
  notes: string;
}

export interface CommitmentRecommendationTable {
  commitment_id: string;
  item_id: string;
}

export interface FollowupEntryTable extends RecordColumns {
  advice_id: string;
  item_id: string | null;
  commitment_id: string | null;
  entry_on: string;
  who: string;
  text: string;
  contains_personal_data: number;
}

/** Openbaar maken (0014): whether a sent advice is published, and if not, why. */
export interface AdvicePublicationTable {
  advice_id: string;
  is_public: number;
  woo_ground: string | null;
  reason: string;
  published_on: string | null;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}

export interface OverdueSeenTable {
  key: string;
  seen_on: string;
}

export interface CouncilMemberTable extends RecordColumns {
  name: string;
  role: 'voorzitter' | 'vicevoorzitter' | 'secretaris' | 'lid' | 'aspirant' | 'adviseur';
  background: string;
  email: string;
  phone: string;
  follows: string;
  term_start: string;
  term_end: string;
  term_number: number;
  left_on: string | null;
}

export interface CouncilMemberPositionTable extends RecordColumns {
  member_id: string;
  description: string;
  declared_on: string;
}

export interface CouncilMeetingTable extends RecordColumns {
  meeting_date: string;
  start_time: string;
  place: string;
  guests: string;
}

export interface CouncilAttendanceTable {
  meeting_id: string;
  member_id: string;
  present: number;
}

export interface CouncilAgendaItemTable extends RecordColumns {
  meeting_id: string;
  position: number;
  title: string;
  request_id: string | null;
  advice_id: string | null;
  response_id: string | null;
  monitoring_period: string;
  notes: string;
}

export interface CouncilDecisionTable extends RecordColumns {
  agenda_item_id: string;
  text: string;
  adopted_advice_id: string | null;
}

export interface CouncilActionTable extends RecordColumns {
  description: string;
  owner_id: string;
  due_on: string;
  status: 'open' | 'afgerond' | 'vervallen';
  closed_on: string | null;
  meeting_id: string;
  agenda_item_id: string | null;
}

export interface CouncilPlanningItemTable extends RecordColumns {
  year: number;
  month: number;
  kind: 'adviesaanvraag' | 'eigen_onderwerp';
  title: string;
  source: string;
  notes: string;
  request_id: string | null;
}

export type AccountRoleColumn = 'beheerder' | 'secretaris' | 'voorzitter' | 'lid' | 'alleen_lezen';

export interface AccountTable extends RecordColumns {
  /** Lower case: the name a member signs in with (usually an e-mail address). */
  login: string;
  name: string;
  role: AccountRoleColumn;
  /** scrypt's own string (electron/core/accounts/passwords.ts); never logged, never returned. */
  password_hash: string;
  disabled_at: string | null;
}

export interface AccountSessionTable {
  /** SHA-256 of the cookie's secret. */
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AccountInvitationTable {
  token_hash: string;
  name: string;
  login: string;
  role: AccountRoleColumn;
  created_at: string;
  created_by: string;
  expires_at: string;
  accepted_at: string | null;
  account_id: string | null;
}

export interface Database {
  accounts: AccountTable;
  account_sessions: AccountSessionTable;
  account_invitations: AccountInvitationTable;
  council: CouncilTable;
  signatories: SignatoryTable;
  app_settings: AppSettingTable;
  wijken: WijkTable;
  audit_log: AuditLogTable;
  privacy_purge_log: PrivacyPurgeLogTable;
  wijkteams: WijkteamTable;
  wijkteam_wijken: WijkteamWijkTable;
  criteria_frameworks: CriteriaFrameworkTable;
  criteria: CriterionTable;
  assessments: AssessmentTable;
  assessment_versions: AssessmentVersionTable;
  assessment_findings: AssessmentFindingTable;
  advice_item_assessments: AdviceItemAssessmentTable;
  programmes: ProgrammeTable;
  meetings: MeetingTable;
  meeting_wijken: MeetingWijkTable;
  theme_tables: ThemeTableTable;
  findings: FindingTable;
  finding_tags: FindingTagTable;
  signals: SignalTable;
  signal_findings: SignalFindingTable;
  advice_requests: AdviceRequestTable;
  advices: AdviceTable;
  advice_references: AdviceReferenceTable;
  advice_sections: AdviceSectionTable;
  advice_items: AdviceItemTable;
  advice_item_relations: AdviceItemRelationTable;
  advice_meetings: AdviceMeetingTable;
  advice_item_findings: AdviceItemFindingTable;
  advice_item_signals: AdviceItemSignalTable;
  advice_versions: AdviceVersionTable;
  advice_version_pdfs: AdviceVersionPdfTable;
  advice_followup: AdviceFollowupTable;
  advice_status_log: AdviceStatusLogTable;
  advice_responses: AdviceResponseTable;
  recommendation_positions: RecommendationPositionTable;
  commitments: CommitmentTable;
  commitment_recommendations: CommitmentRecommendationTable;
  followup_entries: FollowupEntryTable;
  overdue_seen: OverdueSeenTable;
  advice_publication: AdvicePublicationTable;
  council_members: CouncilMemberTable;
  council_member_positions: CouncilMemberPositionTable;
  council_meetings: CouncilMeetingTable;
  council_attendance: CouncilAttendanceTable;
  council_agenda_items: CouncilAgendaItemTable;
  council_decisions: CouncilDecisionTable;
  council_actions: CouncilActionTable;
  council_planning_items: CouncilPlanningItemTable;
}

// Keeps Generated importable for tables that add auto-increment columns later.
export type { Generated };
