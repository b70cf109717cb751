//! Every rule's message in every language: each argument and each of the finding's own slots
//! shows, no `{` is left, and a finding read back from its plain `args` says the same.

use roster_check::message::{ArgValue, FromArg};
use roster_check::rules::{Args, At, Finding};
use roster_check::{Code, Field, FileKind, Lang, RULES};

/// A plain value of `rust` type carrying `marker` where it holds text.
fn sample(rust: &str, marker: &str) -> ArgValue {
    let text = |s: &str| ArgValue::Text(s.to_string());
    let object = |parts: &[(&str, ArgValue)]| {
        ArgValue::Object(
            parts
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    };
    match rust {
        "String" | "Option<String>" => text(marker),
        "u32" | "u64" | "usize" => ArgValue::Number(4242),
        "Column" => ArgValue::Number(3),
        "FileKind" => text("wecom"),
        "Field" => text("mobile"),
        "MatchedBy" => text("biz_mail"),
        "AssignmentType" => text("other"),
        "Feature" => text("netdisk"),
        "Status" => text("left"),
        "Invalid" => text("no-at"),
        "NameProblem" => text("too-short"),
        "AliasRelation" => text("alias-of"),
        "UseridProblem" => object(&[("part", text("old")), ("why", text("userid-start"))]),
        "RosterSays" => object(&[("type", text("member")), ("userid", text(marker))]),
        "KeysSay" => object(&[("type", text("held-by")), ("who", text(marker))]),
        "ColumnRead" => object(&[("type", text("as")), ("field", text("email"))]),
        other => panic!("no sample for {other}"),
    }
}

fn finding(code: Code) -> Finding {
    let rule = code.rule();
    let value = |name: &str| {
        let at = rule.args.iter().position(|a| *a == name)?;
        Some(sample(rule.arg_types[at], &format!("ARG-{name}")))
    };
    let args = Args::from_values(code, &value).unwrap_or_else(|| panic!("{}", rule.name));
    let at = At::cell(FileKind::Exmail, 7, Field::Email, "CELL-value").account("who@example.cn");
    Finding::new(args, at)
}

#[test]
fn every_code_renders_in_every_language() {
    for rule in RULES {
        let f = finding(rule.code);
        for &lang in Lang::ALL {
            let text = f.message(lang);
            let seen = |what: &str| text.contains(what);
            assert!(
                !text.contains('{') && !text.contains('}'),
                "{}: {text}",
                rule.name
            );
            for (name, ty) in rule.args.iter().zip(rule.arg_types) {
                // Text arguments show their marker; numbers their digits; words their label.
                let shown = match *ty {
                    "String" | "Option<String>" | "RosterSays" | "KeysSay" => {
                        seen(&format!("ARG-{name}"))
                    }
                    "u32" | "u64" | "usize" => seen("4242"),
                    "Column" => seen("C"),
                    _ => {
                        let arg = f.args.get(name).unwrap();
                        seen(&arg.text(lang))
                    }
                };
                assert!(
                    shown,
                    "{} in {lang:?}: {name} missing from {text}",
                    rule.name
                );
            }
            assert!(
                !rule.needs_email || seen("who@example.cn"),
                "{}: {text}",
                rule.name
            );
            assert!(
                !rule.needs_value || seen("CELL-value"),
                "{}: {text}",
                rule.name
            );
            for part in [&rule.fix, &rule.title] {
                assert!(!part[lang as usize].is_empty(), "{} {lang:?}", rule.name);
            }
        }
    }
}

#[test]
fn traditional_chinese_is_written_for_its_reader() {
    // Rows are 列 and columns 欄 in Traditional Chinese spreadsheets; the guide's own words.
    let dup = finding(Code::EmailDuplicate).message(Lang::ZhTw);
    assert!(dup.contains("首次在第 4242 列"), "{dup}");
    let guessed = finding(Code::ColumnGuessed).message(Lang::ZhTw);
    assert!(guessed.contains("C 欄"), "{guessed}");
    let title = Code::OtherMailboxLogin.rule().title[Lang::ZhTw as usize];
    assert_eq!(title, "其他郵箱不能登錄企業微信");
    for rule in RULES {
        let tw = rule.message[Lang::ZhTw as usize];
        for simplified in ["邮箱", "账号", "企业", "成员"] {
            assert!(!tw.contains(simplified), "{}: {tw}", rule.name);
        }
    }
}

#[test]
fn plain_values_read_back() {
    for rule in RULES {
        let f = finding(rule.code);
        let values = f.args.values();
        let back = Args::from_values(rule.code, &|name| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        });
        assert_eq!(back.as_ref(), Some(&f.args), "{}", rule.name);
    }
    assert_eq!(u64::from_value(&ArgValue::Number(3)), Some(3));
    let missing = Args::from_values(Code::QuotaExceeded, &|_| None);
    assert_eq!(missing, None, "an argument missing is no finding");
}

#[test]
fn plain_args_render_as_the_typed_ones() {
    for rule in RULES {
        let f = finding(rule.code);
        let values = f.args.values();
        let value = |name: &str| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
        };
        for &lang in Lang::ALL {
            let plain = roster_check::rules::render_plain(
                rule.code,
                &value,
                f.email.as_deref(),
                f.value.as_deref(),
                lang,
            );
            assert_eq!(plain, Some(f.message(lang)), "{} in {lang:?}", rule.name);
        }
        if !rule.args.is_empty() {
            let none =
                roster_check::rules::render_plain(rule.code, &|_| None, None, None, Lang::En);
            assert_eq!(
                none, None,
                "{}: an argument missing renders nothing",
                rule.name
            );
        }
    }
}
