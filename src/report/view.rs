//! What a host shows of a report, computed once here rather than again in each host: findings
//! grouped by code in the order people read them, the accounts a table filter keeps, each
//! account's findings, and the member picker's list merged with who holds which mailbox.

use rustc_hash::FxHashMap;

use super::{Assignment, MemberInfo, Report};
use crate::rules::Code;
use crate::vocab::{AssignmentType, MatchedBy, Severity};

/// The findings of one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub code: Code,
    pub severity: Severity,
    /// Indexes into the report's findings, in report order.
    pub findings: Vec<u32>,
    /// Some finding names a row / an account (the table can be narrowed to them).
    pub rows: bool,
    pub accounts: bool,
}

/// The findings grouped by code: errors first, then warnings, then infos, each in catalogue
/// order (the report's own order, which sorts by severity and code first).
pub fn groups(report: &Report) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        let code = f.code();
        if groups.last().is_none_or(|g| g.code != code) {
            groups.push(Group {
                code,
                severity: f.severity(),
                findings: Vec::new(),
                rows: false,
                accounts: false,
            });
        }
        if let Some(g) = groups.last_mut() {
            // Within u32: findings are bounded by rows.
            g.findings.push(i as u32);
            g.rows |= f.row.is_some();
            g.accounts |= f.email.is_some();
        }
    }
    groups
}

/// Each account's findings: which, how many, and the worst severity among them.
#[derive(Debug, Clone, Default)]
pub struct AccountFindings {
    /// Finding indexes by address.
    by_email: FxHashMap<String, Vec<u32>>,
    /// Per assignment: the worst severity of its findings, if any.
    pub worst: Vec<Option<Severity>>,
    pub count: Vec<u32>,
}

impl AccountFindings {
    pub fn new(report: &Report) -> AccountFindings {
        let mut by_email: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (i, f) in report.findings.iter().enumerate() {
            if let Some(email) = f.email.as_deref() {
                by_email
                    .entry(email.to_string())
                    .or_default()
                    .push(i as u32);
            }
        }
        let (mut worst, mut count) = (Vec::new(), Vec::new());
        for a in &report.assignments {
            let list = by_email.get(a.email).map_or(&[][..], Vec::as_slice);
            count.push(list.len() as u32);
            let severities = list.iter().map(|&i| report.findings[i as usize].severity());
            worst.push(severities.min());
        }
        AccountFindings {
            by_email,
            worst,
            count,
        }
    }

    /// The findings naming `email`, in report order.
    pub fn of(&self, email: &str) -> &[u32] {
        self.by_email.get(email).map_or(&[], Vec::as_slice)
    }
}

/// A filter of the accounts table; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Only this type.
    pub kind: Option<AssignmentType>,
    /// Only this evidence; `"none"`: only accounts no evidence placed.
    pub matched_by: Option<String>,
    /// Only accounts with an error or a warning.
    pub has_findings: bool,
    /// Only accounts whose address, name, userid, WeCom name or evidence contains this text
    /// (ignoring case).
    pub q: String,
    /// Only accounts a finding of this code names.
    pub code: Option<Code>,
}

impl Query {
    /// The query a host wrote as JSON (`{ type, matched_by, has_findings, q, code }`); a
    /// misspelt key or a value of the wrong kind is refused, naming it.
    pub fn from_json(value: &serde_json::Value) -> Result<Query, String> {
        let mut query = Query::default();
        let Some(object) = value.as_object() else {
            return Err("a query is an object".into());
        };
        let text = |key: &str, v: &serde_json::Value| match v {
            serde_json::Value::Null => Ok(None),
            serde_json::Value::String(s) => Ok(Some(s.clone())),
            _ => Err(format!("`{key}` is a string")),
        };
        for (key, v) in object {
            match key.as_str() {
                "type" => {
                    query.kind = match text(key, v)?.filter(|s| !s.is_empty()) {
                        Some(t) => {
                            Some(AssignmentType::parse(&t).ok_or(format!("unknown type `{t}`"))?)
                        }
                        None => None,
                    }
                }
                "matched_by" => query.matched_by = text(key, v)?,
                "q" => query.q = text(key, v)?.unwrap_or_default(),
                "code" => {
                    query.code = match text(key, v)?.filter(|s| !s.is_empty()) {
                        Some(c) => Some(Code::parse(&c).ok_or(format!("unknown code `{c}`"))?),
                        None => None,
                    }
                }
                "has_findings" => {
                    query.has_findings = v.as_bool().ok_or("`has_findings` is true or false")?
                }
                other => return Err(format!("unknown field `{other}`")),
            }
        }
        Ok(query)
    }
}

/// The assignments `query` keeps, as indexes in report order.
pub fn filter(report: &Report, accounts: &AccountFindings, query: &Query) -> Vec<u32> {
    let needle = query.q.trim().to_lowercase();
    let with_code: Option<rustc_hash::FxHashSet<&str>> = query.code.map(|code| {
        report
            .findings
            .iter()
            .filter(|f| f.code() == code)
            .filter_map(|f| f.email.as_deref())
            .collect()
    });
    let by = query.matched_by.as_deref();
    let kept = |(i, a): (usize, Assignment)| {
        let evidence_ok = match by {
            None | Some("") => true,
            Some("none") => a.matched_by.is_none(),
            Some(code) => a.matched_by.map(MatchedBy::as_str) == Some(code),
        };
        let serious = accounts.worst[i].is_some_and(|s| s <= Severity::Warning);
        let text_ok = needle.is_empty()
            || [
                Some(a.email),
                Some(a.name),
                a.userid,
                a.wecom_name,
                a.evidence,
            ]
            .into_iter()
            .flatten()
            .any(|s| s.to_lowercase().contains(&needle));
        query.kind.is_none_or(|k| a.kind == k)
            && evidence_ok
            && (!query.has_findings || serious)
            && with_code.as_ref().is_none_or(|set| set.contains(a.email))
            && text_ok
    };
    report
        .assignments
        .iter()
        .enumerate()
        .filter(|&pair| kept(pair))
        .map(|(i, _)| i as u32)
        .collect()
}

/// One member the admin can pick for an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub userid: String,
    pub name: String,
    pub department: String,
    /// `active`, `disabled`, `left`, `not_activated`, `unknown`; empty for a userid the WeCom
    /// file lacks (named by an override or the roster).
    pub status: &'static str,
    /// The address whose mailbox this member already is.
    pub taken: Option<String>,
    /// Named like the account (a hint, never a match).
    pub suggested: bool,
}

/// The members to pick from, free ones first (the likely answer), then those taken, then the
/// userids an override or the roster named that the WeCom file lacks; each userid once.
pub fn picker_list(report: &Report, members: &[MemberInfo]) -> Vec<Pick> {
    let mut seen = rustc_hash::FxHashSet::default();
    let (mut free, mut taken) = (Vec::new(), Vec::new());
    for m in members {
        if !seen.insert(m.userid.clone()) {
            continue; // a userid twice in the file (reported): pick it once
        }
        let pick = Pick {
            userid: m.userid.clone(),
            name: m.name.clone(),
            department: m.department.clone(),
            status: m.status,
            taken: m.mailbox.clone(),
            suggested: false,
        };
        match pick.taken {
            Some(_) => taken.push(pick),
            None => free.push(pick),
        }
    }
    for a in &report.assignments {
        let named = matches!(a.matched_by, Some(MatchedBy::Override | MatchedBy::Roster));
        let Some(userid) = a.userid.filter(|_| named) else {
            continue;
        };
        if a.kind == AssignmentType::Member && seen.insert(userid.to_string()) {
            taken.push(Pick {
                userid: userid.to_string(),
                name: a.wecom_name.unwrap_or_default().to_string(),
                department: String::new(),
                status: "",
                taken: Some(a.email.to_string()),
                suggested: false,
            });
        }
    }
    free.extend(taken);
    free
}

/// The members matching `q` (userid, name or department, ignoring case), at most `limit`; with
/// `name` (the account's own), members of that name first, marked `suggested`. Returns how many
/// match in all, and the page.
pub fn pick(list: &[Pick], q: &str, name: &str, limit: usize) -> (usize, Vec<Pick>) {
    let needle = q.trim().to_lowercase();
    let same = name.trim();
    let hits: Vec<&Pick> = list
        .iter()
        .filter(|m| {
            needle.is_empty()
                || [&m.userid, &m.name, &m.department]
                    .iter()
                    .any(|s| s.to_lowercase().contains(&needle))
        })
        .collect();
    let named = |m: &&Pick| !same.is_empty() && m.name == same;
    let suggested = hits.iter().filter(|m| named(m)).map(|m| Pick {
        suggested: true,
        ..(*m).clone()
    });
    let rest = hits.iter().filter(|m| !named(m)).map(|m| (*m).clone());
    let page = suggested.chain(rest).take(limit).collect();
    (hits.len(), page)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{check, Inputs};
    use crate::options::Options;

    fn checked(options: &str) -> crate::engine::Checked {
        let exmail = "邮箱帐号,姓名,手机,微信ID\n\
            zhang.wei@acme.cn,张伟,13800138000,wx_zw\n\
            li.na@acme.cn,李娜,1.38E+10,\n\
            partner@acme.cn,张伟,,\n";
        let wecom = "姓名,账号,手机,微信ID\n张伟,ZhangWei,13800138000,wx_zw\n张伟,ZhangWei2,,\n";
        let inputs = Inputs {
            exmail: exmail.as_bytes(),
            wecom: Some(wecom.as_bytes()),
            roster: None,
        };
        check(&inputs, &Options::from_json(options).unwrap()).unwrap()
    }

    #[test]
    fn groups_follow_the_report_order() {
        let c = checked("{}");
        let groups = groups(&c.report);
        let total: usize = groups.iter().map(|g| g.findings.len()).sum();
        assert_eq!(total, c.report.findings.len());
        let keys: Vec<(Severity, Code)> = groups.iter().map(|g| (g.severity, g.code)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            keys, sorted,
            "one group per code, errors first, catalogue order"
        );
        assert_eq!(groups[0].code, Code::MobileMangled);
        assert!(groups[0].rows && groups[0].accounts);
    }

    #[test]
    fn filters_by_type_evidence_findings_text_and_code() {
        let c = checked("{}");
        let accounts = AccountFindings::new(&c.report);
        let run = |json: &str| {
            let q = Query::from_json(&serde_json::from_str(json).unwrap()).unwrap();
            filter(&c.report, &accounts, &q)
        };
        assert_eq!(run("{}"), [0, 1, 2]);
        assert_eq!(run(r#"{"type":"member"}"#), [0]);
        assert_eq!(run(r#"{"matched_by":"none"}"#), [1, 2]);
        assert_eq!(run(r#"{"matched_by":"wechat_id"}"#), [0]);
        // li.na's mangled mobile; partner@ (张伟, no key) while ZhangWei2 (张伟) has no mailbox.
        assert_eq!(run(r#"{"has_findings":true}"#), [1, 2]);
        assert_eq!(run(r#"{"q":"LI.NA"}"#), [1]);
        assert_eq!(run(r#"{"code":"mobile-mangled"}"#), [1]);
        assert_eq!(accounts.of("li.na@acme.cn").len(), 2);
        assert_eq!(accounts.count[1], 2);
        assert_eq!(accounts.worst[1], Some(Severity::Error));
        let bad = |json: &str| Query::from_json(&serde_json::from_str(json).unwrap()).unwrap_err();
        assert_eq!(bad(r#"{"typo":1}"#), "unknown field `typo`");
        assert_eq!(bad(r#"{"code":"nope"}"#), "unknown code `nope`");
        assert_eq!(bad(r#"{"q":3}"#), "`q` is a string");
    }

    #[test]
    fn the_picker_lists_free_members_first_and_suggests_by_name() {
        let c = checked(r#"{"overrides":{"partner@acme.cn":{"type":"member","userid":"Nobody"}}}"#);
        let list = picker_list(&c.report, &c.members());
        let ids: Vec<&str> = list.iter().map(|p| p.userid.as_str()).collect();
        assert_eq!(ids, ["ZhangWei2", "ZhangWei", "Nobody"]);
        assert_eq!(list[1].taken.as_deref(), Some("zhang.wei@acme.cn"));
        assert_eq!(
            (list[2].status, list[2].taken.as_deref()),
            ("", Some("partner@acme.cn"))
        );
        let (total, page) = pick(&list, "zhang", "张伟", 1);
        assert_eq!(total, 2);
        assert_eq!(
            (page[0].userid.as_str(), page[0].suggested),
            ("ZhangWei2", true)
        );
        assert_eq!(pick(&list, "nob", "", 10).0, 1);
    }
}
