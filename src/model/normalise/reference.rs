//! The normalising functions as they were before their fast paths: the reference the fast
//! ones must match exactly, on arbitrary cells.

use std::borrow::Cow;

use proptest::prelude::*;

use super::{invalid, Invalid, Mobile, Status, StatusColumn};

/// Full-width ASCII (`Ａ`, `１`, `＠`, ideographic space) to half-width.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn needs_half_width(s: &str) -> bool {
    // Full-width forms are U+FF01..U+FF5E (UTF-8 lead byte EF) and U+3000 (lead byte E3): a
    // byte scan rules most text out before any char is decoded.
    s.bytes().any(|b| b == 0xEF || b == 0xE3) && s.chars().any(|c| half_width(c) != c)
}

/// Trimmed, full-width folded to half-width.
pub(super) fn text(raw: &str) -> Cow<'_, str> {
    let trimmed = raw.trim();
    if needs_half_width(trimmed) {
        let folded: String = trimmed.chars().map(half_width).collect();
        Cow::Owned(folded.trim().to_string())
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// An address as a key: trimmed, half-width, lower-case (Exmail addresses ignore case), without
/// the apostrophe an export puts before a formula-like cell (so our own files read back).
pub(super) fn address(raw: &str) -> Cow<'_, str> {
    match unmarked_text(raw) {
        Cow::Borrowed(s) if !s.bytes().any(|b| b.is_ascii_uppercase()) => Cow::Borrowed(s),
        other => Cow::Owned(other.to_lowercase()),
    }
}

/// [`text`] without the leading `'` that `export::neutralise` puts before a cell starting with
/// `=`, `+`, `-`, `@`, TAB or CR: a roster this tool wrote reads back as the values it holds.
pub(super) fn unmarked_text(raw: &str) -> Cow<'_, str> {
    fn unmark(mut s: &str) -> &str {
        while let Some(rest) = s.strip_prefix('\'') {
            if !matches!(
                rest.as_bytes().first(),
                Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
            ) {
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

fn is_scientific(s: &str) -> bool {
    // `1.38E+10`, `1.38001e10`, `1,38E+10` (European decimal comma).
    let Some(pos) = s.find(['e', 'E']) else {
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
pub(super) fn mobile(raw: &str) -> Mobile<'_> {
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

/// A general mailbox address (`local@domain.tld`), already normalised by [`address`].
pub(super) fn check_address(a: &str) -> Result<(), Invalid> {
    if a.is_empty() {
        return Err(invalid("地址为空", "the address is empty"));
    }
    let Some((local, domain)) = a.split_once('@') else {
        return Err(invalid("缺少 @", "it has no @"));
    };
    if domain.contains('@') {
        return Err(invalid("含有多个 @", "it has more than one @"));
    }
    if local.is_empty() {
        return Err(invalid("@ 前为空", "nothing before the @"));
    }
    if a.len() > 254 || local.len() > 64 {
        return Err(invalid("地址过长", "it is too long"));
    }
    let blank = |c: char| c.is_whitespace() || c.is_control();
    if a.bytes().any(|b| b <= b' ' || b >= 0x7F) && a.chars().any(blank) {
        return Err(invalid("含有空白字符", "it contains white space"));
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
        return Err(invalid("域名无效", "the domain is not valid"));
    }
    if !local.is_ascii() {
        return Err(invalid(
            "@ 前含有非 ASCII 字符",
            "non-ASCII characters before the @",
        ));
    }
    Ok(())
}

/// An Exmail account address: general rules, then the local part's: letters, digits and `.-_`,
/// no symbol first or last, no two symbols side by side.
pub(super) fn check_exmail_address(a: &str) -> Result<(), Invalid> {
    check_address(a)?;
    let local = a.split('@').next().unwrap_or_default();
    let symbol = |b: u8| matches!(b, b'.' | b'-' | b'_');
    let bytes = local.as_bytes();
    if !bytes
        .iter()
        .all(|&b| b.is_ascii_alphanumeric() || symbol(b))
    {
        return Err(invalid(
            "@ 前只能包含字母、数字和 . - _",
            "the part before the @ may hold only letters, digits and . - _",
        ));
    }
    if bytes.first().is_some_and(|&b| symbol(b)) || bytes.last().is_some_and(|&b| symbol(b)) {
        return Err(invalid(
            "@ 前不能以符号开头或结尾",
            "the part before the @ starts or ends with a symbol",
        ));
    }
    if bytes.windows(2).any(|w| symbol(w[0]) && symbol(w[1])) {
        return Err(invalid(
            "@ 前不能有相邻的符号",
            "the part before the @ has two symbols side by side",
        ));
    }
    Ok(())
}

/// A WeCom enterprise address (企业邮箱 / `biz_mail`): general rules, 6–64 bytes, no `--` or `+`.
pub(super) fn check_biz_mail(a: &str) -> Result<(), Invalid> {
    check_address(a)?;
    if !(6..=64).contains(&a.len()) {
        return Err(invalid(
            "企业邮箱须为 6–64 字节",
            "an enterprise address is 6–64 bytes",
        ));
    }
    if a.contains("--") || a.contains('+') {
        return Err(invalid(
            "企业邮箱不能包含 -- 或 +",
            "an enterprise address may not contain -- or +",
        ));
    }
    Ok(())
}

/// [`Status::read`] as it was.
/// Reads a status cell, whatever its wording.
pub(super) fn status_read(cell: &str, column: StatusColumn) -> Status {
    let v = text(cell);
    let yes = ["1", "是", "true", "yes", "y"]
        .iter()
        .any(|w| v.eq_ignore_ascii_case(w));
    let no = ["0", "否", "false", "no", "n"]
        .iter()
        .any(|w| v.eq_ignore_ascii_case(w));
    match column {
        StatusColumn::DisabledFlag if yes => return Status::Disabled,
        StatusColumn::DisabledFlag if no => return Status::Active,
        StatusColumn::EnabledFlag if yes => return Status::Active,
        StatusColumn::EnabledFlag if no => return Status::Disabled,
        _ => {}
    }
    // The common words first: a direct comparison is much cheaper than substring searches.
    match v.as_ref() {
        "" => return Status::Unknown,
        "1" | "正常" | "启用" | "已启用" | "激活" | "已激活" | "在职" => {
            return Status::Active
        }
        "2" | "禁用" | "已禁用" | "停用" | "已停用" => return Status::Disabled,
        "4" | "未激活" => return Status::NotActivated,
        "5" | "离职" | "已离职" => return Status::Left,
        _ => {}
    }
    let v = v.to_lowercase();
    match v.as_str() {
        s if s.contains("离职") || s == "left" || s == "resigned" => Status::Left,
        s if s.contains("未激活") || s.contains("not activated") || s == "inactive" => {
            Status::NotActivated
        }
        s if s.contains("禁用")
            || s.contains("停用")
            || s.contains("冻结")
            || s.contains("disabled") =>
        {
            Status::Disabled
        }
        s if s.contains("启用")
            || s.contains("正常")
            || s.contains("激活")
            || s.contains("在职")
            || s == "active"
            || s == "enabled"
            || s == "normal" =>
        {
            Status::Active
        }
        _ => Status::Unknown,
    }
}

/// Cells made of the characters the rules look at, and a few they do not.
fn cells() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a",
        "Z",
        "9",
        "0086",
        "86",
        "138",
        "13800138000",
        "1.38E+10",
        "e",
        "E",
        ".0",
        ".",
        "-",
        "--",
        "_",
        "+",
        "(",
        ")",
        "@",
        "@@",
        "'",
        "'=",
        "=",
        " ",
        "\t",
        "\r",
        "\n",
        "\u{a0}",
        "\u{3000}",
        "\u{2028}",
        "\u{85}",
        "\u{1680}",
        "\u{feff}",
        "Ａ",
        "＠",
        "１",
        "．",
        "张伟",
        "、",
        "ä",
        "Ä",
        "İ",
        "\u{7f}",
        "\u{1}",
        "x.cn",
        "acme-tech.cn",
        "是",
        "否",
        "禁用",
        "启用",
        "1",
        "2",
        "4",
        "5",
        "yes",
        "No",
        "离职",
        "未激活",
        "normal",
        "😀",
    ]);
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn fast_paths_give_what_the_reference_gives(cell in cells()) {
        prop_assert_eq!(super::text(&cell), text(&cell));
        prop_assert_eq!(super::unmarked_text(&cell), unmarked_text(&cell));
        prop_assert_eq!(super::address(&cell), address(&cell));
        prop_assert_eq!(super::mobile(&cell), mobile(&cell));
        let a = address(&cell);
        prop_assert_eq!(super::check_address(&a), check_address(&a));
        prop_assert_eq!(super::check_exmail_address(&a), check_exmail_address(&a));
        prop_assert_eq!(super::check_biz_mail(&a), check_biz_mail(&a));
        prop_assert_eq!(super::check_address(&cell), check_address(&cell));
        for column in [StatusColumn::DisabledFlag, StatusColumn::EnabledFlag, StatusColumn::Codes] {
            prop_assert_eq!(Status::read(&cell, column), status_read(&cell, column));
        }
    }
}
