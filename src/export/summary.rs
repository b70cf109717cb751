//! The short human summary the command line prints: counts, then findings grouped by code.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::message::{self, Texts};
use crate::report::view::{self, Group};
use crate::report::{Finding, Report, Verdict};
use crate::vocab::Lang;

/// Rows shown under each code.
const SHOWN: usize = 3;

/// The counts and the verdict, in each language.
const COUNTS: Texts = [
    "邮箱账号 {accounts}：成员邮箱 {member}，其他邮箱 {other}，未分配 {unassigned}；企业微信成员 {wecom_members}\n错误 {errors}，警告 {warnings}，提示 {infos}：{verdict}",
    "郵箱賬號 {accounts}：成員郵箱 {member}，其他郵箱 {other}，未分配 {unassigned}；企業微信成員 {wecom_members}\n錯誤 {errors}，警告 {warnings}，提示 {infos}：{verdict}",
    "accounts {accounts}: member {member}, other {other}, unassigned {unassigned}; WeCom members {wecom_members}\nerrors {errors}, warnings {warnings}, infos {infos}: {verdict}",
];
const IMPORTABLE: Texts = ["名单可以导入", "名單可以導入", "the roster can be imported"];
const TO_CONFIRM: Texts = [
    "没有错误，但有 {n} 处需要先确认再导入（{codes}）",
    "沒有錯誤，但有 {n} 處需要先確認再導入（{codes}）",
    "no errors, but {n} findings need confirming before you import ({codes})",
];
const REFUSED: Texts = [
    "有错误，向导将拒绝此名单",
    "有錯誤，嚮導將拒絕此名單",
    "the wizard would refuse this roster",
];

/// The summary of a report as text (ends with a newline): counts first, then each code with its
/// count, errors first, and the first few places it was found (`file:row field value`).
pub fn write_summary(report: &Report, lang: Lang) -> String {
    let s = &report.summary;
    let counts = s.counts();
    let verdict = match s.verdict {
        Verdict::Importable => Cow::Borrowed(IMPORTABLE[lang as usize]),
        Verdict::Confirm => Cow::Owned(to_confirm(report, lang)),
        Verdict::NotImportable => Cow::Borrowed(REFUSED[lang as usize]),
    };
    let mut out = message::render(&COUNTS, lang, &|name| match name {
        "verdict" => Some(verdict.clone()),
        _ => counts
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| Cow::Owned(v.to_string())),
    });
    out.push('\n');
    for Group {
        code,
        severity,
        findings,
        ..
    } in view::groups(report)
    {
        let count = findings.len();
        let _ = writeln!(
            out,
            "\n[{}] {} × {count}",
            severity.label(lang),
            code.as_str()
        );
        for &i in findings.iter().take(SHOWN) {
            out.push_str("  ");
            place(&mut out, &report.findings[i as usize], lang);
            out.push('\n');
        }
        if count > SHOWN {
            let more = count - SHOWN;
            let _ = match lang {
                Lang::Zh => writeln!(out, "  …另有 {more} 处"),
                Lang::ZhTw => writeln!(out, "  …另有 {more} 處"),
                Lang::En => writeln!(out, "  … and {more} more"),
            };
        }
    }
    out
}

/// What is to be confirmed: how many findings, and their codes.
fn to_confirm(report: &Report, lang: Lang) -> String {
    let mut codes: Vec<&str> = Vec::new();
    for f in report.to_confirm() {
        if !codes.contains(&f.code().as_str()) {
            codes.push(f.code().as_str());
        }
    }
    let (n, codes) = (report.summary.confirm.to_string(), codes.join(", "));
    message::render(&TO_CONFIRM, lang, &|name| match name {
        "n" => Some(Cow::Borrowed(n.as_str())),
        "codes" => Some(Cow::Borrowed(codes.as_str())),
        _ => None,
    })
}

/// `file:row field value` for a finding on a row; its message otherwise.
fn place(out: &mut String, f: &Finding, lang: Lang) {
    let (Some(file), Some(row)) = (f.file, f.row) else {
        out.push_str(&f.message(lang));
        return;
    };
    let _ = write!(out, "{}:{row}", file.as_str());
    if let Some(field) = f.field {
        out.push(' ');
        out.push_str(field.as_str());
    }
    if let Some(value) = f.value.as_deref().or(f.email.as_deref()) {
        out.push(' ');
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::test_support::*;
    use crate::rules::Args;
    use crate::vocab::{Field, FileKind, MatchedBy};

    fn sample() -> Report {
        let mangled = |row| {
            finding(
                Args::MobileMangled {},
                Some(FileKind::Exmail),
                Some(row),
                Some(Field::Mobile),
                Some("1.38E+10"),
                None,
            )
        };
        report(
            vec![
                member("a@example.cn", "A", "a", MatchedBy::Mobile),
                other("b@example.cn", "B"),
            ],
            vec![
                mangled(2),
                mangled(3),
                mangled(4),
                mangled(5),
                finding(
                    Args::NameMismatch {
                        name: "A".into(),
                        key: MatchedBy::Mobile,
                        userid: "a".into(),
                        wecom_name: "B".into(),
                    },
                    Some(FileKind::Wecom),
                    Some(9),
                    Some(Field::Name),
                    None,
                    Some("a@example.cn"),
                ),
                finding(Args::Irreversible {}, None, None, None, None, None),
            ],
        )
    }

    #[test]
    fn summary_in_english_groups_by_code_errors_first() {
        let text = write_summary(&sample(), Lang::En);
        let expected = "accounts 2: member 1, other 1, unassigned 0; WeCom members 0\n\
            errors 4, warnings 1, infos 1: the wizard would refuse this roster\n\
            \n[error] mobile-mangled × 4\n\
            \x20 exmail:2 mobile 1.38E+10\n\
            \x20 exmail:3 mobile 1.38E+10\n\
            \x20 exmail:4 mobile 1.38E+10\n\
            \x20 … and 1 more\n\
            \n[warning] name-mismatch × 1\n\
            \x20 wecom:9 name a@example.cn\n\
            \n[info] irreversible × 1\n\
            \x20 The upgrade cannot be rolled back\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn summary_in_chinese() {
        let text = write_summary(&sample(), Lang::Zh);
        assert!(text.starts_with("邮箱账号 2：成员邮箱 1，其他邮箱 1，未分配 0；企业微信成员 0\n错误 4，警告 1，提示 1：有错误"), "{text}");
        assert!(text.contains("\n[错误] mobile-mangled × 4\n"), "{text}");
        assert!(text.contains("…另有 1 处"), "{text}");
        let clean = report(vec![], vec![]);
        assert!(write_summary(&clean, Lang::Zh).contains("名单可以导入"));
    }
}
