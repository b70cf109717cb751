//! One XML part of the package, read as a stream of events (quick-xml, which reads UTF-8).
//!
//! Parts in UTF-8 are streamed as they inflate. The rare part in UTF-16 (Excel Mobile) or
//! declared ISO-8859-1 is decoded whole first (bounded like every part by the inflation limit);
//! any other declared encoding is refused by name.
//!
//! Elements are matched by local name, so `<x:c>` (a prefixed SpreadsheetML namespace, as some
//! exporters write) reads like `<c>`.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::Failure;

/// A zip entry of the package, inflated as it is read.
pub(super) type Entry<'b> = super::archive::EntryReader<'b>;

/// A part's bytes as UTF-8: the zip entry streamed as it inflates, or the text decoded first.
/// The buffer is outside the choice of the two, so quick-xml's parser (the biggest function of
/// the wasm) reads its buffer without a branch on the source: with the buffers inside (an enum
/// of `BufReader<Entry>` and `Cursor<Vec<u8>>`, each a `BufRead`) the parser compiled 4 KB
/// bigger. The branch is taken once per refill instead.
type Source<'b> = BufReader<Input<'b>>;

pub(super) enum Input<'b> {
    Zip(Entry<'b>),
    Decoded(Cursor<Vec<u8>>),
}

impl Read for Input<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Input::Zip(zip) => zip.read(buf),
            Input::Decoded(text) => text.read(buf),
        }
    }
}

/// Everything left in `input`, through the buffer reads the parser uses anyway: `read_to_end`
/// compiled std's generic reading loop for the zip's readers (6 KB of wasm) for this rare
/// path.
fn read_all(input: &mut Source<'_>) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(bytes);
        }
        let taken = chunk.len();
        bytes.extend_from_slice(chunk);
        input.consume(taken);
    }
}

pub(super) struct Part<'b> {
    reader: Reader<Source<'b>>,
    /// The part's path in the package, for messages.
    name: String,
}

impl<'b> Part<'b> {
    /// Reads `entry`, the part `name`.
    pub(super) fn new(entry: Entry<'b>, name: &str) -> Result<Part<'b>, Failure> {
        let mut input = BufReader::new(Input::Zip(entry));
        let failed = |e: std::io::Error| Failure::broken(format!("{name}: {e}"));
        let head = input.fill_buf().map_err(failed)?;
        let utf16 = match head {
            [0xFF, 0xFE, ..] | [b'<', 0, ..] => Some(false),
            [0xFE, 0xFF, ..] | [0, b'<', ..] => Some(true),
            _ => None,
        };
        // Checked here rather than on every event: the declaration comes first or not at all.
        let latin1 = match (utf16, declared_encoding(head)) {
            (Some(_), _) | (None, None) => false,
            (None, Some(label)) if is_label(label, &["utf-8", "utf8"]) => false,
            (None, Some(label)) if is_label(label, LATIN1) => true,
            (None, Some(label)) => {
                return Err(Failure::broken(format!(
                    "{name} is declared as {} XML, which is not read here (UTF-8, UTF-16 and ISO-8859-1 are)",
                    String::from_utf8_lossy(label)
                )))
            }
        };
        let input = match (utf16, latin1) {
            (None, false) => input,
            (utf16, _) => {
                let bytes = read_all(&mut input).map_err(failed)?;
                let text = match utf16 {
                    Some(big_endian) => {
                        let body = match bytes.get(..2) {
                            Some([0xFF, 0xFE] | [0xFE, 0xFF]) => &bytes[2..],
                            _ => &bytes[..],
                        };
                        crate::ingest::decode::decode_utf16(body, big_endian).map_err(|_| {
                            Failure::broken(format!("{name} is not valid UTF-16 XML"))
                        })?
                    }
                    // Each byte is the code point of the same number.
                    None => bytes.iter().map(|&b| char::from(b)).collect(),
                };
                BufReader::new(Input::Decoded(Cursor::new(text.into_bytes())))
            }
        };
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.check_comments = false;
        config.trim_text(false);
        // `<v/>` arrives as a start and an end, like `<v></v>`.
        config.expand_empty_elements = true;
        Ok(Part {
            reader,
            name: name.to_string(),
        })
    }

    pub(super) fn name(&self) -> &str {
        &self.name
    }

    /// The next event, into `buf` (cleared first).
    #[inline]
    pub(super) fn next<'e>(&mut self, buf: &'e mut Vec<u8>) -> Result<Event<'e>, Failure> {
        buf.clear();
        match self.reader.read_event_into(buf) {
            Ok(event) => Ok(event),
            Err(e) => Err(self.broken(e)),
        }
    }

    #[cold]
    fn broken(&self, e: quick_xml::Error) -> Failure {
        Failure::broken(format!("{}: {e}", self.name))
    }

    /// Consumes events up to the end of the element `local` just started (nested ones of the
    /// same name included).
    pub(super) fn skip_to_end(&mut self, local: &str, buf: &mut Vec<u8>) -> Result<(), Failure> {
        let mut depth = 1usize;
        loop {
            match self.next(buf)? {
                Event::Start(e) if local_name(&e) == local => depth += 1,
                Event::End(e) if e.local_name().into_inner() == local => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Event::Eof => return Err(self.ends_inside(local)),
                _ => {}
            }
        }
    }

    /// Appends the character data up to the end of the element `local` just started: text
    /// (line ends normalised as XML 1.0 says), CDATA, and entity and character references.
    pub(super) fn read_text(
        &mut self,
        local: &str,
        buf: &mut Vec<u8>,
        out: &mut String,
    ) -> Result<(), Failure> {
        loop {
            match self.next(buf)? {
                Event::Text(t) => out.push_str(&t.xml10_content()),
                Event::CData(t) => out.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    if let Some(text) = quick_xml::escape::resolve_xml_entity(&r) {
                        out.push_str(text);
                    } else {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => out.push(c),
                            Ok(None) => {
                                return Err(Failure::broken(format!(
                                    "{}: unknown entity &{};",
                                    self.name, &*r
                                )))
                            }
                            Err(e) => return Err(Failure::broken(format!("{}: {e}", self.name))),
                        }
                    }
                }
                Event::End(e) if e.local_name().into_inner() == local => return Ok(()),
                Event::Eof => return Err(self.ends_inside(local)),
                _ => {}
            }
        }
    }

    pub(super) fn ends_inside(&self, local: &str) -> Failure {
        Failure::broken(format!("{} ends inside <{local}>", self.name))
    }
}

/// Labels of ISO-8859-1 (as XML names it: no Windows-1252 remapping of 0x80–0x9F) and of
/// ASCII, its subset.
const LATIN1: &[&str] = &[
    "iso-8859-1",
    "iso8859-1",
    "iso_8859-1",
    "latin1",
    "l1",
    "us-ascii",
    "ascii",
];

fn is_label(label: &[u8], labels: &[&str]) -> bool {
    labels
        .iter()
        .any(|known| label.eq_ignore_ascii_case(known.as_bytes()))
}

/// The `encoding` of an XML declaration at the start of `head` (after a UTF-8 BOM, if any).
fn declared_encoding(head: &[u8]) -> Option<&[u8]> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let declaration = head.strip_prefix(b"<?xml")?;
    let declaration = &declaration[..declaration.windows(2).position(|w| w == b"?>")?];
    let at = declaration.windows(8).position(|w| w == b"encoding")?;
    let rest = declaration[at + 8..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let (&quote, value) = rest.split_first()?;
    value.split(|&b| b == quote).next()
}

pub(super) fn local_name<'e>(e: &'e BytesStart<'_>) -> &'e str {
    e.local_name().into_inner()
}

/// The raw value of the attribute named exactly `key` (entities left as they are).
pub(super) fn attribute<'e>(
    e: &'e BytesStart<'_>,
    key: &str,
) -> Result<Option<Cow<'e, str>>, Failure> {
    for attribute in e.attributes().with_checks(false) {
        let attribute = attribute?;
        if attribute.key.as_ref() == key {
            return Ok(Some(attribute.value));
        }
    }
    Ok(None)
}

/// The value of the attribute named exactly `key`, entities resolved (names, paths).
pub(super) fn decoded_attribute(e: &BytesStart<'_>, key: &str) -> Result<Option<String>, Failure> {
    match attribute(e, key)? {
        Some(raw) => Ok(Some(
            quick_xml::escape::unescape(&raw)
                .map_err(|e| Failure::broken(e.to_string()))?
                .into_owned(),
        )),
        None => Ok(None),
    }
}
