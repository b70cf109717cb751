//! The normalising fast paths against what they replace, on arbitrary cells: `text` as it was
//! (kept here), `check_address`'s ASCII path against its general one, `parse_mobile`'s
//! digits-only path against the general rules. (`address`, `unmarked_text` and `mobile` are
//! built on these and did not change.)

use std::borrow::Cow;

use proptest::prelude::*;

use super::half_width;

fn needs_half_width(s: &str) -> bool {
    // Full-width forms are U+FF01..U+FF5E (UTF-8 lead byte EF) and U+3000 (lead byte E3): a
    // byte scan rules most text out before any char is decoded.
    s.bytes().any(|b| b == 0xEF || b == 0xE3) && s.chars().any(|c| half_width(c) != c)
}

/// Trimmed, full-width folded to half-width.
fn text(raw: &str) -> Cow<'_, str> {
    let trimmed = raw.trim();
    if needs_half_width(trimmed) {
        let folded: String = trimmed.chars().map(half_width).collect();
        Cow::Owned(folded.trim().to_string())
    } else {
        Cow::Borrowed(trimmed)
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
        // Borrowed or not matters too: `address` lower-cases what `text` had to copy.
        let borrowed = |t: &Cow<str>| matches!(t, Cow::Borrowed(_));
        let (fast, old) = (super::text(&cell), text(&cell));
        prop_assert_eq!((borrowed(&fast), &fast), (borrowed(&old), &old));
        // A mobile of digits only skips the general rules, and the exponent is found by bytes.
        let normal = super::text(&cell);
        for s in [cell.as_str(), normal.as_ref()] {
            if !s.is_empty() {
                prop_assert_eq!(super::parse_mobile(s), super::parse_written_mobile(s));
            }
            let exponent = s.bytes().position(|b| b == b'e' || b == b'E');
            prop_assert_eq!(exponent, s.find(['e', 'E']));
        }
        // The ASCII path of `check_address` against its general one.
        let address = super::address(&cell);
        for a in [cell.as_str(), address.as_ref()] {
            prop_assert_eq!(super::split_at_first(a, b'@'), a.split_once('@'));
            if let Some((local, domain)) = a.split_once('@').filter(|_| a.is_ascii()) {
                prop_assert_eq!(
                    super::check_ascii_address(a, domain),
                    super::check_any_address(a, local, domain)
                );
            }
        }
    }
}
