//! The report as JSON, written directly: the bytes `serde_json::to_string` gives for the same
//! shape (the tests compare the two), at a fraction of the cost. A 100k-account report is 24 MB
//! of mostly short strings that need no escaping: each is copied whole instead of byte by byte.
//! Each finding's `message` is rendered here, in the report's language, and its `args` written
//! as plain values.

use super::{
    Assignment, Finding, InputInfo, InputsInfo, Report, Summary, ENGINE_NAME, ENGINE_VERSION,
};
use crate::vocab::Lang;

/// Writes `report`.
pub(super) fn write(report: &Report) -> String {
    write_with(report, true)
}

/// Writes `report` with its assignments and findings left empty (`[]`).
pub(super) fn write_head(report: &Report) -> String {
    write_with(report, false)
}

fn write_with(report: &Report, lists: bool) -> String {
    // A guess of the size (a little over), to allocate once.
    let capacity = match lists {
        true => 192 * report.assignments.len() + 288 * report.findings.len() + 4096,
        false => 4096,
    };
    let mut w = Writer(String::with_capacity(capacity));
    w.raw("{\"version\":");
    w.num(report.version as u64);
    w.raw(",\"engine\":{\"name\":");
    w.str(ENGINE_NAME);
    w.raw(",\"version\":");
    w.str(ENGINE_VERSION);
    w.raw("},\"summary\":");
    w.summary(&report.summary);
    w.raw(",\"assignments\":[");
    if lists {
        for (i, a) in report.assignments.iter().enumerate() {
            w.comma(i);
            w.assignment(a);
        }
    }
    w.raw("],\"findings\":[");
    if lists {
        for (i, f) in report.findings.iter().enumerate() {
            w.comma(i);
            w.finding(f, report.lang);
        }
    }
    w.raw("],\"inputs\":");
    w.inputs(&report.inputs);
    w.raw("}");
    w.0
}

struct Writer(String);

impl Writer {
    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    fn comma(&mut self, index: usize) {
        if index > 0 {
            self.0.push(',');
        }
    }

    fn num(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[start..] {
            self.0.push(char::from(d));
        }
    }

    fn opt_num(&mut self, n: Option<u32>) {
        match n {
            Some(n) => self.num(u64::from(n)),
            None => self.raw("null"),
        }
    }

    fn bool(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }

    fn str(&mut self, s: &str) {
        escape_json(&mut self.0, s);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    fn summary(&mut self, s: &Summary) {
        for (i, (name, n)) in s.counts().into_iter().enumerate() {
            self.raw(if i == 0 { "{\"" } else { ",\"" });
            self.raw(name);
            self.raw("\":");
            self.num(n as u64);
        }
        self.raw(",\"importable\":");
        self.bool(s.importable);
        self.raw(",\"confirm\":");
        self.num(s.confirm as u64);
        self.raw(",\"verdict\":");
        self.str(s.verdict.as_str());
        self.raw("}");
    }

    fn assignment(&mut self, a: Assignment<'_>) {
        self.raw("{\"email\":");
        self.str(a.email);
        self.raw(",\"type\":\"");
        self.raw(a.kind.as_str());
        self.raw("\",\"userid\":");
        self.opt_str(a.userid);
        self.raw(",\"matched_by\":");
        self.opt_str(a.matched_by.map(|m| m.as_str()));
        self.raw(",\"evidence\":");
        self.opt_str(a.evidence);
        self.raw(",\"row\":");
        self.num(u64::from(a.row));
        self.raw(",\"name\":");
        self.str(a.name);
        self.raw(",\"wecom_name\":");
        self.opt_str(a.wecom_name);
        self.raw("}");
    }

    fn finding(&mut self, f: &Finding, lang: Lang) {
        self.raw("{\"code\":");
        self.str(f.code().as_str());
        self.raw(",\"severity\":");
        self.str(f.severity().as_str());
        self.raw(",\"file\":");
        self.opt_str(f.file.map(|k| k.as_str()));
        self.raw(",\"row\":");
        self.opt_num(f.row);
        self.raw(",\"field\":");
        self.opt_str(f.field.map(|k| k.as_str()));
        self.raw(",\"value\":");
        self.opt_str(f.value.as_deref());
        self.raw(",\"email\":");
        self.opt_str(f.email.as_deref());
        self.raw(",\"message\":");
        self.str(&f.message(lang));
        self.raw(",\"args\":");
        write_args(&mut self.0, f);
        self.raw("}");
    }

    fn inputs(&mut self, i: &InputsInfo) {
        self.raw("{\"exmail\":");
        self.input(&i.exmail);
        self.raw(",\"wecom\":");
        match &i.wecom {
            Some(w) => self.input(w),
            None => self.raw("null"),
        }
        self.raw(",\"roster\":");
        match &i.roster {
            Some(r) => self.input(r),
            None => self.raw("null"),
        }
        self.raw("}");
    }

    fn input(&mut self, i: &InputInfo) {
        self.raw("{\"format\":");
        self.str(&i.format);
        self.raw(",\"encoding\":");
        self.opt_str(i.encoding.as_deref());
        self.raw(",\"sheet\":");
        self.opt_str(i.sheet.as_deref());
        self.raw(",\"header_row\":");
        self.opt_num(i.header_row);
        self.raw(",\"headers\":[");
        for (n, h) in i.headers.iter().enumerate() {
            self.comma(n);
            self.str(h);
        }
        self.raw("],\"columns\":[");
        for (n, (field, header)) in i.columns.iter().enumerate() {
            self.comma(n);
            self.raw("[");
            self.str(field);
            self.raw(",");
            self.str(header);
            self.raw("]");
        }
        self.raw("],\"rows\":");
        self.num(i.rows as u64);
        self.raw(",\"guessed\":[");
        for (n, g) in i.guessed.iter().enumerate() {
            self.comma(n);
            self.raw("{\"column\":");
            self.str(&g.column);
            self.raw(",\"header\":");
            self.str(&g.header);
            self.raw(",\"field\":");
            self.opt_str(g.field);
            self.raw(",\"looks_like\":");
            self.str(g.looks_like);
            self.raw("}");
        }
        self.raw("]}");
    }
}

/// A finding's arguments as a JSON object of plain values, in the rule's order.
pub fn write_args(out: &mut String, f: &Finding) {
    out.push('{');
    for (i, (name, value)) in f.args.values().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        escape_json(out, name);
        out.push(':');
        value.write_json(out, &escape_json);
    }
    out.push('}');
}

/// `s` as a JSON string, escaped as serde_json escapes: `"`, `\` and the control characters
/// below U+0020 (short forms where JSON has them, else `\u00xx`); everything else as is.
pub fn escape_json(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    while let Some(at) = escape_at(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let byte = rest.as_bytes()[at];
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\x08' => out.push_str("\\b"),
            b'\x0c' => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        }
        // The escaped byte is ASCII, so the rest starts on a character boundary.
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The first byte that needs escaping. Eight bytes at a time: a word with none of them (the
/// usual case) is passed with a few arithmetic operations instead of eight comparisons.
fn escape_at(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Non-zero when some byte of `w` is zero (exact as to whether; not as to which).
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS;
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_ne_bytes(word);
        // Below 0x20: the subtraction borrows out of the byte, and its high bit was clear.
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
        let quote = has_zero(w ^ (ONES * u64::from(b'"')));
        let backslash = has_zero(w ^ (ONES * u64::from(b'\\')));
        if control | quote | backslash != 0 {
            break;
        }
        offset += 8;
    }
    let tail = bytes.get(offset..).unwrap_or_default();
    tail.iter()
        .position(|&b| needs_escape(b))
        .map(|at| offset + at)
}

#[cfg(test)]
mod tests {
    use serde::ser::SerializeMap;
    use serde::Serialize;

    use super::*;
    use crate::report::{Assignments, GuessedColumn, Verdict};
    use crate::rules::args::{KeysSay, RosterSays};
    use crate::rules::Args;
    use crate::vocab::{AssignmentType, Field, FileKind, MatchedBy, Status};

    /// The report's shape, serialised by serde: what the writer must match byte for byte.
    #[derive(Serialize)]
    struct Reference<'a> {
        version: u32,
        engine: ReferenceEngine,
        summary: &'a Summary,
        assignments: Vec<Assignment<'a>>,
        findings: Vec<ReferenceFinding<'a>>,
        inputs: &'a InputsInfo,
    }

    #[derive(Serialize)]
    struct ReferenceEngine {
        name: &'static str,
        version: &'static str,
    }

    #[derive(Serialize)]
    struct ReferenceFinding<'a> {
        code: &'static str,
        severity: &'static str,
        file: Option<FileKind>,
        row: Option<u32>,
        field: Option<Field>,
        value: Option<&'a str>,
        email: Option<&'a str>,
        message: String,
        args: ReferenceArgs<'a>,
    }

    struct ReferenceArgs<'a>(&'a Finding);

    impl Serialize for ReferenceArgs<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let values = self.0.args.values();
            let mut map = s.serialize_map(Some(values.len()))?;
            for (k, v) in &values {
                map.serialize_entry(k, v)?;
            }
            map.end()
        }
    }

    fn same_as_serde(report: &Report) {
        let findings = report
            .findings
            .iter()
            .map(|f| ReferenceFinding {
                code: f.code().as_str(),
                severity: f.severity().as_str(),
                file: f.file,
                row: f.row,
                field: f.field,
                value: f.value.as_deref(),
                email: f.email.as_deref(),
                message: f.message(report.lang),
                args: ReferenceArgs(f),
            })
            .collect();
        let reference = Reference {
            version: report.version,
            engine: ReferenceEngine {
                name: "roster-check",
                version: env!("CARGO_PKG_VERSION"),
            },
            summary: &report.summary,
            assignments: report.assignments.iter().collect(),
            findings,
            inputs: &report.inputs,
        };
        assert_eq!(write(report), serde_json::to_string(&reference).unwrap());
    }

    fn nasty(i: usize) -> String {
        let pieces = [
            "plain",
            "张伟",
            "\"quoted\"",
            "back\\slash",
            "\u{0}\u{1}\u{1f}",
            "\t\n\r\u{8}\u{c}",
            "\u{7f}\u{2028}/",
            "ＡＢ",
            "",
            "😀x",
        ];
        format!(
            "{}{}",
            pieces[i % pieces.len()],
            pieces[(i * 7 + 3) % pieces.len()]
        )
    }

    #[test]
    fn every_shape_is_written_as_serde_json_writes_it() {
        let texts: Vec<String> = (0..45).map(nasty).collect();
        let text = |i: usize| texts[i].as_str();
        let assignments = (0..40)
            .map(|i| Assignment {
                email: text(i),
                kind: [
                    AssignmentType::Member,
                    AssignmentType::Other,
                    AssignmentType::Unassigned,
                ][i % 3],
                userid: i.is_multiple_of(2).then(|| text(i + 1)),
                matched_by: [
                    None,
                    Some(MatchedBy::WechatId),
                    Some(MatchedBy::BizMail),
                    Some(MatchedBy::Email),
                    Some(MatchedBy::Mobile),
                    Some(MatchedBy::Roster),
                    Some(MatchedBy::Override),
                ][i % 7],
                evidence: (i % 3 == 0).then(|| text(i + 2)),
                row: i as u32 * 1_000_003,
                name: text(i + 3),
                wecom_name: (i % 4 == 1).then(|| text(i + 4)),
            })
            .collect();
        let args = |i: usize| match i % 5 {
            0 => Args::Irreversible {},
            1 => Args::RosterDisagrees {
                roster: RosterSays::MemberOf(nasty(i)),
                key: MatchedBy::Mobile,
                keys: KeysSay::HeldBy(nasty(i + 1)),
            },
            2 => Args::MemberInactive {
                userid: nasty(i),
                status: Status::Left,
            },
            3 => Args::QuotaExceeded {
                count: u64::MAX,
                quota: i as u64,
                excess: 0,
            },
            _ => Args::MemberNotInWecom { userid: None },
        };
        let findings = (0..40)
            .map(|i| Finding {
                args: args(i),
                file: [
                    None,
                    Some(FileKind::Exmail),
                    Some(FileKind::Wecom),
                    Some(FileKind::Roster),
                    Some(FileKind::Options),
                ][i % 5],
                row: (i % 2 == 1).then_some(u32::MAX - i as u32),
                field: (i % 3 == 1).then_some(Field::Mobile),
                value: (i % 4 != 0).then(|| nasty(i)),
                email: (i % 5 != 0).then(|| nasty(i + 1)),
            })
            .collect();
        let input = |i: usize| InputInfo {
            format: nasty(i),
            encoding: i.is_multiple_of(2).then(|| nasty(i + 1)),
            sheet: (i % 2 == 1).then(|| nasty(i + 2)),
            header_row: (!i.is_multiple_of(3)).then_some(i as u32),
            headers: (0..i).map(nasty).collect(),
            columns: (0..i).map(|c| (nasty(c), nasty(c + 5))).collect(),
            rows: i * 99_999,
            guessed: (0..i)
                .map(|c| GuessedColumn {
                    column: nasty(c),
                    header: nasty(c + 1),
                    field: (c % 2 == 0).then_some("email"),
                    looks_like: "mobile",
                })
                .collect(),
        };
        let mut report = Report {
            version: 1,
            lang: Lang::En,
            summary: Summary {
                accounts: 1,
                member: 2,
                other: 3,
                unassigned: 4,
                wecom_members: 5,
                errors: 6,
                warnings: 7,
                infos: usize::MAX,
                importable: true,
                confirm: 8,
                verdict: Verdict::Confirm,
            },
            assignments,
            findings,
            inputs: InputsInfo {
                exmail: input(0),
                wecom: Some(input(3)),
                roster: Some(input(4)),
            },
        };
        same_as_serde(&report);
        report.lang = Lang::ZhTw;
        same_as_serde(&report);
        report.inputs.roster = None;
        report.summary.importable = false;
        report.summary.verdict = Verdict::NotImportable;
        same_as_serde(&report);
        report.assignments = Assignments::default();
        report.findings.clear();
        same_as_serde(&report);
    }

    #[test]
    fn escapes_are_found_at_any_offset() {
        for special in [0u8, 0x1f, b'"', b'\\', b'\n'] {
            for len in 0..20 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    assert_eq!(escape_at(&bytes), Some(at), "{special} at {at} of {len}");
                }
                let clean: Vec<u8> = (0..len)
                    .map(|i| [b'a', 0x20, 0x7f, 0xe4, b'!'][i % 5])
                    .collect();
                assert_eq!(escape_at(&clean), None);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_written_as_serde_json_writes_it(s in "\\PC*|[\\x00-\\x7f]*") {
            let mut out = String::new();
            escape_json(&mut out, &s);
            proptest::prop_assert_eq!(out, serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn every_byte_escapes_as_serde_json_escapes_it() {
        let all: String = (0u32..0x80).filter_map(char::from_u32).collect();
        let mut out = String::new();
        escape_json(&mut out, &all);
        assert_eq!(out, serde_json::to_string(&all).unwrap());
    }
}
