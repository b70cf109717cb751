//! The plain JS objects the module hands out: `report()` and `members()` from their compact
//! form (`compact.rs`), built by `compact.js` — the lists cross as views of wasm memory and their
//! strings as two texts (ASCII and the rest), each decoded once — and the catalogue and the
//! finding groups.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::compact::{compact, compact_lists, compact_members};
use crate::engine::Checked;
use crate::report::view::{Group, Pick};
use crate::report::Report;
use crate::rules::{Confirm, RULES};
use crate::vocab::{
    AssignmentType, Feature, Field, FileKind, Lang, MatchedBy, Severity, Status, UpgradePath,
};

#[wasm_bindgen(module = "/src/wasm/compact.js")]
extern "C" {
    #[wasm_bindgen(js_name = buildReport)]
    fn build_report(
        head: &str,
        narrow: &str,
        narrow_ends: &[u32],
        wide: &str,
        wide_ends: &[u32],
        assignments: &[u32],
        findings: &[u32],
        args: &str,
    ) -> JsValue;

    #[wasm_bindgen(js_name = buildLists)]
    fn build_lists(
        narrow: &str,
        narrow_ends: &[u32],
        wide: &str,
        wide_ends: &[u32],
        assignments: &[u32],
        findings: &[u32],
        args: &str,
    ) -> JsValue;

    #[wasm_bindgen(js_name = buildMembers)]
    fn build_members(
        narrow: &str,
        narrow_ends: &[u32],
        wide: &str,
        wide_ends: &[u32],
        members: &[u32],
    ) -> JsValue;
}

/// The report as a plain JS object, equal to `JSON.parse(report.to_json())`.
pub(super) fn report_object(report: &Report) -> JsValue {
    let c = compact(report);
    build_report(
        &c.head,
        &c.narrow,
        &c.narrow_ends,
        &c.wide,
        &c.wide_ends,
        &c.assignments,
        &c.findings,
        &c.args,
    )
}

/// The assignments and findings at these indexes (checked by the caller) as the plain objects of
/// `report()`: `{ assignments, findings }`.
pub(super) fn lists_object(report: &Report, accounts: &[u32], findings: &[u32]) -> JsValue {
    let c = compact_lists(
        report,
        accounts.len(),
        accounts
            .iter()
            .filter_map(|&i| report.assignments.get(i as usize)),
        findings.len(),
        findings.iter().map(|&i| &report.findings[i as usize]),
    );
    build_lists(
        &c.narrow,
        &c.narrow_ends,
        &c.wide,
        &c.wide_ends,
        &c.assignments,
        &c.findings,
        &c.args,
    )
}

/// The members as plain JS objects, equal to `JSON.parse` of their JSON.
pub(super) fn members_object(checked: &Checked) -> JsValue {
    let (members, count) = checked.member_views();
    let c = compact_members(members, count);
    build_members(&c.narrow, &c.narrow_ends, &c.wide, &c.wide_ends, &c.members)
}

fn set(object: &JsValue, key: &str, value: JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value);
}

/// `{ zh, "zh-TW", en }`.
fn texts(texts: &[&str; 3]) -> JsValue {
    let object = JsValue::from(js_sys::Object::new());
    for &lang in Lang::ALL {
        set(
            &object,
            lang.as_str(),
            JsValue::from_str(texts[lang as usize]),
        );
    }
    object
}

/// The catalogue: code → `RuleInfo`, in catalogue order.
pub(super) fn rules_object() -> JsValue {
    let table = JsValue::from(js_sys::Object::new());
    for (order, rule) in RULES.iter().enumerate() {
        let entry = JsValue::from(js_sys::Object::new());
        set(&entry, "order", JsValue::from(order as u32));
        set(
            &entry,
            "severity",
            JsValue::from_str(rule.severity.as_str()),
        );
        set(&entry, "path", JsValue::from_str(rule.path.as_str()));
        set(&entry, "guide", JsValue::from_bool(rule.from_guide));
        let confirm = rule.confirm != Confirm::No;
        set(&entry, "confirm", JsValue::from_bool(confirm));
        let [zh, _, en] = rule.message;
        let [fix_zh, _, fix_en] = rule.fix;
        set(&entry, "zh", JsValue::from_str(zh));
        set(&entry, "en", JsValue::from_str(en));
        set(&entry, "fix_zh", JsValue::from_str(fix_zh));
        set(&entry, "fix_en", JsValue::from_str(fix_en));
        set(&entry, "message", texts(&rule.message));
        set(&entry, "fix", texts(&rule.fix));
        set(&entry, "title", texts(&rule.title));
        let args: js_sys::Array = rule.args.iter().map(|a| JsValue::from_str(a)).collect();
        set(&entry, "args", args.into());
        set(&table, rule.name, entry);
    }
    table
}

/// The groups as plain objects, titles in `lang`.
pub(super) fn groups_object(groups: &[Group], lang: Lang) -> JsValue {
    let list = js_sys::Array::new();
    for g in groups {
        let entry = JsValue::from(js_sys::Object::new());
        set(&entry, "code", JsValue::from_str(g.code.as_str()));
        set(&entry, "severity", JsValue::from_str(g.severity.as_str()));
        set(&entry, "count", JsValue::from(g.findings.len() as u32));
        set(
            &entry,
            "title",
            JsValue::from_str(g.code.rule().title[lang as usize]),
        );
        let findings: js_sys::Array = g.findings.iter().map(|&i| JsValue::from(i)).collect();
        set(&entry, "findings", findings.into());
        set(&entry, "rows", JsValue::from_bool(g.rows));
        set(&entry, "accounts", JsValue::from_bool(g.accounts));
        list.push(&entry);
    }
    list.into()
}

/// `{ total, members }` for the member picker.
pub(super) fn picked_object(total: usize, members: &[Pick]) -> JsValue {
    let list = js_sys::Array::new();
    for m in members {
        let entry = JsValue::from(js_sys::Object::new());
        set(&entry, "userid", JsValue::from_str(&m.userid));
        set(&entry, "name", JsValue::from_str(&m.name));
        set(&entry, "department", JsValue::from_str(&m.department));
        set(&entry, "status", JsValue::from_str(m.status));
        let taken = m.taken.as_deref().map_or(JsValue::NULL, JsValue::from_str);
        set(&entry, "taken", taken);
        set(&entry, "suggested", JsValue::from_bool(m.suggested));
        list.push(&entry);
    }
    let object = JsValue::from(js_sys::Object::new());
    set(&object, "total", JsValue::from(total as u32));
    set(&object, "members", list.into());
    object
}

/// `{ code: { zh, "zh-TW", en } }` for every value of a vocabulary word.
fn labels<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
) -> JsValue {
    let table = JsValue::from(js_sys::Object::new());
    for &value in all {
        let texts = [Lang::Zh, Lang::ZhTw, Lang::En].map(|l| label(value, l));
        set(&table, code(value), self::texts(&texts));
    }
    table
}

/// The vocabulary's labels in every language: features, fields, evidence, types, severities,
/// member states, files and paths.
pub(super) fn words_object() -> JsValue {
    let words = JsValue::from(js_sys::Object::new());
    set(
        &words,
        "feature",
        labels(Feature::ALL, Feature::as_str, Feature::label),
    );
    set(
        &words,
        "field",
        labels(Field::ALL, Field::as_str, Field::label),
    );
    set(
        &words,
        "matched_by",
        labels(MatchedBy::ALL, MatchedBy::as_str, MatchedBy::label),
    );
    set(
        &words,
        "type",
        labels(
            AssignmentType::ALL,
            AssignmentType::as_str,
            AssignmentType::label,
        ),
    );
    set(
        &words,
        "severity",
        labels(Severity::ALL, Severity::as_str, Severity::label),
    );
    set(
        &words,
        "status",
        labels(Status::ALL, Status::as_str, Status::label),
    );
    set(
        &words,
        "file",
        labels(FileKind::ALL, FileKind::as_str, FileKind::label),
    );
    set(
        &words,
        "path",
        labels(UpgradePath::ALL, UpgradePath::as_str, UpgradePath::label),
    );
    words
}
