//! The report in the form the JS module builds `report()` from (`compact.js`): the small parts
//! as JSON, the two long lists as numbers, and their strings end to end in two texts, each
//! decoded by JS in one call. Building 100k assignments from that is several times cheaper than
//! making 24 MB of JSON, decoding it to a JS string and parsing it again.
//!
//! Strings that are all ASCII (addresses, userids, mobiles: most of them) go in one text and
//! the rest (names, messages) in the other. V8 keeps an ASCII text as one byte per character
//! and decodes it several times faster than text with a single Chinese character in it, and
//! the strings cut from it are half the size.
//!
//! A string is named by an id: `index << 1 | wide`. It is its text (`narrow` or `wide`) from
//! `ends[index - 1]` (0 for the first) to `ends[index]` of that text, in UTF-16 code units, as JS
//! strings count. [`NONE`] is `null`.

use rustc_hash::FxHashMap;

use crate::report::members::MemberView;
use crate::report::{Assignment, Finding, Report};
use crate::vocab::{AssignmentType, FileKind, Lang, MatchedBy, Severity};

/// A string that is `null`.
pub(crate) const NONE: u32 = u32::MAX;
/// Numbers per assignment: email, userid, evidence, name, wecom_name (string ids), the type and
/// match (`type | matched_by << 4`), row.
pub(crate) const ASSIGNMENT_WORDS: usize = 7;
/// Numbers per finding: code (string id), `severity | file << 4 | has_row << 8`, row, then the
/// string ids of field, value, email, message.
pub(crate) const FINDING_WORDS: usize = 7;
/// Numbers per member: userid, name (string ids), row, then the string ids of department,
/// status and mailbox.
pub(crate) const MEMBER_WORDS: usize = 6;

pub(crate) struct Compact {
    /// The report as JSON, its assignments and findings empty.
    pub head: String,
    /// The ASCII strings, end to end.
    pub narrow: String,
    pub narrow_ends: Vec<u32>,
    /// The other strings, end to end.
    pub wide: String,
    pub wide_ends: Vec<u32>,
    pub assignments: Vec<u32>,
    pub findings: Vec<u32>,
    /// The findings' `args`, one JSON object each, as one JSON array (parsed by JS in one call).
    pub args: String,
}

/// `Check.members()` in the same form: the list as numbers, its strings in two texts.
pub(crate) struct CompactMembers {
    pub narrow: String,
    pub narrow_ends: Vec<u32>,
    pub wide: String,
    pub wide_ends: Vec<u32>,
    pub members: Vec<u32>,
}

/// The codes `compact.js` maps back to strings; 0 is `null` where a field may be.
fn kind_code(kind: AssignmentType) -> u32 {
    match kind {
        AssignmentType::Member => 0,
        AssignmentType::Other => 1,
        AssignmentType::Unassigned => 2,
    }
}

fn matched_by_code(by: Option<MatchedBy>) -> u32 {
    match by {
        None => 0,
        Some(MatchedBy::WechatId) => 1,
        Some(MatchedBy::BizMail) => 2,
        Some(MatchedBy::Email) => 3,
        Some(MatchedBy::Mobile) => 4,
        Some(MatchedBy::Roster) => 5,
        Some(MatchedBy::Override) => 6,
        Some(MatchedBy::PathNew) => 7,
    }
}

fn severity_code(severity: Severity) -> u32 {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn file_code(file: Option<FileKind>) -> u32 {
    match file {
        None => 0,
        Some(FileKind::Exmail) => 1,
        Some(FileKind::Wecom) => 2,
        Some(FileKind::Roster) => 3,
        Some(FileKind::Options) => 4,
    }
}

/// Length in UTF-16 code units: one per character, two for those beyond U+FFFF (four bytes in
/// UTF-8, lead byte F0..F4).
fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.bytes()
        .map(|b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
        .sum()
}

/// Strings end to end, and where each ends in UTF-16 code units.
#[derive(Default)]
struct Text {
    text: String,
    ends: Vec<u32>,
    /// UTF-16 length of `text` so far.
    end: usize,
}

impl Text {
    fn with_capacity(bytes: usize, strings: usize) -> Text {
        Text {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(strings),
            end: 0,
        }
    }

    /// Appends `s`, `units` long in UTF-16; its index.
    fn push(&mut self, s: &str, units: usize) -> u32 {
        self.text.push_str(s);
        self.end += units;
        // Within u32: the text is in wasm32 memory.
        self.ends.push(self.end as u32);
        (self.ends.len() - 1) as u32
    }
}

#[derive(Default)]
struct Strings {
    narrow: Text,
    wide: Text,
    /// Codes and field names repeat on every finding: each is stored once.
    statics: FxHashMap<&'static str, u32>,
}

impl Strings {
    fn add(&mut self, s: &str) -> u32 {
        if s.is_ascii() {
            self.narrow.push(s, s.len()) << 1
        } else {
            self.wide.push(s, utf16_len(s)) << 1 | 1
        }
    }

    fn opt(&mut self, s: Option<&str>) -> u32 {
        s.map_or(NONE, |s| self.add(s))
    }

    fn fixed(&mut self, s: &'static str) -> u32 {
        if let Some(&id) = self.statics.get(s) {
            return id;
        }
        let id = self.add(s);
        self.statics.insert(s, id);
        id
    }
}

pub(crate) fn compact(report: &Report) -> Compact {
    let (accounts, findings) = (report.assignments.len(), report.findings.len());
    let mut strings = Strings {
        // Sized for a typical report: ASCII addresses and ids, Chinese names and messages.
        narrow: Text::with_capacity(64 * accounts + 48 * findings, 3 * accounts + 2 * findings),
        wide: Text::with_capacity(16 * accounts + 128 * findings, accounts + findings),
        statics: FxHashMap::default(),
    };
    let mut assignments = Vec::with_capacity(ASSIGNMENT_WORDS * accounts);
    for a in &report.assignments {
        assignments.extend_from_slice(&assignment(&mut strings, a));
    }
    let mut found = Vec::with_capacity(FINDING_WORDS * findings);
    let mut args = String::with_capacity(16 * findings + 2);
    args.push('[');
    for (i, f) in report.findings.iter().enumerate() {
        found.extend_from_slice(&finding(&mut strings, f, report.lang));
        if i > 0 {
            args.push(',');
        }
        crate::report::write_args(&mut args, f);
    }
    args.push(']');
    Compact {
        head: report.head_json(),
        args,
        narrow: strings.narrow.text,
        narrow_ends: strings.narrow.ends,
        wide: strings.wide.text,
        wide_ends: strings.wide.ends,
        assignments,
        findings: found,
    }
}

/// `members`: the list, `count` long.
pub(crate) fn compact_members<'a>(
    members: impl Iterator<Item = MemberView<'a>>,
    count: usize,
) -> CompactMembers {
    let mut strings = Strings {
        narrow: Text::with_capacity(40 * count, 2 * count),
        wide: Text::with_capacity(24 * count, count),
        statics: FxHashMap::default(),
    };
    // A company has a few hundred departments for its thousands of members: each is stored
    // once, and JS makes one string of it.
    let mut departments: FxHashMap<&str, u32> = FxHashMap::default();
    let mut words = Vec::with_capacity(MEMBER_WORDS * count);
    for m in members {
        let department = *departments
            .entry(m.department)
            .or_insert_with(|| strings.add(m.department));
        words.extend_from_slice(&[
            strings.add(&m.userid),
            strings.add(&m.name),
            m.row,
            department,
            strings.fixed(m.status),
            strings.opt(m.mailbox),
        ]);
    }
    CompactMembers {
        narrow: strings.narrow.text,
        narrow_ends: strings.narrow.ends,
        wide: strings.wide.text,
        wide_ends: strings.wide.ends,
        members: words,
    }
}

fn assignment(strings: &mut Strings, a: &Assignment) -> [u32; ASSIGNMENT_WORDS] {
    let email = strings.add(&a.email);
    let userid = strings.opt(a.userid.as_deref());
    // The evidence of an address match is the address itself.
    let evidence = match a.evidence.as_deref() {
        Some(e) if e == a.email => email,
        other => strings.opt(other),
    };
    let name = strings.add(&a.name);
    // The WeCom name is almost always the Exmail name: one string, which JS then shares.
    let wecom_name = match a.wecom_name.as_deref() {
        Some(w) if w == a.name => name,
        other => strings.opt(other),
    };
    let kind = kind_code(a.kind) | matched_by_code(a.matched_by) << 4;
    [email, userid, evidence, name, wecom_name, kind, a.row]
}

fn finding(strings: &mut Strings, f: &Finding, lang: Lang) -> [u32; FINDING_WORDS] {
    let code = strings.fixed(f.code().as_str());
    let flags =
        severity_code(f.severity()) | file_code(f.file) << 4 | u32::from(f.row.is_some()) << 8;
    let field = f.field.map_or(NONE, |field| strings.fixed(field.as_str()));
    [
        code,
        flags,
        f.row.unwrap_or(0),
        field,
        strings.opt(f.value.as_deref()),
        strings.opt(f.email.as_deref()),
        strings.add(&f.message(lang)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::MemberInfo;
    use std::borrow::Cow;

    proptest::proptest! {
        #[test]
        fn utf16_len_counts_as_js_does(s in "\\PC*") {
            proptest::prop_assert_eq!(utf16_len(&s), s.encode_utf16().count());
        }
    }

    /// String `id` of `c`, cut as `compact.js` cuts it (by UTF-16 units).
    fn string(c: &Compact, id: u32) -> Option<String> {
        cut(&c.narrow, &c.narrow_ends, &c.wide, &c.wide_ends, id)
    }

    fn cut(
        narrow: &str,
        narrow_ends: &[u32],
        wide: &str,
        wide_ends: &[u32],
        id: u32,
    ) -> Option<String> {
        if id == NONE {
            return None;
        }
        let (text, ends) = match id & 1 {
            0 => (narrow, narrow_ends),
            _ => (wide, wide_ends),
        };
        let index = (id >> 1) as usize;
        let units: Vec<u16> = text.encode_utf16().collect();
        let start = index.checked_sub(1).map_or(0, |p| ends[p] as usize);
        Some(String::from_utf16(&units[start..ends[index] as usize]).unwrap())
    }

    #[test]
    fn every_member_comes_back() {
        let member = |userid, name, row, department, status, mailbox| MemberView {
            userid: Cow::Borrowed(userid),
            name: Cow::Borrowed(name),
            row,
            department,
            status,
            mailbox,
        };
        let members = [
            member(
                "ZhangWei",
                "张伟",
                2,
                "研发部/后端",
                "active",
                Some("zhang.wei@x.cn"),
            ),
            member("lina", "", 3, "研发部/后端", "not_activated", None),
            member("wang😀", "Wang", 9, "", "active", Some("wang@x.cn")),
        ];
        let c = compact_members(members.iter().cloned(), members.len());
        assert_eq!(c.members.len(), 3 * MEMBER_WORDS);
        let text = |id| cut(&c.narrow, &c.narrow_ends, &c.wide, &c.wide_ends, id);
        for (m, w) in members.iter().zip(c.members.chunks(MEMBER_WORDS)) {
            assert_eq!(text(w[0]).as_deref(), Some(m.userid.as_ref()));
            assert_eq!(text(w[1]).as_deref(), Some(m.name.as_ref()));
            assert_eq!(w[2], m.row);
            assert_eq!(text(w[3]).as_deref(), Some(m.department));
            assert_eq!(text(w[4]).as_deref(), Some(m.status));
            assert_eq!(text(w[5]).as_deref(), m.mailbox);
        }
        // Repeated departments and statuses are one string each.
        assert_eq!(c.members[3], c.members[MEMBER_WORDS + 3]);
        assert_eq!(c.members[4], c.members[2 * MEMBER_WORDS + 4]);
    }

    #[test]
    fn every_string_and_number_comes_back() {
        use crate::export::test_support::{finding, member, other, report};
        use crate::rules::Args;
        use crate::vocab::Field;
        let mut a = member("😀li@x.cn", "李娜", "LiNa", MatchedBy::Mobile);
        a.evidence = Some("13800138000".into());
        a.wecom_name = Some("李 娜".into());
        a.row = 42;
        let findings = vec![
            finding(Args::Irreversible {}, None, None, None, None, None),
            finding(
                Args::MobileMangled {},
                Some(FileKind::Exmail),
                Some(u32::MAX),
                Some(Field::Mobile),
                Some("1.38E+10"),
                Some("😀li@x.cn"),
            ),
        ];
        let r = report(vec![a.clone(), other("b@x.cn", "")], findings.clone());
        let c = compact(&r);
        assert_eq!(c.head, r.head_json());
        assert_eq!(c.args, "[{},{}]");
        assert_eq!(c.assignments.len(), 2 * ASSIGNMENT_WORDS);
        let w = &c.assignments[..ASSIGNMENT_WORDS];
        assert_eq!(string(&c, w[0]).as_deref(), Some(a.email.as_str()));
        assert_eq!(string(&c, w[1]), a.userid);
        assert_eq!(string(&c, w[2]), a.evidence);
        assert_eq!(string(&c, w[3]).as_deref(), Some(a.name.as_str()));
        assert_eq!(string(&c, w[4]), a.wecom_name);
        assert_eq!((w[5], w[6]), (4 << 4, 42));
        assert_eq!(
            c.assignments[ASSIGNMENT_WORDS + 5],
            1,
            "other, matched by nothing"
        );
        let f = &c.findings[FINDING_WORDS..];
        assert_eq!(string(&c, f[0]).as_deref(), Some("mobile-mangled"));
        assert_eq!((f[1], f[2]), (1 << 4 | 1 << 8, u32::MAX));
        assert_eq!(string(&c, f[3]).as_deref(), Some("mobile"));
        assert_eq!(string(&c, f[4]).as_deref(), Some("1.38E+10"));
        assert_eq!(string(&c, f[5]).as_deref(), Some("😀li@x.cn"));
        let message = r.findings[1].message(r.lang);
        assert_eq!(string(&c, f[6]), Some(message));
        assert_eq!(c.findings[1], 2, "info, no file, no row");
        assert_eq!(c.findings[3], NONE);
    }

    #[test]
    fn strings_are_stored_once_where_they_repeat() {
        let mut strings = Strings::default();
        let a = Assignment {
            email: "张伟😀@x.cn".into(),
            kind: AssignmentType::Member,
            userid: Some("zw".into()),
            matched_by: Some(MatchedBy::Email),
            evidence: Some("张伟😀@x.cn".into()),
            row: 7,
            name: "Zhang".into(),
            wecom_name: Some("Zhang".into()),
        };
        // The address is wide string 0 (id 1), evidence and WeCom name reuse their twins' ids.
        assert_eq!(assignment(&mut strings, &a), [1, 0, 1, 2, 2, 3 << 4, 7]);
        assert_eq!(strings.wide.ends, [9]);
        assert_eq!(strings.narrow.ends, [2, 7]);
        assert_eq!(strings.fixed("email-invalid"), 4);
        assert_eq!(strings.fixed("email-invalid"), 4);
        assert_eq!(strings.narrow.text, "zwZhangemail-invalid");
        assert_eq!(strings.wide.text, "张伟😀@x.cn");
    }

    #[test]
    fn a_different_wecom_name_is_its_own_string() {
        let mut strings = Strings::default();
        let a = Assignment {
            email: "zw@x.cn".into(),
            kind: AssignmentType::Member,
            userid: Some("zw".into()),
            matched_by: Some(MatchedBy::WechatId),
            evidence: Some("wx_zw".into()),
            row: 2,
            name: "张伟".into(),
            wecom_name: Some("张 伟".into()),
        };
        assert_eq!(assignment(&mut strings, &a), [0, 2, 4, 1, 3, 1 << 4, 2]);
        assert_eq!(strings.wide.text, "张伟张 伟");
        assert_eq!(strings.wide.ends, [2, 5]);
    }

    #[test]
    fn the_members_of_a_check_come_back_as_members_gives_them() {
        let exmail = "邮箱帐号,姓名,手机,微信ID,部门,状态\n\
            zhang.wei@acme.cn,张伟,13800138000,wx_zw,研发部,正常\n\
            partner@acme.cn,合作方,,,,正常\n";
        let wecom = "姓名,账号,手机,个人邮箱,企业邮箱,微信ID,部门,状态\n\
            张伟,ZhangWei,13800138000,,,wx_zw,研发部,1\n\
            李娜,LiNa😀,13900139000,,,,研发部,4\n\
            Wang,wang,,,,,,1\n";
        let inputs = crate::Inputs {
            exmail: exmail.as_bytes(),
            wecom: Some(wecom.as_bytes()),
            roster: None,
        };
        let checked = crate::check(&inputs, &crate::Options::default()).unwrap();
        let (views, count) = checked.member_views();
        let c = compact_members(views, count);
        let text = |id| cut(&c.narrow, &c.narrow_ends, &c.wide, &c.wide_ends, id);
        let back: Vec<MemberInfo> = c
            .members
            .chunks(MEMBER_WORDS)
            .map(|w| MemberInfo {
                userid: text(w[0]).unwrap(),
                name: text(w[1]).unwrap(),
                row: w[2],
                department: text(w[3]).unwrap(),
                status: STATUSES
                    .into_iter()
                    .find(|s| Some(*s) == text(w[4]).as_deref())
                    .unwrap(),
                mailbox: text(w[5]),
            })
            .collect();
        assert_eq!(back.len(), 3);
        assert_eq!(back, checked.members());
    }

    const STATUSES: [&str; 5] = ["active", "disabled", "left", "not_activated", "unknown"];
}
