//! The compact form against what it encodes: every string and number comes back.
use super::*;
use crate::report::MemberInfo;
use crate::vocab::{AssignmentType, FileKind, MatchedBy};
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
    a.evidence = Some("13800138000");
    a.wecom_name = Some("李 娜");
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
    let r = report(vec![a, other("b@x.cn", "")], findings.clone());
    let c = compact(&r);
    assert_eq!(c.head, r.head_json());
    assert_eq!(c.args, "[{},{}]");
    assert_eq!(c.assignments.len(), 2 * ASSIGNMENT_WORDS);
    let w = &c.assignments[..ASSIGNMENT_WORDS];
    assert_eq!(string(&c, w[0]).as_deref(), Some(a.email));
    assert_eq!(string(&c, w[1]).as_deref(), a.userid);
    assert_eq!(string(&c, w[2]).as_deref(), a.evidence);
    assert_eq!(string(&c, w[3]).as_deref(), Some(a.name));
    assert_eq!(string(&c, w[4]).as_deref(), a.wecom_name);
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
        email: "张伟😀@x.cn",
        kind: AssignmentType::Member,
        userid: Some("zw"),
        matched_by: Some(MatchedBy::Email),
        evidence: Some("张伟😀@x.cn"),
        row: 7,
        name: "Zhang",
        wecom_name: Some("Zhang"),
    };
    // The address is wide string 0 (id 1), evidence and WeCom name reuse their twins' ids.
    assert_eq!(assignment(&mut strings, a), [1, 0, 1, 2, 2, 3 << 4, 7]);
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
        email: "zw@x.cn",
        kind: AssignmentType::Member,
        userid: Some("zw"),
        matched_by: Some(MatchedBy::WechatId),
        evidence: Some("wx_zw"),
        row: 2,
        name: "张伟",
        wecom_name: Some("张 伟"),
    };
    assert_eq!(assignment(&mut strings, a), [0, 2, 4, 1, 3, 1 << 4, 2]);
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
