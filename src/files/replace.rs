//! Replacing a file's contents so that nothing is lost: the new text goes
//! to a temporary file in the same folder, is flushed to disk, takes the
//! old file's permissions and is renamed over the old file. Rename within
//! a folder is atomic, so a run that is interrupted, or a disk that fills
//! up, leaves the old file or the new one, never a mix or an empty file.

use std::io::{self, Write};
use std::path::Path;

/// Replaces `path` with `contents` (or creates it).
pub fn replace(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_with(path, |out| out.write_all(contents))
}

/// Replaces `path` with what `write` writes. When `write` fails, the
/// temporary file is removed and `path` is left as it was.
///
/// A read-only file is not replaced: that it may not be written is the
/// owner's word, even where the folder would allow the rename.
pub fn replace_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let existing = match std::fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return Err(io::Error::other("not a regular file"));
        }
        if meta.permissions().readonly() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only",
            ));
        }
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // Dropping `temporary` on any early return removes it.
    let mut builder = tempfile::Builder::new();
    builder.prefix(".eligo-").suffix(".tmp");
    #[cfg(unix)]
    if existing.is_none() {
        // A new file gets the usual mode (less the umask), not the private
        // one temporary files are made with.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temporary = builder.tempfile_in(folder)?;
    {
        let mut buffered = io::BufWriter::new(temporary.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    if let Some(meta) = &existing {
        temporary.as_file().set_permissions(meta.permissions())?;
    }
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("eligo-replace-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("folder");
        dir
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("lists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_new_text_replaces_the_old_and_no_temporary_file_stays() {
        let dir = folder("new");
        let path = dir.join("a.policy");
        std::fs::write(&path, "old").expect("write");
        replace(&path, b"new").expect("replaces");
        assert_eq!(std::fs::read_to_string(&path).expect("reads"), "new");
        assert_eq!(leftovers(&dir), ["a.policy"]);
    }

    #[test]
    fn a_writer_that_fails_halfway_leaves_the_old_file_whole() {
        let dir = folder("full-disk");
        let path = dir.join("a.policy");
        std::fs::write(&path, "old text").expect("write");
        let full_disk = |out: &mut dyn Write| {
            out.write_all(b"half of the new")?;
            out.flush()?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        };
        let error = replace_with(&path, full_disk).expect_err("the disk is full");
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read_to_string(&path).expect("reads"), "old text");
        assert_eq!(leftovers(&dir), ["a.policy"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = folder("mode");
        let path = dir.join("a.policy");
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        replace(&path, b"new").expect("replaces");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn a_read_only_file_is_left_as_it_is() {
        let dir = folder("read-only");
        let path = dir.join("a.policy");
        std::fs::write(&path, "old").expect("write");
        let mut permissions = std::fs::metadata(&path).expect("meta").permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).expect("chmod");
        let error = replace(&path, b"new").expect_err("read-only");
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(std::fs::read_to_string(&path).expect("reads"), "old");
        assert_eq!(leftovers(&dir), ["a.policy"]);
    }

    #[test]
    fn a_missing_file_is_created() {
        let dir = folder("create");
        let path = dir.join("new.yaml");
        replace(&path, b"text").expect("creates");
        assert_eq!(std::fs::read_to_string(&path).expect("reads"), "text");
    }
}
