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

use std::fmt::Write as _;

use crate::engine::Checked;
use crate::options::{Limits, Options, Override, ReadOptions};
use crate::report::view;
use crate::report::{escape_json, InputInfo};
use crate::vocab::MatchedBy;

/// A JSON object written field by field (no JSON tree in the wasm for this).
struct Object<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> Object<'o> {
    fn open(out: &'o mut String) -> Object<'o> {
        out.push('{');
        Object { out, first: true }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if !std::mem::replace(&mut self.first, false) {
            self.out.push(',');
        }
        escape_json(self.out, key);
        self.out.push(':');
        self.out
    }

    fn num(&mut self, key: &str, n: u64) {
        let out = self.key(key);
        let _ = write!(out, "{n}");
    }

    fn opt_num(&mut self, key: &str, n: Option<u64>) {
        match n {
            Some(n) => self.num(key, n),
            None => self.key(key).push_str("null"),
        }
    }

    fn bool(&mut self, key: &str, b: bool) {
        self.key(key).push_str(if b { "true" } else { "false" });
    }

    /// A code or a word of our own: never text from an input.
    fn code(&mut self, key: &str, code: &str) {
        let out = self.key(key);
        escape_json(out, code);
    }

    fn opt_code(&mut self, key: &str, code: Option<&str>) {
        match code {
            Some(c) => self.code(key, c),
            None => self.key(key).push_str("null"),
        }
    }

    fn object(&mut self, key: &str) -> Object<'_> {
        let out = self.key(key);
        Object::open(out)
    }

    fn close(self) {
        self.out.push('}');
    }
}

/// The summary as JSON text.
pub fn summary(checked: &Checked) -> String {
    let report = &checked.report;
    let options = checked.options();
    let mut out = String::with_capacity(2048);
    let mut top = Object::open(&mut out);
    top.num("version", 1);
    let mut engine = top.object("engine");
    engine.code("name", crate::report::ENGINE_NAME);
    engine.code("version", crate::report::ENGINE_VERSION);
    engine.close();
    let s = &report.summary;
    let mut summary = top.object("summary");
    for (key, n) in s.counts() {
        summary.num(key, n as u64);
    }
    summary.bool("importable", s.importable);
    summary.close();
    let mut matched = top.object("matched_by");
    for &by in MatchedBy::ALL {
        let n = report
            .assignments
            .iter()
            .filter(|a| a.matched_by == Some(by));
        matched.num(by.as_str(), n.count() as u64);
    }
    let none = report.assignments.iter().filter(|a| a.matched_by.is_none());
    matched.num("none", none.count() as u64);
    matched.close();
    let codes = top.key("codes");
    codes.push('[');
    for (i, g) in view::groups(report).iter().enumerate() {
        if i > 0 {
            codes.push(',');
        }
        let mut code = Object::open(codes);
        code.code("code", g.code.as_str());
        code.code("severity", g.severity.as_str());
        code.num("count", g.findings.len() as u64);
        code.close();
    }
    codes.push(']');
    let mut files = top.object("files");
    file(
        &mut files,
        "exmail",
        Some(&report.inputs.exmail),
        &options.exmail_file,
    );
    file(
        &mut files,
        "wecom",
        report.inputs.wecom.as_ref(),
        &options.wecom_file,
    );
    file(
        &mut files,
        "roster",
        report.inputs.roster.as_ref(),
        &options.roster_file,
    );
    files.close();
    context(top.object("options"), options);
    top.close();
    out
}

/// How one file was read, without a cell of it.
fn file(files: &mut Object, key: &str, info: Option<&InputInfo>, read: &ReadOptions) {
    let Some(info) = info else {
        files.key(key).push_str("null");
        return;
    };
    let mut f = files.object(key);
    f.code("format", &info.format);
    f.opt_code("encoding", info.encoding.as_deref());
    let sheet = info.sheet.as_ref().map(|_| match read.sheet {
        Some(_) => "given",
        None => "default",
    });
    f.opt_code("sheet", sheet);
    f.opt_num("header_row", info.header_row.map(u64::from));
    f.num("columns", info.headers.len() as u64);
    f.num("rows", info.rows as u64);
    let mut fields = f.object("fields");
    for (field, _header) in &info.columns {
        let how = if read.columns.contains_key(field) {
            "option"
        } else if info.guessed.iter().any(|g| g.field == Some(field.as_str())) {
            "content"
        } else {
            "alias"
        };
        fields.code(field, how);
    }
    fields.close();
    let guessed = f.key("guessed");
    guessed.push('[');
    for (i, g) in info.guessed.iter().enumerate() {
        if i > 0 {
            guessed.push(',');
        }
        let mut column = Object::open(guessed);
        column.code("column", &g.column);
        column.opt_code("field", g.field);
        column.code("looks_like", g.looks_like);
        column.close();
    }
    guessed.push(']');
    let mut given = f.object("given");
    given.bool("encoding", read.encoding.is_some());
    given.bool("sheet", read.sheet.is_some());
    given.bool("header_row", read.header_row.is_some());
    given.num("columns", read.columns.len() as u64);
    given.close();
    f.close();
}

/// The upgrade context: booleans, numbers and codes only.
fn context(mut o: Object, options: &Options) {
    o.code("path", options.path.as_str());
    o.code("lang", options.lang.as_str());
    o.opt_num("advanced_quota", options.advanced_quota);
    o.bool("target_paid", options.target_paid);
    o.bool("wecom_api_email_param", options.wecom_api_email_param);
    o.bool("exmail_contacts_api", options.exmail_contacts_api);
    o.bool("wecom_contacts_api", options.wecom_contacts_api);
    o.bool("department_backup_rules", options.department_backup_rules);
    let features = o.key("features_in_use");
    features.push('[');
    for (i, f) in options.features().enumerate() {
        if i > 0 {
            features.push(',');
        }
        escape_json(features, f.as_str());
    }
    features.push(']');
    let name = options.enterprise_name.as_deref();
    o.bool(
        "enterprise_name_given",
        name.is_some_and(|n| !n.trim().is_empty()),
    );
    o.num("domains_given", options.domains.len() as u64);
    let members = options
        .overrides
        .values()
        .filter(|d| matches!(d, Override::Member { .. }))
        .count();
    let mut overrides = o.object("overrides");
    overrides.num("member", members as u64);
    overrides.num("other", (options.overrides.len() - members) as u64);
    overrides.close();
    o.bool("limits_default", options.limits == Limits::default());
    o.close();
}
