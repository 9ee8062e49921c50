//! Reading one input file. Only regular files are read: a device, FIFO or
//! socket could give bytes without end (`/dev/zero`) or block forever, so
//! it is refused before it is opened. A file past its size limit is refused
//! before it is read, and a file that grows while it is read stops at the
//! limit.

use std::fs::{File, FileType};
use std::io::Read;
use std::path::Path;

use miette::Diagnostic;
use thiserror::Error;

use crate::api::IoError;
use crate::diagnostic::FileDiagnostic;
use crate::limits::{Limit, LimitError};

/// Why a file was not read.
#[derive(Debug, Error, Diagnostic)]
pub enum ReadError {
    #[error("`{path}` is {kind}, not a regular file")]
    #[diagnostic(
        code(eligo::io::not_a_file),
        help("eligo reads only regular files; copy the input to a file and pass that")
    )]
    NotAFile { path: String, kind: &'static str },

    #[error("`{path}` is not UTF-8 text (byte {offset} is not valid UTF-8)")]
    #[diagnostic(code(eligo::io::not_utf8), help("save the file as UTF-8"))]
    NotUtf8 { path: String, offset: usize },
}

/// Opens `path` for reading if it is a regular file of at most `max`
/// bytes, `limit` naming which limit that is. A caller that reads it as a
/// stream reads at most `max` bytes of it.
pub fn open_regular(path: &Path, limit: Limit, max: u64) -> Result<File, FileDiagnostic> {
    let shown = path.display().to_string();
    let io = |error: std::io::Error| IoError::diagnostic(&shown, error.to_string(), None);
    // `metadata` follows symbolic links, so a link to a device is refused
    // too; it does not open the file, so a FIFO cannot block us here.
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        let kind = describe(meta.file_type());
        return Err(IoError::about(
            &shown,
            ReadError::NotAFile {
                path: shown.clone(),
                kind,
            },
        ));
    }
    if meta.len() > max {
        return Err(too_large(&shown, limit, max, meta.len()));
    }
    File::open(path).map_err(io)
}

fn too_large(shown: &str, limit: Limit, max: u64, size: u64) -> FileDiagnostic {
    let subject = format!("`{shown}` has {size} bytes");
    IoError::about(shown, LimitError::new(limit, max, subject))
}

/// Reads `path` as UTF-8 text of at most `max` bytes, `limit` naming which
/// limit that is.
pub fn read_text(path: &Path, limit: Limit, max: u64) -> Result<String, FileDiagnostic> {
    let shown = path.display().to_string();
    let io = |error: std::io::Error| IoError::diagnostic(&shown, error.to_string(), None);
    let file = open_regular(path, limit, max)?;
    let expected = file.metadata().map_or(0, |meta| meta.len());
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(too_large(&shown, limit, max, bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        IoError::about(
            &shown,
            ReadError::NotUtf8 {
                path: shown.clone(),
                offset,
            },
        )
    })
}

fn describe(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "something other than a file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("eligo-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("scratch file");
        path
    }

    #[test]
    fn a_file_within_the_limit_is_read_whole() {
        let path = scratch("ok.yaml", b"a: 1\n");
        assert_eq!(
            read_text(&path, Limit::ScenarioFileBytes, 5)
                .as_deref()
                .ok(),
            Some("a: 1\n")
        );
    }

    #[test]
    fn a_file_past_the_limit_is_refused_with_the_limit_code() {
        let path = scratch("big.yaml", b"a: 12\n");
        let error = read_text(&path, Limit::ScenarioFileBytes, 5).expect_err("too large");
        assert_eq!(error.code_text(), "eligo::limit::scenario_file_bytes");
        assert!(
            error.message().contains("has 6 bytes"),
            "{}",
            error.message()
        );
    }

    #[test]
    fn a_folder_is_not_read_as_a_file() {
        let path = scratch("x", b"");
        let dir = path.parent().expect("parent");
        let error = read_text(dir, Limit::PolicyFileBytes, 100).expect_err("folder");
        assert_eq!(error.code_text(), "eligo::io::not_a_file");
        assert!(
            error.message().contains("is a folder"),
            "{}",
            error.message()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_before_it_is_opened() {
        let error =
            read_text(Path::new("/dev/zero"), Limit::ScenarioFileBytes, 100).expect_err("device");
        assert_eq!(error.code_text(), "eligo::io::not_a_file");
        assert!(
            error.message().contains("a character device"),
            "{}",
            error.message()
        );
    }

    #[test]
    fn text_that_is_not_utf8_says_where() {
        let path = scratch("latin1.yaml", b"a: caf\xe9\n");
        let error = read_text(&path, Limit::ScenarioFileBytes, 100).expect_err("not utf-8");
        assert_eq!(error.code_text(), "eligo::io::not_utf8");
        assert!(error.message().contains("byte 6"), "{}", error.message());
    }
}
