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
use crate::vocab::Lang;

mod codes;
use codes::{file_code, kind_code, matched_by_code, severity_code};

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
    let lists = compact_lists(
        report,
        report.assignments.len(),
        report.assignments.iter(),
        report.findings.len(),
        report.findings.iter(),
    );
    Compact {
        head: report.head_json(),
        narrow: lists.narrow,
        narrow_ends: lists.narrow_ends,
        wide: lists.wide,
        wide_ends: lists.wide_ends,
        assignments: lists.assignments,
        findings: lists.findings,
        args: lists.args,
    }
}

/// Some of the report's assignments and findings (`accounts` and `findings` of them) in the
/// compact form: a page of the accounts table, the findings of one account or one code.
pub(crate) struct CompactLists {
    pub narrow: String,
    pub narrow_ends: Vec<u32>,
    pub wide: String,
    pub wide_ends: Vec<u32>,
    pub assignments: Vec<u32>,
    pub findings: Vec<u32>,
    pub args: String,
}

pub(crate) fn compact_lists<'r>(
    report: &'r Report,
    accounts: usize,
    assignments: impl Iterator<Item = Assignment<'r>>,
    findings: usize,
    found: impl Iterator<Item = &'r Finding>,
) -> CompactLists {
    let mut strings = Strings {
        // Sized for a typical report: ASCII addresses and ids, Chinese names and messages.
        narrow: Text::with_capacity(64 * accounts + 48 * findings, 3 * accounts + 2 * findings),
        wide: Text::with_capacity(16 * accounts + 128 * findings, accounts + findings),
        statics: FxHashMap::default(),
    };
    let mut words = Vec::with_capacity(ASSIGNMENT_WORDS * accounts);
    for a in assignments {
        words.extend_from_slice(&assignment(&mut strings, a));
    }
    let mut finding_words = Vec::with_capacity(FINDING_WORDS * findings);
    let mut args = String::with_capacity(16 * findings + 2);
    args.push('[');
    for (i, f) in found.enumerate() {
        finding_words.extend_from_slice(&finding(&mut strings, f, report.lang));
        if i > 0 {
            args.push(',');
        }
        crate::report::write_args(&mut args, f);
    }
    args.push(']');
    CompactLists {
        narrow: strings.narrow.text,
        narrow_ends: strings.narrow.ends,
        wide: strings.wide.text,
        wide_ends: strings.wide.ends,
        assignments: words,
        findings: finding_words,
        args,
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

fn assignment(strings: &mut Strings, a: Assignment<'_>) -> [u32; ASSIGNMENT_WORDS] {
    let email = strings.add(a.email);
    let userid = strings.opt(a.userid);
    // The evidence of an address match is the address itself.
    let evidence = match a.evidence {
        Some(e) if e == a.email => email,
        other => strings.opt(other),
    };
    let name = strings.add(a.name);
    // The WeCom name is almost always the Exmail name: one string, which JS then shares.
    let wecom_name = match a.wecom_name {
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
mod tests;
