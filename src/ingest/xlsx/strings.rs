//! Text held in `<si>` (shared strings) and `<is>` (inline strings): plain `<t>` or rich-text
//! runs `<r><t>`, concatenated; phonetic guides (`<rPh>`, furigana) are not part of the text.

use quick_xml::events::Event;

use super::part::{attribute, local_name, Part};
use super::Failure;

/// Every shared string of the workbook, in one buffer (a roster has one per address).
#[derive(Default)]
pub(super) struct SharedStrings {
    text: String,
    /// End of each string in `text`.
    ends: Vec<usize>,
}

impl SharedStrings {
    pub(super) fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(previous) => self.ends[previous],
            None => 0,
        };
        self.text.get(start..end)
    }

    /// Reads `<sst>`: each `<si>` in order.
    pub(super) fn read(xml: &mut Part) -> Result<SharedStrings, Failure> {
        let mut strings = SharedStrings::default();
        let mut buf = Vec::new();
        let mut scratch = RichText::default();
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if local_name(&e) == "sst" => break,
                Event::Eof => return Err(xml.ends_inside("sst")),
                _ => {}
            }
        }
        loop {
            match xml.next(&mut buf)? {
                Event::Start(e) if local_name(&e) == "si" => {
                    scratch.read(xml, "si", &mut strings.text)?;
                    strings.ends.push(strings.text.len());
                }
                Event::End(e) if e.local_name().into_inner() == "sst" => return Ok(strings),
                Event::Eof => return Err(xml.ends_inside("sst")),
                _ => {}
            }
        }
    }
}

/// Buffers for reading rich text, reused from one string to the next.
#[derive(Default)]
pub(super) struct RichText {
    buf: Vec<u8>,
    run: String,
}

impl RichText {
    /// Appends the text of the element `local` just started (`si` or `is`) to `out`.
    ///
    /// As Excel shows it: a `<t>` loses leading and trailing ASCII white space unless it says
    /// `xml:space="preserve"`, and `_xHHHH_` escapes become their characters.
    pub(super) fn read(
        &mut self,
        xml: &mut Part,
        local: &str,
        out: &mut String,
    ) -> Result<(), Failure> {
        let mut phonetic = false;
        loop {
            match xml.next(&mut self.buf)? {
                Event::Start(e) => match local_name(&e) {
                    "rPh" => phonetic = true,
                    "t" if !phonetic => {
                        let preserve = attribute(&e, "xml:space")?.as_deref() == Some("preserve");
                        self.run.clear();
                        xml.read_text("t", &mut self.buf, &mut self.run)?;
                        let run = if preserve {
                            self.run.as_str()
                        } else {
                            self.run.trim_matches([' ', '\t', '\r', '\n'])
                        };
                        push_unescaped(run, out);
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().into_inner() {
                    name if name == local => return Ok(()),
                    "rPh" => phonetic = false,
                    _ => {}
                },
                Event::Eof => return Err(xml.ends_inside(local)),
                _ => {}
            }
        }
    }
}

/// Appends `text` with Excel's `_xHHHH_` escapes (a UTF-16 code unit each: how Excel stores
/// control characters, and `_x005F_` for a literal `_`) turned into characters. A surrogate
/// that does not pair up becomes U+FFFD.
pub(super) fn push_unescaped(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        let Some(unit) = escape_at(rest, at) else {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + ESCAPE_LEN..];
        let c = match unit {
            0xD800..=0xDBFF => match escape_at(rest, 0) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    rest = &rest[ESCAPE_LEN..];
                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                }
                _ => None,
            },
            _ => char::from_u32(unit),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    out.push_str(rest);
}

/// `_xHHHH_`
const ESCAPE_LEN: usize = 7;

/// The code unit of an `_xHHHH_` escape starting at byte `at` of `text`.
fn escape_at(text: &str, at: usize) -> Option<u32> {
    let escape = text.as_bytes().get(at..at + ESCAPE_LEN)?;
    if !escape.starts_with(b"_x") || escape[6] != b'_' {
        return None;
    }
    let hex = &escape[2..6];
    if !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}
