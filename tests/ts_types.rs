//! The TypeScript declarations shipped in `pkg/` (written once, in `src/wasm.rs`) against the Rust
//! types they describe: every field the Rust side serialises is declared, nothing else is, a
//! field is `| null` exactly when Rust can write `null`, and every string union lists exactly
//! the values Rust writes. Runs natively, so a drift fails `cargo test` before any wasm build.

use std::collections::{BTreeMap, BTreeSet};

use roster_check::ingest::Field as EngineField;
use roster_check::model::Status;
use roster_check::report::{GuessedColumn, InputInfo, InputsInfo, MemberInfo};
use roster_check::{
    Assignment, AssignmentType, ExportFormat, FileKind, Finding, Lang, MatchedBy, Options,
    Override, Report, Severity, Stage, Summary, UpgradePath, RULES,
};
use serde::Serialize;
use serde_json::Value;

/// The declarations, as `src/wasm.rs` hands them to wasm-bindgen.
fn ts_text() -> &'static str {
    let src = include_str!("../src/wasm.rs");
    let begin = src
        .find("// TS-BEGIN")
        .expect("TS-BEGIN marker in src/wasm.rs");
    let end = src.find("// TS-END").expect("TS-END marker in src/wasm.rs");
    &src[begin..end]
}

/// One declared field: whether it is optional (`?`), and its type text.
#[derive(Debug)]
struct Field {
    optional: bool,
    ty: String,
}

struct Ts {
    interfaces: BTreeMap<String, BTreeMap<String, Field>>,
    /// `export type X = …;` → its text after `=`.
    types: BTreeMap<String, String>,
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        let j = rest[i..].find("*/").expect("closed comment") + i + 2;
        rest = &rest[j..];
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_ts() -> Ts {
    let text = strip_comments(ts_text());
    let mut interfaces = BTreeMap::new();
    let mut types = BTreeMap::new();
    let mut rest = text.as_str();
    loop {
        let next_interface = rest.find("export interface ");
        let next_type = rest.find("export type ");
        match (next_interface, next_type) {
            (Some(i), t) if t.is_none_or(|t| i < t) => {
                let after = &rest[i + "export interface ".len()..];
                let name = after.split_whitespace().next().unwrap().to_string();
                let open = after.find('{').unwrap();
                let close = after.find("\n}").expect("interface closes at line start");
                let mut fields = BTreeMap::new();
                for line in after[open + 1..close].lines() {
                    let line = line.trim();
                    if line.is_empty() {
                        continue;
                    }
                    let (head, ty) = line.split_once(':').unwrap_or_else(|| panic!("{line}"));
                    let ty = ty.trim().trim_end_matches(';').trim().to_string();
                    let optional = head.ends_with('?');
                    let field = head.trim_end_matches('?').trim().to_string();
                    fields.insert(field, Field { optional, ty });
                }
                interfaces.insert(name, fields);
                rest = &after[close..];
            }
            (_, Some(t)) => {
                let after = &rest[t + "export type ".len()..];
                let (name, body) = after.split_once('=').unwrap();
                // The `;` that ends the declaration: outside any `{ }`.
                let mut depth = 0i32;
                let end = body
                    .char_indices()
                    .find(|&(_, c)| {
                        match c {
                            '{' | '[' | '(' => depth += 1,
                            '}' | ']' | ')' => depth -= 1,
                            _ => {}
                        }
                        c == ';' && depth == 0
                    })
                    .map(|(i, _)| i)
                    .expect("type declaration ends with ;");
                types.insert(name.trim().to_string(), body[..end].trim().to_string());
                rest = &body[end..];
            }
            _ => break,
        }
    }
    Ts { interfaces, types }
}

/// The string literals of a union type, e.g. `"a" | "b"` → {a, b}.
fn literals(ty: &str) -> BTreeSet<String> {
    ty.split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

fn json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap()
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

/// `value`'s keys are exactly `interface`'s fields, and a field is nullable in TS iff `nullable`
/// (the keys that are `null` in the sparse sample) says so.
fn assert_interface(ts: &Ts, interface: &str, full: &Value, sparse: &Value, all_optional: bool) {
    let fields = ts
        .interfaces
        .get(interface)
        .unwrap_or_else(|| panic!("TS interface {interface} missing"));
    let declared: BTreeSet<String> = fields.keys().cloned().collect();
    assert_eq!(
        keys(full),
        declared,
        "fields of {interface}: Rust (left) vs TS (right)"
    );
    for (name, field) in fields {
        assert_eq!(
            field.optional, all_optional,
            "{interface}.{name}: optional in TS is {}",
            field.optional
        );
        let null_in_rust = sparse[name].is_null();
        let null_in_ts = field.ty.split('|').any(|t| t.trim() == "null");
        assert_eq!(
            null_in_rust, null_in_ts,
            "{interface}.{name}: Rust can write null: {null_in_rust}; TS type `{}`",
            field.ty
        );
    }
}

fn assert_union(ts: &Ts, name: &str, rust: impl IntoIterator<Item = String>) {
    let ty = ts
        .types
        .get(name)
        .unwrap_or_else(|| panic!("TS type {name} missing"));
    let rust: BTreeSet<String> = rust.into_iter().collect();
    assert_eq!(
        rust,
        literals(ty),
        "values of {name}: Rust (left) vs TS (right)"
    );
}

fn as_str(value: impl Serialize) -> String {
    json(&value)
        .as_str()
        .expect("serialises as a string")
        .to_string()
}

fn input_info(some: bool) -> InputInfo {
    InputInfo {
        format: "csv".into(),
        encoding: some.then(|| "utf-8".into()),
        sheet: some.then(|| "Sheet1".into()),
        header_row: some.then_some(1),
        headers: vec!["邮箱帐号".into()],
        columns: vec![("email".into(), "邮箱帐号".into())],
        rows: 1,
        guessed: vec![GuessedColumn {
            column: "B".into(),
            header: "B".into(),
            field: some.then_some("email"),
            looks_like: "email",
        }],
    }
}

/// A report with every optional field set (`some`) or every one empty.
fn sample_report(some: bool) -> Report {
    Report {
        version: 1,
        summary: Summary::default(),
        assignments: vec![Assignment {
            email: "zhang.wei@example.cn".into(),
            kind: AssignmentType::Member,
            userid: some.then(|| "ZhangWei".into()),
            matched_by: some.then_some(MatchedBy::WechatId),
            evidence: some.then(|| "zhangwei_wx".into()),
            row: 2,
            name: "张伟".into(),
            wecom_name: some.then(|| "张伟".into()),
        }],
        findings: vec![Finding {
            code: RULES[0].name,
            severity: Severity::Error,
            file: some.then_some(FileKind::Exmail),
            row: some.then_some(7),
            field: some.then_some("mobile"),
            value: some.then(|| "1.38E+10".into()),
            email: some.then(|| "zhang.wei@example.cn".into()),
            message: "…".into(),
        }],
        inputs: InputsInfo {
            exmail: input_info(some),
            wecom: some.then(|| input_info(some)),
            roster: some.then(|| input_info(some)),
        },
    }
}

#[test]
fn report_types_match() {
    let ts = parse_ts();
    let (full, sparse) = (json(&sample_report(true)), json(&sample_report(false)));
    assert_interface(&ts, "Report", &full, &sparse, false);
    assert_eq!(ts.interfaces["Report"]["version"].ty, "1");
    assert_interface(&ts, "Summary", &full["summary"], &sparse["summary"], false);
    let (a, b) = (&full["assignments"][0], &sparse["assignments"][0]);
    assert_interface(&ts, "Assignment", a, b, false);
    let (a, b) = (&full["findings"][0], &sparse["findings"][0]);
    assert_interface(&ts, "Finding", a, b, false);
    assert_interface(&ts, "InputsInfo", &full["inputs"], &sparse["inputs"], false);
    let (a, b) = (&full["inputs"]["exmail"], &sparse["inputs"]["exmail"]);
    assert_interface(&ts, "InputInfo", a, b, false);
    assert_eq!(
        ts.interfaces["InputInfo"]["columns"].ty,
        "[string, string][]"
    );
    assert_eq!(ts.interfaces["InputInfo"]["guessed"].ty, "GuessedColumn[]");
    let (a, b) = (
        &full["inputs"]["exmail"]["guessed"][0],
        &sparse["inputs"]["exmail"]["guessed"][0],
    );
    assert_interface(&ts, "GuessedColumn", a, b, false);
    let looks_like = literals(&ts.interfaces["GuessedColumn"]["looks_like"].ty);
    let fields: BTreeSet<String> = [
        EngineField::Email,
        EngineField::Mobile,
        EngineField::MailboxType,
    ]
    .iter()
    .map(|f| f.as_str().to_string())
    .collect();
    assert_eq!(looks_like, fields);
}

#[test]
fn report_unions_match() {
    let ts = parse_ts();
    assert_union(&ts, "Code", RULES.iter().map(|r| r.name.to_string()));
    assert_union(
        &ts,
        "Severity",
        [Severity::Error, Severity::Warning, Severity::Info].map(as_str),
    );
    assert_union(
        &ts,
        "FileKind",
        [
            FileKind::Exmail,
            FileKind::Wecom,
            FileKind::Roster,
            FileKind::Options,
        ]
        .map(as_str),
    );
    assert_union(
        &ts,
        "AssignmentType",
        [
            AssignmentType::Member,
            AssignmentType::Other,
            AssignmentType::Unassigned,
        ]
        .map(as_str),
    );
    let matched_by = [
        MatchedBy::WechatId,
        MatchedBy::BizMail,
        MatchedBy::Email,
        MatchedBy::Mobile,
        MatchedBy::Roster,
        MatchedBy::Override,
        MatchedBy::PathNew,
    ];
    for m in matched_by {
        // A new variant must be added here (and to the TS): the match is exhaustive.
        match m {
            MatchedBy::WechatId
            | MatchedBy::BizMail
            | MatchedBy::Email
            | MatchedBy::Mobile
            | MatchedBy::Roster
            | MatchedBy::Override
            | MatchedBy::PathNew => assert_eq!(as_str(m), m.as_str()),
        }
    }
    assert_union(&ts, "MatchedBy", matched_by.map(as_str));
}

#[test]
fn options_types_match() {
    let ts = parse_ts();
    let sparse = json(&Options::default());
    let mut full = Options {
        advanced_quota: Some(1),
        enterprise_name: Some("x".into()),
        ..Options::default()
    };
    full.exmail_file.encoding = Some("gbk".into());
    let full = json(&full);
    assert_interface(&ts, "Options", &full, &sparse, true);
    assert_interface(
        &ts,
        "ReadOptions",
        &full["exmail_file"],
        &sparse["exmail_file"],
        true,
    );
    assert_interface(&ts, "Limits", &full["limits"], &sparse["limits"], true);
    for file in ["exmail_file", "wecom_file", "roster_file"] {
        assert_eq!(ts.interfaces["Options"][file].ty, "ReadOptions");
    }
    assert_union(
        &ts,
        "UpgradePath",
        [UpgradePath::New, UpgradePath::Bind].map(as_str),
    );
    assert_union(&ts, "Lang", [Lang::Zh, Lang::En].map(as_str));

    // Override: the two shapes, tagged by `type`.
    let member = json(&Override::Member { userid: "u".into() });
    assert_eq!(
        keys(&member),
        BTreeSet::from(["type".into(), "userid".into()])
    );
    assert_eq!(member["type"], "member");
    assert_eq!(json(&Override::Other), serde_json::json!({"type": "other"}));
    assert_eq!(
        ts.types["Override"],
        r#"{ type: "member"; userid: string } | { type: "other" }"#
    );

    // Every declared option is accepted by the Rust reader (it refuses unknown fields).
    let declared: serde_json::Map<String, Value> = ts.interfaces["Options"]
        .keys()
        .map(|k| (k.clone(), full[k].clone()))
        .collect();
    Options::from_json(&Value::Object(declared).to_string()).expect("declared options parse");
}

#[test]
fn call_types_match() {
    let ts = parse_ts();
    assert_union(&ts, "Stage", Stage::ALL.map(|s| s.as_str().to_string()));
    for name in literals(&ts.types["ExportFormat"]) {
        assert!(ExportFormat::parse(&name).is_some(), "{name}");
    }
    let input: BTreeSet<&str> = ts.interfaces["CheckInput"]
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        input,
        BTreeSet::from(["exmail", "wecom", "roster", "options", "onProgress"])
    );
}

#[test]
fn error_types_match() {
    let ts = parse_ts();
    assert_union(
        &ts,
        "ErrorCode",
        roster_check::ERROR_CODES.iter().map(|c| c.to_string()),
    );
    let fields: BTreeSet<&str> = ts.interfaces["CheckError"]
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        fields,
        BTreeSet::from(["file", "code", "row", "args", "messages"])
    );
    assert_eq!(ts.interfaces["CheckError"]["file"].ty, "FileKind | null");
    assert_eq!(ts.interfaces["CheckError"]["code"].ty, "ErrorCode");
}

#[test]
fn member_types_match() {
    let ts = parse_ts();
    let member = |some: bool| MemberInfo {
        userid: "ZhangWei".into(),
        name: "张伟".into(),
        row: 2,
        department: "研发部".into(),
        status: Status::Active.as_str(),
        mailbox: some.then(|| "zhang.wei@example.cn".into()),
    };
    let (full, sparse) = (json(&member(true)), json(&member(false)));
    assert_interface(&ts, "Member", &full, &sparse, false);
    let statuses = [
        Status::Unknown,
        Status::Active,
        Status::Disabled,
        Status::Left,
        Status::NotActivated,
    ];
    for s in statuses {
        // A new status must be added here (and to the TS): the match is exhaustive.
        match s {
            Status::Unknown
            | Status::Active
            | Status::Disabled
            | Status::Left
            | Status::NotActivated => {}
        }
    }
    let declared = literals(&ts.interfaces["Member"]["status"].ty);
    let rust: BTreeSet<String> = statuses.iter().map(|s| s.as_str().to_string()).collect();
    assert_eq!(rust, declared, "Member.status: Rust (left) vs TS (right)");
}
