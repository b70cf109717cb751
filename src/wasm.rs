//! The JS module (`pkg/`, built by `wasm-bindgen --target web`): a thin shell over [`crate::check`].
//!
//! ```js
//! import init, { check } from "./pkg/roster_check.js";
//! await init();
//! const run = check({ exmail: bytes, wecom: bytes, roster: null, options: {} });
//! const report = run.report();
//! const file = run.exportRoster({ format: "xlsx" });
//! run.free();
//! ```
//!
//! - Input bytes cross into wasm memory once (one copy each); the engine only borrows them.
//! - The result stays in wasm memory behind the handle; exports never send the report back.
//! - `report()` is built by a little JS (`src/report/compact.js`) from numbers and one string
//!   made in wasm, not as thousands of objects built one property at a time across the
//!   boundary, nor by `JSON.parse` of the report's JSON (several times slower).
//! - Every failure is a thrown JS `Error` whose message names the file (or `options`) and the
//!   cause, with the error's `file`, `code`, `row`, `args` and `messages` ({ zh, en }) as own
//!   properties ([`js_error`]). A bug in the engine (a Rust panic) is also turned into an
//!   `Error` by a panic hook, never an `unreachable` trap; the instance is then refused for
//!   further use, since the panicking call's stack was abandoned mid-way: load the module
//!   again (a new Worker).
//!
//! The TypeScript declarations below ship in `pkg/roster_check.d.ts`; `tests/ts_types.rs`
//! checks them against the Rust types, so the two cannot drift apart.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{ArgValue, Error, Problem};
use crate::export::ExportFormat;
use crate::ingest::decode::LegacyDecodeError;
use crate::options::{Lang, Options};
use crate::report::FileKind;
use crate::{check_with_progress, Checked, Inputs, Stage};

// Kept in one raw string: `tests/ts_types.rs` reads it from this file by the markers
// `TS-BEGIN` / `TS-END`, so keep them.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
// TS-BEGIN
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

export type Stage = "read" | "records" | "match" | "rules" | "report" | "done";

export type UpgradePath = "new" | "bind";
export type Lang = "zh" | "en";
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
}

export type FileKind = "exmail" | "wecom" | "roster" | "options";
export type AssignmentType = "member" | "other" | "unassigned";
export type MatchedBy = "wechat_id" | "biz_mail" | "email" | "mobile" | "roster" | "override" | "path_new";
export type Severity = "error" | "warning" | "info";
export type Code =
  | "unassigned-account" | "unknown-account" | "member-not-in-wecom" | "listed-as-both"
  | "target-is-paid" | "target-mail-deleted" | "quota-exceeded" | "wecom-api-email-param"
  | "both-contacts-apis" | "department-backup-rules" | "department-settings"
  | "feature-dropped" | "feature-pending" | "irreversible" | "enterprise-name"
  | "other-mailbox-login" | "wecom-member-no-mailbox" | "do-not-edit-contacts"
  | "missing-column" | "email-invalid" | "email-duplicate" | "email-foreign-domain"
  | "userid-duplicate" | "userid-invalid" | "member-inactive" | "ambiguous-key"
  | "member-claimed-twice" | "name-mismatch" | "mobile-invalid" | "mobile-mangled"
  | "mobile-duplicate" | "roster-disagrees" | "disabled-account" | "wecom-empty" | "alias-listed"
  | "alias-collision" | "column-guessed" | "role-mailbox" | "not-migrated"
  | "sheet-chosen" | "digits-lost" | "formula-no-value";

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
}

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
  field: string | null;
  value: string | null;
  email: string | null;
  message: string;
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
  status: "active" | "disabled" | "left" | "not_activated" | "unknown";
  /** The exmail address that becomes this member's mailbox, if any. */
  mailbox: string | null;
}

/** One rule of the catalogue (`rules()`): its messages are templates with `{name}` slots. */
export interface RuleInfo {
  order: number;
  severity: Severity;
  path: "both" | "new" | "bind";
  /** From the upgrade guide (true) or a data-quality rule of our own. */
  guide: boolean;
  zh: string;
  en: string;
  fix_zh: string;
  fix_en: string;
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
  messages: { zh: string; en: string };
}

export type ErrorCode =
  | "file-empty" | "not-text" | "text-undecodable" | "encoding-invalid" | "encoding-not-built-in"
  | "workbook-encrypted"
  | "encoding-not-in-host" | "spreadsheet-unsupported" | "file-unreadable" | "file-too-large"
  | "too-many-columns" | "cell-too-large" | "unclosed-quote" | "no-sheet" | "file-blank"
  | "no-data-rows" | "header-row-missing" | "column-not-found" | "wecom-required"
  | "options-invalid" | "feature-unknown" | "encoding-unknown" | "column-field-unknown"
  | "input-not-object" | "file-missing" | "file-is-text" | "file-bytes-type"
  | "export-format-unknown" | "internal-error" | "instance-unusable" | "roster-format-json"
  | "xlsx-output-unavailable" | "roster-template-no-address" | "roster-template-sheets"
  | "xlsx-too-many-rows" | "xlsx-too-many-columns" | "xlsx-too-large" | "export-failed";

/** The report (JSON `version: 1`). */
export interface Report {
  version: 1;
  summary: Summary;
  assignments: Assignment[];
  findings: Finding[];
  inputs: InputsInfo;
}
// TS-END
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "CheckInput")]
    pub type CheckInput;
    #[wasm_bindgen(typescript_type = "ExportOptions")]
    pub type ExportOptions;
    #[wasm_bindgen(typescript_type = "Report")]
    pub type ReportObject;
    #[wasm_bindgen(typescript_type = "Member[]")]
    pub type MemberList;
    #[wasm_bindgen(typescript_type = "Record<Code, RuleInfo>")]
    pub type RuleTable;
}

#[wasm_bindgen]
extern "C" {
    /// The host's WHATWG decoder: GB18030 and the other legacy encodings are decoded by it, so
    /// the wasm does not carry their tables.
    type TextDecoder;
    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, input: &[u8], options: &JsValue) -> Result<String, JsValue>;
}

/// The core's [`crate::ingest::decode::LegacyDecoder`], by the host:
/// `new TextDecoder(name, { fatal: true }).decode(bytes, { stream })`.
fn host_decode(name: &str, bytes: &[u8], stream: bool) -> Result<String, LegacyDecodeError> {
    let flag = |key: &str, value: bool| {
        let object = js_sys::Object::new();
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_bool(value));
        JsValue::from(object)
    };
    let decoder =
        TextDecoder::new(name, &flag("fatal", true)).map_err(|_| LegacyDecodeError::Unsupported)?;
    decoder
        .decode(bytes, &flag("stream", stream))
        .map_err(|_| LegacyDecodeError::Malformed)
}

/// Set once a panic escaped: the abandoned call may have left state half-changed.
static POISONED: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

fn install_panic_hook() {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            POISONED.store(true, Ordering::SeqCst);
            let detail = info.to_string();
            // Throwing unwinds the wasm stack as a JS exception: the caller gets an Error
            // instead of `RuntimeError: unreachable`.
            wasm_bindgen::throw_val(js_error(&Error::call(Problem::Internal { detail })));
        }));
    });
}

fn guard() -> Result<(), JsValue> {
    install_panic_hook();
    if POISONED.load(Ordering::SeqCst) {
        return Err(js_error(&Error::call(Problem::InstanceUnusable {})));
    }
    Ok(())
}

/// The JS `Error` for `e`: `message` is the English text of earlier versions (embedders match
/// on it); own properties `file`, `code`, `row` (`undefined` when unknown), `args` (a plain
/// object) and `messages` ({ zh, en }: the sentence a person reads, in each language).
fn js_error(e: &Error) -> JsValue {
    let error = js_sys::Error::new(&e.to_string());
    let set = |object: &JsValue, key: &str, value: JsValue| {
        let _ = Reflect::set(object, &JsValue::from_str(key), &value);
    };
    let file = e
        .file()
        .map_or(JsValue::NULL, |f| JsValue::from_str(f.as_str()));
    set(&error, "file", file);
    set(&error, "code", JsValue::from_str(e.code()));
    set(
        &error,
        "row",
        e.row().map_or(JsValue::UNDEFINED, JsValue::from),
    );
    let args = JsValue::from(js_sys::Object::new());
    for (name, value) in e.args() {
        let value = match value {
            ArgValue::Number(n) => JsValue::from_f64(n as f64),
            ArgValue::Text(s) => JsValue::from_str(&s),
            ArgValue::List(items) => items
                .iter()
                .map(|s| JsValue::from_str(s))
                .collect::<js_sys::Array>()
                .into(),
        };
        set(&args, name, value);
    }
    set(&error, "args", args);
    let messages = JsValue::from(js_sys::Object::new());
    set(&messages, "zh", JsValue::from_str(&e.message(Lang::Zh)));
    set(&messages, "en", JsValue::from_str(&e.message(Lang::En)));
    set(&error, "messages", messages);
    error.into()
}

fn js_err(e: Error) -> JsValue {
    js_error(&e)
}

/// Reads one input's bytes (one copy into wasm memory). `None` when absent (null/undefined).
fn bytes(input: &JsValue, file: FileKind) -> Result<Option<Vec<u8>>, JsValue> {
    let value = Reflect::get(input, &JsValue::from_str(file.as_str()))
        .map_err(|_| js_err(Error::input(file, "could not be read from the input")))?;
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    if let Some(array) = value.dyn_ref::<Uint8Array>() {
        return Ok(Some(array.to_vec()));
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(Some(Uint8Array::new(buffer).to_vec()));
    }
    let problem = match value.is_string() {
        true => Problem::FileIsText {},
        false => Problem::FileBytesType {
            got: value.js_typeof().as_string().unwrap_or_default(),
        },
    };
    Err(js_err(Error::refused(file, problem)))
}

fn required(input: &JsValue, file: FileKind) -> Result<Vec<u8>, JsValue> {
    bytes(input, file)?
        .ok_or_else(|| js_err(Error::refused(file, Problem::FileMissing { input: file })))
}

fn options(input: &JsValue) -> Result<Options, JsValue> {
    let value = Reflect::get(input, &JsValue::from_str("options")).unwrap_or(JsValue::UNDEFINED);
    if value.is_null() || value.is_undefined() {
        return Ok(Options::default());
    }
    // Through a JSON value, so the options are read exactly as the command line reads its JSON:
    // unknown fields are refused (serde-wasm-bindgen alone reads only the known ones, so a typo
    // such as `advancedQuota` would pass silently).
    let invalid = |detail: String| js_err(Error::options(Problem::OptionsInvalid { detail }));
    let json: serde_json::Value =
        serde_wasm_bindgen::from_value(value).map_err(|e| invalid(e.to_string()))?;
    serde_json::from_value(json).map_err(|e| invalid(e.to_string()))
}

/// The options, with the host decoding legacy encodings for every file.
fn with_host_decoder(mut options: Options) -> Options {
    for read in [
        &mut options.exmail_file,
        &mut options.wecom_file,
        &mut options.roster_file,
    ] {
        read.legacy_decoder = Some(host_decode);
    }
    options
}

fn format_of(
    args: Option<ExportOptions>,
    allowed: &[ExportFormat],
    what: &'static str,
) -> Result<ExportFormat, JsValue> {
    let Some(args) = args
        .map(JsValue::from)
        .filter(|v| !v.is_null() && !v.is_undefined())
    else {
        return Ok(ExportFormat::Csv);
    };
    let format = Reflect::get(&args, &JsValue::from_str("format")).unwrap_or(JsValue::UNDEFINED);
    if format.is_undefined() || format.is_null() {
        return Ok(ExportFormat::Csv);
    }
    let name = format.as_string().unwrap_or_default();
    match ExportFormat::parse(&name) {
        Some(f) if allowed.contains(&f) => Ok(f),
        _ => Err(js_err(Error::call(Problem::ExportFormatUnknown {
            what,
            allowed: allowed
                .iter()
                .map(|f| format!("\"{}\"", name_of(*f)))
                .collect(),
            got: name_or_type(&format, &name),
        }))),
    }
}

fn name_of(f: ExportFormat) -> &'static str {
    match f {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Json => "json",
    }
}

fn name_or_type(value: &JsValue, name: &str) -> String {
    if value.is_string() {
        name.to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// Checks one upgrade. Throws an `Error` naming the file when an input cannot be read.
#[wasm_bindgen]
pub fn check(input: CheckInput) -> Result<Check, JsValue> {
    guard()?;
    let input: JsValue = input.into();
    if !input.is_object() {
        return Err(js_err(Error::call(Problem::InputNotObject {})));
    }
    let options = with_host_decoder(options(&input)?);
    let exmail = required(&input, FileKind::Exmail)?;
    // Optional here: the core refuses its absence on path `bind` (`wecom-required`).
    let wecom = bytes(&input, FileKind::Wecom)?;
    let roster = bytes(&input, FileKind::Roster)?;
    let progress = Reflect::get(&input, &JsValue::from_str("onProgress"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    crate::wasm_heap::reserve(5 * (exmail.len() + wecom.as_ref().map_or(0, Vec::len)));
    let inputs = Inputs {
        exmail: &exmail,
        wecom: wecom.as_deref(),
        roster: roster.as_deref(),
    };
    let mut on_stage = |stage: Stage| {
        if let Some(f) = &progress {
            // A throwing callback must not stop the check; its error is the caller's own.
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(stage.as_str()));
        }
    };
    let checked = check_with_progress(&inputs, &options, &mut on_stage).map_err(js_err)?;
    Ok(Check { checked })
}

/// A finished check. Its memory lives in wasm until `free()` is called.
#[wasm_bindgen]
pub struct Check {
    checked: Checked,
}

#[wasm_bindgen]
impl Check {
    /// The report as a plain object (built by `src/report/compact.js`).
    pub fn report(&self) -> Result<ReportObject, JsValue> {
        guard()?;
        Ok(crate::wasm_report::report_object(&self.checked.report).unchecked_into())
    }

    /// The WeCom members, in file order, with the mailbox each gets (for a member picker;
    /// kept out of the report so the report stays the size of the exmail file).
    pub fn members(&self) -> Result<MemberList, JsValue> {
        guard()?;
        Ok(crate::wasm_report::members_object(&self.checked).unchecked_into())
    }

    /// The report as JSON text: byte-identical to the command line's `--report` file.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self) -> Result<String, JsValue> {
        guard()?;
        Ok(self.checked.report.to_json())
    }

    /// The 邮箱名单 to import: `{ format: "csv" | "xlsx" }` (CSV: UTF-8 with a BOM).
    #[wasm_bindgen(js_name = exportRoster)]
    pub fn export_roster(&self, options: Option<ExportOptions>) -> Result<Vec<u8>, JsValue> {
        guard()?;
        let format = format_of(options, &[ExportFormat::Csv, ExportFormat::Xlsx], "roster")?;
        self.checked.export_roster(format).map_err(js_err)
    }

    /// The findings with their rows: `{ format: "csv" | "xlsx" | "json" }`.
    #[wasm_bindgen(js_name = exportReport)]
    pub fn export_report(&self, options: Option<ExportOptions>) -> Result<Vec<u8>, JsValue> {
        guard()?;
        let format = format_of(
            options,
            &[ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Json],
            "report",
        )?;
        self.checked.export_findings(format).map_err(js_err)
    }
}

/// Panics on purpose, so tests can check that a bug surfaces as an `Error`, not a trap.
#[doc(hidden)]
#[allow(clippy::panic)] // the point of it
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests() -> Result<(), JsValue> {
    guard()?;
    panic!("panic requested by a test")
}

/// The rule catalogue, for a host that shows findings: code → `{ order, severity, path, guide,
/// zh, en, fix_zh, fix_en }` in catalogue order — the object `www/rules.js` holds, taken from
/// the wasm that already carries these texts (a page can drop its own copy).
#[wasm_bindgen]
pub fn rules() -> RuleTable {
    let set = |object: &JsValue, key: &str, value: JsValue| {
        let _ = Reflect::set(object, &JsValue::from_str(key), &value);
    };
    let table = JsValue::from(js_sys::Object::new());
    for (order, rule) in crate::RULES.iter().enumerate() {
        let entry = JsValue::from(js_sys::Object::new());
        set(&entry, "order", JsValue::from(order as u32));
        set(
            &entry,
            "severity",
            JsValue::from_str(rule.severity.as_str()),
        );
        let path = match rule.path {
            crate::rules::RulePath::Both => "both",
            crate::rules::RulePath::New => "new",
            crate::rules::RulePath::Bind => "bind",
        };
        set(&entry, "path", JsValue::from_str(path));
        set(&entry, "guide", JsValue::from_bool(rule.from_guide));
        set(&entry, "zh", JsValue::from_str(rule.zh));
        set(&entry, "en", JsValue::from_str(rule.en));
        set(&entry, "fix_zh", JsValue::from_str(rule.fix_zh));
        set(&entry, "fix_en", JsValue::from_str(rule.fix_en));
        set(&table, rule.name, entry);
    }
    table.unchecked_into()
}

/// The crate's version, for bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
