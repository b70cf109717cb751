//! Compound Files (MS-CFB), the container of old `.xls` files.
//!
//! - Password-protected workbooks. Excel and WPS encrypt an `.xlsx` by wrapping it in a
//!   Compound File holding two streams, `EncryptionInfo` and `EncryptedPackage`
//!   (MS-OFFCRYPTO §2.3.4): by its first bytes such a file looks like an `.xls`, so it is
//!   recognised here, in every build, before anything tries to read it as one.
//! - Damaged ones (natively, before calamine reads an `.xls`): calamine 0.38's Compound File
//!   reader panics on a sector past the end of the file and on a partial sector in an
//!   allocation table (fuzz/README.md, crash 5), and loops on a cyclic chain; the release CLI
//!   aborts on a panic. [`check_structure`] walks every chain calamine reads the way it reads
//!   it and refuses the file when one would go wrong.

/// The 8 bytes every Compound File starts with.
const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// A directory entry's size; sectors (512 or 4096 bytes) hold whole entries.
const ENTRY: usize = 128;
/// Directory entry type of a stream.
const STREAM: u8 = 2;

/// Whether `bytes` is a Compound File holding the streams of an encrypted OOXML package.
///
/// Directory entries are found without following the allocation table: sector `n` starts at
/// `(n + 1) × sector size`, so every entry starts at a multiple of 128 past the header sector,
/// and an entry is its UTF-16 name, that name's length and its type. A data sector would have
/// to hold both names laid out exactly so to be mistaken for one.
pub fn is_encrypted(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&MAGIC) {
        return false;
    }
    let sector = match bytes.get(30..32) {
        Some([9, 0]) => 512,
        Some([12, 0]) => 4096,
        _ => return false,
    };
    let mut info = false;
    let mut package = false;
    let entries = bytes.get(sector..).unwrap_or_default().chunks_exact(ENTRY);
    for entry in entries {
        info |= is_stream_named(entry, "EncryptionInfo");
        package |= is_stream_named(entry, "EncryptedPackage");
        if info && package {
            return true;
        }
    }
    false
}

/// A directory entry for the stream `name`: its UTF-16LE name and NUL, the length of both in
/// bytes, and the stream type.
fn is_stream_named(entry: &[u8], name: &str) -> bool {
    let units = name.encode_utf16().count();
    let length = (units + 1) * 2;
    entry.get(64..66) == Some(&(length as u16).to_le_bytes()[..])
        && entry.get(66) == Some(&STREAM)
        && entry
            .chunks_exact(2)
            .zip(name.encode_utf16().chain([0]))
            .all(|(pair, unit)| pair == unit.to_le_bytes())
}

/// Sector ids at and above this are markers (MS-CFB §2.1), not sectors.
#[cfg(feature = "legacy-spreadsheets")]
const MAX_SECTOR: u32 = 0xFFFF_FFFA;
/// The DIFAT marks its own sectors so; ids from here up are no FAT sectors.
#[cfg(feature = "legacy-spreadsheets")]
const DIFAT_SECTOR: u32 = 0xFFFF_FFFC;
#[cfg(feature = "legacy-spreadsheets")]
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// A stream shorter than this lives in the mini stream, in 64-byte mini sectors.
#[cfg(feature = "legacy-spreadsheets")]
const MINI_STREAM_CUTOFF: usize = 4096;
#[cfg(feature = "legacy-spreadsheets")]
const MINI_SECTOR: usize = 64;
/// The streams calamine's XLS reader opens by name (the first entry of each name, any case).
#[cfg(feature = "legacy-spreadsheets")]
const STREAMS_READ: [&str; 4] = [
    "Workbook",
    "Book",
    "\u{5}SummaryInformation",
    "\u{5}DocumentSummaryInformation",
];

/// Whether calamine can read the Compound File `bytes` without panicking or looping: the header
/// (sector and mini sector sizes), every DIFAT, FAT and mini FAT sector whole inside the file,
/// and the chains of the directory, the mini stream and the streams calamine opens each inside
/// the file, inside its allocation table and without a cycle, the streams not cut short by the
/// end of the file or of their chain. `Err` says what is damaged.
///
/// Sector `n` is bytes `(n + 1) × size ..` (the header takes the first sector's place). Chains
/// are walked only as far as calamine walks them (a stream's chain to its length), so damage
/// past them does not refuse a file. Stricter than calamine on one point, on purpose: where a
/// chain runs past the end of the file calamine may read zeros for the rest, which would drop
/// rows without a word; that is refused too.
///
/// `Ok` holds the stream calamine's XLS reader parses (`Workbook`, else `Book`), as it reads
/// it, for the record checks of `biff.rs`; `None` when there is neither (calamine refuses).
#[cfg(feature = "legacy-spreadsheets")]
pub fn check_structure(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let Some(header) = bytes.get(..512).filter(|h| h.starts_with(&MAGIC)) else {
        return Err("it is shorter than a Compound File header (512 bytes)".into());
    };
    let size = match u16_at(header, 30) {
        9 => 512,
        12 => 4096,
        shift => return Err(format!("its sector shift is {shift} (9 or 12 exist)")),
    };
    if u16_at(header, 32) != 6 {
        return Err("its mini sector size is not 64 bytes".into());
    }
    let file = Sectors { bytes, size };
    // The DIFAT: 109 FAT sector ids in the header, then a chain of sectors whose last id is
    // the next one's.
    let mut difat: Vec<u32> = u32s(&header[76..]).collect();
    let mut next = u32_at(header, 68);
    let mut steps = 0;
    while next < MAX_SECTOR {
        steps += 1;
        if steps > file.count() {
            return Err("its DIFAT chain loops".into());
        }
        difat.extend(u32s(file.whole(next, "a DIFAT sector")?));
        next = difat.pop().unwrap_or(END_OF_CHAIN);
    }
    let mut fat = Vec::new();
    for &id in difat.iter().filter(|&&id| id < DIFAT_SECTOR) {
        fat.extend(u32s(file.whole(id, "a FAT sector")?));
    }
    let directory = walk(u32_at(header, 48), &fat, usize::MAX, file.count(), |id| {
        file.present(id, "the directory")
    })?;
    let entries: Vec<&[u8]> = directory.chunks_exact(ENTRY).collect();
    let Some(root) = entries.first() else {
        return Ok(None); // calamine refuses it itself: no root entry
    };
    let (mini_fat, mini_stream) = match u32_at(header, 64) as usize {
        0 => (Vec::new(), Vec::new()),
        sectors => {
            let len = stream_len(root, size);
            let stream = walk(u32_at(root, 116), &fat, len, file.count(), |id| {
                file.present(id, "the mini stream")
            })?;
            whole_stream(&stream, len, "the mini stream")?;
            // Read as numbers: its sectors must be whole.
            let table = walk(
                u32_at(header, 60),
                &fat,
                sectors.saturating_mul(size),
                file.count(),
                |id| file.whole(id, "the mini FAT"),
            )?;
            (u32s(&table).collect::<Vec<u32>>(), stream)
        }
    };
    let mut workbook = None;
    for name in STREAMS_READ {
        let Some(entry) = entries
            .iter()
            .find(|e| entry_name(e).eq_ignore_ascii_case(name))
        else {
            continue;
        };
        let (start, len) = (u32_at(entry, 116), stream_len(entry, size));
        let what = format!("the stream {}", name.trim_start_matches('\u{5}'));
        let stream = if len < MINI_STREAM_CUTOFF {
            let count = mini_stream.len().div_ceil(MINI_SECTOR);
            walk(start, &mini_fat, len, count, |id| {
                let at = id as usize * MINI_SECTOR;
                match mini_stream.get(at..) {
                    Some(rest) if !rest.is_empty() => Ok(&rest[..rest.len().min(MINI_SECTOR)]),
                    _ => Err(format!(
                        "{what} is in mini sector {id}, past the end of the mini stream"
                    )),
                }
            })?
        } else {
            walk(start, &fat, len, file.count(), |id| file.present(id, &what))?
        };
        whole_stream(&stream, len, &what)?;
        if workbook.is_none() && (name == "Workbook" || name == "Book") {
            workbook = Some(stream);
        }
    }
    Ok(workbook)
}

/// A stream cut short (its chain ends before its size does, or the file does) is refused:
/// calamine would read what there is, and its XLS reader then slices records past the end of
/// the stream (a panic at `xls.rs:633`: a sheet's position past it).
#[cfg(feature = "legacy-spreadsheets")]
fn whole_stream(stream: &[u8], len: usize, what: &str) -> Result<(), String> {
    match stream.len() == len {
        true => Ok(()),
        false => Err(format!(
            "{what} is cut short: {} of its {len} bytes are in the file",
            stream.len()
        )),
    }
}

/// The file's sectors of `size` bytes after the header.
#[cfg(feature = "legacy-spreadsheets")]
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
}

#[cfg(feature = "legacy-spreadsheets")]
impl<'a> Sectors<'a> {
    /// How many sectors start inside the file (the last one may be cut short).
    fn count(&self) -> usize {
        (self.bytes.len() - 1) / self.size
    }

    /// Sector `id`, which must start inside the file; the end of the file may cut it short.
    fn present(&self, id: u32, what: &str) -> Result<&'a [u8], String> {
        let start = (id as usize + 1) * self.size;
        match self.bytes.get(start..) {
            Some(rest) if (id as usize) < self.count() => Ok(&rest[..rest.len().min(self.size)]),
            _ => Err(format!(
                "{what} is in sector {id}, past the end of the file"
            )),
        }
    }

    /// Sector `id`, which must be whole inside the file.
    fn whole(&self, id: u32, what: &str) -> Result<&'a [u8], String> {
        let sector = self.present(id, what)?;
        match sector.len() == self.size {
            true => Ok(sector),
            false => Err(format!(
                "{what} is in sector {id}, cut short by the end of the file"
            )),
        }
    }
}

/// The bytes of the chain from `start` through `table`, as calamine reads it: sector by sector
/// until END_OF_CHAIN or `len` bytes. Refused: a sector `sector` refuses, a next id outside
/// `table`, more than `count` steps (a cycle: there are no more sectors than that).
#[cfg(feature = "legacy-spreadsheets")]
fn walk<'a>(
    start: u32,
    table: &[u32],
    len: usize,
    count: usize,
    sector: impl Fn(u32) -> Result<&'a [u8], String>,
) -> Result<Vec<u8>, String> {
    let mut chain = Vec::new();
    let mut id = start;
    let mut steps = 0;
    while id != END_OF_CHAIN {
        steps += 1;
        let bytes = sector(id)?;
        if steps > count {
            return Err(format!("the chain through sector {id} loops"));
        }
        chain.extend_from_slice(&bytes[..bytes.len().min(len - chain.len())]);
        if chain.len() >= len {
            break;
        }
        id = *table
            .get(id as usize)
            .ok_or_else(|| format!("sector {id} is not in its allocation table"))?;
    }
    Ok(chain)
}

/// A directory entry's name: UTF-16LE up to its first NUL, as calamine reads it.
#[cfg(feature = "legacy-spreadsheets")]
fn entry_name(entry: &[u8]) -> String {
    let units = entry[..64]
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .take_while(|&c| c != '\0')
        .collect()
}

/// A directory entry's stream size: 32 bits in version 3 files (512-byte sectors), 64 in 4.
#[cfg(feature = "legacy-spreadsheets")]
fn stream_len(entry: &[u8], size: usize) -> usize {
    match size {
        512 => u32_at(entry, 120) as usize,
        _ => usize::try_from(u64::from_le_bytes(
            entry[120..128].try_into().unwrap_or_default(),
        ))
        .unwrap_or(usize::MAX),
    }
}

#[cfg(feature = "legacy-spreadsheets")]
pub(super) fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

#[cfg(feature = "legacy-spreadsheets")]
pub(super) fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

#[cfg(feature = "legacy-spreadsheets")]
fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
mod tests {

    use super::*;

    /// A Compound File of version 3 (512-byte sectors) whose directory sector lists `names`
    /// as streams.
    fn compound(names: &[&str]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        bytes.resize(512, 0);
        bytes[30] = 9;
        for name in names {
            let mut entry = vec![0u8; ENTRY];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, unit) in units.iter().enumerate() {
                entry[i * 2..i * 2 + 2].copy_from_slice(&unit.to_le_bytes());
            }
            entry[64..66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
            entry[66] = STREAM;
            bytes.extend_from_slice(&entry);
        }
        bytes
    }

    #[test]
    fn both_streams_make_an_encrypted_package() {
        assert!(is_encrypted(&compound(&[
            "EncryptionInfo",
            "\u{6}DataSpaces",
            "EncryptedPackage"
        ])));
        assert!(!is_encrypted(&compound(&["Workbook", "EncryptionInfo"])));
        assert!(!is_encrypted(&compound(&["Workbook"])));
        // The names must be whole: a longer one with the same start is another stream.
        assert!(!is_encrypted(&compound(&[
            "EncryptionInfoX",
            "EncryptedPackage"
        ])));
        assert!(!is_encrypted(b"PK\x03\x04"));
        assert!(!is_encrypted(&MAGIC));
    }
}
