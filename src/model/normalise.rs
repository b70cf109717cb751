//! Normalising cell text without losing the original: every function here is idempotent and
//! borrows when the input is already in normal form (the common case, and the fast one).

use std::borrow::Cow;

pub use crate::rules::args::Invalid;

use crate::ingest::fold::half_width;

fn needs_half_width(s: &str) -> bool {
    // Full-width forms are U+FF01..U+FF5E (UTF-8 lead byte EF) and U+3000 (lead byte E3): a
    // byte scan rules most text out before any char is decoded, and ASCII text needs none.
    !s.is_ascii()
        && s.bytes().any(|b| b == 0xEF || b == 0xE3)
        && s.chars().any(|c| half_width(c) != c)
}

/// `str::trim`, cheaply for the usual cell, which has no white space to trim: its first byte
/// starts no white-space character and its last character is none.
fn trim(s: &str) -> &str {
    let (Some(&first), Some(&last)) = (s.as_bytes().first(), s.as_bytes().last()) else {
        return s;
    };
    // The first bytes of every white-space character: TAB..CR and space, and the lead bytes
    // of U+0085 and U+00A0 (C2), U+1680 (E1), U+2000..U+205F (E2) and U+3000 (E3).
    let may_start_blank = matches!(first, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let may_end_blank = match last.is_ascii() {
        true => matches!(last, b'\t'..=b'\r' | b' '),
        false => s.chars().next_back().is_some_and(char::is_whitespace),
    };
    match may_start_blank || may_end_blank {
        true => s.trim(),
        false => s,
    }
}

/// Trimmed, full-width folded to half-width.
pub fn text(raw: &str) -> Cow<'_, str> {
    let trimmed = trim(raw);
    if needs_half_width(trimmed) {
        let folded: String = trimmed.chars().map(half_width).collect();
        Cow::Owned(folded.trim().to_string())
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// An address as a key: trimmed, half-width, lower-case (Exmail addresses ignore case), without
/// the apostrophe an export puts before a formula-like cell (so our own files read back).
pub fn address(raw: &str) -> Cow<'_, str> {
    match unmarked_text(raw) {
        Cow::Borrowed(s) if !s.bytes().any(|b| b.is_ascii_uppercase()) => Cow::Borrowed(s),
        other => Cow::Owned(other.to_lowercase()),
    }
}

/// Whether a spreadsheet could evaluate `cell`: it begins with `=`, `+`, `-`, `@`, TAB or CR.
/// `export::neutralise` marks such cells with a `'`; [`unmarked_text`] reads the mark back.
pub fn starts_like_formula(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// [`text`] without the leading `'` that `export::neutralise` puts before a cell starting with
/// `=`, `+`, `-`, `@`, TAB or CR: a roster this tool wrote reads back as the values it holds.
pub fn unmarked_text(raw: &str) -> Cow<'_, str> {
    fn unmark(mut s: &str) -> &str {
        while let Some(rest) = s.strip_prefix('\'') {
            if !starts_like_formula(rest) {
                break;
            }
            s = rest.trim();
        }
        s
    }
    match text(raw) {
        Cow::Borrowed(s) => Cow::Borrowed(unmark(s)),
        Cow::Owned(s) => match unmark(&s) {
            u if u.len() == s.len() => Cow::Owned(s),
            u => Cow::Owned(u.to_string()),
        },
    }
}

/// The characters of a name that count when comparing: no white space or dots, half-width,
/// lower-case.
fn name_chars(raw: &str) -> impl Iterator<Item = char> + '_ {
    raw.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '.' | '-' | '_'))
        .flat_map(char::to_lowercase)
}

/// A name as [`same_name`] compares it, for looking names up.
pub fn name_key(raw: &str) -> String {
    name_chars(raw).collect()
}

/// Whether two names are the same person's as written: `Zhang Wei` = `zhangwei` and
/// `张 伟` = `张伟` (but `张伟` ≠ `Zhang Wei`: that is for a human to judge).
pub fn same_name(a: &str, b: &str) -> bool {
    a == b || name_chars(a).eq(name_chars(b))
}

/// What a mobile cell holds, read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mobile<'a> {
    Empty,
    /// Digits only, without the +86/0086/86 country prefix; other countries keep `+` and code.
    Valid(Cow<'a, str>),
    /// Excel turned it into `1.38E+10`, or a re-saved trace of that (11 digits, 5+ trailing zeros).
    Mangled,
    /// Anything else that is not a number someone can log in with.
    Invalid,
}

impl<'a> Mobile<'a> {
    /// The matching key, for valid numbers.
    pub fn key(&self) -> Option<&str> {
        match self {
            Mobile::Valid(k) => Some(k),
            _ => None,
        }
    }
}

fn is_scientific(s: &str) -> bool {
    // `1.38E+10`, `1.38001e10`, `1,38E+10` (European decimal comma).
    let Some(pos) = s.bytes().position(|b| b == b'e' || b == b'E') else {
        return false;
    };
    let (mantissa, exponent) = (&s[..pos], &s[pos + 1..]);
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// A mainland mobile: 11 digits, `1[3-9]…`.
fn is_cn_mobile(d: &str) -> bool {
    d.len() == 11 && d.as_bytes()[0] == b'1' && (b'3'..=b'9').contains(&d.as_bytes()[1])
}

/// Reads a mobile cell: drops spaces, dashes, dots and brackets, the +86/0086/86 prefix and an
/// Excel float's `.0`; never repairs a number Excel has damaged.
pub fn mobile(raw: &str) -> Mobile<'_> {
    match text(raw) {
        Cow::Borrowed(cell) => parse_mobile(cell),
        Cow::Owned(cell) => match parse_mobile(&cell) {
            Mobile::Valid(key) => Mobile::Valid(Cow::Owned(key.into_owned())),
            Mobile::Empty => Mobile::Empty,
            Mobile::Mangled => Mobile::Mangled,
            Mobile::Invalid => Mobile::Invalid,
        },
    }
}

fn parse_mobile(s: &str) -> Mobile<'_> {
    if s.is_empty() {
        return Mobile::Empty;
    }
    // The usual cell, digits only: no exponent, suffix, prefix or separator to look for.
    match s.bytes().all(|b| b.is_ascii_digit()) {
        true => from_digits(Cow::Borrowed(s), false),
        false => parse_written_mobile(s),
    }
}

/// [`parse_mobile`] for a cell that is not digits only.
fn parse_written_mobile(s: &str) -> Mobile<'_> {
    if is_scientific(s) {
        return Mobile::Mangled;
    }
    let s = s.strip_suffix(".0").unwrap_or(s);
    // `+86 …` and `(+86) …` both carry a country code.
    let plus = s.trim_start_matches('(').starts_with('+');
    let body = s.strip_prefix('+').unwrap_or(s);
    let separator = |c: char| matches!(c, ' ' | '-' | '(' | ')' | '.' | '+' | '\u{a0}');
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || separator(c)) {
        return Mobile::Invalid;
    }
    let digits: Cow<str> = if body.bytes().all(|b| b.is_ascii_digit()) {
        Cow::Borrowed(body)
    } else {
        Cow::Owned(body.chars().filter(char::is_ascii_digit).collect())
    };
    from_digits(digits, plus)
}

/// A mobile from its digits; `plus`: it was written with a country code (`+…`).
fn from_digits(digits: Cow<'_, str>, plus: bool) -> Mobile<'_> {
    // Length of the country prefix to drop: 0086…, or 86 before eleven digits.
    let skip = if digits.starts_with("0086") {
        4
    } else if digits.len() == 13 && digits.starts_with("86") {
        2
    } else {
        0
    };
    if is_cn_mobile(&digits[skip..]) {
        if digits.ends_with("00000") {
            return Mobile::Mangled;
        }
        return Mobile::Valid(match digits {
            Cow::Borrowed(d) => Cow::Borrowed(&d[skip..]),
            Cow::Owned(d) => Cow::Owned(d[skip..].to_string()),
        });
    }
    if plus && !digits.starts_with("86") && (7..=15).contains(&digits.len()) {
        return Mobile::Valid(Cow::Owned(format!("+{digits}")));
    }
    Mobile::Invalid
}

/// `s` split around the first `byte` (ASCII), as `str::split_once` splits it.
fn split_at_first(s: &str, byte: u8) -> Option<(&str, &str)> {
    let at = s.bytes().position(|b| b == byte)?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// A general mailbox address (`local@domain.tld`), already normalised by [`address`].
pub fn check_address(a: &str) -> Result<(), Invalid> {
    if a.is_empty() {
        return Err(Invalid::Empty);
    }
    // Byte searches: a `char` pattern's searcher costs more than these short scans.
    let Some((local, domain)) = split_at_first(a, b'@') else {
        return Err(Invalid::NoAt);
    };
    if domain.bytes().any(|b| b == b'@') {
        return Err(Invalid::SeveralAt);
    }
    if local.is_empty() {
        return Err(Invalid::NothingBeforeAt);
    }
    if a.len() > 254 || local.len() > 64 {
        return Err(Invalid::TooLong);
    }
    match a.is_ascii() {
        true => check_ascii_address(a, domain),
        false => check_any_address(a, local, domain),
    }
}

/// The rest of [`check_address`]: white space, the domain's labels, the part before the @.
fn check_any_address(a: &str, local: &str, domain: &str) -> Result<(), Invalid> {
    let blank = |c: char| c.is_whitespace() || c.is_control();
    if a.bytes().any(|b| b <= b' ' || b >= 0x7F) && a.chars().any(blank) {
        return Err(Invalid::WhiteSpace);
    }
    let labels_ok = domain.contains('.')
        && domain.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && (l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    || l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        });
    if !labels_ok {
        return Err(Invalid::Domain);
    }
    if !local.is_ascii() {
        return Err(Invalid::NonAsciiLocal);
    }
    Ok(())
}

/// [`check_any_address`] for an ASCII address (nearly all), on bytes: in ASCII, white space or
/// control characters are the bytes up to space and DEL, letters and digits are ASCII ones,
/// and the part before the @ is ASCII already.
fn check_ascii_address(a: &str, domain: &str) -> Result<(), Invalid> {
    if a.bytes().any(|b| b <= b' ' || b == 0x7F) {
        return Err(Invalid::WhiteSpace);
    }
    let label_ok = |l: &[u8]| {
        l.first().is_some_and(|&b| b != b'-')
            && l.last().is_some_and(|&b| b != b'-')
            && l.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let domain = domain.as_bytes();
    if !domain.contains(&b'.') || !domain.split(|&b| b == b'.').all(label_ok) {
        return Err(Invalid::Domain);
    }
    Ok(())
}

/// An Exmail account address: general rules, then the local part's: letters, digits and `.-_`,
/// no symbol first or last, no two symbols side by side.
pub fn check_exmail_address(a: &str) -> Result<(), Invalid> {
    check_address(a)?;
    let local = split_at_first(a, b'@').map_or(a, |(local, _)| local);
    let symbol = |b: u8| matches!(b, b'.' | b'-' | b'_');
    let bytes = local.as_bytes();
    if !bytes
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || symbol(b))
    {
        return Err(Invalid::LocalCharacters);
    }
    if bytes.first().is_some_and(|&b| symbol(b)) || bytes.last().is_some_and(|&b| symbol(b)) {
        return Err(Invalid::LocalEdge);
    }
    if bytes.windows(2).any(|w| symbol(w[0]) && symbol(w[1])) {
        return Err(Invalid::LocalAdjacent);
    }
    Ok(())
}

/// A WeCom enterprise address (企业邮箱 / `biz_mail`): general rules, 6–64 bytes, no `--` or `+`.
pub fn check_biz_mail(a: &str) -> Result<(), Invalid> {
    check_address(a)?;
    if !(6..=64).contains(&a.len()) {
        return Err(Invalid::BizMailLength);
    }
    if a.contains("--") || a.contains('+') {
        return Err(Invalid::BizMailCharacters);
    }
    Ok(())
}

/// A WeCom `userid`: 1–64 bytes of letters, digits and `_-@.`, starting with a letter or digit.
pub fn check_userid(u: &str) -> Result<(), Invalid> {
    if u.is_empty() {
        return Err(Invalid::UseridEmpty);
    }
    if u.len() > 64 {
        return Err(Invalid::UseridTooLong);
    }
    if !u
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'@' | b'.'))
    {
        return Err(Invalid::UseridCharacters);
    }
    if !u.as_bytes()[0].is_ascii_alphanumeric() {
        return Err(Invalid::UseridStart);
    }
    Ok(())
}

/// A 账号 cell split into the userid a member has after the import and, for the template's
/// rename form `old_userid:new_userid`, the one it had before (both trimmed).
pub fn userid_parts(cell: Cow<'_, str>) -> (Option<Cow<'_, str>>, Cow<'_, str>) {
    let Some(at) = cell.find(':') else {
        return (None, cell);
    };
    match cell {
        Cow::Borrowed(s) => (
            Some(Cow::Borrowed(s[..at].trim())),
            Cow::Borrowed(s[at + 1..].trim()),
        ),
        Cow::Owned(s) => (
            Some(Cow::Owned(s[..at].trim().to_string())),
            Cow::Owned(s[at + 1..].trim().to_string()),
        ),
    }
}

/// A userid as a key compared the way WeCom compares them, ignoring ASCII case, without
/// allocating a lower-cased copy (userids are ASCII; others are reported as invalid).
#[derive(Debug, Clone)]
pub struct FoldedUserid<'a>(pub Cow<'a, str>);

impl std::hash::Hash for FoldedUserid<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Eight bytes at a time: the hasher's cost is per call, not per byte.
        let bytes = self.0.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            for (w, b) in word.iter_mut().zip(chunk) {
                *w = b.to_ascii_lowercase();
            }
            state.write_u64(u64::from_le_bytes(word));
        }
        for b in chunks.remainder() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_usize(bytes.len());
    }
}

impl PartialEq for FoldedUserid<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(&other.0)
    }
}

impl Eq for FoldedUserid<'_> {}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_normalise_and_never_repair() {
        for raw in [
            "13800138000",
            " 138 0013 8000 ",
            "+86 13800138000",
            "+86-138-0013-8000",
            "0086 13800138000",
            "8613800138000",
            "13800138000.0",
            "１３８００１３８０００",
            "(+86) 138-0013-8000",
        ] {
            assert_eq!(mobile(raw).key(), Some("13800138000"), "{raw}");
        }
        assert_eq!(mobile("+852 9123 4567").key(), Some("+85291234567"));
        for raw in [
            "1.38001E+10",
            "1.38E+10",
            "1,38E+10",
            "13630600000",
            "1.3800138e10",
        ] {
            assert_eq!(mobile(raw), Mobile::Mangled, "{raw}");
        }
        for raw in ["12345", "23800138000", "138-abc", "phone", "1380013800"] {
            assert_eq!(mobile(raw), Mobile::Invalid, "{raw}");
        }
        assert_eq!(mobile("  "), Mobile::Empty);
    }

    #[test]
    fn userids_fold_ascii_case() {
        use std::collections::HashSet;
        let set: HashSet<FoldedUserid> = ["ZhangWei", "LiNa.Long-Name_2"]
            .into_iter()
            .map(|u| FoldedUserid(Cow::Borrowed(u)))
            .collect();
        assert!(set.contains(&FoldedUserid(Cow::Borrowed("zhangwei"))));
        assert!(set.contains(&FoldedUserid(Cow::Borrowed("LINA.LONG-NAME_2"))));
        assert!(!set.contains(&FoldedUserid(Cow::Borrowed("zhangwei2"))));
    }

    #[test]
    fn trim_knows_every_white_space_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("{c}x{c}");
            assert_eq!(trim(&s), s.trim(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn names_compare_without_spacing_or_case() {
        assert!(same_name("张 伟", "张伟"));
        assert!(same_name("Zhang Wei", "zhangwei"));
        assert!(same_name("ＺＨＡＮＧ", "zhang"));
        assert!(!same_name("张伟", "Zhang Wei"));
        assert!(!same_name("李娜", "李丽"));
    }

    #[test]
    fn normalisation_is_idempotent() {
        for raw in [
            "  Zhang.Wei@Example.CN ",
            "ＺＨＡＮＧ＠ＥＸＡＭＰＬＥ．ＣＮ",
            "a@b.cn",
        ] {
            let once = address(raw).into_owned();
            assert_eq!(address(&once), once);
        }
        assert_eq!(
            address("ＺＨＡＮＧ＠ＥＸＡＭＰＬＥ．ＣＮ"),
            "zhang@example.cn"
        );
        let m = mobile("+86 138 0013 8000").key().map(str::to_string);
        assert_eq!(mobile(m.as_deref().unwrap_or_default()).key(), m.as_deref());
    }

    #[test]
    fn exmail_local_part_rule() {
        assert!(check_exmail_address("zhang.wei@example.cn").is_ok());
        assert!(check_exmail_address("zhang_wei-2@example.cn").is_ok());
        for bad in [
            "zhang..wei@example.cn",
            ".li@example.cn",
            "li.@example.cn",
            "li+x@example.cn",
            "li@",
            "li",
            "li@cn",
            "li@@a.cn",
        ] {
            assert!(check_exmail_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn userid_rule() {
        assert!(check_userid("ZhangWei").is_ok());
        assert!(check_userid("zhang.wei@x").is_ok());
        for bad in ["", "_zw", "张伟", "a b", &"x".repeat(65)] {
            assert!(check_userid(bad).is_err(), "{bad}");
        }
    }
}
