//! Columns recognised by what their cells hold, not by their header: the fallback when no
//! header the alias table knows names a required field, and the check that no column of
//! phones or addresses is left unread. Every such column is reported (`column-guessed`), so a
//! person confirms it before trusting the result.

use std::ops::Range;

use super::Table;
use crate::vocab::Field;

/// A column the layout holds because of its content, or that looks like data the layout does
/// not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guess {
    /// 0-based column.
    pub column: usize,
    /// The field the column is read as; `None`: the column is not read.
    pub field: Option<Field>,
    /// What its cells look like: `Email`, `Mobile` or `MailboxType`.
    pub looks_like: Field,
}

/// An address, roughly: something before an `@` and a dotted domain after it.
pub fn looks_like_address(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.contains('@'),
        None => false,
    }
}

/// A mainland mobile as people write it (`138 0013 8000`, `+86-138…`, `13800138000.0`), or the
/// `1.38E+10` Excel makes of one.
pub fn looks_like_mobile(value: &str) -> bool {
    let v = value.trim().trim_end_matches(".0");
    let scientific = v.contains(['E', 'e'])
        && v.starts_with('1')
        && v.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'E' | b'e' | b'+'));
    if scientific {
        return true;
    }
    if !v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'))
    {
        return false;
    }
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix("0086")
        .or_else(|| digits.strip_prefix("86").filter(|d| d.len() == 11))
        .unwrap_or(&digits);
    digits.len() == 11 && digits.starts_with('1') && !digits[1..2].contains(['0', '1', '2'])
}

/// A roster type cell.
pub fn looks_like_type(value: &str) -> bool {
    matches!(value, "成员邮箱" | "其他邮箱")
}

/// Whether most of the non-empty cells of `column` in the `data` rows satisfy `is_value` (more
/// than half), and the share that does.
fn share(
    table: &Table,
    data: Range<usize>,
    column: usize,
    is_value: fn(&str) -> bool,
) -> Option<f64> {
    let (mut filled, mut hits) = (0usize, 0usize);
    for i in data {
        let value = table.row(i).cell(column).trim();
        if !value.is_empty() {
            filled += 1;
            hits += usize::from(is_value(value));
        }
    }
    (filled > 0 && hits * 2 > filled).then(|| hits as f64 / filled as f64)
}

/// The column not in `taken` whose cells mostly satisfy `is_value`; the best share wins, ties
/// go to the leftmost.
pub fn column_by_content(
    table: &Table,
    data: Range<usize>,
    taken: &[Option<usize>],
    is_value: fn(&str) -> bool,
) -> Option<usize> {
    let width = data.clone().map(|i| table.row(i).len()).max().unwrap_or(0);
    let mut best: Option<(usize, f64)> = None;
    for column in (0..width).filter(|c| !taken.contains(&Some(*c))) {
        if let Some(s) = share(table, data.clone(), column, is_value) {
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((column, s));
            }
        }
    }
    best.map(|(c, _)| c)
}

/// Columns no field reads and no known header names (`unknown(column)`), whose cells mostly
/// look like mobiles or addresses.
pub fn unread_data(
    table: &Table,
    data: Range<usize>,
    taken: &[Option<usize>],
    unknown: impl Fn(usize) -> bool,
) -> Vec<Guess> {
    let width = data.clone().map(|i| table.row(i).len()).max().unwrap_or(0);
    let mut found = Vec::new();
    for column in (0..width).filter(|c| !taken.contains(&Some(*c)) && unknown(*c)) {
        let looks_like = if share(table, data.clone(), column, looks_like_mobile).is_some() {
            Field::Mobile
        } else if share(table, data.clone(), column, looks_like_address).is_some() {
            Field::Email
        } else {
            continue;
        };
        found.push(Guess {
            column,
            field: None,
            looks_like,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_as_written() {
        for v in [
            "13800138000",
            "138 0013 8000",
            "+86 138-0013-8000",
            "008613800138000",
            "13800138000.0",
            "1.38001E+10",
        ] {
            assert!(looks_like_mobile(v), "{v}");
        }
        for v in [
            "0755-12345678",
            "12345",
            "23800138000",
            "abc",
            "2024-01-01",
            "12800138000",
        ] {
            assert!(!looks_like_mobile(v), "{v}");
        }
    }

    #[test]
    fn addresses() {
        assert!(looks_like_address("a@b.cn"));
        for v in ["a@b", "@b.cn", "ab.cn", "a@b@c.cn"] {
            assert!(!looks_like_address(v), "{v}");
        }
    }
}
