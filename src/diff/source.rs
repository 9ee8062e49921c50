//! Where one side of a diff reads its policies: a folder as it is on disk,
//! or the policy folder as a git commit holds it. Commits are read with the
//! `git` command (`git ls-tree` for the file list, one `git cat-file
//! --batch` for every file's text), which every machine with a repository
//! has; no git library is linked in.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use super::errors::DiffError;
use crate::api::IoError;
use crate::diagnostic::FileDiagnostic;
use crate::limits::{Limit, LimitError, Limits};
use crate::plan::{PolicySet, SourceFile};

/// One side of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicySource {
    /// A folder of `.policy` files, read as it is.
    Folder(PathBuf),
    /// A commit-ish (`main`, `HEAD~1`, a hash) and the policy folder inside it.
    Commit { reference: String, dir: PathBuf },
}

impl PolicySource {
    /// `given` names a folder when one exists there, else a commit whose
    /// `policies` folder is read.
    pub fn parse(given: &str, policies: &Path) -> PolicySource {
        let path = Path::new(given);
        if path.is_dir() {
            PolicySource::Folder(path.to_path_buf())
        } else {
            PolicySource::Commit {
                reference: given.to_string(),
                dir: policies.to_path_buf(),
            }
        }
    }

    /// How reports name the side: the folder, or the commit as given.
    pub fn label(&self) -> String {
        match self {
            PolicySource::Folder(dir) => dir.display().to_string(),
            PolicySource::Commit { reference, .. } => reference.clone(),
        }
    }

    /// Reads and checks the side's policy set within `limits`.
    pub fn load(&self, limits: &Limits) -> Result<PolicySet, Vec<FileDiagnostic>> {
        match self {
            PolicySource::Folder(dir) => crate::load_policies_within(dir, limits),
            PolicySource::Commit { reference, dir } => {
                let files = read_commit(reference, dir, limits.policy_file_bytes)?;
                crate::check::check_within(files, limits)
            }
        }
    }
}

fn git(args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command.args(args).stdin(Stdio::null());
    command
}

/// Every `.policy` file below `dir` at `reference`, named `reference:path`
/// so diagnostics say which side they are about; a file of more than
/// `max_bytes` is refused before it is read, as on disk.
fn read_commit(
    reference: &str,
    dir: &Path,
    max_bytes: u64,
) -> Result<Vec<SourceFile>, Vec<FileDiagnostic>> {
    let mut entries = list_commit(reference, dir).map_err(|e| vec![e.diagnostic()])?;
    let mut refused = Vec::new();
    entries.retain(|entry| {
        let fits = entry.size <= max_bytes;
        if !fits {
            let subject = format!("`{}` has {} bytes", entry.shown, entry.size);
            let error = LimitError::new(Limit::PolicyFileBytes, max_bytes, subject);
            refused.push(IoError::about(&entry.shown, error));
        }
        fits
    });
    if !refused.is_empty() {
        return Err(refused);
    }
    let unavailable = |e: std::io::Error| {
        vec![DiffError::GitUnavailable {
            reason: e.to_string(),
        }
        .diagnostic()]
    };
    let texts = cat_blobs(entries.iter().map(|e| e.oid.as_str())).map_err(unavailable)?;
    Ok(entries
        .into_iter()
        .zip(texts)
        .map(|(entry, text)| SourceFile {
            path: Arc::from(entry.shown),
            text: Arc::from(text),
        })
        .collect())
}

/// A policy file of a commit.
struct Entry {
    /// `reference:path`.
    shown: String,
    oid: String,
    size: u64,
}

/// The `.policy` blobs below `dir` at `reference`, in path order.
fn list_commit(reference: &str, dir: &Path) -> Result<Vec<Entry>, DiffError> {
    let unavailable = |e: std::io::Error| DiffError::GitUnavailable {
        reason: e.to_string(),
    };
    let commit = format!("{reference}^{{commit}}");
    let verified = git(&["rev-parse", "--verify", "--quiet", &commit])
        .output()
        .map_err(unavailable)?;
    if !verified.status.success() {
        return Err(DiffError::UnknownSide {
            given: reference.to_string(),
            reason: "no such folder, and git knows no such commit here".into(),
        });
    }
    let shown_dir = dir.display().to_string();
    let listing = git(&["ls-tree", "-r", "-z", "-l", reference, "--", &shown_dir])
        .output()
        .map_err(unavailable)?;
    if !listing.status.success() {
        return Err(DiffError::UnknownSide {
            given: reference.to_string(),
            reason: String::from_utf8_lossy(&listing.stderr).trim().to_string(),
        });
    }
    // `<mode> blob <oid> <size>\t<path>` entries (the size padded with
    // spaces), NUL-separated, paths relative to the working directory as
    // `--policies` is.
    let mut entries: Vec<Entry> = String::from_utf8_lossy(&listing.stdout)
        .split('\0')
        .filter_map(|entry| {
            let (meta, path) = entry.split_once('\t')?;
            let mut meta = meta.split_whitespace();
            let (_, kind, oid) = (meta.next()?, meta.next()?, meta.next()?);
            let size = meta.next()?.parse().ok()?;
            (kind == "blob" && path.ends_with(".policy")).then(|| Entry {
                shown: format!("{reference}:{path}"),
                oid: oid.to_string(),
                size,
            })
        })
        .collect();
    entries.sort_by(|a, b| a.shown.cmp(&b.shown));
    if entries.is_empty() {
        return Err(DiffError::NoPoliciesAtCommit {
            reference: reference.to_string(),
            dir: shown_dir,
        });
    }
    Ok(entries)
}

/// The text of each blob, in order, from one `git cat-file --batch`.
fn cat_blobs<'a>(oids: impl Iterator<Item = &'a str>) -> std::io::Result<Vec<String>> {
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let mut request = String::new();
    for oid in oids {
        request.push_str(oid);
        request.push('\n');
    }
    // Written from a thread so a large answer cannot block the request.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| std::io::Error::other("no stdin"))?;
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut answer = Vec::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout.read_to_end(&mut answer)?;
    }
    child.wait()?;
    writer
        .join()
        .map_err(|_| std::io::Error::other("git input thread failed"))??;
    parse_batch(&answer)
}

/// `<oid> <type> <size>\n<content>\n` records, one per requested blob.
fn parse_batch(mut answer: &[u8]) -> std::io::Result<Vec<String>> {
    let bad =
        |what: &str| std::io::Error::other(format!("unexpected `git cat-file` answer: {what}"));
    let mut texts = Vec::new();
    while !answer.is_empty() {
        let header_end = answer
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("no header"))?;
        let header = String::from_utf8_lossy(&answer[..header_end]);
        let size: usize = header
            .rsplit(' ')
            .next()
            .and_then(|size| size.parse().ok())
            .ok_or_else(|| bad(&header))?;
        let start = header_end + 1;
        let content = answer
            .get(start..start + size)
            .ok_or_else(|| bad("short"))?;
        texts.push(String::from_utf8_lossy(content).into_owned());
        answer = answer.get(start + size + 1..).unwrap_or_default();
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_records_are_cut_by_their_sizes() {
        let answer = b"aa blob 3\nx\ny\nbb blob 0\n\n";
        assert_eq!(parse_batch(answer).unwrap(), vec!["x\ny", ""]);
    }

    #[test]
    fn a_missing_folder_is_read_as_a_commit() {
        let source = PolicySource::parse("no-such-folder-here", Path::new("policies"));
        assert_eq!(
            source,
            PolicySource::Commit {
                reference: "no-such-folder-here".into(),
                dir: PathBuf::from("policies"),
            }
        );
    }
}
