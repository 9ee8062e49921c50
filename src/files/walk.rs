//! Walking folders for input files. Symbolic links are followed, but each
//! real folder is entered at most once, so a link to `.` or to a parent
//! ends instead of looping; anything that is not a folder is never entered,
//! and the walk keeps its own stack, so deep trees cannot overflow ours.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files `wanted` accepted, in sorted path order.
    pub files: Vec<PathBuf>,
    /// Folders skipped because they had been entered already (through a
    /// symbolic link that leads back to them).
    pub revisits: usize,
}

/// Every entry below `root` for which `wanted` holds and that is not a
/// folder; hidden entries (names starting with `.`) are skipped when
/// `skip_hidden` is set. An entry that is not a regular file is still
/// returned, so reading it can say what it is.
///
/// # Errors
/// The folder that could not be read, and why.
pub fn walk(
    root: &Path,
    skip_hidden: bool,
    wanted: impl Fn(&Path) -> bool,
) -> Result<Walk, (PathBuf, io::Error)> {
    let mut found = Walk::default();
    let mut entered = HashSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let identity = identity(&dir).map_err(|error| (dir.clone(), error))?;
        if !entered.insert(identity) {
            found.revisits += 1;
            continue;
        }
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(&dir).map_err(|error| (dir.clone(), error))? {
            let entry = entry.map_err(|error| (dir.clone(), error))?;
            if skip_hidden && entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().map_err(|error| (path.clone(), error))?;
            entries.push((path, kind));
        }
        // Sorted, so that when two paths lead to one folder, the same one
        // wins on every run and every file system.
        entries.sort_by(|a, b| b.0.cmp(&a.0));
        for (path, kind) in entries {
            // A link counts as what it leads to; a dangling one as a file,
            // so that reading it reports the broken link.
            let is_dir = kind.is_dir() || (kind.is_symlink() && path.is_dir());
            if is_dir {
                pending.push(path);
            } else if wanted(&path) {
                found.files.push(path);
            }
        }
    }
    found.files.sort();
    Ok(found)
}

/// What makes two paths the same folder.
#[cfg(unix)]
fn identity(dir: &Path) -> io::Result<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir)?;
    Ok((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(dir: &Path) -> io::Result<PathBuf> {
    std::fs::canonicalize(dir)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn tree(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("eligo-walk-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b")).expect("folders");
        std::fs::write(dir.join("a/one.policy"), "").expect("file");
        std::fs::write(dir.join("a/b/two.policy"), "").expect("file");
        std::fs::write(dir.join("a/b/notes.txt"), "").expect("file");
        dir
    }

    fn policy(path: &Path) -> bool {
        path.extension().is_some_and(|ext| ext == "policy")
    }

    fn names(walk: &Walk, root: &Path) -> Vec<String> {
        let relative = |p: &PathBuf| p.strip_prefix(root).unwrap_or(p).display().to_string();
        walk.files.iter().map(relative).collect()
    }

    #[test]
    fn files_below_every_folder_are_found_in_path_order() {
        let root = tree("plain");
        let walk = walk(&root, false, policy).expect("walks");
        assert_eq!(names(&walk, &root), ["a/b/two.policy", "a/one.policy"]);
    }

    #[test]
    fn links_to_the_folder_itself_or_a_parent_end_the_walk() {
        let root = tree("loops");
        symlink(".", root.join("a/b/self")).expect("link");
        symlink("../..", root.join("a/b/up")).expect("link");
        let walk = walk(&root, false, policy).expect("walks");
        assert_eq!(names(&walk, &root), ["a/b/two.policy", "a/one.policy"]);
        assert_eq!(walk.revisits, 2);
    }

    #[test]
    fn a_folder_named_like_a_file_is_entered_not_read() {
        let root = tree("named");
        std::fs::create_dir_all(root.join("odd.policy")).expect("folder");
        std::fs::write(root.join("odd.policy/three.policy"), "").expect("file");
        let walk = walk(&root, false, policy).expect("walks");
        assert_eq!(
            names(&walk, &root),
            ["a/b/two.policy", "a/one.policy", "odd.policy/three.policy"]
        );
    }

    #[test]
    fn a_link_to_a_folder_outside_is_followed_once() {
        let root = tree("outside");
        let other = tree("outside-target");
        symlink(&other, root.join("linked")).expect("link");
        symlink(&other, root.join("linked-again")).expect("link");
        let walk = walk(&root, false, policy).expect("walks");
        assert_eq!(walk.files.len(), 4, "{:?}", walk.files);
        assert_eq!(walk.revisits, 1);
    }

    #[test]
    fn hidden_entries_are_skipped_when_asked() {
        let root = tree("hidden");
        std::fs::create_dir_all(root.join(".git")).expect("folder");
        std::fs::write(root.join(".git/x.policy"), "").expect("file");
        assert_eq!(walk(&root, true, policy).expect("walks").files.len(), 2);
        assert_eq!(walk(&root, false, policy).expect("walks").files.len(), 3);
    }
}
