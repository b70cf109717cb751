//! What every fuzz target checks of a refusal: an `Error` (never a panic) whose message names
//! the file it is about, in every language.

use roster_check::{Error, FileKind, Lang};

/// `e` names `file` (when it is about one) in its legacy text and each language's message.
pub fn assert_refusal_names(e: &Error, file: Option<FileKind>) {
    let message = e.to_string();
    assert!(!message.is_empty());
    let Some(file) = file.or(e.file()) else {
        return;
    };
    assert!(message.contains(file.as_str()), "refusal without the file: {message}");
    for &lang in Lang::ALL {
        let text = e.message(lang);
        assert!(text.starts_with(file.noun(lang)), "{lang:?}: {text}");
    }
}
