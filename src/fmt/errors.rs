//! Why a file was left as it was.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

#[derive(Clone, Debug, Error, Diagnostic)]
pub enum FmtError {
    /// A guard, not an expected outcome: the formatted text is parsed again
    /// and compared before anything is written.
    #[error("formatting this file would change what it says, so it was left as it is")]
    #[diagnostic(
        code(eligo::fmt::meaning_changed),
        help("this is a bug in `eligo fmt`; the file is untouched")
    )]
    MeaningChanged {
        #[label("this file")]
        span: SourceSpan,
    },
}
