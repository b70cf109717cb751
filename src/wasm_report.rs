//! `report()` and `members()` for the JS module: their compact form
//! ([`crate::report::compact`]) handed to `compact.js`, which builds the plain objects. The lists
//! cross as views of wasm memory and their strings as two strings (ASCII and the rest), each
//! decoded once.

use wasm_bindgen::prelude::*;

use crate::engine::Checked;
use crate::report::compact::{compact, compact_members};
use crate::report::Report;

#[wasm_bindgen(module = "/src/report/compact.js")]
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
pub(crate) fn report_object(report: &Report) -> JsValue {
    let c = compact(report);
    build_report(
        &c.head,
        &c.narrow,
        &c.narrow_ends,
        &c.wide,
        &c.wide_ends,
        &c.assignments,
        &c.findings,
    )
}

/// The members as plain JS objects, equal to `JSON.parse` of their JSON.
pub(crate) fn members_object(checked: &Checked) -> JsValue {
    let (members, count) = checked.member_views();
    let c = compact_members(members, count);
    build_members(&c.narrow, &c.narrow_ends, &c.wide, &c.wide_ends, &c.members)
}
