//! The JS module's exports (`pkg/`, built by `wasm-bindgen --target web`): `check` and the
//! `Check` handle, `rules()`, `version()`.

use js_sys::{Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::js::{self, Browser};
use super::objects;
use crate::engine::{check_owned_in, Checked, OwnedInputs};
use crate::error::{Error, Problem};
use crate::export::ExportFormat;
use crate::report::view::{self, AccountFindings, Query};
use crate::vocab::FileKind;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "CheckInput")]
    pub type CheckInput;
    #[wasm_bindgen(typescript_type = "ExportOptions")]
    pub type ExportOptions;
    #[wasm_bindgen(typescript_type = "Report")]
    pub type ReportObject;
    #[wasm_bindgen(typescript_type = "Assignment[]")]
    pub type AssignmentObjects;
    #[wasm_bindgen(typescript_type = "Finding[]")]
    pub type FindingObjects;
    #[wasm_bindgen(typescript_type = "Member[]")]
    pub type MemberObjects;
    #[wasm_bindgen(typescript_type = "Record<Code, RuleInfo>")]
    pub type RuleTable;
    #[wasm_bindgen(typescript_type = "Words")]
    pub type WordTable;
    #[wasm_bindgen(typescript_type = "Group[]")]
    pub type GroupList;
    #[wasm_bindgen(typescript_type = "Query")]
    pub type QueryObject;
    #[wasm_bindgen(typescript_type = "AccountFacts")]
    pub type AccountFactsObject;
    #[wasm_bindgen(typescript_type = "Picked")]
    pub type PickedObject;
}

/// Checks one upgrade. Throws an `Error` naming the file when an input cannot be read.
#[wasm_bindgen]
pub fn check(input: CheckInput) -> Result<Check, JsValue> {
    js::guard()?;
    let input: JsValue = input.into();
    if !input.is_object() {
        return Err(js::js_err(Error::call(Problem::InputNotObject {})));
    }
    let options = js::options(&input)?;
    let exmail = js::required(&input, FileKind::Exmail)?;
    // Optional here: the core refuses its absence on path `bind` (`wecom-required`).
    let wecom = js::bytes(&input, FileKind::Wecom)?;
    let roster = js::bytes(&input, FileKind::Roster)?;
    let progress = Reflect::get(&input, &JsValue::from_str("onProgress"))
        .ok()
        .and_then(|f| f.dyn_into().ok());
    // A check's memory besides its inputs comes to about 3.2× their size (1M accounts: 541 MB
    // over 169 MB of CSV, BENCHMARKS.md run 8): reserving 3× grows memory once for most of it
    // and never past what the check needs (5× reserved 845 MB at 1M, more than it used).
    super::heap::reserve(3 * (exmail.len() + wecom.as_ref().map_or(0, Vec::len)));
    // Handed over: the copies made from JS become the tables' text.
    let inputs = OwnedInputs {
        exmail,
        wecom,
        roster,
    };
    let checked =
        check_owned_in(&mut Browser { progress }, inputs, &options).map_err(js::js_err)?;
    Ok(Check {
        checked,
        accounts: None,
    })
}

/// A finished check. Its memory lives in wasm until `free()` is called.
#[wasm_bindgen]
pub struct Check {
    checked: Checked,
    /// Each account's findings, made when first asked for.
    accounts: Option<AccountFindings>,
}

#[wasm_bindgen]
impl Check {
    /// The report as a plain object (built by `compact.js`), messages in the check's `lang`.
    pub fn report(&self) -> Result<ReportObject, JsValue> {
        js::guard()?;
        Ok(objects::report_object(&self.checked.report).unchecked_into())
    }

    /// The report without its lists (`assignments` and `findings` are `[]`): the summary and
    /// how each file was read, without making an object per account. A page takes its rows
    /// from `assignmentsAt`, a group's findings from `findingsAt`.
    pub fn head(&self) -> Result<ReportObject, JsValue> {
        js::guard()?;
        js_sys::JSON::parse(&self.checked.report.head_json()).map(JsCast::unchecked_into)
    }

    /// The assignments at these indexes (of `report().assignments`, in that order; from
    /// `filter`, or a page such as 0..50), as `report()` has them.
    #[wasm_bindgen(js_name = assignmentsAt)]
    pub fn assignments_at(&self, indexes: &[u32]) -> Result<AssignmentObjects, JsValue> {
        js::guard()?;
        let count = self.checked.report.assignments.len();
        check_indexes("assignments", indexes, count)?;
        let lists = objects::lists_object(&self.checked.report, indexes, &[]);
        Ok(Reflect::get(&lists, &"assignments".into())?.unchecked_into())
    }

    /// The findings at these indexes (of `report().findings`; from `groups` or `findingsOf`),
    /// as `report()` has them.
    #[wasm_bindgen(js_name = findingsAt)]
    pub fn findings_at(&self, indexes: &[u32]) -> Result<FindingObjects, JsValue> {
        js::guard()?;
        let count = self.checked.report.findings.len();
        check_indexes("findings", indexes, count)?;
        let lists = objects::lists_object(&self.checked.report, &[], indexes);
        Ok(Reflect::get(&lists, &"findings".into())?.unchecked_into())
    }

    /// The WeCom members, in file order, with the mailbox each gets (for a member picker;
    /// kept out of the report so the report stays the size of the exmail file).
    pub fn members(&self) -> Result<MemberObjects, JsValue> {
        js::guard()?;
        Ok(objects::members_object(&self.checked).unchecked_into())
    }

    /// The report as JSON text: byte-identical to the command line's `--report` file.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self) -> Result<String, JsValue> {
        js::guard()?;
        Ok(self.checked.report.to_json())
    }

    /// The 邮箱名单 to import: `{ format: "csv" | "xlsx" }` (CSV: UTF-8 with a BOM).
    #[wasm_bindgen(js_name = exportRoster)]
    pub fn export_roster(&self, options: Option<ExportOptions>) -> Result<Vec<u8>, JsValue> {
        js::guard()?;
        let (format, _) =
            js::format_of(options, &[ExportFormat::Csv, ExportFormat::Xlsx], "roster")?;
        self.checked.export_roster(format).map_err(js::js_err)
    }

    /// The findings with their rows: `{ format: "csv" | "xlsx" | "json", lang? }` (the check's
    /// language unless `lang` says).
    #[wasm_bindgen(js_name = exportReport)]
    pub fn export_report(&self, options: Option<ExportOptions>) -> Result<Vec<u8>, JsValue> {
        js::guard()?;
        let allowed = [ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Json];
        let (format, lang) = js::format_of(options, &allowed, "report")?;
        let lang = lang.unwrap_or(self.checked.report.lang);
        self.checked
            .export_findings_in(format, lang)
            .map_err(js::js_err)
    }

    /// Every finding's message in `lang`, in report order: switching language needs no second
    /// check.
    pub fn messages(&self, lang: &str) -> Result<Vec<String>, JsValue> {
        js::guard()?;
        let lang = js::lang_of(lang)?;
        Ok(self
            .checked
            .report
            .findings
            .iter()
            .map(|f| f.message(lang))
            .collect())
    }

    /// The findings grouped by code, errors first, titles in `lang` (the check's by default).
    pub fn groups(&self, lang: Option<String>) -> Result<GroupList, JsValue> {
        js::guard()?;
        let lang = lang.map_or(Ok(self.checked.report.lang), |l| js::lang_of(&l))?;
        Ok(objects::groups_object(&view::groups(&self.checked.report), lang).unchecked_into())
    }

    /// The assignments a table filter keeps, as indexes into `report().assignments`.
    pub fn filter(&mut self, query: Option<QueryObject>) -> Result<Uint32Array, JsValue> {
        js::guard()?;
        let query = query
            .map(JsValue::from)
            .filter(|q| !q.is_undefined() && !q.is_null());
        let query: Query = match query {
            Some(q) => Query::from_json(&js::json_of(q)).map_err(|e| {
                let detail = format!("filter: {e}");
                js::js_err(Error::call(Problem::OptionsInvalid { detail }))
            })?,
            None => Query::default(),
        };
        self.accounts_facts();
        let accounts = self
            .accounts
            .as_ref()
            .ok_or_else(|| JsValue::from_str("accounts"))?;
        let kept = view::filter(&self.checked.report, accounts, &query);
        Ok(Uint32Array::from(&kept[..]))
    }

    /// Per assignment, how many findings name it and the worst of them.
    pub fn accounts(&mut self) -> Result<AccountFactsObject, JsValue> {
        js::guard()?;
        let facts = self.accounts_facts();
        let worst: Vec<u8> = facts
            .worst
            .iter()
            .map(|w| w.map_or(3, |s| s as u8))
            .collect();
        let object = js_sys::Object::new();
        let _ = Reflect::set(
            &object,
            &"count".into(),
            &Uint32Array::from(&facts.count[..]),
        );
        let _ = Reflect::set(&object, &"worst".into(), &Uint8Array::from(&worst[..]));
        Ok(JsValue::from(object).unchecked_into())
    }

    /// The findings naming `email`, as indexes into `report().findings`.
    #[wasm_bindgen(js_name = findingsOf)]
    pub fn findings_of(&mut self, email: &str) -> Result<Uint32Array, JsValue> {
        js::guard()?;
        Ok(Uint32Array::from(self.accounts_facts().of(email)))
    }

    /// Members to pick for an account: those matching `q`, free ones first, `name`'s namesakes
    /// suggested first; at most `limit`.
    #[wasm_bindgen(js_name = pickMembers)]
    pub fn pick_members(&self, q: &str, name: &str, limit: u32) -> Result<PickedObject, JsValue> {
        js::guard()?;
        let list = view::picker_list(&self.checked.report, &self.checked.members());
        let (total, members) = view::pick(&list, q, name, limit as usize);
        Ok(objects::picked_object(total, &members).unchecked_into())
    }

    /// What a support desk needs to help, as JSON text: codes, counts, file shapes, options —
    /// no address, name, phone, userid, enterprise name or domain (`crate::support`).
    #[wasm_bindgen(js_name = supportSummary)]
    pub fn support_summary(&self) -> Result<String, JsValue> {
        js::guard()?;
        Ok(crate::support::summary(&self.checked))
    }
}

/// Refuses an index past the end of a list of `count`.
fn check_indexes(list: &'static str, indexes: &[u32], count: usize) -> Result<(), JsValue> {
    match indexes.iter().find(|&&i| i as usize >= count) {
        Some(&index) => Err(js::js_err(Error::call(Problem::IndexOutOfRange {
            list,
            index,
            count: count as u32,
        }))),
        None => Ok(()),
    }
}

impl Check {
    fn accounts_facts(&mut self) -> &AccountFindings {
        let report = &self.checked.report;
        self.accounts
            .get_or_insert_with(|| AccountFindings::new(report))
    }
}

/// Panics on purpose, so tests can check that a bug surfaces as an `Error`, not a trap.
#[doc(hidden)]
#[allow(clippy::panic)] // the point of it
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests() -> Result<(), JsValue> {
    js::guard()?;
    panic!("panic requested by a test")
}

/// The rule catalogue: code → `RuleInfo` in catalogue order (severity, path, and each
/// language's message template, fix and title, with the names of its arguments).
#[wasm_bindgen]
pub fn rules() -> RuleTable {
    objects::rules_object().unchecked_into()
}

/// The labels of the shared words (features in use, fields, evidence, types, severities,
/// member states, files, paths) in every language: what a host shows for a code.
#[wasm_bindgen]
pub fn words() -> WordTable {
    objects::words_object().unchecked_into()
}

/// The crate's version, for bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    crate::report::ENGINE_VERSION.to_string()
}
