//! `report()` for the JS module: the report's compact form ([`crate::report::compact`]) handed
//! to `compact.js`, which builds the plain object. The lists cross as views of wasm memory and
//! their strings as one string, decoded once.

use wasm_bindgen::prelude::*;

use crate::report::compact::compact;
use crate::report::Report;

#[wasm_bindgen(module = "/src/report/compact.js")]
extern "C" {
    #[wasm_bindgen(js_name = buildReport)]
    fn build_report(
        head: &str,
        text: &str,
        ends: &[u32],
        assignments: &[u32],
        findings: &[u32],
    ) -> JsValue;
}

/// The report as a plain JS object, equal to `JSON.parse(report.to_json())`.
pub(crate) fn report_object(report: &Report) -> JsValue {
    let c = compact(report);
    build_report(&c.head, &c.text, &c.ends, &c.assignments, &c.findings)
}
