//! Small helpers for tests that run whole checks on inline CSV.
#![allow(dead_code)]

use roster_check::{check, Inputs, Options, Report};

pub const EXMAIL_HEADER: &str = "邮箱帐号,姓名,手机,微信ID,部门,状态";
pub const WECOM_HEADER: &str = "姓名,账号,手机,个人邮箱,企业邮箱,微信ID,部门,状态";

/// A clean company: zhang matches by WeChat id, li by enterprise address, wang is a partner.
pub fn exmail_rows() -> Vec<&'static str> {
    vec![
        "zhang.wei@acme.cn,张伟,13800138000,wx_zhangwei,研发部,正常",
        "li.na@acme.cn,李娜,13900139000,,市场部,正常",
        "partner.wang@acme.cn,合作方-王,,,,正常",
    ]
}

pub fn wecom_rows() -> Vec<&'static str> {
    vec![
        "张伟,ZhangWei,13800138000,,,wx_zhangwei,研发部,1",
        "李娜,LiNa,13900139000,,li.na@acme.cn,,市场部,1",
    ]
}

pub fn csv(header: &str, rows: &[&str]) -> Vec<u8> {
    let mut s = String::from(header);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s.into_bytes()
}

pub fn options(json: &str) -> Options {
    Options::from_json(json).unwrap_or_else(|e| panic!("{e}"))
}

/// Runs a check on exmail/WeCom rows (headers added) with options JSON.
pub fn run_rows(exmail: &[&str], wecom: &[&str], roster: Option<&[u8]>, opts: &str) -> Report {
    let e = csv(EXMAIL_HEADER, exmail);
    let w = csv(WECOM_HEADER, wecom);
    run_bytes(&e, &w, roster, opts)
}

pub fn run_bytes(exmail: &[u8], wecom: &[u8], roster: Option<&[u8]>, opts: &str) -> Report {
    let inputs = Inputs {
        exmail,
        wecom: Some(wecom),
        roster,
    };
    check(&inputs, &options(opts))
        .unwrap_or_else(|e| panic!("check failed: {e}"))
        .report
}

/// Runs a check on exmail rows alone (no WeCom file), with an optional roster.
pub fn run_exmail_only(exmail: &[&str], roster: Option<&[u8]>, opts: &str) -> Report {
    let e = csv(EXMAIL_HEADER, exmail);
    let inputs = Inputs {
        exmail: &e,
        wecom: None,
        roster,
    };
    check(&inputs, &options(opts))
        .unwrap_or_else(|e| panic!("check failed: {e}"))
        .report
}

/// The clean company, with options.
pub fn run_base(opts: &str) -> Report {
    run_rows(&exmail_rows(), &wecom_rows(), None, opts)
}

/// Rows (file, row) of every finding with `code`.
pub fn rows_of(report: &Report, code: &str) -> Vec<(String, Option<u32>)> {
    report
        .findings
        .iter()
        .filter(|f| f.code() == code)
        .map(|f| {
            (
                f.file.map(|k| k.as_str().to_string()).unwrap_or_default(),
                f.row,
            )
        })
        .collect()
}

pub fn has(report: &Report, code: &str) -> bool {
    report.findings.iter().any(|f| f.code() == code)
}

pub fn assignment<'r>(report: &'r Report, email: &str) -> roster_check::Assignment<'r> {
    report
        .assignments
        .iter()
        .find(|a| a.email == email)
        .unwrap_or_else(|| panic!("no assignment for {email}"))
}
