//! Bytes → text: recognise spreadsheets by their magic bytes, and find the encoding of
//! delimited text (BOM, UTF-8, UTF-16 without BOM, else GB18030 — what Excel writes on
//! Chinese Windows).
//!
//! Valid UTF-8 is borrowed, never copied: it is the common case and files run to 100 MB.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use super::Format;
use crate::{report::FileKind, Error};

/// What to tell a person whose file we could not decode.
const ADVICE: &str = "save it as \"CSV UTF-8\" or choose the encoding";

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
/// encoding is sniffed. Undecodable bytes and NUL bytes (binary data) are refused with the
/// line where they occur.
pub fn decode<'b>(
    bytes: &'b [u8],
    forced: Option<&str>,
    file: FileKind,
) -> Result<(Cow<'b, str>, &'static str), Error> {
    if bytes.is_empty() {
        return Err(empty(file));
    }
    if let Some(label) = forced {
        let encoding = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            Error::Options(format!(
                "unknown encoding `{label}` for the {} file (try utf-8, gb18030, utf-16le, utf-16be)",
                file.as_str()
            ))
        })?;
        // A BOM of the forced encoding is dropped; any other is decoded as text.
        let body = match Encoding::for_bom(bytes) {
            Some((bom_encoding, len)) if bom_encoding == encoding => {
                bytes.get(len..).unwrap_or_default()
            }
            _ => bytes,
        };
        return decode_as(body, encoding, file);
    }
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        return decode_as(bytes.get(len..).unwrap_or_default(), encoding, file);
    }
    if bytes.contains(&0) {
        // ASCII text in UTF-16 has a NUL in every other byte; binary data does not care.
        if let Some(encoding) = sniff_utf16(bytes) {
            return decode_as(bytes, encoding, file);
        }
        return Err(nul_error(bytes, file));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        // No NUL to look for again: the bytes have none (above).
        return Ok((Cow::Borrowed(text), name(UTF_8)));
    }
    // UTF-8 with a few broken bytes (a cell cut mid-character, a bad copy) would decode as
    // GB18030 into silent mojibake: when valid UTF-8 clearly outweighs the breaks, say where
    // the first one is instead.
    if mostly_utf8(bytes) {
        return Err(malformed_error(bytes, UTF_8, file));
    }
    // Not UTF-8: the system code page of Chinese Windows (GBK, of which GB18030 is a superset).
    decode_as(bytes, GB18030, file)
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

/// Decodes `body` (BOM already removed) strictly as `encoding`.
fn decode_as<'b>(
    body: &'b [u8],
    encoding: &'static Encoding,
    file: FileKind,
) -> Result<(Cow<'b, str>, &'static str), Error> {
    if body.is_empty() {
        return Err(empty(file));
    }
    // Borrows for UTF-8, and for ASCII-only input in ASCII-compatible encodings.
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => checked(text, encoding, file),
        None => Err(malformed_error(body, encoding, file)),
    }
}

/// Refuses decoded text holding NUL characters (binary data that happened to decode).
fn checked<'b>(
    text: Cow<'b, str>,
    encoding: &'static Encoding,
    file: FileKind,
) -> Result<(Cow<'b, str>, &'static str), Error> {
    if let Some(at) = text.find('\0') {
        return Err(Error::input(
            file,
            format!(
                "line {} contains NUL bytes: this does not look like a text table; {ADVICE}",
                line_of(&text[..at])
            ),
        ));
    }
    Ok((text, name(encoding)))
}

/// UTF-16 without BOM: NULs fall (almost) only on odd bytes (LE) or even bytes (BE).
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
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
        Some(UTF_16LE)
    } else if enough(even) && odd * 16 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn empty(file: FileKind) -> Error {
    Error::input(file, "the file is empty")
}

fn nul_error(bytes: &[u8], file: FileKind) -> Error {
    let at = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    Error::input(
        file,
        format!(
            "line {} contains NUL bytes: this does not look like a text table; {ADVICE}",
            line_of_bytes(&bytes[..at])
        ),
    )
}

/// The error for bytes that are not valid in `encoding`, naming the first bad line.
/// Slow path: decodes again, up to the first malformed sequence.
fn malformed_error(body: &[u8], encoding: &'static Encoding, file: FileKind) -> Error {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    // Stops at the first malformed sequence: `text` is then everything before it.
    let _: DecoderResult = decoder
        .decode_to_string_without_replacement(body, &mut text, true)
        .0;
    let line = line_of(&text);
    let what = if encoding == GB18030 {
        "is neither UTF-8 nor GB18030/GBK text".to_string()
    } else {
        format!("is not valid {}", name(encoding))
    };
    Error::input(file, format!("line {line} {what}; {ADVICE}"))
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

/// Lower-case names of every encoding `encoding_rs` knows, for the report.
const NAMES: [&str; 40] = [
    "big5",
    "euc-jp",
    "euc-kr",
    "gb18030",
    "gbk",
    "ibm866",
    "iso-2022-jp",
    "iso-8859-10",
    "iso-8859-13",
    "iso-8859-14",
    "iso-8859-15",
    "iso-8859-16",
    "iso-8859-2",
    "iso-8859-3",
    "iso-8859-4",
    "iso-8859-5",
    "iso-8859-6",
    "iso-8859-7",
    "iso-8859-8",
    "iso-8859-8-i",
    "koi8-r",
    "koi8-u",
    "shift_jis",
    "utf-16be",
    "utf-16le",
    "utf-8",
    "macintosh",
    "replacement",
    "windows-1250",
    "windows-1251",
    "windows-1252",
    "windows-1253",
    "windows-1254",
    "windows-1255",
    "windows-1256",
    "windows-1257",
    "windows-1258",
    "windows-874",
    "x-mac-cyrillic",
    "x-user-defined",
];

fn name(encoding: &'static Encoding) -> &'static str {
    NAMES
        .into_iter()
        .find(|n| n.eq_ignore_ascii_case(encoding.name()))
        .unwrap_or("unknown")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> (String, &'static str) {
        let (text, enc) = decode(bytes, None, FileKind::Exmail).unwrap();
        (text.into_owned(), enc)
    }

    fn err(bytes: &[u8]) -> String {
        decode(bytes, None, FileKind::Exmail)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn utf8_is_borrowed() {
        let bytes = "姓名,邮箱\n张伟,a@b.cn\n".as_bytes();
        let (text, enc) = decode(bytes, None, FileKind::Exmail).unwrap();
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
    }

    #[test]
    fn gbk_falls_back_to_gb18030() {
        let (bytes, _, _) = GB18030.encode("姓名,邮箱\n张伟,a@b.cn\n");
        assert_eq!(ok(&bytes), ("姓名,邮箱\n张伟,a@b.cn\n".into(), "gb18030"));
    }

    #[test]
    fn refusals_name_the_line() {
        assert!(err(b"").contains("empty"));
        assert!(err(b"\xEF\xBB\xBF").contains("empty"));
        assert!(err(b"\xFF\xFE").contains("empty"));
        let nul = err(b"a,b\nc,d\ne\0f,g\n");
        assert!(nul.contains("line 3") && nul.contains("NUL"), "{nul}");
        let bad = err(b"a,b\r\nc,\x80\xFF\r\n");
        assert!(bad.contains("line 2") && bad.contains("CSV UTF-8"), "{bad}");
    }

    #[test]
    fn broken_utf8_is_not_read_as_gbk() {
        // UTF-8 Chinese with one character cut short on line 3: GB18030 would decode it all.
        let mut bytes = "姓名,邮箱\n张伟,a@b.cn\n".as_bytes().to_vec();
        bytes.extend_from_slice(&"李娜".as_bytes()[..5]);
        bytes.extend_from_slice(",c@d.cn\n王芳,e@f.cn\n".as_bytes());
        let e = err(&bytes);
        assert!(e.contains("line 3 is not valid utf-8"), "{e}");
        // Real GBK still decodes, even with a few lucky pairs that are valid UTF-8.
        let (gbk, _, _) = GB18030.encode("姓名,邮箱\n张伟,a@b.cn\n联通,c@d.cn\n欧阳娜娜,x@y.cn\n");
        assert_eq!(ok(&gbk).1, "gb18030");
    }

    #[test]
    fn forced_labels() {
        let (bytes, _, _) = GB18030.encode("张伟");
        let (text, enc) = decode(&bytes, Some("GBK"), FileKind::Wecom).unwrap();
        assert_eq!((text.as_ref(), enc), ("张伟", "gbk"));
        let (text, enc) = decode(b"\xEF\xBB\xBFab", Some("utf-8"), FileKind::Wecom).unwrap();
        assert_eq!((text.as_ref(), enc), ("ab", "utf-8"));
        assert!(matches!(
            decode(b"x", Some("klingon"), FileKind::Wecom),
            Err(Error::Options(_))
        ));
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
