//! The zip archive of an XLSX package, read as far as a package needs: the central directory's
//! names, sizes, offsets and methods (zip64 included), and an entry's bytes, stored or DEFLATE
//! (flate2), stopped at the declared size and checked against the declared CRC-32.
//!
//! Our own because the `zip` crate's reader, made for every archive there is, was the largest
//! function of the wasm (its metadata parser alone 23 KB of code: BENCHMARKS.md). Nothing
//! here trusts the bytes: every offset and length is checked against the archive before use.

use std::io::Read;

use flate2::bufread::DeflateDecoder;

use crate::crc32::Crc32;

/// Why the archive or an entry cannot be read.
pub(crate) type Broken = String;

const END: u32 = 0x0605_4b50;
const END_LEN: usize = 22;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_END: u32 = 0x0606_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;
const STORED: u16 = 0;
const DEFLATE: u16 = 8;

/// One entry of the central directory.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) name: String,
    method: u16,
    encrypted: bool,
    crc: u32,
    pub(crate) packed: u64,
    pub(crate) size: u64,
    /// Where its local header starts.
    local: u64,
}

#[derive(Debug)]
pub(crate) struct Archive<'b> {
    bytes: &'b [u8],
    pub(crate) entries: Vec<Entry>,
}

/// Little-endian fields at an offset, refused past the end.
struct Fields<'b>(&'b [u8]);

impl<'b> Fields<'b> {
    fn slice(&self, at: u64, len: u64) -> Result<&'b [u8], Broken> {
        let start = usize::try_from(at).ok();
        let end = start.and_then(|s| s.checked_add(usize::try_from(len).ok()?));
        match (start, end) {
            (Some(s), Some(e)) if e <= self.0.len() => Ok(&self.0[s..e]),
            _ => Err("a record runs past the end of the file".to_string()),
        }
    }

    fn u16(&self, at: u64) -> Result<u16, Broken> {
        let b = self.slice(at, 2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&self, at: u64) -> Result<u32, Broken> {
        let b = self.slice(at, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&self, at: u64) -> Result<u64, Broken> {
        Ok(u64::from(self.u32(at)?) | u64::from(self.u32(at + 4)?) << 32)
    }
}

impl<'b> Archive<'b> {
    /// Reads the central directory of `bytes`.
    pub(crate) fn new(bytes: &'b [u8]) -> Result<Archive<'b>, Broken> {
        let f = Fields(bytes);
        let end = find_end(bytes).ok_or("no end of central directory record")?;
        let mut count = u64::from(f.u16(end + 10)?);
        let mut offset = u64::from(f.u32(end + 16)?);
        // Zip64: the 32-bit record says "see the zip64 one" with all ones.
        let zip64 = count == 0xFFFF || offset == 0xFFFF_FFFF;
        if zip64 && end >= 20 && f.u32(end - 20)? == ZIP64_LOCATOR {
            let at = f.u64(end - 20 + 8)?;
            if f.u32(at)? != ZIP64_END {
                return Err("no zip64 end of central directory record".to_string());
            }
            count = f.u64(at + 32)?;
            offset = f.u64(at + 48)?;
        }
        // Each entry takes 46 bytes at least: a count beyond that is a lie, not an allocation.
        if count > bytes.len() as u64 / 46 {
            return Err(format!("the central directory claims {count} entries"));
        }
        let mut entries = Vec::with_capacity(count as usize);
        let mut at = offset;
        for _ in 0..count {
            let (entry, next) = central_entry(&f, at)?;
            entries.push(entry);
            at = next;
        }
        Ok(Archive { bytes, entries })
    }

    /// The bytes of entry `index`, inflated as they are read.
    pub(crate) fn open(&self, index: usize) -> Result<EntryReader<'b>, Broken> {
        let entry = self.entries.get(index).ok_or("no such entry")?;
        if entry.encrypted {
            return Err(format!("{} is encrypted", entry.name));
        }
        let f = Fields(self.bytes);
        if f.u32(entry.local)? != LOCAL {
            return Err(format!(
                "{}: no local header where the directory says",
                entry.name
            ));
        }
        let name_len = u64::from(f.u16(entry.local + 26)?);
        let extra_len = u64::from(f.u16(entry.local + 28)?);
        let data = f.slice(entry.local + 30 + name_len + extra_len, entry.packed)?;
        let source = match entry.method {
            STORED => Source::Stored(data),
            DEFLATE => Source::Deflate(Box::new(DeflateDecoder::new(data))),
            m => {
                return Err(format!(
                    "{}: compression method {m} is not supported",
                    entry.name
                ))
            }
        };
        Ok(EntryReader {
            source,
            left: entry.size,
            crc: Crc32::new(),
            expected: entry.crc,
        })
    }
}

/// The end of central directory record: the last signature whose comment length reaches the
/// end of the file exactly (a comment may hold anything, a signature too).
fn find_end(bytes: &[u8]) -> Option<u64> {
    let last = bytes.len().checked_sub(END_LEN)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last).rev().find_map(|at| {
        let record = &bytes[at..];
        let signature = u32::from_le_bytes([record[0], record[1], record[2], record[3]]);
        let comment = usize::from(u16::from_le_bytes([record[20], record[21]]));
        (signature == END && at + END_LEN + comment == bytes.len()).then_some(at as u64)
    })
}

/// The central directory entry at `at`, and where the next one starts.
fn central_entry(f: &Fields, at: u64) -> Result<(Entry, u64), Broken> {
    if f.u32(at)? != CENTRAL {
        return Err("a central directory entry is missing".to_string());
    }
    let flags = f.u16(at + 8)?;
    let name_len = u64::from(f.u16(at + 28)?);
    let extra_len = u64::from(f.u16(at + 30)?);
    let comment_len = u64::from(f.u16(at + 32)?);
    let raw_name = f.slice(at + 46, name_len)?;
    let mut entry = Entry {
        // Flag bit 11: UTF-8; else IBM 437, whose ASCII part (every part name) is ASCII.
        name: String::from_utf8_lossy(raw_name).into_owned(),
        method: f.u16(at + 10)?,
        encrypted: flags & 1 != 0,
        crc: f.u32(at + 16)?,
        packed: u64::from(f.u32(at + 20)?),
        size: u64::from(f.u32(at + 24)?),
        local: u64::from(f.u32(at + 42)?),
    };
    zip64_sizes(&mut entry, f.slice(at + 46 + name_len, extra_len)?)?;
    Ok((entry, at + 46 + name_len + extra_len + comment_len))
}

/// The zip64 extra field (id 1) holds, in this order, the sizes and offset whose 32-bit fields
/// are all ones.
fn zip64_sizes(entry: &mut Entry, mut extra: &[u8]) -> Result<(), Broken> {
    while extra.len() >= 4 {
        let id = u16::from_le_bytes([extra[0], extra[1]]);
        let len = usize::from(u16::from_le_bytes([extra[2], extra[3]]));
        let Some(data) = extra.get(4..4 + len) else {
            return Err(format!(
                "{}: an extra field runs past its entry",
                entry.name
            ));
        };
        if id == 1 {
            let mut values = data
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
            for field in [&mut entry.size, &mut entry.packed, &mut entry.local] {
                if *field == 0xFFFF_FFFF {
                    *field = values
                        .next()
                        .ok_or_else(|| format!("{}: a zip64 size is missing", entry.name))?;
                }
            }
        }
        extra = &extra[4 + len..];
    }
    Ok(())
}

enum Source<'b> {
    Stored(&'b [u8]),
    Deflate(Box<DeflateDecoder<&'b [u8]>>),
}

/// An entry's bytes: no more than its declared size, and an error at the end when they do not
/// have its declared CRC-32.
pub(crate) struct EntryReader<'b> {
    source: Source<'b>,
    /// Bytes still to give before the declared size is reached.
    left: u64,
    crc: Crc32,
    expected: u32,
}

impl Read for EntryReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let room = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        let n = match room {
            0 => 0,
            _ => match &mut self.source {
                Source::Stored(rest) => rest.read(&mut buf[..room])?,
                Source::Deflate(inflate) => inflate.read(&mut buf[..room])?,
            },
        };
        self.left -= n as u64;
        self.crc.update(&buf[..n]);
        if n == 0 && !buf.is_empty() && self.crc.finalize() != self.expected {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "invalid checksum",
            ));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// An archive written by the `zip` crate (the reference), every method we read.
    fn archive(entries: &[(&str, &[u8], bool)], zip64: bool) -> Vec<u8> {
        let mut out = ::zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for &(name, bytes, deflate) in entries {
            let method = match deflate {
                true => ::zip::CompressionMethod::Deflated,
                false => ::zip::CompressionMethod::Stored,
            };
            let options = ::zip::write::SimpleFileOptions::default()
                .compression_method(method)
                .large_file(zip64);
            out.start_file(name, options).unwrap();
            out.write_all(bytes).unwrap();
        }
        out.set_comment("PK\u{5}\u{6} a comment with a signature in it")
            .unwrap();
        out.finish().unwrap().into_inner()
    }

    fn read_all(archive: &Archive, index: usize) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut reader = archive.open(index)?;
        reader.read_to_end(&mut out).map_err(|e| e.to_string())?;
        Ok(out)
    }

    #[test]
    fn reads_what_the_zip_crate_writes() {
        let sheet = "<row><c>1</c></row>".repeat(500);
        for zip64 in [false, true] {
            let bytes = archive(
                &[
                    ("[Content_Types].xml", b"<Types/>", false),
                    ("xl/worksheets/sheet1.xml", sheet.as_bytes(), true),
                    ("empty", b"", true),
                ],
                zip64,
            );
            let a = Archive::new(&bytes).unwrap();
            let names: Vec<&str> = a.entries.iter().map(|e| e.name.as_str()).collect();
            assert_eq!(
                names,
                ["[Content_Types].xml", "xl/worksheets/sheet1.xml", "empty"]
            );
            assert_eq!(read_all(&a, 0).unwrap(), b"<Types/>");
            assert_eq!(read_all(&a, 1).unwrap(), sheet.as_bytes());
            assert!(a.entries[1].packed < a.entries[1].size);
            assert_eq!(read_all(&a, 2).unwrap(), b"");
        }
    }

    #[test]
    fn a_wrong_crc_or_size_is_refused() {
        let bytes = archive(&[("a", b"hello", false)], false);
        let a = Archive::new(&bytes).unwrap();
        let mut wrong = a.entries[0].clone();
        wrong.crc ^= 1;
        let bad = Archive {
            bytes: &bytes,
            entries: vec![wrong],
        };
        assert_eq!(read_all(&bad, 0).unwrap_err(), "invalid checksum");
        // A declared size below the data's: reading stops there, and the CRC says so.
        let mut short = a.entries[0].clone();
        short.size = 3;
        let bad = Archive {
            bytes: &bytes,
            entries: vec![short],
        };
        assert_eq!(read_all(&bad, 0).unwrap_err(), "invalid checksum");
    }

    #[test]
    fn broken_archives_are_refused_not_trusted() {
        let bytes = archive(&[("a", b"hello", true)], false);
        assert!(Archive::new(&bytes[..bytes.len() - 1]).is_err());
        assert!(Archive::new(b"PK").is_err());
        // The directory's offset pointing past the end.
        let end = find_end(&bytes).unwrap() as usize;
        let mut moved = bytes.clone();
        moved[end + 16..end + 20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Archive::new(&moved).is_err());
        // A count the file cannot hold.
        let mut many = bytes.clone();
        many[end + 10..end + 12].copy_from_slice(&5000u16.to_le_bytes());
        assert!(Archive::new(&many).unwrap_err().contains("5000 entries"));
        // Encrypted, or a method we do not read.
        let a = Archive::new(&bytes).unwrap();
        for (method, encrypted) in [(DEFLATE, true), (12, false)] {
            let mut e = a.entries[0].clone();
            (e.method, e.encrypted) = (method, encrypted);
            let odd = Archive {
                bytes: &bytes,
                entries: vec![e],
            };
            assert!(odd.open(0).is_err());
        }
    }
}
