//! What Excel shows for an integer under its cell's number format (ECMA-376 Part 1 §18.8.31):
//! zero padding (`000000` shows 123 as `000123`), literal prefixes and suffixes (`"+86 "0`,
//! `0"号"`, `\#0`), sections (`positive;negative;zero;text`). Digit grouping is left out: a
//! phone under `#,##0` stays `13800138000`.
//!
//! Only formats made of digit placeholders (`0 # ?`) and literals are rendered, and only for
//! integers: anything else — decimals, percent, fractions, exponents, conditions, `[DBNum]`
//! numerals, dates — is shown as before (the number's own digits). So is a section that would
//! hide the number (`;;;`, an empty or all-literal section): a value is never made to vanish.
//! Padding (`_x`), fill (`*x`) and colours are layout, not text: left out, as are spaces at the
//! ends of the result.

/// A number format as far as it shows integers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct IntegerFormat {
    /// The number sections (at most 3), each `None` when it is not one we render.
    sections: Vec<Option<Vec<Token>>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// `0`: a digit, or 0. `#`: a digit, or nothing. `?`: a digit, or a space.
    Digit(u8),
    Literal(String),
    /// `General`: the number as it would show without a format.
    General,
}

/// Parses `code`; `None` when no number section of it is rendered (or conditions choose the
/// section, which we do not follow).
pub(super) fn parse(code: &str) -> Option<IntegerFormat> {
    let mut sections = Vec::new();
    for section in split_sections(code) {
        sections.push(tokens(section).ok()?);
    }
    // A fourth section is for text; a lone text section leaves numbers as they are.
    sections.truncate(3);
    sections
        .iter()
        .any(Option::is_some)
        .then_some(IntegerFormat { sections })
}

/// `[<100]` and the like choose the section: the whole format is left alone.
struct Condition;

impl IntegerFormat {
    /// Writes `value` (an integer, below 1e15 in magnitude) as Excel shows it; `false` (nothing
    /// written) when its section is not rendered.
    pub(super) fn write(&self, value: i64, out: &mut String) -> bool {
        let count = self.sections.len();
        let (index, minus) = match value {
            v if v < 0 && count >= 2 => (1, false),
            v if v < 0 => (0, true),
            0 if count >= 3 => (2, false),
            _ => (0, false),
        };
        let Some(Some(tokens)) = self.sections.get(index) else {
            return false;
        };
        let digits = value.unsigned_abs().to_string();
        let start = out.len();
        if minus {
            out.push('-');
        }
        if !render(tokens, &digits, out) {
            out.truncate(start);
            return false;
        }
        let trimmed = out[start..].trim_matches(' ').to_string();
        out.truncate(start);
        out.push_str(&trimmed);
        true
    }
}

/// Lays `digits` (no sign) into the placeholders, right to left; digits beyond them go to the
/// first one. `false` when the section would show no digit at all.
fn render(tokens: &[Token], digits: &str, out: &mut String) -> bool {
    if tokens.contains(&Token::General) {
        for token in tokens {
            match token {
                Token::General => out.push_str(digits),
                Token::Literal(text) => out.push_str(text),
                Token::Digit(_) => {}
            }
        }
        return true;
    }
    // 0 has no significant digit: `#` shows nothing of it, `0` shows `0`.
    let digits = digits.trim_start_matches('0');
    let placeholders = tokens
        .iter()
        .filter(|t| matches!(t, Token::Digit(_)))
        .count();
    if digits.is_empty() && !tokens.contains(&Token::Digit(b'0')) {
        return false;
    }
    let mut k = 0;
    for token in tokens {
        match token {
            Token::Literal(text) => out.push_str(text),
            Token::General => {}
            Token::Digit(kind) => {
                // The digit this placeholder shows, counted from the right.
                let from_right = placeholders - 1 - k;
                let shown = digits.len().checked_sub(from_right + 1);
                match (k, shown) {
                    (0, Some(i)) => out.push_str(&digits[..=i]),
                    (_, Some(i)) => out.push_str(&digits[i..=i]),
                    (_, None) => match kind {
                        b'0' => out.push('0'),
                        b'?' => out.push(' '),
                        _ => {}
                    },
                }
                k += 1;
            }
        }
    }
    true
}

/// The sections of a format code, split at `;` outside quotes, escapes and brackets.
fn split_sections(code: &str) -> Vec<&str> {
    let mut sections = Vec::new();
    let (mut start, mut quoted, mut escaped, mut bracket) = (0, false, false, false);
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => escaped = true,
            '[' => bracket = true,
            ']' => bracket = false,
            ';' if !bracket => {
                sections.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    sections.push(&code[start..]);
    sections
}

/// Characters Excel shows as themselves without quotes.
fn is_plain_literal(c: char) -> bool {
    matches!(
        c,
        '$' | '-'
            | '+'
            | '('
            | ')'
            | ':'
            | '!'
            | '^'
            | '&'
            | '\''
            | '~'
            | '{'
            | '}'
            | '<'
            | '>'
            | '='
            | ' '
    ) || !c.is_ascii()
}

const COLOURS: [&str; 8] = [
    "black", "blue", "cyan", "green", "magenta", "red", "white", "yellow",
];

/// The tokens of one section, if it is made of placeholders and literals only.
fn tokens(section: &str) -> Result<Option<Vec<Token>>, Condition> {
    let mut tokens = Vec::new();
    let mut chars = section.char_indices().peekable();
    let mut placeholders = 0;
    // Digit placeholders after the last comma: `0,` scales by a thousand.
    let mut since_comma: Option<usize> = None;
    let literal = |tokens: &mut Vec<Token>, text: &str| match tokens.last_mut() {
        Some(Token::Literal(last)) => last.push_str(text),
        _ => tokens.push(Token::Literal(text.to_string())),
    };
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let mut text = String::new();
                for (_, c) in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                    text.push(c);
                }
                literal(&mut tokens, &text);
            }
            '\\' => {
                if let Some((_, c)) = chars.next() {
                    literal(&mut tokens, c.encode_utf8(&mut [0; 4]));
                }
            }
            '_' | '*' => {
                chars.next();
            }
            '[' => {
                let mut inside = String::new();
                for (_, c) in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    inside.push(c);
                }
                let lower = inside.to_ascii_lowercase();
                if inside.starts_with(['<', '>', '=']) {
                    return Err(Condition);
                } else if let Some(currency) = inside.strip_prefix('$') {
                    // `[$¥-804]`: a currency symbol, then a locale.
                    let symbol = currency.split('-').next().unwrap_or_default();
                    literal(&mut tokens, symbol);
                } else if !(COLOURS.contains(&lower.as_str()) || lower.starts_with("color")) {
                    return Ok(None); // [DBNum1], [h], …
                }
            }
            '0' | '#' | '?' => {
                tokens.push(Token::Digit(c as u8));
                placeholders += 1;
                since_comma = since_comma.map(|n| n + 1);
            }
            ',' => since_comma = Some(0),
            'G' | 'g' if section[i..].to_ascii_lowercase().starts_with("general") => {
                tokens.push(Token::General);
                for _ in 1.."general".len() {
                    chars.next();
                }
            }
            c if is_plain_literal(c) => literal(&mut tokens, c.encode_utf8(&mut [0; 4])),
            // Decimals, percent, exponents, fractions, text, dates, anything else.
            _ => return Ok(None),
        }
    }
    let general = tokens.contains(&Token::General);
    let scaled = since_comma == Some(0) && placeholders > 0;
    if scaled || (general && placeholders > 0) || (!general && placeholders == 0) {
        return Ok(None);
    }
    Ok(Some(tokens))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `code` shows for `value`; `None` when it is not rendered.
    fn shown(code: &str, value: i64) -> Option<String> {
        let mut out = String::from("|");
        parse(code)?
            .write(value, &mut out)
            .then(|| out[1..].to_string())
    }

    #[test]
    fn padding_prefixes_and_suffixes() {
        for (code, value, text) in [
            ("000000", 123, "000123"),
            ("000000", 12345678, "12345678"),
            ("0", 13800138000, "13800138000"),
            (r#""+86 "0"#, 13800138000, "+86 13800138000"),
            (r#"0"号""#, 7, "7号"),
            (r#"\E\M0000"#, 42, "EM0042"),
            (r"\#0", 5, "#5"),
            ("#,##0", 13800138000, "13800138000"),
            ("#,##0", 0, "0"),
            ("000-0000-0000", 13800138000, "138-0013-8000"),
            ("#-##", 5, "-5"),
            ("???0", 12, "12"),
            ("0_ ", 12, "12"),
            ("0_);[Red](0)", 12, "12"),
            ("#,##0 ;(#,##0)", -12, "(12)"),
            ("[$¥-804]0", 8, "¥8"),
            ("[$-804]000", 8, "008"),
            ("[Red]00", 8, "08"),
            ("*-0", 8, "8"),
            (r#""ID "General"#, 8, "ID 8"),
            ("0;-0;0;@", 0, "0"),
            ("0;-0", -3, "-3"),
            ("00", -3, "-03"),
        ] {
            assert_eq!(shown(code, value).as_deref(), Some(text), "{code} {value}");
        }
    }

    #[test]
    fn formats_left_as_they_were() {
        for (code, value) in [
            ("@", 5),
            ("0;-0;\"zero\";@", 0),
            ("0.00", 5),
            ("0%", 5),
            ("0.00E+00", 5),
            ("# ?/?", 5),
            ("#,##0,", 5000),
            ("[>100]0;000", 5),
            ("[DBNum1]0", 5),
            ("yyyy-mm-dd", 5),
            (";;;", 5),
            ("#", 0),
            ("0;;", -5),
            (r#"0;"-""#, -5),
            ("0 General", 5),
            ("abc0", 5),
        ] {
            assert_eq!(shown(code, value), None, "{code} {value}");
        }
    }
}
