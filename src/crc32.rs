//! The zip format's CRC-32, computed by zlib-rs: the wasm holds its CRC code and tables anyway
//! (its inflate checks gzip streams with them), so a second implementation (crc32fast, whose
//! table alone is 16 KiB) would only add bytes to the page.

/// A running CRC-32 and the length it covers (which combining needs).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Crc32 {
    value: u32,
    len: u64,
}

impl Crc32 {
    pub(crate) fn new() -> Crc32 {
        Crc32::default()
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.value = zlib_rs::crc32::crc32(self.value, bytes);
        self.len += bytes.len() as u64;
    }

    /// Extends this CRC by `next`'s, as if `next`'s bytes had been added here.
    pub(crate) fn combine(&mut self, next: &Crc32) {
        self.value = zlib_rs::crc32::crc32_combine(self.value, next.value, next.len);
        self.len += next.len;
    }

    pub(crate) fn finalize(self) -> u32 {
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(bytes: &[u8]) -> u32 {
        let mut crc = Crc32::new();
        crc.update(bytes);
        crc.finalize()
    }

    #[test]
    fn the_check_value_of_crc_32() {
        // The standard check value of CRC-32 (ISO-HDLC, as zip uses it).
        assert_eq!(of(b"123456789"), 0xCBF4_3926);
        assert_eq!(of(b""), 0);
    }

    #[test]
    fn pieces_updated_or_combined_give_the_crc_of_the_whole() {
        let bytes: Vec<u8> = (0..10_000u32).map(|i| (i * 7 + i / 13) as u8).collect();
        for cut in [0, 1, 63, 64, 65, 4_999, 10_000] {
            let (head, tail) = bytes.split_at(cut);
            let mut updated = Crc32::new();
            updated.update(head);
            updated.update(tail);
            assert_eq!(updated.finalize(), of(&bytes), "updated, cut at {cut}");
            let (mut first, mut second) = (Crc32::new(), Crc32::new());
            first.update(head);
            second.update(tail);
            first.combine(&second);
            assert_eq!(first.finalize(), of(&bytes), "combined, cut at {cut}");
        }
    }
}
