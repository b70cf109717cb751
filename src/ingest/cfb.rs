//! Password-protected workbooks. Excel and WPS encrypt an `.xlsx` by wrapping it in a Compound
//! File (the container of old `.xls` files, MS-CFB) holding two streams, `EncryptionInfo` and
//! `EncryptedPackage` (MS-OFFCRYPTO §2.3.4): by its first bytes such a file looks like an
//! `.xls`, so it is recognised here, in every build, before anything tries to read it as one.

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
