//! The file system, as eligo meets it: reading a file (regular files only,
//! up to a size limit), walking folders (each real folder once, so symbolic
//! link loops end), and replacing a file so that it is always either the old
//! or the new text.

mod read;
mod replace;
mod walk;

pub use read::{open_regular, read_text, ReadError};
pub use replace::{replace, replace_with};
pub use walk::{walk, Walk};
