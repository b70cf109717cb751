//! What every fuzz target checks of a refusal: an `Error` (never a panic) whose message names
//! the input it is about, in the legacy text and in every language.

use roster_check::{Error, FileKind, Lang};

/// `e` names `file` (the input the target read, when it is about one) in its legacy text, and
/// each language's sentence starts with the name of the input the error is about (`options`
/// for an encoding given in the options, say).
pub fn assert_refusal_names(e: &Error, file: Option<FileKind>) {
    let message = e.to_string();
    assert!(!message.is_empty());
    if let Some(file) = file.or(e.file()) {
        assert!(message.contains(file.as_str()), "refusal without the file: {message}");
    }
    let Some(about) = e.file() else {
        return;
    };
    for &lang in Lang::ALL {
        // The English sentence starts with a capital ("Options: …").
        let (text, noun) = (e.message(lang).to_lowercase(), about.noun(lang).to_lowercase());
        assert!(text.starts_with(&noun), "{lang:?}: {text}");
    }
}
