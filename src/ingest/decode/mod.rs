//! Bytes → text: recognise spreadsheets by their magic bytes, and find the encoding of
//! delimited text (BOM, UTF-8, UTF-16 without BOM, else GB18030 — what Excel writes on
//! Chinese Windows). One implementation for every build: UTF-8 and UTF-16 are decoded here,
//! GB18030 and the other legacy encodings by the build's [`LegacyDecoder`].
//!
//! Valid UTF-8 is borrowed, never copied: it is the common case and files run to 100 MB.

mod labels;
mod legacy;

use std::borrow::Cow;

pub use legacy::{LegacyDecodeError, LegacyDecoder};

use super::Format;
use crate::error::{Error, Problem};
use crate::vocab::FileKind;

/// An encoding, by what decodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Any other WHATWG encoding, by name.
    Legacy(&'static str),
}

const GB18030: Encoding = Encoding::Legacy("gb18030");

impl Encoding {
    fn for_label(label: &str) -> Option<Encoding> {
        Some(match labels::name_of(label)? {
            "utf-8" => Encoding::Utf8,
            "utf-16le" => Encoding::Utf16Le,
            "utf-16be" => Encoding::Utf16Be,
            name => Encoding::Legacy(name),
        })
    }

    /// The encoding a byte order mark at the start of `bytes` gives, and the mark's length.
    fn for_bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            Some((Encoding::Utf8, 3))
        } else if bytes.starts_with(b"\xFF\xFE") {
            Some((Encoding::Utf16Le, 2))
        } else if bytes.starts_with(b"\xFE\xFF") {
            Some((Encoding::Utf16Be, 2))
        } else {
            None
        }
    }

    /// The lower-case WHATWG name, for the report.
    fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Legacy(name) => name,
        }
    }
}

/// `Some` when the bytes are a spreadsheet (zip-based XLSX/ODS, or legacy OLE XLS).
pub fn spreadsheet_format(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(b"PK\x03\x04") {
        // An ODF package stores an uncompressed `mimetype` entry first (ODF 1.2, part 3,
        // §3.3), so its value sits right after the first local header.
        let head = bytes.get(..bytes.len().min(256)).unwrap_or_default();
        let is_ods = head.get(30..38) == Some(b"mimetype".as_slice())
            && contains(head, b"application/vnd.oasis.opendocument.spreadsheet");
        return Some(if is_ods { Format::Ods } else { Format::Xlsx });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Format::Xls);
    }
    None
}

/// Decodes delimited text. Returns the text and the encoding's lower-case name.
///
/// `forced` is a WHATWG label (`gbk`, `utf-16le`, …) chosen by the user; otherwise the
/// encoding is sniffed. `legacy` decodes the encodings other than UTF-8 and UTF-16 (this
/// build's own when `None`). Undecodable bytes and NUL bytes (binary data) are refused with
/// the line where they occur.
pub fn decode<'b>(
    bytes: &'b [u8],
    forced: Option<&str>,
    legacy: Option<LegacyDecoder>,
    file: FileKind,
) -> Result<(Cow<'b, str>, &'static str), Error> {
    if bytes.is_empty() {
        return Err(empty(file));
    }
    let decoder = Decoder { legacy, file };
    if let Some(label) = forced {
        let encoding = Encoding::for_label(label).ok_or_else(|| {
            Error::options(Problem::UnknownEncoding {
                label: label.to_string(),
                input: file,
            })
        })?;
        // A BOM of the forced encoding is dropped; any other is decoded as text.
        let body = match Encoding::for_bom(bytes) {
            Some((bom_encoding, len)) if bom_encoding == encoding => {
                bytes.get(len..).unwrap_or_default()
            }
            _ => bytes,
        };
        return decoder.decode(body, encoding);
    }
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        return decoder.decode(bytes.get(len..).unwrap_or_default(), encoding);
    }
    if bytes.contains(&0) {
        // ASCII text in UTF-16 has a NUL in every other byte; binary data does not care.
        if let Some(encoding) = sniff_utf16(bytes) {
            return decoder.decode(bytes, encoding);
        }
        return Err(nul_error(bytes, file));
    }
    let not_utf8 = match std::str::from_utf8(bytes) {
        // No NUL to look for again: the bytes have none (above).
        Ok(text) => return Ok((Cow::Borrowed(text), Encoding::Utf8.name())),
        Err(e) => e,
    };
    // UTF-8 with a few broken bytes (a cell cut mid-character, a bad copy) would decode as
    // GB18030 into silent mojibake: when valid UTF-8 clearly outweighs the breaks, say where
    // the first one is instead.
    if mostly_utf8(bytes) {
        let before = bytes.get(..not_utf8.valid_up_to()).unwrap_or_default();
        return Err(malformed(line_of_bytes(before), Encoding::Utf8, file));
    }
    // Not UTF-8: the system code page of Chinese Windows (GBK, of which GB18030 is a superset).
    decoder.decode(bytes, GB18030)
}

/// Invalid UTF-8 whose non-ASCII characters are nonetheless mostly valid UTF-8 (at least four
/// per broken sequence). GBK text is not: most of its double bytes are invalid UTF-8.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut chars, mut broken) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        let (valid, error) = match std::str::from_utf8(rest) {
            Ok(_) => (rest, None),
            Err(e) => (rest.get(..e.valid_up_to()).unwrap_or_default(), Some(e)),
        };
        // Lead bytes: one per non-ASCII character.
        chars += valid.iter().filter(|&&b| b >= 0xC0).count();
        let Some(e) = error else {
            break;
        };
        broken += 1;
        if broken > 16 && broken * 4 > chars {
            return false; // clearly another encoding: stop early
        }
        let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len());
        rest = rest.get(skip..).unwrap_or_default();
    }
    chars >= 4 * broken
}

/// Strict decoding of a body whose BOM is already removed.
struct Decoder {
    legacy: Option<LegacyDecoder>,
    file: FileKind,
}

impl Decoder {
    fn decode<'b>(
        &self,
        body: &'b [u8],
        encoding: Encoding,
    ) -> Result<(Cow<'b, str>, &'static str), Error> {
        let file = self.file;
        if body.is_empty() {
            return Err(empty(file));
        }
        let text = match encoding {
            Encoding::Utf8 => match std::str::from_utf8(body) {
                Ok(text) => Cow::Borrowed(text),
                Err(e) => {
                    let before = body.get(..e.valid_up_to()).unwrap_or_default();
                    return Err(malformed(line_of_bytes(before), encoding, file));
                }
            },
            Encoding::Utf16Le | Encoding::Utf16Be => {
                match decode_utf16(body, encoding == Encoding::Utf16Be) {
                    Ok(text) => Cow::Owned(text),
                    Err(before) => return Err(malformed(line_of(&before), encoding, file)),
                }
            }
            Encoding::Legacy(name) => {
                let Some(decode) = self.legacy.or_else(legacy::builtin) else {
                    let problem = Problem::EncodingNotBuiltIn { encoding: name };
                    return Err(Error::refused(file, problem));
                };
                // WHATWG's gbk decoder is the gb18030 decoder; ask for that one by name, since
                // Node's TextDecoder("gbk") (ICU's GBK) silently drops bytes it cannot map.
                let decoder_name = if name == "gbk" { "gb18030" } else { name };
                match decode(decoder_name, body, false) {
                    Ok(text) => Cow::Owned(text),
                    Err(LegacyDecodeError::Malformed) => {
                        let valid = legacy::valid_up_to(decode, decoder_name, body);
                        let before = body.get(..valid).unwrap_or_default();
                        // Line ends are single bytes in every legacy encoding, never inside a
                        // multi-byte sequence: the bytes count lines as the text would.
                        return Err(malformed(line_of_bytes(before), encoding, file));
                    }
                    Err(LegacyDecodeError::Unsupported) => {
                        let problem = Problem::EncodingNotInHost { encoding: name };
                        return Err(Error::refused(file, problem));
                    }
                }
            }
        };
        checked(text, encoding, file)
    }
}

/// UTF-16 → text; on a unit that is not UTF-16 (a lone surrogate, a last odd byte), the text
/// before it.
pub(crate) fn decode_utf16(body: &[u8], big_endian: bool) -> Result<String, String> {
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text = String::with_capacity(body.len());
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => return Err(text),
        }
    }
    if body.len() % 2 == 1 {
        return Err(text);
    }
    Ok(text)
}

/// Refuses decoded text holding NUL characters (binary data that happened to decode).
fn checked(
    text: Cow<'_, str>,
    encoding: Encoding,
    file: FileKind,
) -> Result<(Cow<'_, str>, &'static str), Error> {
    if let Some(at) = text.find('\0') {
        let line = line_of(&text[..at]) as u64;
        return Err(Error::refused(file, Problem::NulBytes { line }));
    }
    Ok((text, encoding.name()))
}

/// UTF-16 without BOM: NULs fall (almost) only on odd bytes (LE) or even bytes (BE).
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = sample.len() / 2;
    // Delimiters, digits and addresses are ASCII: a real table has plenty of them.
    let enough = |n: usize| n * 4 >= pairs && n > 0;
    if enough(odd) && even * 16 <= odd {
        Some(Encoding::Utf16Le)
    } else if enough(even) && odd * 16 <= even {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn empty(file: FileKind) -> Error {
    Error::refused(file, Problem::Empty {})
}

fn nul_error(bytes: &[u8], file: FileKind) -> Error {
    let at = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let line = line_of_bytes(&bytes[..at]) as u64;
    Error::refused(file, Problem::NulBytes { line })
}

/// The error for bytes that are not valid in `encoding` from line `line` on.
fn malformed(line: usize, encoding: Encoding, file: FileKind) -> Error {
    let line = line as u64;
    let problem = if encoding == GB18030 {
        Problem::NotUtf8OrGbk { line }
    } else {
        Problem::EncodingInvalid {
            line,
            encoding: encoding.name(),
        }
    };
    Error::refused(file, problem)
}

/// 1-based line number of the position just after `before` (LF, CRLF or CR line ends).
fn line_of(before: &str) -> usize {
    line_of_bytes(before.as_bytes())
}

fn line_of_bytes(before: &[u8]) -> usize {
    let lf = before.iter().filter(|&&b| b == b'\n').count();
    if lf > 0 {
        lf + 1
    } else {
        before.iter().filter(|&&b| b == b'\r').count() + 1
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> (String, &'static str) {
        let (text, enc) = decode(bytes, None, None, FileKind::Exmail).unwrap();
        (text.into_owned(), enc)
    }

    fn err(bytes: &[u8]) -> String {
        decode(bytes, None, None, FileKind::Exmail)
            .unwrap_err()
            .to_string()
    }

    #[cfg(feature = "legacy-encodings")]
    fn gb18030(text: &str) -> Vec<u8> {
        encoding_rs::GB18030.encode(text).0.into_owned()
    }

    /// A host decoder that knows only `gb18030`, and reads only its ASCII bytes.
    fn ascii_gb18030(name: &str, bytes: &[u8], _stream: bool) -> Result<String, LegacyDecodeError> {
        if name != "gb18030" {
            return Err(LegacyDecodeError::Unsupported);
        }
        match bytes.is_ascii() {
            true => Ok(String::from_utf8_lossy(bytes).into_owned()),
            false => Err(LegacyDecodeError::Malformed),
        }
    }

    #[test]
    fn utf8_is_borrowed() {
        let bytes = "姓名,邮箱\n张伟,a@b.cn\n".as_bytes();
        let (text, enc) = decode(bytes, None, None, FileKind::Exmail).unwrap();
        assert!(matches!(text, Cow::Borrowed(_)));
        assert_eq!(enc, "utf-8");
    }

    #[test]
    fn boms_are_stripped() {
        assert_eq!(ok(b"\xEF\xBB\xBFa,b"), ("a,b".into(), "utf-8"));
        assert_eq!(ok(b"\xFF\xFEa\0,\0b\0"), ("a,b".into(), "utf-16le"));
        assert_eq!(ok(b"\xFE\xFF\0a\0,\0b"), ("a,b".into(), "utf-16be"));
    }

    #[test]
    fn utf16_without_bom_is_sniffed() {
        let le: Vec<u8> = "姓名\t邮箱\r\nx\ty@z.cn\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(ok(&le).1, "utf-16le");
        let be: Vec<u8> = "姓名\t邮箱\r\nx\ty@z.cn\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(ok(&be), ("姓名\t邮箱\r\nx\ty@z.cn\r\n".into(), "utf-16be"));
        let astral: Vec<u8> = "\u{FEFF}刘𠀀\r\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(ok(&astral), ("刘𠀀\r\n".into(), "utf-16le"));
    }

    #[test]
    fn broken_utf16_names_the_line() {
        let mut units: Vec<u16> = "a\tb\r\nc\td\r\n".encode_utf16().collect();
        units.push(0xD800); // a high surrogate alone, on line 3
        units.extend("e\r\n".encode_utf16());
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        let e = err(&bytes);
        assert!(e.contains("line 3 is not valid utf-16le"), "{e}");
        let odd = [&b"\xFE\xFF\0a\0\n\0b"[..], b"\0"].concat();
        let e = err(&odd);
        assert!(e.contains("line 2 is not valid utf-16be"), "{e}");
    }

    #[cfg(feature = "legacy-encodings")]
    #[test]
    fn gbk_falls_back_to_gb18030() {
        let bytes = gb18030("姓名,邮箱\n张伟,a@b.cn\n");
        assert_eq!(ok(&bytes), ("姓名,邮箱\n张伟,a@b.cn\n".into(), "gb18030"));
    }

    #[test]
    fn refusals_name_the_line() {
        assert!(err(b"").contains("empty"));
        assert!(err(b"\xEF\xBB\xBF").contains("empty"));
        assert!(err(b"\xFF\xFE").contains("empty"));
        let nul = err(b"a,b\nc,d\ne\0f,g\n");
        assert!(nul.contains("line 3") && nul.contains("NUL"), "{nul}");
        if cfg!(feature = "legacy-encodings") {
            let bad = err(b"a,b\r\nc,\x80\xFF\r\n");
            assert!(bad.contains("line 2") && bad.contains("CSV UTF-8"), "{bad}");
        }
    }

    #[cfg(feature = "legacy-encodings")]
    #[test]
    fn broken_utf8_is_not_read_as_gbk() {
        // UTF-8 Chinese with one character cut short on line 3: GB18030 would decode it all.
        let mut bytes = "姓名,邮箱\n张伟,a@b.cn\n".as_bytes().to_vec();
        bytes.extend_from_slice(&"李娜".as_bytes()[..5]);
        bytes.extend_from_slice(",c@d.cn\n王芳,e@f.cn\n".as_bytes());
        let e = err(&bytes);
        assert!(e.contains("line 3 is not valid utf-8"), "{e}");
        // Real GBK still decodes, even with a few lucky pairs that are valid UTF-8.
        let gbk = gb18030("姓名,邮箱\n张伟,a@b.cn\n联通,c@d.cn\n欧阳娜娜,x@y.cn\n");
        assert_eq!(ok(&gbk).1, "gb18030");
        // Neither: the first bad byte's line.
        let mut neither = gb18030("姓名,邮箱\r\n张伟,a@b.cn\r\n");
        neither.extend_from_slice(b"x,\xFF\xFF\r\n");
        let e = err(&neither);
        assert!(
            e.contains("line 3 is neither UTF-8 nor GB18030/GBK text"),
            "{e}"
        );
    }

    #[cfg(feature = "legacy-encodings")]
    #[test]
    fn forced_labels() {
        let bytes = gb18030("张伟");
        let (text, enc) = decode(&bytes, Some(" GBK "), None, FileKind::Wecom).unwrap();
        assert_eq!((text.as_ref(), enc), ("张伟", "gbk"));
        let (text, enc) = decode(b"\xEF\xBB\xBFab", Some("utf-8"), None, FileKind::Wecom).unwrap();
        assert_eq!((text.as_ref(), enc), ("ab", "utf-8"));
        let (text, enc) = decode(b"caf\xE9", Some("latin1"), None, FileKind::Wecom).unwrap();
        assert_eq!((text.as_ref(), enc), ("café", "windows-1252"));
    }

    #[test]
    fn unknown_labels_are_option_errors() {
        // `replacement` labels too: no decoder reads them, as TextDecoder refuses them.
        for label in ["klingon", "hz-gb-2312", "iso-2022-kr", "replacement"] {
            let e = decode(b"x", Some(label), None, FileKind::Wecom).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("options: unknown encoding `{label}` for the wecom file (try utf-8, gb18030, utf-16le, utf-16be)")
            );
        }
    }

    #[test]
    fn legacy_encodings_go_to_the_decoder_handed_in() {
        let host = Some(ascii_gb18030 as LegacyDecoder);
        // GBK is decoded as GB18030 (WHATWG's gbk decoder is that one) but reported as asked.
        let (text, enc) = decode(b"a,b", Some("gb2312"), host, FileKind::Exmail).unwrap();
        assert_eq!((text.as_ref(), enc), ("a,b", "gbk"));
        let e = decode(
            b"a,b\nc,d\n\xD5\xC5,e\n",
            Some("gbk"),
            host,
            FileKind::Exmail,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("line 3 is not valid gbk"), "{e}");
        let e = decode(b"a,\xD5\xC5\n", None, host, FileKind::Exmail)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 1 is neither UTF-8 nor GB18030/GBK text"),
            "{e}"
        );
        let e = decode(b"a,b\n", Some("shift_jis"), host, FileKind::Roster)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "roster file: shift_jis text cannot be decoded here (the host's TextDecoder lacks it); save it as \"CSV UTF-8\" and choose it again"
        );
    }

    #[test]
    fn magic_bytes() {
        assert_eq!(spreadsheet_format(b"PK\x03\x04rest"), Some(Format::Xlsx));
        let mut ods = b"PK\x03\x04".to_vec();
        ods.resize(30, 0);
        ods.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(spreadsheet_format(&ods), Some(Format::Ods));
        assert_eq!(
            spreadsheet_format(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Some(Format::Xls)
        );
        assert_eq!(spreadsheet_format(b"a,b"), None);
    }
}
