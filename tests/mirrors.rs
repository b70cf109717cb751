//! Mirrors of the Rust catalogue and vocabulary that other files carry, generated from them —
//! never by reading Rust source — and held to them: `src/wasm/generated.d.ts` (the TypeScript
//! unions of codes, fields, keys, languages, features, error codes, and each rule's argument
//! types). `UPDATE=1 cargo test --test mirrors` writes it; otherwise a stale copy fails.
//!
//! The rule catalogue itself (titles, messages, fixes in every language) reaches a host through
//! the module's `rules()`, not through a copy.

use std::fmt::Write as _;
use std::path::Path;

use roster_check::rules::args::{AliasRelation, Invalid, NameProblem, UseridPart};
use roster_check::{
    AssignmentType, Feature, Field, FileKind, MatchedBy, Severity, Stage, Status, UpgradePath,
    ERROR_CODES, RULES,
};

const GENERATED: &str = "src/wasm/generated.d.ts";

/// `"a" | "b"`.
fn union<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = values.into_iter().map(|v| format!("\"{v}\"")).collect();
    quoted.join(" | ")
}

/// The TypeScript type of a rule argument's plain value, by its Rust type.
fn ts_type(rust: &str) -> String {
    match rust {
        "String" => "string".into(),
        "Option<String>" => "string | null".into(),
        "u32" | "u64" | "usize" => "number".into(),
        "Column" => "number /* 1-based */".into(),
        "Vec<String>" => "string[]".into(),
        "FileKind" | "Field" | "MatchedBy" | "AssignmentType" | "Feature" => rust.into(),
        "Status" => "MemberStatus".into(),
        "Invalid" => "Invalid".into(),
        "NameProblem" => union(NameProblem::ALL.iter().map(|v| v.as_str())),
        "AliasRelation" => union(AliasRelation::ALL.iter().map(|v| v.as_str())),
        "UseridProblem" => format!(
            "{{ part: {}; why: Invalid }}",
            union(UseridPart::ALL.iter().map(|v| v.as_str()))
        ),
        "RosterSays" => "{ type: \"member\" | \"other\"; userid: string | null }".into(),
        "KeysSay" => {
            "{ type: \"member\" | \"wechat-ids-differ\" | \"held-by\"; who: string | null }".into()
        }
        "ColumnRead" => "{ type: \"as\" | \"not-read\"; field: Field }".into(),
        other => {
            panic!("no TypeScript type for the argument type {other}: add it in tests/mirrors.rs")
        }
    }
}

fn generated() -> String {
    let mut out = String::from(
        "// Generated from the Rust catalogue and vocabulary by tests/mirrors.rs\n\
         // (UPDATE=1 cargo test --test mirrors): do not edit.\n",
    );
    let mut put = |name: &str, body: String| {
        let _ = writeln!(out, "export type {name} = {body};");
    };
    put("Code", union(RULES.iter().map(|r| r.name)));
    put("ErrorCode", union(ERROR_CODES.iter().copied()));
    put("Severity", union(Severity::ALL.iter().map(|v| v.as_str())));
    put("FileKind", union(FileKind::ALL.iter().map(|v| v.as_str())));
    put("Field", union(Field::ALL.iter().map(|v| v.as_str())));
    put(
        "AssignmentType",
        union(AssignmentType::ALL.iter().map(|v| v.as_str())),
    );
    put(
        "MatchedBy",
        union(MatchedBy::ALL.iter().map(|v| v.as_str())),
    );
    put(
        "UpgradePath",
        union(UpgradePath::ALL.iter().map(|v| v.as_str())),
    );
    put("Feature", union(Feature::ALL.iter().map(|v| v.as_str())));
    put(
        "MemberStatus",
        union(Status::ALL.iter().map(|v| v.as_str())),
    );
    put("Stage", union(Stage::ALL.iter().map(|v| v.as_str())));
    put("Invalid", union(Invalid::ALL.iter().map(|v| v.as_str())));
    put("Lang", "\"zh\" | \"zh-CN\" | \"zh-TW\" | \"en\"".into());
    out.push_str("/** Each rule's message arguments (`Finding.args`), by code. */\n");
    out.push_str("export interface FindingArgs {\n");
    for rule in RULES {
        let fields: Vec<String> = rule
            .args
            .iter()
            .zip(rule.arg_types)
            .map(|(name, ty)| format!("{name}: {}", ts_type(ty)))
            .collect();
        let body = match fields.is_empty() {
            true => "{}".to_string(),
            false => format!("{{ {} }}", fields.join("; ")),
        };
        let _ = writeln!(out, "  \"{}\": {body};", rule.name);
    }
    out.push_str("}\n");
    out
}

#[test]
fn generated_types_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(GENERATED);
    let now = generated();
    if std::env::var_os("UPDATE").is_some() {
        std::fs::write(&path, &now).unwrap();
        return;
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        stored == now,
        "{GENERATED} is stale: run UPDATE=1 cargo test --test mirrors"
    );
}
