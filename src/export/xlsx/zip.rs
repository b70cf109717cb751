//! A minimal zip writer for the XLSX package: DEFLATE entries (`flate2`), CRC-32 (zlib-rs's),
//! local headers, a central directory and the end record. No zip64: an entry or an archive past
//! the 32-bit limits is refused (`xlsx-too-large`). Every entry carries the same DOS date
//! (1980-01-01 00:00), so the same entries always make the same bytes.

use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::{Compress, Compression, FlushCompress, Status};

use crate::crc32::Crc32;
use crate::error::{Error, Problem};

/// DOS time 00:00:00 and date 1980-01-01 (`(year - 1980) << 9 | month << 5 | day`).
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// Version 2.0: what DEFLATE needs.
const VERSION: u16 = 20;
const DEFLATE: u16 = 8;

fn too_big(what: &str) -> Error {
    Error::call(Problem::XlsxTooLarge {
        what: what.to_string(),
    })
}

fn deflate_error(e: impl std::fmt::Display) -> Error {
    Error::call(Problem::ExportFailed {
        detail: format!("compressing: {e}"),
    })
}

/// One compressed entry: its raw DEFLATE data, the CRC-32 and length of the uncompressed bytes.
pub(crate) struct Entry {
    name: String,
    data: Vec<u8>,
    crc: u32,
    size: u32,
}

impl Entry {
    /// Compresses `bytes` whole.
    pub(crate) fn new(name: &str, bytes: &[u8]) -> Result<Entry, Error> {
        let mut body = Deflater::new();
        body.write(bytes)?;
        body.finish(name)
    }
}

/// A DEFLATE stream written piece by piece (a worksheet's rows), with its CRC and length.
pub(crate) struct Deflater {
    encoder: DeflateEncoder<Vec<u8>>,
    crc: Crc32,
    size: u64,
}

impl Deflater {
    pub(crate) fn new() -> Deflater {
        Deflater {
            encoder: DeflateEncoder::new(Vec::new(), Compression::default()),
            crc: Crc32::new(),
            size: 0,
        }
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.size += bytes.len() as u64;
        if self.size > u64::from(u32::MAX) {
            return Err(too_big("a part of the file"));
        }
        self.crc.update(bytes);
        self.encoder.write_all(bytes).map_err(deflate_error)
    }

    /// The entry `name`: `head` (compressed now, on its own) followed by everything written.
    /// The two DEFLATE streams are simply concatenated: `head` ends with a sync flush (a
    /// non-final block on a byte boundary), and a DEFLATE stream is a sequence of blocks.
    pub(crate) fn finish_after(self, name: &str, head: &[u8]) -> Result<Entry, Error> {
        let size = self.size + head.len() as u64;
        if size > u64::from(u32::MAX) {
            return Err(too_big("a part of the file"));
        }
        let mut crc = Crc32::new();
        crc.update(head);
        crc.combine(&self.crc);
        let mut data = deflate_sync(head)?;
        data.extend_from_slice(&self.encoder.finish().map_err(deflate_error)?);
        Ok(Entry {
            name: name.to_string(),
            data,
            crc: crc.finalize(),
            size: size as u32,
        })
    }

    pub(crate) fn finish(self, name: &str) -> Result<Entry, Error> {
        self.finish_after(name, &[])
    }
}

/// `bytes` as raw DEFLATE blocks ending in a sync flush: not final, so more blocks may follow.
fn deflate_sync(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let mut c = Compress::new(Compression::default(), false);
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    loop {
        let consumed = c.total_in() as usize;
        let status = c
            .compress_vec(&bytes[consumed..], &mut out, FlushCompress::Sync)
            .map_err(deflate_error)?;
        // Done when all the input is in and the flush left room to spare (zlib's contract).
        if c.total_in() as usize == bytes.len() && out.len() < out.capacity() {
            return Ok(out);
        }
        if status == Status::StreamEnd {
            return Err(deflate_error("the stream ended early"));
        }
        out.reserve(out.capacity().max(1024));
    }
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// The archive of `entries`, in their order.
pub(crate) fn archive(entries: &[Entry]) -> Result<Vec<u8>, Error> {
    let count = u16::try_from(entries.len()).map_err(|_| too_big("the file count"))?;
    let total: usize = entries
        .iter()
        .map(|e| e.data.len() + 2 * e.name.len() + 76)
        .sum();
    let mut out = Vec::with_capacity(total + 22);
    let mut offsets = Vec::with_capacity(entries.len());
    for e in entries {
        let offset = u32::try_from(out.len()).map_err(|_| too_big("the file"))?;
        offsets.push(offset);
        let compressed = u32::try_from(e.data.len()).map_err(|_| too_big("a part of the file"))?;
        let name_len = u16::try_from(e.name.len()).map_err(|_| too_big("a part's name"))?;
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, VERSION);
        u16le(&mut out, 0); // flags
        u16le(&mut out, DEFLATE);
        u16le(&mut out, DOS_TIME);
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, e.crc);
        u32le(&mut out, compressed);
        u32le(&mut out, e.size);
        u16le(&mut out, name_len);
        u16le(&mut out, 0); // extra field
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
    }
    let directory = u32::try_from(out.len()).map_err(|_| too_big("the file"))?;
    for (e, &offset) in entries.iter().zip(&offsets) {
        u32le(&mut out, 0x0201_4b50);
        u16le(&mut out, VERSION); // made by: MS-DOS, 2.0
        u16le(&mut out, VERSION);
        u16le(&mut out, 0);
        u16le(&mut out, DEFLATE);
        u16le(&mut out, DOS_TIME);
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, e.crc);
        u32le(&mut out, e.data.len() as u32); // checked above
        u32le(&mut out, e.size);
        u16le(&mut out, e.name.len() as u16); // checked above
        u16le(&mut out, 0); // extra field
        u16le(&mut out, 0); // comment
        u16le(&mut out, 0); // disk
        u16le(&mut out, 0); // internal attributes
        u32le(&mut out, 0); // external attributes
        u32le(&mut out, offset);
        out.extend_from_slice(e.name.as_bytes());
    }
    let end = u32::try_from(out.len()).map_err(|_| too_big("the file"))?;
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0); // this disk
    u16le(&mut out, 0); // the directory's disk
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, end - directory);
    u32le(&mut out, directory);
    u16le(&mut out, 0); // comment
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn entries_read_back_with_the_zip_crate() {
        let big: Vec<u8> = (0..200_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let mut split = Deflater::new();
        split.write(b"body, ").unwrap();
        split.write(&big).unwrap();
        let entries = vec![
            Entry::new("a.txt", b"hello").unwrap(),
            Entry::new("empty", b"").unwrap(),
            split.finish_after("dir/b.bin", b"head, ").unwrap(),
        ];
        let bytes = archive(&entries).unwrap();
        assert_eq!(bytes, archive(&entries).unwrap());
        let mut zip = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(zip.len(), 3);
        let mut read = |name: &str| {
            let mut out = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
            out
        };
        assert_eq!(read("a.txt"), b"hello");
        assert_eq!(read("empty"), b"");
        let mut want = b"head, body, ".to_vec();
        want.extend_from_slice(&big);
        assert_eq!(read("dir/b.bin"), want);
    }
}
