/** What `check` reads. Bytes are a `Uint8Array` (a Node `Buffer` is one) or an `ArrayBuffer`. */
export interface CheckInput {
  /** The Exmail account list (CSV/TSV in UTF-8, GB18030 or UTF-16, or XLSX). */
  exmail: Uint8Array | ArrayBuffer;
  /**
   * The target WeCom contacts: required on path "bind" (else `wecom-required`); on path "new"
   * there is no WeCom yet, so it may be null or absent.
   */
  wecom?: Uint8Array | ArrayBuffer | null;
  /** A 邮箱名单 downloaded from the upgrade wizard: the output keeps its layout. */
  roster?: Uint8Array | ArrayBuffer | null;
  options?: Options | null;
  /** Called as each stage starts: "read", "records", "match", "rules", "report", then "done". */
  onProgress?: ((stage: Stage) => void) | null;
}


export type Override = { type: "member"; userid: string } | { type: "other" };

/** How to read one file; everything is guessed from content unless set here. */
export interface ReadOptions {
  /** `utf-8`, `gbk`, `gb18030`, `utf-16le`, `utf-16be`, or any WHATWG label. */
  encoding?: string | null;
  /** Worksheet name (by default the active tab if it is a visible worksheet, else the first visible one). */
  sheet?: string | null;
  /** 1-based row of the header (found by content by default). */
  header_row?: number | null;
  /** Field (`email`, `name`, `mobile`, `wechat_id`, …) → header text, column number or letter. */
  columns?: Record<string, string>;
}

export interface Limits {
  max_input_bytes?: number;
  max_rows?: number;
  max_columns?: number;
  max_cell_bytes?: number;
  max_xlsx_inflated_bytes?: number;
}

/** The upgrade context (names as in the JSON contract); every field is optional. */
export interface Options {
  path?: UpgradePath;
  advanced_quota?: number | null;
  target_paid?: boolean;
  wecom_api_email_param?: boolean;
  exmail_contacts_api?: boolean;
  wecom_contacts_api?: boolean;
  department_backup_rules?: boolean;
  features_in_use?: string[];
  enterprise_name?: string | null;
  domains?: string[];
  overrides?: Record<string, Override>;
  lang?: Lang;
  exmail_file?: ReadOptions;
  wecom_file?: ReadOptions;
  roster_file?: ReadOptions;
  limits?: Limits;
}

export type ExportFormat = "csv" | "xlsx" | "json";
export interface ExportOptions {
  /** Roster: "csv" (default) or "xlsx". Report: "csv" (default), "xlsx" or "json". */
  format?: ExportFormat;
  /** Report only: the language of its labels and messages (the check's by default). */
  lang?: Lang | null;
}


export interface Summary {
  accounts: number;
  member: number;
  other: number;
  unassigned: number;
  wecom_members: number;
  errors: number;
  warnings: number;
  infos: number;
  /** No error findings: the wizard should accept the roster. */
  importable: boolean;
  /**
   * Findings that leave the roster to be confirmed (rules with `RuleInfo.confirm`), less those
   * about an account settled by hand (`matched_by: "override"`).
   */
  confirm: number;
  /**
   * What to tell the admin: `importable` (no error, nothing to confirm), `confirm` (no error,
   * but `confirm` findings rest on a guess) or `not-importable` (an error finding).
   */
  verdict: Verdict;
}

/** `Summary.verdict`. */
export type Verdict = "importable" | "confirm" | "not-importable";

/** One exmail account and where it goes. */
export interface Assignment {
  /** Trimmed and lower-cased. */
  email: string;
  type: AssignmentType;
  userid: string | null;
  matched_by: MatchedBy | null;
  /** The key value that made the match. */
  evidence: string | null;
  /** 1-based row in the exmail file. */
  row: number;
  name: string;
  wecom_name: string | null;
}

export interface Finding {
  code: Code;
  severity: Severity;
  file: FileKind | null;
  /** 1-based row as a spreadsheet shows it. */
  row: number | null;
  field: Field | null;
  value: string | null;
  email: string | null;
  /** In the check's `lang`; `Check.messages(lang)` says every finding in another. */
  message: string;
  /** The typed arguments of its rule's message (`FindingArgs[code]`), as plain values. */
  args: FindingArgs[Code];
}

/** How one input file was read. */
export interface InputInfo {
  format: string;
  encoding: string | null;
  sheet: string | null;
  header_row: number | null;
  headers: string[];
  /** [field, header] pairs. */
  columns: [string, string][];
  rows: number;
  /**
   * Columns read for what their cells hold rather than their header, and unread columns that
   * look like phones or addresses (each also a `column-guessed` finding): open the mapping.
   */
  guessed: GuessedColumn[];
}

/** A column recognised by its content. */
export interface GuessedColumn {
  /** Spreadsheet letter ("B"). */
  column: string;
  header: string;
  /** The field it is read as; null: it is not read. */
  field: string | null;
  looks_like: "email" | "mobile" | "type";
}

export interface InputsInfo {
  exmail: InputInfo;
  /** null: no WeCom file (path "new"). */
  wecom: InputInfo | null;
  roster: InputInfo | null;
}

/** One WeCom member, for picking a member by hand (`Check.members()`). */
export interface Member {
  userid: string;
  name: string;
  /** 1-based row in the WeCom file. */
  row: number;
  department: string;
  status: MemberStatus;
  /** The exmail address that becomes this member's mailbox, if any. */
  mailbox: string | null;
}

/** A text in each language. */
export type Texts = Record<"zh" | "zh-TW" | "en", string>;

/**
 * One rule of the catalogue (`rules()`). Its message is a template: `{name}` is the argument of
 * that name (`Finding.args`), `{email}` and `{value}` the finding's own; `Check.messages(lang)`
 * gives every finding filled in.
 */
export interface RuleInfo {
  order: number;
  severity: Severity;
  path: "both" | "new" | "bind";
  /** From the upgrade guide (true) or a data-quality rule of our own. */
  guide: boolean;
  /**
   * Its findings leave the roster to be confirmed (`Summary.confirm`): how a file was read
   * (every finding), or a doubtful match (a finding naming an account not settled by hand).
   */
  confirm: boolean;
  zh: string;
  en: string;
  fix_zh: string;
  fix_en: string;
  message: Texts;
  fix: Texts;
  /** A heading for a group of such findings. */
  title: Texts;
  /** The names of its arguments, in order. */
  args: string[];
}

/** The labels of the shared words in every language (`words()`). */
export interface Words {
  feature: Record<Feature, Texts>;
  field: Record<Field, Texts>;
  matched_by: Record<MatchedBy, Texts>;
  type: Record<AssignmentType, Texts>;
  severity: Record<Severity, Texts>;
  status: Record<MemberStatus, Texts>;
  file: Record<FileKind, Texts>;
  path: Record<UpgradePath, Texts>;
}

/** A filter of the accounts (`Check.filter`); every part is optional. */
export interface Query {
  type?: AssignmentType | null;
  /** An evidence, or "none": accounts no evidence placed. */
  matched_by?: MatchedBy | "none" | "" | null;
  /** Only accounts with an error or a warning. */
  has_findings?: boolean;
  /** Text in the address, name, userid, WeCom name or evidence (ignoring case). */
  q?: string;
  /** Only accounts a finding of this code names. */
  code?: Code | null;
}

/** The findings of one code (`Check.groups`), errors first, then in catalogue order. */
export interface Group {
  code: Code;
  severity: Severity;
  count: number;
  /** `rules()[code].title` in the check's language. */
  title: string;
  /** Indexes into `report().findings`. */
  findings: number[];
  /** Some finding names a row / an account. */
  rows: boolean;
  accounts: boolean;
}

/** What a page shows of each account (`Check.accounts`), in report order. */
export interface AccountFacts {
  /** Per assignment: how many findings name it. */
  count: Uint32Array;
  /** Per assignment: its worst finding, 0 error, 1 warning, 2 info, 3 none. */
  worst: Uint8Array;
}

/** A member to pick for an account (`Check.pickMembers`). */
export interface Pick {
  userid: string;
  name: string;
  department: string;
  /** "" for a userid the WeCom file lacks (named by an override or the roster). */
  status: MemberStatus | "";
  /** The address whose mailbox this member already is. */
  taken: string | null;
  /** Named like the account: a hint, never a match. */
  suggested: boolean;
}

export interface Picked {
  /** How many members match in all. */
  total: number;
  members: Pick[];
}

/**
 * What `check` and the exports throw: an `Error` whose `message` is the English text of earlier
 * versions, with these own properties.
 */
export interface CheckError extends Error {
  /** The input it is about; `null` for the call itself or an export. */
  file: FileKind | null;
  code: ErrorCode;
  /** 1-based spreadsheet row, when known. */
  row: number | undefined;
  /** The message's arguments by name (`line`, `row`, `column`, `format`, …). */
  args: Record<string, string | number | string[]>;
  /** The whole sentence a person reads: the file, the row and field where known, the cause, what to do. */
  messages: Texts;
}


/** The engine that wrote a report. */
export interface Engine {
  name: "roster-check";
  version: string;
}

/** The report (JSON `version: 1`). */
export interface Report {
  version: 1;
  /** The engine that wrote it (`version` is Cargo's, the npm package's): the same inputs give
   * byte-identical reports from the same engine version. */
  engine: Engine;
  summary: Summary;
  assignments: Assignment[];
  findings: Finding[];
  inputs: InputsInfo;
}
