//! What the core asks of whoever runs it, through one narrow interface (in the style of typst's
//! `World`): the browser shell and the command line are two hosts. The core owns no IO, no
//! clock and no JS: a host decodes legacy encodings if the build does not, and hears of
//! progress.

/// Decodes `bytes` strictly as the WHATWG encoding `name` (a name from the label table, such as
/// `gb18030`). With `stream`, a multi-byte sequence cut short at the end of `bytes` is left out
/// rather than called malformed, as `TextDecoder.decode(bytes, { stream: true })` does.
pub type LegacyDecoder =
    fn(name: &str, bytes: &[u8], stream: bool) -> Result<String, LegacyDecodeError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyDecodeError {
    /// The bytes are not valid in that encoding.
    Malformed,
    /// This decoder does not know that encoding.
    Unsupported,
}

/// Stages reported to [`Host::progress`] as each starts, in order. The core keeps no clock: a
/// host that wants per-stage timings measures between calls (the CLI's `--timings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Decode the bytes, parse rows, find headers and columns.
    Read,
    /// Normalise rows into accounts and members, with their field checks.
    Records,
    /// Index the keys and match; read the uploaded roster and apply it and the overrides.
    Match,
    /// The rules that follow from the assignments and from the options.
    Rules,
    /// Sort the findings and assemble the report.
    Report,
    /// Finished.
    Done,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Stage::Read,
        Stage::Records,
        Stage::Match,
        Stage::Rules,
        Stage::Report,
        Stage::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Records => "records",
            Stage::Match => "match",
            Stage::Rules => "rules",
            Stage::Report => "report",
            Stage::Done => "done",
        }
    }
}

/// The services a host gives a check. Every method has a default: a native build needs none.
pub trait Host {
    /// The decoder of GB18030 and the other legacy encodings; `None`: this build's own
    /// (encoding_rs natively; the browser build has none and asks its host's `TextDecoder`).
    fn legacy_decoder(&self) -> Option<LegacyDecoder> {
        None
    }

    /// `stage` starts.
    fn progress(&mut self, _stage: Stage) {}
}

/// A host that gives nothing: the build's own decoder, no progress.
pub struct Quiet;

impl Host for Quiet {}

/// A host that hears of progress through a function.
pub struct Progress<'f>(pub &'f mut dyn FnMut(Stage));

impl Host for Progress<'_> {
    fn progress(&mut self, stage: Stage) {
        (self.0)(stage)
    }
}
