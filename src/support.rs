//! The support summary: what a reseller's support desk needs to help with a check, and nothing
//! that names a person or the organisation.
//!
//! In it: the engine's version; the counts; each finding code with its severity and count;
//! each file's shape (format, encoding, rows, header row, which fields were found and how — by
//! the alias table, by content, or mapped in the options — and the columns guessed, by letter);
//! the options as booleans, numbers and codes, and how many overrides of each kind.
//!
//! Never in it: a cell, a header, a sheet name, a message (messages quote cells), an address, a
//! name, a phone, a userid, a WeChat id, the enterprise name or the mail domains. The domains
//! identify the organisation as surely as its name: they are left out, not hashed (a hash of a
//! domain is a lookup away from the domain). Sheet names and headers are text people type (a
//! sheet called after the company): only whether a sheet or a mapping was given is said.

use serde_json::{json, Map, Value};

use crate::engine::Checked;
use crate::options::{Options, Override, ReadOptions};
use crate::report::view;
use crate::report::InputInfo;
use crate::vocab::MatchedBy;

/// The summary as JSON text.
pub fn summary(checked: &Checked) -> String {
    let report = &checked.report;
    let options = checked.options();
    let codes: Vec<Value> = view::groups(report)
        .iter()
        .map(|g| {
            json!({
                "code": g.code.as_str(),
                "severity": g.severity.as_str(),
                "count": g.findings.len(),
            })
        })
        .collect();
    let mut matched_by = Map::new();
    for &by in MatchedBy::ALL {
        let n = report
            .assignments
            .iter()
            .filter(|a| a.matched_by == Some(by))
            .count();
        matched_by.insert(by.as_str().to_string(), json!(n));
    }
    let none = report.assignments.iter().filter(|a| a.matched_by.is_none());
    matched_by.insert("none".into(), json!(none.count()));
    let files = json!({
        "exmail": file(Some(&report.inputs.exmail), &options.exmail_file),
        "wecom": file(report.inputs.wecom.as_ref(), &options.wecom_file),
        "roster": file(report.inputs.roster.as_ref(), &options.roster_file),
    });
    let value = json!({
        "version": 1,
        "engine": { "name": "roster-check", "version": env!("CARGO_PKG_VERSION") },
        "summary": serde_json::to_value(&report.summary).unwrap_or(Value::Null),
        "matched_by": matched_by,
        "codes": codes,
        "files": files,
        "options": context(options),
    });
    value.to_string()
}

/// How one file was read, without a cell of it.
fn file(info: Option<&InputInfo>, read: &ReadOptions) -> Value {
    let Some(info) = info else {
        return Value::Null;
    };
    let fields: Map<String, Value> = info
        .columns
        .iter()
        .map(|(field, _header)| {
            let how = if read.columns.contains_key(field) {
                "option"
            } else if info.guessed.iter().any(|g| g.field == Some(field.as_str())) {
                "content"
            } else {
                "alias"
            };
            (field.clone(), json!(how))
        })
        .collect();
    let guessed: Vec<Value> = info
        .guessed
        .iter()
        .map(|g| json!({ "column": g.column, "field": g.field, "looks_like": g.looks_like }))
        .collect();
    json!({
        "format": info.format,
        "encoding": info.encoding,
        "sheet": info.sheet.as_ref().map(|_| match read.sheet {
            Some(_) => "given",
            None => "default",
        }),
        "header_row": info.header_row,
        "columns": info.headers.len(),
        "rows": info.rows,
        "fields": fields,
        "guessed": guessed,
        "given": {
            "encoding": read.encoding.is_some(),
            "sheet": read.sheet.is_some(),
            "header_row": read.header_row.is_some(),
            "columns": read.columns.len(),
        },
    })
}

/// The upgrade context: booleans, numbers and codes only.
fn context(o: &Options) -> Value {
    let members = o
        .overrides
        .values()
        .filter(|d| matches!(d, Override::Member { .. }))
        .count();
    json!({
        "path": o.path.as_str(),
        "lang": o.lang.as_str(),
        "advanced_quota": o.advanced_quota,
        "target_paid": o.target_paid,
        "wecom_api_email_param": o.wecom_api_email_param,
        "exmail_contacts_api": o.exmail_contacts_api,
        "wecom_contacts_api": o.wecom_contacts_api,
        "department_backup_rules": o.department_backup_rules,
        "features_in_use": o.features().map(|f| f.as_str()).collect::<Vec<_>>(),
        "enterprise_name_given": o.enterprise_name.as_deref().is_some_and(|n| !n.trim().is_empty()),
        "domains_given": o.domains.len(),
        "overrides": { "member": members, "other": o.overrides.len() - members },
        "limits_default": o.limits == crate::options::Limits::default(),
    })
}
