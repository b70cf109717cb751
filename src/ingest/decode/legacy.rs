//! Legacy encodings — GB18030 and GBK above all (what Excel saves CSV in on Chinese Windows),
//! and whatever else a user forces — are decoded by the build, not by the core: encoding_rs
//! natively (feature `legacy-encodings`), the host's `TextDecoder` in the browser (handed in by
//! `src/wasm/`, through [`crate::host::Host`]). So the wasm carries none of their tables.

pub use crate::host::{LegacyDecodeError, LegacyDecoder};

/// This build's own decoder, used when the caller hands in none.
#[cfg(feature = "legacy-encodings")]
pub(super) fn builtin() -> Option<LegacyDecoder> {
    Some(encoding_rs_decode)
}

/// This build has none (the browser build: its shell hands in the host's).
#[cfg(not(feature = "legacy-encodings"))]
pub(super) fn builtin() -> Option<LegacyDecoder> {
    None
}

/// How many bytes of `body` decode before the first malformed sequence. A decoder says only
/// whether bytes decode, not where they stop: this finds the longest prefix it accepts in
/// streaming mode, doubling then halving, so the work grows with the answer, not the file.
pub(super) fn valid_up_to(decode: LegacyDecoder, name: &str, body: &[u8]) -> usize {
    let decodes = |n: usize| decode(name, body.get(..n).unwrap_or(body), true).is_ok();
    let (mut good, mut step) = (0, 4096);
    let mut bad = loop {
        let n = (good + step).min(body.len());
        if !decodes(n) {
            break n;
        }
        if n == body.len() {
            // Only a sequence cut short at the very end is wrong.
            return n;
        }
        good = n;
        step *= 2;
    };
    while bad - good > 1 {
        let middle = good + (bad - good) / 2;
        if decodes(middle) {
            good = middle;
        } else {
            bad = middle;
        }
    }
    good
}

#[cfg(feature = "legacy-encodings")]
fn encoding_rs_decode(name: &str, bytes: &[u8], stream: bool) -> Result<String, LegacyDecodeError> {
    use encoding_rs::{DecoderResult, Encoding};
    let encoding = Encoding::for_label(name.as_bytes()).ok_or(LegacyDecodeError::Unsupported)?;
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len()),
    );
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, !stream);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::Malformed(..) => return Err(LegacyDecodeError::Malformed),
            DecoderResult::OutputFull => text.reserve(rest.len().max(16) * 3),
        }
    }
}

#[cfg(all(test, feature = "legacy-encodings"))]
mod tests {
    use super::*;

    /// The search against encoding_rs's own account of where the first malformed sequence
    /// ends: the bytes before it decode, and the byte that breaks the prefix is in it.
    #[test]
    fn valid_up_to_finds_the_first_bad_byte() {
        let text = "姓名,邮箱\r\n张伟,zhang@example.cn\r\n".repeat(700);
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        for at in [0, 1, 5, 4095, 4096, 4097, gbk.len() / 2, gbk.len() - 1] {
            let mut bytes = gbk.to_vec();
            bytes.insert(at, 0xFF);
            let found = valid_up_to(encoding_rs_decode, "gb18030", &bytes);
            let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
            let mut out = String::with_capacity(bytes.len() * 3);
            let (result, read) =
                decoder.decode_to_string_without_replacement(&bytes, &mut out, true);
            let encoding_rs::DecoderResult::Malformed(bad, after) = result else {
                panic!("{at}: {result:?}");
            };
            let end = read - usize::from(after);
            assert!(
                (end - usize::from(bad)..end).contains(&found),
                "{at}: {found} not in the sequence ending at {end}"
            );
            assert!(encoding_rs_decode("gb18030", &bytes[..found], true).is_ok());
        }
        // Cut short at the end: only the last sequence is wrong.
        let cut = &gbk[..gbk.len() - 3];
        assert_eq!(valid_up_to(encoding_rs_decode, "gb18030", cut), cut.len());
    }

    #[test]
    fn streaming_leaves_a_cut_sequence_out() {
        let (gbk, _, _) = encoding_rs::GB18030.encode("a张");
        let cut = &gbk[..2];
        assert_eq!(encoding_rs_decode("gbk", cut, true), Ok("a".into()));
        assert_eq!(
            encoding_rs_decode("gbk", cut, false),
            Err(LegacyDecodeError::Malformed)
        );
        assert_eq!(
            encoding_rs_decode("klingon", cut, false),
            Err(LegacyDecodeError::Unsupported)
        );
    }
}
